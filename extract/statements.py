"""Statements: who said what about which topics, sentence by sentence.

A sentence is a statement when it has a speech or discussion verb (data/
speech.json), or reports a contact "about" something, and names at least one
topic (data/topics.jsonl). Its speakers are the people it names; «الجانبان»,
"the two sides", «دو طرف», «стороны» and Arabic dual verbs mean all the
participants of the contact being reported; a sentence with a verb and no
named speaker continues the previous statement's speaker in the same paragraph.
"""
from __future__ import annotations

from .interactions import Found, _between_start, _distinct, _sentence_text
from .lexicons import speech, triggers
from .linking import LinkedMention
from .normalize import FoldedText
from .records import Article, Evidence, Interaction, PersonRef, Statement
from .sentences import Sentence
from .topics import topics_in


def _contact_for(sentence: Sentence, found: list[Found]) -> Interaction | None:
    """The contact a sentence speaks of: its own, else the latest before it, else the first after it."""
    if not found:
        return None
    same = [f for f in found if f.reported_in(sentence)]
    if same:
        return same[0].interaction
    before = [f for f in found if f.sentences[0].start < sentence.start]
    return (before[-1] if before else found[0]).interaction


def find_statements(article: Article, folded: FoldedText, sentences: list[Sentence],
                    mentions: list[LinkedMention], found: list[Found]) -> list[Statement]:
    statements: list[Statement] = []
    previous: tuple[int, list[PersonRef]] | None = None     # paragraph and speakers of the last statement
    for sentence in sentences:
        text = _sentence_text(folded, sentence)
        names = [(m.start - sentence.folded_start, m.end - sentence.folded_start) for m in mentions
                 if sentence.folded_start <= m.start < sentence.folded_end]
        topics = topics_in(text, outside=names)     # «محمد شياع السوداني» is a name, not Sudan
        has_verb = bool(speech("speech_verbs").find(text))
        contact_words = triggers("phone").find(text) + triggers("meeting").find(text) + triggers("discussion").find(text)
        # "A and B spoke by phone about X" makes both speak of X, but only when this sentence reports the contact.
        own_contact = any(f.reported_in(sentence) for f in found)
        about_contact = own_contact and bool(speech("about").find(text))
        if not topics or not (has_verb or about_contact):
            continue
        contact = _contact_for(sentence, found)
        between = _between_start(text, contact_words) if contact_words else None
        named = [m.person for m in mentions
                 if sentence.folded_start <= m.start < sentence.folded_end
                 and (between is None or m.start - sentence.folded_start < between or about_contact)]
        speakers = _distinct(named)
        if contact is not None and (speech("both_parties").find(text) or about_contact):
            speakers = _distinct(speakers + list(contact.participants))
        if not speakers and contact is not None and triggers("anaphoric").find(text):
            speakers = list(contact.participants)     # «وجرى خلال الاستقبال استعراض …»: the contact's people
        if not speakers and previous is not None and previous[0] == sentence.paragraph:
            speakers = previous[1]
        if not speakers:
            continue
        during = contact if contact and {p.id for p in speakers} <= {p.id for p in contact.participants} else None
        evidence = Evidence(article.id, folded.original[sentence.start:sentence.end], sentence.start, sentence.end)
        statements.append(Statement(tuple(speakers), tuple(topics), evidence, article.language, during))
        previous = (sentence.paragraph, speakers)
    return statements
