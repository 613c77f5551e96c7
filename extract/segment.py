"""Split an article's text into headline, dateline, body, source line and the
things that are not this article (related items, tickers, page furniture).

Works line by line on folded text; cue words come from data/cues.json and
thresholds from its "_settings" section.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .budget import check
from .datafiles import cue_words
from .dates import calendar, find_dates
from .normalize import fold, fold_with_offsets
from .records import Segment, SegmentKind

_TERMINATORS = re.compile(r"[.!?؟。]")
_DASHES = re.compile(r"\s*[-–—]\s*")
_SCRIPT_OF = {
    "ar": re.compile(r"[\u0600-\u06FF]"), "fa": re.compile(r"[\u0600-\u06FF]"),
    "ru": re.compile(r"[\u0400-\u04FF]"), "en": re.compile(r"[A-Za-z]"),
}
LEADING_PUNCT = re.compile(r"^[\s:：\-–—|•·*/]+")
_CUE_HEAD_CHARS = 40   # a publication cue starts a line within this many characters


@dataclass(frozen=True, slots=True)
class CueSet:
    """Folded cue phrases of one kind, all languages together."""

    phrases: tuple[str, ...]

    def line_starts_with(self, folded_line: str) -> str | None:
        """The cue the line starts with (as a whole word), or None."""
        for phrase in self.phrases:
            if folded_line.startswith(phrase):
                following = folded_line[len(phrase):len(phrase) + 1]
                if not following or not following.isalnum():
                    return phrase
        return None

    def contains(self, folded_line: str) -> bool:
        return self.first(folded_line) is not None

    def first(self, folded_line: str) -> re.Match[str] | None:
        """The first cue in the line, as a whole word."""
        return _whole_words(self.phrases).search(folded_line)

    def remove(self, folded_line: str) -> str:
        return _whole_words(self.phrases).sub(" ", folded_line)


@cache
def _whole_words(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for any of the phrases as whole words (compiled once: lines are many)."""
    if not phrases:
        return re.compile(r"(?!)")
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\w)")


@cache
def cues(kind: str) -> CueSet:
    words = {fold(w).strip() for words in cue_words()[kind].values() for w in words}
    return CueSet(tuple(sorted(words, key=len, reverse=True)))


@cache
def settings() -> dict[str, Any]:
    return dict(cue_words()["_settings"])


@dataclass(slots=True)
class Segmentation:
    segments: list[Segment] = field(default_factory=list)
    headline: str | None = None
    dateline_agency: str | None = None  # «سانا» in «موسكو-سانا»


def _lines(text: str) -> list[tuple[int, int]]:
    """[start, end) of each non-blank line, stripped of surrounding spaces."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + (len(line) - len(line.lstrip()))
            spans.append((start, start + len(stripped)))
    return spans


def _words(folded: str) -> list[str]:
    return re.findall(r"\w+", folded)


def rest_after_cue(folded_line: str, cue: str) -> str:
    return LEADING_PUNCT.sub("", folded_line[len(cue):]).strip()


def is_boilerplate(folded_line: str) -> bool:
    bare = " ".join(_words(folded_line))
    if bare in cues("boilerplate_lines").phrases:
        return True
    return (len(_words(folded_line)) <= settings()["boilerplate_phrase_max_words"]
            and cues("boilerplate_phrases").contains(folded_line))


def is_ticker(line: str) -> bool:
    """A run-together headline ticker: long, unpunctuated, not ending a sentence."""
    limits = settings()
    if len(line) < limits["ticker_min_chars"] or _TERMINATORS.match(line[-1]):
        return False
    allowed = limits["ticker_max_terminators_per_300_chars"] * len(line) / 300
    return len(_TERMINATORS.findall(line)) <= allowed


def is_breadcrumb(line: str) -> bool:
    """«الرئيسية » سياسة » عربي», "Home / World / Middle East": navigation, not a headline."""
    limits = settings()
    separators = re.escape(limits["breadcrumb_separators"])
    parts = [p for p in re.split(rf"\s[{separators}]\s", line) if p.strip()]
    return len(parts) > limits["breadcrumb_min_separators"] and \
        all(len(_words(fold(p))) <= limits["breadcrumb_max_words_per_part"] for p in parts)


CLOCK_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:am|pm|a\.m\.|p\.m\.))?(?!\d)")


def is_section_label(line: str) -> bool:
    """«Middle East | Diplomacy», «World | Diplomacy»: the site's section above the headline, not the headline."""
    limits = settings()
    separators = re.escape(limits["section_label_separators"])
    parts = re.split(rf"\s[{separators}]\s", line)
    return len(parts) >= 2 and not _TERMINATORS.search(line) and \
        all(0 < len(_words(fold(p))) <= limits["section_label_max_words_per_part"] for p in parts)


def is_date_only(folded_line: str) -> bool:
    """A line that holds a date and little else («الثلاثاء 05/ديسمبر/2023», "16:07 GMT 24.09.2025",
    "Fri Feb 15, 2013 7:11AM"): clock times, weekdays and time-zone words do not count."""
    found = find_dates(folded_line)
    if not found:
        return False
    rest = folded_line
    for item in reversed(found):
        rest = rest[:item.start] + " " + rest[item.end:]
    rest = CLOCK_TIME.sub(" ", rest)
    weekdays = calendar().weekdays
    ignored = cues("timestamp_words")
    leftover = [w for w in _words(ignored.remove(rest)) if not w.isdigit() and w not in weekdays]
    return len(leftover) <= 2


def _published_after_lead(folded_line: str) -> bool:
    """«مدار الساعة ـ نشر في 2024/03/17 الساعة 21:51», "Reuters | Published 3 May 2024": the site's
    name, then a publication cue and nothing but its date."""
    for marker in ("published_markers", "updated_markers"):
        cue = cues(marker).first(folded_line)
        if cue is not None and 0 < len(_words(folded_line[:cue.start()])) <= settings()["published_cue_lead_max_words"] \
                and is_date_only(folded_line[cue.end():]):
            return True
    return False


def dateline_agency(line: str) -> str | None:
    """«موسكو-سانا» → «سانا»: a short place–agency line."""
    if len(_words(fold(line))) > settings()["dateline_max_words"] or _TERMINATORS.search(line[-1:]):
        return None
    parts = _DASHES.split(line)
    if len(parts) == 2 and all(parts):
        return parts[1].strip()
    return None


def is_headline_like(line: str, language: str | None) -> bool:
    if len(_words(fold(line))) > settings()["headline_max_words"] or line.endswith("."):
        return False
    script = _SCRIPT_OF.get(language or "")
    return script is None or bool(script.search(line))


def _dated_cue_end(line: str) -> int | None:
    """Where the date of a 'Published …'/'Updated …' cue ends when the line goes on with a sentence
    of the article ("date 2022-05-07 Blinken on Friday telephoned …", a page flattened to text):
    that sentence is body, not part of the dateline. None for a line that is a dateline alone."""
    head = LEADING_PUNCT.sub("", fold(line[:_CUE_HEAD_CHARS]))   # most lines: no cue, no offset map
    if not (cues("published_markers").line_starts_with(head) or cues("updated_markers").line_starts_with(head)):
        return None
    folded = fold_with_offsets(line)
    text = folded.text
    dated = [found for found in find_dates(text) if found.value is not None]
    if not dated:
        return None
    after = dated[0].end
    after += re.match(rf"(?:[\s,|:\-–—]|{CLOCK_TIME.pattern})*", text[after:]).end()
    rest = text[after:]
    if len(_words(rest)) < settings()["dated_cue_body_min_words"] or not _TERMINATORS.search(rest) \
            or is_date_only(rest):
        return None
    return folded.origin[after] if after < len(folded.origin) else None


def _spans(text: str) -> list[tuple[int, int]]:
    """The lines of the text, a dated cue that runs on into the article's first sentence cut in two."""
    spans = []
    for start, end in _lines(text):
        cut = _dated_cue_end(text[start:end])
        if cut:
            spans.append((start, start + len(text[start:start + cut].rstrip())))
            start += cut
        spans.append((start, end))
    return spans


def segment(text: str, language: str | None) -> Segmentation:
    """Classify every non-blank line of the text."""
    result = Segmentation()
    in_related = after_end = body_seen = False
    for index, (start, end) in enumerate(_spans(text)):
        check()   # a whole long article is segmented before its windows: the time budget holds here too
        line = text[start:end]
        folded = fold(line).strip()
        kind = _classify(line, folded, index, language, result, in_related, after_end, body_seen)
        if kind is SegmentKind.RELATED and not in_related:
            cue = cues("related_markers").line_starts_with(folded)
            in_related = bool(cue) and not rest_after_cue(folded, cue)
        if cues("end_markers").line_starts_with(folded):
            after_end = True
        body_seen = body_seen or kind is SegmentKind.BODY
        result.segments.append(Segment(kind, start, end))
    return result


def _classify(line: str, folded: str, index: int, language: str | None, result: Segmentation,
              in_related: bool, after_end: bool, body_seen: bool) -> SegmentKind:
    in_header = not body_seen and index < settings()["header_lines"]
    if in_related or cues("related_markers").line_starts_with(folded):
        return SegmentKind.RELATED
    if is_boilerplate(folded) or cues("tag_markers").line_starts_with(folded):
        return SegmentKind.BOILERPLATE
    if cues("end_markers").line_starts_with(folded):
        return SegmentKind.BOILERPLATE
    unbulleted = LEADING_PUNCT.sub("", folded)
    if in_header and (cue := cues("clock_markers").line_starts_with(unbulleted)) and \
            is_date_only(rest_after_cue(unbulleted, cue)):
        return SegmentKind.BOILERPLATE   # «التوقيت الأربعاء، 01 مايو 2024»: the day the page was saved
    if (cues("published_markers").line_starts_with(unbulleted) or cues("updated_markers").line_starts_with(unbulleted)) \
            and find_dates(folded):
        return SegmentKind.DATELINE
    if in_header and _published_after_lead(unbulleted):
        return SegmentKind.DATELINE
    if cues("source_markers").line_starts_with(folded):
        return SegmentKind.SOURCE
    if after_end:
        return SegmentKind.BOILERPLATE
    if is_ticker(line):
        return SegmentKind.TICKER
    if in_header and is_breadcrumb(line):
        return SegmentKind.DATELINE if any(f.value for f in find_dates(folded)) else SegmentKind.BOILERPLATE
    if in_header and is_date_only(folded):
        return SegmentKind.DATELINE
    if in_header and result.dateline_agency is None and (agency := dateline_agency(line)):
        result.dateline_agency = agency
        return SegmentKind.DATELINE
    if result.headline is None and in_header and is_section_label(line) and not is_headline_like(line, language):
        return SegmentKind.BOILERPLATE
    if result.headline is None and in_header and is_headline_like(line, language):
        result.headline = line
        return SegmentKind.HEADLINE
    if (in_header and result.segments and result.segments[-1].kind is SegmentKind.HEADLINE
            and result.headline is not None and is_section_label(result.headline)
            and is_headline_like(line, language)):
        # A section label looks like a headline until the real one follows it.
        label = result.segments[-1]
        result.segments[-1] = Segment(SegmentKind.BOILERPLATE, label.start, label.end)
        result.headline = line
        return SegmentKind.HEADLINE
    if result.headline and in_header and len(line) >= 20 and result.headline.startswith(line):
        return SegmentKind.HEADLINE  # the headline repeated without the site's suffix
    return SegmentKind.BODY
