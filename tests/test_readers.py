"""The reader workers: kept between files, replaced after a number of files and after any failure, shared by
threads, busy together on a batch, and never left waiting on a file nobody will take."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any, cast

import pytest

from reportgen import Limits, Period
from reportgen.intake import sandbox
from reportgen.intake.sandbox import REFUSED, ReaderPool, SandboxError
from reportgen.store import Archive, content_hash

from conftest import MakeWorkbook


@pytest.fixture
def pid_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers forked after this answer each file with their process id (and refuse ``b"fail"``)."""

    def reader(data: bytes) -> object:
        if data.endswith(b"fail"):
            raise ValueError("a reader that fails")
        if data.startswith(b"slow"):
            time.sleep(0.3)
        return (os.getpid(), data)

    monkeypatch.setattr(sandbox, "read_form", reader)
    monkeypatch.setattr(sandbox, "inspect", lambda data, limits: None)


def pids(results: Iterator[tuple[str, object]] | list[object]) -> list[int]:
    return [value[0] for value in results]  # type: ignore[index]


@pytest.mark.usefixtures("pid_reader")
def it_keeps_a_worker_for_its_files_then_replaces_it() -> None:
    with ReaderPool(1, recycle_after=2) as pool:
        seen = pids([pool.read(f"form {n}".encode()) for n in range(5)])
    assert seen[0] == seen[1] != seen[2] == seen[3] != seen[4]
    assert os.getpid() not in seen


@pytest.mark.usefixtures("pid_reader")
def it_replaces_a_worker_after_a_failure_and_goes_on() -> None:
    with ReaderPool(1) as pool:
        first = pool.read(b"form 1")
        with pytest.raises(SandboxError) as failed:
            pool.read(b"form fail")
        assert failed.value.reason == sandbox.CRASHED and "ValueError" in failed.value.detail
        second = pool.read(b"form 2")
    assert pids([first]) != pids([second])


@pytest.mark.usefixtures("pid_reader")
def it_reads_a_batch_with_every_worker_in_order() -> None:
    items = [("a", b"slow a"), ("none", None), ("b", b"slow b"), ("bad", b"fail"), ("c", b"slow c"), ("d", b"d")]
    with ReaderPool(2) as pool:
        results = list(pool.read_all(items))
    assert [tag for tag, _ in results] == ["a", "none", "b", "bad", "c", "d"]
    assert results[1][1] is None
    assert isinstance(results[3][1], SandboxError)
    read: dict[str, Any] = {tag: value for tag, value in results if isinstance(value, tuple)}
    assert [read[tag][1] for tag in "abcd"] == [b"slow a", b"slow b", b"slow c", b"d"]
    assert len({read[tag][0] for tag in "ab"}) == 2, "the first two files were read by two workers at once"


@pytest.mark.usefixtures("pid_reader")
def it_frees_the_workers_of_a_batch_left_half_way() -> None:
    with ReaderPool(1) as pool:
        batch = cast(Generator[Any], pool.read_all([(n, b"slow") for n in range(3)]))
        next(batch)
        batch.close()  # the second file is in the worker: given up, the worker ended
        answer: list[object] = []
        reader = threading.Thread(target=lambda: answer.append(pool.read(b"after")), daemon=True)
        reader.start()
        reader.join(30)
    assert answer and answer[0][1] == b"after"  # type: ignore[index]


def it_refuses_by_the_guard_in_the_worker_and_keeps_the_worker(make_workbook: MakeWorkbook) -> None:
    with ReaderPool(1) as pool:
        with pytest.raises(SandboxError) as refused:
            pool.read(b"not a workbook at all")
        assert refused.value.reason == REFUSED and refused.value.problem is not None
        with pytest.raises(SandboxError) as too_big:
            pool.read(make_workbook(), Limits(max_bytes=100))
        assert too_big.value.problem is not None and too_big.value.problem[0] == "file.too_large"
        assert pool.read(make_workbook()).meta["department"] == "SCT"


def it_is_shared_by_threads_without_forking_them(make_workbook: MakeWorkbook) -> None:
    """Threads are running: the workers come from the fork server, and every thread gets its own form back."""
    forms = {name: make_workbook(period=Period.parse(name)) for name in ("2023-02", "2023-03")}
    got: dict[int, str] = {}
    failures: list[BaseException] = []
    pause = threading.Event()

    with ReaderPool(2) as pool:
        def read(number: int) -> None:
            try:
                name = "2023-02" if number % 2 else "2023-03"
                got[number] = pool.read(forms[name]).meta["period"] + ":" + name
            except BaseException as exc:
                failures.append(exc)

        idle = threading.Thread(target=pause.wait, daemon=True)
        idle.start()
        try:
            readers = [threading.Thread(target=read, args=(n,)) for n in range(8)]
            for thread in readers:
                thread.start()
            for thread in readers:
                thread.join(120)
        finally:
            pause.set()
    assert not failures
    assert sorted(got) == list(range(8))
    assert all(value.split(":")[0] == value.split(":")[1] for value in got.values())


def it_keeps_the_bytes_in_the_archive_before_reading_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = Archive(tmp_path / "archive")
    refused, failing = b"refused by the guard", b"a reader that fails"

    def reader(data: bytes) -> object:
        kept = archive.path_of(content_hash(data), ".xlsx")
        if data == failing:
            raise ValueError("a reader that fails")
        return kept.is_file() and kept.read_bytes() == data  # whether the worker kept the bytes before reading

    monkeypatch.setattr(sandbox, "read_form", reader)
    monkeypatch.setattr(sandbox, "inspect", lambda data, limits: ("file.not_xlsx", {}) if data == refused else None)
    items = [("form", b"a form's bytes"), ("refused", refused), ("failing", failing), ("empty", b"")]
    with ReaderPool(1) as pool:
        results = dict(pool.read_all(items, keep=lambda tag: None if tag == "other" else (archive, ".xlsx")))
        assert cast(object, results["form"]) is True
        [(_, other)] = pool.read_all([("other", b"not kept")], keep=lambda tag: None)
        assert cast(object, other) is False
    assert isinstance(results["refused"], SandboxError) and isinstance(results["failing"], SandboxError)
    for data in (b"a form's bytes", refused, failing):  # every attempt is kept, whatever the reader made of it
        assert archive.path_of(content_hash(data), ".xlsx").read_bytes() == data
    kept = sorted(p.name for p in (tmp_path / "archive").rglob("*") if p.is_file())
    assert len(kept) == 3, kept  # neither the empty file nor the one not to keep, and no temporary left


def it_leaves_the_bytes_a_worker_cannot_keep_to_the_ingest(tmp_path: Path) -> None:
    (tmp_path / "archive").write_text("a file where the archive's folder should be")
    # the guard still answers: the keeping's failure is not the reader's
    with ReaderPool(1, recycle_after=1) as pool, pytest.raises(SandboxError) as refused:
        pool.read(b"not a workbook", keep=(Archive(tmp_path / "archive"), ".xlsx"))
    assert refused.value.reason == REFUSED
