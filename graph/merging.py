"""One event per event: an undated report joins the one dated event it can only be.

Interactions with a date get their IRI from participants, type and date, so
reports of one event from many articles already meet in one node. An
undated report is anchored to its article; it is merged into a dated event
only when that is safe: the same people, the same type, and exactly one such
event dated within a few days before the report's publication.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .store import GraphStore

# A report published on day P that gives no date speaks of an event on P or
# shortly before: "held talks" is news for a day or two, not a week.
UNDATED_MERGE_WINDOW_DAYS = 2

_UNDATED = """
SELECT DISTINCT ?event ?kind ?published WHERE {
  ?event a dg:Interaction ; a ?kind ; prov:wasDerivedFrom/schema:datePublished ?published .
  FILTER(?kind IN (dg:PhoneCall, dg:Meeting))
  FILTER NOT EXISTS { ?event dg:date ?any }
}"""
_DATED = """
SELECT DISTINCT ?event ?day WHERE {{
  ?event a <{kind}> ; dg:date ?day .
  FILTER(?day >= "{start}"^^xsd:date && ?day <= "{end}"^^xsd:date)
}}"""
_RENAME = """
DELETE {{ GRAPH ?g {{ <{old}> ?p ?o }} }} INSERT {{ GRAPH ?g {{ <{new}> ?p ?o }} }} WHERE {{ GRAPH ?g {{ <{old}> ?p ?o }} }} ;
DELETE {{ GRAPH ?g {{ ?s ?p <{old}> }} }} INSERT {{ GRAPH ?g {{ ?s ?p <{new}> }} }} WHERE {{ GRAPH ?g {{ ?s ?p <{old}> }} }}
"""


def _participants(store: "GraphStore", event: str) -> frozenset[str]:
    return frozenset(row["p"].value for row in store.query(f"SELECT DISTINCT ?p WHERE {{ <{event}> dg:participant ?p }}"))


def merge_undated_reports(store: "GraphStore") -> int:
    merged = 0
    undated = [(row["event"].value, row["kind"].value, date.fromisoformat(row["published"].value[:10]))
               for row in store.query(_UNDATED)]
    for event, kind, published in undated:
        people = _participants(store, event)
        start = published - timedelta(days=UNDATED_MERGE_WINDOW_DAYS)
        candidates = {row["event"].value for row in store.query(
            _DATED.format(kind=kind, start=start.isoformat(), end=published.isoformat()))}
        same = [c for c in candidates if _participants(store, c) == people]
        if len(same) == 1:
            store.update(_RENAME.format(old=event, new=same[0]))
            merged += 1
    return merged
