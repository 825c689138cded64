"""Comparing two drafts in Word: the redline of two demo builds with a corrected submission between them.

The trade department re-sent March with the month's retail sales corrected
(9.239,42 → 9.339,42 tỷ đồng). The redline must mark exactly what that
changed (the figure's sentences, its appendix cell, its chart), comment each
changed figure with the submission that changed it, give the new text when
every change is accepted and the old when every change is rejected, survive
LibreOffice, and be the same bytes every time.
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from docx import Document
from lxml import etree

from reportgen.cli import main
from reportgen.compare.redline import accept_all, document_text, reject_all
from reportgen.report.bookmarks import stated_figures

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CAUSE = "Sở Công Thương nộp lại 2023-03_SCT_dieu-chinh.xlsx lúc 09:42 ngày 27/03/2023: sửa số liệu"


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def part(docx: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return etree.fromstring(archive.read(name))


def marked(element: etree._Element, tag: str) -> list[str]:
    """The text of each ``w:ins`` or ``w:del`` under ``element``."""
    text = W + ("delText" if tag == "del" else "t")
    return ["".join(t.text or "" for t in mark.iter(text)) for mark in element.iter(W + tag)]


@pytest.fixture
def compared(two_builds: tuple[int, int, Path, Path], demo_db: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    _, _, old, new = two_builds
    out, package = tmp_path / "so-sanh.docx", tmp_path / "goi"
    done = cli("compare", str(old), str(new), "--out", str(out), "--package", str(package), "--user", "reportgen",
               "--db", str(demo_db))
    assert done.exit_code == 0, done.output
    return old, new, out


def it_marks_exactly_the_corrected_figure_and_what_rests_on_it(compared: tuple[Path, Path, Path]) -> None:
    old, new, out = compared
    redline = out.read_bytes()
    body = part(redline, "word/document.xml")
    assert "9.239,42" in marked(body, "del") and "9.339,42" in marked(body, "ins")
    changed = stated_figures(new.read_bytes()).items() - stated_figures(old.read_bytes()).items()
    for paragraph in body.iter(W + "p"):
        if next(paragraph.iter(W + "ins", W + "del"), None) is None or next(paragraph.iterancestors(W + "tbl"),
                                                                                None) is not None:
            continue
        names = {b.get(W + "name") for b in paragraph.iter(W + "bookmarkStart")}
        drawing = next(paragraph.iter(W + "drawing"), None) is not None
        assert drawing or names & {name for name, _ in changed}, "".join(t.text or "" for t in paragraph.iter(W + "t"))
    rows = [row for row in body.iter(W + "tr") if next(row.iter(W + "ins", W + "del"), None) is not None]
    assert rows and all("bán lẻ" in "".join(t.text or "" for t in row.iter(W + "t")) for row in rows)
    assert any(next(mark.iter(W + "drawing"), None) is not None for mark in body.iter(W + "ins"))  # the chart


def it_comments_each_changed_figure_with_its_cause(compared: tuple[Path, Path, Path]) -> None:
    _, _, out = compared
    comments = part(out.read_bytes(), "word/comments.xml")
    texts = ["".join(t.text or "" for t in c.iter(W + "t")) for c in comments.iter(W + "comment")]
    assert texts and CAUSE in texts
    body = part(out.read_bytes(), "word/document.xml")
    assert len(list(body.iter(W + "commentRangeStart"))) == len(texts) == len(list(body.iter(W + "commentReference")))


def it_gives_the_new_text_when_accepted_and_the_old_when_rejected(compared: tuple[Path, Path, Path]) -> None:
    old, new, out = compared
    redline = out.read_bytes()
    assert document_text(accept_all(redline)) == document_text(new.read_bytes())
    assert document_text(reject_all(redline)) == document_text(old.read_bytes())


def it_writes_the_same_redline_every_time(compared: tuple[Path, Path, Path], demo_db: Path, tmp_path: Path) -> None:
    old, new, out = compared
    again = tmp_path / "lai.docx"
    assert cli("compare", str(old), str(new), "--out", str(again), "--user", "reportgen",
               "--db", str(demo_db)).exit_code == 0
    assert again.read_bytes() == out.read_bytes()


def it_gives_a_reviewer_one_folder(compared: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _, _, out = compared
    package = tmp_path / "goi"
    assert sorted(p.name for p in package.iterdir()) == ["so-lieu-thay-doi.xlsx", "so-sanh.docx", "tom-tat.docx"]
    assert (package / "so-sanh.docx").read_bytes() == out.read_bytes()
    summary = [p.text for p in Document(str(package / "tom-tat.docx")).paragraphs]
    assert summary[0] == "Tóm tắt thay đổi từ ban-1.docx đến ban-2.docx"
    assert any(line.endswith("số liệu thay đổi, trong đó 0 đổi cách nói do so sánh đảo chiều và 0 sửa tay.")
               for line in summary)
    assert CAUSE in summary


@pytest.mark.libreoffice
def it_keeps_the_tracked_changes_through_libreoffice(compared: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _, _, out = compared
    converted = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(converted), str(out)], check=True, capture_output=True,
                   timeout=240)
    again = (converted / out.name).read_bytes()
    body = part(again, "word/document.xml")
    assert "9.239,42" in "".join(marked(body, "del")) and "9.339,42" in "".join(marked(body, "ins"))
    comments = part(again, "word/comments.xml")
    assert CAUSE in "".join(t.text or "" for t in comments.iter(W + "t"))
    accepted, rejected = " ".join(document_text(accept_all(again))), " ".join(document_text(reject_all(again)))
    assert "9.339,42" in accepted and "9.239,42" not in accepted  # LibreOffice's copy still accepts
    assert "9.239,42" in rejected and "9.339,42" not in rejected  # and rejects, to the right text
