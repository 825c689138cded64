"""Reading workbooks in worker processes with a time and a memory bound.

Some readers abort the whole process on absurd input (calamine panics on
impossible sheet dimensions), allocate without limit, or hang. A reader
worker takes that risk: the parent waits at most ``limits.seconds`` for each
file, the worker's address space is capped at ``limits.memory_bytes``, and
whatever happens to it, the parent gets either the read form or a reason.

A :class:`ReaderPool` keeps a few workers alive between files, so that a
batch or a busy server does not pay a process start per file. A worker reads
one file at a time and is replaced after :data:`RECYCLE_AFTER` files and
after any failure (an unreadable file, a crash, a timeout): no state of a
failed read survives into the next file's. :meth:`ReaderPool.read_all` keeps
every worker busy while the caller works on the forms already read.

A worker given an archive keeps the file's bytes in it before reading them
(:class:`~reportgen.store.archive.Archive`, durably), so that an ingest's
own process, busy validating and storing the files before, does not wait for
the disk. Keeping is the worker's first step and is idempotent: the ingest
keeps the bytes again only if the worker could not (the file is then found
in place), and a folder that refuses them is the ingest's error to report.

A worker never outlives its parent: on Linux it asks the kernel for SIGKILL
when the parent dies (``prctl(PR_SET_PDEATHSIG)``), and exits at once if the
parent died before it could ask. A killed ingest leaves no reader behind.

A single-threaded caller (the command line) forks its workers. A caller
with other threads running (the web server, a progress bar) must not fork
itself: a forked child gets every lock another thread held at that moment,
and may wait on one forever. Such a caller's workers come from a fork
server, a small single-threaded process started once that imports the
reader and forks a worker when asked.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import faulthandler
import multiprocessing as mp
import os
import resource
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from ..messages import READER_DIED
from ..store import Archive, content_hash
from .guard import DEFAULT_LIMITS, Limits, Problem, inspect
from .reading import RawForm, UnreadableWorkbookError, read_form

TIMEOUT, CRASHED, UNREADABLE, REFUSED = "timeout", "crashed", "unreadable", "refused"
T = TypeVar("T")
Keep = tuple[Archive, str]
"""Where a worker keeps a file's bytes before reading them: the archive, and the suffix of the file's name."""
RECYCLE_AFTER = 200
"""Files a worker reads before it is replaced by a fresh one (whatever a reader leaks stays bounded)."""


class SandboxError(Exception):
    """The worker did not read the file; ``reason`` is one of TIMEOUT, CRASHED, UNREADABLE, or REFUSED when the
    guard refused the bytes before reading (``problem`` says why)."""

    def __init__(self, reason: str, detail: str = "", problem: Problem | None = None) -> None:
        super().__init__(detail or reason)
        self.reason = reason
        self.detail = detail
        self.problem = problem


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


def _keep(data: bytes, keep: Keep | None) -> None:
    """Keep the bytes in the archive if asked; a failure is left to the ingest, which keeps them again."""
    if keep is not None and data:
        archive, suffix = keep
        with contextlib.suppress(Exception):
            archive.put(data, content_hash(data), suffix)


def _read(data: bytes, limits: Limits, keep: Keep | None = None) -> tuple[str, Any]:
    """Keep the bytes if asked, then the guard, then the reader: a status and the form, the guard's problem or
    what went wrong."""
    _keep(data, keep)
    try:
        problem = inspect(data, limits)
        if problem is not None:
            return REFUSED, problem
        return "ok", read_form(data)
    except UnreadableWorkbookError as exc:
        return UNREADABLE, str(exc)[:300]
    except MemoryError:
        return CRASHED, "MemoryError"
    except BaseException as exc:  # the worker reports anything; the parent decides
        return CRASHED, f"{type(exc).__name__}: {exc}"[:300]


def _worker(conn: Connection, memory: int, parent: int | None, files: int) -> None:
    """A worker's life: read up to ``files`` files sent over ``conn``, one at a time; stop after any failure."""
    die_with_parent(parent)
    # A reader that panics or aborts writes its own dump to stderr; the user gets our finding instead.
    faulthandler.disable()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    with contextlib.suppress(ValueError, OSError):  # a platform without the limit reads unbounded
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    try:
        for _ in range(files):
            try:
                limits, data, keep = conn.recv()
            except (EOFError, OSError):
                return
            status, payload = _read(data, limits, keep)
            conn.send((status, payload))
            if status not in ("ok", REFUSED):
                return
    finally:
        conn.close()


def process_context() -> Any:
    """A safe way to start a worker process here: fork this process when it runs one thread, else ask the fork
    server (a forked child of a threaded process may wait forever on a lock another thread held)."""
    if threading.active_count() == 1 or sys.platform != "linux":
        return mp.get_context("fork" if sys.platform == "linux" else "spawn")
    context = mp.get_context("forkserver")
    context.set_forkserver_preload(["__main__", __name__])
    return context


def _reader_context() -> tuple[Any, int | None]:
    """How to start a worker here, and the parent it must die with (a forked child's; the fork server's own
    children die with it)."""
    context = process_context()
    return context, os.getpid() if context.get_start_method() == "fork" else None


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, memory: int, files: int) -> None:
        context, parent = _reader_context()
        self.conn, child = context.Pipe(duplex=True)
        self.process = context.Process(target=_worker, args=(child, memory, parent, files), daemon=True)
        self.process.start()
        child.close()
        self.left = files

    def send(self, data: bytes, limits: Limits, keep: Keep | None) -> None:
        self.left -= 1
        self.conn.send((limits, data, keep))

    def receive(self, seconds: float) -> RawForm:
        """The form the worker read, or :class:`SandboxError`; the worker is ended if anything went wrong."""
        try:
            if not self.conn.poll(max(seconds, 0.0)):
                raise SandboxError(TIMEOUT)
            try:
                status, payload = self.conn.recv()
            except (EOFError, OSError) as exc:
                raise SandboxError(CRASHED, READER_DIED) from exc
        except SandboxError:
            self.stop()
            raise
        if status == REFUSED:
            raise SandboxError(REFUSED, payload[0], payload)
        if status != "ok":
            self.stop()
            raise SandboxError(status, payload)
        return payload  # type: ignore[no-any-return]

    @property
    def usable(self) -> bool:
        return self.left > 0 and self.process.is_alive()

    def stop(self) -> None:
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join()


class Reading:
    """One file on its way through a worker: :meth:`result` waits for the form, at most the pool's time limit."""

    def __init__(self, pool: ReaderPool, worker: _Worker, seconds: float) -> None:
        self._pool, self._worker = pool, worker
        self._deadline = time.monotonic() + seconds
        self._done = False

    def result(self) -> RawForm:
        """The read form; raises :class:`SandboxError` when the worker failed, crashed or ran out of time."""
        if self._done:
            raise RuntimeError("result() was taken already")
        self._done = True
        try:
            return self._worker.receive(self._deadline - time.monotonic())
        finally:
            self._pool._release(self._worker)

    def cancel(self) -> None:
        """Give up on the file: its worker is ended (whatever it was doing) and its place freed."""
        if not self._done:
            self._done = True
            self._worker.stop()
            self._pool._release(self._worker)


class ReaderPool:
    """At most ``size`` reader workers (by default one per processor), each bounded by ``limits``; safe to share
    between threads.

    Use as a context manager, or call :meth:`close`; workers die with the
    process anyway. ``recycle_after`` files, or any failure, end a worker;
    the next file gets a fresh one.
    """

    def __init__(self, size: int | None = None, limits: Limits = DEFAULT_LIMITS,
                 recycle_after: int = RECYCLE_AFTER) -> None:
        size = size or os.cpu_count() or 1
        if size < 1 or recycle_after < 1:
            raise ValueError("a pool needs at least one worker reading at least one file")
        self.size, self.limits, self.recycle_after = size, limits, recycle_after
        self._idle: list[_Worker] = []
        self._busy = 0
        self._closed = False
        self._changed = threading.Condition()

    def __enter__(self) -> ReaderPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> ReaderPool:
        """Start every worker now (say, before other threads start, so that they are forked here)."""
        with self._changed:
            while len(self._idle) + self._busy < self.size:
                self._idle.append(_Worker(self.limits.memory_bytes, self.recycle_after))
        return self

    def submit(self, data: bytes, limits: Limits | None = None, keep: Keep | None = None) -> Reading:
        """Hand ``data`` to a worker (waiting for one to be free) and return at once.

        ``limits`` (by default the pool's) bound this file's guard and its time;
        the memory bound is the pool's, set when a worker starts. With
        ``keep``, the worker first keeps the bytes in that archive.
        """
        limits = limits or self.limits
        worker = self._acquire()
        try:
            worker.send(data, limits, keep)
        except OSError:  # the idle worker died meanwhile (killed from outside): one fresh worker is tried
            worker.stop()
            worker = _Worker(self.limits.memory_bytes, self.recycle_after)
            try:
                worker.send(data, limits, keep)
            except BaseException:
                self._release(worker)
                raise
        except BaseException:
            self._release(worker)
            raise
        return Reading(self, worker, limits.seconds)

    def read(self, data: bytes, limits: Limits | None = None, keep: Keep | None = None) -> RawForm:
        """The guard's :func:`~.guard.inspect`, then :func:`read_form`, in a worker (keeping the bytes first, with
        ``keep``); raises :class:`SandboxError` when it refuses or fails."""
        return self.submit(data, limits, keep).result()

    def read_all(self, items: Iterable[tuple[T, bytes | None]], limits: Limits | None = None,
                 keep: Callable[[T], Keep | None] | None = None) -> Iterator[tuple[T, RawForm | SandboxError | None]]:
        """Read many files with every worker busy; each tag with its result, in the order given.

        ``keep(tag)`` says where a worker keeps the file's bytes first, if
        anywhere. An item without bytes (``None``) is passed through with ``None``. At
        most ``size`` files are in the workers at once, so a long batch holds
        only that many files' bytes beyond the caller's own.
        """
        waiting: deque[tuple[T, Reading | None]] = deque()

        def oldest() -> tuple[T, RawForm | SandboxError | None]:
            tag, reading = waiting.popleft()
            if reading is None:
                return tag, None
            try:
                return tag, reading.result()
            except SandboxError as exc:
                return tag, exc

        try:
            for tag, data in items:
                if data is not None and sum(r is not None for _, r in waiting) >= self.size:
                    while waiting[0][1] is None:
                        yield oldest()
                    yield oldest()
                reading = None if data is None else self.submit(data, limits, None if keep is None else keep(tag))
                waiting.append((tag, reading))
            while waiting:
                yield oldest()
        finally:  # the caller stopped early (an error, a closed generator): files still out are given up
            for _, reading in waiting:
                if reading is not None:
                    reading.cancel()

    def close(self) -> None:
        """Stop the idle workers; busy ones stop when their file is done."""
        with self._changed:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()

    def _acquire(self) -> _Worker:
        with self._changed:
            while not self._idle and self._busy >= self.size:
                self._changed.wait()
            self._busy += 1
            while self._idle:
                worker = self._idle.pop()
                if worker.usable:
                    return worker
                worker.stop()
        try:
            return _Worker(self.limits.memory_bytes, self.recycle_after)
        except BaseException:
            self._release(None)
            raise

    def _release(self, worker: _Worker | None) -> None:
        with self._changed:
            self._busy -= 1
            if worker is not None and worker.usable and not worker.conn.closed and not self._closed:
                self._idle.append(worker)
            elif worker is not None:
                worker.stop()
            self._changed.notify()


_shared: dict[int, ReaderPool] = {}
_shared_lock = threading.Lock()


def shared_pool(limits: Limits = DEFAULT_LIMITS) -> ReaderPool:
    """The process's own pool for this memory bound, as many workers as processors (made on first use)."""
    with _shared_lock:
        pool = _shared.get(limits.memory_bytes)
        if pool is None:
            pool = _shared[limits.memory_bytes] = ReaderPool(None, limits)
        return pool


@atexit.register
def _close_shared() -> None:
    with _shared_lock:
        pools = list(_shared.values())
        _shared.clear()
    for pool in pools:
        pool.close()
