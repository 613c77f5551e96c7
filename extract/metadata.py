"""Header facts of an article: publication date, publisher, headline.

Only what the page says: no date in the text means no date, never the file's
time or today's.
"""
from __future__ import annotations

import re
from datetime import date

from .dates import first_full_date
from .normalize import fold, fold_with_offsets
from .records import Segment, SegmentKind
from .segment import Segmentation, cues, rest_after_cue, settings

_CLAUSE_END = re.compile(r"[،,:؛;.\n]")


def publication_date(text: str, segmentation: Segmentation, language: str | None) -> date | None:
    """The date of the first dateline that holds one (related items never count)."""
    for segment in segmentation.segments:
        if segment.kind is SegmentKind.DATELINE:
            found = first_full_date(text[segment.start:segment.end], language)
            if found is not None:
                return found
    return None


def _after_phrase(original_line: str, phrase: str) -> str | None:
    """The original text after a folded phrase that starts the line, or None."""
    folded = fold_with_offsets(original_line)
    if not folded.text.lstrip().startswith(phrase):
        return None
    begin = len(folded.text) - len(folded.text.lstrip())
    end = folded.origin[begin + len(phrase) - 1] + 1
    return original_line[end:]


def _cue_payload(original_line: str, cue: str) -> str:
    """«المصدر: صدى البلد» → «صدى البلد»."""
    rest = _after_phrase(original_line, cue) or ""
    return re.sub(r"^[\s:：\-–—|]+", "", rest).strip().rstrip(".")


def _reported_by(text: str, segments: list[Segment]) -> str | None:
    """«به گزارش راهبرد معاصر، …» → «راهبرد معاصر»."""
    limit = settings()["publisher_max_words"]
    for segment in segments:
        line = text[segment.start:segment.end]
        for phrase in cues("reported_by_phrases").phrases:
            rest = _after_phrase(line, phrase + " ")
            if rest is None:
                continue
            name = _CLAUSE_END.split(rest, maxsplit=1)[0].strip(" «»\"")
            if name and len(name.split()) <= limit:
                return name
    return None


def publisher(text: str, segmentation: Segmentation) -> str | None:
    """Source line first, then «به گزارش X», then the dateline's agency."""
    limit = settings()["publisher_max_words"]
    for segment in segmentation.segments:
        if segment.kind is SegmentKind.SOURCE:
            line = text[segment.start:segment.end]
            cue = cues("source_markers").line_starts_with(fold(line).strip())
            name = _cue_payload(line, cue) if cue else ""
            if name and len(name.split()) <= limit:
                return name
    body = [s for s in segmentation.segments if s.kind is SegmentKind.BODY]
    return _reported_by(text, body) or segmentation.dateline_agency


def clean_headline(headline: str | None, publisher_name: str | None) -> str | None:
    """Drop a trailing «- Site name» that repeats the publisher."""
    if not headline:
        return None
    if publisher_name:
        pattern = rf"\s*[-–—|:]\s*{re.escape(publisher_name)}\s*$"
        headline = re.sub(pattern, "", headline).strip()
    return headline or None
