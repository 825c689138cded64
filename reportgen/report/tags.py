"""Template code in a Word template: each tag on a line of its own, and what went wrong where, in Vietnamese.

docxtpl turns each part of the template (the body, headers, footers, the
template's own footnotes) into one Jinja source, a line per Word paragraph.
:func:`jinja_source` then starts the inside of every ``{{ … }}`` and
``{% … %}`` on a line of its own: a newline inside a tag is whitespace, so
the source means the same, token for token (this is checked, and the source
left as docxtpl made it when it is not). A line Jinja names — of a syntax
error, or of the template frame an exception went through — is then one tag,
and :func:`locate` finds it, the Word paragraph it stands in and the heading
that paragraph sits under; :func:`explain` says in Vietnamese what is wrong.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

import jinja2
from jinja2.exceptions import TemplateSyntaxError, UndefinedError
from lxml import etree

from .. import messages
from ..errors import ReportgenError

_OPEN = re.compile(r"\{([{%#])")
_RAW = re.compile(r"\{%[-+]?\s*raw\s*[-+]?%\}")
_ENDRAW = re.compile(r"\{%[-+]?\s*endraw\s*[-+]?%\}")
_KEYWORD = re.compile(r"\{%[-+]?\s*([A-Za-z_]\w*)")
_PARAGRAPH_START = re.compile(r"<w:p([ >])")
_PARAGRAPH_EVENT = re.compile(r"<w:p(?=[ >/])[^>]*?(/?)>|</w:p>")
_PARAGRAPH_PROPERTIES = re.compile(r"<w:p(?:\s[^>]*)?>(<w:pPr>.*?</w:pPr>)?", re.S)
_STYLE = re.compile(r'<w:pStyle w:val="([^"]*)"')
_TABLE_EVENT = re.compile(r"<(/?)w:(tbl|tr|tc)[ >]")
# A tag docxtpl took out of its paragraph, row or cell ({%p …}, {%tr …}, {%tc …}), by the innermost table element
# around where it stands now: the letters it was typed with.
_TYPED_AS = {"": "p", "tc": "p", "tr": "tc", "tbl": "tr"}
_XML_TAG = re.compile(r"<[^<>]*>")
_QUALIFIED = re.compile(r"[\w.<>]+\.([\w<>]+\(\))")  # template_context.<locals>.narrative() → narrative()

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEMPLATE_FILE = "<template>"
"""The file name Jinja gives the code of a template made from a string (its frames in a traceback)."""
PROPERTIES = "properties"
"""The part being rendered while docxtpl renders the document's properties (title, subject, …)."""
SHOWN = 100
"""A paragraph or heading quoted in a message is cut to about this many characters around the tag."""
SHOWN_TAG = 80

# Block tags that open a block closed by ``{% endKEYWORD %}`` (``set`` only without ``=``).
OPENERS = frozenset({"if", "for", "macro", "call", "filter", "set", "with", "autoescape", "block", "footnote"})


@dataclass(frozen=True)
class Tag:
    """One ``{{ … }}`` or ``{% … %}`` of a Jinja source made by :func:`jinja_source`."""

    start: int
    """Offset of its opening delimiter."""
    inside: int
    """Offset of the newline that starts its inside on a line of its own."""
    end: int
    """Offset just after its closing delimiter."""
    line: int
    """The line its inside starts on: the line Jinja names for it."""
    text: str
    """The tag as typed (the newline taken out)."""

    @property
    def block(self) -> bool:
        return self.text.startswith("{%")

    @property
    def keyword(self) -> str:
        """A block tag's first word (``if``, ``endfor``); empty for a printed value."""
        found = _KEYWORD.match(self.text)
        return found.group(1) if found else ""

    @property
    def opens(self) -> bool:
        """Whether the tag opens a block that an ``{% end… %}`` closes."""
        return self.keyword in OPENERS and not (self.keyword == "set" and "=" in self.text)


@dataclass(frozen=True)
class TemplateProblem:
    """Something wrong with the template: where it is (part, heading, paragraph, tag) and what, in Vietnamese."""

    template: str
    """The template's file name."""
    problem: str
    paragraph: str = ""
    """The paragraph's text, cut around the tag when long; empty for a tag of a paragraph (row) of its own."""
    tag: str = ""
    """The tag as typed (``{%p …`` too), cut when long."""
    heading: str = ""
    """The heading (or title) the paragraph sits under."""
    table: bool = False
    """Whether the tag is in a table."""
    part: str = ""
    """Where in the document, when not in its body: a key of :data:`reportgen.messages.TEMPLATE_PARTS`."""

    @property
    def where(self) -> str:
        """Where the problem is, as a planner finds it in Word."""
        places = [messages.TEMPLATE_WHERE_PART.format(part=messages.TEMPLATE_PARTS[self.part])] if self.part else []
        if self.heading:
            places.append(messages.TEMPLATE_WHERE_HEADING.format(heading=self.heading))
        if self.table:
            places.append(messages.TEMPLATE_WHERE_TABLE)
        if self.paragraph and self.paragraph != self.tag:
            places.append(messages.TEMPLATE_WHERE_PARAGRAPH.format(paragraph=self.paragraph))
        if self.tag:
            places.append(messages.TEMPLATE_WHERE_TAG.format(tag=self.tag))
        return messages.TEMPLATE_WHERE_JOIN.join(places)

    def __str__(self) -> str:
        if not self.where:
            return messages.TEMPLATE_PROBLEM_NOWHERE.format(name=self.template, problem=self.problem)
        return messages.TEMPLATE_PROBLEM.format(name=self.template, where=self.where, problem=self.problem)


# The source ---------------------------------------------------------------

def _tag_end(source: str, at: int, closing: str) -> int:
    """The offset just after the ``closing`` delimiter of a tag whose inside starts at ``at``.

    As Jinja's lexer reads it: a delimiter inside a string or an open
    bracket does not close the tag. ``len(source)`` when nothing closes it.
    """
    depth, index, length = 0, at, len(source)
    while index < length:
        char = source[index]
        if char in "'\"":
            index += 1
            while index < length and source[index] != char:
                index += 2 if source[index] == "\\" else 1
        elif depth == 0 and source.startswith(closing, index):
            return index + len(closing)
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        index += 1
    return length


def _spans(source: str) -> Iterator[tuple[int, int, int]]:
    """(start, inside, end) of every ``{{ … }}`` and ``{% … %}`` of ``source``; comments and raw blocks skipped."""
    position = 0
    while (found := _OPEN.search(source, position)) is not None:
        start = found.start()
        if found.group(1) == "#":
            close = source.find("#}", found.end())
            position = len(source) if close < 0 else close + 2
            continue
        if (raw := _RAW.match(source, start)) is not None:
            close_raw = _ENDRAW.search(source, raw.end())
            position = len(source) if close_raw is None else close_raw.end()
            continue
        inside = found.end() + (1 if source[found.end():found.end() + 1] in ("-", "+") else 0)
        end = _tag_end(source, inside, "}}" if found.group(1) == "{" else "%}")
        yield start, inside, end
        position = end


def _tokens(environment: jinja2.Environment, source: str) -> list[tuple[str, str]]:
    """Jinja's tokens of ``source`` but whitespace, and the lexer's error if it stops."""
    found: list[tuple[str, str]] = []
    try:
        for _, kind, value in environment.lexer.tokeniter(source, None):
            if kind != "whitespace":
                found.append((kind, value))
    except TemplateSyntaxError as exc:  # its offset ("unexpected char '?' at 1234") moves with the newlines
        found.append(("error", re.sub(r" at \d+$", "", exc.message or "")))
    return found


def jinja_source(environment: jinja2.Environment, patched: str) -> str:
    """The Jinja source of a part docxtpl has patched: a line per paragraph, and each tag's inside on a line of its own.

    The newline before each paragraph is docxtpl's (it removes them after
    rendering); the newline inside each tag is whitespace to Jinja. When the
    two sources do not read as the same tokens (a tag this module cannot
    read as Jinja does), the source is left with docxtpl's lines only.
    """
    lines = _PARAGRAPH_START.sub(r"\n<w:p\1", patched)
    pieces, position, begun = [], 0, []
    for _, inside, _ in _spans(lines):
        pieces.append(lines[position:inside])
        begun.append(lines.count("\n", position, inside))
        pieces.append("\n")
        position = inside
    pieces.append(lines[position:])
    source = "".join(pieces)
    line, expected = 1, []
    for newlines in begun:  # the line each tag begins on in the new source: every tag begins a line further on
        line += newlines
        expected.append(line)
        line += 1
    if _tags_begin_on(environment, source) == expected:
        return source
    return source if _tokens(environment, source) == _tokens(environment, lines) else lines


def _tags_begin_on(environment: jinja2.Environment, source: str) -> list[int] | None:
    """The lines on which Jinja sees a tag begin, each tag's inside starting on the next line; None if some
    tag's inside does not, or if the lexer stops.

    When these are the lines :func:`jinja_source` began its tags on, every
    newline it added stands right after a tag's opening delimiter, where
    Jinja reads it as whitespace: both sources read as the same tokens, and
    only one of them had to be read.
    """
    begun: list[int] = []
    pending = 0
    try:
        for lineno, kind, value in environment.lexer.tokeniter(source, None):
            if pending:
                if kind != "whitespace" or not value.startswith("\n"):
                    return None
                begun.append(pending)
                pending = 0
            if kind in ("variable_begin", "block_begin"):
                pending = lineno
    except TemplateSyntaxError:
        return None
    return None if pending else begun


def tags(source: str) -> list[Tag]:
    """The tags of a source made by :func:`jinja_source`, in order; only those whose inside starts a line."""
    found = []
    for start, inside, end in _spans(source):
        if source.startswith("\n", inside):
            text = source[start:inside] + source[inside + 1:end]
            found.append(Tag(start, inside, end, source.count("\n", 0, inside) + 2, text))
    return found


# Where ----------------------------------------------------------------------

def failed_line(exc: BaseException) -> int | None:
    """The line of the template Jinja names for an error: a syntax error's, or the innermost template frame's."""
    if isinstance(exc, TemplateSyntaxError):
        return exc.lineno
    line = None
    trace = exc.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == TEMPLATE_FILE:
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def unclosed(found: list[Tag], keyword: str = "") -> Tag | None:
    """The innermost block tag left open at the end (of ``keyword``, when given)."""
    stack: list[Tag] = []
    for tag in found:
        if tag.opens:
            stack.append(tag)
        elif tag.keyword.startswith("end") and stack and stack[-1].keyword == tag.keyword[3:]:
            stack.pop()
    matching = [tag for tag in stack if not keyword or tag.keyword == keyword]
    return matching[-1] if matching else None


def failed_tag(exc: BaseException, source: str) -> Tag | None:
    """The tag an error of rendering ``source`` comes from, when Jinja's line names one."""
    found = tags(source)
    if isinstance(exc, TemplateSyntaxError) and (exc.message or "").startswith("Unexpected end of template"):
        innermost = re.search(r"innermost block that needs to be closed is '(\w+)'", exc.message or "")
        return unclosed(found, innermost.group(1) if innermost else "")
    line = failed_line(exc)
    if isinstance(exc, TemplateSyntaxError) and line is not None:
        # Jinja names the line of the token it stumbled on: in the last tag begun by then (a string left open
        # runs on into the next paragraphs).
        return next((tag for tag in reversed(found) if tag.line <= line), None)
    return next((tag for tag in found if tag.line == line), None)


def _text(xml: str) -> str:
    """The text of a stretch of the source as Word shows it: XML and the added newlines out, spaces collapsed."""
    return " ".join(html.unescape(_XML_TAG.sub("", xml)).replace("\n", "").split())


def _shortened(text: str, around: str = "") -> str:
    """``text`` cut to about :data:`SHOWN` characters, around ``around`` when it is in it."""
    if len(text) <= SHOWN:
        return text
    at = text.find(around) if around else -1
    if at < 0:
        return text[:SHOWN].rstrip() + messages.TEMPLATE_ELLIPSIS
    margin = max(0, (SHOWN - len(around)) // 2)
    start, end = max(0, at - margin), min(len(text), at + len(around) + margin)
    return ((messages.TEMPLATE_ELLIPSIS if start else "") + text[start:end].strip()
            + (messages.TEMPLATE_ELLIPSIS if end < len(text) else ""))


def _paragraph_at(source: str, position: int) -> tuple[int, int] | None:
    """(start, end) of the Word paragraph holding ``position`` in the source, if one does."""
    starts: list[int] = []
    for event in _PARAGRAPH_EVENT.finditer(source, 0, position):
        if event.group(0) == "</w:p>":
            if starts:
                starts.pop()
        elif event.group(1) != "/":
            starts.append(event.start())
    if not starts:
        return None
    depth = 0
    for event in _PARAGRAPH_EVENT.finditer(source, position):
        if event.group(0) != "</w:p>":
            depth += event.group(1) != "/"
        elif depth:
            depth -= 1
        else:
            return starts[-1], event.end()
    return starts[-1], len(source)


def _heading_before(source: str, position: int, heading_styles: frozenset[str]) -> str:
    """The text of the last heading paragraph (by style or outline level) that starts before ``position``."""
    last = None
    for found in _PARAGRAPH_PROPERTIES.finditer(source, 0, position):
        properties = found.group(1) or ""
        style = _STYLE.search(properties)
        if "<w:outlineLvl " in properties or (style is not None and style.group(1) in heading_styles):
            last = found.end()
    if last is None:
        return ""
    span = _paragraph_at(source, last)
    return _shortened(_text(source[span[0]:span[1]])) if span else ""


def _table_element(source: str, position: int) -> str:
    """The innermost table element (``tbl``, ``tr``, ``tc``) around ``position``; empty outside tables."""
    open_elements: list[str] = []
    for event in _TABLE_EVENT.finditer(source, 0, position):
        if not event.group(1):
            open_elements.append(event.group(2))
        elif open_elements:
            open_elements.pop()
    return open_elements[-1] if open_elements else ""


def part_key(part: str) -> str:
    """The key of :data:`reportgen.messages.TEMPLATE_PARTS` naming a part of the package; empty for the body."""
    for key in ("header", "footer", "footnotes"):
        if part.startswith(f"/word/{key}"):
            return key
    return PROPERTIES if part == PROPERTIES else ""


def _normal(text: str) -> str:
    """Tag text compared as docxtpl leaves it: straight quotes, single spaces."""
    for curly, straight in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'")):
        text = text.replace(curly, straight)
    return " ".join(text.split())


def _runaway(template: str, part: str, raw: str, tag: Tag,
             heading_styles: frozenset[str]) -> TemplateProblem | None:
    """The problem of a tag not closed in its paragraph (``{{`` without ``}}``), when the failing ``tag`` is one.

    docxtpl reads the paragraphs after such a tag into it, up to the next
    ``}}``; so this is found in the part's XML as Word has it (``raw``),
    paragraph by paragraph, and matched to the failing tag by its beginning.
    """
    heading = ""
    for paragraph in etree.fromstring(raw.encode("utf-8")).iter(W + "p"):
        text = "".join(t.text or "" for t in paragraph.iter(W + "t"))
        for start, _, end in _spans(text):
            closing = "}}" if text[start + 1] == "{" else "%}"
            if not text[start:end].endswith(closing) and _normal(_text(tag.text)).startswith(_normal(text[start:])):
                in_table = any(a.tag == W + "tc" for a in paragraph.iterancestors())
                shown = text[start:] if len(text) - start <= SHOWN_TAG else text[start:start + SHOWN_TAG]
                return TemplateProblem(template, messages.TEMPLATE_RUNS_ON, _shortened(text, text[start:]),
                                       shown + messages.TEMPLATE_ELLIPSIS, heading, in_table, part_key(part))
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        if paragraph.find(f"{W}pPr/{W}outlineLvl") is not None or (
                style is not None and style.get(W + "val") in heading_styles):
            heading = _shortened(" ".join(text.split()))
    return None


def locate(template: str, part: str, sources: tuple[str, str] | None, exc: BaseException,
           heading_styles: frozenset[str] = frozenset(), raw: str | None = None) -> tuple[TemplateProblem, Tag | None]:
    """What went wrong rendering a part, where, and the tag (of the source Jinja read) it comes from.

    ``sources`` are the part's source as the template has it and as Jinja
    read it (the same lines; a check may have set tags aside in the second):
    the failing tag is found in the second, and quoted, with its paragraph,
    from the first. ``raw`` is the part's XML before docxtpl patched it: a
    syntax error of a tag left open in its paragraph is found there.
    """
    if sources is None:
        return TemplateProblem(template, explain(exc), part=part_key(part)), None
    original, source = sources
    tag = failed_tag(exc, source)
    if tag is None:
        return _on_line(template, part, original, exc, heading_styles), None
    typed = next((t for t in tags(original) if t.line == tag.line), None)
    quoted, text = (typed, original) if typed is not None else (tag, source)
    if isinstance(exc, TemplateSyntaxError) and raw is not None:
        runaway = _runaway(template, part, raw, quoted, heading_styles)
        if runaway is not None:
            return runaway, tag
    span = _paragraph_at(text, quoted.start)
    table = _table_element(text, quoted.start)
    # Out of any paragraph, the tag had one of its own (or a row, a cell): quote it as typed, {%p if … %}.
    shown_tag = quoted.text if span else quoted.text[:2] + _TYPED_AS[table] + quoted.text[2:]
    runs_on = False
    if span is not None and quoted.end > span[1]:  # nothing closes it in its paragraph
        runs_on, shown_tag = True, _text(text[quoted.start:span[1]]) + messages.TEMPLATE_ELLIPSIS
    elif len(shown_tag) > SHOWN_TAG:
        shown_tag = shown_tag[:SHOWN_TAG] + messages.TEMPLATE_ELLIPSIS
    paragraph = _shortened(_text(text[span[0]:span[1]]), _text(quoted.text)) if span else ""
    heading = _heading_before(text, span[0] if span else quoted.start, heading_styles)
    if heading and heading == paragraph:
        heading = ""
    problem = messages.TEMPLATE_RUNS_ON if runs_on and isinstance(exc, TemplateSyntaxError) else explain(exc, quoted)
    return TemplateProblem(template, problem, paragraph, shown_tag, heading, bool(table), part_key(part)), tag


def _on_line(template: str, part: str, source: str, exc: BaseException,
             heading_styles: frozenset[str]) -> TemplateProblem:
    """A problem Jinja names a line for but no tag (the source kept docxtpl's lines only): that line's paragraph."""
    line = failed_line(exc)
    lines = source.split("\n")
    if line is None or not 1 <= line <= len(lines):
        return TemplateProblem(template, explain(exc), part=part_key(part))
    start = sum(len(text) + 1 for text in lines[:line - 1])
    span = _paragraph_at(source, min(source.find(">", start) + 1 or start, start + len(lines[line - 1])))
    paragraph = _shortened(_text(source[span[0]:span[1]])) if span else ""
    heading = _heading_before(source, span[0] if span else start, heading_styles)
    return TemplateProblem(template, explain(exc), paragraph, "", "" if heading == paragraph else heading,
                           bool(_table_element(source, start)), part_key(part))


# What -----------------------------------------------------------------------

def _detail(exc: BaseException) -> str:
    text = (exc.message or "") if isinstance(exc, TemplateSyntaxError) else str(exc)
    return f"{type(exc).__name__}: {text}" if not isinstance(exc, jinja2.TemplateError) else text


def explain(exc: BaseException, tag: Tag | None = None) -> str:
    """What is wrong, in Vietnamese, for an error raised while compiling or rendering the template."""
    text = str(exc)
    if isinstance(exc, jinja2.TemplateError):  # at compiling, or (a test in a condition) at rendering
        if found := re.match(r"No filter named '([^']+)'", text):
            return messages.TEMPLATE_UNKNOWN_FILTER.format(filter=found.group(1))
        if found := re.match(r"No test named '([^']+)'", text):
            return messages.TEMPLATE_UNKNOWN_TEST.format(test=found.group(1))
    if isinstance(exc, TemplateSyntaxError):
        return _explain_syntax(exc, tag)
    if isinstance(exc, UndefinedError):
        return _explain_undefined(text, tag)
    if isinstance(exc, ReportgenError):
        return text
    if isinstance(exc, ZeroDivisionError):
        return messages.TEMPLATE_DIVISION_BY_ZERO
    if isinstance(exc, TypeError):
        return _explain_type(text, tag)
    return messages.TEMPLATE_FAILED_VALUE.format(detail=_detail(exc))


def _explain_syntax(exc: TemplateSyntaxError, tag: Tag | None) -> str:
    text = exc.message or ""
    innermost = re.search(r"innermost block that needs to be closed is '(\w+)'", text)
    if text.startswith("Unexpected end of template") and innermost:
        return messages.TEMPLATE_UNCLOSED.format(keyword=innermost.group(1))
    if found := re.match(r"Encountered unknown tag '(\w+)'", text):
        keyword = found.group(1)
        if innermost:
            return messages.TEMPLATE_MISPLACED.format(keyword=keyword, block=innermost.group(1))
        if keyword.startswith("end") or keyword in ("else", "elif"):
            return messages.TEMPLATE_UNMATCHED.format(keyword=keyword)
        return messages.TEMPLATE_UNKNOWN_TAG.format(keyword=keyword)
    if tag is not None and tag.block and not tag.keyword:
        return messages.TEMPLATE_NO_KEYWORD
    if found := re.match(r"unexpected char '(.)' at \d+", text):
        if found.group(1) in "'\"":
            return messages.TEMPLATE_OPEN_STRING.format(quote=found.group(1))
        return messages.TEMPLATE_BAD_CHARACTER.format(char=found.group(1))
    return messages.TEMPLATE_SYNTAX.format(detail=text)


def _explain_undefined(text: str, tag: Tag | None) -> str:
    if found := re.match(r"'([^']+)' is undefined", text):
        return messages.TEMPLATE_UNKNOWN_NAME.format(name=found.group(1))
    found = re.search(r"has no (?:attribute|element) '?([^']+?)'?$", text)
    if found is None:
        return messages.TEMPLATE_FAILED_VALUE.format(detail=text)
    attribute = found.group(1)
    owner = re.search(rf"([A-Za-z_][\w.]*)\.{re.escape(attribute)}\b", tag.text) if tag else None
    if owner is not None and owner.group(1) == "f":
        return messages.TEMPLATE_UNKNOWN_INDICATOR.format(code=attribute)
    if owner is not None:
        return messages.TEMPLATE_NO_ATTRIBUTE.format(owner=owner.group(1), attribute=attribute)
    return messages.TEMPLATE_NO_ATTRIBUTE_BARE.format(attribute=attribute)


def _explain_type(text: str, tag: Tag | None) -> str:
    """A call with the wrong arguments, a call of what is no function, or an operation on the wrong values."""
    text = _QUALIFIED.sub(r"\1", text)
    call = re.match(r"([\w<>]+)\(\) (.*)$", text)
    if call is None:
        if found := re.match(r"'(\w+)' object is not callable", text):
            return messages.TEMPLATE_NOT_CALLABLE.format(kind=found.group(1))
        return messages.TEMPLATE_BAD_OPERATION.format(detail=text)
    function, rest = call.groups()
    if not function.isidentifier():  # a lambda: the name the tag calls it by
        called = re.findall(r"([A-Za-z_]\w*)\s*\(", tag.text) if tag else []
        function = called[0] if len(called) == 1 else function
    if found := re.match(r"missing \d+ required (?:positional |keyword-only )?arguments?: (.+)$", rest):
        return messages.TEMPLATE_ARGUMENT_MISSING.format(function=function, names=found.group(1).replace(" and ", ", "))
    if found := re.match(r"takes (?:from \d+ to )?(\d+) positional arguments? but (\d+) (?:was|were) given", rest):
        return messages.TEMPLATE_ARGUMENTS_TOO_MANY.format(function=function, takes=found.group(1),
                                                           given=found.group(2))
    if found := re.match(r"got an unexpected keyword argument '(\w+)'", rest):
        return messages.TEMPLATE_ARGUMENT_UNKNOWN.format(function=function, name=found.group(1))
    return messages.TEMPLATE_BAD_ARGUMENTS.format(function=function, detail=text)
