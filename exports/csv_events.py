"""One row per contact, like an event-data table (GDELT/ICEWS/POLECAT users know the shape): the interactions
(modality "happened"), then the announced contacts (planned, requested, hypothetical, denied).

Article text reaches the cells (the evidence, names, places). A spreadsheet evaluates a cell that begins
with = + - @ (or a tab or a carriage return before them), so such a cell is written with a leading
apostrophe, as OWASP recommends against CSV injection: the spreadsheet shows the text and runs nothing."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from extract.fileio import write_atomically
from graph.store import GraphStore

from .events import read_events, read_people, read_reports

COLUMNS = ("event_id", "date", "date_certainty", "actor1", "actor2", "country1", "country2", "type", "plover_mode",
           "cameo_code", "place", "initiator", "number_of_sources", "sources", "evidence", "modality")


# What a spreadsheet may read as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A text cell a spreadsheet would evaluate, with a leading apostrophe; any other value as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_events_csv(store: GraphStore, path: Path) -> int:
    """Write the table; returns the number of rows. Contacts of three or more people list the others in actor2."""
    people = read_people(store)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    # Contacts that happened first, then the announced ones (modality planned, requested, hypothetical, denied).
    events = read_events(store) + read_reports(store)

    def names(iris: list[str]) -> str:
        return "; ".join(people[i].name if i in people else i for i in iris)

    def countries(iris: list[str]) -> str:
        return "; ".join(sorted({c for i in iris if i in people for c in people[i].countries}))

    for event in events:
        first, *others = event.participants
        writer.writerow([spreadsheet_safe(cell) for cell in [
            event.iri, event.day or "", event.certainty or "", names([first]), names(others),
            countries([first]), countries(others), event.kind, event.mode or "", event.cameo or "", event.place or "",
            people[event.initiator].name if event.initiator in people else "",
            len(event.articles),
            " | ".join(sorted(event.urls or event.files)), " | ".join(sorted(event.sentences)), event.modality,
        ]])
    write_atomically(path, out.getvalue().encode("utf-8"))
    return len(events)
