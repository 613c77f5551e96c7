"""The interactive network view: one self-contained HTML file (pyvis + vis-network, inlined).

People are nodes, `dg:spokeWith` pairs are edges; topics and countries are
optional layers. Positions are computed here with networkx and physics stays
off, so thousands of people open still and at once. Article text reaches the
page only inside a JSON block that view.js renders with textContent, never as
HTML; a Content Security Policy that runs only the page's own scripts (by
hash) backs that up.
"""
from __future__ import annotations

import json
import math
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from babel import Locale
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

from extract.fileio import write_atomically

from .page_scripts import script_hash, script_safe_json
from .view_colours import UNKNOWN_COLOUR, community_colours, country_colour
from .view_layout import ASPECT, layout
from .view_language import VIEW_LANGUAGES
from .view_model import (UNTAGGED, Article, Interaction, Person, Shown, Source, Topic, ViewModel, Window,
                         read_view_model)
from .view_records import RecordCache

RTL_LANGUAGES = ("ar", "fa")
_TEMPLATES = Path(__file__).parent / "templates"
_VIS_DIR = Path(str(files("pyvis"))) / "templates" / "lib" / "vis-9.1.2"

_TOPIC_COLOUR = "#6b6b6b"
_ANNOUNCED_COLOUR = "#c26a00"   # dashed lines of announced contacts: not a country colour
# Sizes in canvas pixels: base + step·√count, capped, so hubs stand out without hiding their neighbours.
_NODE_SIZE = (8.0, 4.0, 48.0)
_EDGE_WIDTH = (1.0, 1.5, 12.0)
_LAYER_NUDGE = 50.0         # a topic or country node sits this far from the centre of its people
_TOP_TOPICS = 5             # topics listed in a person's tooltip
# Canvas labels: fonts for Latin, Arabic script and Cyrillic, the first one installed wins.
_FONT_FACES = "Noto Sans, Noto Naskh Arabic, Vazirmatn, DejaVu Sans, Tahoma, sans-serif"
_BUSY_EDGES = 1500          # above this many lines, hide them while panning or zooming so it stays smooth


@cache
def _strings() -> dict[str, Any]:
    return json.loads((_TEMPLATES / "view_strings.json").read_text(encoding="utf-8"))


def _scaled(count: int, spec: tuple[float, float, float]) -> float:
    base, step, cap = spec
    return round(min(base + step * math.sqrt(max(count - 1, 0)), cap), 2)


@cache
def _territories(language: str) -> dict[str, str]:
    return dict(Locale.parse(language).territories)


def _country_names(code: str) -> dict[str, str]:
    """A country's name in every view language, from CLDR (babel); the code when CLDR has none."""
    extra = _strings()["countries"].get(code, {})
    return {language: extra.get(language) or _territories(language).get(code) or code for language in VIEW_LANGUAGES}


def _label(names: dict[str, str], language: str) -> str:
    for choice in (language, "en", *VIEW_LANGUAGES, UNTAGGED):   # the same order as pick() in view.js
        if choice in names:
            return names[choice]
    return min(names.values(), default="?")


class _Index(dict[str, int]):
    """IRI → row number in a payload table: the page refers to rows by number, not by IRI."""

    def of(self, iri: str | None) -> int | None:
        return None if iri is None else self.setdefault(iri, len(self))


def _event_row(event: Interaction, people: _Index, places: _Index, articles: _Index, topics: _Index,
               known_topics: dict[str, Topic]) -> dict[str, Any]:
    def topic_rows(iris: set[str]) -> list[int | None]:
        return [topics.of(iri) for iri in sorted(iris) if iri in known_topics]

    return {
        "kind": event.kind, "date": event.day, "place": places.of(event.place), "by": people.of(event.initiator),
        "src": [articles.of(iri) for iri in sorted(event.articles)],
        "say": [[text, language] for text, language in sorted(event.sentences)],
        "topics": topic_rows(event.topics),
        "said": [{"by": [people.of(iri) for iri in sorted(statement.speakers)], "topics": topic_rows(statement.topics),
                  "text": [[text, language] for text, language in sorted(statement.texts)]}
                 for statement in event.statements],
    }


def _person_row(person: Person, topics: _Index, known_topics: dict[str, Topic]) -> dict[str, Any]:
    top = sorted((-count, iri) for iri, count in person.topics.items() if iri in known_topics)[:_TOP_TOPICS]
    return {
        "names": person.names,
        "offices": [[o.role, o.country, o.start, o.end] for o in person.offices],
        "country": person.country,
        "topics": [[topics.of(iri), -count] for count, iri in top],
    }


def _article_row(article: Article) -> dict[str, str | None]:
    return {"file": article.source_file, "url": article.url, "headline": article.headline,
            "publisher": article.publisher}


def _tables(model: ViewModel, order: list[str]) -> tuple[dict[str, Any], _Index]:
    """The plain records the page's tooltips, filters and search read, and the interactions' row numbers.

    People rows come in node order, then the speakers and initiators who are no node."""
    people, events, topics, places, articles = _Index(), _Index(), _Index(), _Index(), _Index()
    for iri in order:
        people.of(iri)
    for pair_events in model.pairs.values():
        for iri in pair_events:
            events.of(iri)
    event_rows = [_event_row(model.interactions[iri], people, places, articles, topics, model.topics) for iri in events]
    report_rows = [{"modality": report.modality, "kind": report.kind, "date": report.day,
                    "people": sorted(people[iri] for iri in report.participants if people.get(iri, len(order)) < len(order)),
                    "src": [articles.of(iri) for iri in sorted(report.articles)],
                    "say": [[text, language] for text, language in sorted(report.sentences)]}
                   for report in model.reports.values()]
    person_rows = [_person_row(model.people.get(iri) or Person(iri), topics, model.topics) for iri in list(people)]
    for iri in list(topics):   # wider topics join the table: the filter offers them, and a wider one matches its narrower ones
        broader = model.topics[iri].broader
        while broader in model.topics and broader not in topics:
            topics.of(broader)
            broader = model.topics[broader].broader
    codes = sorted({o.country for iri in order for o in model.people[iri].offices} |
                   {model.people[iri].country for iri in order if model.people[iri].country})
    tables = {
        "people": person_rows,
        "interactions": event_rows,
        "reports": report_rows,
        "articles": [_article_row(model.articles.get(iri) or Article(iri, source_file=iri)) for iri in articles],
        "places": [model.places.get(iri, {}) for iri in places],
        "topics": [{"names": model.topics[iri].names, "broader": topics.get(model.topics[iri].broader or "")}
                   for iri in topics],
        "countries": {code: {"colour": country_colour(code), "names": _country_names(code)}
                      for code in codes},
    }
    return tables, events


def _centroid(points: list[tuple[float, float]], salt: int) -> tuple[float, float]:
    """Where a layer node goes: among its people, nudged so it never sits exactly on one of them."""
    x = sum(p[0] for p in points) / len(points)
    y = sum(p[1] for p in points) / len(points)
    angle = salt * 2.399963   # golden angle: layer nodes sharing a centre fan out
    return round(x + _LAYER_NUDGE * math.cos(angle)), round(y + _LAYER_NUDGE * math.sin(angle))


def _add_layers(network: Network, model: ViewModel, order: list[str], positions: dict[str, tuple[float, float]],
                tables: dict[str, Any], language: str) -> None:
    """Topic and country nodes, linked to their people; view.js keeps them out until the reader turns a layer on."""
    topic_people: dict[int, list[int]] = {}
    country_people: dict[str, list[int]] = {}
    for i, (iri, row) in enumerate(zip(order, tables["people"])):
        for topic, _ in row["topics"]:
            topic_people.setdefault(topic, []).append(i)
        for code in sorted({o.country for o in model.people[iri].offices}):
            country_people.setdefault(code, []).append(i)
    layers: list[tuple[str, dict[Any, list[int]], str, str]] = [
        ("topics", topic_people, "topics", "diamond"), ("countries", country_people, "countries", "square")]
    for layer, members, table, shape in layers:
        for salt, (key, people) in enumerate(sorted(members.items())):
            row, node_id = tables[table][key], f"{layer[0]}{key}"
            x, y = _centroid([positions[order[i]] for i in people], salt)
            network.add_node(node_id, name=_label(row["names"], language), shape=shape, x=x, y=y,
                             color=row.get("colour", _TOPIC_COLOUR), size=_scaled(len(people), _NODE_SIZE),
                             layer=layer, key=key)
            for i in people:
                network.add_edge(i, node_id, id=f"{node_id}-{i}", layer=layer, arrows="", dashes=True, width=1)


def _country_mode(model: ViewModel, order: list[str], events: _Index, language: str) -> dict[str, Any]:
    """Countries as nodes and contacts between their office holders as edges, laid out like people.

    A person counts for the country of their latest office; two people of one country add no edge."""
    country_of = {iri: model.people[iri].country for iri in order}
    members: dict[str, int] = {}
    for code in country_of.values():
        if code:
            members[code] = members.get(code, 0) + 1
    links: dict[tuple[str, str], set[str]] = {}
    for (first, second), pair_events in model.pairs.items():
        a, b = country_of[first], country_of[second]
        if a and b and a != b:
            links.setdefault((min(a, b), max(a, b)), set()).update(pair_events)
    codes = sorted(members)
    placed = layout(codes, {pair: max(len(found), 1) for pair, found in links.items()})
    node_of = {code: f"k{i}" for i, code in enumerate(codes)}
    return {
        "nodes": [{"id": node_of[code], "key": code, "mode": "countries", "x": placed.positions[code][0],
                   "y": placed.positions[code][1], "shape": "square", "color": country_colour(code),
                   "size": _scaled(members[code], _NODE_SIZE), "weight": members[code],
                   "name": _label(_country_names(code), language)} for code in codes],
        "edges": [{"id": f"k{i}", "from": node_of[a], "to": node_of[b], "mode": "countries", "arrows": "",
                   "width": _scaled(len(found), _EDGE_WIDTH),
                   "interactions": sorted(events[iri] for iri in found)} for i, ((a, b), found) in enumerate(sorted(links.items()))],
    }


def _add_announced(network: Network, reports: list[dict[str, Any]]) -> None:
    """A dashed line per pair of people with announced contacts (planned, requested, hypothetical,
    denied) between them; view.js keeps them out until the reader asks for them."""
    pairs: dict[tuple[int, int], list[int]] = {}
    for k, row in enumerate(reports):
        for i, first in enumerate(row["people"]):
            for second in row["people"][i + 1:]:
                pairs.setdefault((first, second), []).append(k)
    for i, ((first, second), found) in enumerate(sorted(pairs.items())):
        network.add_edge(first, second, id=f"a{i}", layer="announced", reports=found, arrows="", width=1.5,
                         dashes=[6, 5], color={"color": _ANNOUNCED_COLOUR, "highlight": _ANNOUNCED_COLOUR,
                                               "hover": _ANNOUNCED_COLOUR})


def _options(edges: int) -> dict[str, Any]:
    busy = edges > _BUSY_EDGES
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"hover": True, "hideEdgesOnDrag": busy, "hideEdgesOnZoom": busy,   # hover: view.js draws the cards
                        "multiselect": True, "navigationButtons": False, "keyboard": False},
        "nodes": {"shape": "dot", "borderWidth": 1,
                  "font": {"size": 14, "face": _FONT_FACES, "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 1,   # many lines: fainter, so communities show
                  "color": {"color": "rgba(150,158,170,0.35)" if busy else "#a0a8b3", "highlight": "#d62728", "hover": "#555555", "inherit": False}},
    }


def build_network(model: ViewModel, language: str = "en") -> tuple[Network, dict[str, Any]]:
    """A pyvis Network of people and their contacts, laid out with networkx, and the tables behind it."""
    order = model.contacts
    placed = layout(order, {pair: max(len(events), 1) for pair, events in model.pairs.items()})
    positions = placed.positions
    tables, events = _tables(model, order)
    took_part: dict[str, set[str]] = {iri: set() for iri in order}
    for (first, second), pair_events in model.pairs.items():
        took_part[first].update(pair_events)
        took_part[second].update(pair_events)
    # directed=True only skips pyvis's duplicate-edge scan, quadratic in the number of edges:
    # pairs are unique already, and every edge says arrows="".
    network = Network(height="100%", width="100%", directed=True)
    node_of = {iri: i for i, iri in enumerate(order)}   # a person's node id is their row in tables["people"]
    for i, iri in enumerate(order):
        # no vis label: view.js draws the names itself, the most connected first and never one over another
        person, (x, y) = model.people[iri], positions[iri]
        network.add_node(i, name=_label(person.names, language), iri=iri, x=x, y=y,
                         color=country_colour(person.country), community=placed.community[iri],
                         weight=len(took_part[iri]), size=_scaled(len(took_part[iri]), _NODE_SIZE))
    for i, ((first, second), pair_events) in enumerate(model.pairs.items()):
        network.add_edge(node_of[first], node_of[second], id=i, arrows="", width=_scaled(len(pair_events), _EDGE_WIDTH),
                         interactions=[events[iri] for iri in pair_events])
    _add_layers(network, model, order, positions, tables, language)
    _add_announced(network, tables["reports"])
    network.options = _options(len(model.pairs))
    most = max(map(len, model.pairs.values()), default=0)
    tables["edgeWidths"] = [_scaled(n, _EDGE_WIDTH) for n in range(most + 1)]   # view.js: width of n shown interactions
    tables["communityColours"] = community_colours(max(placed.community.values(), default=-1) + 1)
    tables["aspect"] = ASPECT
    tables["countryMode"] = _country_mode(model, order, events, language)
    return network, tables


def _window_row(model: ViewModel) -> dict[str, Any] | None:
    """What the page says when it shows part of the graph: how much, which days."""
    shown = model.shown
    if shown is None or not shown.partial:
        return None
    return {"shown": shown.shown, "total": shown.total, "first": shown.first, "last": shown.last}


def _content_security_policy(scripts: list[str]) -> str:
    """Run only these scripts, fetch nothing: an injected <script> or onerror= would be refused even if it got in."""
    return ("default-src 'none'; script-src " + " ".join(map(script_hash, scripts)) +
            "; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'")


def render_view(graph: Source, language: str = "en", title: str = "diplograph", window: Window = Window()) -> str:
    """The view of the interactions in `window` (by default the latest VIEW_LIMIT) as one HTML document."""
    return render_model(read_view_model(graph, window), language, title)


def render_model(model: ViewModel, language: str = "en", title: str = "diplograph") -> str:
    if language not in VIEW_LANGUAGES:
        raise ValueError(f"view language {language!r} is not one of {', '.join(VIEW_LANGUAGES)}")
    network, tables = build_network(model, language)
    nodes, edges, _, _, _, options = network.get_network_data()
    strings = _strings()
    payload = {"language": language, "rtl": RTL_LANGUAGES, "ui": strings["ui"], "roles": strings["roles"],
               "locales": strings["locales"], "dateInput": strings["dateInput"],
               "unknownColour": UNKNOWN_COLOUR, "fontFaces": _FONT_FACES, "nodes": nodes, "edges": edges, "options": json.loads(options), **tables,
               "window": _window_row(model)}
    vis_js = (_VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    app_js = (_TEMPLATES / "view.js").read_text(encoding="utf-8")
    environment = Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=select_autoescape(["html"]))
    return environment.get_template("view.html").render(
        title=title, language=language, direction="rtl" if language in RTL_LANGUAGES else "ltr",
        language_names=[(code, strings["languageNames"][code]) for code in VIEW_LANGUAGES],
        csp=_content_security_policy([vis_js, app_js]), data=script_safe_json(payload),
        vis_css=(_VIS_DIR / "vis-network.css").read_text(encoding="utf-8"), vis_js=vis_js, app_js=app_js,
    )


def write_view(graph: Source, path: Path, language: str = "en", window: Window = Window(),
               records: RecordCache | None = None) -> Shown | None:
    """Write the view to `path`; returns how much of the graph it shows. With `records`, what they still
    hold of the last build's view is not read again (exports/view_records.py)."""
    if language not in VIEW_LANGUAGES:   # before reading a big graph
        raise ValueError(f"view language {language!r} is not one of {', '.join(VIEW_LANGUAGES)}")
    model = read_view_model(graph, window, records)
    write_atomically(path, render_model(model, language).encode("utf-8"))
    return model.shown
