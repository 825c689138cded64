"""The garbage collector during the library's long operations: a batch of files, a report's build.

CPython's collector walks every object it tracks in a full collection: the
libraries' modules, the catalog, the caller's data, a hundred thousand
objects or more in a process that has loaded openpyxl, SQLAlchemy and
docxtpl. An operation that makes objects by the ten thousand (a build's
document and charts, a batch's history and results) sets one off about
once a run, for about a tenth of a second, at a moment that varies from run
to run. :func:`own_collections` sets the objects from before the operation
aside while it runs (:func:`gc.freeze`), so that its collections walk only
what it made, and hands them back when it ends (:func:`gc.unfreeze`).

What was dropped before an operation began (by the caller, or by an
operation before it) is set aside with the rest, and freed by a later full
collection. So that it cannot pile up (a loop that builds report after
report), an operation that finds a quarter more memory in use than after the
last full collection it knows of collects everything first: the collector's
own rule for when a full collection is due. Memory in use is counted in the
interpreter's allocated blocks (:func:`sys.getallocatedblocks`), which it
keeps as it goes; counting the objects set aside would walk every one of
them, as long as a small batch takes to validate.

Operations nest and run in several threads at once (the portal): the first
to begin sets the objects aside, the last to end hands them back.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.RLock()
"""Held while counting and setting aside; reentrant, since the full collection made under it runs finalizers,
and a finalizer may end (or begin) an operation in the same thread."""
_running = 0
_settled: int | None = None
"""Blocks in use at the first operation, or left by the last full collection before one: the measure of growth."""


@contextmanager
def own_collections() -> Iterator[None]:
    """Run the block with the objects from before it out of the collector's way (see the module's note)."""
    global _running
    with _lock:
        _running += 1
        if _running == 1:
            _set_aside()
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0:
                gc.unfreeze()


def _set_aside() -> None:
    global _settled
    found = sys.getallocatedblocks()
    if _settled is None:
        _settled = found
    elif found > _settled + _settled // 4:
        gc.collect()
        _settled = sys.getallocatedblocks()
    gc.freeze()
