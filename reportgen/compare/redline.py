"""Two drafts of a report as one .docx of Word tracked changes, with reviewers' comments on changed figures.

:func:`redline` runs the Docxodus comparison engine (python-redlines'
``DocxodusEngine`` binary) on the old and the new draft: every difference
becomes a real revision (``w:ins``/``w:del`` with author and date), found
word by word, so a figure edited inside a sentence shows as the old number
deleted and the new one inserted. The engine keeps the new draft's
bookmarks, so the figures reportgen wraps in bookmarks
(:mod:`reportgen.report.bookmarks`) can carry a comment: for each bookmark
named in ``comments`` whose range holds or touches a revision, a Word
comment is anchored on it.

The engine's output is then tidied: neighbouring revisions of one kind are
merged (a number Word had split over two runs is deleted as one piece) and
the deletion is put before the insertion that replaces it, as Word does.
Its revision dates are the ``when`` given, and the zip is normalised
(:func:`reportgen.files.normalize_zip`), so the same drafts give the same
bytes.

:func:`accept_all` and :func:`reject_all` resolve every tracked change of a
document (body, tables, headers, footers, footnotes, endnotes, comments):
insertions and deletions, moves, changed properties, inserted or deleted
paragraph marks, rows and cells. :func:`document_text` reads a document's
text paragraph by paragraph, to check that accepting a redline gives the new
draft's text and rejecting it the old one's.
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib
import io
import posixpath
import subprocess
import tarfile
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from lxml import etree

from ..errors import ReportgenError
from ..files import normalize_zip
from ..messages import (
    BOTH_SIDES,
    CANNOT_COMPARE,
    DOCUMENT_SIDE,
    ENGINE_FAILED,
    ENGINE_MISSING,
    ENGINE_SLOW,
    NEW_SIDE,
    NOT_A_DOCUMENT,
    NOT_DOCX,
    OLD_SIDE,
    REASON_BAD_XML,
    REASON_NO_MAIN,
    REASON_NO_OUTPUT,
    REASON_NOT_ZIP,
)

ENGINE_ENV = {"DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1"}  # the engine needs no ICU then
ENGINE_SECONDS = 600

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
OFFICE_DOCUMENT = REL_TYPES + "officeDocument"
STORY_TYPES = tuple(REL_TYPES + kind for kind in ("header", "footer", "footnotes", "endnotes", "comments"))
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"

INSERTED = frozenset({W + "ins", W + "moveTo"})
DELETED = frozenset({W + "del", W + "moveFrom"})
REVISIONS = INSERTED | DELETED
# A tracked property change, and the children of its holder that are not the old properties: (tags, they go first).
PROPERTY_CHANGES: dict[str, tuple[frozenset[str], bool]] = {
    W + "rPrChange": (REVISIONS, True),
    W + "pPrChange": (frozenset({W + "rPr", W + "sectPr"}), False),
    W + "sectPrChange": (frozenset({W + "headerReference", W + "footerReference"}), True),
    W + "trPrChange": (frozenset({W + "ins", W + "del"}), False),
    W + "tcPrChange": (frozenset({W + "cellIns", W + "cellDel", W + "cellMerge"}), False),
    W + "tblPrChange": (frozenset(), False),
    W + "tblPrExChange": (frozenset(), False),
    W + "tblGridChange": (frozenset(), False),
}
RANGE_MARKS = tuple(W + tag for tag in (
    "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd",
    "customXmlInsRangeStart", "customXmlInsRangeEnd", "customXmlDelRangeStart", "customXmlDelRangeEnd",
    "customXmlMoveFromRangeStart", "customXmlMoveFromRangeEnd", "customXmlMoveToRangeStart",
    "customXmlMoveToRangeEnd"))
# What may stand between two pieces of text without being text: skipped when looking at a bookmark's neighbours.
MARKS = frozenset({W + "bookmarkStart", W + "bookmarkEnd", W + "commentRangeStart", W + "commentRangeEnd",
                   W + "proofErr", W + "permStart", W + "permEnd", *RANGE_MARKS})
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


class CompareError(ReportgenError):
    """Two drafts cannot be compared, or a file is not a Word document; the message says which side and why."""


# --- the package --------------------------------------------------------------------------------------------------


class _Package:
    """A .docx as its zip entries; the XML parts read (and so perhaps changed) are kept parsed until it is written.

    Reading it checks that it is a Word document: a zip whose main part has a
    body; a :class:`CompareError` names ``side`` when it is not.
    """

    def __init__(self, data: bytes, side: str) -> None:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                self.entries = {name: archive.read(name) for name in archive.namelist()}
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
            raise _not_docx(side, REASON_NOT_ZIP) from exc
        self.side = side
        self.parsed: dict[str, etree._Element] = {}
        self.main = self._main_part()
        if self.xml(self.main).find(W + "body") is None:
            raise _not_docx(side, REASON_NO_MAIN.format(part=self.main))

    def _main_part(self) -> str:
        """The main document part, as the package's relationships name it (``word/document.xml`` in practice)."""
        if "_rels/.rels" in self.entries:
            for rel in self.xml("_rels/.rels").iter(PKG_REL + "Relationship"):
                if rel.get("Type") == OFFICE_DOCUMENT:
                    return (rel.get("Target") or "").lstrip("/")
        return "word/document.xml"

    def xml(self, name: str) -> etree._Element:
        """A part's XML root, parsed once; a part read here is written back (changed or not) by :meth:`write`."""
        if name not in self.parsed:
            if name not in self.entries:
                raise _not_docx(self.side, REASON_NO_MAIN.format(part=name))
            try:
                self.parsed[name] = etree.fromstring(self.entries[name], _PARSER)
            except etree.XMLSyntaxError as exc:
                raise _not_docx(self.side, REASON_BAD_XML.format(part=name, detail=exc.msg)) from exc
        return self.parsed[name]

    def rels_name(self, part: str) -> str:
        folder, base = posixpath.split(part)
        return posixpath.join(folder, "_rels", base + ".rels")

    def related(self, types: tuple[str, ...]) -> list[str]:
        """The parts the main part refers to with one of these relationship types, in the order of its rels."""
        rels = self.rels_name(self.main)
        if rels not in self.entries:
            return []
        folder = posixpath.dirname(self.main)
        found = []
        for rel in self.xml(rels).iter(PKG_REL + "Relationship"):
            target = rel.get("Target") or ""
            if rel.get("Type") in types and rel.get("TargetMode") != "External":
                name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                    posixpath.join(folder, target))
                if name in self.entries and name not in found:
                    found.append(name)
        return found

    def stories(self) -> list[str]:
        """Every part that holds text: the body, then headers, footers, footnotes, endnotes and comments."""
        return [self.main, *self.related(STORY_TYPES)]

    def add_part(self, name: str, root: etree._Element, rel_type: str, content_type: str) -> None:
        """A new XML part, referred to by the main part and declared in the content types."""
        self.parsed[name] = root
        self.entries[name] = b""
        rels = self.rels_name(self.main)
        if rels not in self.entries:
            self.entries[rels] = b""
            self.parsed[rels] = etree.fromstring(f'<Relationships xmlns="{PKG_REL[1:-1]}"/>'.encode())
        relationships = self.xml(rels)
        taken = {rel.get("Id") for rel in relationships}
        number = 1
        while f"rIdRg{number}" in taken:
            number += 1
        rel = etree.SubElement(relationships, PKG_REL + "Relationship")
        rel.set("Id", f"rIdRg{number}")
        rel.set("Type", rel_type)
        rel.set("Target", posixpath.relpath(name, posixpath.dirname(self.main)))
        override = etree.SubElement(self.xml("[Content_Types].xml"), CT + "Override")
        override.set("PartName", "/" + name)
        override.set("ContentType", content_type)

    def write(self) -> bytes:
        """The package's bytes, entries in their order, a normalised zip."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name, data in self.entries.items():
                if name in self.parsed:
                    data = etree.tostring(self.parsed[name], xml_declaration=True, encoding="UTF-8", standalone=True)
                target.writestr(name, data)
        return normalize_zip(out.getvalue())


def _not_docx(side: str, reason: str) -> CompareError:
    problem = NOT_DOCX.format(side=side, reason=reason)
    if side == DOCUMENT_SIDE:
        return CompareError(NOT_A_DOCUMENT.format(problem=problem))
    return CompareError(CANNOT_COMPARE.format(problem=problem))


# --- the engine ---------------------------------------------------------------------------------------------------


def _engine_binary() -> str:
    """The Docxodus binary that python-redlines ships (unpacked into its cache on first use)."""
    try:
        engines = importlib.import_module("python_redlines")
        return str(engines.DocxodusEngine().extracted_binaries_path)
    except (ImportError, OSError, ValueError, tarfile.TarError) as exc:
        raise CompareError(CANNOT_COMPARE.format(problem=ENGINE_MISSING.format(reason=exc))) from exc


def _run_engine(binary: str, old: Path, new: Path, out: Path, author: str, stamp: str) -> str | None:
    """Compare two files into ``out``; None when it worked, else why not (the engine's last words).

    The engine gets an environment of its own, so it runs without ICU
    whatever the caller's environment holds.
    """
    command = [binary, str(old), str(new), str(out), f"--author={author}", f"--date-time={stamp}"]
    try:
        done = subprocess.run(command, env=ENGINE_ENV, capture_output=True, timeout=ENGINE_SECONDS, check=False,
                              cwd=out.parent)
    except OSError as exc:
        raise CompareError(CANNOT_COMPARE.format(problem=ENGINE_MISSING.format(reason=exc))) from exc
    if done.returncode == 0 and out.is_file() and out.stat().st_size:
        return None
    said = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
    reason = said[-1].removeprefix("Error:").strip().rstrip(".") if said else f"exit {done.returncode}"
    return reason if done.returncode else REASON_NO_OUTPUT


def _compare(old: bytes, new: bytes, author: str, stamp: str) -> bytes:
    """The engine's redline of two documents; a refusal names the side the engine cannot read."""
    binary = _engine_binary()
    with tempfile.TemporaryDirectory(prefix="reportgen-redline-") as folder:
        base = Path(folder)
        paths = {OLD_SIDE: base / "old.docx", NEW_SIDE: base / "new.docx"}
        paths[OLD_SIDE].write_bytes(old)
        paths[NEW_SIDE].write_bytes(new)
        out = base / "redline.docx"
        try:
            reason = _run_engine(binary, paths[OLD_SIDE], paths[NEW_SIDE], out, author, stamp)
            if reason is None:
                return out.read_bytes()
            side = _refused_side(binary, paths, author, stamp)
        except subprocess.TimeoutExpired as exc:
            slow = ENGINE_SLOW.format(seconds=ENGINE_SECONDS, side=BOTH_SIDES)
            raise CompareError(CANNOT_COMPARE.format(problem=slow)) from exc
    raise CompareError(CANNOT_COMPARE.format(problem=ENGINE_FAILED.format(side=side, reason=reason)))


def _refused_side(binary: str, paths: dict[str, Path], author: str, stamp: str) -> str:
    """Which draft the engine cannot read: each is compared with itself (only after a failure)."""
    for side, path in paths.items():
        if _run_engine(binary, path, path, path.with_name("probe.docx"), author, stamp) is not None:
            return side
    return BOTH_SIDES


def _stamp(when: dt.datetime) -> str:
    """A revision date as Word writes it, in UTC; a naive ``when`` is taken as UTC."""
    aware = when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)
    return aware.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- tidying the engine's revisions -------------------------------------------------------------------------------


def _same_revision(a: etree._Element, b: etree._Element) -> bool:
    return a.tag == b.tag and a.get(W + "author") == b.get(W + "author") and a.get(W + "date") == b.get(W + "date")


def _text_run(run: etree._Element | None, text_tag: str) -> bool:
    """Whether a run holds text only (no tab, break, drawing, field…), at least one piece of it."""
    return (run is not None and run.tag == W + "r" and run.find(text_tag) is not None
            and all(c.tag in (W + "rPr", text_tag) for c in run))


def _run_format(run: etree._Element) -> bytes:
    properties = run.find(W + "rPr")
    return b"" if properties is None else etree.tostring(properties, method="c14n")


def _merge_runs(wrapper: etree._Element) -> None:
    """Join neighbouring text-only runs of one format inside a revision: one number, one deleted piece."""
    text_tag = W + ("delText" if wrapper.tag in DELETED else "t")
    previous: etree._Element | None = None
    for run in list(wrapper):
        if previous is not None and _text_run(previous, text_tag) and _text_run(run, text_tag) and (
                _run_format(previous) == _run_format(run)):
            texts = previous.findall(text_tag) + run.findall(text_tag)
            texts[0].text = "".join(t.text or "" for t in texts)
            texts[0].set(XML_SPACE, "preserve")
            for extra in texts[1:]:
                _drop(extra)
            wrapper.remove(run)
            continue
        previous = run


def _tidy_group(group: list[etree._Element]) -> None:
    """Deletions before insertions (the order Word shows them in), neighbours of one kind merged into one."""
    parent = group[0].getparent()
    assert parent is not None
    position = parent.index(group[0])
    ordered = [e for e in group if e.tag == W + "del"] + [e for e in group if e.tag == W + "ins"]
    merged: list[etree._Element] = []
    for element in ordered:
        if merged and _same_revision(merged[-1], element):
            merged[-1].extend(list(element))
            parent.remove(element)
        else:
            merged.append(element)
    for offset, element in enumerate(merged):
        parent.insert(position + offset, element)
        _merge_runs(element)


def _tidy(root: etree._Element) -> None:
    """Tidy every run of neighbouring ``w:ins``/``w:del`` holding content (markers in properties are left)."""
    parents = {id(e.getparent()): e.getparent() for e in root.iter(W + "ins", W + "del") if len(e)}
    for parent in parents.values():
        assert parent is not None
        group: list[etree._Element] = []
        for child in [*parent, None]:
            if child is not None and child.tag in (W + "ins", W + "del") and len(child):
                group.append(child)
                continue
            if len(group) > 1:
                _tidy_group(group)
            elif group:
                _merge_runs(group[0])
            group = []


def _restore_note_paragraphs(package: _Package, drafted: _Package) -> None:
    """Give a changed footnote's paragraphs back the properties (the footnote style) the new draft gave them.

    Docxodus writes the paragraphs of a footnote it marked changes in with
    empty properties, so they would show in the body's font. A note whose
    paragraphs match the new draft's one for one gets the draft's properties
    back where the engine left none.
    """
    for rel, item in (("footnotes", "footnote"), ("endnotes", "endnote")):
        drafted_notes = {n.get(W + "id"): n for name in drafted.related((REL_TYPES + rel,))
                         for n in drafted.xml(name).iter(W + item)}
        for name in package.related((REL_TYPES + rel,)):
            for note in package.xml(name).iter(W + item):
                original = drafted_notes.get(note.get(W + "id"))
                mine, theirs = note.findall(W + "p"), [] if original is None else original.findall(W + "p")
                if len(mine) != len(theirs):
                    continue
                for paragraph, model in zip(mine, theirs, strict=True):
                    _restore_paragraph_properties(paragraph, model)


def _restore_paragraph_properties(paragraph: etree._Element, model: etree._Element) -> None:
    properties, wanted = paragraph.find(W + "pPr"), model.find(W + "pPr")
    if wanted is None or not len(wanted) or (properties is not None and len(properties)):
        return
    if properties is not None:
        paragraph.remove(properties)
    paragraph.insert(0, copy.deepcopy(wanted))


# --- comments -----------------------------------------------------------------------------------------------------


def _blank_run(element: etree._Element) -> bool:
    """A run of spaces only: it separates words, it does not keep a change away from a figure."""
    return element.tag == W + "r" and all(c.tag in (W + "rPr", W + "t") for c in element) and not "".join(
        t.text or "" for t in element.findall(W + "t")).strip()


def _touches(mark: etree._Element, *, before: bool) -> bool:
    """Whether a revision holds ``mark`` or stands beside it (before a start, after an end), spaces aside."""
    if any(a.tag in REVISIONS for a in mark.iterancestors()):
        return True
    for sibling in mark.itersiblings(preceding=before):
        if sibling.tag not in MARKS and not _blank_run(sibling):
            return sibling.tag in REVISIONS
    return False


def _changed_bookmarks(body: etree._Element, names: set[str]) -> list[tuple[str, etree._Element, etree._Element]]:
    """(name, start, end) of each named bookmark whose range holds or touches a revision, in document order."""
    starts: dict[str, tuple[str, etree._Element]] = {}
    changed: dict[str, bool] = {}
    found: list[tuple[str, etree._Element, etree._Element]] = []
    tracked = REVISIONS | set(PROPERTY_CHANGES)
    for element in body.iter():
        if element.tag == W + "bookmarkStart" and element.get(W + "name") in names:
            name = element.get(W + "name", "")
            starts[element.get(W + "id", "")] = (name, element)
            changed[name] = _touches(element, before=True)
        elif element.tag == W + "bookmarkEnd" and element.get(W + "id", "") in starts:
            name, start = starts.pop(element.get(W + "id", ""))
            if changed.pop(name) or _touches(element, before=False):
                found.append((name, start, element))
        elif element.tag in tracked:
            changed.update(dict.fromkeys(changed, True))
    return found


def _initials(author: str) -> str:
    return "".join(word[0] for word in author.split() if word[:1].isalpha()).upper()[:8]


def _comment(comment_id: int, text: str, author: str, stamp: str) -> etree._Element:
    """A ``w:comment``: one paragraph per line of ``text``, the first opening with the comment's mark."""
    comment = etree.Element(W + "comment")
    comment.set(W + "id", str(comment_id))
    comment.set(W + "author", author)
    comment.set(W + "date", stamp)
    comment.set(W + "initials", _initials(author))
    for number, line in enumerate(text.split("\n")):
        paragraph = etree.SubElement(comment, W + "p")
        style = etree.SubElement(etree.SubElement(paragraph, W + "pPr"), W + "pStyle")
        style.set(W + "val", "CommentText")
        if number == 0:
            etree.SubElement(etree.SubElement(paragraph, W + "r"), W + "annotationRef")
        t = etree.SubElement(etree.SubElement(paragraph, W + "r"), W + "t")
        t.text = line
        t.set(XML_SPACE, "preserve")
    return comment


def _reference_run(comment_id: int) -> etree._Element:
    run = etree.Element(W + "r")
    style = etree.SubElement(etree.SubElement(run, W + "rPr"), W + "rStyle")
    style.set(W + "val", "CommentReference")
    etree.SubElement(run, W + "commentReference").set(W + "id", str(comment_id))
    return run


def _anchor(start: etree._Element, end: etree._Element, comment_id: int) -> bool:
    """Put a comment's range around a bookmark's and its mark in a run of its own right after, outside revisions.

    A bookmark that ends between paragraphs has the mark at the end of the
    paragraph before; False (nothing placed) when there is no such paragraph.
    """
    range_start, range_end = etree.Element(W + "commentRangeStart"), etree.Element(W + "commentRangeEnd")
    range_start.set(W + "id", str(comment_id))
    range_end.set(W + "id", str(comment_id))
    holder = end
    while holder.getparent() is not None and holder.getparent().tag != W + "p":  # type: ignore[union-attr]
        holder = holder.getparent()  # type: ignore[assignment]
    if holder.getparent() is not None:
        holder.addnext(_reference_run(comment_id))
    else:
        paragraph = next(end.itersiblings(W + "p", preceding=True), None)
        if paragraph is None:
            return False
        paragraph.append(_reference_run(comment_id))
    start.addprevious(range_start)
    end.addnext(range_end)
    return True


def _comments_part(package: _Package) -> etree._Element:
    """The package's comments part, made (with its relationship and content type) when it has none."""
    existing = package.related((REL_TYPES + "comments",))
    if existing:
        return package.xml(existing[0])
    folder = posixpath.dirname(package.main)
    name, number = posixpath.join(folder, "comments.xml"), 1
    while name in package.entries:
        name, number = posixpath.join(folder, f"comments{number}.xml"), number + 1
    root = etree.Element(W + "comments", nsmap={"w": W_NS})
    package.add_part(name, root, REL_TYPES + "comments", COMMENTS_CT)
    return root


def _add_comments(package: _Package, texts: Mapping[str, str], author: str, stamp: str) -> None:
    body = package.xml(package.main).find(W + "body")
    assert body is not None
    targets = _changed_bookmarks(body, set(texts))
    if not targets:
        return
    comments = _comments_part(package)
    used = [int(c.get(W + "id", "0")) for c in comments.iter(W + "comment") if c.get(W + "id", "").isdigit()]
    next_id = max([-1, *used]) + 1
    for name, start, end in targets:
        if _anchor(start, end, next_id):
            comments.append(_comment(next_id, texts[name], author, stamp))
            next_id += 1


# --- the redline --------------------------------------------------------------------------------------------------


def redline(old: bytes, new: bytes, *, author: str, when: dt.datetime,
            comments: Mapping[str, str] | None = None) -> bytes:
    """The new draft with every difference from the old one as a Word tracked change by ``author``, dated ``when``.

    ``comments`` maps bookmark names of the new draft (``f_retail_sales__month``)
    to a comment's text: each such bookmark whose range holds or touches a
    revision gets a Word comment by ``author``, dated ``when``, around it; a
    bookmark the new draft lacks, or whose figure did not change, gets none.
    The same inputs give the same bytes. Raises :class:`CompareError` when a
    side is not a Word document or the engine is missing or refuses.
    """
    _Package(old, OLD_SIDE)
    drafted = _Package(new, NEW_SIDE)
    stamp = _stamp(when)
    package = _Package(_compare(old, new, author, stamp), NEW_SIDE)
    for name in package.stories():
        _tidy(package.xml(name))
    _restore_note_paragraphs(package, drafted)
    if comments:
        _add_comments(package, comments, author, stamp)
    return package.write()


# --- accepting and rejecting --------------------------------------------------------------------------------------


def _restore_properties(root: etree._Element, accept: bool) -> None:
    """Drop each tracked property change; when rejecting, its old properties replace the current ones first."""
    for change in list(root.iter(*PROPERTY_CHANGES)):
        holder = change.getparent()
        assert holder is not None
        holder.remove(change)
        if accept:
            continue
        kept_tags, first = PROPERTY_CHANGES[change.tag]
        kept = [c for c in holder if c.tag in kept_tags]
        old = list(change[0]) if len(change) else []
        for child in list(holder):
            holder.remove(child)
        holder.extend(kept + old if first else old + kept)


def _unwrap(element: etree._Element) -> None:
    """Put an element's children in its place."""
    parent = element.getparent()
    assert parent is not None
    position = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(position + offset, child)
    parent.remove(element)


def _parent_tag(element: etree._Element) -> str:
    parent = element.getparent()
    return "" if parent is None else str(parent.tag)


def _drop(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def _drop_if_empty(element: etree._Element | None) -> None:
    if element is not None and not len(element) and not element.attrib:
        _drop(element)


def _resolve_markers(root: etree._Element, gone: frozenset[str]) -> list[etree._Element]:
    """Resolve the revisions marked in properties: runs and rows go or stay; returns the paragraphs whose mark goes."""
    merged: list[etree._Element] = []
    for marker in [m for m in root.iter(*REVISIONS) if _parent_tag(m) in (W + "rPr", W + "trPr")]:
        holder = marker.getparent()
        assert holder is not None
        owner = holder.getparent()
        _drop(marker)
        if owner is None:
            continue
        if owner.tag == W + "pPr":
            if marker.tag in gone and owner.getparent() is not None:
                merged.append(owner.getparent())  # type: ignore[arg-type]
            _drop_if_empty(holder)
            _drop_if_empty(owner)
        elif marker.tag in gone:
            _drop(owner)  # a row (trPr) or a run (rPr)
        else:
            _drop_if_empty(holder)
    return merged


def _resolve_cells(root: etree._Element, accept: bool) -> None:
    gone = W + ("cellDel" if accept else "cellIns")
    for marker in list(root.iter(W + "cellIns", W + "cellDel", W + "cellMerge")):
        properties = marker.getparent()
        cell = properties.getparent() if properties is not None else None
        _drop(marker)
        if marker.tag == gone and cell is not None:
            _drop(cell)


def _merge_with_next(paragraph: etree._Element) -> None:
    """A paragraph whose mark goes: its content starts the next paragraph, which keeps its own properties.

    A paragraph with no paragraph after it in its container (the last of a
    cell or of the body) keeps its mark: Word cannot remove that one either.
    """
    following = paragraph.getnext()
    while following is not None and following.tag in MARKS:
        following = following.getnext()
    if following is None or following.tag != W + "p":
        return
    content = [c for c in paragraph if c.tag != W + "pPr"]
    at = 1 if len(following) and following[0].tag == W + "pPr" else 0
    for offset, child in enumerate(content):
        following.insert(at + offset, child)
    _drop(paragraph)


def _resolve(root: etree._Element, accept: bool) -> None:
    """Resolve every tracked change of one part: accept (insertions stay) or reject (deletions come back)."""
    gone = DELETED if accept else INSERTED
    _restore_properties(root, accept)
    merged = _resolve_markers(root, gone)
    for wrapper in list(root.iter(*REVISIONS)):
        if wrapper.tag in gone or not len(wrapper):
            _drop(wrapper)
        else:
            _unwrap(wrapper)
    marked = {id(p) for p in merged}  # ``merged`` keeps the proxies alive, so their ids stay theirs
    for paragraph in reversed([p for p in root.iter(W + "p") if id(p) in marked]):
        _merge_with_next(paragraph)
    _resolve_cells(root, accept)
    for table in [t for t in root.iter(W + "tbl") if t.find(W + "tr") is None]:
        _drop(table)
    for mark in list(root.iter(*RANGE_MARKS)):
        _drop(mark)
    for text in root.iter(W + "delText", W + "delInstrText"):
        text.tag = W + ("t" if text.tag == W + "delText" else "instrText")


def _prune_notes(package: _Package) -> None:
    """Footnotes, endnotes and comments that no reference points to any more (their text was a rejected insertion)."""
    stories = [package.xml(name) for name in package.stories()]
    for rel, item, reference in (("footnotes", "footnote", "footnoteReference"),
                                 ("endnotes", "endnote", "endnoteReference"),
                                 ("comments", "comment", "commentReference")):
        referred = {r.get(W + "id") for story in stories for r in story.iter(W + reference)}
        for name in package.related((REL_TYPES + rel,)):
            for note in list(package.xml(name).iter(W + item)):
                if note.get(W + "type") in (None, "normal") and note.get(W + "id") not in referred:
                    _drop(note)
        if item == "comment":
            for story in stories:
                for mark in list(story.iter(W + "commentRangeStart", W + "commentRangeEnd")):
                    if mark.get(W + "id") not in referred:
                        _drop(mark)


def _resolve_all(docx: bytes, accept: bool) -> bytes:
    package = _Package(docx, DOCUMENT_SIDE)
    for name in package.stories():
        _resolve(package.xml(name), accept)
    _prune_notes(package)
    return package.write()


def accept_all(docx: bytes) -> bytes:
    """The document with every tracked change accepted, as if its reviewer agreed to all; comments stay."""
    return _resolve_all(docx, accept=True)


def reject_all(docx: bytes) -> bytes:
    """The document with every tracked change rejected: the text before the revisions; comments stay."""
    return _resolve_all(docx, accept=False)


# --- text ---------------------------------------------------------------------------------------------------------

_SKIPPED = frozenset({W + "p", W + "txbxContent", MC + "Fallback", W + "del", W + "moveFrom"})
_CHARACTERS = {W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}


def _pieces(element: etree._Element) -> Iterator[str]:
    for child in element:
        if child.tag == W + "t":
            yield child.text or ""
        elif child.tag in _CHARACTERS:
            yield _CHARACTERS[child.tag]
        elif child.tag not in _SKIPPED:
            yield from _pieces(child)


def _paragraphs(root: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs of a part in reading order, a text box's after the paragraph holding it, fallbacks left out."""
    for paragraph in root.iter(W + "p"):
        if not any(a.tag == MC + "Fallback" for a in paragraph.iterancestors()):
            yield paragraph


def _paragraph_text(paragraph: etree._Element) -> str:
    return "".join(_pieces(paragraph))


def document_text(docx: bytes) -> list[str]:
    """A document's text, one string per paragraph: the body (tables cell by cell), then the footnotes and endnotes
    in the order the body refers to them.

    Deleted text of a tracked change is not text; inserted text is. A tab is
    ``\\t``, a line break ``\\n``. Raises :class:`CompareError` for a file that is not a Word document.
    """
    package = _Package(docx, DOCUMENT_SIDE)
    body = package.xml(package.main).find(W + "body")
    assert body is not None
    texts = [_paragraph_text(p) for p in _paragraphs(body)]
    for rel, item, reference in (("footnotes", "footnote", "footnoteReference"),
                                 ("endnotes", "endnote", "endnoteReference")):
        notes = {n.get(W + "id"): n for name in package.related((REL_TYPES + rel,))
                 for n in package.xml(name).iter(W + item)}
        for ref in dict.fromkeys(r.get(W + "id") for r in body.iter(W + reference)):
            if ref in notes:
                texts.extend(_paragraph_text(p) for p in _paragraphs(notes[ref]))
    return texts
