"""Records → triples, one rdflib Graph per article (its named graph in the store)."""
from __future__ import annotations

from datetime import date, datetime

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from extract.records import (
    Article, ArticleFacts, Evidence, Interaction, Mention, Office, PersonRef, PlaceRef, Statement, TopicRef,
)

from . import iris
from .vocab import DG

SCHEMA = Namespace("https://schema.org/")
WIKIDATA = "http://www.wikidata.org/entity/"
_KIND_CLASS = {"phone": DG.PhoneCall, "meeting": DG.Meeting}


PREFIXES = {"dg": str(DG._NS), "schema": str(SCHEMA), "skos": str(SKOS), "prov": str(PROV), "rdfs": str(RDFS),
            "owl": str(OWL), "xsd": str(XSD), "dgid": str(iris.ID)}


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def _date_literal(value: date | datetime) -> Literal:
    if isinstance(value, datetime):
        return Literal(value.isoformat(), datatype=XSD.dateTime)
    return Literal(value.isoformat(), datatype=XSD.date)


def add_article(graph: Graph, article: Article) -> URIRef:
    node = iris.article_iri(article.id)
    graph.add((node, RDF.type, SCHEMA.NewsArticle))
    graph.add((node, DG.sourceFile, Literal(article.source_file)))
    if article.line is not None:
        graph.add((node, DG.jsonlLine, Literal(article.line)))
    if article.language:
        graph.add((node, SCHEMA.inLanguage, Literal(article.language)))
    if article.published is not None:
        graph.add((node, SCHEMA.datePublished, _date_literal(article.published)))
    if article.headline:
        graph.add((node, SCHEMA.headline, Literal(article.headline, lang=article.language)))
    if article.url:
        graph.add((node, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))
    if article.publisher:
        publisher = iris.publisher_iri(" ".join(article.publisher.casefold().split()))
        graph.add((node, SCHEMA.publisher, publisher))
        graph.add((publisher, RDF.type, SCHEMA.Organization))
        graph.add((publisher, RDFS.label, Literal(article.publisher, lang=article.language)))
    return node


def _labels(graph: Graph, node: URIRef, labels: tuple[tuple[str, str], ...], predicate=RDFS.label) -> None:
    for language, label in labels:
        graph.add((node, predicate, Literal(label, lang=language)))


def add_person(graph: Graph, person: PersonRef) -> URIRef:
    node = iris.person_iri(person.id)
    graph.add((node, RDF.type, SCHEMA.Person))
    _labels(graph, node, person.labels)
    if person.wikidata:
        graph.add((node, OWL.sameAs, URIRef(WIKIDATA + person.wikidata)))
    for office in person.offices:
        add_office(graph, node, person.id, office)
    return node


def add_office(graph: Graph, person: URIRef, person_id: str, office: Office) -> None:
    start = office.start.isoformat() if office.start else None
    node = iris.office_iri(person_id, office.role, office.country, start)
    graph.add((person, DG.holds, node))
    graph.add((node, RDF.type, DG.Office))
    graph.add((node, DG.role, Literal(office.role)))
    graph.add((node, DG.country, iris.country_iri(office.country)))
    graph.add((iris.country_iri(office.country), DG.countryCode, Literal(office.country)))
    if office.start:
        graph.add((node, DG.startDate, _date_literal(office.start)))
    if office.end:
        graph.add((node, DG.endDate, _date_literal(office.end)))
    if office.acting:
        graph.add((node, DG.acting, Literal(True)))


def add_place(graph: Graph, place: PlaceRef) -> URIRef:
    node = iris.place_iri(place.id)
    graph.add((node, RDF.type, DG.Place))
    _labels(graph, node, place.labels)
    return node


def add_topic(graph: Graph, topic: TopicRef) -> URIRef:
    node = iris.topic_iri(topic.id)
    graph.add((node, RDF.type, DG.Topic))
    graph.add((node, RDF.type, SKOS.Concept))
    _labels(graph, node, topic.labels, SKOS.prefLabel)
    if topic.broader:
        graph.add((node, SKOS.broader, iris.topic_iri(topic.broader)))
    return node


def _add_evidence(graph: Graph, node: URIRef, evidence: Evidence, language: str | None) -> None:
    """The sentence a fact rests on: one node per sentence, shared by every fact and mention in it."""
    anchor = iris.ID[f"evidence/{iris.digest(evidence.article_id, str(evidence.start), str(evidence.end))}"]
    graph.add((node, DG.evidence, anchor))
    graph.add((anchor, DG.article, iris.article_iri(evidence.article_id)))
    graph.add((anchor, DG.sentence, Literal(evidence.sentence, lang=language)))
    graph.add((anchor, DG.startOffset, Literal(evidence.start)))
    graph.add((anchor, DG.endOffset, Literal(evidence.end)))


def interaction_node(interaction: Interaction) -> URIRef:
    day = interaction.day.isoformat() if interaction.day else None
    return iris.interaction_iri([p.id for p in interaction.participants], interaction.kind, day,
                                interaction.evidence.article_id)


def add_interaction(graph: Graph, interaction: Interaction, language: str | None) -> URIRef:
    node = interaction_node(interaction)
    article = iris.article_iri(interaction.evidence.article_id)
    graph.add((node, RDF.type, DG.Interaction))
    graph.add((node, RDF.type, _KIND_CLASS[interaction.kind]))
    people = [add_person(graph, p) for p in interaction.participants]
    for person in people:
        graph.add((node, DG.participant, person))
        for other in people:
            if other != person:
                graph.add((person, DG.spokeWith, other))
    if interaction.day:
        graph.add((node, DG.date, _date_literal(interaction.day)))
        if interaction.date_certainty:
            graph.add((node, DG.dateCertainty, Literal(interaction.date_certainty)))
    if interaction.initiator:
        graph.add((node, DG.initiator, add_person(graph, interaction.initiator)))
    if interaction.place:
        graph.add((node, DG.place, add_place(graph, interaction.place)))
    if interaction.plover_mode:
        graph.add((node, DG.ploverMode, Literal(interaction.plover_mode)))
    if interaction.cameo_code:
        graph.add((node, DG.cameoCode, Literal(interaction.cameo_code)))
    graph.add((node, PROV.wasDerivedFrom, article))
    _add_evidence(graph, node, interaction.evidence, language)
    return node


def add_statement(graph: Graph, statement: Statement) -> URIRef:
    node = iris.statement_iri(statement.evidence.article_id, statement.evidence.start,
                              [p.id for p in statement.speakers])
    graph.add((node, RDF.type, DG.Statement))
    for speaker in statement.speakers:
        graph.add((node, DG.speaker, add_person(graph, speaker)))
    for topic in statement.topics:
        graph.add((node, DG.about, add_topic(graph, topic)))
    graph.add((node, DG.text, Literal(statement.evidence.sentence, lang=statement.language)))
    if statement.during is not None:
        graph.add((node, DG.during, interaction_node(statement.during)))
    graph.add((node, PROV.wasDerivedFrom, iris.article_iri(statement.evidence.article_id)))
    _add_evidence(graph, node, statement.evidence, statement.language)
    return node


def add_mention(graph: Graph, mention: Mention, language: str | None) -> URIRef:
    node = iris.mention_iri(mention.evidence.article_id, mention.start, mention.end)
    graph.add((node, RDF.type, DG.Mention))
    graph.add((node, DG.mentionOf, add_person(graph, mention.person)))
    graph.add((node, DG.surfaceForm, Literal(mention.surface, lang=language)))
    graph.add((node, DG.article, iris.article_iri(mention.evidence.article_id)))
    graph.add((node, DG.startOffset, Literal(mention.start)))
    graph.add((node, DG.endOffset, Literal(mention.end)))
    graph.add((node, DG.linkedBy, Literal(mention.via)))
    _add_evidence(graph, node, mention.evidence, language)
    return node


def article_graph(facts: ArticleFacts) -> Graph:
    """All the triples one article contributes."""
    graph = bind_prefixes(Graph())
    language = facts.article.language
    add_article(graph, facts.article)
    for mention in facts.mentions:
        add_mention(graph, mention, language)
    for interaction in facts.interactions:
        add_interaction(graph, interaction, language)
    for statement in facts.statements:
        add_statement(graph, statement)
    return graph


def topic_scheme_graph(topics: list[TopicRef]) -> Graph:
    graph = bind_prefixes(Graph())
    for topic in topics:
        add_topic(graph, topic)
    return graph
