"""graph.html is kept by a build that changed nothing, and drawn again whenever anything it shows may differ
(issue 13: a rebuild of an unchanged folder should not cost what the store holds)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import exports.build
from exports.build import build
from exports.cli import main
from exports.view_state import STATE_FILE
from fault_helpers import write_tiny_corpus
from graph.store import GraphStore
from graph.turtle_chunks import forget_chunks


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    return write_tiny_corpus(40, tmp_path_factory.mktemp("tiny"), per_file=10)


@pytest.fixture(scope="module")
def built(tmp_path_factory, corpus) -> Path:
    """The first three files built."""
    out = tmp_path_factory.mktemp("built")
    assert build(corpus[:3], out, progress=False).ok
    return out


@pytest.fixture
def drawn(monkeypatch) -> list[Path]:
    """Every page the build draws (the real drawing, counted)."""
    pages: list[Path] = []
    real = exports.build.write_view

    def counting(store, path, language="en", *args, **kwargs):
        pages.append(Path(path))
        return real(store, path, language, *args, **kwargs)

    monkeypatch.setattr(exports.build, "write_view", counting)
    return pages


def copy_of(built: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(built, out)
    return out


def page(out: Path) -> bytes:
    return (out / "graph.html").read_bytes()


def from_scratch(files: list[str], folder: Path, **options) -> bytes:
    assert build(files, folder, progress=False, **options).ok
    return page(folder)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_build_that_changes_nothing_keeps_the_page(tmp_path, corpus, built, drawn, jobs):
    out = copy_of(built, tmp_path)
    before = (out / "graph.html").stat()
    first = build(corpus[:3], out, progress=False)

    def no_count(store):
        raise AssertionError("the graph was counted again")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(exports.build, "graph_counts", no_count)
        report = build(corpus[:3], out, progress=False, jobs=jobs)
    assert drawn == [] and report.added == 0
    after = (out / "graph.html").stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert report.view == first.view is not None and report.view.shown > 0    # what it shows, as recorded
    assert (report.triples, report.counts) == (first.triples, first.counts) and report.counts["interactions"] > 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_added_article_draws_the_page_a_build_from_scratch_draws(tmp_path, corpus, built, drawn, jobs):
    out = copy_of(built, tmp_path)
    old = page(out)
    report = build(corpus[3:], out, progress=False, jobs=jobs)
    assert report.added == 10 and len(drawn) == 1
    assert page(out) != old
    assert page(out) == from_scratch(corpus, tmp_path / "scratch")
    drawn.clear()
    assert build(corpus, out, progress=False).added == 0 and drawn == []    # and is kept from then on


def test_a_removed_article_draws_the_page_again(tmp_path, corpus, built, drawn):
    out = copy_of(built, tmp_path)
    old = page(out)
    assert main(["remove", str(out), f"{corpus[0]}:1", "-q"]) == 0
    assert len(drawn) == 1 and page(out) != old


def test_another_language_draws_the_page_again(tmp_path, corpus, built, drawn):
    out = copy_of(built, tmp_path)
    build(corpus[:3], out, progress=False, view_language="ar")
    assert len(drawn) == 1
    assert page(out) == from_scratch(corpus[:3], tmp_path / "scratch", view_language="ar")
    drawn.clear()
    build(corpus[:3], out, progress=False, view_language="en")
    assert len(drawn) == 1 and page(out) == page(built)


@pytest.mark.parametrize("damage", [
    "page edited",          # by a user, or by `diplograph view DIR --from …` writing over it
    "page deleted",
    "state deleted",
    "state not JSON",
    "state a list",
    "state of another format",
    "state of other code",
    "shown not what it should be",
    "counts not numbers",
])
def test_any_doubt_draws_the_page_again(tmp_path, corpus, built, drawn, damage):
    out = copy_of(built, tmp_path)
    state_path = out / STATE_FILE
    state = json.loads(state_path.read_text(encoding="utf-8"))
    if damage == "page edited":
        (out / "graph.html").write_bytes(page(out).replace(b"</body>", b"<p>note</p></body>"))
    elif damage == "page deleted":
        (out / "graph.html").unlink()
    elif damage == "state deleted":
        state_path.unlink()
    elif damage == "state not JSON":
        state_path.write_text("{not json", encoding="utf-8")
    elif damage == "state a list":
        state_path.write_text("[1, 2]", encoding="utf-8")
    elif damage == "state of another format":
        state_path.write_text(json.dumps({**state, "format": 0}), encoding="utf-8")
    elif damage == "state of other code":
        state_path.write_text(json.dumps({**state, "code": "0" * 64}), encoding="utf-8")
    elif damage == "shown not what it should be":
        state_path.write_text(json.dumps({**state, "shown": {"shown": 1}}), encoding="utf-8")
    else:
        state_path.write_text(json.dumps({**state, "counts": {"people": "many"}}), encoding="utf-8")
    report = build(corpus[:3], out, progress=False)
    assert report.ok and len(drawn) == 1
    assert page(out) == page(built)
    assert report.counts == build(corpus[:3], out, progress=False).counts    # counted, then recorded
    drawn.clear()
    build(corpus[:3], out, progress=False)
    assert drawn == []      # the state written with the page is trusted again


def test_a_store_changed_outside_a_build_draws_the_page_again(tmp_path, corpus, built, drawn):
    # `serve --writable` lets SPARQL updates in and forgets the Turtle chunks' manifest: the next build
    # rewrites every chunk and, whatever digest that gives, draws the page again.
    out = copy_of(built, tmp_path)
    forget_chunks(out)
    with GraphStore(out) as store:
        store.update("DELETE WHERE { GRAPH ?g { ?event <https://w3id.org/diplograph/ns#date> ?date } };"
                     "DELETE WHERE { ?event <https://w3id.org/diplograph/ns#date> ?date }")   # and the union's copy
    build(corpus[:3], out, progress=False)
    assert len(drawn) == 1 and page(out) != page(built)


def test_the_code_digest_covers_every_module_that_draws_the_page():
    import ast

    import exports.view_state
    here = Path(exports.view_state.__file__).parent
    drawing = {"html_view.py"} | {f"{node.module}.py" for node in ast.walk(ast.parse((here / "html_view.py").read_text()))
                                  if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module}
    assert drawing <= set(exports.view_state._VIEW_MODULES)
