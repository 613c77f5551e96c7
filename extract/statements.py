"""Statements: who said what about which topics, sentence by sentence.

A sentence is a statement when it has a speech or discussion verb (data/
speech.json), or reports a contact "about" something, and names at least one
topic (data/topics.jsonl). Its speakers are the people it names; «الجانبان»,
"the two sides", «دو طرف», «стороны» and Arabic dual verbs mean all the
participants of the contact being reported; a sentence with a verb and no
named speaker continues the previous speaker in the same paragraph (the last
sentence with a speech verb and a named speaker, whether or not it named a topic).
A sentence whose subject is the contact itself or whose discussion verb is
passive ("the talks covered X", «в ходе разговора обсуждались», «بررسی شد»)
is a statement of all the contact's participants.
"""
from __future__ import annotations

from .budget import check
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


def _contact_referred(index: int, sentences: list[Sentence], folded: FoldedText,
                      found: list[Found]) -> Interaction | None:
    """The contact that "the talks" of sentence `index` refer to: that of the nearest sentence, this one or
    before, that reports a contact; None when that sentence speaks of a contact we did not extract
    («Лавров провел встречу с лидером КНДР … В ходе нее обсуждались …»)."""
    for at in range(index, -1, -1):
        own = [f for f in found if f.reported_in(sentences[at])]
        if own:
            return own[0].interaction
        text = _sentence_text(folded, sentences[at])
        # "during the talks" points back; a new "held a meeting with …" is a contact of its own
        if at < index and (triggers("phone").find(text) or triggers("meeting").find(text)) \
                and not triggers("anaphoric").find(text):
            return None
    return None


def find_statements(article: Article, folded: FoldedText, sentences: list[Sentence],
                    mentions: list[LinkedMention], found: list[Found]) -> list[Statement]:
    statements: list[Statement] = []
    previous: tuple[int, list[PersonRef], int] | None = None    # paragraph, speakers and start of the last speaker's sentence
    for index, sentence in enumerate(sentences):
        check()   # the article's time budget (extract/budget.py)
        text = _sentence_text(folded, sentence)
        names = [(m.start - sentence.folded_start, m.end - sentence.folded_start) for m in mentions
                 if sentence.folded_start <= m.start < sentence.folded_end]
        topics = topics_in(text, outside=names)     # «محمد شياع السوداني» is a name, not Sudan
        verbs = speech("speech_verbs", article.language).find(text)
        has_verb = bool(verbs)
        contact_words = triggers("phone").find(text) + triggers("meeting").find(text) + triggers("discussion").find(text)
        # "A and B spoke by phone about X" makes both speak of X, but only when this sentence reports the contact.
        own_contact = any(f.reported_in(sentence) for f in found)
        about_contact = own_contact and bool(speech("about").find(text))
        contact_subject = bool(found) and bool(speech("contact_topics", article.language).find(text))
        if not topics and has_verb:
            # a speech verb without a topic still says who speaks: the quote's next sentences are theirs.
            # The speaker is named before the verb ("X wrote: «I met Y»"), when one person is.
            verb_at = sentence.folded_start + verbs[0].start
            speakers = _distinct([m.person for m in mentions if sentence.folded_start <= m.start < verb_at])
            if len(speakers) == 1:
                previous = (sentence.paragraph, speakers, sentence.start)
            continue
        quoted = (previous is not None and previous[0] == sentence.paragraph
                  and _inside_quote(folded.original[previous[2]:sentence.start]))
        if not topics or not (has_verb or about_contact or contact_subject or quoted):
            continue
        if quoted and not (has_verb or about_contact or contact_subject):
            # «… نوشت: «دیدار با X داشتم. همکاری … ضروری است.»»: the quote's later sentences are its speaker's,
            # not of the people the quote names
            evidence = Evidence(article.id, folded.original[sentence.start:sentence.end], sentence.start, sentence.end)
            statements.append(Statement(tuple(previous[1]), tuple(topics), evidence, article.language, None))
            continue
        contact = _contact_for(sentence, found)
        if contact_subject:
            referred = _contact_referred(index, sentences, folded, found)
            if referred is not None:
                contact = referred      # "the talks" are those of the nearest contact reported before
            elif not (has_verb or about_contact):
                continue
        between = _between_start(text, contact_words) if contact_words else None
        named = [m.person for m in mentions
                 if sentence.folded_start <= m.start < sentence.folded_end
                 and (between is None or m.start - sentence.folded_start < between or about_contact)]
        speakers = _distinct(named)
        all_of_them = (speech("both_parties").find(text) or speech("participants_as_speakers", article.language).find(text)
                       or about_contact or contact_subject)
        if contact is not None and all_of_them:
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
        previous = (sentence.paragraph, speakers, sentence.start)
    return statements


_OPENING_QUOTES, _CLOSING_QUOTES = "«“„", "»”"


def _inside_quote(text_since_speaker: str) -> bool:
    """Whether a quotation opened since the speaker's sentence is still open."""
    opened = sum(text_since_speaker.count(q) for q in _OPENING_QUOTES)
    closed = sum(text_since_speaker.count(q) for q in _CLOSING_QUOTES)
    return opened > closed or text_since_speaker.count('"') % 2 == 1
