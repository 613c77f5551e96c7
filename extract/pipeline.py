"""One article → all its facts. The single entry point graph/ and exports/ call."""
from __future__ import annotations

import logging

from dataclasses import replace
from datetime import date

from .interactions import Found, find_contacts
from .linking import link_people
from .normalize import FoldedText, fold_with_offsets
from .records import Article, ArticleFacts, Evidence, Mention
from .sentences import Sentence, split
from .statements import find_statements
from .topics import topics_in

LOG = logging.getLogger(__name__)


def extract_facts(article: Article) -> ArticleFacts:
    """Mentions, interactions and statements of one article, each with its evidence."""
    folded = fold_with_offsets(article.text)
    sentences = split(article, folded)
    spans = [(s.folded_start, s.folded_end) for s in sentences]
    began = None if article.published_date else _events_began(folded, sentences)
    linked = link_people(folded, spans, article.published_date, article.language, began)
    found, reports = find_contacts(article, folded, sentences, linked)
    found = _without_impossible_inferences(found, folded, sentences)
    statements = find_statements(article, folded, sentences, linked, found)
    mentions = []
    for mention in linked:
        start, end = folded.span_to_original(mention.start, mention.end)
        sentence = next((s for s in sentences if s.folded_start <= mention.start < s.folded_end), None)
        if sentence is None or not sentence.start <= start < end <= sentence.end:
            # A mention must stand inside one sentence; a rule that let one run across a boundary
            # costs that mention, not the article.
            LOG.debug("dropped a mention of %s at %d:%d outside its sentence", article.id, start, end)
            continue
        evidence = Evidence(article.id, article.text[sentence.start:sentence.end], sentence.start, sentence.end)
        mentions.append(Mention(mention.person, article.text[start:end], evidence, start, end, mention.via))
    return ArticleFacts(article, mentions, [f.interaction for f in found], statements, reports)


def _events_began(folded: FoldedText, sentences: list[Sentence]) -> date | None:
    """The latest start of the events the article speaks of (topics.jsonl 'since'): it cannot be older."""
    return max((t.since for s in sentences for t in topics_in(folded.text[s.folded_start:s.folded_end]) if t.since),
               default=None)


def _without_impossible_inferences(found: list[Found], folded: FoldedText, sentences: list[Sentence]) -> list[Found]:
    """An inferred year before the start of an event the article speaks of (the Gaza war, the war in
    Ukraine) is wrong: a translation slip in the weekday can make a wrong year fit. No date then."""
    if not any(f.interaction.date_certainty == "inferred" for f in found):
        return found
    began = _events_began(folded, sentences)
    if began is None:
        return found
    return [Found(replace(f.interaction, day=None, date_certainty=None), f.sentences, f.weak)
            if f.interaction.date_certainty == "inferred" and f.interaction.day < began else f for f in found]
