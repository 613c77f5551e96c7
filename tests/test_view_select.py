"""The view's window found by walking the store's days (exports/view_select.py) is the one a pass over
every interaction finds (view_model._select), for any period and limit."""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

import exports.view_model
import exports.view_select
from exports.build import build
from exports.view_model import Window, _select
from exports.view_select import latest_in_store
from fault_helpers import write_tiny_corpus
from graph.store import GraphStore

# Interactions the tiny corpus has none of: undated ones counted at their article's day, and one with no day at all.
UNDATED = {
    "published_only.txt": "Two ministers on the phone\nPublished: March 3, 2021\n"
                          "Sergey Lavrov and Abbas Araghchi held a telephone conversation, the ministry said.\n",
    "no_day.txt": "Talks in the capital\n"
                  "Hakan Fidan and Abbas Araghchi held talks, the ministry said.\n",
}


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("select")
    files = write_tiny_corpus(150, folder / "corpus", per_file=50, seed=7)
    for name, text in UNDATED.items():
        (folder / name).write_text(text, encoding="utf-8")
        files.append(str(folder / name))
    assert build(files, folder / "out", progress=False).ok
    return folder / "out"


def scanned(store: GraphStore, window: Window, monkeypatch) -> tuple:
    with monkeypatch.context() as patch:
        patch.setattr(exports.view_model, "latest_in_store", lambda *args: None)
        return _select(store, window)


def test_the_walk_finds_the_window_a_pass_finds(store_dir, monkeypatch):
    monkeypatch.setattr(exports.view_select, "WALK_COST", 0)     # walk wherever the dates allow it
    rng = random.Random(5)
    with GraphStore(store_dir, read_only=True) as store:
        days = sorted({day for day, _ in latest_in_store(store, "0001-01-01", None, 10_000)[0]})
        assert len(days) > 50
        windows = [Window(limit=limit) for limit in (1, 2, 7, 40, 149)]
        for _ in range(30):
            start, end = sorted(rng.sample(days, 2))
            windows += [Window(start=start, end=end, limit=rng.choice((3, 20, 10_000))),
                        Window(start=start, limit=rng.choice((5, 10_000))), Window(end=end, limit=rng.choice((5, 10_000)))]
        windows += [Window(start="2999-01-01"), Window(end="1900-01-01"), Window(start=days[0], end=days[0])]
        walked = 0
        for window in windows:
            walked += latest_in_store(store, window.start, window.end, window.limit) is not None
            assert _select(store, window) == scanned(store, window, monkeypatch), window
        assert walked >= len(windows) - 2     # the walk was taken, not the pass again


def test_an_undated_interaction_counts_at_its_articles_day(store_dir, monkeypatch):
    monkeypatch.setattr(exports.view_select, "WALK_COST", 0)
    with GraphStore(store_dir, read_only=True) as store:
        found, total = latest_in_store(store, "2021-03-03", "2021-03-03", 100)
        assert total == len(found) >= 1 and {day for day, _ in found} == {"2021-03-03"}


def test_a_view_the_days_cannot_fill_reads_every_interaction(store_dir, monkeypatch):
    # One interaction has no day: a view of all of them cannot be found by walking days.
    monkeypatch.setattr(exports.view_select, "WALK_COST", 0)
    with GraphStore(store_dir, read_only=True) as store:
        total = _select(store, Window())[1].total
        assert latest_in_store(store, None, None, total) is None
        assert latest_in_store(store, None, None, total - 1) is not None


def test_a_date_the_index_cannot_be_asked_for_reads_every_interaction(tmp_path, store_dir, monkeypatch):
    monkeypatch.setattr(exports.view_select, "WALK_COST", 0)
    out = tmp_path / "out"
    shutil.copytree(store_dir, out)
    with GraphStore(out) as store:
        store.update('INSERT DATA { <https://example.org/e> <https://w3id.org/diplograph/ns#date> "2021-03-03T10:00:00"^^<http://www.w3.org/2001/XMLSchema#dateTime> }')
        assert latest_in_store(store, None, None, 5) is None


def test_a_small_store_is_read_in_one_pass(store_dir):
    with GraphStore(store_dir, read_only=True) as store:
        assert latest_in_store(store, None, None, 10_000) is None
