"""What the extraction tests read from one short article: its facts, the pairs that took part, the announced contacts."""
from __future__ import annotations

from extract.ingest import RawDocument
from extract.pipeline import extract_facts
from extract.reader import to_article


def facts(text: str):
    """The facts extracted from `text` as one plain-text article."""
    return extract_facts(to_article(RawDocument("t.txt", "text", text)))


def pairs(result) -> list[tuple[str, ...]]:
    """The people of each interaction (that happened), sorted."""
    return sorted(tuple(sorted(p.id for p in i.participants)) for i in result.interactions)


def announced(result) -> list[tuple[str, tuple[str, ...]]]:
    """(modality, people) of each announced contact, sorted."""
    return sorted((r.modality, tuple(sorted(p.id for p in r.participants))) for r in result.reports)
