"""Each rule of the validation catalogue with a workbook built in the test."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest

from reportgen import (
    RULES,
    Catalog,
    CatalogError,
    FileResult,
    Outcome,
    Period,
    Severity,
    Store,
    ingest,
    months_between,
    parse_catalog,
)
from reportgen.catalog import STAGES
from reportgen.forms import layout as L
from reportgen.intake.reading import scan_sheet

from conftest import MakeWorkbook, Submit, fixed_clock

MARCH = Period(2023, 3)
ERROR, WARNING = Severity.ERROR, Severity.WARNING


@pytest.fixture
def send(make_workbook: MakeWorkbook, submit: Submit) -> Any:
    """Fill and ingest a form: ``send(values, period=, department=, notes=, catalog=)``; each gets its own file name."""
    sent = iter(range(1000))

    def go(values: dict[str, Any], period: Period = MARCH, department: str = "SCT",
           notes: dict[str, str] | None = None, catalog: Catalog | None = None) -> FileResult:
        data = make_workbook(values, department=department, period=period, catalog=catalog,
                             narrative=[] if department != "SCT" else None, notes=notes)
        return submit(data, f"{period}_{department}_{next(sent)}.xlsx", catalog=catalog)

    return go


def codes(result: FileResult) -> list[tuple[str, str, str]]:
    return [(f.code, f.severity, f.cell) for f in result.findings]


@pytest.fixture
def sct(good: dict[str, Any]) -> Any:
    """The trade form's values with retail sales (and its previous month and year to date) set."""

    def values(period: Period, retail: Any, previous: Any = None, ytd: Any = None) -> dict[str, Any]:
        out: dict[str, Any] = {**good, "retail_sales": {"F": retail}}
        if previous is not None:
            out["retail_sales"]["G"] = previous
        if ytd is not None:
            out["retail_sales"]["I"] = ytd
        if period.month % 3 != 0:
            out = {k: v for k, v in out.items() if k != "grdp_growth"}
        return out

    return values


def it_lists_every_rule_with_a_stage_and_a_severity() -> None:
    assert all(rule.stage in STAGES and rule.severity in (ERROR, WARNING) for rule in RULES.values())
    assert all("{" not in rule.code for rule in RULES.values())


def it_rejects_a_date_where_a_number_belongs(good: dict[str, Any], send: Any) -> None:
    typed = dt.datetime(2023, 3, 1)  # noqa: DTZ001 - a date typed in a cell carries no time zone
    result = send({**good, "cpi": {"F": typed}})
    assert codes(result) == [("cell.date", ERROR, "F8")]


def it_rejects_a_formula_without_a_saved_value(good: dict[str, Any], send: Any) -> None:
    result = send({**good, "cpi": {"F": "=100+2.96"}})
    assert result.status == Outcome.REJECTED
    assert codes(result) == [("cell.formula_without_value", ERROR, "F8")]
    assert "F9" in result.findings[0].message


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET_CELLS = {  # the same cells spelt as the format allows: what a scan of the sheet must find in each
    "plain": (f'<worksheet xmlns="{MAIN}"><sheetData><row r="8"><c r="F8"><f>1+1</f></c>'
              '<c r="G8" t="e"><v>#N/A</v></c><c r="H8"><v>3</v></c></row></sheetData></worksheet>'),
    "prefixed": (f"<x:worksheet xmlns:x='{MAIN}'><x:sheetData><x:row r='8'><x:c r='F8'><x:f t='shared' si='0'/>"
                 "</x:c><x:c r='G8' t = 'e'><x:v>#N/A</x:v></x:c></x:row></x:sheetData></x:worksheet>"),
    "utf-16": (f'<?xml version="1.0" encoding="UTF-16"?><worksheet xmlns="{MAIN}"><sheetData><row r="8">'
               '<c r="F8"><f>1+1</f></c><c r="G8" t="e"><v>#N/A</v></c></row></sheetData></worksheet>'),
}


@pytest.mark.parametrize("spelling", SHEET_CELLS)
def it_finds_formulas_and_errors_however_the_sheet_spells_them(spelling: str) -> None:
    xml = SHEET_CELLS[spelling]
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("xl/workbook.xml", f'<workbook xmlns:r="r"><sheets><sheet name="{L.DATA_SHEET}" '
                                            'sheetId="1" r:id="rId1"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels",
                         '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>')
        archive.writestr("xl/worksheets/sheet1.xml",
                         xml.encode("utf-16") if spelling == "utf-16" else xml.encode())
    scan = scan_sheet(data.getvalue(), L.DATA_SHEET)
    assert scan.formulas_without_value == {"F8"}
    assert scan.errors == {"G8": "#N/A"}


def it_rejects_impossible_values(nhnn_good: dict[str, Any], send: Any) -> None:
    values = {**nhnn_good, "safe_commune_rate": {"F": D("100.5")}, "credit_institutions": {"F": D("48.5")}}
    result = send(values, department="NHNN")
    assert codes(result) == [("cell.over_maximum", ERROR, "F12"), ("cell.fractional_count", ERROR, "F13")]
    assert result.findings[1].message == ("Chỉ tiêu 'Số tổ chức tín dụng' đếm theo tổ chức, phải là số nguyên; "
                                          "ô 'Ước thực hiện tháng 03/2023' đang là 48,5.")


def it_warns_about_more_decimals_than_the_indicator_has(nhnn_good: dict[str, Any], send: Any) -> None:
    values = {**nhnn_good, "safe_commune_rate": {"F": D("75.25")}}
    result = send(values, department="NHNN")
    assert result.status == Outcome.ACCEPTED
    assert codes(result) == [("cell.too_many_decimals", WARNING, "F12")]


# What a clerk (or a paste) put in a cell, where, and how the message quotes it.
ABSURD: list[tuple[str, Any, str, str]] = [
    ("huge number", 1e300, "F", "1e+300"),
    ("tiny number", 1e-300, "G", "1e-300"),
    ("40-digit number", 10**40, "I", "1e+40"),
    ("huge negative number", -1e20, "F", "-1e+20"),
    ("40 digits typed as text", "1" * 40, "F", "1" * 40),
    ("16 significant digits typed as text", "1.234.567.890.123,456", "G", "1.234.567.890.123,456"),
    ("a fraction below any report, typed as text", "0,0000000000000000001", "I", "0,0000000000000000001"),
]


@pytest.mark.parametrize(("label", "typed", "column", "quoted"), ABSURD, ids=[a[0] for a in ABSURD])
def it_rejects_a_number_no_report_can_hold(store: Store, send: Any, sct: Any, label: str, typed: Any, column: str,
                                           quoted: str) -> None:
    send(period=Period(2023, 1), values=sct(Period(2023, 1), 9000))
    send(period=Period(2023, 2), values=sct(Period(2023, 2), 9100, previous=9000))
    before = store.counts()
    values = sct(MARCH, 9200, previous=9100, ytd=27300)  # every check against the months would run
    values["retail_sales"][column] = typed
    result = send(period=MARCH, values=values)
    assert result.status == Outcome.REJECTED
    assert codes(result) == [("cell.out_of_range", ERROR, f"{column}6")]
    title = {"F": "Ước thực hiện tháng 03/2023", "G": "Thực hiện chính thức tháng 02/2023",
             "I": "Lũy kế từ đầu năm đến tháng 03/2023 (theo đơn vị)"}[column]
    assert result.findings[0].message == (
        f"Ô {column}6 ('{title}') của chỉ tiêu 'Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ' có giá trị {quoted}, "
        "không thể là số liệu báo cáo: số liệu có tối đa 15 chữ số có nghĩa, nhỏ hơn 1.000.000.000.000.000 và, nếu "
        "khác 0, không nhỏ hơn 0,000000000000001 (giá trị tuyệt đối). Hãy kiểm tra lại ô này.")
    assert store.counts() == before


def it_leaves_stored_values_that_are_no_figures_out_of_the_checks(put: Any, send: Any, sct: Any) -> None:
    """A store written before the bound may hold such values: the checks against history pass them by."""
    put([("retail_sales", "2023-01", "month", "final", "1E+300"),
         ("retail_sales", "2023-02", "month", "final", "1E-300")])
    result = send(period=MARCH, values=sct(MARCH, 9200, ytd=27300))
    assert result.status == Outcome.ACCEPTED
    assert codes(result) == []


EXCEL_ERRORS = ["#DIV/0!", "#N/A", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"]


@pytest.mark.parametrize("column", ["F", "G"], ids=["required", "optional"])
@pytest.mark.parametrize("error", EXCEL_ERRORS)
def it_names_an_excel_error_value_where_a_number_belongs(store: Store, good: dict[str, Any], send: Any,
                                                         error: str, column: str) -> None:
    before = store.counts()
    result = send({**good, "retail_sales": {"F": D("9239.42"), "G": D("8482.76"), column: error}})
    assert result.status == Outcome.REJECTED
    assert codes(result) == [("cell.excel_error", ERROR, f"{column}6")]
    meaning = {"#DIV/0!": "phép chia cho 0", "#N/A": "không có giá trị",
               "#REF!": "công thức tham chiếu tới ô đã bị xóa", "#VALUE!": "công thức dùng giá trị sai kiểu",
               "#NAME?": "công thức có tên hàm hoặc tên vùng không đúng", "#NUM!": "kết quả tính không phải số hợp lệ",
               "#NULL!": "hai vùng trong công thức không giao nhau"}[error]
    title = {"F": "Ước thực hiện tháng 03/2023", "G": "Thực hiện chính thức tháng 02/2023"}[column]
    assert result.findings[0].message == (
        f"Ô {column}6 ('{title}') của chỉ tiêu 'Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ' đang là giá trị lỗi "
        f"{error} của Excel ({meaning}), không phải số; hãy sửa công thức hoặc nhập số trực tiếp.")
    assert store.counts() == before


@pytest.mark.parametrize(("text", "warned"), [
    ("a" * 32767, True),                 # pasted text cut at Excel's limit
    ("ư" * 32766, False),                # one character short of it
    ("Tăng " + "😀" * 16381, True),      # 5 + 2 × 16381 = 32767 UTF-16 units, as Excel counts
    ("b" * 40000, True),                 # longer: cut when written, as Excel cuts a paste
], ids=["at the limit", "below it", "at it in UTF-16 units", "over it"])
def it_warns_that_a_narrative_at_the_cell_size_limit_may_have_been_cut(store: Store, make_workbook: MakeWorkbook,
                                                                         submit: Submit, text: str,
                                                                         warned: bool) -> None:
    result = submit(make_workbook(narrative=[("Hoạt động thương mại - dịch vụ", "Đoạn văn", text)]))
    assert result.status == Outcome.ACCEPTED
    length = min(len(text.encode("utf-16-le")) // 2, 32767)
    assert codes(result) == ([("narrative.at_cell_limit", WARNING, "D5")] if warned else [])
    if warned:
        assert result.findings[0].sheet == "Thuyết minh"
        shown = f"{length:,}".replace(",", ".")
        assert result.findings[0].message == (
            f"Nội dung ô D5 dài {shown} ký tự, chạm giới hạn 32.767 ký tự một ô của Excel: đoạn văn có thể đã bị "
            "cắt mất phần cuối khi dán vào. Hãy kiểm tra phần cuối và tách đoạn dài thành nhiều dòng.")
    assert [n.text for n in store.narratives(MARCH)] == [text if len(text) < 40000 else text[:32767]]


def it_checks_that_parts_add_up_to_a_declared_sum(nhnn_good: dict[str, Any], send: Any) -> None:
    values = {**nhnn_good, "deposits_fx": {"F": 2000}}
    result = send(values, department="NHNN")
    assert codes(result) == [("consistency.parts_sum", ERROR, "F9")]
    assert "104.960" in result.findings[0].message and "105.600" in result.findings[0].message


def it_warns_when_the_year_to_date_disagrees_with_stored_months(send: Any, sct: Any) -> None:
    send(period=Period(2023, 1), values=sct(Period(2023, 1), 9000))
    send(period=Period(2023, 2), values=sct(Period(2023, 2), 9100, previous=9000))
    result = send(period=MARCH, values=sct(MARCH, 9200, previous=9100, ytd=28000))
    assert result.status == Outcome.ACCEPTED
    assert codes(result) == [("consistency.ytd_mismatch", WARNING, "I6")]
    assert result.findings[0].message == ("Lũy kế đơn vị báo cáo (28.000) khác tổng các tháng đã lưu "
                                          "(27.300; gồm tháng 01, 02, 03/2023).")


def it_warns_when_a_final_figure_is_far_from_its_estimate(send: Any, sct: Any) -> None:
    send(period=Period(2023, 2), values=sct(Period(2023, 2), 8000))
    result = send(period=MARCH, values=sct(MARCH, 9000, previous=9000))
    assert codes(result) == [("consistency.final_vs_estimate", WARNING, "G6")]
    assert "chênh 12,5%" in result.findings[0].message


@pytest.mark.parametrize("batch", [False, True], ids=["one at a time", "in one batch"])
def it_compares_a_cumulative_final_with_its_estimate_to_date(batch: bool, make_workbook: MakeWorkbook,
                                                              nhnn_good: dict[str, Any], small_catalog: Catalog,
                                                              store: Store, tmp_path: Path) -> None:
    """A cumulative figure's cells hold the year to date: its final figure for last month is checked against the
    estimate to date stored for that month (by an earlier batch, or earlier in the same one)."""
    february = Period(2023, 2)
    paths = []
    for period, values in ((february, {**nhnn_good, "budget_revenue": {"F": D("2000")}}),
                           (MARCH, {**nhnn_good, "budget_revenue": {"F": D("2795.015"), "G": D("2500")}})):
        paths.append(tmp_path / f"{period}_NHNN.xlsx")
        paths[-1].write_bytes(make_workbook(values, department="NHNN", period=period, narrative=[]))
    runs = [paths] if batch else [[path] for path in paths]
    results = [r for run in runs for r in ingest(run, small_catalog, store, clock=fixed_clock(), actor="lan")]
    assert [r.status for r in results] == [Outcome.ACCEPTED, Outcome.ACCEPTED]
    assert codes(results[0]) == []
    assert codes(results[1]) == [("consistency.final_vs_estimate", WARNING, "G6")]
    assert "chênh 25%" in results[1].findings[0].message


def it_warns_about_a_jump_and_shows_the_explanation(send: Any, sct: Any) -> None:
    send(period=Period(2023, 2), values=sct(Period(2023, 2), 9000))
    note = "Khai trương trung tâm thương mại mới"
    result = send(sct(MARCH, 40000), notes={"retail_sales": note})
    assert codes(result) == [("plausibility.jump", WARNING, "F6")]
    assert "gấp 4,4 lần tháng 02/2023 (9.000)" in result.findings[0].message
    assert result.findings[0].explanation == note
    assert str(result.findings[0]).endswith(f"Đã giải trình: {note}")


def it_flags_an_outlier_against_the_history(send: Any, sct: Any) -> None:
    for number, period in enumerate(months_between(Period(2022, 3), Period(2023, 2))):
        send(period=period, values=sct(period, 9000 + (number % 4) * 50))
    result = send(period=MARCH, values=sct(MARCH, 14000))
    assert [c for c, _, _ in codes(result)] == ["plausibility.outlier"]
    assert "so với 12 tháng trước" in result.findings[0].message


def it_lets_the_catalog_tighten_a_rule(small_catalog_text: str, send: Any, sct: Any) -> None:
    strict = parse_catalog(small_catalog_text + '''
[[rule]]
code = "plausibility.jump"
severity = "error"
params = { factor = 2 }
indicators = ["retail_sales"]
''')
    send(catalog=strict, period=Period(2023, 2), values=sct(Period(2023, 2), 9000))
    result = send(catalog=strict, period=MARCH, values=sct(MARCH, 20000))
    assert result.status == Outcome.REJECTED
    assert codes(result) == [("plausibility.jump", ERROR, "F6")]


def it_explains_a_bad_rule_override(small_catalog_text: str) -> None:
    with pytest.raises(CatalogError) as raised:
        parse_catalog(small_catalog_text + '[[rule]]\ncode = "plausibility.jump"\nparams = { facter = 2 }\n')
    assert raised.value.problems == [
        "Quy tắc kiểm tra thứ 1 (plausibility.jump), trường 'params': quy tắc không có tham số 'facter'"]


def it_says_a_fall_as_a_share_and_leaves_small_counts_alone(send: Any, sct: Any) -> None:
    send(period=Period(2023, 2), values=sct(Period(2023, 2), 9000))
    result = send(period=MARCH, values=sct(MARCH, 1500))
    assert [f.message for f in result.findings if f.code == "plausibility.jump"] == [
        "Số liệu 1.500 chỉ bằng 16,7% tháng 02/2023 (9.000); đề nghị kiểm tra lại hoặc giải trình."]
    send(period=Period(2023, 5), values=sct(Period(2023, 5), 20))
    small = send(period=Period(2023, 6), values=sct(Period(2023, 6), 2))
    assert [f.code for f in small.findings if f.code.startswith("plausibility.")] == []


def it_warns_when_a_final_figure_jumps_from_the_final_stored_before(send: Any, sct: Any) -> None:
    send(period=MARCH, values=sct(MARCH, 9000, previous=8000))  # February's final: 8.000
    result = send(period=MARCH, values=sct(MARCH, 9000, previous=30000))  # a corrected form: February's final 30.000
    jumps = [f for f in result.findings if f.code == "plausibility.jump"]
    assert [(f.severity, f.cell) for f in jumps] == [(WARNING, "F6"), (WARNING, "G6")]  # March against it, and it
    assert jumps[1].message == ("Số liệu 30.000 gấp 3,8 lần số chính thức tháng 02/2023 đã báo cáo (8.000); "
                                "đề nghị kiểm tra lại hoặc giải trình.")
    assert result.status == "accepted"
