"""Markers placed while the template renders, resolved in the rendered document.

Two things a Jinja expression cannot write itself are left in the text as
markers made of private-use characters (they survive Jinja's autoescaping and
no outside text contains them: :func:`clean_text` removes them, with control
characters, from every text a department or a planner typed):

- a footnote: :class:`FootnoteRegistry.mark` returns an inline marker;
- a paragraph repeated for each item of a list: :func:`repeat_marker` wraps
  the items' texts (``{{ narrative('econ.trade') }}`` prints one).

After rendering, :func:`resolve_markers` (on the document in memory;
:func:`apply_markers` on a saved .docx) first repeats each paragraph holding a
repeat marker once per item (same paragraph and run properties, the text
around the marker kept in every copy; no paragraph for an empty list), puts
a bookmark around each printed figure (:mod:`.bookmarks`), then replaces
each footnote marker by a ``w:footnoteReference`` run and writes the texts
into ``word/footnotes.xml``, numbered in document order. A line break
typed in a text (Alt+Enter in Excel: ``\n``) is a ``w:br`` and a tab a
``w:tab``, in a footnote as in the body.
"""

from __future__ import annotations

import copy
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable

from lxml import etree

from .bookmarks import FIGURE_CHARS, place_bookmarks, split_marked_runs, unmark

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_PART = "/word/footnotes.xml"
W = f"{{{W_NS}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

OPEN, CLOSE = "\ue000", "\ue001"
REPEAT, ITEM, END = "\ue002", "\ue003", "\ue004"
_MARKER = re.compile(f"{OPEN}(\\d+){CLOSE}")
_ANY_MARKER_CHAR = re.compile(f"[{OPEN}{CLOSE}{REPEAT}{ITEM}{END}{FIGURE_CHARS}]")
_BREAKS = (W + "br", W + "cr", W + "tab")

REFERENCE_STYLE = "FootnoteReference"
TEXT_STYLE = "FootnoteText"


def strip_markers(text: str) -> str:
    """Remove marker characters from outside text so it can never fake a footnote."""
    return _ANY_MARKER_CHAR.sub("", text)


_NOT_KEPT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""What outside text cannot hold in the report: control characters (category Cc) but tab and line break, lone
surrogates (Cs) and the two non-characters XML cannot hold."""


def clean_text(text: str) -> str:
    """Outside text (a department's, a planner's) as the report prints it.

    NFC; without the markers' characters (:func:`strip_markers`: it can never
    fake a footnote or a paragraph), without control characters other than
    tab and line break (docxtpl would turn ``\\a`` and ``\\f`` into paragraphs
    and pages; XML cannot hold the rest), lone surrogates and non-characters;
    a Windows line end (``\\r\\n``) is a line break.
    """
    text = strip_markers(str(text)).replace("\r\n", "\n")
    return unicodedata.normalize("NFC", _NOT_KEPT.sub("", text))


class FootnoteRegistry:
    """Collects footnote texts during one render."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def mark(self, text: str) -> str:
        """Register a footnote; returns the marker to place where its number goes."""
        cleaned = clean_text(unmark(text)).strip()  # a figure printed inside a footnote is its bare value
        if not cleaned:
            return ""
        self.texts.append(cleaned)
        return f"{OPEN}{len(self.texts)}{CLOSE}"


def repeat_marker(texts: Iterable[str]) -> str:
    """The marker that makes the paragraph holding it repeat once per text, each copy showing one text.

    The text around the marker stays in every copy; with no texts, the
    paragraph is left out. Each text may hold footnote markers.
    """
    return REPEAT + "".join(ITEM + text for text in texts) + END


def _item_count(paragraph: etree._Element) -> int:
    """How many items the paragraph's first repeat marker holds."""
    text = "".join(t.text or "" for t in paragraph.iter(W + "t"))
    start = text.index(REPEAT)
    return text.count(ITEM, start, text.index(END, start))


def _keep_item(paragraph: etree._Element, keep: int) -> None:
    """Within the paragraph's first repeat marker, drop every item but ``keep``, and the marker."""
    state, item = "before", -1
    for element in list(paragraph.iter()):
        if element.tag in _BREAKS and state == "inside" and item != keep:
            parent = element.getparent()
            assert parent is not None
            parent.remove(element)
        if element.tag != W + "t" or not element.text:
            continue
        kept, state, item = _item_text(element.text, state, item, keep)
        if len(kept) < len(element.text):
            element.text = kept or None  # no text, as an empty one is written and read back
            element.set(XML_SPACE, "preserve")


_ITEM_OR_END = re.compile(f"[{ITEM}{END}]")


def _item_text(text: str, state: str, item: int, keep: int) -> tuple[str, str, int]:
    """What stays of one text of a paragraph holding a repeat marker, and the state after it.

    ``state``: ``before`` the marker, ``inside`` it (in item number
    ``item``) or ``after`` it. The marker's characters go; inside it, only
    the text of item ``keep`` stays.
    """
    kept, at = [], 0
    while at < len(text):
        if state == "before":
            found = text.find(REPEAT, at)
            if found < 0:
                kept.append(text[at:])
                break
            kept.append(text[at:found])
            state, at = "inside", found + 1
        elif state == "inside":
            mark = _ITEM_OR_END.search(text, at)
            if item == keep:
                kept.append(text[at:mark.start() if mark else len(text)])
            if mark is None:
                break
            if mark.group() == ITEM:
                item += 1
            else:
                state = "after"
            at = mark.end()
        else:
            kept.append(text[at:])
            break
    return "".join(kept), state, item


def _leave_out(paragraph: etree._Element) -> None:
    """Leave out the paragraph of an empty list; one that a table cell or a section needs stays, emptied."""
    parent = paragraph.getparent()
    assert parent is not None
    ppr = paragraph.find(W + "pPr")
    needed = (ppr is not None and ppr.find(W + "sectPr") is not None) or (
        parent.tag == W + "tc" and len(parent.findall(W + "p")) == 1)
    if not needed:
        parent.remove(paragraph)
        return
    for child in list(paragraph):
        if child.tag != W + "pPr":
            paragraph.remove(child)


def _has_repeat(paragraph: etree._Element) -> bool:
    return any(REPEAT in (t.text or "") for t in paragraph.iter(W + "t"))


def _repeat_paragraphs(document: etree._Element) -> None:
    """Repeat each paragraph holding a repeat marker once per item (see :func:`repeat_marker`)."""
    holding = {p for t in document.iter(W + "t") if REPEAT in (t.text or "") for p in t.iterancestors(W + "p")}
    pending = [p for p in document.iter(W + "p") if p in holding]
    while pending:
        paragraph = pending.pop()
        count = _item_count(paragraph)
        copies = []
        for keep in range(count):
            copy_ = copy.deepcopy(paragraph)
            _keep_item(copy_, keep)
            if keep < count - 1:
                for sect in copy_.findall(f"{W}pPr/{W}sectPr"):
                    sect.getparent().remove(sect)  # type: ignore[union-attr]
            copies.append(copy_)
        for copy_ in copies:
            paragraph.addprevious(copy_)
            if _has_repeat(copy_):
                pending.append(copy_)  # a second list in the same paragraph
        if copies:
            parent = paragraph.getparent()
            assert parent is not None
            parent.remove(paragraph)
        else:
            _leave_out(paragraph)


def _footnote_reference_run(template_run: etree._Element, footnote_id: int) -> etree._Element:
    run = etree.Element(W + "r")
    rpr = template_run.find(W + "rPr")
    new_rpr = copy.deepcopy(rpr) if rpr is not None else etree.Element(W + "rPr")
    for old in new_rpr.findall(W + "rStyle") + new_rpr.findall(W + "vertAlign"):
        new_rpr.remove(old)
    style = etree.Element(W + "rStyle")
    style.set(W + "val", REFERENCE_STYLE)
    new_rpr.insert(0, style)
    align = etree.SubElement(new_rpr, W + "vertAlign")
    align.set(W + "val", "superscript")
    run.append(new_rpr)
    ref = etree.SubElement(run, W + "footnoteReference")
    ref.set(W + "id", str(footnote_id))
    return run


def _add_text(run: etree._Element, text: str) -> None:
    """Append ``text`` to a run: its lines as ``w:t`` separated by ``w:br``, its tabs as ``w:tab``."""
    for number, line in enumerate(text.split("\n")):
        if number:
            etree.SubElement(run, W + "br")
        for index, piece in enumerate(line.split("\t")):
            if index:
                etree.SubElement(run, W + "tab")
            if piece:
                t = etree.SubElement(run, W + "t")
                t.text = piece
                t.set(XML_SPACE, "preserve")


def _split_runs(document: etree._Element, first_id: int) -> list[int]:
    """Replace markers in runs by footnote reference runs (with the run's properties, styled as references);
    returns marker numbers in document order."""
    order: list[int] = []

    def reference(match: re.Match[str], text_run: Callable[[str], etree._Element]) -> list[etree._Element]:
        order.append(int(match.group(1)))
        return [_footnote_reference_run(text_run(""), first_id + len(order) - 1)]

    split_marked_runs(document, OPEN, _MARKER, reference)
    return order


def _footnotes_part(existing: bytes | None) -> etree._Element:
    if existing:
        return etree.fromstring(existing)
    root = etree.Element(W + "footnotes", nsmap={"w": W_NS, "r": R_NS})
    for fid, kind, child in ((-1, "separator", "separator"), (0, "continuationSeparator", "continuationSeparator")):
        note = etree.SubElement(root, W + "footnote")
        note.set(W + "type", kind)
        note.set(W + "id", str(fid))
        p = etree.SubElement(note, W + "p")
        ppr = etree.SubElement(p, W + "pPr")
        spacing = etree.SubElement(ppr, W + "spacing")
        spacing.set(W + "after", "0")
        spacing.set(W + "line", "240")
        spacing.set(W + "lineRule", "auto")
        r = etree.SubElement(p, W + "r")
        etree.SubElement(r, W + child)
    return root


def _footnote(footnote_id: int, text: str) -> etree._Element:
    note = etree.Element(W + "footnote")
    note.set(W + "id", str(footnote_id))
    p = etree.SubElement(note, W + "p")
    ppr = etree.SubElement(p, W + "pPr")
    style = etree.SubElement(ppr, W + "pStyle")
    style.set(W + "val", TEXT_STYLE)
    ref_run = etree.SubElement(p, W + "r")
    rpr = etree.SubElement(ref_run, W + "rPr")
    rstyle = etree.SubElement(rpr, W + "rStyle")
    rstyle.set(W + "val", REFERENCE_STYLE)
    align = etree.SubElement(rpr, W + "vertAlign")
    align.set(W + "val", "superscript")
    etree.SubElement(ref_run, W + "footnoteRef")
    space = etree.SubElement(p, W + "r")
    t0 = etree.SubElement(space, W + "t")
    t0.text = " "
    t0.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    _add_text(etree.SubElement(p, W + "r"), text)
    return note


def apply_markers(docx: bytes, registry: FootnoteRegistry) -> bytes:
    """Resolve the markers of a rendered .docx: repeated paragraphs, then real footnotes."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    names = source.namelist()
    document = etree.fromstring(source.read("word/document.xml"))
    existing = source.read("word/footnotes.xml") if "word/footnotes.xml" in names else None
    notes = resolve_markers(document, existing, registry)
    replaced = {"word/document.xml": etree.tostring(document, xml_declaration=True, encoding="UTF-8",
                                                    standalone=True)}
    if notes is not None:
        replaced["word/footnotes.xml"] = notes
    if existing is None:
        replaced["word/_rels/document.xml.rels"] = _add_relationship(source.read("word/_rels/document.xml.rels"))
        replaced["[Content_Types].xml"] = _add_content_type(source.read("[Content_Types].xml"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            target.writestr(name, replaced.pop(name, b"") or source.read(name))
        for name, data in replaced.items():
            target.writestr(name, data)
    return out.getvalue()


def resolve_markers(document: etree._Element, existing: bytes | None, registry: FootnoteRegistry) -> bytes | None:
    """Resolve the markers of a rendered document body, in place: repeated paragraphs, bookmarks, footnotes.

    ``existing`` is the document's footnotes part, if it has one. Returns
    the footnotes part to write: a new one (when there was none, even
    without footnotes), the existing one with the report's footnotes added,
    or None when the existing one stays as it is.
    """
    _repeat_paragraphs(document)
    place_bookmarks(document)
    footnotes = _footnotes_part(existing)
    used = [int(n.get(W + "id", "0")) for n in footnotes.findall(W + "footnote")]
    first_id = max([0, *used]) + 1
    order = _split_runs(document, first_id)
    for offset, number in enumerate(order):
        footnotes.append(_footnote(first_id + offset, registry.texts[number - 1]))
    if not order and existing is not None:
        return None
    return etree.tostring(footnotes, xml_declaration=True, encoding="UTF-8", standalone=True)


def footnotes_relationship_id(used: Iterable[str]) -> str:
    """The id of the document's relationship to a footnotes part added to it: the first ``rIdFn<n>`` not used."""
    ids = set(used)
    n = 1
    while f"rIdFn{n}" in ids:
        n += 1
    return f"rIdFn{n}"


def _add_relationship(rels_xml: bytes) -> bytes:
    root = etree.fromstring(rels_xml)
    rel_id = footnotes_relationship_id(str(r.get("Id")) for r in root)
    rel = etree.SubElement(root, f"{{{PKG_REL_NS}}}Relationship")
    rel.set("Id", rel_id)
    rel.set("Type", FOOTNOTES_REL)
    rel.set("Target", "footnotes.xml")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _add_content_type(ct_xml: bytes) -> bytes:
    root = etree.fromstring(ct_xml)
    override = etree.SubElement(root, f"{{{CT_NS}}}Override")
    override.set("PartName", "/word/footnotes.xml")
    override.set("ContentType", FOOTNOTES_CT)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
