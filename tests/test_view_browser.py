"""The HTML view in real headless Chromium, network blocked: loads clean, shows the graph, filters, switches language."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_helpers import ID, Contact, ViewPage, browser, contact_pairs, open_view, people_with_contacts, tiny_graph  # noqa: F401
from rdflib import RDFS, Graph, URIRef

from exports.cli import main
from exports.html_view import write_view
from exports.view_model import Window

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = {"en": r"^[A-Za-z .'-]+$", "ar": r"^[\u0600-\u06FF\u200c ]+$", "fa": r"^[\u0600-\u06FF\u200c ]+$",
           "ru": r"^[\u0400-\u04FF .'-]+$"}
CONTACTS = [
    Contact("call", ("lavrov", "fidan"), "PhoneCall", "2020-01-10", ("sanctions",)),
    Contact("visit", ("lavrov", "safadi"), "Meeting", "2024-06-01", ("ceasefire",)),
    Contact("undated", ("safadi", "wang"), "Meeting", None, ()),
]
PAIRS = {"call": ("fidan", "lavrov"), "visit": ("lavrov", "safadi"), "undated": ("safadi", "wang")}
SHOWN = """() => {
  const { nodes, edges } = window.diplograph;
  const iri = (id) => nodes.get(id).iri;
  return {
    nodes: nodes.get({ filter: (n) => !n.hidden && n.iri }).map((n) => n.iri).sort(),
    edges: edges.get({ filter: (e) => !e.hidden && !e.layer }).map((e) => [iri(e.from), iri(e.to)].sort().join(" ")).sort(),
    counts: document.getElementById("counts").textContent,
  };
}"""


def _iri(key: str) -> str:
    return str(ID[f"person/{key}"])


def _pair(key: str) -> str:
    return " ".join(sorted(_iri(person) for person in PAIRS[key]))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Graph, Path]:
    out = tmp_path_factory.mktemp("examples")
    assert main(["build", str(ROOT / "examples" / "articles"), "--out", str(out), "-q"]) == 0
    return Graph().parse(out / "graph.ttl"), out / "graph.html"


@pytest.fixture
def examples(browser, built):  # noqa: F811
    view = open_view(browser, built[1])
    yield view
    view.close()


@pytest.fixture
def tiny(browser, tmp_path):  # noqa: F811
    path = tmp_path / "graph.html"
    write_view(tiny_graph(CONTACTS), path)
    view = open_view(browser, path)
    yield view
    view.close()


def test_opens_without_errors_or_requests(examples: ViewPage):
    examples.page.wait_for_timeout(300)
    assert examples.console_errors == []
    assert examples.network_attempts == []
    assert examples.js("document.querySelector('canvas') !== null")


def test_shows_every_person_and_pair_of_the_graph(examples: ViewPage, built):
    graph = built[0]
    shown = examples.js(SHOWN)
    assert set(shown["nodes"]) == people_with_contacts(graph)
    assert len(shown["edges"]) == len(contact_pairs(graph))
    assert set(shown["edges"]) == {" ".join(pair) for pair in contact_pairs(graph)}
    drawn = examples.js("[Object.keys(diplograph.network.body.nodes).length, Object.keys(diplograph.network.body.edges).length]")
    assert drawn == [len(people_with_contacts(graph)), len(contact_pairs(graph))]


@pytest.mark.parametrize("language, direction", [("ar", "rtl"), ("fa", "rtl"), ("ru", "ltr"), ("en", "ltr")])
def test_language_switch_changes_names_and_direction(examples: ViewPage, built, language, direction):
    graph = built[0]
    lavrov = _iri("lavrov").replace("/lavrov", "/sergey-lavrov")
    label = f"diplograph.nodes.get({{filter: (n) => n.iri === {lavrov!r}}})[0].name"
    assert re.match(SCRIPTS["en"], examples.js(label))
    examples.page.select_option("#language", language)
    assert re.match(SCRIPTS[language], examples.js(label))
    assert examples.js(label) in {str(o) for o in graph.objects(URIRef(lavrov), RDFS.label) if o.language == language}
    assert examples.js("[document.documentElement.dir, document.documentElement.lang]") == [direction, language]
    examples.js("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    drawn = examples.js(f"diplograph.labelBoxes().find((b) => diplograph.nodes.get(b.id).iri === {lavrov!r}).name")
    assert drawn == examples.js(label)   # the name drawn on the canvas is the one in the page's language
    assert examples.console_errors == []


@pytest.mark.parametrize("start, end, undated, pairs", [
    ("", "", True, ["call", "visit", "undated"]),
    ("2024-01-01", "", True, ["visit", "undated"]),
    ("2019-01-01", "2020-12-31", True, ["call", "undated"]),
    ("2021-01-01", "2023-12-31", True, ["undated"]),
    ("2021-01-01", "2023-12-31", False, []),
    ("2020-01-10", "2020-01-10", False, ["call"]),
])
def test_date_filter_hides_interactions_outside_the_range(tiny: ViewPage, start, end, undated, pairs):
    if not undated:
        tiny.page.uncheck("#undated")
    tiny.page.fill("#date-from", start)
    tiny.page.fill("#date-to", end)
    tiny.page.locator("#date-to").dispatch_event("change")
    shown = tiny.js(SHOWN)
    assert shown["edges"] == sorted(_pair(key) for key in pairs)
    assert shown["nodes"] == sorted({_iri(person) for key in pairs for person in PAIRS[key]})
    assert shown["counts"] == f"people: {len(shown['nodes'])} · pairs: {len(pairs)} · interactions: {len(pairs)}"
    assert tiny.console_errors == []


@pytest.mark.parametrize("topic, pairs", [
    ("Sanctions", ["call"]),
    ("Ceasefire", ["visit"]),
    ("Gaza war", ["visit"]),   # the wider topic takes in its narrower ones
    ("all topics", ["call", "visit", "undated"]),
])
def test_topic_filter(tiny: ViewPage, topic, pairs):
    value = tiny.js("(label) => Array.from(document.querySelectorAll('#topic option'))"
                    ".find((option) => option.textContent.trim() === label).value", topic)
    tiny.page.select_option("#topic", value)
    assert tiny.js(SHOWN)["edges"] == sorted(_pair(key) for key in pairs)


@pytest.mark.parametrize("query, found", [
    ("lavrov", ["lavrov"]), ("ЛАВРОВ", ["lavrov"]), ("لافروف", ["lavrov"]), ("لاوروف", ["lavrov"]),
    ("ایمن الصفدی", ["safadi"]), ("an", ["fidan", "safadi", "wang"]), ("nobody", []),
])
def test_search_finds_names_in_any_language(tiny: ViewPage, query, found):
    tiny.page.fill("#search", query)
    tiny.page.press("#search", "Enter")
    selected = tiny.js("diplograph.network.getSelectedNodes().map((id) => diplograph.nodes.get(id).iri).sort()")
    assert selected == sorted(_iri(key) for key in found)


def test_layers_add_and_remove_topic_and_country_nodes(tiny: ViewPage):
    count = "diplograph.nodes.length"
    people = tiny.js(count)
    tiny.page.check("#layer-countries")
    assert tiny.js(count) == people + 4   # RU, TR, JO, CN
    tiny.page.check("#layer-topics")
    assert tiny.js(count) == people + 4 + 2   # the topics people spoke about
    tiny.page.uncheck("#layer-countries")
    tiny.page.uncheck("#layer-topics")
    assert tiny.js(count) == people
    assert tiny.console_errors == []


def test_hovering_a_pair_shows_its_interactions(tiny: ViewPage):
    box = tiny.js("""() => {
      const n = diplograph.network, e = diplograph.edges.get().find((e) => e.interactions.length === 1 && !e.layer &&
        diplograph.data.interactions[e.interactions[0]].kind === "PhoneCall");
      const p = n.getPositions([e.from, e.to]), a = n.canvasToDOM(p[e.from]), b = n.canvasToDOM(p[e.to]);
      const r = document.getElementById("network").getBoundingClientRect();
      return [r.left + (a.x + b.x) / 2, r.top + (a.y + b.y) / 2];
    }""")
    tiny.page.mouse.move(*box)
    tiny.page.wait_for_selector("#tip:not([hidden])")
    text = tiny.js("document.getElementById('tip').textContent")
    assert "phone call" in text and "Jan 10, 2020" in text and "The two ministers discussed" in text and "call.txt" in text


def test_an_empty_graph_opens_and_says_so(browser, tmp_path):  # noqa: F811
    path = tmp_path / "graph.html"
    write_view(tiny_graph([]), path, "fa")
    view = open_view(browser, path)
    note = view.js("document.getElementById('empty').textContent")
    assert note == "هنوز هیچ تماسی میان افراد استخراج نشده است."
    assert view.js("diplograph.nodes.length") == 0
    assert view.console_errors == [] and view.network_attempts == []
    view.close()


def test_a_partial_view_says_which_part_it_shows(browser, tmp_path):  # noqa: F811
    path = tmp_path / "graph.html"
    write_view(tiny_graph(CONTACTS), path, window=Window(limit=1))
    view = open_view(browser, path)
    assert view.js("document.getElementById('window-note').hidden") is False
    note = view.js("document.getElementById('window-note').textContent")
    assert note.startswith(f"This view shows the latest 1 of {len(CONTACTS)} interactions") and "--from DAY" in note
    view.js("diplograph.setLanguage('ru')")
    assert view.js("document.getElementById('window-note').textContent").startswith("Показаны последние 1 из")
    assert view.console_errors == []
    view.close()


def test_a_whole_view_has_no_window_note(tiny: ViewPage):
    assert tiny.js("document.getElementById('window-note').hidden") is True
