"""A shared store: many writers at once, a lock while uploads run, and reads that never wait nor see half an upload.

Each test runs on SQLite and on PostgreSQL. Workers are separate processes
(forked), each with its own connections, submitting through the same call
ingest uses (:meth:`Store.submit`).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import random
import time
from decimal import Decimal as D
from multiprocessing.synchronize import Barrier, Event
from pathlib import Path
from typing import Any

from sqlalchemy import text

from reportgen import Outcome, Period, Store
from reportgen.model import STATUS_RANK, Basis, Intake, NewObservation, Status, SubmissionRecord

MARCH = Period(2023, 3)
FIGURES = [("retail_sales", MARCH, Basis.MONTH), ("retail_sales", MARCH.previous, Basis.MONTH),
           ("cpi", MARCH, Basis.MONTH)]
CONTEXT = mp.get_context("fork")


def moment() -> dt.datetime:
    return dt.datetime(2023, 3, 18, 3, tzinfo=dt.UTC)


def submission(tag: str, observations: list[NewObservation], period: Period = MARCH) -> tuple[
        SubmissionRecord, list[NewObservation], Intake]:
    """A submission of the given figures, its file hash made from ``tag``."""
    file_hash = f"{abs(hash(tag)):064d}"[-64:]
    record = SubmissionRecord(f"{tag}.xlsx", file_hash, "SCT", period, "1", "t1", moment())
    attempt = Intake(record.file_name, file_hash, "SCT", str(period), Outcome.ACCEPTED, 0, 0, moment(), tag)
    return record, observations, attempt


def writer(location: str, archive: Path | None, worker: int, count: int, start: Barrier) -> None:
    """Submit ``count`` workbooks touching the same figures, with random values and statuses."""
    chance = random.Random(worker)
    with Store.open(location, archive) as store:
        start.wait()
        for n in range(count):
            observations = [NewObservation(code, period, basis, chance.choice([Status.ESTIMATE, Status.FINAL]),
                                           D(chance.randint(1, 5)))
                            for code, period, basis in FIGURES]
            record, figures, attempt = submission(f"w{worker}-{n}", observations)
            store.submit(record, figures, [], attempt)


def it_keeps_one_history_chain_per_figure_under_many_writers(store: Store, store_location: str,
                                                              archive_dir: Path | None) -> None:
    start = CONTEXT.Barrier(8)
    processes = [CONTEXT.Process(target=writer, args=(store_location, archive_dir, n, 40, start)) for n in range(8)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=300)
    assert [p.exitcode for p in processes] == [0] * 8
    assert len(store.submissions()) == 8 * 40
    for code, period, basis in FIGURES:
        rows = [r for r in store.history(code, period) if r["basis"] == basis]
        counting: dict[str, Any] | None = None
        for row in rows:  # in id order, which is the order the writers were serialised in
            counts = counting is None or STATUS_RANK[row["status"]] >= STATUS_RANK[counting["status"]]
            if counts:
                assert row["replaces_id"] == (None if counting is None else counting["id"]), row
                counting = row
            else:
                assert row["replaces_id"] is None, row
        assert counting is not None
        heads = [r for r in rows if r["counts"]]
        assert [h["id"] for h in heads] == [counting["id"]]  # exactly one value counts: the chain's head
        chain: list[int] = []
        at: dict[str, Any] | None = counting
        by_id = {r["id"]: r for r in rows}
        while at is not None:
            chain.append(at["id"])
            at = by_id.get(at["replaces_id"])
        assert chain == sorted(chain, reverse=True)  # one unbroken chain from the head back to the first value


def twin(location: str, archive: Path | None, worker: int, start: Barrier, results: Any) -> None:
    with Store.open(location, archive) as store:
        record, figures, attempt = submission("the-same-file", [NewObservation("cpi", MARCH, Basis.MONTH,
                                                                               Status.ESTIMATE, D(103))])
        start.wait()
        results.put(str(store.submit(record, figures, [], attempt).status))


def it_stores_one_of_two_identical_uploads_at_the_same_moment(store: Store, store_location: str,
                                                             archive_dir: Path | None) -> None:
    for attempt in range(3):
        start, results = CONTEXT.Barrier(2), CONTEXT.Queue()
        processes = [CONTEXT.Process(target=twin, args=(store_location, archive_dir, n, start, results))
                     for n in range(2)]
        for process in processes:
            process.start()
        outcomes = sorted(results.get(timeout=60) for _ in processes)
        for process in processes:
            process.join(timeout=60)
        assert outcomes == (["accepted", "duplicate"] if attempt == 0 else ["duplicate", "duplicate"])
    assert len(store.submissions()) == 1
    assert sorted(i["status"] for i in store.intakes()) == ["accepted"] + ["duplicate"] * 5


def stream(location: str, archive: Path | None, worker: int, stop: Event, results: Any) -> None:
    """Submit workbooks of March one after another until told to stop; report each outcome and when it ended."""
    with Store.open(location, archive) as store:
        n = 0
        while not stop.is_set() and n < 20000:  # a bound in case the test never says stop
            record, figures, attempt = submission(
                f"s{worker}-{n}", [NewObservation(f"x{n}_{k}", MARCH, Basis.MONTH, Status.ESTIMATE, D(n))
                                   for k in range(5)])
            outcome = store.submit(record, figures, [], attempt)
            results.put((n, str(outcome.status), time.monotonic()))
            n += 1
        results.put(None)


def drain(results: Any) -> list[tuple[int, str, float]]:
    out = []
    while (item := results.get(timeout=120)) is not None:
        out.append(item)
    return out


def it_honours_a_period_locked_while_uploads_run(store: Store, store_location: str, archive_dir: Path | None) -> None:
    stop, results = CONTEXT.Event(), CONTEXT.Queue()
    process = CONTEXT.Process(target=stream, args=(store_location, archive_dir, 0, stop, results))
    process.start()
    outcomes: list[tuple[int, str, float]] = []
    locked = False
    while len([o for o in outcomes if o[1] == "rejected"]) < 3:  # driven by what the uploads report, not by sleeps
        item = results.get(timeout=120)
        assert item is not None, "the uploads stopped before the lock was honoured"
        outcomes.append(item)
        if not locked and len(outcomes) >= 3:
            assert store.lock_period(MARCH, "truong.phong", moment())
            locked = True
    stop.set()
    outcomes += drain(results)
    process.join(timeout=60)
    statuses = [status for _, status, _ in outcomes]
    first_refused = statuses.index("rejected")
    assert first_refused >= 3
    assert set(statuses[:first_refused]) == {"accepted"} and set(statuses[first_refused:]) == {"rejected"}
    assert len(store.submissions(MARCH)) == first_refused  # every accepted one is whole in the store, no other


def it_reads_a_whole_snapshot_without_stopping_the_uploads(store: Store, store_location: str,
                                                          archive_dir: Path | None) -> None:
    stop, results = CONTEXT.Event(), CONTEXT.Queue()
    process = CONTEXT.Process(target=stream, args=(store_location, archive_dir, 0, stop, results))
    process.start()
    time.sleep(0.5)
    checked = 0
    window = (0.0, 0.0)
    for round_ in range(6):
        with store.snapshot() as view:
            opened = time.monotonic()
            listed = {s["id"] for s in view.submissions(MARCH)}
            if round_ == 3:
                time.sleep(1.5)  # a long read: the uploads must go on meanwhile
            rows = view.conn.execute(text(
                "SELECT submission_id, count(*) FROM observation GROUP BY submission_id")).all()
            per_submission: dict[int, int] = {row[0]: row[1] for row in rows}
            closed = time.monotonic()
        assert set(per_submission) == listed  # no figure of a submission the snapshot does not see
        assert set(per_submission.values()) <= {5}  # and every submission it sees is whole
        checked += len(listed)
        if round_ == 3:
            window = (opened, closed)
    stop.set()
    outcomes = drain(results)
    process.join(timeout=60)
    assert checked > 0
    during = [n for n, status, ended in outcomes if window[0] < ended < window[1] and status == "accepted"]
    assert len(during) >= 3, "uploads must not wait for a reader"
