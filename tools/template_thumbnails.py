"""The template guide's pictures of a built report: ``python tools/template_thumbnails.py [--docx FILE] [--out DIR]``.

Runs the demo into a temporary folder (a minute or so) and takes its March
2023 report, or takes ``--docx``, a report already built (say
``outputs/bao-cao-2023-03.docx``); converts it to PDF with LibreOffice and
writes three of its pages as PNG at 60 dpi, in 16 colours, into ``--out``
(default ``reportgen/templates/guide/``, beside the guide that shows them):

- ``first-page.png``: the first page (issuer, number, title, the body's start);
- ``appendix-table.png``: the first landscape page, the first appendix's;
- ``appendix-charts.png``: the first page with a picture, the charts appendix's.

Pages are found by their size and their images (poppler's ``pdfinfo`` and
``pdfimages``), not by their words. Run it again after a change to the
template or to what a report prints, and commit the pictures.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

GUIDE_IMAGES = Path(__file__).resolve().parent.parent / "reportgen" / "templates" / "guide"
DPI = 60
COLORS = 16
"""Colours of a picture's palette: black text on white, the charts' blue and grey, and their edges."""
DEMO_REPORT = "bao-cao-2023-03.docx"
_SIZE = re.compile(r"^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts", re.M)
_ROTATION = re.compile(r"^Page\s+(\d+) rot:\s+(\d+)", re.M)


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=300).stdout


def landscape_pages(pdf: Path) -> list[int]:
    """The numbers of the pages wider than high, as seen (rotation applied)."""
    count = int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(pdf)), re.M).group(1))  # type: ignore[union-attr]
    info = _run("pdfinfo", "-f", "1", "-l", str(count), "-box", str(pdf))
    rotations = {int(n): int(r) for n, r in _ROTATION.findall(info)}
    return [int(n) for n, w, h in _SIZE.findall(info) if (float(w) > float(h)) != bool(rotations[int(n)] % 180)]


def pages_with_images(pdf: Path) -> list[int]:
    """The numbers of the pages that show a picture, in order."""
    rows = [row.split() for row in _run("pdfimages", "-list", str(pdf)).splitlines()[2:]]
    return sorted({int(fields[0]) for fields in rows if fields[2] == "image"})


def thumbnails(docx: Path, out: Path) -> list[Path]:
    """Write the report's first page, first appendix page and first charts page as PNG into ``out``."""
    from reportgen.report.pdf import to_pdf

    with tempfile.TemporaryDirectory(prefix="reportgen-thumbnails-") as work:
        copy = Path(work) / docx.name
        shutil.copyfile(docx, copy)
        pdf = to_pdf(copy)
        pages = {"first-page": 1, "appendix-table": landscape_pages(pdf)[0],
                 "appendix-charts": pages_with_images(pdf)[0]}
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, number in pages.items():
            page = Path(work) / name
            _run("pdftoppm", "-png", "-r", str(DPI), "-f", str(number), "-l", str(number), "-singlefile",
                 str(pdf), str(page))
            target = out / f"{name}.png"
            with Image.open(page.with_suffix(".png")) as image:
                small = image.convert("RGB").quantize(COLORS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
            small.save(target, "PNG", optimize=True)
            written.append(target)
        return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docx", type=Path, help="a built report (default: the demo's March 2023 report, built anew)")
    parser.add_argument("--out", type=Path, default=GUIDE_IMAGES,
                        help=f"where the pictures go (default {GUIDE_IMAGES})")
    args = parser.parse_args(argv)
    if args.docx is not None:
        written = thumbnails(args.docx, args.out)
    else:
        from reportgen import run_demo

        with tempfile.TemporaryDirectory(prefix="reportgen-demo-") as demo:
            run_demo(Path(demo))
            written = thumbnails(Path(demo) / DEMO_REPORT, args.out)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
