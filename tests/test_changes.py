"""Figure changes between drafts: which figures a corrected submission changed, and why.

Two builds of March 2023 from the demo's store, with the trade department's
form sent again between them with one figure corrected (retail sales of the
month, 9.239,42 → 9.339,42 tỷ đồng): the changes are that figure and the
figures computed from it, each with the corrected submission as its cause; a
draft edited by hand in Word is read through the bookmarks it kept.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner, Result
from lxml import etree
from openpyxl import load_workbook

from reportgen import Catalog, Period, Store, build_report
from reportgen.cli import main
from reportgen.compare.changes import ChangeKind, draft_of_build, draft_of_docx, figure_changes
from reportgen.report.bookmarks import NAME_LIMIT, bookmark_name, stated_figures

MARCH = Period(2023, 3)
CORRECTED = "2023-03_SCT_dieu-chinh.xlsx"  # as the conftest's correct_retail_sales names it
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def derived_from(catalog: Catalog, code: str) -> set[str]:
    """The indicator and every indicator computed from it (formulas, sums of parts), transitively."""
    found = {code}
    grown = True
    while grown:
        grown = False
        for ind in catalog.indicators.values():
            operands = set(ind.formula_names()) | {child.code for child in catalog.children(ind.code)}
            if ind.code not in found and operands & found:
                found.add(ind.code)
                grown = True
    return found


def it_records_the_figures_each_build_states(two_builds: tuple[int, int, Path, Path], copied_store: Store) -> None:
    _, second, _, docx = two_builds
    record = copied_store.build(build_id=second)
    assert record is not None
    stated = json.loads(record["stated"])
    assert stated == stated_figures(docx.read_bytes())
    assert stated["f_retail_sales__month"] == "9.339,42" and len(stated) > 200


def it_lists_exactly_the_corrected_figure_and_those_computed_from_it(
        two_builds: tuple[int, int, Path, Path], catalog: Catalog, copied_store: Store) -> None:
    first, second, _, _ = two_builds
    changes = figure_changes(catalog, copied_store, draft_of_build(copied_store, first),
                             draft_of_build(copied_store, second))
    assert {c.indicator for c in changes} <= derived_from(catalog, "retail_sales")
    by_figure = {(c.indicator, c.span): c for c in changes}
    month = by_figure[("retail_sales", "month")]
    assert (month.old, month.new, month.kind) == ("9.239,42", "9.339,42", ChangeKind.VALUE)
    assert by_figure[("retail_sales", "ytd")].new != by_figure[("retail_sales", "ytd")].old
    assert ("retail_sales", "mom") in by_figure
    for change in changes:
        assert [(c.department, c.file_name, c.action) for c in change.causes] == [("SCT", CORRECTED, "correction")]
    assert month.reason() == ("Sở Công Thương nộp lại 2023-03_SCT_dieu-chinh.xlsx lúc 09:42 ngày 27/03/2023: "
                              "sửa số liệu")


def it_says_when_a_comparison_flips(tmp_path: Path, catalog: Catalog, clock: Callable[[], dt.datetime],
                                    copied_store: Store, correct: Callable[..., None]) -> None:
    first = build_report(catalog, copied_store, MARCH, tmp_path / "ban-1.docx", clock=clock, actor="lan")
    correct(tmp_path, catalog, copied_store, Decimal(-2000))  # now below February: tăng → giảm
    second = build_report(catalog, copied_store, MARCH, tmp_path / "ban-2.docx", clock=clock, actor="lan")
    assert first.build_id and second.build_id
    changes = figure_changes(catalog, copied_store, draft_of_build(copied_store, first.build_id),
                             draft_of_build(copied_store, second.build_id))
    [mom] = [c for c in changes if (c.indicator, c.span) == ("retail_sales", "mom")]
    assert mom.kind == ChangeKind.WORDING and (mom.old or "").startswith("tăng") and (mom.new or "").startswith("giảm")
    assert mom.reason().startswith("đổi cách nói do so sánh đảo chiều; Sở Công Thương nộp lại")


def edit_figure(docx: bytes, bookmark: str, text: str) -> bytes:
    """The document as Word saves it after a planner typed ``text`` over a figure (the bookmark kept)."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    document = etree.fromstring(source.read("word/document.xml"))
    [start] = [b for b in document.iter(W + "bookmarkStart") if b.get(W + "name") == bookmark]
    run = start.getnext()
    assert run is not None
    [t] = run.findall(W + "t")
    t.text = text
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = etree.tostring(document) if name == "word/document.xml" else source.read(name)
            target.writestr(name, data)
    return out.getvalue()


def it_lists_a_figure_typed_by_hand_into_a_draft(two_builds: tuple[int, int, Path, Path], catalog: Catalog,
                                                 copied_store: Store) -> None:
    _, second, _, docx = two_builds
    edited = edit_figure(docx.read_bytes(), "f_exports__month", "182,000")
    built = draft_of_docx(copied_store, docx.read_bytes(), "ban-2.docx")
    assert built.build_id == second  # recognised by its hash
    by_hand = draft_of_docx(copied_store, edited, "ban-2-sua.docx")
    assert by_hand.build_id is None and by_hand.manifest is None
    [change] = figure_changes(catalog, copied_store, built, by_hand)
    assert (change.indicator, change.span, change.old, change.new, change.kind, change.reason()) == (
        "exports", "month", "181,526", "182,000", ChangeKind.HAND, "sửa tay")


def it_names_bookmarks_within_words_limit_and_reads_them_back(catalog: Catalog) -> None:
    names = {bookmark_name(code, span) for code in catalog.indicators for span in ("month", "index_month")}
    assert len(names) == 2 * len(catalog.indicators)  # never two figures under one name
    assert all(len(name) <= NAME_LIMIT - 4 and re.fullmatch(r"f_[a-z0-9_]+", name) for name in names)


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def it_lists_changes_on_the_command_line_as_a_table_json_and_a_workbook(
        two_builds: tuple[int, int, Path, Path], demo_db: Path, tmp_path: Path) -> None:
    first, second, _, docx = two_builds
    db = ["--db", str(demo_db)]
    shown = cli("changes", "--from", str(first), "--to", str(second), *db)
    assert shown.exit_code == 0, shown.output
    assert "9.239,42" in shown.stdout and "9.339,42" in shown.stdout and "Sở Công Thương nộp lại" in shown.stdout
    count = len(json.loads(cli("changes", "--from", str(first), "--to", str(second), "--json", *db).stdout))
    assert shown.stdout.splitlines()[-1] == f"{count} số liệu thay đổi từ lần lập số {first} đến lần lập số {second}."
    by_file = cli("changes", "--from", str(first), "--to", str(docx), "--json", *db)  # a .docx reportgen built
    assert len(json.loads(by_file.stdout)) == count
    sheet = tmp_path / "thay-doi.xlsx"
    assert cli("changes", "--from", str(first), "--to", str(second), "--xlsx", str(sheet), *db).exit_code == 0
    rows = list(load_workbook(sheet).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[1] == ("Chỉ tiêu", "Số liệu", "Bản cũ", "Bản mới", "Loại thay đổi", "Lý do") and len(rows) == count + 2
    assert ("Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ (retail_sales)", "tháng", "9.239,42",
            "9.339,42", "đổi số liệu") in [row[:5] for row in rows]
    again = tmp_path / "lai.xlsx"
    cli("changes", "--from", str(first), "--to", str(second), "--xlsx", str(again), *db)
    assert again.read_bytes() == sheet.read_bytes()  # the same drafts, the same workbook
    assert cli("changes", "--from", "999", "--to", str(second), *db).stderr.splitlines()[-1] == (
        "Lỗi: Không có lần lập báo cáo số 999 trong kho dữ liệu.")
    missing = cli("changes", "--from", "khong-co.docx", "--to", str(second), *db)
    assert missing.exit_code == 2 and "'khong-co.docx' không phải số của một lần lập báo cáo" in missing.stderr


def it_records_reviews_and_locks_the_period_when_the_final_draft_is_approved(
        two_builds: tuple[int, int, Path, Path], demo_db: Path) -> None:
    first, second, _, _ = two_builds
    db = ["--db", str(demo_db)]
    refused = cli("review", str(first), "--return", *db)
    assert refused.exit_code == 2 and refused.stderr.splitlines()[-1] == (
        "Lỗi: Trả lại bản nháp cần một ghi chú (--note) nói cần sửa gì.")
    returned = cli("review", str(first), "--return", "--note", "Kiểm tra lại số bán lẻ", "--user", "truong.phong", *db)
    assert returned.stdout == f"Lần lập báo cáo số {first}: trả lại (Kiểm tra lại số bán lẻ).\n"
    approved = cli("review", str(second), "--approve", "--user", "giam.doc", *db)
    assert approved.exit_code == 0 and approved.stdout.splitlines()[-1] == (
        "Đã duyệt bản cuối tháng 03/2023: kỳ này đã được khóa, không nhận thêm biểu mẫu.")
    states = {row["id"]: row["review"] for row in json.loads(cli("builds", "--json", *db).stdout)}
    assert (states[first]["action"], states[first]["note"], states[first]["actor"]) == (
        "returned", "Kiểm tra lại số bán lẻ", "truong.phong")
    assert (states[second]["action"], states[second]["actor"]) == ("approved", "giam.doc")
    with Store.open(str(demo_db)) as store:
        assert store.lock_of(MARCH) is not None
    assert "trả lại (truong.phong" in cli("builds", *db).stdout
    assert cli("review", "999", "--approve", *db).stderr.splitlines()[-1] == (
        "Lỗi: Không có lần lập báo cáo số 999 trong kho dữ liệu.")


def it_wraps_each_printed_figure_in_a_bookmark_of_its_own(demo: Path, catalog: Catalog) -> None:
    docx = (demo / "bao-cao-2023-03.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        notes = archive.read("word/footnotes.xml").decode()
    starts = [b for b in body.iter(W + "bookmarkStart") if (b.get(W + "name") or "").startswith("f_")]
    names = [b.get(W + "name") for b in starts]
    assert len(names) == len(set(names)) > 200  # unique, as Word requires
    assert len({b.get(W + "id") for b in body.iter(W + "bookmarkStart")}) == len(list(body.iter(W + "bookmarkStart")))
    stated = stated_figures(docx)
    assert stated["f_retail_sales__month"] == "9.239,42" and stated["f_retail_sales__plan_ratio"] == "đạt 22,81% KH"
    assert stated["f_retail_sales__mom"] == "tăng 8,92%"
    for start in starts:  # a bookmark holds one run: the figure, nothing of the sentence around it
        run, end = start.getnext(), start.getnext().getnext()  # type: ignore[union-attr]
        assert run is not None and end is not None and run.tag == W + "r" and end.tag == W + "bookmarkEnd"
    paragraphs = ["".join(t.text or "" for t in p.iter(W + "t")) for p in body.iter(W + "p")]
    assert any("ước thực hiện 9.239,42 tỷ đồng, tăng 8,92% so với tháng trước" in p for p in paragraphs)
    assert "\ue005" not in notes and "\ue006" not in notes and "retail_sales." not in notes
