"""Redline engines compared on the ways two drafts of a report differ.

Run: ``.venv/bin/python benchmarks/bench_redline.py [--repeat N] [--report bao-cao-2023-03.docx]``.

Each case is a pair of small documents built with python-docx (the builders
of ``tests/test_redline.py``): a figure edited inside a sentence, the same
with the number split over two runs as Word saves it, one appendix cell
changed, one appendix row added, a footnote reworded, a chart replaced,
paragraphs inserted, deleted and reworded; with ``--report`` (by default
``outputs/bao-cao-2023-03.docx`` when it exists) also the demo's report
against itself and against a copy with one figure edited. The engines:

- ``reportgen``: :func:`reportgen.compare.redline.redline`, Docxodus with its
  revisions tidied, dates fixed and the zip normalised;
- ``docxodus-raw``: the Docxodus binary's own output;
- ``xmlpowertools``: python-redlines' legacy Open-XML-PowerTools WmlComparer,
  when ``python-redlines-ooxmlpowertools`` is installed (it is not a
  dependency of reportgen);
- ``libreoffice``: LibreOffice's Edit ▸ Track Changes ▸ Compare Document
  through UNO, driven by the system Python (``--uno-python``, which must
  import ``uno``); its time leaves out starting LibreOffice.

For each case and engine it prints whether the change is marked at the right
granularity (the changed number as one deletion and one insertion, not the
paragraph nor half a number; the added row as an inserted row; the footnote's
words in the footnote; the picture as one deleted and one inserted drawing),
how many revisions hold content (fewer, for the same change, reads better),
whether the new draft's bookmarks are kept, whether two runs give the same
XML, and the median time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_redline import (  # noqa: E402  (the test module's document builders)
    NEW_NOTES,
    NEW_PARAGRAPHS,
    OLD_NOTES,
    OLD_PARAGRAPHS,
    OLD_ROWS,
    edited_figure,
    figure_doc,
    footnote_doc,
    image_doc,
    paragraphs_doc,
    table_doc,
)

from reportgen.compare.redline import ENGINE_ENV, redline  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TRANSPARENT = {W + "bookmarkStart", W + "bookmarkEnd", W + "commentRangeStart", W + "commentRangeEnd"}
WHEN = dt.datetime(2023, 4, 5, tzinfo=dt.UTC)
CELL_ROWS = [[*row[:2], "9.301,15"] if row[0] == "Bán lẻ" else row for row in OLD_ROWS]
ADDED_ROWS = [*OLD_ROWS, ["Xuất khẩu", "triệu USD", "512,3"]]
Engine = Callable[[Path, Path, Path], None]

LO_HELPER = r'''
import json, subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

jobs, profile, pipe = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3]
office = subprocess.Popen(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--invisible",
                           "--norestore", f"--accept=pipe,name={pipe};urp;"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
desktop = None
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(600):
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.1)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    dispatcher = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    times = []
    for old, new, out in jobs:
        start = time.perf_counter()
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(new), "_blank", 0, (prop("Hidden", True),))
        dispatcher.executeDispatch(doc.getCurrentController().getFrame(), ".uno:CompareDocuments", "", 0,
                                   (prop("URL", uno.systemPathToFileUrl(old)), prop("NoAcceptDialog", True)))
        doc.storeToURL(uno.systemPathToFileUrl(out), (prop("FilterName", "MS Word 2007 XML"),))
        doc.close(True)
        times.append(time.perf_counter() - start)
    print(json.dumps(times))
finally:
    if desktop is not None:
        try:
            desktop.terminate()
        except Exception:
            pass
    try:
        office.wait(timeout=60)
    except subprocess.TimeoutExpired:
        office.kill()
'''


# --- reading an output ------------------------------------------------------------------------------------------------


def xml_part(docx: bytes, name: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        if name not in archive.namelist():
            return etree.Element(W + "empty")
        return etree.fromstring(archive.read(name))


def pieces(docx: bytes, kind: str, name: str = "word/document.xml") -> list[str]:
    """The text of each stretch of neighbouring ``w:ins`` (or ``w:del``) holding content, sorted.

    Bookmark and comment marks between two revisions do not break a stretch:
    a number deleted in two neighbouring pieces counts as one deletion.
    """
    found: list[str] = []
    for parent in {id(e.getparent()): e.getparent() for e in xml_part(docx, name).iter(W + kind) if len(e)}.values():
        assert parent is not None
        current: list[str] | None = None
        for child in parent:
            if child.tag == W + kind and len(child):
                text = "".join(t.text or "" for t in child.iter(W + "t", W + "delText"))
                current = (current or []) + [text]
            elif child.tag not in TRANSPARENT and current is not None:
                found.append("".join(current))
                current = None
        if current is not None:
            found.append("".join(current))
    return sorted(found)


def bookmarks(docx: bytes) -> set[str]:
    return {b.get(W + "name", "") for b in xml_part(docx).iter(W + "bookmarkStart")} - {"_GoBack"}


def xml_parts(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.endswith((".xml", ".rels"))}


def revision_count(docx: bytes) -> int:
    return sum(len(list(xml_part(docx, name).iter(W + "ins", W + "del"))) for name in xml_parts(docx))


def marks(docx: bytes) -> int:
    """Revisions holding content (not paragraph-mark or row markers) in the body and the footnotes."""
    return sum(1 for name in ("word/document.xml", "word/footnotes.xml")
               for e in xml_part(docx, name).iter(W + "ins", W + "del") if len(e))


def inserted_rows(docx: bytes) -> list[bool]:
    return [row.find(f"{W}trPr/{W}ins") is not None for row in xml_part(docx).iter(W + "tr")]


def drawings_in(docx: bytes, kind: str) -> int:
    return sum(1 for e in xml_part(docx).iter(W + kind) if e.find(f".//{W}drawing") is not None)


# --- the cases --------------------------------------------------------------------------------------------------------


class Case:
    """Two drafts and what a right redline of them marks."""

    def __init__(self, name: str, old: bytes, new: bytes, right: Callable[[bytes], bool]) -> None:
        self.name, self.old, self.new, self.right = name, old, new, right


def number_pair(deleted: list[str], inserted: list[str]) -> Callable[[bytes], bool]:
    return lambda out: (pieces(out, "del"), pieces(out, "ins")) == (sorted(deleted), sorted(inserted))


def cases(report: Path | None) -> list[Case]:
    found = [
        Case("figure in a sentence", figure_doc("9.239,42", "8,92%"), figure_doc("9.301,15", "9,67%"),
             number_pair(["9.239,42", "8,92%"], ["9.301,15", "9,67%"])),
        Case("split run", figure_doc("9.239,42", "8,92%", split=True), figure_doc("9.301,15", "9,67%", split=True),
             number_pair(["9.239,42", "8,92%"], ["9.301,15", "9,67%"])),
        Case("table cell", table_doc(OLD_ROWS), table_doc(CELL_ROWS), number_pair(["9.239,42"], ["9.301,15"])),
        Case("row added", table_doc(OLD_ROWS), table_doc(ADDED_ROWS),
             lambda out: inserted_rows(out) == [False, False, False, True] and not pieces(out, "del")),
        Case("footnote changed", footnote_doc(OLD_NOTES), footnote_doc(NEW_NOTES),
             lambda out: (pieces(out, "del", "word/footnotes.xml"), pieces(out, "ins", "word/footnotes.xml"))
             == (["ước tính"], ["chính thức"]) and not pieces(out, "ins") and not pieces(out, "del")),
        Case("image replaced", image_doc("red"), image_doc("blue"),
             lambda out: drawings_in(out, "del") == drawings_in(out, "ins") == 1),
        Case("paragraphs", paragraphs_doc(OLD_PARAGRAPHS), paragraphs_doc(NEW_PARAGRAPHS),
             number_pair(["Đoạn sẽ bị xóa đi.", "phục hồi khá"], ["tăng trưởng ổn định", "Đoạn mới được chèn thêm."])),
    ]
    if report is not None:
        march = report.read_bytes()
        edited, old_text = edited_figure(march, "f_retail_sales__ytd", "28.700,125")
        found.append(Case("demo report vs itself", march, march, lambda out: revision_count(out) == 0))
        found.append(Case("demo report, one figure", march, edited, number_pair([old_text], ["28.700,125"])))
    return found


# --- the engines ------------------------------------------------------------------------------------------------------


def reportgen_engine(old: Path, new: Path, out: Path) -> None:
    out.write_bytes(redline(old.read_bytes(), new.read_bytes(), author="Bench", when=WHEN))


def binary_engine(module: str, cls: str, arguments: Callable[[str, Path, Path, Path], list[str]]) -> Engine | None:
    """An engine of python-redlines run as a process of its own, or None when it is not installed."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            binary = str(getattr(importlib.import_module(module), cls)().extracted_binaries_path)
    except ImportError:
        return None

    def run(old: Path, new: Path, out: Path) -> None:
        subprocess.run(arguments(binary, old, new, out), env=ENGINE_ENV, capture_output=True, check=True,
                       timeout=600)
    return run


def engines() -> dict[str, Engine | None]:
    return {
        "reportgen": reportgen_engine,
        "docxodus-raw": binary_engine("python_redlines", "DocxodusEngine", lambda b, o, n, t: [
            b, str(o), str(n), str(t), "--author=Bench", "--date-time=2023-04-05T00:00:00Z"]),
        "xmlpowertools": binary_engine("python_redlines", "XmlPowerToolsEngine", lambda b, o, n, t: [
            b, "Bench", str(o), str(n), str(t)]),
    }


def libreoffice_runs(uno_python: str, jobs: list[tuple[Path, Path, Path]], folder: Path) -> list[float] | None:
    """Times of LibreOffice's Compare Document on each job, in one LibreOffice; None when it cannot run here."""
    if shutil.which("soffice") is None or shutil.which(uno_python) is None:
        return None
    helper = folder / "lo_compare.py"
    helper.write_text(LO_HELPER, encoding="utf-8")
    done = subprocess.run([uno_python, str(helper), json.dumps([[str(p) for p in job] for job in jobs]),
                           str(folder / "lo-profile"), f"reportgen-bench-{folder.name}"],
                          capture_output=True, text=True, timeout=1800, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-2000:])
        return None
    times: list[float] = json.loads(done.stdout.strip().splitlines()[-1])
    return times


# --- measuring --------------------------------------------------------------------------------------------------------


def verdict(case: Case, outputs: list[bytes], seconds: list[float]) -> tuple[str, ...]:
    kept = bookmarks(case.new) <= bookmarks(outputs[0])
    same = all(xml_parts(o) == xml_parts(outputs[0]) for o in outputs[1:])
    return ("yes" if case.right(outputs[0]) else "NO", str(marks(outputs[0])), "yes" if kept else "NO",
            "yes" if same else "NO", f"{statistics.median(seconds) * 1000:.0f}")


def measure(repeat: int, report: Path | None, uno_python: str) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    with tempfile.TemporaryDirectory(prefix="bench-redline-") as name:
        folder = Path(name)
        all_cases = cases(report)
        paths = []
        for index, case in enumerate(all_cases):
            old, new = folder / f"{index}-old.docx", folder / f"{index}-new.docx"
            old.write_bytes(case.old)
            new.write_bytes(case.new)
            paths.append((old, new))
        for engine_name, engine in engines().items():
            for case, (old, new) in zip(all_cases, paths, strict=True):
                if engine is None:
                    rows.append((case.name, engine_name, "not installed", "", "", "", ""))
                    continue
                outputs, seconds = [], []
                for turn in range(max(repeat, 2)):
                    out = folder / f"{engine_name}-{turn}.docx"
                    start = time.perf_counter()
                    engine(old, new, out)
                    seconds.append(time.perf_counter() - start)
                    outputs.append(out.read_bytes())
                rows.append((case.name, engine_name, *verdict(case, outputs, seconds)))
        jobs = [(old, new, folder / f"lo-{i}-{turn}.docx") for turn in range(max(repeat, 2))
                for i, (old, new) in enumerate(paths)]
        times = libreoffice_runs(uno_python, jobs, folder)
        for i, case in enumerate(all_cases):
            if times is None:
                rows.append((case.name, "libreoffice", "cannot run", "", "", "", ""))
                continue
            mine = [k for k, job in enumerate(jobs) if job[0] == paths[i][0]]
            outputs = [jobs[k][2].read_bytes() for k in mine]
            rows.append((case.name, "libreoffice", *verdict(case, outputs, [times[k] for k in mine])))
    return sorted(rows, key=lambda row: [c.name for c in all_cases].index(row[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3, help="runs per case and engine (at least 2)")
    default_report = ROOT / "outputs" / "bao-cao-2023-03.docx"
    parser.add_argument("--report", type=Path, default=default_report if default_report.exists() else None,
                        help="a report reportgen built, for the real-size cases")
    parser.add_argument("--uno-python", default="/usr/bin/python3", help="a Python that can import uno")
    arguments = parser.parse_args()
    rows = measure(arguments.repeat, arguments.report, arguments.uno_python)
    header = ("case", "engine", "right granularity", "revisions", "bookmarks kept", "same XML twice", "median ms")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        sys.stdout.write("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |\n")


if __name__ == "__main__":
    main()
