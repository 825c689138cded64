"""The library's shape: a pinned public API, imports that run one way, and a library that never acts on its own.

The CLI (and later the web app) are faces over ``from reportgen import …``;
the library below them never prints, never reads the environment, the
current folder or the clock, and never imports click.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import reportgen

PACKAGE = Path(reportgen.__file__).parent

# Each top-level unit of the package and its layer: a unit may import units of lower layers and itself only.
LAYERS: dict[str, int] = {
    "errors": 0, "numbers": 0, "heap": 0,
    "messages": 1,
    "model": 2, "files": 2,
    "catalog": 3, "workspace": 3,
    "store": 4,
    "forms": 5, "figures": 5,
    "intake": 6,
    "report": 7,
    "compare": 8,
    "accounts": 8,
    "demo": 9,
}
FACES = ("cli", "web")  # they import the public API only (and ``serve`` starts the web face)
PUBLIC_MODULES = {"reportgen", "reportgen.messages", "reportgen.web"}


def unit_of(path: Path) -> str:
    """The top-level unit a file of the package belongs to: ``store`` for ``store/reads.py``."""
    return path.with_suffix("").parts[0]


def imported_units(path: Path, source: str) -> list[tuple[int, str]]:
    """(line, imported module) for every import of a reportgen module in ``source``, relative imports resolved.

    ``path`` is the file's place inside the package (``store/reads.py``).
    """
    tree = ast.parse(source)
    package = ["reportgen", *path.parts[:-1]]
    base = package
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.startswith("reportgen"):
                if module == ".".join(base if node.level else ["reportgen"]) and not node.module:
                    found.extend((node.lineno, f"{module}.{alias.name}") for alias in node.names)
                else:
                    found.append((node.lineno, module))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names if alias.name.startswith("reportgen"))
    return found


def library_files() -> dict[Path, str]:
    """Every module of the library below the faces, by its place in the package, with its source."""
    return {p.relative_to(PACKAGE): p.read_text(encoding="utf-8") for p in sorted(PACKAGE.rglob("*.py"))
            if unit_of(p.relative_to(PACKAGE)) not in FACES and p.name != "__main__.py"
            and p != PACKAGE / "__init__.py"}


def layer_violations(files: dict[Path, str]) -> list[str]:
    """Imports that run back up the pipeline: a unit importing a unit of its own layer or a higher one."""
    wrong = []
    for path, source in files.items():
        unit = unit_of(path)
        if unit not in LAYERS:
            wrong.append(f"{path}: {unit} has no layer")
            continue
        for line, module in imported_units(path, source):
            target = module.split(".")[1] if module != "reportgen" else "reportgen"
            if target == "reportgen" or (target != unit and LAYERS.get(target, 99) >= LAYERS[unit]):
                wrong.append(f"{path}:{line} imports {module}")
    return wrong


def it_pins_the_public_api() -> None:
    assert sorted(reportgen.__all__) == sorted([
        "Account", "Aggregator", "Amount", "ArchiveProblem", "Basis", "Build", "Catalog", "CatalogError", "Cause",
        "ChangeKind", "ChartSeries", "Clock", "CompareError", "Comparison", "DEFAULT_CATALOG", "DEFAULT_LIMITS",
        "DEFAULT_TEMPLATE", "DEFAULT_TEMPLATES", "DemoResult", "Department", "DepartmentStatus", "Draft",
        "Explanation", "FigureChange", "Figures", "FileResult", "Finding", "Frequency", "Indicator", "Kind", "Limits",
        "LockAction", "NarrativeItem", "NarrativeKind", "Observed", "Outcome", "PdfError", "Period", "PeriodLock",
        "PeriodStatus", "RULES", "ReaderPool", "RedlineCounts", "ReportData", "ReportOptions", "ReportSettings",
        "ReportgenError",
        "ReviewAction", "Role", "Rule", "Section", "Severity", "Source", "Status", "Store", "StoreError",
        "StoreOutcome", "Target", "TargetResult", "TemplateError", "TemplateFile", "UsageError", "Verdict",
        "__version__", "accept_all", "add_account", "annotate_copy", "assemble", "audit", "authenticate",
        "build_form", "build_report", "change_rows", "check_bytes", "check_each", "check_file", "check_files",
        "check_template",
        "compare_drafts", "compute_figures", "disable_account", "document_text", "draft_of_build", "draft_of_docx",
        "draft_states", "evaluate_targets", "expand_paths", "explain_figure", "figure_changes", "figures_frame",
        "figures_record", "find_template", "format_moment", "format_number", "format_plain", "ingest", "ingest_bytes",
        "ingest_each", "ingest_file", "init_templates", "list_accounts", "load_catalog", "messages", "months_between",
        "parse_catalog", "period_figures", "period_status", "read_upload", "redline", "redline_counts", "reject_all",
        "render", "review_draft", "run_demo", "series_frame", "set_password", "store_exists", "store_url",
        "store_version", "to_pdf", "upgrade_store", "write_changes_xlsx", "write_figures_xlsx", "write_forms",
        "write_package", "write_redline",
    ])
    assert all(hasattr(reportgen, name) for name in reportgen.__all__)


def it_loads_each_public_name_as_the_type_checker_reads_it() -> None:
    """The package imports a unit when one of its names is first used; the type checker reads the imports under
    ``TYPE_CHECKING`` instead. Both name every public name and give the same object for it."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    [block] = [node for node in tree.body
               if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"]
    read = {alias.asname or alias.name: f"reportgen.{node.module}"
            for node in block.body if isinstance(node, ast.ImportFrom) for alias in node.names}
    assert sorted(read) == sorted(set(reportgen.__all__) - {"messages", "__version__"})
    assert [name for name, module in read.items()
            if getattr(reportgen, name) is not getattr(importlib.import_module(module), name)] == []


def it_covers_every_command_with_a_public_call() -> None:
    """Each command's work, callable from Python with the names above (the web app calls the same)."""
    from reportgen.cli import main

    work = {
        "init": ["init_templates"], "catalog": ["load_catalog"], "forms": ["write_forms"],
        "ingest": ["ingest", "ingest_each", "ingest_file", "ingest_bytes", "expand_paths", "annotate_copy",
                   "ReaderPool"],
        "validate": ["check_files", "check_each", "check_file", "check_bytes", "expand_paths", "annotate_copy",
                     "ReaderPool"],
        "status": ["period_status"],
        "lock": ["Store"], "unlock": ["Store"], "history": ["Store"],
        "figures": ["period_figures", "figures_frame", "write_figures_xlsx"],
        "build": ["assemble", "render", "build_report", "to_pdf"], "demo": ["run_demo"],
        "builds": ["Store"], "explain": ["explain_figure"], "db": ["upgrade_store", "store_version", "Store"],
        "check-template": ["check_template"],
        "changes": ["change_rows", "draft_of_build", "draft_of_docx", "figure_changes", "write_changes_xlsx"],
        "review": ["review_draft", "draft_states"],
        "serve": ["Store", "load_catalog", "ingest_bytes", "period_status", "build_report", "compare_drafts",
                  "review_draft", "explain_figure", "authenticate", "audit"],
        "users": ["add_account", "list_accounts", "disable_account", "set_password"],
        "compare": ["compare_drafts", "write_redline", "write_package", "redline_counts", "redline", "accept_all",
                    "reject_all", "document_text"],
    }
    assert sorted(main.commands) == sorted(work)
    assert [name for names in work.values() for name in names if name not in reportgen.__all__] == []
    assert all(callable(getattr(reportgen.Store, m))
               for m in ("lock_period", "unlock_period", "history", "builds", "check_archive"))


def it_keeps_imports_running_one_way() -> None:
    assert layer_violations(library_files()) == []


def it_catches_an_import_running_back_up_the_pipeline() -> None:
    assert layer_violations({
        Path("figures/aggregate.py"): "from ..report.render import render\nfrom ..store import Store\n",
        Path("store/reads.py"): "from ..intake import findings\nfrom . import schema\n",
        Path("catalog/load.py"): "import reportgen.forms.layout\n",
        Path("forms/write.py"): "from ..figures import Figures\n",
        Path("intake/ingest.py"): "from .. import ingest\n",
        Path("model.py"): "from reportgen import Period\n",
    }) == [
        "figures/aggregate.py:1 imports reportgen.report.render",
        "store/reads.py:1 imports reportgen.intake",
        "catalog/load.py:1 imports reportgen.forms.layout",
        "forms/write.py:1 imports reportgen.figures",
        "intake/ingest.py:1 imports reportgen.ingest",
        "model.py:1 imports reportgen",
    ]


def it_lets_the_faces_use_only_the_public_api() -> None:
    wrong = []
    for face in FACES:
        for path in sorted((PACKAGE / face).rglob("*.py")) if (PACKAGE / face).exists() else []:
            where = path.relative_to(PACKAGE)
            for line, module in imported_units(where, path.read_text(encoding="utf-8")):
                if module not in PUBLIC_MODULES and not module.startswith(f"reportgen.{face}"):
                    wrong.append(f"{where}:{line} imports {module}")
    assert wrong == []


FORBIDDEN_CALLS = {
    ("print",): "prints",
    ("os", "getenv"): "reads the environment",
    ("Path", "cwd"): "reads the current folder",
    ("os", "getcwd"): "reads the current folder",
    ("datetime", "now"): "reads the clock",
    ("datetime", "utcnow"): "reads the clock",
    ("date", "today"): "reads the clock",
    ("time", "time"): "reads the clock",
    ("getpass", "getuser"): "guesses the actor",
}


def _dotted(node: ast.AST) -> tuple[str, ...]:
    if isinstance(node, ast.Name):
        return (node.id,)
    if isinstance(node, ast.Attribute):
        return (*_dotted(node.value), node.attr)
    return ()


def it_keeps_the_library_from_acting_on_its_own() -> None:
    wrong = []
    for where, source in library_files().items():
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                for name in names:
                    if name.split(".")[0] in ("click", "rich"):
                        wrong.append(f"{where}:{node.lineno} imports {name}")
            elif isinstance(node, ast.Call):
                dotted = _dotted(node.func)
                for tail, what in FORBIDDEN_CALLS.items():
                    if dotted[-len(tail):] == tail:
                        wrong.append(f"{where}:{node.lineno} {what}")
            elif isinstance(node, ast.Attribute) and node.attr == "environ":
                wrong.append(f"{where}:{node.lineno} reads the environment")
    assert wrong == []
