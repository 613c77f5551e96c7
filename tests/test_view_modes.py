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
