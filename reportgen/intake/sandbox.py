"""Reading a workbook in a child process with a time and a memory bound.

Some readers abort the whole process on absurd input (calamine panics on
impossible sheet dimensions), allocate without limit, or hang. The child
process takes that risk: the parent waits at most ``limits.seconds``, the
child's address space is capped at ``limits.memory_bytes``, and whatever
happens to the child, the parent gets either the read form or a reason.

The child never outlives its parent: on Linux it asks the kernel for SIGKILL
when the parent dies (``prctl(PR_SET_PDEATHSIG)``), and exits at once if the
parent died before it could ask. A killed ingest leaves no reader behind.

A single-threaded caller (the command line) forks the child, which then
reads the very bytes the parent holds. A caller with other threads running
(the web server, a progress bar) must not fork itself: a forked child gets
every lock another thread held at that moment, and may wait on one forever.
Such a caller's children come from a fork server, a small single-threaded
process started once that imports the reader and forks a child per file.
"""

from __future__ import annotations

import contextlib
import ctypes
import faulthandler
import multiprocessing as mp
import os
import resource
import signal
import sys
import threading
from multiprocessing.connection import Connection
from typing import Any

from ..messages import READER_DIED
from .guard import DEFAULT_LIMITS, Limits
from .reading import RawForm, UnreadableWorkbookError, read_form

TIMEOUT, CRASHED, UNREADABLE = "timeout", "crashed", "unreadable"


class SandboxError(Exception):
    """The child could not read the file; ``reason`` is one of TIMEOUT, CRASHED, UNREADABLE."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(detail or reason)
        self.reason = reason
        self.detail = detail


PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(parent: int | None) -> None:
    """In a forked child: be killed when the parent dies, and exit now if it is already gone.

    ``prctl(PR_SET_PDEATHSIG)`` covers every death after the call; the parent
    may have died between the fork and the call, which the parent's pid tells
    (the orphan was handed to another process). Elsewhere than Linux it does
    nothing: the parent's timeout still bounds a reader that hangs while the
    parent lives.
    """
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):  # no libc to ask: the parent check below still holds
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def _child(data: bytes, memory: int, conn: Connection, parent: int | None) -> None:
    die_with_parent(parent)
    # A reader that panics or aborts writes its own dump to stderr; the user gets our finding instead.
    faulthandler.disable()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    with contextlib.suppress(ValueError, OSError):  # a platform without the limit reads unbounded
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    try:
        conn.send(("ok", read_form(data)))
    except UnreadableWorkbookError as exc:
        conn.send((UNREADABLE, str(exc)[:300]))
    except MemoryError:
        conn.send((CRASHED, "MemoryError"))
    except BaseException as exc:  # the child reports anything; the parent decides
        conn.send((CRASHED, f"{type(exc).__name__}: {exc}"[:300]))
    finally:
        conn.close()


def _reader_context() -> tuple[Any, int | None]:
    """How to start a reader here: forked from this process when it runs one thread, else from the fork server."""
    if threading.active_count() == 1 or sys.platform != "linux":
        return mp.get_context("fork" if sys.platform == "linux" else "spawn"), os.getpid()
    context = mp.get_context("forkserver")
    context.set_forkserver_preload(["__main__", __name__])
    return context, None


def read_form_bounded(data: bytes, limits: Limits = DEFAULT_LIMITS) -> RawForm:
    """:func:`read_form` in a child process; raises :class:`SandboxError` when it fails.

    A single-threaded caller forks the child, which reads the very bytes the
    parent holds; a caller with other threads gets it from the fork server.
    """
    context, parent = _reader_context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(data, limits.memory_bytes, sender, parent), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(limits.seconds):
            raise SandboxError(TIMEOUT)
        try:
            status, payload = receiver.recv()
        except (EOFError, OSError) as exc:
            raise SandboxError(CRASHED, READER_DIED) from exc
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()
    if status == "ok":
        return payload  # type: ignore[no-any-return]
    raise SandboxError(status, payload)
