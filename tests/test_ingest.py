"""Ingest: each validation with a bad workbook built in the test; storing and history."""

from __future__ import annotations

import datetime as dt
import gc
import io
import sys
import unicodedata
from collections.abc import Callable
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from reportgen import Catalog, FileResult, Outcome, Period, Store, check_file, ingest, ingest_bytes
from reportgen.forms import layout as L

from conftest import MakeWorkbook, Submit

MARCH = Period(2023, 3)
ACCEPTED, REJECTED, DUPLICATE, CHECKED = Outcome.ACCEPTED, Outcome.REJECTED, Outcome.DUPLICATE, Outcome.CHECKED


def edited(data: bytes, edit: Any) -> bytes:
    """Apply an openpyxl edit to a workbook, as a clerk (or an accident) would."""
    wb = load_workbook(io.BytesIO(data))
    edit(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def flat(result: FileResult) -> list[tuple[str, str, str, str]]:
    return [(f.code, f.sheet, f.cell, f.indicator) for f in result.findings]


def assert_rejected_and_store_unchanged(result: FileResult, store: Store, before: dict[str, int]) -> None:
    assert result.status == REJECTED
    assert store.counts() == before


def it_accepts_a_good_form_and_stores_it_with_history(store: Store, make_workbook: MakeWorkbook,
                                                      submit: Submit) -> None:
    result = submit(make_workbook())
    assert result.status == ACCEPTED and result.findings == []
    assert result.created == 9
    values = store.current_values(Period(2023, 1), MARCH)
    assert values[("retail_sales", MARCH, "month")].value == D("9239.42")
    assert values[("retail_sales", MARCH, "month")].status == "estimate"
    assert values[("retail_sales", Period(2023, 2), "month")].status == "final"
    assert values[("iip", MARCH, "ytd")].value == D("103.73")
    narrative = [n for n in store.narratives(MARCH) if n.department == "SCT"]
    assert [(n.section, n.kind) for n in narrative] == [
        ("econ.trade", "paragraph"), ("econ.trade", "footnote"), ("tasks.next_month", "task")]
    assert narrative[0].text == "Sức mua tăng nhờ Công ty A&B mở rộng <siêu thị>."
    submission = store.submissions()[0]
    assert submission["department"] == "SCT" and submission["period"] == "2023-03"
    assert submission["preparer"] == "Trần Thị Lan" and len(submission["file_hash"]) == 64


def it_changes_nothing_when_the_same_file_comes_twice(store: Store, make_workbook: MakeWorkbook,
                                                      submit: Submit) -> None:
    data = make_workbook()
    submit(data)
    before = store.counts()
    again = submit(data)
    assert again.status == DUPLICATE
    assert [f.code for f in again.findings] == ["file.duplicate"]
    assert store.counts() == before


def it_records_what_a_corrected_file_replaced(store: Store, make_workbook: MakeWorkbook, submit: Submit,
                                              good: dict[str, Any]) -> None:
    submit(make_workbook())
    corrected = {**good, "retail_sales": {"F": D("9300"), "G": D("8482.76"), "I": D("28744.611")}}
    result = submit(make_workbook(corrected), "corrected.xlsx")
    assert result.status == ACCEPTED
    assert [(o.indicator, o.basis, old, o.value) for o, old in result.replaced] == [
        ("retail_sales", "month", "9239.42", D("9300")), ("retail_sales", "ytd", "28684.031", D("28744.611"))]
    assert result.unchanged == 7
    history = store.history("retail_sales", MARCH)
    assert [(h["basis"], str(h["value"]), h["replaced_value"] and str(h["replaced_value"]), h["file_name"])
            for h in history] == [
        ("month", "9239.42", None, "2023-03_SCT.xlsx"),
        ("month", "9300", "9239.42", "corrected.xlsx"),
        ("ytd", "28684.031", None, "2023-03_SCT.xlsx"),
        ("ytd", "28744.611", "28684.031", "corrected.xlsx"),
    ]


def it_reads_numbers_typed_as_vietnamese_text(store: Store, make_workbook: MakeWorkbook, submit: Submit,
                                              good: dict[str, Any]) -> None:
    values = {**good, "retail_sales": {"F": "9.239,42", "G": "8482,76"}}
    result = submit(make_workbook(values))
    assert result.status == ACCEPTED
    stored = store.current_values(Period(2023, 2), MARCH)
    assert stored[("retail_sales", MARCH, "month")].value == D("9239.42")
    assert stored[("retail_sales", Period(2023, 2), "month")].value == D("8482.76")


@pytest.mark.parametrize("text", ["khoảng 300", "N/A", "1,234.5", "-"])
def it_rejects_text_that_is_not_a_number(store: Store, make_workbook: MakeWorkbook, submit: Submit,
                                         good: dict[str, Any], text: str) -> None:
    before = store.counts()
    values = {**good, "retail_sales": {"F": text, "G": D("8482.76")}}
    result = submit(make_workbook(values))
    assert_rejected_and_store_unchanged(result, store, before)
    assert flat(result) == [("cell.not_number", "Số liệu", "F6", "retail_sales")]
    message = result.findings[0].message
    assert f"'{text}'" in message and "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ" in message
    assert str(result.findings[0]).startswith(
        "Lỗi [cell.not_number] 2023-03_SCT.xlsx, sheet 'Số liệu', ô F6, chỉ tiêu retail_sales: ")


def it_rejects_a_negative_value(store: Store, make_workbook: MakeWorkbook, submit: Submit,
                                good: dict[str, Any]) -> None:
    before = store.counts()
    values = {**good, "retail_goods": {"F": -5}}
    result = submit(make_workbook(values))
    assert_rejected_and_store_unchanged(result, store, before)
    assert flat(result) == [("cell.negative", "Số liệu", "F7", "retail_goods")]


def it_rejects_a_part_larger_than_its_whole(store: Store, make_workbook: MakeWorkbook, submit: Submit,
                                            good: dict[str, Any]) -> None:
    before = store.counts()
    values = {**good, "retail_goods": {"F": D("9500"), "G": D("6500")}}
    result = submit(make_workbook(values))
    assert_rejected_and_store_unchanged(result, store, before)
    assert flat(result) == [("consistency.part_exceeds_whole", "Số liệu", "F7", "retail_goods")]
    assert result.findings[0].message == (
        "Chỉ tiêu 'Bán lẻ hàng hóa' (9.500) lớn hơn chỉ tiêu tổng 'Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ' "
        "(9.239,42) ở cột 'Ước thực hiện tháng 03/2023'.")


def it_rejects_empty_required_cells(store: Store, make_workbook: MakeWorkbook, submit: Submit,
                                    good: dict[str, Any]) -> None:
    before = store.counts()
    values = {**good, "cpi": {}}
    result = submit(make_workbook(values, cover={"phone": "0292"}))
    assert_rejected_and_store_unchanged(result, store, before)
    assert flat(result) == [
        ("cover.required", "Thông tin", "B10", ""),
        ("cover.required", "Thông tin", "B12", ""),
        ("cell.required", "Số liệu", "F8", "cpi"),
    ]


def it_rejects_a_form_of_another_period(store: Store, make_workbook: MakeWorkbook, submit: Submit) -> None:
    before = store.counts()
    result = submit(make_workbook(), period=Period(2023, 4))
    assert_rejected_and_store_unchanged(result, store, before)
    assert flat(result) == [("form.wrong_period", "Thông tin", "B6", "")]
    assert result.findings[0].message == "Biểu mẫu của kỳ tháng 03/2023, nhưng đang tiếp nhận số liệu kỳ tháng 04/2023."


def it_rejects_a_form_of_another_department_than_the_one_submitting(
        store: Store, small_catalog: Catalog, make_workbook: MakeWorkbook,
        clock_at: Callable[..., Callable[[], dt.datetime]]) -> None:
    before = store.counts()
    result = ingest_bytes(make_workbook(), "2023-03_SCT.xlsx", small_catalog, store, clock=clock_at(18),
                          actor="thu.nhnn", expected_department="NHNN")
    assert_rejected_and_store_unchanged(result, store, before)
    assert flat(result) == [("form.wrong_department", "Thông tin", "B4", "")]
    assert result.findings[0].message == (
        "Biểu mẫu của đơn vị Sở Công Thương, nhưng tài khoản này chỉ được nộp số liệu của Ngân hàng Nhà nước.")
    accepted = ingest_bytes(make_workbook(), "2023-03_SCT.xlsx", small_catalog, store, clock=clock_at(18),
                            actor="lan.sct", expected_department="SCT")
    assert accepted.status == "accepted"


def it_rejects_an_unknown_department(make_workbook: MakeWorkbook, submit: Submit) -> None:
    data = edited(make_workbook(), lambda wb: wb[L.META_SHEET].cell(5, 2, "SXYZ"))
    result = submit(data)
    assert result.status == REJECTED
    assert flat(result) == [("form.unknown_department", "Thông tin", "B4", "")]


def it_rejects_an_old_form_with_a_download_message(make_workbook: MakeWorkbook, submit: Submit) -> None:
    data = edited(make_workbook(), lambda wb: wb[L.META_SHEET].cell(3, 2, "2022.9"))
    result = submit(data)
    assert result.status == REJECTED
    assert result.findings[0].code == "form.old_version"
    assert "tải biểu mẫu mới" in result.findings[0].message


def it_rejects_a_file_that_is_not_a_workbook(store: Store, submit: Submit) -> None:
    result = submit(b"ma_chi_tieu,gia_tri\nretail_sales,9239\n", "so-lieu.xlsx")
    assert result.status == REJECTED
    assert [f.code for f in result.findings] == ["file.not_workbook"]
    assert result.findings[0].message == ("Tệp không phải bảng tính Excel mà là tệp văn bản CSV; "
                                          "hãy nộp biểu mẫu .xlsx được gửi kèm.")
    assert store.counts() == {"submission": 0, "observation": 0, "narrative": 0}


def it_rejects_a_workbook_that_is_not_our_form(submit: Submit) -> None:
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    result = submit(out.getvalue())
    assert flat(result) == [("form.not_a_form", "", "", "")]


def it_rejects_deleted_unknown_and_duplicated_rows(make_workbook: MakeWorkbook, submit: Submit) -> None:
    def damage(wb: Any) -> None:
        ws = wb[L.DATA_SHEET]
        ws["B8"] = "iip"          # the cpi row now says iip: cpi missing, iip duplicated
        ws["B11"] = "exports"     # a row added below the form's rows
        ws["F11"] = 5

    result = submit(edited(make_workbook(), damage))
    assert result.status == REJECTED
    assert flat(result) == [
        ("row.label_changed", "Số liệu", "C8", "iip"),
        ("row.duplicate", "Số liệu", "B9", "iip"),
        ("row.unknown", "Số liệu", "B11", ""),
        ("row.missing", "Số liệu", "", "cpi"),
    ]


def it_checks_the_narrative_sheet(make_workbook: MakeWorkbook, submit: Submit) -> None:
    narrative = [
        ("Hoạt động thương mại - dịch vụ", "Chú thích", "Chú thích không có đoạn văn."),
        ("Mục không có", "Đoạn văn", "Văn bản."),
        (None, None, "Văn bản không có mục."),
    ]
    result = submit(make_workbook(narrative=narrative))
    assert flat(result) == [
        ("narrative.orphan_footnote", "Thuyết minh", "C5", ""),
        ("narrative.unknown_section", "Thuyết minh", "B6", ""),
        ("narrative.missing_section", "Thuyết minh", "B7", ""),
    ]


def it_validates_without_storing_on_a_dry_run(tmp_path: Path, small_catalog: Catalog, store: Store,
                                              make_workbook: MakeWorkbook) -> None:
    path = tmp_path / "2023-03_SCT.xlsx"
    path.write_bytes(make_workbook())
    before = store.counts()
    result = check_file(path, small_catalog, store=store)
    assert (result.status, result.findings) == (CHECKED, [])
    assert store.counts() == before and store.intakes() == []
    assert list(store.archive_dir.rglob("*.xlsx")) == []


def it_reads_folders_and_reports_each_file(tmp_path: Path, small_catalog: Catalog, store: Store,
                                           make_workbook: MakeWorkbook, good: dict[str, Any],
                                           clock: Callable[[], dt.datetime]) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(make_workbook())
    (folder / "b.xlsx").write_bytes(make_workbook({**good, "cpi": {"F": "N/A"}}))
    (folder / "ghi-chu.txt").write_text("không phải biểu mẫu")
    results = ingest([folder, tmp_path / "khong-co.xlsx"], small_catalog, store, clock=clock, actor="lan")
    assert [(r.name, r.status) for r in results] == [
        ("a.xlsx", ACCEPTED), ("b.xlsx", REJECTED), ("khong-co.xlsx", REJECTED)]
    assert results[2].findings[0].code == "file.missing"


def it_keeps_the_objects_from_before_a_batch_out_of_its_collections(
        tmp_path: Path, small_catalog: Catalog, store: Store, make_workbook: MakeWorkbook, good: dict[str, Any],
        clock: Callable[[], dt.datetime]) -> None:
    from reportgen import ingest_each

    (tmp_path / "a.xlsx").write_bytes(make_workbook())
    (tmp_path / "b.xlsx").write_bytes(make_workbook({**good, "cpi": {"F": "N/A"}}))
    before: list[str] = []  # made before the batch: out of its collections while it runs, back in after

    def watched() -> bool:
        return any(o is before for o in gc.get_objects())

    assert gc.get_freeze_count() == 0 and watched()
    batch = ingest_each([tmp_path / "a.xlsx", tmp_path / "b.xlsx"], small_catalog, store, clock=clock, actor="lan")
    assert next(batch).status == ACCEPTED
    assert gc.get_freeze_count() > 0 and not watched()
    batch.close()  # a caller that stops early hands the objects back too
    assert gc.get_freeze_count() == 0 and watched()
    assert [r.status for r in ingest([tmp_path / "b.xlsx"], small_catalog, store, clock=clock, actor="lan")] == [
        REJECTED]
    assert gc.get_freeze_count() == 0


def it_normalises_department_text_to_nfc(store: Store, make_workbook: MakeWorkbook, submit: Submit) -> None:
    decomposed = unicodedata.normalize("NFD", "Tăng cường kiểm tra thị trường")
    narrative = [("Hoạt động thương mại - dịch vụ", "Đoạn văn", decomposed + "\n")]
    submit(make_workbook(narrative=narrative))
    text = store.narratives(MARCH)[0].text
    assert text == "Tăng cường kiểm tra thị trường" and unicodedata.is_normalized("NFC", text)


def it_drops_control_characters_word_cannot_hold() -> None:
    from reportgen.intake.validation import normalize_text

    assert normalize_text("A\x0bB\x00C\tD\n") == "ABC\tD"
    # exactly Unicode's control characters go, tab and newline aside: every code point checked
    controls = "".join(chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cc")
    assert normalize_text("x" + controls + "y") == "x\t\ny"
    others = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) not in ("Cc", "Cs")]
    assert normalize_text("".join(others)) == unicodedata.normalize("NFC", "".join(others)).strip()


def it_ignores_extra_sheets_a_clerk_added(make_workbook: MakeWorkbook, submit: Submit) -> None:
    def add_sheet(wb: Any) -> None:
        wb.security = None
        notes = wb.create_sheet("Ghi chép riêng")
        notes["A1"] = "Số liệu nháp, không nộp"
        notes["B2"] = "khoảng 300"

    result = submit(edited(make_workbook(), add_sheet))
    assert result.status == ACCEPTED and result.findings == []


def it_reads_a_month_whose_greyed_rows_stay_empty_or_get_typed_in(store: Store, make_workbook: MakeWorkbook,
                                                                   submit: Submit, good: dict[str, Any]) -> None:
    """February's form keeps the quarterly GRDP row (row 10), greyed: empty it is fine, typed in it is ignored."""
    february = Period(2023, 2)
    monthly = {**{k: v for k, v in good.items() if k != "grdp_growth"}, "retail_sales": {"F": D("8482.76")}}
    empty = submit(make_workbook(monthly, period=february), "2023-02_SCT.xlsx")
    assert (empty.status, empty.findings) == (ACCEPTED, [])
    typed = submit(make_workbook({**monthly, "grdp_growth": {"F": D("104.5"), "G": "#N/A"}}, period=february),
                   "2023-02_SCT_b.xlsx")
    assert typed.status == ACCEPTED
    assert flat(typed) == [("cell.not_applicable", "Số liệu", "F10", "grdp_growth"),
                           ("cell.not_applicable", "Số liệu", "G10", "grdp_growth")]
    assert typed.findings[0].message == ("Ô 'Ước thực hiện tháng 02/2023' không áp dụng cho chỉ tiêu 'Tốc độ tăng "
                                         "GRDP'; giá trị '104,5' được bỏ qua.")
    assert "'#N/A'" in typed.findings[1].message
    assert store.history("grdp_growth", february) == []
    before = store.counts()

    def delete_row(wb: Any) -> None:
        wb[L.DATA_SHEET].delete_rows(10)

    def duplicate_row(wb: Any) -> None:
        ws = wb[L.DATA_SHEET]
        for column in "ABCD":
            ws[f"{column}11"] = ws[f"{column}10"].value

    deleted = submit(edited(make_workbook(monthly, period=february), delete_row), "2023-02_SCT_c.xlsx")
    duplicated = submit(edited(make_workbook(monthly, period=february), duplicate_row), "2023-02_SCT_d.xlsx")
    assert flat(deleted) == [("row.missing", "Số liệu", "", "grdp_growth")]
    assert flat(duplicated) == [("row.duplicate", "Số liệu", "B11", "grdp_growth")]
    assert (deleted.status, duplicated.status) == (REJECTED, REJECTED)
    assert store.counts() == before
