"""Department forms: what a clerk can and cannot change, and what the form carries."""

from __future__ import annotations

import io
import subprocess
import time
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reportgen import Catalog, Observed, Period, Status, build_form, write_forms
from reportgen.forms import layout as L

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
    rules = {str(dv.sqref): dv for dv in data.data_validations.dataValidation}
    retail = next(dv for ref, dv in rules.items() if "F6" in ref.split())
    assert (retail.type, retail.operator, retail.formula1) == ("decimal", "greaterThanOrEqual", "0")
    assert retail.prompt == "Đơn vị: tỷ đồng; tối đa 3 chữ số thập phân."
    assert retail.showErrorMessage and retail.errorStyle == "stop"


def it_offers_dropdowns_in_the_narrative_sheet(small_catalog: Catalog) -> None:
    wb = load_workbook(io.BytesIO(build_form(small_catalog, "NHNN", MARCH)))
    sheet = wb[L.NARRATIVE_SHEET]
    lists = [dv for dv in sheet.data_validations.dataValidation if dv.type == "list"]
    assert {dv.formula1 for dv in lists} == {"'_meta'!$D$1:$D$2", "'_meta'!$E$1:$E$2"}
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
