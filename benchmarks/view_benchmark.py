"""How fast the HTML view opens on a big graph: a benchmark that prints times, not a test.

Builds a synthetic graph in the public vocabulary (2,000 people, 10,000
interactions by default: hubs and a long tail, calls and meetings, places,
initiators, statements about topics, one or two articles each), writes the
view with exports.html_view, opens it in headless Chromium (Debian's package,
network blocked) and prints the time until the page's ready signal
(window.diplographReady, set after vis-network's first drawing), the file
size, and what one frame costs, still and while panning.

    python benchmarks/view_benchmark.py [--people 2000] [--interactions 10000] [--runs 3] [--keep FILE]
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]   # the project, and the tests' Chromium helpers

from browser_helpers import chromium, chromium_problem, open_view  # noqa: E402
from exports.html_view import build_network, write_view  # noqa: E402
from exports.view_model import read_view_model  # noqa: E402
from graph.vocab import DG, ID  # noqa: E402

SCHEMA = Namespace("https://schema.org/")
T = TypeVar("T")

# Synthetic names: syllables per script, so labels look like names in each language.
_SYLLABLES = {
    "en": ("al", "ba", "ri", "son", "ko", "mar", "dan", "el", "vi", "ta", "ser", "gey", "lin", "ha", "mu", "ra"),
    "ar": ("عب", "دال", "لـه", "مح", "مد", "سا", "مي", "فيـ", "صل", "نا", "صر", "خا", "لد", "حسـ", "ين", "رو"),
    "fa": ("عبا", "س", "عرا", "قچی", "پژ", "شکیا", "ن", "جوا", "د", "ظریـ", "ف", "مهـ", "دی", "کـا", "ظم", "ی"),
    "ru": ("ла", "вро", "сер", "гей", "ми", "ха", "ил", "ан", "дре", "ев", "ко", "ва", "ни", "на", "то", "лий"),
}
# Countries in order of how often they appear (a Zipf-like share each), in regions: most contacts
# stay inside a region, as in real news, so the graph has communities for the layout to find.
_REGIONS = (
    ("US", "GB", "FR", "DE", "EU", "UN", "IT", "ES", "CA", "AU"),
    ("RU", "UA", "BY", "KZ", "UZ", "AZ", "AM", "GE"),
    ("IR", "IQ", "SY", "LB", "TR", "AF", "PK", "IN"),
    ("CN", "JP", "KR", "ID", "MY"),
    ("SA", "QA", "AE", "OM", "KW", "BH", "YE", "LAS"),
    ("EG", "JO", "IL", "PS", "DZ", "MA", "TN", "LY", "SD"),
    ("BR", "ZA", "NG", "AR", "MX"),
)
_PRESENCE = ("US", "RU", "IR", "CN", "TR", "SA", "EG", "JO", "QA", "AE", "SY", "IQ", "LB", "FR", "GB", "DE", "UA", "IL",
             "PS", "OM", "KW", "BH", "YE", "EU", "UN", "LAS", "DZ", "PK", "IN", "JP", "IT", "ES", "KR", "AF", "BY", "KZ",
             "UZ", "AZ", "AM", "GE", "ID", "MY", "MA", "TN", "LY", "SD", "BR", "ZA", "NG", "AR", "MX", "CA", "AU")
_COUNTRY_WEIGHTS = [1 / (rank + 1) ** 0.9 for rank in range(len(_PRESENCE))]
_REGION_OF = {code: k for k, region in enumerate(_REGIONS) for code in region}
_IN_REGION = 0.8            # share of contacts between people of one region
_ROLES = ("foreign_minister", "head_of_state", "head_of_government", "deputy_foreign_minister", "special_envoy")
_LANGUAGES = ("en", "ar", "fa", "ru")
_SENTENCE = {
    "en": "The two ministers discussed regional developments, the situation in Gaza and ways to strengthen bilateral cooperation, the ministry said",
    "ar": "وبحث الوزيران خلال الاتصال التطورات الإقليمية والأوضاع في غزة وسبل تعزيز التعاون الثنائي بين البلدين الشقيقين، وفق بيان الوزارة",
    "fa": "دو وزیر در این گفتگو درباره تحولات منطقه، وضعیت غزه و راه‌های گسترش همکاری‌های دوجانبه رایزنی کردند، به گزارش وزارت خارجه",
    "ru": "Министры обсудили ситуацию в регионе, положение в секторе Газа и пути укрепления двустороннего сотрудничества, сообщили в МИД",
}


def _name(rng: random.Random, language: str, parts: int) -> str:
    words = ["".join(rng.choice(_SYLLABLES[language]) for _ in range(rng.randint(2, 3))) for _ in range(parts)]
    return " ".join(w.capitalize() for w in words)


def _labels(graph: Graph, node: URIRef, rng: random.Random, parts: int, predicate: URIRef = RDFS.label) -> None:
    for language in _LANGUAGES:
        graph.add((node, predicate, Literal(_name(rng, language, parts), lang=language)))


def _topics(graph: Graph, rng: random.Random) -> list[URIRef]:
    roots = [ID[f"topic/bench-{i}"] for i in range(20)]
    topics = list(roots)
    for i in range(40):
        narrower = ID[f"topic/bench-narrow-{i}"]
        graph.add((narrower, SKOS.broader, roots[i % len(roots)]))
        topics.append(narrower)
    for topic in topics:
        graph.add((topic, RDF.type, DG.Topic))
        graph.add((topic, RDF.type, SKOS.Concept))
        _labels(graph, topic, rng, 2, SKOS.prefLabel)
    return topics


def _people(graph: Graph, rng: random.Random, count: int) -> tuple[list[URIRef], list[int]]:
    """The people and the region of each."""
    people, regions = [], []
    for i in range(count):
        person = ID[f"person/bench-{i}"]
        graph.add((person, RDF.type, SCHEMA.Person))
        _labels(graph, person, rng, 2)
        office = ID[f"office/bench-{i}"]
        graph.add((person, DG.holds, office))
        graph.add((office, RDF.type, DG.Office))
        graph.add((office, DG.role, Literal(rng.choice(_ROLES))))
        country = rng.choices(_PRESENCE, _COUNTRY_WEIGHTS)[0]
        regions.append(_REGION_OF[country])
        graph.add((office, DG.country, ID[f"country/{country.lower()}"]))
        graph.add((ID[f"country/{country.lower()}"], DG.countryCode, Literal(country)))
        start = date(2008, 1, 1) + timedelta(days=rng.randrange(5000))
        graph.add((office, DG.startDate, Literal(start.isoformat(), datatype=XSD.date)))
        people.append(person)
    return people, regions


def synthetic_graph(people_count: int, interaction_count: int, seed: int = 7) -> Graph:
    """People, calls and meetings, places, articles, statements and topics, shaped like a real build."""
    rng = random.Random(seed)
    graph = Graph()
    topics = _topics(graph, rng)
    people, regions = _people(graph, rng, people_count)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(people_count)]   # a few hubs, a long tail
    by_region: dict[int, tuple[list[URIRef], list[float]]] = {}
    for person, region, weight in zip(people, regions, weights):
        members, shares = by_region.setdefault(region, ([], []))
        members.append(person)
        shares.append(weight)
    region_of = dict(zip(people, regions))
    places = [ID[f"place/bench-{i}"] for i in range(40)]
    for place in places:
        graph.add((place, RDF.type, DG.Place))
        _labels(graph, place, rng, 1)
    publishers = [ID[f"publisher/bench-{i}"] for i in range(12)]
    for publisher in publishers:
        _labels(graph, publisher, rng, 2)
    for i in range(interaction_count):
        event, language = ID[f"interaction/bench-{i}"], rng.choice(_LANGUAGES)
        members: set[URIRef] = set()
        first = rng.choices(people, weights)[0]
        members.add(first)
        while len(members) < (3 if rng.random() < 0.05 else 2):
            region = by_region[region_of[first]]
            pool = region if rng.random() < _IN_REGION and len(region[0]) > 3 else (people, weights)
            members.add(rng.choices(*pool)[0])
        phone = rng.random() < 0.5
        graph.add((event, RDF.type, DG.Interaction))
        graph.add((event, RDF.type, DG.PhoneCall if phone else DG.Meeting))
        for person in members:
            graph.add((event, DG.participant, person))
            for other in members - {person}:
                graph.add((person, DG.spokeWith, other))
        if rng.random() < 0.9:
            day = date(2010, 1, 1) + timedelta(days=rng.randrange(5800))
            graph.add((event, DG.date, Literal(day.isoformat(), datatype=XSD.date)))
        if phone and rng.random() < 0.5:
            graph.add((event, DG.initiator, rng.choice(sorted(members))))
        if not phone:
            graph.add((event, DG.place, rng.choice(places)))
        for a in range(1 if rng.random() < 0.8 else 2):
            article = ID[f"article/bench-{i}-{a}"]
            graph.add((event, PROV.wasDerivedFrom, article))
            graph.add((article, RDF.type, SCHEMA.NewsArticle))
            graph.add((article, DG.sourceFile, Literal(f"feeds/{language}/{i}-{a}.txt")))
            graph.add((article, SCHEMA.url, Literal(f"https://news.example/{language}/{i}-{a}", datatype=XSD.anyURI)))
            graph.add((article, SCHEMA.headline, Literal(_SENTENCE[language][:70], lang=language)))
            graph.add((article, SCHEMA.publisher, rng.choice(publishers)))
        evidence = ID[f"evidence/bench-{i}"]
        graph.add((event, DG.evidence, evidence))
        graph.add((evidence, DG.sentence, Literal(f"{_SENTENCE[language]} ({i}).", lang=language)))
        if rng.random() < 0.6:
            statement = ID[f"statement/bench-{i}"]
            graph.add((statement, RDF.type, DG.Statement))
            graph.add((statement, DG.speaker, rng.choice(sorted(members))))
            for topic in rng.sample(topics, rng.randint(1, 3)):
                graph.add((statement, DG.about, topic))
            graph.add((statement, DG.text, Literal(f"{_SENTENCE[language]} [{i}]", lang=language)))
            graph.add((statement, DG.during, event))
    return graph


def _timed(step: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = step()
    return result, time.perf_counter() - start


_FRAME_COST = """async () => {
  const network = window.diplograph.network, costs = [];
  let started = 0;
  network.on("beforeDrawing", () => { started = performance.now(); });
  network.on("afterDrawing", () => { costs.push(performance.now() - started); });
  for (let i = 0; i < 10; i++) { network.redraw(); await new Promise(requestAnimationFrame); }
  return costs;
}"""
_PAN = """async () => {
  const network = window.diplograph.network, costs = [];
  let started = 0;
  network.on("beforeDrawing", () => { started = performance.now(); });
  network.on("afterDrawing", () => { costs.push(performance.now() - started); });
  window.__panCosts = costs;
}"""


def _browser_times(path: Path, runs: int) -> tuple[list[float], list[float], list[float], list[float]]:
    walls, readies, still, panning = [], [], [], []
    with chromium() as browser:
        for _ in range(runs):
            start = time.perf_counter()
            view = open_view(browser, path, timeout_ms=120_000)
            walls.append(time.perf_counter() - start)
            readies.append(view.page.evaluate("window.diplographReadyAt") / 1000)
            assert not view.console_errors and not view.network_attempts, (view.console_errors, view.network_attempts)
            still += view.page.evaluate(_FRAME_COST)
            view.page.evaluate(_PAN)
            view.page.mouse.move(700, 500)
            view.page.mouse.down()
            for step in range(30):
                view.page.mouse.move(700 + 8 * step, 500 + 4 * step)
            view.page.mouse.up()
            panning += view.page.evaluate("window.__panCosts")
            view.close()
    return walls, readies, still, panning


def _median_ms(costs: list[float]) -> str:
    return f"{statistics.median(costs):.0f} ms" if costs else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--interactions", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3, help="times the page is opened (default 3)")
    parser.add_argument("--keep", type=Path, metavar="FILE", help="write the view here and keep it")
    args = parser.parse_args(argv)
    problem = chromium_problem()
    if problem:
        print(f"view_benchmark: {problem}", file=sys.stderr)
        return 2

    graph, generated = _timed(lambda: synthetic_graph(args.people, args.interactions))
    model, model_time = _timed(lambda: read_view_model(graph))
    _, network_time = _timed(lambda: build_network(model))
    with tempfile.TemporaryDirectory() as scratch:
        path = args.keep or Path(scratch) / "graph.html"
        _, write_time = _timed(lambda: write_view(graph, path))
        size = path.stat().st_size
        walls, readies, still, panning = _browser_times(path, args.runs)
        empty = Path(scratch) / "empty.html"   # the floor: the same page and scripts with nothing to draw
        write_view(Graph(), empty)
        floor_walls, floor_readies, _, _ = _browser_times(empty, args.runs)

    print(f"graph: {len(model.contacts)} people with contacts, {len(model.pairs)} pairs, "
          f"{len(model.interactions)} interactions, {len(graph)} triples (generated in {generated:.1f} s)")
    print(f"view written in {write_time:.1f} s (reading the graph {model_time:.1f} s, "
          f"layout and network {network_time:.1f} s); file {size / 1e6:.1f} MB")
    print("open to ready, wall clock: " + ", ".join(f"{t:.2f} s" for t in walls) + f" (median {statistics.median(walls):.2f} s)")
    print("open to ready, in page (navigation start to first drawing): "
          + ", ".join(f"{t:.2f} s" for t in readies) + f" (median {statistics.median(readies):.2f} s)")
    print("floor, an empty view in the same browser: wall clock median "
          f"{statistics.median(floor_walls):.2f} s, in page median {statistics.median(floor_readies):.2f} s")
    print(f"one frame: still {_median_ms(still)}, while panning {_median_ms(panning)} "
          f"(median of {len(still)} and {len(panning)} frames)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
