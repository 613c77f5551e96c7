"""The people the linker finds in a text, for table-driven linking tests."""
from __future__ import annotations

from datetime import date

from extract.linking import link_people
from extract.normalize import fold_with_offsets
from extract.records import Article, Segment, SegmentKind
from extract.sentences import split


def linked(text: str, language: str, on: date | None) -> list[str]:
    article = Article(id="t", source_file="t", text=text, language=language, published=on,
                      segments=[Segment(SegmentKind.BODY, 0, len(text))])
    folded = fold_with_offsets(text)
    spans = [(s.folded_start, s.folded_end) for s in split(article, folded)]
    return [m.person.id for m in link_people(folded, spans, on, language)]
