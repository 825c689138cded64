"""How much of a Word template is template code: ``python tools/template_code_share.py [report.docx]``.

The measure: every paragraph of ``word/document.xml`` as text (its ``<w:t>``
texts joined, entities unescaped), one paragraph a line; the characters of
its ``{{ … }}``, ``{% … %}`` and ``{# … #}`` tags, delimiters included,
divided by all its characters. Default: the built-in template. The template
guide (reportgen/templates/README.md) states the figure for the built-in one.
"""

from __future__ import annotations

import html
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

BUILT_IN = Path(__file__).resolve().parent.parent / "reportgen" / "templates" / "report.docx"
_PARAGRAPH = re.compile(r"<w:p[ >].*?</w:p>", re.S)
_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


@dataclass(frozen=True)
class CodeShare:
    """Characters of template code against all characters of a template's paragraphs."""

    code: int
    total: int

    @property
    def percent(self) -> int:
        """The share as a whole percentage, rounded half up."""
        return (200 * self.code + self.total) // (2 * self.total) if self.total else 0


def paragraphs(docx: Path) -> list[str]:
    """The text of each paragraph of the document body, in order."""
    with zipfile.ZipFile(docx) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    return [html.unescape("".join(_TEXT.findall(p))) for p in _PARAGRAPH.findall(xml)]


def code_share(docx: Path) -> CodeShare:
    """The template-code share of a .docx (see the module docstring for the measure)."""
    text = "\n".join(paragraphs(docx))
    return CodeShare(sum(len(tag) for tag in _TAG.findall(text)), len(text))


def main(argv: list[str]) -> int:
    docx = Path(argv[0]) if argv else BUILT_IN
    share = code_share(docx)
    print(f"Template code is {share.percent}% of the template's characters "
          f"({share.code} of {share.total}): {docx}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
