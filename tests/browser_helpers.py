"""Helpers for the view tests: opening a view in real headless Chromium with the network
blocked, and a tiny graph written triple by triple in the public vocabulary.

Chromium is Debian's package driven by Playwright (`pip install playwright`, no
browser download), at /usr/bin/chromium or $DIPLOGRAPH_CHROMIUM. Tests that need
it skip with the reason when it is missing, and fail instead when CI is set:
CI installs it.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

CHROMIUM = Path(os.environ.get("DIPLOGRAPH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
LOCAL_SCHEMES = ("file:", "data:", "about:")
READY = "window.diplographReady === true"


def chromium_problem() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing (pip install playwright; no browser download needed)"
    return None


def require_chromium() -> None:
    problem = chromium_problem()
    if problem and os.environ.get("CI"):
        pytest.fail(f"{problem}: CI must run the browser tests")
    if problem:
        pytest.skip(problem)


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class ViewPage:
    """An open view, with what it logged and every request it tried to make outside file: and data:."""

    page: Any
    context: Any
    console_errors: list[str] = field(default_factory=list)
    network_attempts: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: object = None) -> Any:
        return self.page.evaluate(expression, arg)

    def close(self) -> None:
        self.context.close()


def open_view(browser: Any, path: Path, *, timeout_ms: int = 30_000, viewport: tuple[int, int] = (1400, 900)) -> ViewPage:
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, service_workers="block")
    view = ViewPage(page=None, context=context)

    def route(route: Any) -> None:
        if route.request.url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            view.network_attempts.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    view.page = page
    page.on("console", lambda message: view.console_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: view.console_errors.append(f"uncaught: {error}"))
    page.on("request", lambda request: None if request.url.startswith(LOCAL_SCHEMES)
            else view.network_attempts.append(request.url))
    page.goto(path.resolve().as_uri())
    page.wait_for_function(READY, timeout=timeout_ms)
    return view


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_chromium()
    with chromium() as launched:
        yield launched


# ---- a tiny graph in the public vocabulary, written triple by triple ---------------------------------
DG = Namespace("https://w3id.org/diplograph/ns#")
SCHEMA = Namespace("https://schema.org/")
ID = Namespace("https://w3id.org/diplograph/id/")

PEOPLE = {   # key → (country, names in en, ar, fa, ru)
    "lavrov": ("RU", "Sergey Lavrov", "سيرغي لافروف", "سرگئی لاوروف", "Сергей Лавров"),
    "fidan": ("TR", "Hakan Fidan", "هاكان فيدان", "هاکان فیدان", "Хакан Фидан"),
    "safadi": ("JO", "Ayman Safadi", "أيمن الصفدي", "ایمن الصفدی", "Айман Сафади"),
    "wang": ("CN", "Wang Yi", "وانغ يي", "وانگ یی", "Ван И"),
}
TOPICS = {   # key → (broader, English label)
    "gaza-war": (None, "Gaza war"), "ceasefire": ("gaza-war", "Ceasefire"), "sanctions": (None, "Sanctions"),
}


@dataclass(frozen=True)
class Contact:
    """One interaction of the tiny graph."""

    key: str
    people: tuple[str, ...]
    kind: str = "Meeting"
    day: str | None = None
    topics: tuple[str, ...] = ()
    sentence: str = "The two ministers discussed regional developments."
    headline: str = "Ministers meet"
    published: str | None = None   # the article's day


def tiny_graph(contacts: list[Contact]) -> Graph:
    graph = Graph()
    for key, (country, *names) in PEOPLE.items():
        person, office = ID[f"person/{key}"], ID[f"office/{key}"]
        graph.add((person, RDF.type, SCHEMA.Person))
        for language, name in zip(("en", "ar", "fa", "ru"), names):
            graph.add((person, RDFS.label, Literal(name, lang=language)))
        graph.add((person, DG.holds, office))
        graph.add((office, DG.role, Literal("foreign_minister")))
        graph.add((office, DG.country, ID[f"country/{country.lower()}"]))
        graph.add((ID[f"country/{country.lower()}"], DG.countryCode, Literal(country)))
    for key, (broader, label) in TOPICS.items():
        graph.add((ID[f"topic/{key}"], RDF.type, DG.Topic))
        graph.add((ID[f"topic/{key}"], SKOS.prefLabel, Literal(label, lang="en")))
        if broader:
            graph.add((ID[f"topic/{key}"], SKOS.broader, ID[f"topic/{broader}"]))
    for contact in contacts:
        event, article, evidence = (ID[f"{kind}/{contact.key}"] for kind in ("interaction", "article", "evidence"))
        graph.add((event, RDF.type, DG.Interaction))
        graph.add((event, RDF.type, DG[contact.kind]))
        for person in contact.people:
            graph.add((event, DG.participant, ID[f"person/{person}"]))
            for other in contact.people:
                if other != person:
                    graph.add((ID[f"person/{person}"], DG.spokeWith, ID[f"person/{other}"]))
        if contact.day:
            graph.add((event, DG.date, Literal(contact.day, datatype=XSD.date)))
        graph.add((event, PROV.wasDerivedFrom, article))
        graph.add((article, RDF.type, SCHEMA.NewsArticle))
        graph.add((article, DG.sourceFile, Literal(f"{contact.key}.txt")))
        graph.add((article, SCHEMA.headline, Literal(contact.headline, lang="en")))
        if contact.published:
            graph.add((article, SCHEMA.datePublished, Literal(contact.published, datatype=XSD.date)))
        graph.add((event, DG.evidence, evidence))
        graph.add((evidence, DG.sentence, Literal(contact.sentence, lang="en")))
        if contact.topics:
            statement = ID[f"statement/{contact.key}"]
            graph.add((statement, RDF.type, DG.Statement))
            graph.add((statement, DG.speaker, ID[f"person/{contact.people[0]}"]))
            for topic in contact.topics:
                graph.add((statement, DG.about, ID[f"topic/{topic}"]))
            graph.add((statement, DG.text, Literal(contact.sentence, lang="en")))
            graph.add((statement, DG.during, event))
            graph.add((statement, PROV.wasDerivedFrom, article))
    return graph


SPARQL_PREFIXES = """PREFIX dg: <https://w3id.org/diplograph/ns#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def people_with_contacts(graph: Graph) -> set[str]:
    return {str(row.p) for row in graph.query(SPARQL_PREFIXES + "SELECT DISTINCT ?p WHERE { ?p dg:spokeWith ?q }")}


def contact_pairs(graph: Graph) -> set[tuple[str, str]]:
    query = SPARQL_PREFIXES + "SELECT DISTINCT ?a ?b WHERE { ?a dg:spokeWith ?b FILTER(STR(?a) < STR(?b)) }"
    return {(str(row.a), str(row.b)) for row in graph.query(query)}
