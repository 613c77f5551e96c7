"""The view's country mode: countries as nodes, contacts between their office holders as edges.
Real headless Chromium, network blocked."""
from __future__ import annotations

from pathlib import Path

import pytest
from browser_helpers import SPARQL_PREFIXES, ViewPage, browser, contact_pairs, open_view  # noqa: F401
from rdflib import Graph

from exports.cli import main

ROOT = Path(__file__).resolve().parents[1]
COUNTRIES = SPARQL_PREFIXES + """SELECT DISTINCT ?person ?code WHERE {
  ?person dg:holds ?office . ?office dg:country ?country . ?country dg:countryCode ?code }"""
SHOWN = """() => {
  const d = diplograph, key = (id) => d.countryNodes.get(id).key;
  return d.countryEdges.get({ filter: (e) => !e.hidden }).map((e) => [key(e.from), key(e.to)].sort().join(" ")).sort();
}"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Graph, Path]:
    out = tmp_path_factory.mktemp("examples")
    assert main(["build", str(ROOT / "examples" / "articles"), "--out", str(out), "-q"]) == 0
    return Graph().parse(out / "graph.ttl"), out / "graph.html"


@pytest.fixture
def view(browser, built):  # noqa: F811
    opened = open_view(browser, built[1])
    yield opened
    opened.close()


def _country_pairs(graph: Graph) -> set[str]:
    """Pairs of countries whose office holders spoke, from the graph: each person of the examples holds one country's offices."""
    countries: dict[str, set[str]] = {}
    for row in graph.query(COUNTRIES):
        countries.setdefault(str(row.person), set()).add(str(row.code))
    pairs = set()
    for first, second in contact_pairs(graph):
        (a,), (b,) = countries[first], countries[second]   # one country each, or this test needs the view's rule
        if a != b:
            pairs.add(" ".join(sorted((a, b))))
    return pairs


def test_country_mode_edges_are_the_country_pairs_of_the_graph(view: ViewPage, built):
    view.page.select_option("#mode", "countries")
    shown = view.js(SHOWN)
    assert shown and set(shown) == _country_pairs(built[0]) and len(shown) == len(set(shown))
    drawn = view.js("Object.keys(diplograph.network.body.edges).length")
    assert drawn == len(shown)
    view.js("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    names = view.js("diplograph.labelBoxes().map((b) => b.name)")
    assert "Russia" in names and "Sergey Lavrov" not in names
    view.page.select_option("#mode", "people")
    assert view.js("Object.keys(diplograph.network.body.nodes).length") == view.js("diplograph.nodes.length")
    assert view.console_errors == []


def test_country_mode_follows_the_date_filter(view: ViewPage, built):
    view.page.select_option("#mode", "countries")
    everything = view.js(SHOWN)
    view.page.fill("#date-from", "2025-01-01")
    view.page.locator("#date-from").dispatch_event("change")
    later = view.js(SHOWN)
    assert later and set(later) < set(everything)
    kept = view.js("""() => { const d = diplograph;   // each line shown has a contact in the range, or an undated one
      return d.countryEdges.get({ filter: (e) => !e.hidden })
        .every((e) => e.interactions.some((k) => !d.data.interactions[k].date || d.data.interactions[k].date >= "2025-01-01")); }""")
    assert kept


# ---- the time strip ------------------------------------------------------------------------------

def _strip_x(view: ViewPage, fraction: float) -> tuple[float, float]:
    box = view.page.locator("#strip").bounding_box()
    return box["x"] + 6 + fraction * (box["width"] - 12), box["y"] + box["height"] / 2


def _drag(view: ViewPage, start: float, end: float) -> None:
    view.page.mouse.move(*_strip_x(view, start))
    view.page.mouse.down()
    for step in range(1, 6):
        view.page.mouse.move(*_strip_x(view, start + (end - start) * step / 5))
    view.page.mouse.up()


@pytest.mark.parametrize("start, end", [(0.05, 0.45), (0.5, 0.98), (0.9, 0.3)])
def test_dragging_on_the_time_strip_sets_the_date_filter(view: ViewPage, start, end):
    months = view.js("diplograph.months")
    _drag(view, start, end)
    low, high = sorted((start, end))
    first, last = months[int(low * len(months))], months[min(int(high * len(months)), len(months) - 1)]
    assert view.js("[diplograph.state.from, diplograph.state.to]")[0] == f"{first}-01"
    assert view.js("document.getElementById('date-from').value") == f"{first}-01"
    assert view.js("document.getElementById('date-to').value").startswith(last)
    dates = view.js("""() => { const d = diplograph;
      return d.edges.get({ filter: (e) => !e.hidden && !e.layer }).map((e) => e.interactions.map((k) => d.data.interactions[k].date)); }""")
    for pair in dates:   # every pair shown has a contact in the period, or an undated one
        assert any(day is None or f"{first}-01" <= day <= f"{last}-31" for day in pair)
    view.page.dblclick("#strip")
    assert view.js("diplograph.state.from") == view.js("diplograph.data.interactions.map((e) => e.date).filter(Boolean).sort()[0]")


def test_the_time_strip_runs_right_to_left_on_a_persian_page(browser, built, tmp_path):  # noqa: F811
    assert main(["view", str(built[1].parent), "--lang", "fa", "--out", str(tmp_path / "fa.html"), "-q"]) == 0
    view = open_view(browser, tmp_path / "fa.html")
    months = view.js("diplograph.months")
    _drag(view, 0.7, 0.98)   # the right-hand end is the start of the period
    assert view.js("diplograph.state.from") == f"{months[0]}-01"
    view.close()


# ---- announced contacts ----------------------------------------------------------------------------

REPORTS = SPARQL_PREFIXES + """SELECT ?report ?person WHERE { ?report a dg:ContactReport ; dg:participant ?person }"""


def _announced_pairs(graph: Graph) -> set[str]:
    people: dict[str, set[str]] = {}
    for row in graph.query(REPORTS):
        people.setdefault(str(row.report), set()).add(str(row.person))
    shown = {person for pair in contact_pairs(graph) for person in pair}
    return {" ".join(sorted((a, b))) for members in people.values() for a in members & shown for b in members & shown if a < b}


def test_announced_contacts_are_dashed_lines_behind_a_switch(view: ViewPage, built):
    announced = "diplograph.edges.get({ filter: (e) => e.layer === 'announced' && !e.hidden })"
    assert view.js(f"{announced}.length") == 0   # off by default
    view.page.check("#layer-announced")
    edges = view.js(f"{announced}.map((e) => [diplograph.nodes.get(e.from).iri, diplograph.nodes.get(e.to).iri].sort().join(' '))")
    expected = _announced_pairs(built[0])
    assert expected and set(edges) == expected
    assert view.js(f"{announced}.every((e) => Array.isArray(e.dashes))")
    edge = view.js(f"{announced}[0].id")
    card = view.js(f"diplograph.showDetails('edge', {edge!r}).textContent")
    assert "not reported as held" in card and ("planned" in card or "requested" in card or "denied" in card
                                              or "hypothetical" in card)
    view.page.uncheck("#layer-announced")
    assert view.js(f"{announced}.length") == 0
    assert view.console_errors == []
