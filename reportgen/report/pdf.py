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
        raise PdfError("Không tìm thấy LibreOffice (lệnh soffice) để xuất PDF. Hãy cài LibreOffice "
                       "(ví dụ: apt-get install libreoffice-writer-nogui) rồi chạy lại; tệp .docx vẫn đã được tạo.")
    target = docx.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="reportgen-lo-") as profile, \
            tempfile.TemporaryDirectory(prefix="reportgen-pdf-") as outdir:
        command = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", outdir, str(docx)]
        try:
            run = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"LibreOffice không xuất xong PDF trong {timeout:g} giây.") from exc
        produced = Path(outdir) / (docx.stem + ".pdf")
        if run.returncode != 0 or not produced.exists():
            raise PdfError(f"LibreOffice không xuất được PDF: {(run.stderr or run.stdout).strip()[:300]}")
        shutil.move(str(produced), target)
    return target
