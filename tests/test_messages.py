"""One place for every Vietnamese word the program says: ``reportgen/messages.py``.

A Vietnamese string literal anywhere else in the package fails the build
(docstrings aside: they are English, and may quote Vietnamese output as an
example), and the messages module sits just above the foundation: it imports
nothing of the package but ``errors``, ``numbers`` and ``files``.
"""

from __future__ import annotations

import ast
import itertools
import re
from pathlib import Path

import reportgen
from reportgen.catalog import RULES
from reportgen.messages import FINDINGS

PACKAGE = Path(reportgen.__file__).parent
MESSAGES = "messages.py"

# A literal is Vietnamese when it holds a letter only Vietnamese spells (a tone mark, or ă â đ ê ô ơ ư).
VIETNAMESE = re.compile(
    r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE
)

# What messages.py may import of the package: the foundation, below it.
FOUNDATION = {"reportgen.errors", "reportgen.files", "reportgen.numbers"}


def docstrings(tree: ast.Module) -> set[ast.Constant]:
    """The docstrings of a module: the first string of a module, class or function body, and a string after an
    assignment (an attribute's docstring)."""
    found: set[ast.Constant] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(first.value)
        for body in (getattr(node, name, None) for name in ("body", "orelse", "finalbody")):
            if not isinstance(body, list):
                continue
            for before, statement in itertools.pairwise(body):
                if (isinstance(before, (ast.Assign, ast.AnnAssign)) and isinstance(statement, ast.Expr)
                        and isinstance(statement.value, ast.Constant)):
                    found.add(statement.value)
    return found


def vietnamese_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every Vietnamese string literal in ``source`` but its docstrings, f-string parts included;
    by line, then text."""
    tree = ast.parse(source)
    skipped = docstrings(tree)
    literals = [
        (node.lineno, node.value) for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node not in skipped
        and VIETNAMESE.search(node.value)
    ]
    return sorted(literals)


def package_literals() -> dict[str, list[tuple[int, str]]]:
    """The Vietnamese literals of every module of the package but messages.py, by its place in the package."""
    return {
        path.relative_to(PACKAGE).as_posix(): vietnamese_literals(path.read_text(encoding="utf-8"))
        for path in sorted(PACKAGE.rglob("*.py")) if path.relative_to(PACKAGE).as_posix() != MESSAGES
    }


def package_imports(source: str) -> list[str]:
    """Every module of the package a top-level module imports (``from .errors import X`` is ``reportgen.errors``)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names if alias.name.split(".")[0] == "reportgen")
        elif isinstance(node, ast.ImportFrom):
            module = ".".join(["reportgen", *([node.module] if node.module else [])]) if node.level else node.module
            if module is None or module.split(".")[0] != "reportgen":
                continue
            if module == "reportgen":  # from . import errors / from reportgen import errors
                found.extend(f"reportgen.{alias.name}" for alias in node.names)
            else:
                found.append(module)
    return found


def it_keeps_every_vietnamese_word_in_messages() -> None:
    found = package_literals()
    stray = [f"{where}:{line}: {text!r}" for where, literals in found.items() for line, text in literals]
    assert stray == []


def it_finds_vietnamese_literals_but_not_docstrings() -> None:
    source = '''"""Mô-đun: the module's docstring."""
LIMIT = 3
"""Giới hạn: an attribute's docstring."""


class Form:
    """Biểu mẫu: a class's docstring."""

    def title(self, month: str) -> str:
        """Tiêu đề: a function's docstring."""
        "Dòng này không phải docstring"
        return f"Số liệu {month} (tham khảo)" + "Period" + "ĐVT"
'''
    assert vietnamese_literals(source) == [
        (11, "Dòng này không phải docstring"), (12, " (tham khảo)"), (12, "Số liệu "), (12, "ĐVT"),
    ]


def it_lets_messages_import_only_the_foundation() -> None:
    imported = package_imports((PACKAGE / MESSAGES).read_text(encoding="utf-8"))
    assert [module for module in imported if module not in FOUNDATION] == []


def it_resolves_what_a_top_level_module_imports() -> None:
    source = (
        "import re\nimport reportgen.catalog\nfrom reportgen.errors import UsageError\nfrom .model import Kind\n"
        "from . import numbers, files\nfrom reportgen import store\nfrom collections.abc import Mapping\n"
    )
    assert package_imports(source) == [
        "reportgen.catalog", "reportgen.errors", "reportgen.model", "reportgen.numbers", "reportgen.files",
        "reportgen.store",
    ]


def it_has_one_finding_message_per_rule() -> None:
    assert list(FINDINGS) == list(RULES)
    assert {code: rule.template for code, rule in RULES.items()} == FINDINGS
