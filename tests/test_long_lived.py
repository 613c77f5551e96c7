"""Long-lived data is built with the cyclic collector paused and frozen after: the collector is running
again afterwards whatever happened, and what was built is out of its reach."""
from __future__ import annotations

import gc

import pytest

from extract.long_lived import long_lived


class Node:
    def __init__(self) -> None:
        self.me = self      # a cycle: tracked by the collector


@long_lived
def build_nodes(count: int, seen: list[bool]) -> list[Node]:
    seen.append(gc.isenabled())
    return [Node() for _ in range(count)]


@long_lived
def build_twice(seen: list[bool]) -> list[Node]:
    first = build_nodes(10, seen)
    seen.append(gc.isenabled())
    return first + build_nodes(10, seen)


@long_lived
def failing() -> None:
    raise RuntimeError("bad data file")


def test_built_with_the_collector_paused_then_frozen():
    seen: list[bool] = []
    frozen = gc.get_freeze_count()
    nodes = build_nodes(1000, seen)
    assert seen == [False] and gc.isenabled()
    assert gc.get_freeze_count() >= frozen + 1000
    assert all(not any(node is other for other in gc.get_objects()) for node in nodes[:3])   # not scanned


def test_nested_builds_pause_once_and_resume_at_the_end():
    seen: list[bool] = []
    build_twice(seen)
    assert seen == [False, False, False] and gc.isenabled()


def test_a_failing_build_leaves_the_collector_running():
    with pytest.raises(RuntimeError):
        failing()
    assert gc.isenabled()


def test_a_caller_that_paused_the_collector_keeps_it_paused():
    gc.disable()
    try:
        seen: list[bool] = []
        build_nodes(5, seen)
        assert seen == [False] and not gc.isenabled()
    finally:
        gc.enable()


def test_the_gazetteer_and_its_matchers_leave_the_collector_running():
    from extract import gazetteer, lexicons
    gazetteer.default()
    lexicons.people_matcher()
    assert gc.isenabled()
