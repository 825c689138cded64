"""The collector during long operations: the objects from before set aside and handed back, dropped objects never
piling up."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest

from reportgen import heap
from reportgen.heap import own_collections


class Node:
    """An object in a reference cycle: only the collector frees it."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture(autouse=True)
def fresh_measure() -> Iterator[None]:
    saved = heap._settled
    heap._settled = None
    yield
    heap._settled = saved


def it_sets_the_objects_from_before_aside_and_hands_them_back() -> None:
    before: list[str] = []

    def seen() -> bool:
        return any(o is before for o in gc.get_objects())

    assert gc.get_freeze_count() == 0 and seen()
    with own_collections():
        assert gc.get_freeze_count() > 0 and not seen()
        made: list[str] = []
        assert any(o is made for o in gc.get_objects())  # what the operation makes is the collector's as usual
    assert gc.get_freeze_count() == 0 and seen()


def it_sets_aside_once_when_operations_nest() -> None:
    with own_collections():
        outer = gc.get_freeze_count()
        with own_collections():
            assert gc.get_freeze_count() == outer  # the inner one found everything aside already
        assert gc.get_freeze_count() == outer  # and did not hand it back: the outer one is still running
    assert gc.get_freeze_count() == 0


def it_lets_no_dropped_object_pile_up() -> None:
    with own_collections():
        pass
    settled = heap._settled
    assert settled is not None
    kept = weakref.ref(Node())  # dropped by the caller between two operations: set aside with the rest
    with own_collections():
        assert kept() is not None
    assert kept() is not None  # one dropped object is not worth a full collection
    with own_collections():  # an operation that uses a quarter more blocks than were settled, dropped after it
        burden = [Node() for _ in range(settled // 4 + 1)]
    dropped = [weakref.ref(node) for node in burden[::100]]
    del burden
    with own_collections():
        assert kept() is None and all(ref() is None for ref in dropped)  # collected before setting aside
    assert heap._settled is not None and heap._settled < settled + settled // 4


def it_lets_a_finalizer_run_an_operation_during_its_collection() -> None:
    entered: list[bool] = []

    class Finalised(Node):
        def __del__(self) -> None:  # freed by the full collection made while setting aside
            with own_collections():
                entered.append(True)

    with own_collections():
        pass
    heap._settled = 1  # anything counts as growth: the next operation collects everything first
    Finalised()
    done = threading.Event()

    def operation() -> None:
        with own_collections():
            done.set()

    worker = threading.Thread(target=operation, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert done.is_set() and entered == [True]
    assert gc.get_freeze_count() == 0
