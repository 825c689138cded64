"""Every Vietnamese word the program says: messages, labels and phrases, in one file to review.

Users of reportgen (department clerks, planning staff, reviewers) read
Vietnamese; code, logs and developer documentation are English. Every text a
user reads comes from here: the validation messages, the form's labels, the
report's phrases, the command line's help and answers. A test fails on a
Vietnamese string literal anywhere else in the package (the Word template,
the catalog and the demo's data files aside).
"""

from __future__ import annotations

# Keys are the plain values of reportgen.model's enums (an enum member looks its text up as itself).

# Outcomes of a submitted file, as the import summary and the portal say them.
STATUS_TEXT = {
    "accepted": "ĐÃ TIẾP NHẬN",
    "rejected": "BỊ TỪ CHỐI",
    "duplicate": "ĐÃ CÓ, KHÔNG THAY ĐỔI",
    "checked": "HỢP LỆ (CHƯA LƯU)",
}

# A department's state for a period (``reportgen status``).
STATE_TEXT = {"accepted": "Đã tiếp nhận", "rejected": "Bị từ chối", "missing": "Chưa nộp"}

SEVERITY_TEXT = {"error": "Lỗi", "warning": "Cảnh báo"}
