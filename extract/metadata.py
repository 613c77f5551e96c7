"""Header facts of an article: publication date, publisher, headline.

Only what the page says: no date in the text means no date, never the file's
time or today's.
"""
from __future__ import annotations

import re
from datetime import date

from .dates import find_dates, first_full_date
from .normalize import fold, fold_with_offsets
from .records import Segment, SegmentKind
from .segment import CLOCK_TIME, LEADING_PUNCT, Segmentation, cues, is_date_only, rest_after_cue, settings

_CLAUSE_END = re.compile(r"[،,:؛;.\n]")
# A date in a URL's path: /20250808/, /2025/08/08/, /2025-08-08/.
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d{2})([/-]?)(?P<m>\d{2})\2(?P<d>\d{2})(?=[/_.-]|$)")
# An embedded social-media post signs off "— Qatar News Agency (@QatarNewsAgency) October 15, 2023".
_POST_SIGNATURE = re.compile(r"\(@[^()\n]{1,40}\)\s*(?P<when>[^\n]{6,40})")
# How far after a byline's date its clock time may stand ("… 2022 ساعت 10:20", "… 2022 | 09:40").
_CLOCK_REACH = 16
# How far into the body a byline's timestamp may stand.
_BYLINE_CHARS = 240
# How far into the body a wire dateline's day may stand ("WASHINGTON, June 7 (Reuters) –").
_DATELINE_CHARS = 40
_DATELINE_SEGMENTS = 3   # a caption or two may stand before it


def _dateline_rank(folded_line: str) -> int:
    """Which header date is the publication's: a 'Published' line, then a timestamp, then a bare
    date, an 'Updated' line last (lower is better)."""
    line = LEADING_PUNCT.sub("", folded_line)
    if cues("published_markers").line_starts_with(line):
        return 0
    if cues("updated_markers").line_starts_with(line):
        return 3
    return 1 if CLOCK_TIME.search(line) else 2


def _dated_url(text: str) -> date | None:
    for match in _URL_DATE.finditer(text):
        try:
            return date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            continue
    return None


def _timestamp_near(folded: str) -> date | None:
    """A full date with a clock time right after it ("8 أغسطس 2025 03:24 مساءً"): a byline's timestamp."""
    for found in find_dates(folded):
        if found.value is not None and CLOCK_TIME.search(folded[found.end:found.end + _CLOCK_REACH]):
            return found.value
    return None


def publication_date(text: str, segmentation: Segmentation, language: str | None,
                     url: str | None = None) -> date | None:
    """The day the article was published, from where real pages put it: a header dateline (a
    'Published' line before a timestamp before a bare date, the earliest of equals: a page's own
    clock shows the later day it was saved), a timestamp opening the body, a date in the page's
    URL, the day of a post the article embeds. Related items never count."""
    headers = []
    for index, segment in enumerate(segmentation.segments):
        folded = fold(text[segment.start:segment.end])
        # A timestamp line just below the headline counts even after a caption started the body.
        stamp = index < settings()["header_lines"] and segment.kind is SegmentKind.BODY and \
            CLOCK_TIME.search(folded) is not None and is_date_only(folded)
        if segment.kind is SegmentKind.DATELINE or stamp:
            found = first_full_date(text[segment.start:segment.end], language)
            if found is not None:
                headers.append((_dateline_rank(folded), found))
    if headers:
        return min(headers)[1]
    body = [s for s in segmentation.segments if s.kind is SegmentKind.BODY]
    if body and (stamped := _timestamp_near(fold(text[body[0].start:body[0].start + _BYLINE_CHARS]))):
        return stamped
    lines = [text[s.start:s.end] for s in segmentation.segments if s.kind is not SegmentKind.RELATED]
    for candidate in ([url] if url else []) + [line for line in lines[:3] if line.startswith("http")]:
        if day := _dated_url(candidate):
            return day
    posts = [d for line in lines for m in _POST_SIGNATURE.finditer(fold(line))
             for d in [first_full_date(m.group("when"), language)] if d]
    if posts:
        return max(posts)
    return _dateline_with_year(text, body, language) if body else None


def _dateline_with_year(text: str, body: list[Segment], language: str | None) -> date | None:
    """"WASHINGTON, June 7 (Reuters) –" gives no year; a caption's "June 7, 2023" on the same page
    does: the one year that day-month is written with anywhere on the page."""
    # the first date of a body line, near its start and written with no year (not cut off in a window)
    firsts = [found for s in body[:_DATELINE_SEGMENTS] for found in find_dates(fold(text[s.start:s.end]), language)[:1]]
    partial = next((found for found in firsts if found.start <= _DATELINE_CHARS and found.calendar == "gregorian"
                    and found.value is None), None)
    if partial is None:
        return None
    years = {found.value for found in find_dates(fold(text), language)
             if found.value is not None and (found.value.month, found.value.day) == (partial.month, partial.day)}
    return years.pop() if len(years) == 1 else None


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
