"""Named queries: expected rows on our own three-article fixture (tests/fixtures/queries)."""
import pytest

from exports.cli import main

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


@pytest.mark.parametrize(("fmt", "first_line"), [("csv", "name,contacts,partners"), ("json", "[")])
def test_output_formats(store_dir, capsys, fmt, first_line):
    assert main(["query", str(store_dir), "--named", "most-contacted", "--format", fmt]) == 0
    assert capsys.readouterr().out.splitlines()[0] == first_line


@pytest.mark.parametrize(("args", "message"), [
    (["--named", "nope"], "no named query 'nope'"),
    (["--named", "pair-timeline", "--param", "a=X"], "missing b"),
    (["SELEC nothing"], "SPARQL syntax"),
    ([], "give exactly one of"),
])
def test_query_mistakes_are_explained(store_dir, capsys, args, message):
    assert main(["query", str(store_dir), *args]) == 2
    assert message in capsys.readouterr().err


def test_a_parameter_cannot_change_the_query(store_dir, capsys):
    assert main(["query", str(store_dir), "--named", "who-spoke-with", "--param",
                 'person=x")) } } DELETE WHERE { ?s ?p ?o } #', "--format", "tsv"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == []
