"""Stable IRIs: the same thing always gets the same name, on any machine."""
from __future__ import annotations

import hashlib
import re

from rdflib import URIRef

from .vocab import ID


def digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def slug(text: str) -> str:
    cleaned = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return cleaned or digest(text)


def article_iri(article_id: str) -> URIRef:
    return ID[f"article/{article_id}"]


def graph_iri(article_id: str) -> URIRef:
    """The named graph that holds what one article says."""
    return ID[f"graph/{article_id}"]


def person_iri(person_id: str) -> URIRef:
    return ID[f"person/{slug(person_id)}"]


def publisher_iri(folded_name: str) -> URIRef:
    return ID[f"publisher/{digest(folded_name)}"]


def place_iri(place_id: str) -> URIRef:
    return ID[f"place/{slug(place_id)}"]


def topic_iri(topic_id: str) -> URIRef:
    return ID[f"topic/{slug(topic_id)}"]


def country_iri(code: str) -> URIRef:
    return ID[f"country/{slug(code)}"]


def office_iri(person_id: str, role: str, country: str, start: str | None) -> URIRef:
    return ID[f"office/{digest(person_id, role, country, start or '')}"]


def interaction_iri(participants: list[str], kind: str, day: str | None, anchor: str) -> URIRef:
    """Participants, type and date name an event; an undated one is anchored to its article."""
    return ID[f"interaction/{digest(*sorted(participants), kind, day or 'undated:' + anchor)}"]


def statement_iri(article_id: str, start: int, speakers: list[str]) -> URIRef:
    return ID[f"statement/{digest(article_id, str(start), *sorted(speakers))}"]


def mention_iri(article_id: str, start: int, end: int) -> URIRef:
    return ID[f"mention/{digest(article_id, str(start), str(end))}"]


def contact_report_iri(article_id: str, participants: list[str], kind: str, modality: str) -> URIRef:
    """An announced contact belongs to the article that announces it: one per article, people, type and modality."""
    return ID[f"report/{digest(article_id, *sorted(participants), kind, modality)}"]
