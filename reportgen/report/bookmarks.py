"""Each figure the report prints, wrapped in a Word bookmark named after the figure.

A reviewer's redline and the list of figure changes find a figure in any
draft, also one a planner edited in Word, by its bookmark: Word keeps
bookmarks through edits and comparison engines carry them over, where content
controls made the comparison replace whole paragraphs.

While the template renders, a printed figure (``{{ f.retail_sales.month }}``,
``{{ f.cpi.yoy_month }}``) is left in the text between private-use markers
naming it (:func:`figure_marker`); :func:`place_bookmarks` then cuts the run
around the figure's text and puts ``w:bookmarkStart``/``w:bookmarkEnd``
around it. A bookmark's name (:func:`bookmark_name`) is ``f_`` + indicator
code + ``__`` + span (``f_retail_sales__month``), shortened with a digest when
Word's limit of 40 characters would be passed, and ``__2``, ``__3`` … for a
figure printed again. :func:`figure_of` reads a name back to the figure.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

FIGURE, VALUE, FIGURE_END = "\ue005", "\ue006", "\ue007"
FIGURE_CHARS = FIGURE + VALUE + FIGURE_END
_FIGURE = re.compile(f"{FIGURE}([^{FIGURE_CHARS}]*){VALUE}([^{FIGURE_CHARS}]*){FIGURE_END}")
NAME_LIMIT = 40  # Word's longest bookmark name
_REPEAT = re.compile(r"__(\d+)$")
_NAME = re.compile(r"f_[A-Za-z0-9_]+")


def figure_marker(figure: str, text: str) -> str:
    """``text`` (already escaped) marked as the printed value of ``figure`` (``"code.span"``)."""
    return f"{FIGURE}{figure}{VALUE}{text}{FIGURE_END}"


def unmark(text: str) -> str:
    """The text without figure markers, each figure's value kept (a figure printed inside a footnote)."""
    return _FIGURE.sub(lambda match: match.group(2), text)


def bookmark_name(code: str, span: str) -> str:
    """The bookmark of an indicator's figure: ``f_retail_sales__month``, shortened under Word's limit."""
    name = f"f_{code}__{span}"
    if len(name) <= NAME_LIMIT - 4:  # room for a repeat's ``__99``
        return name
    digest = hashlib.sha1(f"{code}.{span}".encode()).hexdigest()[:6]
    room = NAME_LIMIT - 4 - len(f"f___{span}") - len(digest) - 1
    return f"f_{code[:room]}_{digest}__{span}"


def figure_of(name: str, names: Mapping[str, tuple[str, str]]) -> tuple[str, str] | None:
    """The (indicator, span) a bookmark stands for, given :func:`bookmark_table`; None for other bookmarks."""
    return names.get(_REPEAT.sub("", name)) or names.get(name)


def bookmark_table(codes: Iterable[str], spans: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Every bookmark name a report can hold, to the (indicator, span) it stands for."""
    span_list = list(spans)
    return {bookmark_name(code, span): (code, span) for code in codes for span in span_list}


def _name_for(figure: str, used: dict[str, int]) -> str:
    code, _, span = figure.rpartition(".")
    base = bookmark_name(code, span)
    used[base] = used.get(base, 0) + 1
    return base if used[base] == 1 else f"{base}__{used[base]}"


def split_marked_runs(document: etree._Element, marker: str, pattern: re.Pattern[str],
                      replace: Callable[[re.Match[str], Callable[[str], etree._Element]], list[etree._Element]]
                      ) -> None:
    """Cut every run whose text holds ``marker`` at each match of ``pattern``, in document order.

    Text around the matches stays, in its place, in runs with the run's
    properties (as does anything else the run holds: line breaks, tabs);
    each match becomes what ``replace`` returns for it, given a maker of runs
    with the run's properties holding a text.
    """
    marked = {t.getparent() for t in document.iter(W + "t") if marker in (t.text or "")}
    for run in [r for r in document.iter(W + "r") if r in marked]:
        parent = run.getparent()
        assert parent is not None
        position = parent.index(run)
        parent.remove(run)
        for offset, element in enumerate(_split(run, marker, pattern, replace)):
            parent.insert(position + offset, element)


def _split(run: etree._Element, marker: str, pattern: re.Pattern[str],
           replace: Callable[[re.Match[str], Callable[[str], etree._Element]], list[etree._Element]]
           ) -> list[etree._Element]:
    properties = run.find(W + "rPr")
    out: list[etree._Element] = []
    current: etree._Element | None = None

    def new_run() -> etree._Element:
        made = etree.Element(W + "r")
        if properties is not None:
            made.append(copy.deepcopy(properties))
        return made

    def text_run(text: str) -> etree._Element:
        made = new_run()
        _add_t(made, text)
        return made

    for child in list(run):
        if child is properties:
            continue
        if child.tag != W + "t" or marker not in (child.text or ""):
            if current is None:
                current = new_run()
                out.append(current)
            current.append(child)
            continue
        text, at = child.text or "", 0
        for match in [*pattern.finditer(text), None]:
            piece = text[at:match.start() if match else len(text)]
            if piece:
                if current is None:
                    current = new_run()
                    out.append(current)
                _add_t(current, piece)
            if match is not None:
                out.extend(replace(match, text_run))
                current, at = None, match.end()
    return out


def _add_t(run: etree._Element, text: str) -> None:
    t = etree.SubElement(run, W + "t")
    t.text = text
    t.set(XML_SPACE, "preserve")


def place_bookmarks(document: etree._Element) -> None:
    """Turn every figure marker of the rendered body into a bookmark around the figure's text."""
    ids = [int(b.get(W + "id", "0")) for b in document.iter(W + "bookmarkStart")]
    next_id, used = max([0, *ids]) + 1, dict[str, int]()

    def bookmark(match: re.Match[str], text_run: Callable[[str], etree._Element]) -> list[etree._Element]:
        nonlocal next_id
        start, end = etree.Element(W + "bookmarkStart"), etree.Element(W + "bookmarkEnd")
        start.set(W + "id", str(next_id))
        start.set(W + "name", _name_for(match.group(1), used))
        end.set(W + "id", str(next_id))
        next_id += 1
        return [start, text_run(match.group(2)), end]

    split_marked_runs(document, FIGURE, _FIGURE, bookmark)


def figure_bookmarks(document: etree._Element) -> dict[str, str]:
    """Every reportgen bookmark of a document body and the text it encloses, by name (also after Word edits)."""
    found: dict[str, str] = {}
    open_ids: dict[str, str] = {}
    texts: dict[str, list[str]] = {}
    for element in document.iter(W + "bookmarkStart", W + "bookmarkEnd", W + "t"):  # deleted text is not stated
        if element.tag == W + "bookmarkStart":
            name = element.get(W + "name", "")
            if _NAME.fullmatch(name):
                open_ids[element.get(W + "id", "")] = name
                texts[name] = []
        elif element.tag == W + "bookmarkEnd":
            name = open_ids.pop(element.get(W + "id", ""), "")
            if name:
                found[name] = "".join(texts.pop(name))
        elif element.tag == W + "t":
            for name in open_ids.values():
                texts[name].append(element.text or "")
    return found


def stated_figures(docx: bytes) -> dict[str, str]:
    """The figures a .docx states, by bookmark name, as printed."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return figure_bookmarks(etree.fromstring(archive.read("word/document.xml")))


def stated_json(docx: bytes | Mapping[str, str]) -> str:
    """:func:`stated_figures` (of a document, or as found already) as stable JSON, as a build records it."""
    stated = stated_figures(docx) if isinstance(docx, bytes) else docx
    return json.dumps(stated, ensure_ascii=False, sort_keys=True)
