"""Multi-pattern phrase matching on folded text (Aho–Corasick), word-boundary aware.

A phrase matches where it stands as whole words, with two allowances taken
from data/morphology.json: Arabic proclitics glued in front («وبلافروف» holds
«لافروف»), and Russian case endings on every Cyrillic word («Фейсалом
Мекдадом» holds «Фейсал Мекдад», «Мьянмы» holds «Мьянма»). A word ending in
«*» matches any word it begins («терроризм*», «прекращени* огня»).
"""
from __future__ import annotations

import re
from bisect import bisect_left
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


@cache
def _interchangeable() -> dict[str, tuple[str, ...]]:
    """Each word of an interchangeable group → every spelling of its group."""
    data = read_json(DATA_DIR / "morphology.json")["interchangeable_words"]
    groups = data["groups"] if isinstance(data, dict) else None
    if not isinstance(groups, list) or not all(isinstance(g, list) and len(g) > 1 and all(isinstance(w, str) and w
                                                                                            for w in g) for g in groups):
        raise ValueError("morphology.json: interchangeable_words.groups must be lists of two or more words")
    spellings: dict[str, tuple[str, ...]] = {}
    for group in groups:
        folded = tuple(dict.fromkeys(fold(w) for w in group))
        for word in folded:
            if word in spellings:
                raise ValueError(f"morphology.json: {word!r} is in two interchangeable groups")
            spellings[word] = folded
    return spellings


def _spellings(key: str) -> list[str]:
    """The phrase in every spelling of its interchangeable words («фейсал бин фархан», «фейсал бен …»)."""
    groups = _interchangeable()
    words = key.split(" ")
    if not any(word in groups for word in words):    # most phrases: no variant but themselves
        return [key]
    variants = [[]]
    for word in words:
        variants = [v + [w] for v in variants for w in groups.get(word, (word,))]
    return [" ".join(v) for v in variants]


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
                for spelling in _spellings(key):
                    payloads = table.setdefault(spelling, [])
                    if payload not in payloads:
                        payloads.append(payload)
        # The automaton finds the fixed head of each phrase; a regex checks inflected or wildcard
        # words. Several phrases can share a head («сергей» in many names), so each head holds a list.
        by_head: dict[str, list[tuple[str, tuple[T, ...], bool]]] = {}
        for key, payloads in table.items():
            inflected = "*" in key or bool(_CYRILLIC.search(key))
            by_head.setdefault(_head(key) if inflected else key, []).append((key, tuple(payloads), inflected))
        self._automaton = ahocorasick.Automaton()
        for head, entries in by_head.items():
            self._automaton.add_word(head, (head, entries))
        self._empty = not table
        if table:
            self._automaton.make_automaton()

    def find_all(self, text: str) -> list[PhraseMatch[T]]:
        """Every boundary-respecting match, overlapping ones included."""
        if self._empty:
            return []
        proclitics = _morphology()[0]
        found = []
        for last, (head, entries) in self._automaton.iter(text):
            start = last - len(head) + 1
            if not _starts_word(text, start, head, proclitics):
                continue
            for key, payloads, inflected in entries:
                if inflected:
                    end = _match_tail(_tail(key), text, start)
                else:
                    end = last + 1 if last + 1 == len(text) or not text[last + 1].isalnum() else None
                if end is not None:
                    found.append(PhraseMatch(start, end, key, payloads))
        return found

    def find(self, text: str) -> list[PhraseMatch[T]]:
        """Non-overlapping matches, longest first, in text order."""
        # The chosen matches never overlap, so kept in start order their ends ascend too: a new
        # match overlaps one of them exactly when the last chosen one starting before its end
        # reaches past its start. One bisection per match, not a scan of all chosen (quadratic
        # in a long text).
        starts: list[int] = []
        chosen: list[PhraseMatch[T]] = []
        for match in sorted(self.find_all(text), key=lambda m: (-(m.end - m.start), m.start)):
            before = bisect_left(starts, match.end) - 1
            if before >= 0 and chosen[before].end > match.start:
                continue
            position = bisect_left(starts, match.start)
            starts.insert(position, match.start)
            chosen.insert(position, match)
        return chosen


def _starts_word(text: str, start: int, phrase: str, proclitics: frozenset[str]) -> bool:
    word_start = start
    while word_start > 0 and text[word_start - 1].isalnum():
        word_start -= 1
    if word_start == start:
        return True
    return bool(_ARABIC_SCRIPT.match(phrase)) and text[word_start:start] in proclitics


# Russian nouns ending in -а/-я change that vowel in other cases (Мьянма → Мьянмы), and
# adjectives change -ий/-ый/-ой (иранский → иранской); shorter words keep their ending,
# so that «Газа» never becomes «газ».
_VOWEL_SWAP_MIN_LENGTH = 5
# A four-letter name still drops a final й or ь (Юрай → Юраем): no common word is made by it.
_SOFT_ENDINGS = ("й", "ь")
# Acronyms and short words (МИД, ООН, США, СВО) take no endings: «сво» must not match «своей».
_MAX_UNINFLECTED_LENGTH = 3
# A final soft sign or й goes too: Абдель → Абделем, Сергей → Сергеем, Игорь → Игорем.
_CHANGING_ENDINGS = ("ий", "ый", "ой", "а", "я", "ь", "й")


def _russian_stem(word: str) -> str:
    endings = _CHANGING_ENDINGS if len(word) >= _VOWEL_SWAP_MIN_LENGTH else _SOFT_ENDINGS if len(word) == 4 else ()
    for ending in endings:
        if word.endswith(ending):
            return word[:-len(ending)]
    return word


def _head(key: str) -> str:
    """The literal start of a phrase the automaton can look for: its first word, less any changing ending."""
    first = key.split(" ")[0]
    if first.endswith("*"):
        return first[:-1]
    return _russian_stem(first) if _CYRILLIC.search(first) and len(first) > _MAX_UNINFLECTED_LENGTH else first


# How a word of a phrase ends in the text, after its literal start: exactly there (None), with any run of
# word characters (_ANY_ENDING), or with one of a set of endings (the empty one among them).
_ANY_ENDING = "*"
_Ending = frozenset[str] | str | None


@cache
def _tail(key: str) -> tuple[tuple[str, _Ending], ...]:
    """What the whole phrase must match from its head, word by word: endings on Russian words, wildcards.

    Matched by hand, not as one regex per phrase: compiling those (one alternation of every ending per
    word) cost 0.5 s of a build of 100 articles, more than the matching."""
    suffixes = _morphology()[1]
    words: list[tuple[str, _Ending]] = []
    for word in key.split(" "):
        if word.endswith("*"):
            words.append((word[:-1], _ANY_ENDING))
        elif _CYRILLIC.search(word) and len(word) > _MAX_UNINFLECTED_LENGTH:
            stem = _russian_stem(word)
            endings = frozenset({"", *suffixes, word[len(stem):]})
            if not all(_is_word_run(ending) for ending in endings):
                raise ValueError(f"morphology.json: a Cyrillic suffix must be letters only: {sorted(endings)}")
            words.append((stem, endings))
        else:
            words.append((word, None))
    return tuple(words)


def _is_word_run(text: str) -> bool:
    return all(char.isalnum() or char == "_" for char in text)


def _match_tail(words: tuple[tuple[str, _Ending], ...], text: str, start: int) -> int | None:
    """Where the phrase ends when it stands at `start`: each word its literal start and an ending its
    rule allows, and no more word characters; words apart by whitespace. None when it does not."""
    position, length = start, len(text)
    for index, (literal, ending) in enumerate(words):
        if index:
            gap = position
            while position < length and text[position].isspace():
                position += 1
            if position == gap:
                return None
        if not text.startswith(literal, position):
            return None
        position += len(literal)
        run = position
        while run < length and (text[run].isalnum() or text[run] == "_"):
            run += 1
        if ending is None:
            if run != position:
                return None
        elif ending != _ANY_ENDING and text[position:run] not in ending:
            return None
        position = run
    return position
