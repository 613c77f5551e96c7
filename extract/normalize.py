"""Normalisation for matching, with a map back to the original text.

Matching runs on a folded copy of the text; evidence quotes the original. Every
character of the folded text remembers the index of the original character it
came from, so a match found in folded text maps back to exact offsets.
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

# Letter variants folded to one form so that spellings from Arabic and Persian
# outlets meet: hamza-carrying alefs, alef maqsura and Persian yeh, keheh,
# teh marbuta and heh with yeh above.
_LETTER_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ئ": "ي",
    "ك": "ك", "ک": "ك", "ڪ": "ك",
    "ة": "ه", "ۀ": "ه", "ە": "ه", "ھ": "ه",
    "ؤ": "و",
    "ё": "е",
}
# Arabic-Indic (U+0660…) and Persian (U+06F0…) digits become ASCII digits.
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
# Removed outright: tatweel, zero-width and bidi controls, soft hyphen, BOM.
# ZWNJ is removed rather than spaced because many pages have already lost it
# («گفتوگو»), so the joined form is the one both spellings can meet in.
_DROPPED = set("\u0640\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u00ad\ufeff")
# "_" joins the words of a hashtag («#Sameh_Shoukry»): a space for matching.
_SPACES = set("_\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t")


@cache
def _fold_char(char: str) -> str:
    """Fold one original character to zero or more matching characters."""
    if char in _DROPPED:
        return ""
    if char in _SPACES:
        return " "
    if char in _DIGITS:
        return _DIGITS[char]
    out = []
    for part in unicodedata.normalize("NFKC", char):
        if unicodedata.combining(part):  # Arabic harakat, superscript alef, accents
            continue
        part = _LETTER_FOLD.get(part, part)
        out.append(part)
    folded = "".join(out).casefold()
    return "".join(_LETTER_FOLD.get(c, c) for c in folded)


@dataclass(frozen=True, slots=True)
class FoldedText:
    """Folded text plus, for each folded character, its index in the original."""

    original: str
    text: str
    origin: Sequence[int]       # an array of machine ints: a tuple of ints costs 36 bytes a character

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded [start, end) span to the original text's [start, end)."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside folded text of length {len(self.text)}")
        return self.origin[start], self.origin[end - 1] + 1


_FOLD_CHUNK = 1 << 16


class _FoldTable(dict):
    """str.translate's table: each code point folded by _fold_char on first use, then remembered."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """The folded form of a string (no offset map): for lexicon entries and keys."""
    return text.translate(_FOLD_TABLE)     # as "".join(map(_fold_char, text)), in C once each character is known


def fold_with_offsets(text: str) -> FoldedText:
    pieces: list[str] = []
    origin = array("I" if len(text) < 1 << 32 else "Q")
    for base in range(0, len(text), _FOLD_CHUNK):
        # A chunk at a time: a list of one string per character of the whole text would cost
        # 8 bytes a character more than the text itself.
        chars: list[str] = []
        for index, char in enumerate(text[base:base + _FOLD_CHUNK], start=base):
            folded = _fold_char(char)
            chars.append(folded)
            if len(folded) == 1:
                origin.append(index)
            elif folded:
                origin.extend([index] * len(folded))
        pieces.append("".join(chars))
    return FoldedText(text, "".join(pieces), origin)


def decompose_accents(text: str) -> str:
    """Fold Latin accents too (Abdelatty/Abdelâti); used for fuzzy keys only."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# --- language detection -------------------------------------------------------

# Characters read to tell the language: the start of a long text tells it as well as the whole.
_DETECTION_SAMPLE = 1 << 16
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z]")
# Letters Persian writes and Arabic does not, and the reverse.
_PERSIAN_ONLY = re.compile(r"[پچژگکی]")
_ARABIC_ONLY = re.compile(r"[ةىيكأإؤ]")


def detect_language(text: str) -> str | None:
    """'ar', 'fa', 'ru' or 'en' from script cues; None when the text has no letters."""
    text = text[:_DETECTION_SAMPLE]
    arabic = len(_ARABIC_SCRIPT.findall(text))
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    if not (arabic or cyrillic or latin):
        return None
    best = max((arabic, "arabic"), (cyrillic, "ru"), (latin, "en"))[1]
    if best != "arabic":
        return best
    persian = len(_PERSIAN_ONLY.findall(text))
    arabic_letters = len(_ARABIC_ONLY.findall(text))
    # Persian text writes yeh and keheh as ی/ک; Arabic text uses ي/ك, ة and ى.
    return "fa" if persian > arabic_letters else "ar"
