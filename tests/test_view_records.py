"""graph.html drawn with the records the last build's view read (exports/view_records.py) is the page
drawn by reading everything again, after any sequence of builds and removes."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

import exports.build
import exports.html_view
import exports.view_model
import exports.view_records
import exports.view_select
import graph.turtle_chunks
from exports.build import build
from exports.cli import main
from exports.view_model import Window
from exports.view_records import RECORDS_FILE, RecordCache
from fault_helpers import write_tiny_corpus
from graph.store import GraphStore
from graph.turtle_chunks import TurtleReport
from test_incremental import MERGE_POOL

STEPS, SEED = 9, 2027


@pytest.fixture
def pool(tmp_path) -> list[str]:
    """Short articles on many days, and a few that merge (undated reports of one dated call)."""
    files = write_tiny_corpus(60, tmp_path / "tiny", per_file=6, seed=11)
    for name, text in MERGE_POOL.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        files.append(str(tmp_path / f"{name}.txt"))
    return files


@pytest.fixture(params=[10_000, 12], ids=["whole", "window"])
def limit(request, monkeypatch) -> int:
    """The builds' view shows this many interactions at most (a window of a few, or all of them)."""
    draw = exports.html_view.write_view
    monkeypatch.setattr(exports.build, "write_view", lambda store, path, language, records=None:
                        draw(store, path, language, Window(limit=request.param), records=records))
    return request.param


@pytest.fixture
def reuses(monkeypatch) -> list[int]:
    """How many records each build's view found still true (graph.ttl in chunks of three articles: with
    one chunk, which every build writes again, no record would ever be found true)."""
    monkeypatch.setattr(graph.turtle_chunks, "CHUNK_ARTICLES", 3)
    found: list[int] = []
    made = RecordCache.for_build.__func__

    def counting(cls, *args):
        cache = made(cls, *args)
        found.append(sum(len(part) for part in (cache.reusable.interactions, cache.reusable.statements, cache.reusable.articles)))
        return cache

    monkeypatch.setattr(RecordCache, "for_build", classmethod(counting))
    return found


def drawn_afresh(out: Path, limit: int, tmp_path: Path) -> bytes:
    page = tmp_path / "afresh.html"
    with GraphStore(out, read_only=True) as store:
        exports.html_view.write_view(store, page, "en", Window(limit=limit))
    return page.read_bytes()


def test_the_view_from_kept_records_is_the_view_read_afresh(tmp_path, pool, limit, reuses):
    rng, out, held = random.Random(SEED), tmp_path / "out", set()
    for step in range(STEPS):
        if held and rng.random() < 0.35:
            gone = rng.sample(sorted(held), min(len(held), rng.randint(1, 2)))
            if all(file.endswith(".txt") for file in gone):
                assert main(["remove", str(out), *gone, "-q"]) == 0
            else:
                assert main(["remove", str(out), *(f"{file}:{rng.randint(1, 6)}" for file in gone), "-q"]) == 0
            held -= {file for file in gone if file.endswith(".txt")}
        else:
            chosen = rng.sample(pool, rng.randint(1, 4))
            assert build(chosen, out, progress=False).ok
            held |= set(chosen)
        assert (out / "graph.html").read_bytes() == drawn_afresh(out, limit, tmp_path), f"step {step}"
    assert sum(reuses) > 0 and len([n for n in reuses if n]) >= 3     # the records were used, not read again


def test_records_of_another_manifest_are_not_used(tmp_path, pool, limit, reuses):
    out = tmp_path / "out"
    assert build(pool[:3], out, progress=False).ok
    kept = json.loads((out / RECORDS_FILE).read_bytes())
    kept["manifest"] = "0" * 64           # as if a build had written graph.ttl since and never drawn the view
    (out / RECORDS_FILE).write_text(json.dumps(kept), encoding="utf-8")
    assert build(pool[3:5], out, progress=False).ok
    assert reuses[-1] == 0
    assert (out / "graph.html").read_bytes() == drawn_afresh(out, limit, tmp_path)


@pytest.mark.parametrize("content", [b"", b"not json", b"[1, 2]", b'{"format": 1, "manifest": 7}'])
def test_a_records_file_that_is_no_record_is_not_used(tmp_path, pool, limit, reuses, content):
    out = tmp_path / "out"
    assert build(pool[:3], out, progress=False).ok
    (out / RECORDS_FILE).write_bytes(content)
    assert build(pool[3:5], out, progress=False).ok
    assert reuses[-1] == 0
    assert (out / "graph.html").read_bytes() == drawn_afresh(out, limit, tmp_path)


# Articles for the cases where a kept record stops being true though its own article did not change.
CALL = "Sergey Lavrov spoke by phone today with Hakan Fidan about Syria.\n"
CASES = {
    "call": "Lavrov and Fidan speak\nPublished: February 6, 2024\n" + CALL,
    "filler_a": "Fidan receives Araghchi\nPublished: April 10, 2025\nHakan Fidan met Abbas Araghchi in Ankara today to discuss trade.\n",
    "filler_b": "Lavrov calls Araghchi\nPublished: March 3, 2025\nSergey Lavrov spoke by phone today with Abbas Araghchi about Yemen.\n",
    "same_call": "Ministers discuss Syria\nPublished: February 6, 2024\nHakan Fidan spoke by phone today with Sergey Lavrov about Gaza.\n",
    "undated_call": "Phone talk of the two ministers\nPublished: February 7, 2024\n"
                    "Sergey Lavrov and Hakan Fidan held a telephone conversation, the ministry said.\n",
}


@pytest.fixture
def cases(tmp_path) -> dict[str, str]:
    paths = {}
    for name, text in CASES.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        paths[name] = str(tmp_path / f"{name}.txt")
    return paths


def articles_of_the_call(out: Path) -> int:
    with GraphStore(out, read_only=True) as store:
        return len(list(store.query("SELECT DISTINCT ?a WHERE { ?e a dg:PhoneCall ; dg:date ?d ; prov:wasDerivedFrom ?a "
                                    "FILTER(STR(?d) = '2024-02-06') }")))


@pytest.mark.parametrize("later", ["same_call", "undated_call"])
def test_a_record_another_article_adds_to_is_read_again(tmp_path, cases, limit, reuses, later):
    # The call's article fills a chunk of graph.ttl, which stays as it is; a later article tells of the same
    # call (or an undated report of it is merged into it): the call's record changes all the same.
    out = tmp_path / "out"
    assert build([cases["call"], cases["filler_a"], cases["filler_b"]], out, progress=False).ok
    assert build([cases[later]], out, progress=False).ok
    assert reuses[-1] > 0 and articles_of_the_call(out) == 2
    assert (out / "graph.html").read_bytes() == drawn_afresh(out, limit, tmp_path)
    assert main(["remove", str(out), cases[later], "-q"]) == 0     # and when that article goes again
    assert reuses[-1] > 0 and articles_of_the_call(out) == 1
    assert (out / "graph.html").read_bytes() == drawn_afresh(out, limit, tmp_path)


@pytest.mark.parametrize("shown", [4, 12])
def test_the_window_chosen_from_kept_days_is_the_window_read_afresh(tmp_path, pool, reuses, monkeypatch, shown):
    # A window of a few interactions, chosen by a pass (never by the walk): a build takes the latest ones
    # the last kept, looks up those that may have changed and those new chunks tell of, and must choose
    # what a pass over every interaction chooses, through adds, merges and removals.
    monkeypatch.setattr(exports.view_select, "WALK_COST", 10**9)
    draw = exports.html_view.write_view
    monkeypatch.setattr(exports.build, "write_view", lambda store, path, language, records=None:
                        draw(store, path, language, Window(limit=shown), records=records))
    chosen_from_kept: list[bool] = []
    original = exports.view_model._latest_kept

    def recording(*args):
        chosen_from_kept.append((result := original(*args)) is not None)
        return result

    monkeypatch.setattr(exports.view_model, "_latest_kept", recording)
    rng, out, held = random.Random(SEED + shown), tmp_path / "out", set()
    for step in range(STEPS):
        if held and rng.random() < 0.3:
            gone = rng.sample(sorted(held), 1)
            assert main(["remove", str(out), *gone, "-q"]) == 0
            held -= set(gone)
        else:
            chosen = rng.sample(pool, rng.randint(1, 4))
            assert build(chosen, out, progress=False).ok
            held |= {file for file in chosen if file.endswith(".txt")}
        assert (out / "graph.html").read_bytes() == drawn_afresh(out, shown, tmp_path), f"step {step}"
    assert chosen_from_kept.count(True) >= 3      # the kept days were used, not a pass each time


@pytest.mark.parametrize("kept", [None, [], {"floor": ["", ""]}, {"floor": [], "lines": ""}, {"floor": ["", ""], "lines": "x\n"},
                                  {"floor": ["", ""], "lines": " 2024-01-01 g\n"}])
def test_kept_days_that_are_not_what_a_build_wrote_are_not_trusted(kept):
    turtle = TurtleReport(full=False, written=0, kept=1, chunks={"00000000.ttl": frozenset({"g"})}, graphs_removed=False)
    assert exports.view_records._days(kept, turtle, {"00000000.ttl"}, set())[0] is None


def test_kept_days_hold_only_where_their_graphs_are_unchanged():
    turtle = TurtleReport(full=False, written=1, kept=1, graphs_removed=False,
                          chunks={"00000001.ttl": frozenset({"g1"}), "00000002.ttl": frozenset({"g2"})})
    lines = "e1 2024-01-01 g1\ne2 - g1 g2\ne3 2024-01-03 g1\ne4 2024-01-04 \n"
    days, floor, stale = exports.view_records._days({"floor": ["2024", "e"], "lines": lines}, turtle, {"00000001.ttl"}, {"e3"})
    assert days == {"e1": ("2024-01-01", ("g1",))} and floor == ("2024", "e") and stale == {"e2", "e3", "e4"}
    removed = TurtleReport(full=False, written=1, kept=1, chunks=turtle.chunks)    # graphs_removed by default
    assert exports.view_records._days({"floor": ["", ""], "lines": lines}, removed, {"00000001.ttl"}, set())[0] is None
