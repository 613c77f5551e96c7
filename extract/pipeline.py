"""One article → all its facts. The single entry point graph/ and exports/ call."""
from __future__ import annotations

import logging

from .interactions import find_contacts
from .linking import link_people
from .normalize import fold_with_offsets
from .records import Article, ArticleFacts, Evidence, Mention
from .sentences import split
from .statements import find_statements

LOG = logging.getLogger(__name__)


def extract_facts(article: Article) -> ArticleFacts:
    """Mentions, interactions and statements of one article, each with its evidence."""
    folded = fold_with_offsets(article.text)
    sentences = split(article, folded)
    spans = [(s.folded_start, s.folded_end) for s in sentences]
    linked = link_people(folded, spans, article.published_date, article.language)
    found, reports = find_contacts(article, folded, sentences, linked)
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
