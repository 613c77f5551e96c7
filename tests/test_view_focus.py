"""Clicking a person in the view: their neighbourhood in focus, the rest faded, and a card with their
statements by topic and links to the articles. Real headless Chromium, network blocked."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from browser_helpers import SPARQL_PREFIXES, ViewPage, browser, contact_pairs, open_view  # noqa: F401
from rdflib import Graph

from exports.cli import main

ROOT = Path(__file__).resolve().parents[1]
LAVROV = "https://w3id.org/diplograph/id/person/sergey-lavrov"
STATEMENTS = SPARQL_PREFIXES + """PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?text WHERE { ?s a dg:Statement ; dg:speaker <%s> ; dg:text ?text ; dg:during ?event }"""
ARTICLE_URLS = SPARQL_PREFIXES + """PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?url WHERE { ?event dg:participant <%s> ; prov:wasDerivedFrom ?article . ?article schema:url ?url }"""


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


def _click_person(view: ViewPage, iri: str) -> int:
    node = view.js(f"diplograph.nodes.get({{ filter: (n) => n.iri === {iri!r} }})[0].id")
    x, y = view.js("""(id) => { const n = diplograph.network, r = document.getElementById("network").getBoundingClientRect();
      const p = n.canvasToDOM(n.getPositions([id])[id]); return [r.left + p.x, r.top + p.y]; }""", node)
    view.page.mouse.click(x, y)
    view.page.wait_for_selector("#details:not([hidden])")
    return node


def _within(graph: Graph, iri: str, steps: int) -> set[str]:
    people = nx.Graph(list(contact_pairs(graph)))
    return set(nx.single_source_shortest_path_length(people, iri, cutoff=steps))


def test_clicking_a_person_shows_their_statements_and_article_links(view: ViewPage, built):
    graph = built[0]
    _click_person(view, LAVROV)
    card = view.page.locator("#details")
    assert card.locator("h3").first.text_content() == "Sergey Lavrov"
    said = {str(row.text) for row in graph.query(STATEMENTS % LAVROV)}
    assert said, "the examples have statements by Lavrov"
    quotes = set(card.locator(".statements .quote").all_text_contents())
    assert quotes and quotes <= said
    assert card.locator(".statements h4").text_content() == "Statements by topic"
    urls = {str(row.url) for row in graph.query(ARTICLE_URLS % LAVROV)}
    links = set(view.js("Array.from(document.querySelectorAll('#details a[href]')).map((a) => a.href)"))
    assert urls and links == urls   # every article of his contacts, and only those
    dates = card.locator(".timeline .event .head").all_text_contents()
    assert len(dates) == view.js(f"""new Set(diplograph.edges.get({{ filter: (e) => !e.layer &&
      [e.from, e.to].includes(diplograph.nodes.get({{ filter: (n) => n.iri === {LAVROV!r} }})[0].id) }})
      .flatMap((e) => e.interactions)).size""")
    assert view.console_errors == []


@pytest.mark.parametrize("steps", [1, 2])
def test_focus_fades_everyone_outside_the_neighbourhood(view: ViewPage, built, steps):
    graph = built[0]
    _click_person(view, LAVROV)
    if steps == 2:
        view.page.click("#details .focus button[data-steps='2']")
    iri_of = view.js("Object.fromEntries(diplograph.nodes.get({ filter: (n) => n.iri }).map((n) => [n.id, n.iri]))")
    faded = {iri_of[str(id)] for id in view.js("diplograph.faded()")}
    inside = _within(graph, LAVROV, steps)
    assert faded == set(iri_of.values()) - inside and faded
    opacity = view.js("Object.fromEntries(diplograph.nodes.get({ filter: (n) => n.iri }).map((n) => [n.iri, n.opacity ?? 1]))")
    assert all((opacity[iri] < 0.2) == (iri in faded) for iri in opacity)
    view.js("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    named = {iri_of[str(box["id"])] for box in view.js("diplograph.labelBoxes()")}
    assert not named & faded and inside <= named
    view.page.click("#details-close")
    assert view.js("diplograph.faded()") == []


@pytest.mark.parametrize("language", ["en", "fa"])
def test_the_neighbourhood_is_framed_beside_the_card_not_under_it(browser, built, tmp_path, language):  # noqa: F811
    path = tmp_path / "view.html"
    assert main(["view", str(built[1].parent), "--lang", language, "--out", str(path), "-q"]) == 0
    view = open_view(browser, path)
    node = _click_person(view, LAVROV)
    covered = view.js("""(id) => { const d = diplograph, n = d.network, c = document.getElementById("network").getBoundingClientRect();
      const card = document.getElementById("details").getBoundingClientRect(), out = [];
      for (const other of [id, ...n.getConnectedNodes(id)]) {
        const p = n.canvasToDOM(n.getPositions([other])[other]), x = c.left + p.x, y = c.top + p.y;
        const seen = x > c.left && x < c.right && y > c.top && y < c.bottom && !(x > card.left && x < card.right && y > card.top && y < card.bottom);
        if (!seen) out.push(other);
      }
      return out; }""", node)
    assert covered == []
    view.close()
