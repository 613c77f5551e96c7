"""Builds that cost what they add (issue 13): files built before are skipped before extraction, and what
a sequence of builds and removes leaves equals one build of the same articles from scratch."""
from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

import exports.executors
import graph.store
import graph.tallies
from exports.build import build
from exports.cli import main
from fault_helpers import turtle_triples, write_tiny_corpus
from graph import iris
from graph.descriptions import LoadableArticle
from graph.pending_tallies import read_pending
from graph.sources import SOURCES_GRAPH
from graph.store import COMPACTION_GRAPH, GraphStore
from graph.tallies import TALLY_GRAPH, counted_facts_changed, refresh_tallies
from graph.vocab import DG


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    return write_tiny_corpus(60, tmp_path_factory.mktemp("tiny"), per_file=20)


@pytest.fixture(scope="module")
def reference(tmp_path_factory, corpus) -> Path:
    out = tmp_path_factory.mktemp("reference")
    assert build(corpus, out, progress=False).ok
    return out


@pytest.fixture
def no_extraction(monkeypatch) -> list[str]:
    """Extraction that fails the test on any file it is given; returns the files it was asked for."""
    asked: list[str] = []

    def refuse(path, limits=None):
        asked.append(path)
        raise AssertionError(f"{path} was extracted again")

    monkeypatch.setattr(exports.executors, "extract_file", refuse)
    return asked


def recorded_graphs(directory: Path) -> set[str]:
    with GraphStore(directory, read_only=True) as store:
        return {row["g"].value for row in store.query(
            f"SELECT ?g WHERE {{ GRAPH <{SOURCES_GRAPH}> {{ ?file ?p ?g FILTER(isIRI(?g)) }} }}")}


def test_a_rebuild_of_an_unchanged_folder_extracts_nothing(tmp_path, corpus, reference, no_extraction):
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    report = build(corpus, out, progress=False)
    assert (report.added, report.already_present, report.unchanged_files) == (0, 60, 3)
    assert not no_extraction
    assert turtle_triples(out / "graph.ttl") == turtle_triples(reference / "graph.ttl")


def test_the_record_is_bookkeeping_outside_the_graph(reference):
    with GraphStore(reference, read_only=True) as store:
        assert recorded_graphs(reference) == set(store.article_graphs())
        assert not store.query(f"ASK {{ ?file ?p ?o FILTER(STRSTARTS(STR(?file), '{SOURCES_GRAPH}')) }}")
    assert str(SOURCES_GRAPH) not in (reference / "graph.ttl").read_text(encoding="utf-8")


def test_exports_and_validate_leave_the_record_out(tmp_path, reference, capsys):
    for kind in ("trig", "nq"):
        target = tmp_path / f"graph.{kind}"
        assert main(["export", str(reference), "--format", kind, "--out", str(target)]) == 0
        assert str(SOURCES_GRAPH) not in target.read_text(encoding="utf-8")
    assert main(["validate", str(reference)]) == 0
    assert "the union and the article graphs agree" in capsys.readouterr().out


def test_the_same_text_in_other_bytes_is_read_but_not_added_twice(tmp_path, corpus, reference):
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    first = json.loads(Path(corpus[0]).read_text(encoding="utf-8").splitlines()[0])
    again = tmp_path / "again.txt"
    again.write_text(first["text"] + "\n\n", encoding="utf-8")   # the text of a built article, in a .txt file
    report = build([str(again)], out, progress=False)
    assert (report.added, report.already_present, report.unchanged_files) == (0, 1, 0)
    assert build([str(again)], out, progress=False).unchanged_files == 1     # now its bytes are known too
    assert turtle_triples(out / "graph.ttl") == turtle_triples(reference / "graph.ttl")


def test_a_copy_of_a_built_file_elsewhere_is_skipped(tmp_path, corpus, reference, no_extraction):
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    copy = tmp_path / "copy.jsonl"
    shutil.copyfile(corpus[1], copy)
    report = build([str(copy)], out, progress=False)
    assert (report.added, report.already_present, report.unchanged_files) == (0, 20, 1)


def test_a_removed_article_is_forgotten_by_the_record_and_built_again(tmp_path, corpus, reference, capsys):
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    assert main(["remove", str(out), f"{corpus[1]}:3", "-q"]) == 0
    with GraphStore(out, read_only=True) as store:
        graphs = set(store.article_graphs())
    assert len(graphs) == 59
    assert recorded_graphs(out) <= graphs      # the file that gave it is forgotten, not half remembered
    report = build(corpus, out, progress=False)
    assert (report.added, report.already_present, report.unchanged_files) == (1, 59, 2)
    assert turtle_triples(out / "graph.ttl") == turtle_triples(reference / "graph.ttl")
    assert recorded_graphs(out) == recorded_graphs(reference)


def test_a_file_with_a_problem_is_read_again_and_reported_again(tmp_path, corpus):
    broken = tmp_path / "broken.jsonl"
    broken.write_text(Path(corpus[0]).read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    out = tmp_path / "out"
    first = build([str(broken)], out, progress=False)
    again = build([str(broken)], out, progress=False)
    assert (first.added, len(first.problems)) == (20, 1)
    assert (again.added, again.already_present, again.unchanged_files, len(again.problems)) == (0, 20, 0, 1)


def test_a_record_whose_articles_left_the_store_does_not_skip(tmp_path, corpus, reference):
    # A store whose record outlived an article (as a kill between the two could leave it): the file is read again.
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    with GraphStore(out) as store:
        graph = sorted(recorded_graphs(out))[0]
        store.update(f"DROP GRAPH <{graph}>")
        store.update(f"DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }}")
    report = build(corpus, out, progress=False)
    assert (report.added, report.unchanged_files) == (1, 2)
    assert turtle_triples(out / "graph.ttl") == turtle_triples(reference / "graph.ttl")


# ---- tallies recounted where articles touch them ----------------------------------------------------

def tally_triples_of(directory: Path) -> set[str]:
    with GraphStore(directory, read_only=True) as store:
        return {str(q.triple) for q in store.store.quads_for_pattern(None, None, None, ox.NamedNode(str(TALLY_GRAPH)))}


def test_tallies_of_added_articles_are_recounted_where_they_touch(tmp_path, corpus, reference, monkeypatch):
    out = tmp_path / "out"
    assert build(corpus[:2], out, progress=False).ok
    with monkeypatch.context() as patched:
        patched.setattr(graph.tallies, "refresh_tallies", lambda store: pytest.fail("counted from scratch"))
        assert build(corpus[2:], out, progress=False).added == 20
    assert tally_triples_of(out) == tally_triples_of(reference)
    assert turtle_triples(out / "graph.ttl") == turtle_triples(reference / "graph.ttl")


def test_tallies_after_a_remove_equal_a_count_from_scratch(tmp_path, corpus, monkeypatch):
    out, scratch = tmp_path / "out", tmp_path / "scratch"
    assert build(corpus, out, progress=False).ok
    with monkeypatch.context() as patched:
        patched.setattr(graph.tallies, "refresh_tallies", lambda store: pytest.fail("counted from scratch"))
        assert main(["remove", str(out), f"{corpus[0]}:1", f"{corpus[2]}:5", "-q"]) == 0
    kept = tmp_path / "kept"
    kept.mkdir()
    for number, file in enumerate(corpus):
        lines = Path(file).read_text(encoding="utf-8").splitlines()
        dropped = {0: 1, 2: 5}.get(number)
        (kept / Path(file).name).write_text("".join((line if index != dropped else "") + "\n"   # keeps line numbers
                                                    for index, line in enumerate(lines, start=1)), encoding="utf-8")
    assert build(sorted(str(path) for path in kept.iterdir()), scratch, progress=False).added == 58
    assert tally_triples_of(out) == tally_triples_of(scratch)
    assert stored(out) == stored(scratch, (str(kept), str(Path(corpus[0]).parent)))


def test_an_office_that_changes_for_people_counted_before_counts_everything_again(tmp_path, corpus):
    # A gazetteer that gives a minister another term (an article built after the change carries it)
    # changes the months of that minister's earlier contacts too: the tallies are counted from scratch.
    out = tmp_path / "out"
    assert build(corpus, out, progress=False).ok
    with GraphStore(out) as store:
        (row,) = list(store.query("SELECT ?who WHERE { ?event dg:participant ?who ; dg:date ?day } LIMIT 1"))
        who = row["who"].value
        office = "https://w3id.org/diplograph/id/office/an-unheard-of-term"
        extra = (f"<{who}> <{DG.holds}> <{office}> .\n<{office}> <{DG.country}> <https://w3id.org/diplograph/id/country/zz> .\n"
                 f"<https://w3id.org/diplograph/id/country/zz> <{DG.countryCode}> \"ZZ\" .\n").encode()
        assert counted_facts_changed(store, []) is False
        store.add_articles([("0" * 20, extra)])
        assert read_pending(store.store).everything      # the new term is the gazetteer's: counted from scratch
        store.reconcile()
        recounted = tally_triples_of_store(store)
        refresh_tallies(store)
        assert tally_triples_of_store(store) == recounted
        assert any('"ZZ"' in triple for triple in recounted)


def tally_triples_of_store(store: GraphStore) -> set[str]:
    return {str(q.triple) for q in store.store.quads_for_pattern(None, None, None, ox.NamedNode(str(TALLY_GRAPH)))}


# ---- any sequence of builds and removes ---------------------------------------------------------------
SEQUENCES, STEPS_PER_SEQUENCE, PROPERTY_SEED = 3, 5, 1313


def stored(directory: Path, seen_as: tuple[str, str] = ("", "")) -> tuple[dict[str, frozenset[str]], set[str]]:
    """Every article graph's triples, and the union's; file names that start with seen_as[0] as if
    they started with seen_as[1]."""
    def named(triple: object) -> str:
        return str(triple).replace(*seen_as) if seen_as[0] else str(triple)

    graphs: dict[str, set[str]] = {}
    with GraphStore(directory, read_only=True) as store:
        wanted = set(store.article_graphs())
        for quad in store.store.quads_for_pattern(None, None, None, None):
            if getattr(quad.graph_name, "value", None) in wanted:
                graphs.setdefault(quad.graph_name.value, set()).add(named(quad.triple))
        union = {named(triple) for triple in store.union_triples()}
    return {graph: frozenset(triples) for graph, triples in graphs.items()}, union


def test_any_sequence_of_builds_and_removes_equals_one_build_from_scratch(tmp_path):
    # Files of a small corpus built in a random order, some twice, articles removed between builds (by
    # line, some or all of a file's): after each step, the store (article graphs, the union with its
    # merges and tallies) and graph.ttl are those of one build from scratch of the articles it should
    # hold: the same files with the removed lines left blank (a line keeps its number), in another folder.
    corpus = tmp_path / "corpus"
    files = write_tiny_corpus(48, corpus, per_file=8, seed=31)
    rng = random.Random(PROPERTY_SEED)
    for sequence in range(SEQUENCES):
        out = tmp_path / f"out-{sequence}"
        held: dict[str, set[int]] = {}        # file → its line numbers the store should hold
        for step in range(STEPS_PER_SEQUENCE):
            if held and rng.random() < 0.4:
                file = rng.choice(sorted(held))
                lines = sorted(held[file])
                gone = set(rng.sample(lines, rng.randint(1, len(lines)))) if lines else set()
                if gone:
                    assert main(["remove", str(out), *(f"{file}:{line}" for line in sorted(gone)), "-q"]) == 0
                held[file] -= gone
            else:
                chosen = rng.sample(files, rng.randint(1, 3))
                assert build(chosen, out, progress=False).ok
                for file in chosen:
                    held[file] = set(range(1, 9))
            scratch = tmp_path / f"scratch-{sequence}-{step}"
            wanted = scratch / "corpus"
            wanted.mkdir(parents=True)
            for file, lines in held.items():
                if lines:
                    text = Path(file).read_text(encoding="utf-8").splitlines()
                    (wanted / Path(file).name).write_text("".join(
                        (line if number in lines else "") + "\n" for number, line in enumerate(text, start=1)),
                        encoding="utf-8")
            if not any(wanted.iterdir()):
                continue
            assert build(sorted(str(path) for path in wanted.iterdir()), scratch / "out", progress=False).ok
            assert stored(out) == stored(scratch / "out", (str(wanted), str(corpus))), f"sequence {sequence}, step {step}"
            from_scratch = {t.replace(str(wanted), str(corpus)) for t in turtle_triples(scratch / "out" / "graph.ttl")}
            assert turtle_triples(out / "graph.ttl") == from_scratch


def test_the_store_is_compacted_only_once_it_has_grown(tmp_path, corpus, reference):
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    with GraphStore(out) as store:
        assert store.compact() is False          # the build that wrote it compacted it
        assert store.compact(always=True) is True
        store.update(f"DROP GRAPH <{COMPACTION_GRAPH}>")
        assert store.compact() is True           # a store that never said its size (an older one)
        assert store.compact() is False
    assert str(COMPACTION_GRAPH) not in (reference / "graph.ttl").read_text(encoding="utf-8")


# ---- nothing pending, nothing to reconcile -------------------------------------------------------------

def test_a_rebuild_with_nothing_pending_neither_merges_nor_counts(tmp_path, corpus, reference, monkeypatch):
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    passes: list[str] = []
    monkeypatch.setattr(graph.store, "merge_undated_reports", lambda store, pending=None: passes.append("merges") or 0)
    monkeypatch.setattr(graph.store, "update_tallies", lambda store: passes.append("tallies"))
    assert build(corpus, out, progress=False).added == 0
    assert passes == []
    assert main(["remove", str(out), f"{corpus[0]}:1", "-q"]) == 0
    assert passes == ["merges", "tallies"]     # a removal is pending work


def test_a_writable_serve_leaves_everything_to_merge_and_count_again(tmp_path, reference):
    from exports.serve import _mark_all_derived_stale
    from graph.pending_tallies import read_pending
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    with GraphStore(out, read_only=True) as store:
        assert read_pending(store.store).empty
    _mark_all_derived_stale(out)
    with GraphStore(out, read_only=True) as store:
        assert read_pending(store.store).everything
    _mark_all_derived_stale(tmp_path / "no store here")     # nothing created where there is no store
    assert not (tmp_path / "no store here").exists()


@pytest.mark.parametrize("whole_record_from", [0, 10**9])    # one pass over the record, or a lookup per key
def test_many_files_are_looked_up_as_one_file_at_a_time_would_be(tmp_path, corpus, reference, monkeypatch,
                                                                  whole_record_from):
    import graph.sources
    from graph.sources import file_key, known_outcome, known_outcomes
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    assert main(["remove", str(out), f"{corpus[1]}:2", "-q"]) == 0    # that file's record is forgotten
    monkeypatch.setattr(graph.sources, "WHOLE_RECORD_FROM", whole_record_from)
    keys = [file_key(file) for file in corpus] + ["0" * 32]             # and a key the record never had
    with GraphStore(out, read_only=True) as store:
        one_by_one = {key: outcome for key in keys if (outcome := known_outcome(store.store, key)) is not None}
        assert known_outcomes(store.store, keys) == one_by_one
    assert len(one_by_one) == len(corpus) - 1


# The definition _only_in scans for, as one SPARQL query: the counted facts these graphs hold and no other does.
ONLY_IN_REFERENCE = """SELECT DISTINCT ?s ?p WHERE {{
  VALUES ?g {{ {graphs} }}
  VALUES ?p {{ dg:holds dg:startDate dg:endDate dg:country dg:countryCode skos:broader }}
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other NOT IN ({listed})) }} }}"""


def test_the_facts_only_some_articles_hold_are_those_the_reference_query_finds(tmp_path, corpus, monkeypatch):
    from graph.tallies import _only_in
    out = tmp_path / "out"
    assert build(corpus, out, progress=False).ok
    with GraphStore(out) as store:
        (row,) = list(store.query("SELECT ?who WHERE { ?event dg:participant ?who ; dg:date ?day } LIMIT 1"))
        office = "https://w3id.org/diplograph/id/office/only-here"
        unique = (f"<{row['who'].value}> <{DG.holds}> <{office}> .\n"
                  f"<{office}> <{DG.startDate}> \"2001-01-01\"^^<http://www.w3.org/2001/XMLSchema#date> .\n").encode()
        # An article graph as an earlier version wrote it, its descriptions in it (graph/descriptions.py).
        store.add_articles([LoadableArticle("1" * 20, said=unique, described=b"")])
        graphs = store.article_graphs()
        rng = random.Random(7)
        for chosen in ([str(iris.graph_iri("1" * 20))], rng.sample(graphs, 5), rng.sample(graphs, 30), graphs):
            chosen = sorted(chosen)
            listed = ", ".join(f"<{graph}>" for graph in chosen)
            reference = {(r["s"].value, r["p"].value)
                         for r in store.query(ONLY_IN_REFERENCE.format(graphs=" ".join(f"<{g}>" for g in chosen),
                                                                       listed=listed))}
            assert {(s.value, p.value) for s, p in _only_in(store.store, chosen)} == reference
        assert {p.value for _, p in _only_in(store.store, [str(iris.graph_iri("1" * 20))])} == {str(DG.holds),
                                                                                                str(DG.startDate)}


# ---- undated merges weighed again only where the change touches -----------------------------------------
# Reports of three pairs: dated calls and meetings, and undated reports that join the one dated event
# in their window, or none when a second one is there (u_lavrov_fidan beside both February calls;
# u_fidan_araghchi once the April 9 meeting came); w_lavrov_araghchi has no publication date and
# names the day of the week its call fell on.
MERGE_POOL = {
    "d_lavrov_fidan_6": "Call of Lavrov and Fidan\nPublished: February 6, 2024\n"
                        "Sergey Lavrov spoke by phone today with Hakan Fidan about Syria.\n",
    "d_lavrov_fidan_5": "Lavrov and Fidan by phone\nPublished: February 5, 2024\n"
                        "Sergey Lavrov spoke by phone today with Hakan Fidan about Gaza.\n",
    "u_lavrov_fidan": "Phone talk of the two ministers\nPublished: February 7, 2024\n"
                      "Sergey Lavrov and Hakan Fidan held a telephone conversation, the ministry said.\n",
    "d_lavrov_araghchi": "Lavrov calls Araghchi\nPublished: March 3, 2025\n"
                         "Sergey Lavrov spoke by phone today with Abbas Araghchi about Yemen.\n",
    "u_lavrov_araghchi": "Russian and Iranian ministers talk\nPublished: March 4, 2025\n"
                         "Sergey Lavrov and Abbas Araghchi held a telephone conversation, the ministry said.\n",
    "w_lavrov_araghchi": "A call on Monday\n"
                         "Sergey Lavrov and Abbas Araghchi held a telephone conversation on Monday, the ministry said.\n",
    "d_fidan_araghchi_10": "Fidan receives Araghchi\nPublished: April 10, 2025\n"
                           "Hakan Fidan met Abbas Araghchi in Ankara today to discuss trade.\n",
    "d_fidan_araghchi_9": "Fidan and Araghchi in Istanbul\nPublished: April 9, 2025\n"
                          "Hakan Fidan met Abbas Araghchi in Istanbul today to discuss energy.\n",
    "u_fidan_araghchi": "Turkish and Iranian ministers meet\nPublished: April 11, 2025\n"
                        "Hakan Fidan and Abbas Araghchi held talks, the ministry said.\n",
}


def merged_reports(directory: Path) -> int:
    with GraphStore(directory, read_only=True) as store:
        return len(list(store.query("SELECT ?event ?report WHERE { GRAPH ?g { ?event dg:mergedFrom ?report } }")))


def test_merges_after_any_sequence_of_builds_and_removes_equal_those_of_one_build(tmp_path):
    pool = tmp_path / "pool"
    pool.mkdir()
    files = []
    for name, text in MERGE_POOL.items():
        (pool / f"{name}.txt").write_text(text, encoding="utf-8")
        files.append(str(pool / f"{name}.txt"))
    assert build(files, tmp_path / "all", progress=False).ok
    assert merged_reports(tmp_path / "all") == 2        # the test can see a merge: the pool makes some
    rng = random.Random(PROPERTY_SEED)
    for sequence in range(SEQUENCES):
        out, held = tmp_path / f"out-{sequence}", set()
        for step in range(2 * STEPS_PER_SEQUENCE):
            if held and rng.random() < 0.4:
                gone = rng.sample(sorted(held), rng.randint(1, min(2, len(held))))
                assert main(["remove", str(out), *gone, "-q"]) == 0
                held -= set(gone)
            else:
                chosen = rng.sample(files, rng.randint(1, 3))
                assert build(chosen, out, progress=False).ok
                held |= set(chosen)
            if not held:
                continue
            scratch = tmp_path / f"scratch-{sequence}-{step}"
            assert build(sorted(held), scratch, progress=False).ok
            assert stored(out) == stored(scratch), f"sequence {sequence}, step {step}"
            assert turtle_triples(out / "graph.ttl") == turtle_triples(scratch / "graph.ttl")
            shutil.rmtree(scratch)


def test_a_build_weighs_again_only_the_merges_of_the_people_it_touches(tmp_path, monkeypatch):
    pool = tmp_path / "pool"
    pool.mkdir()
    for name, text in MERGE_POOL.items():
        (pool / f"{name}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert build([str(pool / f"{name}.txt") for name in MERGE_POOL if "lavrov" in name], out, progress=False).ok
    weighed: list[str] = []
    real_query = GraphStore.query

    def query(store, sparql):
        if "FILTER NOT EXISTS { ?event dg:date ?any }" in sparql:
            weighed.append(sparql)
        return real_query(store, sparql)

    monkeypatch.setattr(GraphStore, "query", query)
    assert build([str(pool / "d_fidan_araghchi_10.txt")], out, progress=False).ok
    # Each weighing names the events it looks at, and those are events of Fidan's: none of Lavrov's alone.
    assert weighed and all("VALUES ?event" in text for text in weighed)
    named = {iri for text in weighed for iri in re.findall(r"<([^>]+/interaction/[^>]+)>", text)}
    assert named
    with GraphStore(out, read_only=True) as store:
        for event in named:
            people = {row["p"].value for row in real_query(store, f"SELECT ?p WHERE {{ <{event}> dg:participant ?p }}")}
            assert str(iris.person_iri("hakan-fidan")) in people, event
