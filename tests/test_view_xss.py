"""An article that carries HTML and script: built with `diplograph build`, its view shows the text and runs nothing."""
from __future__ import annotations

from pathlib import Path

import pytest
from browser_helpers import ViewPage, browser, open_view  # noqa: F401

from exports.cli import main

PAYLOADS = ('<img src=x onerror="window.__pwned=1">', "<script>window.__pwned=2</script>",
            '<svg onload="window.__pwned=3">', '<a href="javascript:window.__pwned=4">link</a>')
ARTICLE = f"""Talks in Ankara {PAYLOADS[2]}
Ankara, 7 February 2024
Russian Foreign Minister Sergey Lavrov met Turkish Foreign Minister Hakan Fidan in Ankara on Wednesday, \
and Fidan said: "{PAYLOADS[0]} {PAYLOADS[1]} the war in Syria must end".
Lavrov said the two sides discussed the war in Ukraine and sanctions {PAYLOADS[1]}.
Source: Anatolia {PAYLOADS[3]}
"""
EVERY_CARD = """async () => {
  const d = window.diplograph, seen = [];
  for (const language of ["en", "ar", "fa", "ru"]) {
    d.setLanguage(language);
    for (const [kind, items] of [["node", d.nodes.get()], ["edge", d.edges.get()]]) {
      for (const item of items) {
        seen.push(d.showTooltip(kind, item.id, 10, 10).textContent, d.showDetails(kind, item.id).textContent);
      }
    }
    await new Promise(requestAnimationFrame);
  }
  d.setLanguage("en");
  return seen.join("\\n");
}"""
POINTS = """() => {
  const n = window.diplograph.network, r = document.getElementById("network").getBoundingClientRect();
  const at = (p) => { const q = n.canvasToDOM(p); return [r.left + q.x, r.top + q.y]; };
  const positions = n.getPositions();
  const nodes = Object.keys(positions).map((id) => at(positions[id]));
  const edges = window.diplograph.edges.get().map((e) => at({ x: (positions[e.from].x + positions[e.to].x) / 2,
                                                               y: (positions[e.from].y + positions[e.to].y) / 2 }));
  return nodes.concat(edges);
}"""
INJECTED = ("document.querySelectorAll('#tip img, #tip script, #tip svg, #tip a[href^=javascript], "
            "#details img, #details script, #details svg, #details a[href^=javascript]').length")


@pytest.fixture
def view(browser, tmp_path: Path):  # noqa: F811
    source = tmp_path / "evil.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(source), "--out", str(out), "-q"]) == 0
    opened = open_view(browser, out / "graph.html")
    yield opened
    opened.close()


def _unharmed(view: ViewPage) -> None:
    view.page.wait_for_timeout(300)   # an onerror would fire by now
    assert view.js("typeof window.__pwned") == "undefined"
    assert view.js(INJECTED) == 0
    assert view.console_errors == []
    assert view.network_attempts == []


def test_the_payload_reaches_the_view_as_data(view: ViewPage):
    data = view.js("JSON.stringify(window.diplograph.data)")
    for payload in PAYLOADS:
        assert payload.replace('"', '\\"') in data, payload
    assert view.js("window.diplograph.edges.length") >= 1


def test_every_tooltip_and_panel_shows_the_text_and_runs_nothing(view: ViewPage):
    view.page.check("#layer-topics")
    view.page.check("#layer-countries")
    text = view.js(EVERY_CARD)
    for payload in PAYLOADS[:3]:   # the quoted sentence, the statement, the headline: shown as they were written
        assert payload in text, payload
    _unharmed(view)


def test_hovering_every_node_and_line_runs_nothing(view: ViewPage):
    shown = []
    for x, y in view.js(POINTS):
        view.page.mouse.move(x, y)
        view.page.wait_for_timeout(60)
        if view.js("!document.getElementById('tip').hidden"):
            shown.append(view.js("document.getElementById('tip').textContent"))
        view.page.mouse.click(x, y)
    view.page.mouse.move(1, 1)
    assert shown and any(PAYLOADS[0] in text for text in shown)
    _unharmed(view)
