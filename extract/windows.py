"""A long article read in windows of whole paragraphs (or sentences), so that extraction is
linear in its length.

Several steps of extraction look at every mention or sentence of the article for each
sentence (linking, contacts, statements); in a news article of a few kilobytes that costs
nothing, in a 5 MB one it is hours. An article longer than `window_chars` (data/limits.json)
is cut at paragraph ends, else sentence ends, else spaces, into windows of at most that
length; each is extracted as an article of its own (same id, date, language and headline) and
its facts are moved back to the article's offsets. An article shorter than one window — every
real news article — is extracted exactly as before.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from .budget import check
from .limits import default_limits
from .records import Article, ArticleFacts, ContactReport, Evidence, Interaction, Mention, Segment, Statement

# Where a window may end, best first: a paragraph, then a sentence, then a word.
_PARAGRAPH_ENDS = ("\n",)
_SENTENCE_ENDS = (". ", "? ", "! ", "؟ ", "。", ".\n", "». ", '." ')
_WORD_ENDS = (" ", "\t")

T = TypeVar("T", Mention, Interaction, ContactReport, Statement)


def _cut(text: str, start: int, size: int) -> int:
    """The end of the window that starts at `start`: the last good break in its second half."""
    limit = start + size
    if limit >= len(text):
        return len(text)
    floor = start + size // 2
    for ends in (_PARAGRAPH_ENDS, _SENTENCE_ENDS, _WORD_ENDS):
        best = max((text.rfind(end, floor, limit) + len(end) for end in ends if text.rfind(end, floor, limit) >= 0),
                   default=-1)
        if best > start:
            return best
    return limit


def window_spans(text: str, size: int) -> list[tuple[int, int]]:
    """[start, end) of each window: together they cover the text, in order, none longer than `size`."""
    spans, start = [], 0
    while start < len(text):
        end = _cut(text, start, size)
        spans.append((start, end))
        start = end
    return spans or [(0, 0)]


def _window(article: Article, start: int, end: int) -> Article:
    segments = [Segment(s.kind, max(s.start, start) - start, min(s.end, end) - start)
                for s in article.segments if s.start < end and s.end > start]
    return replace(article, text=article.text[start:end], segments=segments)


def _evidence(evidence: Evidence, by: int) -> Evidence:
    return replace(evidence, start=evidence.start + by, end=evidence.end + by)


def _shifted(record: T, by: int) -> T:
    if isinstance(record, Mention):
        return replace(record, evidence=_evidence(record.evidence, by), start=record.start + by, end=record.end + by)
    if isinstance(record, Statement):
        during = _shifted(record.during, by) if record.during is not None else None
        return replace(record, evidence=_evidence(record.evidence, by), during=during)
    return replace(record, evidence=_evidence(record.evidence, by))


def extract_in_windows(article: Article, extract: Callable[[Article], ArticleFacts],
                       window_chars: int | None = None) -> ArticleFacts:
    """`extract(article)`, one window at a time when the article is longer than a window."""
    size = window_chars or default_limits().window_chars
    spans = window_spans(article.text, size)
    if len(spans) == 1:
        return extract(article)
    facts = ArticleFacts(article)
    for start, end in spans:
        check()   # the article's time budget, kept in any thread (extract/budget.py)
        found = extract(_window(article, start, end))
        facts.mentions += [_shifted(m, start) for m in found.mentions]
        facts.interactions += [_shifted(i, start) for i in found.interactions]
        facts.statements += [_shifted(s, start) for s in found.statements]
        facts.reports += [_shifted(r, start) for r in found.reports]
    return facts
