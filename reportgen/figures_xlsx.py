"""Writing computed figures to an Excel workbook (``reportgen figures --xlsx``)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from .archive import write_normalized
from .periods import Period

HEADERS = {
    "code": "Mã",
    "name": "Chỉ tiêu",
    "unit": "ĐVT",
    "kind": "Loại",
    "month": "Tháng",
    "estimate": "Ước",
    "prev_month": "Tháng trước",
    "month_last_year": "Cùng tháng năm trước",
    "quarter_to_date": "Quý đến nay",
    "quarter_to_date_last_year": "Cùng kỳ quý năm trước",
    "year_to_date": "Lũy kế năm",
    "year_to_date_last_year": "Lũy kế cùng kỳ",
    "plan": "Kế hoạch năm",
    "change_vs_prev_month": "% so tháng trước",
    "change_vs_same_month_last_year": "% tháng so cùng kỳ",
    "change_quarter_vs_last_year": "% quý so cùng kỳ",
    "change_ytd_vs_last_year": "% lũy kế so cùng kỳ",
    "index_month_minus_100": "Chỉ số tháng - 100",
    "index_ytd_minus_100": "Chỉ số lũy kế - 100",
    "percent_of_plan": "% kế hoạch",
}


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return " - ".join(value)
    if isinstance(value, str):
        try:
            return float(Decimal(value))
        except ArithmeticError:
            return value
    return value


def write_figures_xlsx(records: list[dict[str, Any]], period: Period, path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = f"So lieu {period}"
    ws.append(list(HEADERS.values()))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for record in records:
        row = []
        for key in HEADERS:
            value = record[key]
            row.append(value if key in ("code", "name", "unit", "kind") else _cell(value))
        ws.append(row)
    fixed = dt.datetime(period.year, period.month, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = "reportgen"
    buffer = io.BytesIO()
    wb.save(buffer)
    write_normalized(path, buffer.getvalue())
    return path
