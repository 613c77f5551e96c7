"""Interactions as plain records, read from the store: the shared source of the CSV and network exports."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from graph.store import GraphStore

_EVENTS = """
SELECT DISTINCT ?event ?type ?day ?certainty ?mode ?cameo ?place ?initiator WHERE {
  ?event a dg:Interaction ; a ?type . FILTER(?type IN (dg:PhoneCall, dg:Meeting))
  OPTIONAL { ?event dg:date ?day }
  OPTIONAL { ?event dg:dateCertainty ?certainty }
  OPTIONAL { ?event dg:ploverMode ?mode }
  OPTIONAL { ?event dg:cameoCode ?cameo }
  OPTIONAL { ?event dg:place/rdfs:label ?place FILTER(langMatches(lang(?place), "en")) }
  OPTIONAL { ?event dg:initiator ?initiator }
}"""
_PARTICIPANTS = "SELECT DISTINCT ?event ?person WHERE { ?event a dg:Interaction ; dg:participant ?person }"
_SOURCES = """
SELECT DISTINCT ?event ?article ?file ?url WHERE {
  ?event a dg:Interaction ; prov:wasDerivedFrom ?article .
  OPTIONAL { ?article dg:sourceFile ?file } OPTIONAL { ?article schema:url ?url }
}"""
_EVIDENCE = "SELECT DISTINCT ?event ?sentence WHERE { ?event a dg:Interaction ; dg:evidence/dg:sentence ?sentence }"
_REPORTS = """
SELECT DISTINCT ?event ?kind ?modality ?day WHERE {
  ?event a dg:ContactReport ; dg:modality ?modality .
  OPTIONAL { ?event dg:contactKind ?kind }
  OPTIONAL { ?event dg:date ?day }
}"""
_PEOPLE = """
SELECT DISTINCT ?person ?label ?country WHERE {
  ?person a schema:Person .
  OPTIONAL { ?person rdfs:label ?label }
  OPTIONAL { ?person dg:holds/dg:country/dg:countryCode ?country }
}"""


@dataclass(slots=True)
class Person:
    iri: str
    labels: dict[str, str] = field(default_factory=dict)
    countries: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        return self.labels.get("en") or next(iter(sorted(self.labels.values())), self.iri.rsplit("/", 1)[-1])


@dataclass(slots=True)
class Event:
    iri: str
    kind: str
    day: str | None = None
    certainty: str | None = None
    mode: str | None = None
    cameo: str | None = None
    place: str | None = None
    initiator: str | None = None
    participants: list[str] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    files: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)
    sentences: set[str] = field(default_factory=set)
    modality: str = "happened"     # or planned, requested, hypothetical, denied (a dg:ContactReport)


def _value(row, name: str) -> str | None:
    term = row[name]
    return None if term is None else term.value


def read_people(store: GraphStore) -> dict[str, Person]:
    people: dict[str, Person] = {}
    for row in store.query(_PEOPLE):
        person = people.setdefault(row["person"].value, Person(row["person"].value))
        if row["label"] is not None:
            person.labels.setdefault(row["label"].language or "und", row["label"].value)
        if row["country"] is not None:
            person.countries.add(row["country"].value)
    return people


def read_events(store: GraphStore) -> list[Event]:
    """Every dg:Interaction (contacts that happened), in date order."""
    events: dict[str, Event] = {}
    for row in store.query(_EVENTS):
        kind = "phone" if row["type"].value.endswith("PhoneCall") else "meeting"
        events.setdefault(row["event"].value, Event(
            row["event"].value, kind, _value(row, "day"), _value(row, "certainty"), _value(row, "mode"),
            _value(row, "cameo"), _value(row, "place"), _value(row, "initiator")))
    return _completed(store, events, "dg:Interaction")


def read_reports(store: GraphStore) -> list[Event]:
    """Every dg:ContactReport (announced contacts: planned, requested, hypothetical, denied), in date order."""
    events: dict[str, Event] = {}
    for row in store.query(_REPORTS):
        events.setdefault(row["event"].value, Event(row["event"].value, _value(row, "kind") or "", _value(row, "day"),
                                                    modality=row["modality"].value))
    return _completed(store, events, "dg:ContactReport")


def _completed(store: GraphStore, events: dict[str, Event], kind: str) -> list[Event]:
    """Participants, sources and evidence sentences of the events read so far."""
    participants: dict[str, set[str]] = defaultdict(set)
    for row in store.query(_PARTICIPANTS.replace("dg:Interaction", kind)):
        participants[row["event"].value].add(row["person"].value)
    for row in store.query(_SOURCES.replace("dg:Interaction", kind)):
        event = events.get(row["event"].value)
        if event:
            event.articles.add(row["article"].value)
            if row["file"] is not None:
                event.files.add(row["file"].value)
            if row["url"] is not None:
                event.urls.add(row["url"].value)
    for row in store.query(_EVIDENCE.replace("dg:Interaction", kind)):
        if (event := events.get(row["event"].value)) is not None:
            event.sentences.add(row["sentence"].value)
    for iri, event in events.items():
        event.participants = sorted(participants[iri])
    return sorted(events.values(), key=lambda e: (e.day or "", e.iri))
