"""Records → triples with the public vocabulary, as Oxigraph terms ready for the store.

One `ArticleTriples` collects what one article contributes (its named graph).
People, places and topics are written once per article however often they
are mentioned.
"""
from __future__ import annotations

import io
from datetime import date, datetime
from functools import lru_cache
from typing import TypeVar

import pyoxigraph as ox
from rdflib import Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from extract.records import (
    Article, ArticleFacts, ContactReport, Evidence, Interaction, Mention, Office, PersonRef, PlaceRef, Statement,
    TopicRef,
)

from . import iris
from .vocab import DG

SCHEMA = Namespace("https://schema.org/")
WIKIDATA = "http://www.wikidata.org/entity/"
PREFIXES = {"dg": str(DG._NS), "schema": str(SCHEMA), "skos": str(SKOS), "prov": str(PROV), "rdfs": str(RDFS),
            "owl": str(OWL), "xsd": str(XSD), "dgid": str(iris.ID)}


# Bounded: vocabulary, people, places and topics recur and stay cached; the nodes of one article's
# mentions and statements never recur, and an unbounded cache grew with the corpus.
@lru_cache(maxsize=8192)
def _node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


_DATE, _DATETIME, _INTEGER, _BOOLEAN, _ANYURI = (ox.NamedNode(str(t)) for t in
                                                 (XSD.date, XSD.dateTime, XSD.integer, XSD.boolean, XSD.anyURI))
_TYPE = _node(str(RDF.type))
_KIND_CLASS = {"phone": str(DG.PhoneCall), "meeting": str(DG.Meeting)}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")   # schema:DayOfWeek


def text(value: str, language: str | None = None) -> ox.Literal:
    return ox.Literal(value, language=language) if language else ox.Literal(value)


def when(value: date | datetime) -> ox.Literal:
    if isinstance(value, datetime):
        return ox.Literal(value.isoformat(), datatype=_DATETIME)
    return ox.Literal(value.isoformat(), datatype=_DATE)


def number(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_INTEGER)


class ArticleTriples:
    """The triples of one named graph."""

    def __init__(self) -> None:
        self.triples: list[ox.Triple] = []
        self._written: set[str] = set()     # people, places, topics already described here

    def add(self, subject: str, predicate: str, obj: ox.NamedNode | ox.Literal | str) -> None:
        target = _node(obj) if isinstance(obj, str) else obj
        self.triples.append(ox.Triple(_node(subject), _node(predicate), target))

    def first_time(self, iri: str) -> bool:
        if iri in self._written:
            return False
        self._written.add(iri)
        return True

    def __len__(self) -> int:
        return len(self.triples)


def add_article(out: ArticleTriples, article: Article) -> str:
    node = str(iris.article_iri(article.id))
    out.add(node, _TYPE.value, str(SCHEMA.NewsArticle))
    out.add(node, DG.sourceFile, text(article.source_file))
    if article.line is not None:
        out.add(node, DG.jsonlLine, number(article.line))
    if article.language:
        out.add(node, str(SCHEMA.inLanguage), text(article.language))
    if article.published is not None:
        out.add(node, str(SCHEMA.datePublished), when(article.published))
    if article.headline:
        out.add(node, str(SCHEMA.headline), text(article.headline, article.language))
    if article.url:
        out.add(node, str(SCHEMA.url), ox.Literal(article.url, datatype=_ANYURI))
    if article.publisher:
        publisher = str(iris.publisher_iri(" ".join(article.publisher.casefold().split())))
        out.add(node, str(SCHEMA.publisher), publisher)
        out.add(publisher, _TYPE.value, str(SCHEMA.Organization))
        out.add(publisher, str(RDFS.label), text(article.publisher, article.language))
    return node


def _labels(out: ArticleTriples, node: str, labels: tuple[tuple[str, str], ...], predicate: str = str(RDFS.label)) -> None:
    for language, label in labels:
        out.add(node, predicate, text(label, language))


def add_person(out: ArticleTriples, person: PersonRef) -> str:
    node = str(iris.person_iri(person.id))
    if out.first_time(node):
        out.add(node, _TYPE.value, str(SCHEMA.Person))
        _labels(out, node, person.labels)
        if person.wikidata:
            out.add(node, str(OWL.sameAs), WIKIDATA + person.wikidata)
        for office in person.offices:
            add_office(out, node, person.id, office)
    return node


def add_office(out: ArticleTriples, person: str, person_id: str, office: Office) -> None:
    start = office.start.isoformat() if office.start else None
    node = str(iris.office_iri(person_id, office.role, office.country, start))
    country = str(iris.country_iri(office.country))
    out.add(person, DG.holds, node)
    out.add(node, _TYPE.value, DG.Office)
    out.add(node, DG.role, text(office.role))
    out.add(node, DG.country, country)
    out.add(country, DG.countryCode, text(office.country))
    if office.start:
        out.add(node, DG.startDate, when(office.start))
    if office.end:
        out.add(node, DG.endDate, when(office.end))
    if office.acting:
        out.add(node, DG.acting, ox.Literal("true", datatype=_BOOLEAN))


def add_place(out: ArticleTriples, place: PlaceRef) -> str:
    node = str(iris.place_iri(place.id))
    if out.first_time(node):
        out.add(node, _TYPE.value, DG.Place)
        _labels(out, node, place.labels)
        if place.within:
            # reports naming the venue and reports naming its city can be seen to agree
            out.add(node, str(SCHEMA.containedInPlace), str(iris.place_iri(place.within)))
    return node


def add_topic(out: ArticleTriples, topic: TopicRef) -> str:
    node = str(iris.topic_iri(topic.id))
    if out.first_time(node):
        out.add(node, _TYPE.value, DG.Topic)
        out.add(node, _TYPE.value, str(SKOS.Concept))
        _labels(out, node, topic.labels, str(SKOS.prefLabel))
        if topic.broader:
            out.add(node, str(SKOS.broader), str(iris.topic_iri(topic.broader)))
    return node


def _add_evidence(out: ArticleTriples, node: str, evidence: Evidence, language: str | None) -> None:
    """The sentence a fact rests on: one node per sentence, shared by every fact and mention in it."""
    anchor = str(iris.ID[f"evidence/{iris.digest(evidence.article_id, str(evidence.start), str(evidence.end))}"])
    out.add(node, DG.evidence, anchor)
    if out.first_time(anchor):
        out.add(anchor, DG.article, str(iris.article_iri(evidence.article_id)))
        out.add(anchor, DG.sentence, text(evidence.sentence, language))
        out.add(anchor, DG.startOffset, number(evidence.start))
        out.add(anchor, DG.endOffset, number(evidence.end))


def interaction_node(interaction: Interaction) -> str:
    day = interaction.day.isoformat() if interaction.day else None
    return str(iris.interaction_iri([p.id for p in interaction.participants], interaction.kind, day,
                                    interaction.evidence.article_id))


def add_interaction(out: ArticleTriples, interaction: Interaction, language: str | None) -> str:
    node = interaction_node(interaction)
    out.add(node, _TYPE.value, DG.Interaction)
    out.add(node, _TYPE.value, _KIND_CLASS[interaction.kind])
    people = [add_person(out, p) for p in interaction.participants]
    for person in people:
        out.add(node, DG.participant, person)
        for other in people:
            if other != person:
                out.add(person, DG.spokeWith, other)
    if interaction.day:
        out.add(node, DG.date, when(interaction.day))
        if interaction.date_certainty:
            out.add(node, DG.dateCertainty, text(interaction.date_certainty))
    elif interaction.weekday is not None:
        # "on Thursday" with no date to count from: kept, so that reports of one event can meet
        out.add(node, str(SCHEMA.dayOfWeek), str(SCHEMA) + _WEEKDAYS[interaction.weekday])
    if interaction.initiator:
        out.add(node, DG.initiator, add_person(out, interaction.initiator))
    if interaction.place:
        out.add(node, DG.place, add_place(out, interaction.place))
    if interaction.plover_mode:
        out.add(node, DG.ploverMode, text(interaction.plover_mode))
    if interaction.cameo_code:
        out.add(node, DG.cameoCode, text(interaction.cameo_code))
    out.add(node, str(PROV.wasDerivedFrom), str(iris.article_iri(interaction.evidence.article_id)))
    _add_evidence(out, node, interaction.evidence, language)
    return node


def add_contact_report(out: ArticleTriples, report: ContactReport, language: str | None) -> str:
    """A planned, requested, hypothetical or denied contact: its people, kind and modality, never an
    interaction and never a dg:spokeWith (CONTRACT.md, "Announced contacts")."""
    node = str(iris.contact_report_iri(report.evidence.article_id, [p.id for p in report.participants],
                                       report.kind, report.modality))
    out.add(node, _TYPE.value, DG.ContactReport)
    out.add(node, DG.modality, text(report.modality))
    out.add(node, DG.contactKind, text(report.kind))
    for person in report.participants:
        out.add(node, DG.participant, add_person(out, person))
    if report.day:
        out.add(node, DG.date, when(report.day))
    out.add(node, str(PROV.wasDerivedFrom), str(iris.article_iri(report.evidence.article_id)))
    _add_evidence(out, node, report.evidence, language)
    return node


def add_statement(out: ArticleTriples, statement: Statement) -> str:
    node = str(iris.statement_iri(statement.evidence.article_id, statement.evidence.start,
                                  [p.id for p in statement.speakers]))
    out.add(node, _TYPE.value, DG.Statement)
    for speaker in statement.speakers:
        out.add(node, DG.speaker, add_person(out, speaker))
    for topic in statement.topics:
        out.add(node, DG.about, add_topic(out, topic))
    out.add(node, DG.text, text(statement.evidence.sentence, statement.language))
    if statement.during is not None:
        out.add(node, DG.during, interaction_node(statement.during))
    out.add(node, str(PROV.wasDerivedFrom), str(iris.article_iri(statement.evidence.article_id)))
    _add_evidence(out, node, statement.evidence, statement.language)
    return node


def add_mention(out: ArticleTriples, mention: Mention, language: str | None) -> str:
    node = str(iris.mention_iri(mention.evidence.article_id, mention.start, mention.end))
    out.add(node, _TYPE.value, DG.Mention)
    out.add(node, DG.mentionOf, add_person(out, mention.person))
    out.add(node, DG.surfaceForm, text(mention.surface, language))
    out.add(node, DG.article, str(iris.article_iri(mention.evidence.article_id)))
    out.add(node, DG.startOffset, number(mention.start))
    out.add(node, DG.endOffset, number(mention.end))
    out.add(node, DG.linkedBy, text(mention.via))
    _add_evidence(out, node, mention.evidence, language)
    return node


_Out = TypeVar("_Out", bound=ArticleTriples)


def article_triples(facts: ArticleFacts) -> ArticleTriples:
    """All the triples one article contributes."""
    return _add_facts(ArticleTriples(), facts)


class _SerialisedInChunks(ArticleTriples):
    """Triples turned into N-Triples a few thousand at a time: a triple held as Oxigraph terms costs
    about 300 bytes beside its text, which in a very long article was most of its memory."""

    _CHUNK = 4096

    def __init__(self) -> None:
        super().__init__()
        self._written_out = io.BytesIO()    # its getvalue() hands over its buffer: no second copy

    def add(self, subject: str, predicate: str, obj: ox.NamedNode | ox.Literal | str) -> None:
        super().add(subject, predicate, obj)
        if len(self.triples) >= self._CHUNK:
            self._serialise()

    def _serialise(self) -> None:
        if self.triples:
            ox.serialize(self.triples, self._written_out, format=ox.RdfFormat.N_TRIPLES)
            self.triples = []

    def ntriples(self) -> bytes:
        self._serialise()
        return self._written_out.getvalue()


def article_ntriples(facts: ArticleFacts) -> bytes:
    """`article_triples(facts)` as N-Triples: the same bytes as serialising them all at once (one
    line a triple, in the same order), without ever holding them all as terms."""
    return _add_facts(_SerialisedInChunks(), facts).ntriples()


def _add_facts(out: _Out, facts: ArticleFacts) -> _Out:
    language = facts.article.language
    add_article(out, facts.article)
    for mention in facts.mentions:
        add_mention(out, mention, language)
    for interaction in facts.interactions:
        add_interaction(out, interaction, language)
    for report in facts.reports:
        add_contact_report(out, report, language)
    for statement in facts.statements:
        add_statement(out, statement)
    return out


def topic_scheme_triples(topics: list[TopicRef]) -> ArticleTriples:
    out = ArticleTriples()
    for topic in topics:
        add_topic(out, topic)
    return out
