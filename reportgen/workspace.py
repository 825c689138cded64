"""A city's working folder: its own ``templates/`` (catalog and Word template), or the built-in ones.

``reportgen init DIR`` copies the built-in catalog, template and template
guide (with the guide's pictures) into ``DIR/templates/`` for a city to
edit; commands run in a folder that has them use them. Which folder is
looked at is always given: the library never assumes the current one.
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
GUIDE_IMAGES = "guide"
"""The folder beside the template guide with the pictures it shows (pages of a built report)."""
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


def shipped_files() -> list[str]:
    """What ``init`` copies, relative to ``templates/``: catalog, template, guide, and the guide's pictures."""
    pictures = sorted(f"{GUIDE_IMAGES}/{p.name}" for p in (DEFAULT_TEMPLATES / GUIDE_IMAGES).glob("*.png"))
    return [*SHIPPED, *pictures]


def init_templates(folder: Path, overwrite: bool = False) -> list[Path]:
    """Copy the built-in catalog, Word template and template guide (with its pictures) into ``folder/templates/``.

    Refuses (:class:`UsageError`) to overwrite a city's files unless ``overwrite``.
    """
    target = folder / TEMPLATES_DIR
    names = shipped_files()
    existing = [target / name for name in names if (target / name).exists()]
    if existing and not overwrite:
        raise UsageError(TEMPLATES_EXIST.format(names=", ".join(str(p) for p in existing)))
    written = []
    for name in names:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DEFAULT_TEMPLATES / name, target / name)
        written.append(target / name)
    return written
