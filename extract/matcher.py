"""Multi-pattern phrase matching on folded text (Aho–Corasick), word-boundary aware.

A phrase matches where it stands as whole words, with two allowances taken
from data/morphology.json: Arabic proclitics glued in front («وبلافروف» holds
«لافروف»), and Russian case endings glued behind a Cyrillic phrase
(«Лаврова» holds «Лавров»). A word ending in «*» matches any word it begins
(«терроризм*», «прекращени* огня»).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Generic, TypeVar

import ahocorasick

from .datafiles import DATA_DIR, read_json
from .normalize import fold

T = TypeVar("T")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")


@cache
def _morphology() -> tuple[frozenset[str], tuple[str, ...]]:
    data = read_json(DATA_DIR / "morphology.json")
    suffixes = tuple(sorted((fold(s) for s in data["cyrillic_suffixes"]), key=len, reverse=True))
    return frozenset(fold(p) for p in data["proclitics"]), suffixes


@dataclass(frozen=True, slots=True)
class PhraseMatch(Generic[T]):
    start: int            # in the folded text, the phrase itself (proclitics excluded)
    end: int              # after any case ending
    phrase: str
    payloads: tuple[T, ...]


class PhraseMatcher(Generic[T]):
    """Finds folded phrases in folded text; each phrase carries the payloads it was added with."""

    def __init__(self, entries: Iterable[tuple[str, T]]) -> None:
        table: dict[str, list[T]] = {}
        for phrase, payload in entries:
            key = " ".join(fold(phrase).split())
            if key.strip("*"):
                table.setdefault(key, []).append(payload)
        self._automaton = ahocorasick.Automaton()
        for key, payloads in table.items():
            # The automaton finds the fixed head of the phrase; a regex checks any wildcard tail.
            head, star, _ = key.partition("*")
            tail = _wildcard_regex(key) if star else None
            self._automaton.add_word(head, (key, tuple(payloads), tail))
        self._empty = not table
        if table:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._automaton)

    def find_all(self, text: str) -> list[PhraseMatch[T]]:
        """Every boundary-respecting match, overlapping ones included."""
        if self._empty:
            return []
        proclitics, suffixes = _morphology()
        found = []
        for last, (key, payloads, tail) in self._automaton.iter(text):
            head = key.partition("*")[0]
            start = last - len(head) + 1
            if not _starts_word(text, start, head, proclitics):
                continue
            if tail is not None:
                matched = tail.match(text, start)
                end = matched.end() if matched else None
            else:
                end = _word_end(text, last + 1, head, suffixes)
            if end is not None:
                found.append(PhraseMatch(start, end, key, payloads))
        return found

    def find(self, text: str) -> list[PhraseMatch[T]]:
        """Non-overlapping matches, longest first, in text order."""
        chosen: list[PhraseMatch[T]] = []
        for match in sorted(self.find_all(text), key=lambda m: (-(m.end - m.start), m.start)):
            if all(match.end <= other.start or other.end <= match.start for other in chosen):
                chosen.append(match)
        return sorted(chosen, key=lambda m: m.start)


def _starts_word(text: str, start: int, phrase: str, proclitics: frozenset[str]) -> bool:
    word_start = start
    while word_start > 0 and text[word_start - 1].isalnum():
        word_start -= 1
    if word_start == start:
        return True
    return bool(_ARABIC_SCRIPT.match(phrase)) and text[word_start:start] in proclitics


def _wildcard_regex(key: str) -> re.Pattern[str]:
    """«прекращени* огня» → words in order; a starred word may run on."""
    words = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) + r"(?!\w)" for w in key.split(" ")]
    return re.compile(r"\s+".join(words))


def _word_end(text: str, end: int, phrase: str, suffixes: tuple[str, ...]) -> int | None:
    if end == len(text) or not text[end].isalnum():
        return end
    if _CYRILLIC.search(phrase[-1:]):
        for suffix in suffixes:
            after = end + len(suffix)
            if text.startswith(suffix, end) and (after == len(text) or not text[after].isalnum()):
                return after
    return None
