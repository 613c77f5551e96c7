"""One event per event: an undated report joins the one dated event it can only be.

Interactions with a date get their IRI from participants, type and date, so
reports of one event from many articles already meet in one node. An
undated report is anchored to its article; it is merged into a dated event
only when that is safe: the same people, the same type, and exactly one such
event dated within a few days before the report's publication.

A report whose article gives no publication date has no window to look in:
it joins the one dated event of the same people and type in the whole store
only when the text agrees with it — the day of the week it names falls on the
event's day, or it names the event's place — and nothing it says disagrees.

Merges are recorded (`dg:mergedFrom`, in the report's own graph) and weighed
again on every build that changed the store, so the result depends only on
what the store holds, never on the order in which articles arrived: a merge
that a later article makes unsafe is undone. A report's merge depends only
on the events whose people are exactly its people, so a build weighs again
only the merges and reports of the groups of people of the interactions of
the articles that came or went (pending_tallies.py keeps them), which gives
what weighing every report gives (tests/test_incremental.py checks it).

Each merge and each undoing is one SPARQL update (the renames, the record and
the union's resync together), which Oxigraph applies as one transaction: a
process killed between two never leaves a rename without its record.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from .pending_tallies import Pending, groups_query

if TYPE_CHECKING:  # pragma: no cover
    from .store import GraphStore

# Beyond this many articles added since the last merges, weighing every report is no dearer.
REWEIGH_MAX_ARTICLES = 5000
_GRAPHS_PER_QUERY = 500

# A report published on day P that gives no date speaks of an event on P or
# shortly before: "held talks" is news for a day or two, not a week.
UNDATED_MERGE_WINDOW_DAYS = 2

# {people}: "" for every report, or "VALUES ?event { … }" for the events of some groups of people.
_UNDATED = """
SELECT DISTINCT ?event ?kind ?published WHERE {{ {people}
  ?event a dg:Interaction ; a ?kind ; prov:wasDerivedFrom ?article . ?article schema:datePublished ?published .
  FILTER(?kind IN (dg:PhoneCall, dg:Meeting))
  FILTER NOT EXISTS {{ ?event dg:date ?any }}
}}"""
# Dated events of the kind in the window with (at least) the report's people: starting from the
# people, not from every dated event of the store.
_DATED = """
SELECT DISTINCT ?event ?day WHERE {{
  ?event {people} a <{kind}> ; dg:date ?day .
  FILTER(?day >= "{start}"^^xsd:date && ?day <= "{end}"^^xsd:date)
}}"""
_UNDATED_UNPUBLISHED = """
SELECT DISTINCT ?event ?kind WHERE {{ {people}
  ?event a dg:Interaction ; a ?kind .
  FILTER(?kind IN (dg:PhoneCall, dg:Meeting))
  FILTER NOT EXISTS {{ ?event dg:date ?any }}
  FILTER NOT EXISTS {{ ?event prov:wasDerivedFrom ?article . ?article schema:datePublished ?published }}
}}"""
# (The two steps written as a join, not as the path prov:wasDerivedFrom/schema:datePublished: Oxigraph
# took 39 s for the path inside FILTER NOT EXISTS on 10,000 articles, 0.2 s for the join.)
_DATED_WITH = "SELECT DISTINCT ?event ?day WHERE {{ ?event a <{kind}> ; {people} dg:date ?day }}"
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_RENAME = """
DELETE {{ GRAPH <{graph}> {{ <{old}> ?p ?o }} }} INSERT {{ GRAPH <{graph}> {{ <{new}> ?p ?o }} }}
WHERE {{ GRAPH <{graph}> {{ <{old}> ?p ?o }} }} ;
DELETE {{ GRAPH <{graph}> {{ ?s ?p <{old}> }} }} INSERT {{ GRAPH <{graph}> {{ ?s ?p <{new}> }} }}
WHERE {{ GRAPH <{graph}> {{ ?s ?p <{old}> }} }}
"""
_MERGED = "SELECT DISTINCT ?g ?event ?report WHERE {{ GRAPH ?g {{ ?event dg:mergedFrom ?report }} {people} }}"
# Whether an interaction of the added articles names nobody.
_NOBODY_IN = """ASK {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?event a dg:Interaction
  FILTER NOT EXISTS {{ ?event dg:participant ?anyone }} }} }}"""
_GRAPHS_OF = "SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{event}> a dg:Interaction }} }}"


def _participants(store: "GraphStore", event: str) -> frozenset[str]:
    return frozenset(row["p"].value for row in store.query(f"SELECT DISTINCT ?p WHERE {{ <{event}> dg:participant ?p }}"))


def _iris(values: Iterable[str]) -> str:
    return " ".join(f"<{value}>" for value in sorted(values))


def touched_groups(store: "GraphStore", pending: Pending) -> set[frozenset[str]] | None:
    """The groups of people whose merges the pending articles can change: the people of each of their
    interactions (a dated event's IRI is made of its people, kind and day, so every graph gives it
    the same people). None when every report has to be weighed again (everything pending, too many
    articles, or an interaction naming nobody: no group stands for the reports it could change)."""
    if pending.everything or len(pending.graphs) > REWEIGH_MAX_ARTICLES:
        return None
    groups = set(pending.groups)
    for start in range(0, len(graphs := sorted(pending.graphs)), _GRAPHS_PER_QUERY):
        listed = _iris(graphs[start:start + _GRAPHS_PER_QUERY])
        if store.query(_NOBODY_IN.format(graphs=listed)):
            return None
        groups |= {frozenset(row["group"].value.split()) for row in store.query(groups_query(listed))}
    return groups


def _having(group: frozenset[str]) -> str:
    """The pattern that keeps the events `group` takes part in (with others, maybe)."""
    return "?event dg:participant %s ." % ", ".join(f"<{person}>" for person in sorted(group))


def _group_events(store: "GraphStore", groups: set[frozenset[str]]) -> list[str]:
    """The events whose people are exactly one of `groups`: one lookup of each group's people (the join
    of their events is what costs, 5 ms for a minister with a thousand), then what each query asks of them."""
    events = []
    for group in sorted(groups, key=sorted):
        events += [row["event"].value for row in store.query(f"SELECT DISTINCT ?event WHERE {{ {_having(group)} }}")
                   if _participants(store, row["event"].value) == group]
    return sorted(events)


def _events_of(store: "GraphStore", query: str, events: list[str] | None) -> list:
    """The solutions of `query` ({people} filled in): over every event for None, else over `events`."""
    if events is None:
        return list(store.query(query.format(people="")))
    rows = []
    for start in range(0, len(events), _GRAPHS_PER_QUERY):
        rows += store.query(query.format(people=f"VALUES ?event {{ {_iris(events[start:start + _GRAPHS_PER_QUERY])} }}"))
    return rows


def _undo_merges(store: "GraphStore", events: list[str] | None) -> set[str]:
    """Undo the merges into `events` (None: every merge); returns the reports it gave back their own IRI."""
    restored = set()
    for row in _events_of(store, _MERGED, events):
        graph, event, report = row["g"].value, row["event"].value, row["report"].value
        store.update_touching(f"DELETE DATA {{ GRAPH <{graph}> {{ <{event}> dg:mergedFrom <{report}> }} }} ;\n"
                              + _RENAME.format(graph=graph, old=event, new=report) + " ;\n"
                              + store.resync_update({event, report}), {event, report})
        restored.add(report)
    return restored


def _places(store: "GraphStore", event: str) -> set[str]:
    """The event's places and the cities its venues stand in."""
    return {row["p"].value for row in store.query(
        f"SELECT DISTINCT ?p WHERE {{ <{event}> dg:place/schema:containedInPlace? ?p }}")}


def _weekday(store: "GraphStore", event: str) -> int | None:
    for row in store.query(f"SELECT ?w WHERE {{ <{event}> schema:dayOfWeek ?w }}"):
        name = row["w"].value.rsplit("/", 1)[-1]
        if name in _WEEKDAY_NAMES:
            return _WEEKDAY_NAMES.index(name)
    return None


def _agreeing_event(store: "GraphStore", event: str, kind: str) -> str | None:
    """The one dated event of the same people and type that an unpublished, undated report agrees with."""
    people = _participants(store, event)
    pattern = " ".join(f"dg:participant <{p}> ;" for p in sorted(people))
    dated = {(row["event"].value, date.fromisoformat(row["day"].value[:10]))
             for row in store.query(_DATED_WITH.format(kind=kind, people=pattern))}
    same = [(c, day) for c, day in dated if _participants(store, c) == people]
    if len({c for c, _ in same}) != 1:
        return None
    (candidate, day), = same[:1]
    weekday, places, their_places = _weekday(store, event), _places(store, event), _places(store, candidate)
    if weekday is not None and weekday != day.weekday():
        return None
    if places and their_places and not places & their_places:
        return None
    agrees = weekday is not None or bool(places & their_places)
    return candidate if agrees else None


def _merge(store: "GraphStore", event: str, into: str) -> None:
    """Rename the report to the event in every graph, record it and resync the union: one update."""
    steps = [_RENAME.format(graph=row["g"].value, old=event, new=into)
             + f" ;\nINSERT DATA {{ GRAPH <{row['g'].value}> {{ <{into}> dg:mergedFrom <{event}> }} }}"
             for row in list(store.query(_GRAPHS_OF.format(event=event)))]
    store.update_touching(" ;\n".join([*steps, store.resync_update({event, into})]), {event, into})


def merge_undated_reports(store: "GraphStore", pending: Pending | None = None) -> int:
    """Merge every undated report that can only be one dated event; returns how many were merged
    (with `pending`, only the reports and merges of the groups of people it touches are weighed again)."""
    groups = None if pending is None else touched_groups(store, pending)
    if groups is not None and not groups:
        return 0
    events = None if groups is None else _group_events(store, groups)
    restored = _undo_merges(store, events)
    if events is not None:      # a report merged had the event's people: one of the groups' events now
        events = sorted({*events, *restored})
    merged = 0
    undated = [(row["event"].value, row["kind"].value, date.fromisoformat(row["published"].value[:10]))
               for row in _events_of(store, _UNDATED, events)]
    for event, kind, published in undated:
        people = _participants(store, event)
        start = published - timedelta(days=UNDATED_MERGE_WINDOW_DAYS)
        pattern = " ".join(f"dg:participant <{p}> ;" for p in sorted(people))
        candidates = {row["event"].value for row in store.query(
            _DATED.format(kind=kind, people=pattern, start=start.isoformat(), end=published.isoformat()))}
        same = [c for c in candidates if _participants(store, c) == people]
        if len(same) != 1:
            continue
        _merge(store, event, same[0])
        merged += 1
    for row in _events_of(store, _UNDATED_UNPUBLISHED, events):
        event, kind = row["event"].value, row["kind"].value
        if (into := _agreeing_event(store, event, kind)) is not None:
            _merge(store, event, into)
            merged += 1
    return merged
