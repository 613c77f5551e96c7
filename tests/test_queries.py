"""Named queries: expected rows on our own three-article fixture (tests/fixtures/queries), and the
fast ones checked against their plain definitions on a varied corpus."""
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from exports.cli import main
from graph import sparql
from graph.store import GraphStore
from graph.tallies import TALLY_GRAPH
from graph.vocab import DG

EXPECTED = {
    ("most-contacted", ()): [
        ["name", "contacts", "partners"],
        ["Abbas Araghchi", "2", "2"], ["Hakan Fidan", "2", "2"], ["Sergey Lavrov", "2", "2"]],
    ("who-spoke-with", ("person=Fidan",)): [
        ["name", "spoke_with", "contacts", "first", "last"],
        ["Hakan Fidan", "Abbas Araghchi", "1", "2025-01-10", "2025-01-10"],
        ["Hakan Fidan", "Sergey Lavrov", "1", "2024-03-01", "2024-03-01"]],
    ("who-spoke-with", ("person=لافروف",)): [
        ["name", "spoke_with", "contacts", "first", "last"],
        ["Sergey Lavrov", "Abbas Araghchi", "1", "2025-04-18", "2025-04-18"],
        ["Sergey Lavrov", "Hakan Fidan", "1", "2024-03-01", "2024-03-01"]],
    ("pair-timeline", ("a=Lavrov", "b=عراقچی")): [
        ["day", "kind", "place", "sources"],
        ["2025-04-18", "meeting", "Moscow", "1"]],
    ("contacts-per-country-month", ()): [
        ["country", "month", "contacts"],
        ["RU", "2024-03", "1"], ["TR", "2024-03", "1"], ["IR", "2025-01", "1"],
        ["TR", "2025-01", "1"], ["IR", "2025-04", "1"], ["RU", "2025-04", "1"]],
}


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    from conftest import ROOT
    out = tmp_path_factory.mktemp("queries")
    assert main(["build", str(ROOT / "tests" / "fixtures" / "queries"), "--out", str(out), "-q"]) == 0
    return out


@pytest.mark.parametrize(("name", "params"), list(EXPECTED))
def test_named_query_rows(store_dir, capsys, name, params):
    args = ["query", str(store_dir), "--named", name, "--format", "tsv"]
    for param in params:
        args += ["--param", param]
    assert main(args) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    width = len(EXPECTED[(name, params)][0])
    assert [row[:width] for row in rows] == EXPECTED[(name, params)]


def test_topics_by_minister(store_dir, capsys):
    assert main(["query", str(store_dir), "--named", "topics-by-minister", "--format", "tsv"]) == 0
    rows = {tuple(line.split("\t")) for line in capsys.readouterr().out.splitlines()[1:]}
    assert ("Sergey Lavrov", "Ceasefire", "1") in rows
    assert ("Abbas Araghchi", "Syrian crisis", "1") in rows
    assert ("Hakan Fidan", "Syrian crisis", "1") in rows


@pytest.mark.parametrize(("fmt", "first_line"), [("csv", "name,contacts,partners"), ("json", "{")])
def test_output_formats(store_dir, capsys, fmt, first_line):
    assert main(["query", str(store_dir), "--named", "most-contacted", "--format", fmt]) == 0
    assert capsys.readouterr().out.splitlines()[0] == first_line


@pytest.mark.parametrize(("args", "message"), [
    (["--named", "nope"], "no named query 'nope'"),
    (["--named", "pair-timeline", "--param", "a=X"], "missing b"),
    (["SELEC nothing"], "not valid SPARQL"),
    ([], "give exactly one of"),
])
def test_query_mistakes_are_explained(store_dir, capsys, args, message):
    assert main(["query", str(store_dir), *args]) == 2
    assert message in capsys.readouterr().err


def test_a_parameter_cannot_change_the_query(store_dir, capsys):
    assert main(["query", str(store_dir), "--named", "who-spoke-with", "--param",
                 'person=x")) } } DELETE WHERE { ?s ?p ?o } #', "--format", "tsv"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == []


# ---- the fast named queries answer what their plain definitions answer ------------------------------
# tests/fixtures/reference-queries holds each aggregate query as first written: joins over every
# interaction and statement, exact but slow on a big store. The named queries read the tallies a build
# writes (graph/tallies.py) or count triples of the union; on a varied corpus both must agree, after
# a build, after a second build into the same folder and after articles are removed.
REFERENCE = Path(__file__).parent / "fixtures" / "reference-queries"
PEOPLE = {"person": "Lavrov", "a": "Lavrov", "b": "Araghchi"}


def _most_contacted(store: GraphStore) -> dict[str, str]:
    """The corpus draws its people at random from the whole gazetteer: ask about the one with most contacts."""
    rows = sparql.run_named(store, "most-contacted", {}).rows
    return {"person": rows[0][0], "a": rows[0][0], "b": rows[1][0]} if len(rows) > 1 else PEOPLE


def _agree(directory: Path) -> int:
    compared = 0
    with GraphStore(directory, read_only=True) as store:
        people = _most_contacted(store)
        for path in sorted(REFERENCE.glob("*.rq")):
            params = {name: people[name] for name in sparql.named_queries()[path.stem].params}
            fast = sparql.run_named(store, path.stem, params)
            plain = sparql.run(store, path.read_text(encoding="utf-8"), params)
            assert fast.rows == plain.rows, path.stem
            assert plain.rows, f"{path.stem}: nothing to compare"
            compared += 1
    return compared


def _rows(directory: Path, name: str) -> list[list[str | None]]:
    with GraphStore(directory, read_only=True) as store:
        return sparql.run_named(store, name, {}).rows


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import write_corpus
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(150, folder, seed=11)
    return folder


def test_fast_queries_agree_with_their_definitions(synthetic, tmp_path):
    files = sorted(p for p in synthetic.iterdir() if p.suffix != ".jsonl")
    out = tmp_path / "out"
    assert main(["build", *map(str, files[:40]), "--out", str(out), "-q"]) == 0
    assert _agree(out) == 4
    assert main(["build", str(synthetic), "--out", str(out), "-q"]) == 0   # the rest, added to the store
    assert _agree(out) == 4
    before = _rows(out, "topics-by-minister")
    assert main(["remove", str(out), *map(str, files[:25]), "-q"]) == 0
    assert _agree(out) == 4
    assert _rows(out, "topics-by-minister") != before


def test_tallies_are_a_graph_of_their_own(synthetic, tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(synthetic), "--out", str(out), "-q"]) == 0
    with GraphStore(out, read_only=True) as store:
        assert str(TALLY_GRAPH) not in store.article_graphs()
        kinds = {row["kind"].value for row in store.query(
            f"SELECT DISTINCT ?kind WHERE {{ GRAPH <{TALLY_GRAPH}> {{ ?tally a ?kind }} }}")}
    assert kinds == {str(DG.TopicTally), str(DG.ContactTally)}
