"""Writing a month's figures to an Excel workbook (``reportgen figures --xlsx``), from :func:`figures_frame`."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl.styles import Font

from ..files import write_normalized
from ..messages import FIGURES_HEADERS, FIGURES_SHEET
from ..model import Period

if TYPE_CHECKING:
    import pandas as pd

def _cell(value: Any) -> Any:
    """Excel holds numbers as floats: exact decimals become the nearest float only here, at the edge."""
    return float(value) if isinstance(value, Decimal) else value


def write_figures_xlsx(frame: pd.DataFrame, period: Period, path: Path) -> Path:
    """Write a :func:`~reportgen.figures.frames.figures_frame` to ``path`` with Vietnamese headers."""
    import pandas as pd

    table = frame.reset_index()[list(FIGURES_HEADERS)].map(_cell).rename(columns=FIGURES_HEADERS)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        table.to_excel(writer, sheet_name=FIGURES_SHEET.format(period=period), index=False)
        book = writer.book
        sheet = book.active
        assert sheet is not None  # a new workbook has its sheet
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        fixed = dt.datetime(period.year, period.month, 1)  # noqa: DTZ001 - openpyxl writes naive times as UTC
        book.properties.created = fixed
        book.properties.modified = fixed
        book.properties.creator = "reportgen"
    write_normalized(path, buffer.getvalue())
    return path
