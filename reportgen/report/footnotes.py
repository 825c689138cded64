"""Real Word footnotes for a rendered document.

While the template renders, :class:`FootnoteRegistry.mark` returns an inline
marker made of private-use characters (they survive Jinja's autoescaping and
no department text contains them: :func:`strip_markers` removes them from
input). After rendering, :func:`apply_footnotes` replaces each marker by a
``w:footnoteReference`` run and writes the texts into ``word/footnotes.xml``,
numbered in document order.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
W = f"{{{W_NS}}}"

OPEN, CLOSE = "\ue000", "\ue001"
_MARKER = re.compile(f"{OPEN}(\\d+){CLOSE}")
_ANY_MARKER_CHAR = re.compile(f"[{OPEN}{CLOSE}]")

REFERENCE_STYLE = "FootnoteReference"
TEXT_STYLE = "FootnoteText"


def strip_markers(text: str) -> str:
    """Remove marker characters from outside text so it can never fake a footnote."""
    return _ANY_MARKER_CHAR.sub("", text)


class FootnoteRegistry:
    """Collects footnote texts during one render."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def mark(self, text: str) -> str:
        """Register a footnote; returns the marker to place where its number goes."""
        cleaned = strip_markers(str(text)).strip()
        if not cleaned:
            return ""
        self.texts.append(cleaned)
        return f"{OPEN}{len(self.texts)}{CLOSE}"


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


def _text_run(template_run: etree._Element, text: str) -> etree._Element:
    run = etree.Element(W + "r")
    rpr = template_run.find(W + "rPr")
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    t = etree.SubElement(run, W + "t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def _split_runs(document: etree._Element, first_id: int) -> list[int]:
    """Replace markers in runs by footnote references; returns marker numbers in document order."""
    order: list[int] = []
    for t in list(document.iter(W + "t")):
        if t.text is None or OPEN not in t.text:
            continue
        run = t.getparent()
        if run is None or run.tag != W + "r":
            continue
        pieces = _MARKER.split(t.text)
        parent = run.getparent()
        assert parent is not None
        position = parent.index(run)
        new_runs = []
        for index, piece in enumerate(pieces):
            if index % 2 == 0:
                if piece:
                    new_runs.append(_text_run(run, piece))
            else:
                number = int(piece)
                order.append(number)
                new_runs.append(_footnote_reference_run(run, first_id + len(order) - 1))
        parent.remove(run)
        for offset, new in enumerate(new_runs):
            parent.insert(position + offset, new)
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
    body = etree.SubElement(p, W + "r")
    t = etree.SubElement(body, W + "t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return note


def apply_footnotes(docx: bytes, registry: FootnoteRegistry) -> bytes:
    """Turn the markers of a rendered .docx into real footnotes."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    names = source.namelist()
    document = etree.fromstring(source.read("word/document.xml"))
    existing = source.read("word/footnotes.xml") if "word/footnotes.xml" in names else None
    footnotes = _footnotes_part(existing)
    used = [int(n.get(W + "id", "0")) for n in footnotes.findall(W + "footnote")]
    first_id = max([0, *used]) + 1
    order = _split_runs(document, first_id)
    for offset, number in enumerate(order):
        footnotes.append(_footnote(first_id + offset, registry.texts[number - 1]))
    replaced = {"word/document.xml": etree.tostring(document, xml_declaration=True, encoding="UTF-8",
                                                    standalone=True)}
    if order or existing is None:
        replaced["word/footnotes.xml"] = etree.tostring(footnotes, xml_declaration=True, encoding="UTF-8",
                                                        standalone=True)
    if existing is None:
        replaced["word/_rels/document.xml.rels"] = _add_relationship(source.read("word/_rels/document.xml.rels"))
        replaced["[Content_Types].xml"] = _add_content_type(source.read("[Content_Types].xml"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            target.writestr(name, replaced.pop(name, None) or source.read(name))
        for name, data in replaced.items():
            target.writestr(name, data)
    return out.getvalue()


def _add_relationship(rels_xml: bytes) -> bytes:
    root = etree.fromstring(rels_xml)
    ids = {r.get("Id") for r in root}
    n = 1
    while f"rIdFn{n}" in ids:
        n += 1
    rel = etree.SubElement(root, f"{{{PKG_REL_NS}}}Relationship")
    rel.set("Id", f"rIdFn{n}")
    rel.set("Type", FOOTNOTES_REL)
    rel.set("Target", "footnotes.xml")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _add_content_type(ct_xml: bytes) -> bytes:
    root = etree.fromstring(ct_xml)
    override = etree.SubElement(root, f"{{{CT_NS}}}Override")
    override.set("PartName", "/word/footnotes.xml")
    override.set("ContentType", FOOTNOTES_CT)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
