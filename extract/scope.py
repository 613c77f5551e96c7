"""How far a contact word reaches: did the contact happen, and who are its parties.

A contact word («التقى», "phone call", «دیدار», «переговоры») is read inside
its own clause, not in a window of characters: a cue of modality (future,
request, hypothesis, denial) counts only when it stands a few words before or
after the word with no clause boundary between. The people of a sentence who
are not parties — a principal named after "envoy of", the sender of a
message, a person who was absent, people inside a purpose clause, the
reporter of the contact — are told apart with the cue lists of
data/scope.json.
"""
from __future__ import annotations

from collections.abc import Iterable

import re
from dataclasses import dataclass
from functools import cache

from .datafiles import DATA_DIR, DataFileError, read_json, string_lists_by_language
from .matcher import PhraseMatch, PhraseMatcher

SCOPE_FILE = DATA_DIR / "scope.json"
HAPPENED = "happened"
BACKGROUND = "background"   # an earlier contact recalled: not reported by this article
_SIDES = ("before", "after", "before_far", "after_far")
MODALITIES = ("denied", "requested", "hypothetical", "planned", BACKGROUND)
# Punctuation that closes a clause: a modality cue does not reach across it.
_BOUNDARY = re.compile(r"[.;:!?؟؛,،()\n\u2014\u2013]")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class _Settings:
    reach_before: int
    reach_after: int
    reach_far: int
    party_reach: int


def _phrases(section: dict, name: str) -> list[str]:
    lists = string_lists_by_language({k: v for k, v in section.items() if not k.startswith("_")}, name, SCOPE_FILE, 1,
                                     required=False)
    return [phrase for phrases in lists.values() for phrase in phrases]


@cache
def _data() -> dict:
    data = read_json(SCOPE_FILE)
    for modality in MODALITIES:
        if modality not in data.get("modality", {}):
            raise DataFileError(SCOPE_FILE, None, f"modality {modality!r} has no cues")
        for side in _SIDES:
            _phrases(data["modality"][modality].get(side, {}), f"modality.{modality}.{side}")
    return data


@cache
def settings() -> _Settings:
    raw = _data()["_settings"]
    try:
        return _Settings(int(raw["reach_before"]), int(raw["reach_after"]), int(raw["reach_far"]), int(raw["party_reach"]))
    except (KeyError, TypeError, ValueError):
        raise DataFileError(SCOPE_FILE, None,
                            "_settings needs integer reach_before, reach_after, reach_far, party_reach") from None


@cache
def _modality_matcher(side: str) -> PhraseMatcher[str]:
    modality = _data()["modality"]
    return PhraseMatcher((phrase, name) for name in MODALITIES
                         for phrase in _phrases(modality[name].get(side, {}), f"modality.{name}.{side}"))


@cache
def cue_matcher(key: str) -> PhraseMatcher[str]:
    """`not_party_after`, `not_party_before`, `purpose`, `reporting`, `clause_break`, `not_clause_break`,
    `other_party_pronoun`, `past_verbs`, `past_contact_verbs` or `initiative_phrases`."""
    return PhraseMatcher((phrase, key) for phrase in _phrases(_data()[key], key))


def _words_between(text: str, start: int, end: int) -> int | None:
    """How many words separate two points of one clause; None when a clause boundary lies between."""
    if start > end:
        start, end = end, start
    gap = text[start:end]
    if _BOUNDARY.search(gap):
        return None
    return len(_WORD.findall(gap))


_COMMA_AFTER = re.compile(r"\s*([,،])")
_COMMA_BEFORE = re.compile(r"([,،])\s*$")


def _without_appositions(text: str, names: Iterable[tuple[int, int]]) -> str:
    """«نفى الوزير، عباس عراقجي، صحة …», "the minister, Sergey Lavrov, denied …": the commas around a name
    in apposition close no clause (same length: offsets stay)."""
    chars = list(text)
    for start, end in names:
        before, after = _COMMA_BEFORE.search(text[:start]), _COMMA_AFTER.match(text, end)
        if before and after:
            chars[before.start(1)] = chars[after.start(1)] = " "
    return "".join(chars)


_ASIDE = re.compile(r"[,،]([^,،.;:!?؟؛\n]{1,60})[,،]")
_ASIDE_WORDS = 4     # "، صباح غد السبت،", ", on Monday,": short enough to be a time aside


@cache
def _time_words() -> PhraseMatcher[str]:
    """Weekdays, relative days and the words for tomorrow («غد» as well as «غدا»): what a time aside holds."""
    from .dates import calendar
    days = calendar()
    return PhraseMatcher([(w, "time") for w in [*days.weekdays, *days.relative, *_phrases(_data()["time_words"], "time_words")]])


def _without_time_asides(text: str) -> str:
    """«يعقد المقداد، صباح غد السبت، مباحثات», "X, on Monday, will meet Y": the commas around a short
    time phrase close no clause (same length: offsets stay)."""
    asides = [a for a in _ASIDE.finditer(text) if len(a.group(1).split()) <= _ASIDE_WORDS]
    if not asides:
        return text
    chars = list(text)
    times = _time_words().find(text)
    for aside in asides:
        if any(aside.start(1) <= t.start < aside.end(1) for t in times):
            chars[aside.start()] = chars[aside.end() - 1] = " "
    return "".join(chars)


def _name_words(text: str, names: Iterable[tuple[int, int]], start: int, end: int) -> int:
    """Words of the names inside [start, end): a name is one party however long it is written."""
    return sum(len(_WORD.findall(text[max(a, start):min(b, end)])) for a, b in names if a < end and start < b)


# What may stand between a setting word and the contact word: "during a call", "during their talks".
_DETERMINERS = re.compile(r"\s*(?:(?:a|an|the|their|his|her|this|that|its)\s+)?")


def modality(text: str, word: PhraseMatch, names: Iterable[tuple[int, int]] = ()) -> str:
    """What the sentence `text` says of the contact word: happened, planned, requested, hypothetical or denied.
    `names`: the sentence offsets of the people named in it."""
    names = list(names)
    text = _without_time_asides(_without_appositions(text, names))
    granted = cue_matcher("initiative_phrases").find(text)
    # "urged him during a phone call": the call is the setting; cues before it are the other verb's
    setting = any(s.end <= word.start and _DETERMINERS.fullmatch(text[s.end:word.start])
                  for s in cue_matcher("setting_words").find(text))
    reach = settings()
    best: tuple[int, str] | None = None
    for side, limit in (("before", reach.reach_before), ("after", reach.reach_after),
                        ("before_far", reach.reach_far), ("after_far", reach.reach_far)):
        for cue in _modality_matcher(side).find_all(text):
            if any(g.start <= cue.start < g.end for g in granted):
                continue
            if side.startswith("before"):
                if cue.start >= word.end or setting:
                    continue
                gap = (cue.end, word.start)
            else:
                if cue.end <= word.start:
                    continue
                gap = (word.end, cue.start)
            distance = 0 if gap[0] >= gap[1] else _words_between(text, *gap)
            if distance and side.endswith("_far"):
                # a denial reaches past the names between it and the contact; nearer cues do not
                # ("discussed with X and Y the upcoming summit": 'upcoming' is the summit's)
                distance -= _name_words(text, names, *gap)
            if distance is not None and distance <= limit and (best is None or distance < best[0]):
                best = (distance, cue.payloads[0])
    return best[1] if best else HAPPENED


def speaks_of_plans(text: str) -> bool:
    """A cue of the future or of plans in the sentence ("no plans", «нет планов», "will not"): what it
    denies is a contact to come, not one that took place."""
    return bool(cue_matcher("plan_words").find(text)) or any(
        "planned" in cue.payloads for side in ("before", "after", "before_far", "after_far")
        for cue in _modality_matcher(side).find_all(text))


def told_as_done(text: str) -> bool:
    """A contact verb in the past in the sentence ("held talks", «провели переговоры», «التقى»)."""
    return bool(cue_matcher("past_contact_verbs").find(text))


@cache
def verb_final_languages() -> frozenset[str]:
    """Languages whose contact nouns take the tense of a verb after them (those with past_verbs)."""
    return frozenset(lang for lang, words in _data()["past_verbs"].items() if not lang.startswith("_") and words)


def has_past_verb(text: str, word: PhraseMatch) -> bool:
    """A past verb right after a contact noun: «دیدار کرد», «گفتگو داشتند»."""
    return any(cue.start >= word.end and _near(text, word.end, cue.start, settings().reach_after)
               for cue in cue_matcher("past_verbs").find(text))


_NAME_AFTER_SEMICOLON = 2   # characters between a semicolon and the name it introduces


_RELATIVE_END = re.compile(r"[,،.;؛:!?؟\n]")


_ANTECEDENT_GAP = 4   # characters between a person's name and the pronoun: ", " and a quote


def relative_spans(text: str, name_ends: Iterable[int]) -> list[tuple[int, int]]:
    """Relative clauses on a person ("Fidan, who …"): opened by a pronoun right after a comma that
    follows a name, each up to the next comma (or the end). Not "Doha, which he reached on Saturday"."""
    ends = list(name_ends)
    spans = []
    for pronoun in cue_matcher("relative_pronouns").find(text):
        if not re.search(r"[,،]\s*$", text[max(0, pronoun.start - 3):pronoun.start]) \
                or not any(0 <= pronoun.start - end <= _ANTECEDENT_GAP for end in ends):
            continue
        stop = _RELATIVE_END.search(text, pronoun.end)
        spans.append((pronoun.start, stop.start() if stop else len(text)))
    return spans


def clauses(text: str, name_starts: Iterable[int] = (), name_ends: Iterable[int] = ()) -> list[tuple[int, int]]:
    """The sentence cut where a new clause with its own subject begins («فيما», "while", a semicolon).

    A semicolon right before a name is punctuation, not a clause («الممثل الخاص لشؤون سورية؛ ألكسندر
    لافرينتييف»): a new clause starts with a verb or a conjunction."""
    keep = cue_matcher("not_clause_break").find(text)
    breaks = [m for m in cue_matcher("clause_break").find(text) if not any(k.start <= m.start < k.end for k in keep)]
    names = set(name_starts)
    semicolons = {m.end() for m in re.finditer(r"[;؛]", text)
                  if not any(0 <= start - m.end() <= _NAME_AFTER_SEMICOLON for start in names)}
    relative = {cut for span in relative_spans(text, name_ends) for cut in span}
    cuts = sorted({m.start for m in breaks} | semicolons | relative)
    bounds = [0] + [c for c in cuts if 0 < c < len(text)] + [len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _near(text: str, start: int, end: int, limit: int) -> bool:
    distance = _words_between(text, start, end)
    return distance is not None and distance <= limit


def not_parties(text: str, spans: list[tuple[int, int]], words: list[PhraseMatch],
                kind: str = "not_party") -> set[int]:
    """Indexes of the mention spans (sentence offsets) named as someone's principal, a message's sender,
    an absent or replaced person: likely no party to the sentence's contact words. With `kind`
    "speaker_of_words": the people whose remarks the contact discussed."""
    reach = settings().party_reach
    excluded: set[int] = set()
    after = cue_matcher(f"{kind}_after").find(text)
    before = cue_matcher(f"{kind}_before").find(text)
    possessed = _possessive_matcher(f"{kind}_before").find(text)
    for index, (start, end) in enumerate(spans):
        between = [s for s in spans if s[1] <= start]
        if any(c.end <= start and _near(text, c.end, start, reach) and not any(c.end <= s[0] for s in between)
               for c in after):
            excluded.add(index)
        elif any(c.start >= end and _near(text, end, c.start, reach) for c in before) \
                or any(_POSSESSIVE.fullmatch(text[end:c.start]) for c in possessed if c.start > end):
            excluded.add(index)
    return excluded


# "Lavrov's envoy": a cue written "'s …" follows the name with no space, so no word boundary opens it;
# it is matched without its "'s" and the "'s" is checked right after the name.
_POSSESSIVE = re.compile(r"['’]s\s+")


@cache
def _possessive_matcher(key: str) -> PhraseMatcher[str]:
    phrases = [p for p in _phrases(_data()[key], key) if p.startswith(("'s ", "’s "))]
    return PhraseMatcher((phrase[3:], key) for phrase in phrases)


def in_purpose(text: str, spans: list[tuple[int, int]], words: list[PhraseMatch]) -> set[int]:
    """Indexes of the mentions inside a purpose clause after the contact words ("… to prepare the meeting
    of presidents X and Y"), unless a later contact word reopens the clause."""
    purposes = [p for p in cue_matcher("purpose").find(text) if any(w.end <= p.start for w in words)]
    return {index for index, (start, _) in enumerate(spans)
            if any(p.end <= start and not any(p.end <= w.start < start for w in words) for p in purposes)}


def reporters(text: str, spans: list[tuple[int, int]], words: list[PhraseMatch], reach: int | None = None) -> set[int]:
    """Indexes of the mentions that report the contact («قال», "said", «گفت», «сообщил») rather than take part;
    `reach`: words between the name and the verb (default: the party reach)."""
    reach = settings().party_reach if reach is None else reach
    found: set[int] = set()
    for cue in cue_matcher("reporting").find(text):
        for index, (start, end) in enumerate(spans):
            touching_words = any(w.start <= cue.start < w.end or cue.start <= w.start < cue.end for w in words)
            if touching_words:
                continue
            if (end <= cue.start and _near(text, end, cue.start, reach)) or \
                    (cue.end <= start and _near(text, cue.end, start, reach)):
                found.add(index)
    return found
