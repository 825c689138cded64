"""The demo's two reports as a reader gets them: rendered by LibreOffice to PDF and read page by page.

Each page's size and rotation (``pdfinfo -box``), its text (``pdftotext
-layout``, one page per form feed) and its images (``pdfimages -list``):
the body is portrait A4 and every appendix page landscape A4; pages are
numbered in the header from page 2 on, in order; every appendix page shows
a table row or a chart, not a heading alone; and every chart of the report
is on a page of the charts appendix, whole. Both reports are converted once,
in one LibreOffice run, for all the tests here.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from reportgen import Catalog, Period

pytestmark = pytest.mark.libreoffice

REPORTS = {"bao-cao-2023-03": Period(2023, 3), "bao-cao-2022-12": Period(2022, 12)}
A4 = (595.3, 841.9)
"""A4 in points, portrait: width, height."""
A4_LANDSCAPE = (841.9, 595.3)
APPENDIX_HEADING = re.compile(r"PHỤ LỤC ([IVX]+)")
_SIZE = re.compile(r"^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts", re.M)
_ROTATION = re.compile(r"^Page\s+(\d+) rot:\s+(\d+)", re.M)


@dataclass(frozen=True)
class Page:
    """One page of a PDF: its size as seen (rotation applied), its text and the pixel size of each image on it."""

    number: int
    width: float
    height: float
    text: str
    images: tuple[tuple[int, int], ...]

    @property
    def lines(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def heading(self) -> str | None:
        """The numeral of the appendix this page starts ("I", "II", …), if it starts one."""
        found = [m.group(1) for m in map(APPENDIX_HEADING.fullmatch, self.lines) if m]
        return found[0] if found else None


def read_pdf(pdf: Path) -> list[Page]:
    """Every page of ``pdf``, read with poppler's pdfinfo, pdftotext and pdfimages."""
    def run(*command: str) -> str:
        return subprocess.run(command, capture_output=True, text=True, check=True, timeout=120).stdout

    count = int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(pdf)), re.M).group(1))  # type: ignore[union-attr]
    info = run("pdfinfo", "-f", "1", "-l", str(count), "-box", str(pdf))
    sizes = {int(n): (float(w), float(h)) for n, w, h in _SIZE.findall(info)}
    rotations = {int(n): int(r) for n, r in _ROTATION.findall(info)}
    texts = run("pdftotext", "-layout", str(pdf), "-").split("\f")
    images: dict[int, list[tuple[int, int]]] = {}
    for row in run("pdfimages", "-list", str(pdf)).splitlines()[2:]:
        fields = row.split()
        if fields[2] == "image":  # not an "smask", the transparency of the image before it
            images.setdefault(int(fields[0]), []).append((int(fields[3]), int(fields[4])))
    pages = []
    for n in range(1, count + 1):
        width, height = sizes[n]
        if rotations[n] % 180:
            width, height = height, width
        pages.append(Page(n, width, height, texts[n - 1], tuple(images.get(n, ()))))
    return pages


def content(page: Page) -> list[str]:
    """The page's lines that are neither its page number, an appendix's title block, nor a table's header row.

    The title block is the "PHỤ LỤC …" line and the lines after it up to the
    one that closes "(Kèm theo Báo cáo số … )"; the header row, repeated on
    every page of a table, starts with "STT".
    """
    lines = page.lines[1:] if page.lines and page.lines[0] == str(page.number) else page.lines
    kept: list[str] = []
    in_title = in_reference = False
    for line in lines:
        if APPENDIX_HEADING.fullmatch(line):
            in_title = True
        elif in_title:
            in_reference = in_reference or line.startswith("(Kèm theo")
            in_title = not (in_reference and line.endswith(")"))
        elif not line.startswith("STT "):
            kept.append(line)
    return kept


def empty(page: Page) -> bool:
    """Whether a reader sees nothing on the page but headings: no table row, no chart."""
    return not content(page) and not page.images


def appendix_start(pages: list[Page]) -> int:
    """The index of the first page of the first appendix."""
    return next(i for i, page in enumerate(pages) if page.heading == "I")


@pytest.fixture(scope="module")
def rendered(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Page]]:
    """Both demo reports as PDF, read page by page."""
    out = tmp_path_factory.mktemp("pages")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{out / 'profile'}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(out), *(str(demo / f"{name}.docx") for name in REPORTS)],
                   capture_output=True, timeout=600, check=True)
    return {name: read_pdf(out / f"{name}.pdf") for name in REPORTS}


def it_prints_the_body_portrait_and_every_appendix_page_landscape_on_a4(
        rendered: dict[str, list[Page]], capsys: pytest.CaptureFixture[str]) -> None:
    for name, pages in rendered.items():
        start = appendix_start(pages)
        headings = [(page.number, page.heading) for page in pages if page.heading]
        with capsys.disabled():
            print(f"\n{name}.pdf: {len(pages)} pages; body 1–{start}; "
                  + "; ".join(f"PHỤ LỤC {numeral} from page {number}" for number, numeral in headings))
        assert start >= 10
        assert [(p.number, round(p.width, 1), round(p.height, 1)) for p in pages[:start]] \
            == [(p.number, *A4) for p in pages[:start]]
        assert [(p.number, round(p.width, 1), round(p.height, 1)) for p in pages[start:]] \
            == [(p.number, *A4_LANDSCAPE) for p in pages[start:]]


def it_names_the_appendices_in_order_one_on_a_new_page_each(rendered: dict[str, list[Page]]) -> None:
    for name, pages in rendered.items():
        headings = [page.heading for page in pages if page.heading]
        assert headings == (["I", "II", "III"] if REPORTS[name].is_year_end else ["I", "II"])
        assert all(page.landscape for page in pages if page.heading)


def it_numbers_the_pages_from_the_second_in_order(rendered: dict[str, list[Page]]) -> None:
    for pages in rendered.values():
        assert not re.fullmatch(r"\d+", pages[0].lines[0])  # the first page has no number
        assert [page.lines[0] for page in pages[1:]] == [str(n) for n in range(2, len(pages) + 1)]


def it_shows_a_table_row_or_a_chart_on_every_appendix_page(rendered: dict[str, list[Page]]) -> None:
    for name, pages in rendered.items():
        appendix = pages[appendix_start(pages):]
        assert [page.number for page in appendix if empty(page)] == [], name
        # a table's pages show rows; the charts appendix's pages show charts
        last = max(page.number for page in appendix if page.heading)
        assert all(page.images for page in appendix if page.number >= last)
        assert not any(page.images for page in appendix if page.number < last)


def it_shows_every_chart_whole_in_the_charts_appendix(rendered: dict[str, list[Page]], demo: Path,
                                                     catalog: Catalog) -> None:
    for name, pages in rendered.items():
        with zipfile.ZipFile(demo / f"{name}.docx") as archive:
            pngs = [Image.open(io.BytesIO(archive.read(entry))).size
                    for entry in sorted(archive.namelist()) if entry.startswith("word/media/")]
        assert len(pngs) == len(catalog.report.charts) > 0
        charts_from = max(page.number for page in pages if page.heading)
        shown = [(page.number, size) for page in pages for size in page.images]
        assert len(shown) == len(catalog.report.charts)
        assert all(number >= charts_from for number, _ in shown)
        assert sorted(size for _, size in shown) == sorted(pngs)  # at full resolution, none cut
        per_page = [len(page.images) for page in pages if page.number >= charts_from]
        assert per_page == [2] * (len(pngs) // 2) + [1] * (len(pngs) % 2)  # two to a page, the title's page too


def it_counts_a_page_with_only_an_appendix_title_as_empty() -> None:
    title = ("                                   46\n\n                  PHỤ LỤC II\n"
             "   Biểu đồ một số chỉ tiêu chủ yếu năm 2023 so với năm 2022\n"
             "(Kèm theo Báo cáo số 742/BC-SKHĐT ngày 28/03/2023 của Sở Kế hoạch và Đầu tư)\n")
    assert empty(Page(46, *A4_LANDSCAPE, title, ()))
    assert not empty(Page(46, *A4_LANDSCAPE, title, ((1889, 535),)))
    header = "                 47\nSTT    Chỉ tiêu     ĐVT     KH năm    Tháng\n"
    assert empty(Page(47, *A4_LANDSCAPE, header, ()))
    assert not empty(Page(47, *A4_LANDSCAPE, header + " 400   - Người bị thương    người   -   -\n", ()))
    assert not empty(Page(19, *A4_LANDSCAPE, title.replace("46", "19") + "Các chỉ tiêu kinh tế\n", ()))
