"""The HTML view as a file: self-contained, escaped, complete in every language. No browser needed."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from html import unescape
from pathlib import Path

import pytest
from browser_helpers import ID, Contact, contact_pairs, people_with_contacts, tiny_graph
from rdflib import Graph

from exports.cli import main
from exports.html_view import VIEW_LANGUAGES, build_network, render_model, render_view
from exports.view_model import Window, read_view_model
from extract.gazetteer import ROLES

ROOT = Path(__file__).resolve().parents[1]
EVIL = '</script><script>window.__pwned=1</script><!-- <img src=x onerror="window.__pwned=2">'
TWO_CONTACTS = [Contact("call", ("lavrov", "fidan"), "PhoneCall", "2020-01-10", ("sanctions",)),
                Contact("visit", ("lavrov", "safadi"), "Meeting", "2024-06-01", ("ceasefire",))]


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> tuple[Graph, str]:
    out = tmp_path_factory.mktemp("examples")
    assert main(["build", str(ROOT / "examples" / "articles"), "--out", str(out), "-q"]) == 0
    return Graph().parse(out / "graph.ttl"), (out / "graph.html").read_text(encoding="utf-8")


def _data(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert block, "no data block"
    return json.loads(block.group(1))


@pytest.mark.parametrize("what, pattern", [
    ("src or href to the web", r"""\b(?:src|href|action|poster)\s*=\s*["']?\s*(?:https?:)?//"""),
    ("CSS url() to the web", r"""url\(\s*["']?\s*(?:https?:)?//"""),
    ("CSS @import", r"@import\b"),
    ("external script", r"<script[^>]*\ssrc\s*="),
    ("link element", r"<link\b"),
    ("frame", r"<i?frame\b"),
])
def test_view_references_nothing_outside_the_file(examples, what, pattern):
    assert not re.search(pattern, examples[1], re.I), what


def test_content_security_policy_runs_only_the_pages_own_scripts(examples):
    html = examples[1]
    policy = unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 2   # vis-network and view.js; the data block is JSON, never run
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_strings_from_articles_cannot_leave_the_data_block():
    graph = tiny_graph([Contact("evil", ("lavrov", "fidan"), sentence=EVIL, headline=EVIL)])
    html = render_view(graph)
    assert EVIL not in html and "<img src=x" not in html and "window.__pwned=1</script>" not in html
    assert html.count("</script>") == 3   # the template's three: data, vis-network, view.js
    data = _data(html)   # still there, as data
    assert data["articles"][0]["headline"] == EVIL and data["interactions"][0]["say"] == [[EVIL, "en"]]


@pytest.mark.parametrize("sink", ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                                  "new Function", "setAttribute(\"on", "DOMParser", "createContextualFragment"])
def test_view_script_never_parses_data_as_html_or_code(sink):
    assert sink not in (ROOT / "exports" / "templates" / "view.js").read_text(encoding="utf-8")


def test_no_node_or_edge_has_a_title_for_pyvis_or_vis_to_render():
    data = _data(render_view(tiny_graph([Contact("evil", ("lavrov", "fidan"), sentence=EVIL, headline=EVIL)])))
    assert data["nodes"] and data["edges"]
    assert not [item for item in data["nodes"] + data["edges"] if "title" in item]


@pytest.mark.parametrize("contacts, nodes, edges", [
    ([], 0, 0),
    (TWO_CONTACTS, 3, 2),
    (TWO_CONTACTS + [Contact("again", ("fidan", "lavrov"), day="2021-03-03")], 3, 2),
    ([Contact("three", ("lavrov", "fidan", "wang"))], 3, 3),
])
def test_nodes_and_edges_are_the_people_and_pairs_of_the_graph(contacts, nodes, edges):
    graph = tiny_graph(contacts)
    data = _data(render_view(graph))
    people = [n for n in data["nodes"] if "layer" not in n]
    pairs = [e for e in data["edges"] if "layer" not in e]
    assert {n["iri"] for n in people} == people_with_contacts(graph) and len(people) == nodes
    assert len(pairs) == len(contact_pairs(graph)) == edges


def test_examples_view_matches_the_graph(examples):
    graph, html = examples
    data = _data(html)
    people = {n["id"]: n["iri"] for n in data["nodes"] if "layer" not in n}
    assert set(people.values()) == people_with_contacts(graph)
    pairs = {tuple(sorted((people[e["from"]], people[e["to"]]))) for e in data["edges"] if "layer" not in e}
    assert pairs == contact_pairs(graph)


def test_edges_carry_their_interactions_and_dates():
    data = _data(render_view(tiny_graph(TWO_CONTACTS + [Contact("again", ("fidan", "lavrov"), day="2021-03-03")])))
    dates = sorted(sorted(data["interactions"][k]["date"] for k in e["interactions"])
                   for e in data["edges"] if "layer" not in e)
    assert dates == [["2020-01-10", "2021-03-03"], ["2024-06-01"]]


SPREAD = [Contact("a", ("lavrov", "fidan"), day="2020-01-10"), Contact("b", ("lavrov", "safadi"), day="2021-05-02"),
          Contact("c", ("wang", "safadi"), published="2022-07-07"), Contact("d", ("wang", "fidan"), day="2023-03-03",
          topics=("sanctions",)), Contact("e", ("lavrov", "wang"))]


def _dates_shown(model) -> set[str | None]:
    return {model.interactions[k].day for events in model.pairs.values() for k in events}


def test_a_graph_within_the_limit_is_shown_whole():
    model = read_view_model(tiny_graph(SPREAD))
    assert len(model.interactions) == 5 and not model.shown.partial
    assert "window" in _data(render_view(tiny_graph(SPREAD))) and _data(render_view(tiny_graph(SPREAD)))["window"] is None


def test_a_big_graph_shows_its_latest_interactions_and_says_so():
    # "c" is undated: it counts at its article's day (2022-07-07); "e" has neither and comes last.
    model = read_view_model(tiny_graph(SPREAD), Window(limit=3))
    assert _dates_shown(model) == {"2021-05-02", None, "2023-03-03"}
    assert {iri.rsplit("/", 1)[-1] for iri in model.interactions} == {"b", "c", "d"}
    assert model.pairs.keys() == {tuple(sorted((str(ID[f"person/{a}"]), str(ID[f"person/{b}"]))))
                                  for a, b in (("lavrov", "safadi"), ("wang", "safadi"), ("wang", "fidan"))}
    assert (model.shown.shown, model.shown.total, model.shown.first, model.shown.last) == \
        (3, 5, "2021-05-02", "2023-03-03")
    assert _data(render_model(model))["window"] == {"shown": 3, "total": 5, "first": "2021-05-02", "last": "2023-03-03"}


def test_a_period_selects_by_date_and_an_undated_report_by_its_day():
    model = read_view_model(tiny_graph(SPREAD), Window(start="2021-01-01", end="2022-12-31"))
    assert {iri.rsplit("/", 1)[-1] for iri in model.interactions} == {"b", "c"}
    assert (model.shown.shown, model.shown.total) == (2, 2)
    assert read_view_model(tiny_graph(SPREAD), Window(start="2023-01-01")).interactions.keys() == {str(ID["interaction/d"])}


def test_statements_outside_the_window_are_left_out():
    model = read_view_model(tiny_graph(SPREAD), Window(end="2022-12-31"))
    assert not any(person.topics for person in model.people.values())
    model = read_view_model(tiny_graph(SPREAD), Window(start="2023-01-01"))
    assert model.people[str(ID["person/wang"])].topics == {str(ID["topic/sanctions"]): 1}


def test_view_command_takes_a_period_and_a_limit(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(ROOT / "examples" / "articles"), "--out", str(out), "-q"]) == 0
    total = len(read_view_model(Graph().parse(out / "graph.ttl")).interactions)
    assert total >= 2
    assert main(["view", str(out), "--limit", "1", "--out", str(tmp_path / "one.html")]) == 0
    said = capsys.readouterr().out
    assert f"the view shows the latest 1 of {total} interactions" in said
    data = _data((tmp_path / "one.html").read_text(encoding="utf-8"))
    assert len(data["interactions"]) == 1 and data["window"]["total"] == total
    with pytest.raises(SystemExit) as stop:
        main(["view", str(out), "--from", "31/12/2024"])
    assert stop.value.code == 2 and "is not a date like" in capsys.readouterr().err


def test_layout_is_fixed_distinct_and_repeatable():
    model = read_view_model(tiny_graph(TWO_CONTACTS + [Contact("far", ("wang", "safadi"))]))
    first, _ = build_network(model)
    second, _ = build_network(model)
    positions = [(n["x"], n["y"]) for n in first.nodes if "layer" not in n]
    assert len(set(positions)) == len(positions) == 4
    assert positions == [(n["x"], n["y"]) for n in second.nodes if "layer" not in n]
    assert first.options["physics"] == {"enabled": False}


@pytest.mark.parametrize("language, label", [
    ("en", "Sergey Lavrov"), ("ar", "سيرغي لافروف"), ("fa", "سرگئی لاوروف"), ("ru", "Сергей Лавров"),
])
def test_initial_labels_follow_the_language(language, label):
    data = _data(render_view(tiny_graph(TWO_CONTACTS), language))
    labels = {n["iri"]: n["name"] for n in data["nodes"] if "layer" not in n}
    assert labels[str(ID["person/lavrov"])] == label
    assert data["language"] == language


def test_a_person_known_in_one_language_keeps_that_name():
    graph = tiny_graph(TWO_CONTACTS)
    for triple in list(graph.triples((ID["person/safadi"], None, None))):
        if getattr(triple[2], "language", None) in ("en", "ar", "ru"):
            graph.remove(triple)
    data = _data(render_view(graph, "ru"))
    assert {n["name"] for n in data["nodes"] if n.get("iri") == str(ID["person/safadi"])} == {"ایمن الصفدی"}


@pytest.mark.parametrize("language, direction", [("en", "ltr"), ("ar", "rtl"), ("fa", "rtl"), ("ru", "ltr")])
def test_page_direction(language, direction):
    assert re.search(rf'<html lang="{language}" dir="{direction}">', render_view(tiny_graph([]), language))


def test_unknown_view_language_is_refused():
    with pytest.raises(ValueError, match="de"):
        render_view(tiny_graph([]), "de")


def test_every_word_of_the_view_exists_in_every_language():
    strings = json.loads((ROOT / "exports" / "templates" / "view_strings.json").read_text(encoding="utf-8"))
    keys = set(strings["ui"]["en"])
    for language in VIEW_LANGUAGES:
        assert set(strings["ui"][language]) == keys, language
        assert all(strings["ui"][language].values()), language
    for role in ROLES:
        assert set(strings["roles"][role]) == set(VIEW_LANGUAGES), role
    template_keys = set(re.findall(r'data-ui="(\w+)"', (ROOT / "exports" / "templates" / "view.html").read_text()))
    script_keys = set(re.findall(r'\bt\("(\w+)"', (ROOT / "exports" / "templates" / "view.js").read_text()))
    assert template_keys | script_keys <= keys


def test_view_command_writes_the_chosen_language(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Talks in Ankara\nAnkara, 7 February 2024\nRussian Foreign Minister Sergey Lavrov met "
                       "Turkish Foreign Minister Hakan Fidan in Ankara on Wednesday.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(article), "--out", str(out), "-q"]) == 0
    assert '<html lang="en" dir="ltr">' in (out / "graph.html").read_text(encoding="utf-8")
    assert main(["view", str(out), "--lang", "fa", "--out", str(tmp_path / "fa.html"), "-q"]) == 0
    html = (tmp_path / "fa.html").read_text(encoding="utf-8")
    assert '<html lang="fa" dir="rtl">' in html
    assert {n["name"] for n in _data(html)["nodes"] if "layer" not in n} == {"سرگئی لاوروف", "هاکان فیدان"}
