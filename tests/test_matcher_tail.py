"""A phrase's words after its head: matched by hand as the regex per phrase did (Russian case endings,
wildcards, whole words, any whitespace between), without compiling one regex per phrase."""
from __future__ import annotations

import random
import re

import pytest

from extract.matcher import PhraseMatcher, _match_tail, _morphology, _russian_stem, _tail, _MAX_UNINFLECTED_LENGTH

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def reference_regex(key: str) -> re.Pattern[str]:
    """The regex the matcher compiled for each inflected phrase before: the behaviour to keep."""
    suffixes = _morphology()[1]
    parts = []
    for word in key.split(" "):
        if word.endswith("*"):
            parts.append(re.escape(word[:-1]) + r"\w*")
        elif _CYRILLIC.search(word) and len(word) > _MAX_UNINFLECTED_LENGTH:
            stem = _russian_stem(word)
            endings = sorted(set(suffixes) | ({word[len(stem):]} if stem != word else set()), key=len, reverse=True)
            parts.append(re.escape(stem) + "(?:" + "|".join(map(re.escape, endings)) + r")?(?!\w)")
        else:
            parts.append(re.escape(word) + r"(?!\w)")
    return re.compile(r"\s+".join(parts))


@pytest.mark.parametrize(("key", "text", "end"), [
    ("сергей лавров", "сергеем лавровым сказал", len("сергеем лавровым")),
    ("сергей лавров", "сергей  лавров.", len("сергей  лавров")),
    ("сергей лавров", "сергей\u00a0лаврову", len("сергей\u00a0лаврову")),
    ("сергей лавров", "сергейлавров", None),                 # no space between the words
    ("сергей лавров", "сергей лавровх", None),               # not an ending
    ("мьянма", "мьянмы, ", len("мьянмы")),
    ("газа", "газом", None),                                  # a short word keeps its ending
    ("прекращени* огня", "прекращением огня", len("прекращением огня")),
    ("терроризм*", "терроризму и", len("терроризму")),
    ("иранский мид", "иранского мид", len("иранского мид")),
    ("иранский мид", "иранским мидом", None),                 # an acronym takes no ending
    ("лавров", "лавров_2", None),                             # the underscore is a word character
])
def test_a_phrase_matches_where_the_regex_did(key, text, end):
    assert _match_tail(_tail(key), text, 0) == end
    found = reference_regex(key).match(text, 0)
    assert (found.end() if found else None) == end


def test_random_texts_match_exactly_where_the_regex_does():
    rng = random.Random(20261207)
    words = ["сергей", "лавров", "мид", "мьянма", "иранский", "газа", "терроризм*", "абдель", "peace", "talks*", "юрай"]
    endings = ["", "а", "ом", "ым", "ой", "ей", "у", "ы", "ами", "х", "_", "1", "-", "2a"]
    gaps = [" ", "  ", "\u00a0", "\n", "", ".", ", "]
    for _ in range(3000):
        key = " ".join(rng.sample(words, rng.randint(1, 3)))
        pieces = []
        for index, word in enumerate(key.split(" ")):
            if index:
                pieces.append(rng.choice(gaps))
            stem = word.rstrip("*")
            stem = stem[:-1] if rng.random() < 0.3 and len(stem) > 4 else stem
            pieces.append(stem + rng.choice(endings))
        text = rng.choice(["", "и "]) + "".join(pieces) + rng.choice(["", " ", ".", "ы", " конец"])
        start = 0 if not text.startswith("и ") else 2
        found = reference_regex(key).match(text, start)
        assert _match_tail(_tail(key), text, start) == (found.end() if found else None), (key, text)


def test_the_matcher_finds_inflected_names_in_a_sentence():
    matcher = PhraseMatcher([("Сергей Лавров", "lavrov"), ("Мьянма", "mm")])
    found = matcher.find("встреча с сергеем лавровым по мьянме")
    assert [(m.phrase, m.payloads) for m in found] == [("сергей лавров", ("lavrov",)), ("мьянма", ("mm",))]
