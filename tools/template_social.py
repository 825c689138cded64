"""Sections 4-7 of the starting template: urban affairs, culture and society,
administration, foreign affairs, defence and security.

Kept apart from make_template.py so the sentences of these sections can be
written without touching the rest. Each section: a heading, the generated
sentences over catalog figures, then the departments' narrative.
"""

from __future__ import annotations

from docx import Document

from template_kit import body, h, narrative  # noqa: F401  (body is for the sentences of these sections)

OTHER_SECTIONS = [
    ("4. Công tác quản lý đô thị, tài nguyên môi trường", [
        ("a. Công tác quản lý đô thị, xây dựng:", "urban.construction"),
        ("b. Công tác quản lý đất đai, môi trường:", "urban.land"),
    ]),
    ("5. Lĩnh vực văn hóa - xã hội", [
        ("a. Giáo dục - đào tạo:", "social.education"),
        ("b. Khoa học - công nghệ:", "social.science"),
        ("c. Y tế và chăm sóc sức khỏe cộng đồng:", "social.health"),
        ("d. Lao động - Thương binh và Xã hội:", "social.labour"),
        ("e. Văn hóa - Thể dục và thể thao:", "social.culture"),
        ("g. Thông tin và truyền thông:", "social.information"),
    ]),
    ("6. Cải cách hành chính - thanh tra - tư pháp", [
        ("a. Công tác cải cách hành chính:", "admin.reform"),
        ("b. Thanh tra:", "admin.inspection"),
        ("c. Tư pháp:", "admin.justice"),
    ]),
    ("7. Hoạt động đối ngoại - Quốc phòng an ninh", [
        ("a. Hoạt động đối ngoại:", "external.foreign"),
        ("b. Quốc phòng, an ninh:", "external.defence"),
    ]),
]


def other_sections(doc: Document) -> None:
    for title, parts in OTHER_SECTIONS:
        h(doc, title, "1")
        for heading, section in parts:
            h(doc, heading, "a")
            narrative(doc, section)


