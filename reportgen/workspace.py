"""A city's working folder: its own ``templates/`` (catalog and Word template), or the built-in ones.

``reportgen init DIR`` copies the built-in catalog, template and template
guide into ``DIR/templates/`` for a city to edit; commands run in a folder
that has them use them. Which folder is looked at is always given: the
library never assumes the current one.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError
from .files import DEFAULT_TEMPLATES
from .messages import TEMPLATES_EXIST

TEMPLATES_DIR = "templates"
CATALOG_FILE = "catalog.toml"
REPORT_FILE = "report.docx"
GUIDE_FILE = "README.md"
SHIPPED = (CATALOG_FILE, REPORT_FILE, GUIDE_FILE)


@dataclass(frozen=True)
class TemplateFile:
    """Which file a command uses, and whether it is the city's own or the built-in one."""

    path: Path
    own: bool


def find_template(folder: Path, name: str) -> TemplateFile:
    """``folder/templates/name`` when the city has one, else the built-in file."""
    own = folder / TEMPLATES_DIR / name
    if own.is_file():
        return TemplateFile(own, True)
    return TemplateFile(DEFAULT_TEMPLATES / name, False)


def init_templates(folder: Path, overwrite: bool = False) -> list[Path]:
    """Copy the built-in catalog, Word template and template guide into ``folder/templates/``.

    Refuses (:class:`UsageError`) to overwrite a city's files unless ``overwrite``.
    """
    target = folder / TEMPLATES_DIR
    existing = [target / name for name in SHIPPED if (target / name).exists()]
    if existing and not overwrite:
        names = ", ".join(str(p) for p in existing)
        raise UsageError(TEMPLATES_EXIST.format(names=names))
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SHIPPED:
        shutil.copyfile(DEFAULT_TEMPLATES / name, target / name)
        written.append(target / name)
    return written
