"""The diplograph vocabulary, declared once: a typo in a term is an error."""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ID = Namespace("https://w3id.org/diplograph/id/")


class DG(DefinedNamespace):
    _NS = Namespace("https://w3id.org/diplograph/ns#")
    _fail = True

    # classes
    Interaction: URIRef
    PhoneCall: URIRef
    Meeting: URIRef
    Statement: URIRef
    Topic: URIRef
    Mention: URIRef
    Office: URIRef
    Place: URIRef
    Organisation: URIRef
    Country: URIRef
    ContactReport: URIRef

    # interactions and statements (CONTRACT.md)
    participant: URIRef
    spokeWith: URIRef
    date: URIRef
    place: URIRef
    initiator: URIRef
    speaker: URIRef
    about: URIRef
    text: URIRef
    during: URIRef
    sourceFile: URIRef
    modality: URIRef
    contactKind: URIRef

    # event-data compatibility
    ploverMode: URIRef
    cameoCode: URIRef
    dateCertainty: URIRef
    mergedFrom: URIRef

    # evidence: where in an article a fact or mention rests
    evidence: URIRef
    sentence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    article: URIRef
    mentionOf: URIRef
    surfaceForm: URIRef
    linkedBy: URIRef
    jsonlLine: URIRef

    # people's offices
    holds: URIRef
    role: URIRef
    country: URIRef
    startDate: URIRef
    endDate: URIRef
    acting: URIRef
    countryCode: URIRef

    # tallies: counts over the whole graph, rebuilt by every build (graph/tallies.py)
    TopicTally: URIRef
    ContactTally: URIRef
    person: URIRef
    topic: URIRef
    month: URIRef
    count: URIRef
