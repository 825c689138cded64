"""Department forms: what a clerk can and cannot change, and what the form carries."""

from __future__ import annotations

import io
import subprocess
import time
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reportgen import Catalog, Observed, Outcome, Period, Status, build_form, write_forms
from reportgen.forms import layout as L

from conftest import MakeWorkbook, Submit

MARCH = Period(2023, 3)


def it_locks_labels_and_opens_only_the_cells_a_clerk_fills(small_catalog: Catalog) -> None:
    wb = load_workbook(io.BytesIO(build_form(small_catalog, "SCT", MARCH)))
    assert wb.sheetnames == [L.COVER_SHEET, L.DATA_SHEET, L.NARRATIVE_SHEET, L.META_SHEET]
    assert wb.security is not None and wb.security.lockStructure
    data = wb[L.DATA_SHEET]
    assert data.protection.sheet
    assert [data[f"B{r}"].value for r in range(6, 11)] == ["retail_sales", "retail_goods", "cpi", "iip", "grdp_growth"]
    assert data["C6"].protection.locked and data["B6"].protection.locked
    assert not data["F6"].protection.locked and not data["G6"].protection.locked and not data["I6"].protection.locked
    assert not data["K6"].protection.locked            # the note column
    assert data["H6"].protection.locked and data["J6"].protection.locked  # references
    assert data["G10"].protection.locked                 # quarterly GRDP: one cell only
    cover = wb[L.COVER_SHEET]
    assert cover["B4"].value == "SCT" and cover["B4"].protection.locked
    assert not cover["B10"].protection.locked


def it_accepts_only_numbers_with_unit_and_decimals_explained(small_catalog: Catalog) -> None:
    data = load_workbook(io.BytesIO(build_form(small_catalog, "SCT", MARCH)))[L.DATA_SHEET]
    retail = next(dv for dv in data.data_validations.dataValidation if "F6" in dv.sqref)
    assert (retail.type, retail.operator, retail.formula1) == ("decimal", "greaterThanOrEqual", "0")
    assert retail.prompt == "Ước thực hiện tháng 03/2023. Đơn vị: tỷ đồng; tối đa 3 chữ số thập phân."
    assert retail.showErrorMessage and retail.errorStyle == "stop"


def it_offers_dropdowns_in_the_narrative_sheet(small_catalog: Catalog) -> None:
    wb = load_workbook(io.BytesIO(build_form(small_catalog, "NHNN", MARCH)))
    sheet = wb[L.NARRATIVE_SHEET]
    lists = [dv for dv in sheet.data_validations.dataValidation if dv.type == "list"]
    assert {dv.formula1 for dv in lists} == {"'_meta'!$D$1:$D$2", "'_meta'!$E$1:$E$2"}
    assert sorted(str(dv.sqref) for dv in lists) == [f"B5:B{4 + 2 + L.NARR_SPARE_ROWS}",
                                                     f"C5:C{4 + 2 + L.NARR_SPARE_ROWS}"]  # a column, one range
    meta = wb[L.META_SHEET]
    assert meta.sheet_state == "veryHidden"
    assert [meta[f"D{r}"].value for r in (1, 2)] == ["Hoạt động ngân hàng", "Nhiệm vụ trọng tâm tháng tới"]
    assert [sheet[f"B{r}"].value for r in (5, 6)] == ["Hoạt động ngân hàng", "Nhiệm vụ trọng tâm tháng tới"]


def it_carries_its_identity_where_a_clerk_cannot_change_it(small_catalog: Catalog) -> None:
    meta = load_workbook(io.BytesIO(build_form(small_catalog, "SCT", MARCH)))[L.META_SHEET]
    assert {meta[f"A{r}"].value: meta[f"B{r}"].value for r in range(1, 7)} == {
        "form_type": L.FORM_TYPE, "form_version": L.FORM_VERSION, "catalog_version": "t1",
        "catalog_digest": small_catalog.digest, "department": "SCT", "period": "2023-03"}


def it_shows_stored_figures_beside_the_new_ones(small_catalog: Catalog) -> None:
    stored = {
        ("retail_sales", Period(2023, 1), "month"): Observed(D("10961.851"), Status.FINAL),
        ("retail_sales", Period(2023, 2), "month"): Observed(D("8482.76"), Status.ESTIMATE),
    }
    data = load_workbook(io.BytesIO(build_form(small_catalog, "SCT", MARCH, stored)))[L.DATA_SHEET]
    assert data["H6"].value == pytest.approx(8482.76)
    assert data["J6"].value == '=IF(F6="","",19444.611+F6)'
    assert data["H8"].value is None and data["J8"].value is None  # cpi is not summed


def it_prints_on_a4_fitted_to_width_with_titles_repeated(small_catalog: Catalog) -> None:
    data = load_workbook(io.BytesIO(build_form(small_catalog, "SCT", MARCH)))[L.DATA_SHEET]
    assert str(data.page_setup.paperSize) == str(data.PAPERSIZE_A4)
    assert data.page_setup.orientation == "landscape"
    fit = data.sheet_properties.pageSetUpPr
    assert fit is not None and fit.fitToPage and data.page_setup.fitToWidth == 1
    assert data.print_title_rows == "$5:$5"


def it_writes_the_same_bytes_twice(tmp_path: Path, small_catalog: Catalog) -> None:
    first = write_forms(small_catalog, MARCH, tmp_path / "a")
    time.sleep(1.1)  # openpyxl stamps the save time, to the second
    second = write_forms(small_catalog, MARCH, tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def prompts(data: Worksheet) -> dict[str, str]:
    """The message Excel shows on selecting each number cell, by cell."""
    return {f"{get_column_letter(column)}{row}": dv.prompt for dv in data.data_validations.dataValidation
            for cells in dv.sqref.ranges for row, column in cells.cells}


def it_keeps_every_row_in_its_place_every_month(catalog: Catalog) -> None:
    """Quarterly and yearly indicators keep their rows, greyed and locked in the months they are not asked."""
    grey, yellow = "00D9D9D9", "00FFF2CC"
    for department in ("CTK", "SNNPTNT", "SXD", "STC"):
        layouts = []
        for month in (1, 2, 3, 6, 11, 12):
            period = Period(2023, month)
            data = load_workbook(io.BytesIO(build_form(catalog, department, period)))[L.DATA_SHEET]
            rows = {data[f"B{r}"].value: r for r in range(L.DATA_FIRST_ROW, data.max_row + 1)}
            layouts.append(list(rows))
            for ind in L.form_rows(catalog, department):
                row, asked = rows[ind.code], L.asked(ind, month)
                month_cell = data[f"F{row}"]
                assert month_cell.protection.locked is not asked, (department, month, ind.code)
                assert month_cell.fill.fgColor.rgb == (yellow if asked else grey)
                if not asked:
                    assert all(data[f"{c}{row}"].protection.locked for c in L.VALUE_COLUMNS)
                    assert data[f"E{row}"].value == {
                        "quarterly": "Chỉ báo cáo vào tháng 3, 6, 9 và 12; tháng này để trống",
                        "yearly": "Chỉ báo cáo vào tháng 12; tháng này để trống"}[ind.frequency]
                    assert f"F{row}" not in prompts(data)
        assert all(layout == layouts[0] for layout in layouts), department
        assert layouts[0] == [i.code for i in L.form_rows(catalog, department)]
    frequencies = {i.frequency for d in ("CTK", "SNNPTNT", "SXD", "STC") for i in L.form_rows(catalog, d)}
    assert frequencies == {"monthly", "quarterly", "yearly"}


def it_says_what_each_input_cell_holds(catalog: Catalog, small_catalog: Catalog) -> None:
    """A cell's meaning, where its column's title does not say it: in the hint column and in the cell's own message."""
    bank = load_workbook(io.BytesIO(build_form(small_catalog, "NHNN", MARCH)))[L.DATA_SHEET]
    assert bank["B6"].value == "budget_revenue"  # reported to date
    assert bank["E6"].value == ("Số lũy kế từ đầu năm đến thời điểm báo cáo. Cột F: Ước lũy kế từ đầu năm đến "
                                "tháng 03/2023. Cột G: Lũy kế chính thức từ đầu năm đến hết tháng 02/2023.")
    assert prompts(bank)["F6"] == ("Ước lũy kế từ đầu năm đến tháng 03/2023. Đơn vị: tỷ đồng; tối đa 3 chữ số thập "
                                   "phân.")
    assert prompts(bank)["G6"] == ("Lũy kế chính thức từ đầu năm đến hết tháng 02/2023. Đơn vị: tỷ đồng; tối đa 3 "
                                   "chữ số thập phân.")
    assert bank["E7"].value == "Số tại thời điểm cuối tháng"  # a stock: its columns' titles say it
    assert prompts(bank)["F7"] == "Ước thực hiện tháng 03/2023. Đơn vị: tỷ đồng; tối đa 0 chữ số thập phân."
    trade = load_workbook(io.BytesIO(build_form(small_catalog, "SCT", Period(2023, 6))))[L.DATA_SHEET]
    assert trade["B10"].value == "grdp_growth"  # quarterly: the year so far
    assert trade["E10"].value == "Số lũy kế từ đầu năm đến hết quý. Cột F: Ước thực hiện 6 tháng đầu năm 2023."
    assert prompts(trade)["F10"] == "Ước thực hiện 6 tháng đầu năm 2023. Đơn vị: %; tối đa 2 chữ số thập phân."
    statistics = load_workbook(io.BytesIO(build_form(catalog, "CTK", MARCH)))[L.DATA_SHEET]
    hints = {statistics[f"B{r}"].value: (statistics[f"E{r}"].value, statistics[f"I{r}"].protection.locked)
             for r in range(L.DATA_FIRST_ROW, statistics.max_row + 1)}
    assert hints["iip"] == ("Chỉ số (%) so với cùng kỳ năm trước", False)
    assert hints["iip_mom"] == ("Chỉ số (%) so với tháng trước", True)  # no year to date of a month-on-month index
    assert hints["iip_manufacturing"] == ("Chỉ số (%) so với cùng kỳ năm trước", False)


def it_names_a_cell_in_a_finding_by_what_it_holds(make_workbook: MakeWorkbook, submit: Submit,
                                                  nhnn_good: dict[str, object]) -> None:
    values = {**nhnn_good, "budget_revenue": {"G": "khoảng 2.500"}}
    result = submit(make_workbook(values, department="NHNN", narrative=[]), "2023-03_NHNN.xlsx")
    assert result.status == Outcome.REJECTED
    assert [(f.code, f.cell, f.message) for f in result.findings] == [
        ("cell.required", "F6", "Chưa nhập số liệu 'Ước lũy kế từ đầu năm đến tháng 03/2023' của chỉ tiêu "
                                "'Tổng thu ngân sách nhà nước'."),
        ("cell.not_number", "G6", "Ô 'Lũy kế chính thức từ đầu năm đến hết tháng 02/2023' của chỉ tiêu 'Tổng thu "
                                  "ngân sách nhà nước' phải là số; giá trị 'khoảng 2.500' không phải là số (ví dụ "
                                  "đúng: 1.234,5)."),
    ]


@pytest.mark.libreoffice
def it_opens_in_libreoffice(tmp_path: Path, small_catalog: Catalog) -> None:
    [form] = write_forms(small_catalog, MARCH, tmp_path, ["SCT"])
    profile = tmp_path / "profile"
    run = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                          "--outdir", str(tmp_path), str(form)], capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "2023-03_SCT.pdf"
    assert pdf.exists(), run.stdout + run.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "SỐ LIỆU THÁNG 03/2023" in text and "retail_sales" in text
