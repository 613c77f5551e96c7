"""Sentences of the parts of an article that are its own (headline and body)."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .lexicons import speech
from .normalize import FoldedText
from .records import Article, SegmentKind

# A sentence ends at . ! ? ؟ (or a run of them) followed by space, unless the
# word before is a single letter or a known abbreviation (U.S., Feb., Dr.).
_END = re.compile(
    r"[.!?؟]+(?=\s)|\n"   # «؛» ends a clause (extract/scope.py), not a sentence
    # A page flattened to text glues the next sentence on ("other issues.According to …"): a lower-case
    # word, its full stop, a capitalised word straight after. Arabic script has no capitals to tell a
    # glued sentence from an abbreviation («د.»), so there only a space ends one.
    r"|(?<=[a-zа-яё]{2}[.!?])(?=[A-ZА-ЯЁ][a-zа-яё])")
_ABBREVIATION = re.compile(r"(?:\b\w|\b(?:Mr|Mrs|Ms|Dr|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|vs|etc|г|гг|т\.е|им))\.$")
EXTRACTED_KINDS = (SegmentKind.HEADLINE, SegmentKind.BODY)
_MIN_CLAUSE = 12    # characters: a speaker switch at the very start of a sentence splits nothing


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int            # original-text offsets
    end: int
    folded_start: int     # folded-text offsets
    folded_end: int
    kind: SegmentKind
    paragraph: int        # index of the segment it belongs to


def to_folded(folded: FoldedText, position: int) -> int:
    """The folded offset of the first folded character at or after an original offset."""
    return bisect_left(folded.origin, position)


def split(article: Article, folded: FoldedText) -> list[Sentence]:
    sentences: list[Sentence] = []
    for index, segment in enumerate(article.segments):
        if segment.kind not in EXTRACTED_KINDS:
            continue
        start = segment.start
        text = article.text
        for match in _END.finditer(text, segment.start, segment.end):
            if match.group() != "\n" and _ABBREVIATION.search(text[start:match.end()]):
                continue
            _add(sentences, folded, start, match.end(), segment.kind, index)
            start = match.end()
        _add(sentences, folded, start, segment.end, segment.kind, index)
    return sentences


def _add(sentences: list[Sentence], folded: FoldedText, start: int, end: int, kind: SegmentKind, paragraph: int) -> None:
    """Add a sentence, split where the word passes to the other party («ومن جانبه», "for his part")."""
    folded_start = to_folded(folded, start)
    for cue in speech("speaker_switch").find(folded.text[folded_start:to_folded(folded, end)]):
        split_at = folded.origin[folded_start + cue.start]
        if split_at - start >= _MIN_CLAUSE:
            _add_one(sentences, folded, start, split_at, kind, paragraph)
            start = split_at
    _add_one(sentences, folded, start, end, kind, paragraph)


def _add_one(sentences: list[Sentence], folded: FoldedText, start: int, end: int, kind: SegmentKind, paragraph: int) -> None:
    raw = folded.original[start:end]
    start += len(raw) - len(raw.lstrip())
    end -= len(raw) - len(raw.rstrip())
    if end - start < 3:
        return
    sentences.append(Sentence(start, end, to_folded(folded, start), to_folded(folded, end), kind, paragraph))
