"""PDF through LibreOffice headless, with a private profile per run.

Each conversion gets its own LibreOffice user profile in a temporary folder,
so two builds can convert at the same time (a shared profile is locked by the
first soffice process and makes the second fail or hang).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import ReportgenError
from ..messages import PDF_FAILED, PDF_NO_LIBREOFFICE, PDF_TIMEOUT

SOFFICE_NAMES = ("soffice", "libreoffice")


class PdfError(ReportgenError):
    """LibreOffice is missing or could not convert the document."""


def find_soffice() -> str | None:
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def to_pdf(docx: Path, timeout: float = 300) -> Path:
    """Write ``docx``'s PDF beside it and return its path."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfError(PDF_NO_LIBREOFFICE)
    target = docx.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="reportgen-lo-") as profile, \
            tempfile.TemporaryDirectory(prefix="reportgen-pdf-") as outdir:
        command = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", outdir, str(docx)]
        try:
            run = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise PdfError(PDF_TIMEOUT.format(seconds=timeout)) from exc
        produced = Path(outdir) / (docx.stem + ".pdf")
        if run.returncode != 0 or not produced.exists():
            raise PdfError(PDF_FAILED.format(detail=(run.stderr or run.stdout).strip()[:300]))
        shutil.move(str(produced), target)
    return target
