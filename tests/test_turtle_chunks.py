"""graph.ttl written from chunks (issue 13): after any sequence of builds, removes and merges it is the
graph a full dump of the store gives, only the chunks that changed are written, and any doubt about the
chunks gives a full rewrite."""
from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

import graph.assemble
import graph.tallies
import graph.turtle_chunks as chunks
from exports.build import build
from exports.cli import main
from fault_helpers import turtle_triples, write_tiny_corpus
from graph import iris
from graph.descriptions import loadable
from graph.loaded_turtle import LoadedTurtle
from graph.store import GraphStore
from graph.turtle_chunks import CHUNKS_DIR, MANIFEST, TURTLE_GRAPH, forget_chunks, write_turtle

ID = "https://w3id.org/diplograph/id/"
DG, PROV, SCHEMA = "https://w3id.org/diplograph/ns#", "http://www.w3.org/ns/prov#", "https://schema.org/"
TYPE, DATE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://www.w3.org/2001/XMLSchema#date"
PEOPLE = [f"{ID}person/chunk-test-{n}" for n in range(3)]
SEQUENCE_STEPS, SEED = 30, 1313


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(chunks, "CHUNK_ARTICLES", 4)     # many chunks out of a few articles


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    return write_tiny_corpus(24, tmp_path_factory.mktemp("tiny"), per_file=6, seed=7)


def call(article_id: str, pair: tuple[str, str], *, day: str | None, published: str = "2024-03-05") -> bytes:
    """An article of one phone call between the pair: on `day`, or undated (a report the merges may join to the
    one dated call of the pair in the days before `published`)."""
    article, event = f"{ID}article/{article_id}", f"{ID}interaction/chunk-test-{article_id}"
    if day:
        event = f"{ID}interaction/chunk-test-{pair[0][-1]}{pair[1][-1]}-{day}"    # one dated call, many reports
    lines = [f"<{event}> <{TYPE}> <{DG}Interaction>", f"<{event}> <{TYPE}> <{DG}PhoneCall>",
             *(f"<{event}> <{DG}participant> <{who}>" for who in pair), f"<{event}> <{PROV}wasDerivedFrom> <{article}>",
             f"<{article}> <{TYPE}> <{SCHEMA}NewsArticle>", f'<{article}> <{SCHEMA}datePublished> "{published}"^^<{DATE}>']
    if day:
        lines.append(f'<{event}> <{DG}date> "{day}"^^<{DATE}>')
    return "".join(f"{line} .\n" for line in lines).encode()


def full_dump(store: GraphStore, folder: Path) -> set[str]:
    store.dump(folder / "full.ttl", "ttl")
    return turtle_triples(folder / "full.ttl")


def test_any_sequence_of_builds_removes_and_merges_gives_the_full_dump(tmp_path, corpus):
    # Random steps on one store: build corpus files, remove some of their articles, add calls dated and
    # undated (which merge and unmerge as the dated calls come and go), remove those. After each step
    # graph.ttl, written from the chunks, is the graph of a full dump of the store.
    rng, out = random.Random(SEED), tmp_path / "out"
    synthetic: list[str] = []
    merges: list[int] = []      # merges recorded after each step
    for step in range(SEQUENCE_STEPS):
        choice = rng.random()
        if choice < 0.3 or not out.is_dir():
            assert build(rng.sample(corpus, rng.randint(1, 2)), out, progress=False).ok
            continue_with_store = False
        elif choice < 0.45:
            with GraphStore(out, read_only=True) as store:
                built = [g.rsplit("/", 1)[-1] for g in store.article_graphs() if g.rsplit("/", 1)[-1] not in synthetic]
            if built:
                assert main(["remove", str(out), *rng.sample(built, min(len(built), rng.randint(1, 3))), "-q"]) == 0
            continue_with_store = False
        else:
            continue_with_store = True
        with GraphStore(out) as store, LoadedTurtle(out) as loaded:
            if continue_with_store:
                if synthetic and rng.random() < 0.3:
                    gone = synthetic.pop(rng.randrange(len(synthetic)))
                    assert store.remove_article(gone)
                else:
                    article_id = f"{step:020x}"
                    pair = tuple(sorted(rng.sample(PEOPLE, 2)))
                    day = rng.choice([None, None, "2024-02-20", "2024-03-04", "2024-03-10"])
                    published = rng.choice(["2024-03-05", "2024-03-11"])    # a window holds one of the days
                    article = loadable(article_id, call(article_id, pair, day=day, published=published), with_turtle=True)
                    store.add_articles([article])
                    # as a build does: the new graph's chunk from the Turtle extraction wrote, unless a merge
                    # renamed a node in it since
                    loaded.add([(str(iris.graph_iri(article_id)), article.turtle)])
                    synthetic.append(article_id)
                store.reconcile()
                write_turtle(store, out / "graph.ttl", loaded)
            merges.append(len(list(store.query("SELECT * WHERE { ?event dg:mergedFrom ?report }"))))
            assert turtle_triples(out / "graph.ttl") == full_dump(store, tmp_path), f"step {step}"
    steps = list(zip(merges, merges[1:]))
    assert any(b > a for a, b in steps) and any(b < a for a, b in steps), merges    # merges came and went


def test_a_user_parse_with_rdflib_is_isomorphic_to_the_full_dump(tmp_path, corpus):
    out = tmp_path / "out"
    assert build(corpus[:2], out, progress=False).ok
    assert build(corpus[2:3], out, progress=False).ok
    with GraphStore(out, read_only=True) as store:
        store.dump(tmp_path / "full.ttl", "ttl")
    assert len(list((out / CHUNKS_DIR).glob("*.ttl"))) > 2
    assert isomorphic(Graph().parse(out / "graph.ttl", format="turtle"), Graph().parse(tmp_path / "full.ttl", format="turtle"))


def written_chunks(monkeypatch) -> list[int]:
    """How many graphs each chunk written from now on holds (the derived chunk too)."""
    sizes: list[int] = []
    original = chunks._write_chunk

    def counting(store, path, graphs):
        sizes.append(len(graphs))
        return original(store, path, graphs)

    monkeypatch.setattr(chunks, "_write_chunk", counting)
    return sizes


@pytest.mark.parametrize("days, read_from_store", [
    (("2024-03-04", "2024-03-10"), []),          # two dated calls: their chunk is the Turtle extraction wrote
    (("2024-03-04", None), [2]),                 # the undated one merges into the dated: read from the store
])
def test_a_chunk_of_graphs_a_build_loaded_is_their_turtle_unless_a_merge_renamed_them(tmp_path, monkeypatch, days,
                                                                                     read_from_store):
    out = tmp_path / "out"
    articles = [loadable(f"{n:020x}", call(f"{n:020x}", (PEOPLE[0], PEOPLE[1]), day=day), with_turtle=True)
                for n, day in enumerate(days)]
    sizes = written_chunks(monkeypatch)
    with GraphStore(out) as store, LoadedTurtle(out) as loaded:
        store.add_articles(articles)
        loaded.add([(str(iris.graph_iri(a.id)), a.turtle) for a in articles])
        store.reconcile()
        merged = list(store.query("SELECT * WHERE { ?event dg:mergedFrom ?report }"))
        write_turtle(store, out / "graph.ttl", loaded)
        assert len(merged) == (None in days)
        assert sizes[:-1] == read_from_store        # the last is the derived chunk's, always read
        assert turtle_triples(out / "graph.ttl") == full_dump(store, tmp_path)


def test_an_add_writes_the_last_chunk_and_the_new_ones_only(tmp_path, corpus, monkeypatch):
    out = tmp_path / "out"
    assert build(corpus[:3], out, progress=False).ok        # 18 articles: chunks of 4, 4, 4, 4, 2
    sizes = written_chunks(monkeypatch)
    with GraphStore(out) as store:
        report = write_turtle(store, out / "graph.ttl")
        assert (report.full, report.written, report.kept, sizes) == (False, 0, 5, [])    # nothing changed
        store.add_articles([(f"{n:020x}", call(f"{n:020x}", (PEOPLE[0], PEOPLE[1]), day="2024-03-01")) for n in range(3)])
        store.reconcile()      # the tallies counted again, the same: these people hold no office, say nothing
        report = write_turtle(store, out / "graph.ttl")
        assert (report.written, report.kept) == (2, 4)     # the last chunk filled and a new one
        assert sizes == [4, 1]                               # the derived chunk kept, its tallies unchanged
        assert turtle_triples(out / "graph.ttl") == full_dump(store, tmp_path)


@pytest.mark.parametrize("edit", [None, "appended", "same size, later", "deleted"])
def test_a_write_with_nothing_changed_copies_nothing_unless_graph_ttl_was_touched(tmp_path, corpus, edit):
    out = tmp_path / "out"
    assert build(corpus[:2], out, progress=False).ok
    ttl = out / "graph.ttl"
    if edit == "appended":
        ttl.write_bytes(ttl.read_bytes() + b"# a note\n")
    elif edit == "same size, later":
        time.sleep(0.01)
        data = bytearray(ttl.read_bytes())
        data[-2:] = b"#\n"
        ttl.write_bytes(bytes(data))
    elif edit == "deleted":
        ttl.unlink()
    before = ttl.stat() if ttl.exists() else None
    with GraphStore(out) as store:
        report = write_turtle(store, ttl)
        assert (report.full, report.written) == (False, 0)
        assert turtle_triples(ttl) == full_dump(store, tmp_path)
    after = ttl.stat()
    kept = before is not None and (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert kept == (edit is None)


def test_a_write_after_no_change_lists_no_graph(tmp_path, corpus, monkeypatch):
    # No mark at all and graph.ttl as the manifest made it: nothing to look for (listing the graphs
    # is half a second at 100,000 articles).
    out = tmp_path / "out"
    assert build(corpus[:2], out, progress=False).ok
    before = (out / "graph.ttl").read_bytes()
    monkeypatch.setattr(GraphStore, "graph_names", lambda self: pytest.fail("the graphs were listed"))
    with GraphStore(out) as store:
        report = write_turtle(store, out / "graph.ttl")
    assert (report.full, report.written, report.previous_digest) == (False, 0, report.digest)
    assert (out / "graph.ttl").read_bytes() == before


def test_adds_and_removes_list_no_graph_the_marks_name_them(tmp_path, corpus, monkeypatch):
    # Every load and removal marks its graphs: the next write finds them from the marks and the manifest,
    # without listing the store's graphs (0.7 s at 100,000 articles), and graph.ttl is still the full dump.
    out = tmp_path / "out"
    assert build(corpus[:2], out, progress=False).ok
    listing = GraphStore.graph_names
    with GraphStore(out) as store:
        for step, article_id in enumerate(f"{n:020x}" for n in range(4)):
            store.add_articles([(article_id, call(article_id, (PEOPLE[0], PEOPLE[2]), day=f"2024-03-0{step + 1}"))])
            if step % 2:
                assert store.remove_article(article_id) and store.remove_article(store.article_graphs()[0].rsplit("/", 1)[-1])
            store.reconcile()
            monkeypatch.setattr(GraphStore, "graph_names", lambda self: pytest.fail("the graphs were listed"))
            write_turtle(store, out / "graph.ttl")
            monkeypatch.setattr(GraphStore, "graph_names", listing)
            assert turtle_triples(out / "graph.ttl") == full_dump(store, tmp_path), f"step {step}"
            manifest = json.loads((out / CHUNKS_DIR / MANIFEST).read_text(encoding="utf-8"))
            assert sorted(g for c in manifest["chunks"] for g in c["graphs"]) == store.article_graphs(), f"step {step}"


def test_an_update_through_the_store_is_looked_for_at_the_next_write(tmp_path, corpus):
    # An update that marks no graph (a user's, through GraphStore.update) still has the chunks checked.
    out = tmp_path / "out"
    assert build(corpus[:2], out, progress=False).ok
    tally = f"<{graph.tallies.TALLY_GRAPH}>"
    with GraphStore(out) as store:
        store.update(f"INSERT DATA {{ GRAPH {tally} {{ <https://example.org/t> <https://example.org/p> 1 }} }} ;"
                     " INSERT DATA { <https://example.org/t> <https://example.org/p> 1 }")
        write_turtle(store, out / "graph.ttl")
        assert turtle_triples(out / "graph.ttl") == full_dump(store, tmp_path)
        assert any("example.org/t" in triple for triple in turtle_triples(out / "graph.ttl"))


def test_tallies_that_moved_patch_the_derived_chunk_without_reading_it_whole(tmp_path, corpus, monkeypatch):
    # An add that moves tallies marks their nodes: the derived chunk is the old one with those nodes' triples
    # read again, and graph.ttl is still the full dump; a removal the same.
    out = tmp_path / "out"
    assert build(corpus[:2], out, progress=False).ok
    sizes = written_chunks(monkeypatch)
    patched: list[bool] = []
    original = chunks._patched_derived

    def recording(*args):
        patched.append((result := original(*args)) is not None)
        return result

    monkeypatch.setattr(chunks, "_patched_derived", recording)
    before = {t for t in turtle_triples(out / "graph.ttl") if "/tally/" in t}
    assert build(corpus[2:4], out, progress=False).ok
    with GraphStore(out) as store:
        assert turtle_triples(out / "graph.ttl") == full_dump(store, tmp_path)
        assert {t for t in turtle_triples(out / "graph.ttl") if "/tally/" in t} != before     # tallies moved
        derived = len([g for g in store.graph_names() if g.startswith(f"{ID}graph/")])
        store.remove_article(store.article_graphs()[-1].rsplit("/", 1)[-1])
        store.reconcile()
        write_turtle(store, out / "graph.ttl")
        assert turtle_triples(out / "graph.ttl") == full_dump(store, tmp_path)
    assert patched == [True, True] and derived not in sizes      # never the derived graphs read whole


SUBJECTS = [f"{ID}tally/contacts/lb/2015-01", f"{ID}topic/gaza-war", "https://example.org/other place", f"{ID}tally/topic/ab"]
LITERALS = [ox.Literal("two\nlines . end"), ox.Literal("x ;", language="en"), ox.Literal("7", datatype=ox.NamedNode(
    "http://www.w3.org/2001/XMLSchema#integer")), ox.NamedNode(f"{ID}person/someone")]


@pytest.mark.parametrize("seed", range(6))
def test_the_derived_chunk_splits_into_one_block_per_run_of_a_subject(seed):
    # The patch handles the chunk as text: each block it finds must hold exactly the triples of the
    # subject it names, whatever the predicates, objects and line breaks inside literals.
    rng = random.Random(seed)
    triples = [ox.Triple(ox.NamedNode(rng.choice(SUBJECTS).replace(" ", "_")),
                         ox.NamedNode(f"{DG}{rng.choice(['count', 'month', 'person'])}"), rng.choice(LITERALS))
               for _ in range(rng.randint(1, 30))]
    if seed % 2:
        triples.sort(key=str)    # sorted: one block per subject, several lines each
    text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=graph.assemble.PREFIXES)
    header = chunks.prefix_header()
    assert text.startswith(header)
    found: dict[bytes, set] = {}
    for token, block in chunks._blocks(text[len(header):]):
        found.setdefault(token, set()).update(ox.parse(header + block, format=ox.RdfFormat.TURTLE))
    tokens = {node: next(iter(chunks._subject_tokens([node]))) for node in {t.subject.value for t in triples}}
    assert {token: {(q.subject, q.predicate, q.object) for q in quads} for token, quads in found.items()} == {
        tokens[node]: {(t.subject, t.predicate, t.object) for t in set(triples) if t.subject.value == node} for node in tokens}
    assert chunks._subject_tokens(sorted(tokens)) == set(tokens.values())


def test_a_derived_chunk_that_cannot_be_patched_is_read_whole(tmp_path, corpus, monkeypatch):
    # A patch that does not give as many triples as the derived graphs hold (a change no mark names)
    # is not trusted: the chunk is read from the graphs.
    out = tmp_path / "out"
    assert build(corpus[:2], out, progress=False).ok
    with GraphStore(out) as store:
        triple = ox.Triple(ox.NamedNode(f"{ID}tally/unmarked"), ox.NamedNode(f"{DG}count"), ox.Literal("1"))
        store.update_union(f"INSERT DATA {{ GRAPH <{graph.tallies.TALLY_GRAPH}> {{ {triple} }} }} ;"
                           f" INSERT DATA {{ {triple} }}", {triple})      # measured, but marking nothing
    assert build(corpus[2:4], out, progress=False).ok
    with GraphStore(out) as store:
        assert turtle_triples(out / "graph.ttl") == full_dump(store, tmp_path)
        assert any("tally/unmarked" in t for t in turtle_triples(out / "graph.ttl"))


def damage_manifest(out: Path) -> None:
    (out / CHUNKS_DIR / MANIFEST).write_text("{not json", encoding="utf-8")


def other_format(out: Path) -> None:
    manifest = out / CHUNKS_DIR / MANIFEST
    manifest.write_text(json.dumps({**json.loads(manifest.read_text(encoding="utf-8")), "format": 0}), encoding="utf-8")


def chunk_missing(out: Path) -> None:
    sorted((out / CHUNKS_DIR).glob("*.ttl"))[0].unlink()


def chunk_truncated(out: Path) -> None:
    first = sorted((out / CHUNKS_DIR).glob("*.ttl"))[0]
    first.write_bytes(first.read_bytes()[:100])


def other_store(out: Path) -> None:
    with GraphStore(out) as store:
        store.update(f"DROP GRAPH <{TURTLE_GRAPH}>")    # an older store, or one copied in from elsewhere


@pytest.mark.parametrize("damage", [damage_manifest, other_format, chunk_missing, chunk_truncated, other_store,
                                    forget_chunks])     # forget_chunks: what `serve --writable` does first
def test_any_doubt_about_the_chunks_writes_them_all_again(tmp_path, corpus, damage):
    out = tmp_path / "out"
    assert build(corpus[:2], out, progress=False).ok
    damage(out)
    with GraphStore(out) as store:
        store.remove_article(store.article_graphs()[0].rsplit("/", 1)[-1])
        store.reconcile()
        report = write_turtle(store, out / "graph.ttl")
        assert report.full and report.kept == 0
        assert turtle_triples(out / "graph.ttl") == full_dump(store, tmp_path)
        assert not write_turtle(store, out / "graph.ttl").full     # and the next one trusts them again


@pytest.mark.parametrize("failing", ["write_atomically", "_clear_marks", "_concatenate"])
def test_a_build_stopped_while_writing_the_chunks_leaves_the_next_one_right(tmp_path, corpus, monkeypatch, failing):
    # Stopped before the manifest (the marks still name the changed graphs), or after it and before the marks
    # are cleared: the next write is the full dump's graph, whatever the chunks on disk.
    out = tmp_path / "out"
    assert build(corpus[:2], out, progress=False).ok
    with GraphStore(out) as store:
        gone = store.article_graphs()[1].rsplit("/", 1)[-1]
        store.remove_article(gone)
        store.add_articles([("f" * 20, call("f" * 20, (PEOPLE[0], PEOPLE[2]), day="2024-03-02"))])
        store.reconcile()
        with monkeypatch.context() as patched:
            patched.setattr(chunks, failing, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
            with pytest.raises(KeyboardInterrupt):
                write_turtle(store, out / "graph.ttl")
    assert build(corpus[:2], out, progress=False).ok
    with GraphStore(out, read_only=True) as store:
        assert turtle_triples(out / "graph.ttl") == full_dump(store, tmp_path)


def test_the_chunks_bookkeeping_stays_out_of_the_graph_and_the_exports(tmp_path, corpus):
    out = tmp_path / "out"
    assert build(corpus[:1], out, progress=False).ok
    assert str(TURTLE_GRAPH) not in (out / "graph.ttl").read_text(encoding="utf-8")
    assert main(["export", str(out), "--format", "nq", "--out", str(tmp_path / "graph.nq")]) == 0
    assert str(TURTLE_GRAPH) not in (tmp_path / "graph.nq").read_text(encoding="utf-8")
    with GraphStore(out, read_only=True) as store:
        assert not list(store.store.quads_for_pattern(ox.NamedNode(str(TURTLE_GRAPH)), None, None, ox.DefaultGraph()))


@pytest.mark.parametrize("sendfile", ["works", "fails at once", "fails half way", "missing"])
def test_graph_ttl_is_every_chunk_end_to_end_however_the_copy_goes(tmp_path, monkeypatch, sendfile):
    folder = tmp_path / "chunks"
    folder.mkdir()
    parts = [b"a" * 70_000, b"", b"b\n" * 5, b"c" * 3]
    for n, data in enumerate(parts):
        (folder / f"{n}.ttl").write_bytes(data)
    real = getattr(chunks.os, "sendfile", None)

    def half_way(out_fd, in_fd, offset, count):
        if offset == 0 and count > 1:
            return real(out_fd, in_fd, offset, count // 2)
        raise OSError("not for these files")

    if sendfile == "fails at once":
        monkeypatch.setattr(chunks.os, "sendfile", lambda *args: (_ for _ in ()).throw(OSError("no")))
    elif sendfile == "fails half way":
        monkeypatch.setattr(chunks.os, "sendfile", half_way)
    elif sendfile == "missing":
        monkeypatch.delattr(chunks.os, "sendfile", raising=False)
    listed = [chunks.Chunk(f"{n}.ttl", len(data), {}) for n, data in enumerate(parts)]
    chunks._concatenate(folder, listed, tmp_path / "graph.ttl")
    assert (tmp_path / "graph.ttl").read_bytes() == b"".join(parts)


@pytest.mark.parametrize("per_update", [1, 3, 10_000])
def test_the_marks_a_manifest_accounts_for_are_all_cleared_in_steps(tmp_path, corpus, monkeypatch, per_update):
    monkeypatch.setattr(chunks, "MARKS_PER_UPDATE", per_update)
    out = tmp_path / "out"
    assert build(corpus[:2], out, progress=False).ok
    with GraphStore(out) as store:
        token, changed, nodes = chunks._bookkeeping(store)
        assert token and not changed and not nodes
        report = write_turtle(store, out / "graph.ttl")
        assert (report.written, report.full) == (0, False)      # nothing marked: nothing written
