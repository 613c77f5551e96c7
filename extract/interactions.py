"""Interactions: who spoke with whom, by phone or in person, when, where, who called.

Works sentence by sentence on the article's own text (headline and body;
never a "read also" item), using the trigger lexicons in data/triggers.json.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from .budget import check
from .dates import find_dates
from .event_dates import EventDate, anchored_today, event_date, inferred_date, named_weekday, relative_offsets
from .gazetteer import default
from .lexicons import country_matcher, place_matcher, speech, split_phrases, triggers
from .topics import COMPOUND_HALF
from .linking import LinkedMention
from .matcher import PhraseMatch
from .normalize import FoldedText, fold
from . import scope
from .datafiles import DataFileError
from .records import Article, ContactReport, Evidence, Interaction, PersonRef, PlaceRef, SegmentKind
from .sentences import Sentence

LOG = logging.getLogger(__name__)
_BETWEEN_REACH = 16      # characters from a trigger to a «بين»/"between"
_SIDE_WORDS = 3          # words after "at the initiative of" in which a side («турецкой стороны») is named
_RECEIVED_GAP_WORDS = 4  # time words between a received call and its "from" («اتصالاً هاتفياً، اليوم، من»)
_HUB_REACH = 3          # sentences over which "he also met X" still means the last contact's subject
_INITIATIVE_REACH = 2   # sentences after a contact that may say whose initiative it was
_CUE_REACH = 40          # characters from a locative or arrival cue to its place


@dataclass(slots=True)
class Found:
    """An interaction and the sentence it was found in (statements attach to it)."""

    interaction: Interaction
    sentences: list[Sentence]   # every sentence of the article that reports it, first one first
    weak: bool = False          # found from a discussion word only: its kind is a guess

    def reported_in(self, sentence: Sentence) -> bool:
        return sentence in self.sentences


def _sentence_text(folded: FoldedText, sentence: Sentence) -> str:
    return folded.text[sentence.folded_start:sentence.folded_end]


def _distinct(people: list[PersonRef]) -> list[PersonRef]:
    seen: dict[str, PersonRef] = {}
    for person in people:
        seen.setdefault(person.id, person)
    return list(seen.values())


def _overlaps(match: PhraseMatch, others: list[PhraseMatch]) -> bool:
    return any(o.start <= match.start < o.end or match.start <= o.start < match.end for o in others)


def _between_start(text: str, events: list[PhraseMatch]) -> int | None:
    """Where the people of a «بين X و Y» / "between X and Y" phrase begin, if a trigger has one."""
    for cue in triggers("between").find(text):
        if any(0 <= cue.start - e.end <= _BETWEEN_REACH for e in events):
            return cue.end
    return None


def _caller_cue_ends(text: str, base: int, mentions: list[LinkedMention]) -> list[int]:
    """Where the name of whoever made a received call begins: after "a phone call from", or after a
    call noun and, a few time words later, "from" («اتصالاً هاتفياً، اليوم، من», "a call on Monday from")."""
    ends = {cue.end for cue in triggers("received_from").find(text)}
    froms = triggers("from_words").find(text)
    for noun in triggers("received_call_nouns").find(text):
        following = next((f for f in froms if f.start >= noun.end), None)
        if following is not None and len(text[noun.end:following.start].split()) <= _RECEIVED_GAP_WORDS \
                and not any(noun.end <= m.start - base < following.start for m in mentions):
            ends.add(following.end)
    return sorted(ends)


def _sole_holder(country: str | None, participants: list[PersonRef]) -> PersonRef | None:
    """The one participant holding an office of the country, if exactly one does."""
    holders = [p for p in participants if any(o.country == country for o in p.offices)]
    return holders[0] if country and len(holders) == 1 else None


def _initiator(text: str, base: int, mentions: list[LinkedMention], participants: list[PersonRef]) -> PersonRef | None:
    ids = {p.id: p for p in participants}
    for cue_end in _caller_cue_ends(text, base, mentions):
        after = [m for m in mentions if m.start - base >= cue_end and m.person.id in ids]
        # «по инициативе турецкой стороны … Лаврова с … Фиданом»: a side named right after the cue is
        # the caller, whoever the sentence names first
        named_by = text[cue_end:after[0].start - base] if after else text[cue_end:]
        if side := _sole_holder(_country_after(" ".join(named_by.split()[:_SIDE_WORDS]), 0), participants):
            return side
        if after:
            return ids[after[0].person.id]
        if holder := _sole_holder(_country_after(text, cue_end), participants):
            return holder
    with_words = triggers("comitative").find(text)
    called = {m.person.id for m in mentions if any(0 <= m.start - base - w.end <= 2 for w in with_words)}
    phone_words = triggers("phone").find(text)
    for verb in triggers("caller_verbs_split").find(text):
        # «أجرى وزير الخارجية نبيل فهمي اليوم اتصالا هاتفيا مع …»: verb, caller, call word, callee
        call = next((w for w in phone_words if w.start >= verb.end and len(text[verb.end:w.start].split()) <= 10), None)
        if call is None:
            continue
        inside = [m for m in mentions if verb.end <= m.start - base < call.start and m.person.id in ids
                  and m.person.id not in called]
        before = [m for m in mentions if m.end - base <= verb.start and m.person.id in ids and m.person.id not in called]
        if inside or before:
            return ids[(inside[0] if inside else before[-1]).person.id]
    for cue in triggers("caller_verbs").find(text):
        # The caller is named before the verb, and is not the one called «با Y» / "with Y";
        # with no one before it, the verb comes first («هاتف وزير الخارجية ابن فرحان نظراءه …»).
        before = [m for m in mentions if m.end - base <= cue.start and m.person.id in ids and m.person.id not in called]
        if before:
            return ids[before[-1].person.id]
        after = [m for m in mentions if m.start - base >= cue.end and m.person.id in ids and m.person.id not in called]
        if after and len(text[cue.end:after[0].start - base].split()) <= 4:
            return ids[after[0].person.id]
    return None


def _initiator_next(folded: FoldedText, sentences: list[Sentence], sentence: Sentence,
                    mentions: list[LinkedMention], group: list[PersonRef]) -> PersonRef | None:
    """"The call took place at the initiative of the Iranian side" often follows in one of the next two
    sentences, when they name no one else."""
    ids = {p.id for p in group}
    later = [s for s in sentences if s.start > sentence.start][:_INITIATIVE_REACH]
    for follow in later:
        text = _sentence_text(folded, follow)
        here = [m for m in mentions if follow.folded_start <= m.start < follow.folded_end]
        if any(m.person.id not in ids for m in here):
            break
        if triggers("received_from").find(text):
            return _initiator(text, follow.folded_start, here, group)
    return None


def _country_after(text: str, position: int) -> str | None:
    """«التي بدأتها طهران» → IR: a capital or country named right after a cue."""
    gazetteer = default()
    for match in place_matcher().find(text[position:position + _CUE_REACH]):
        place = gazetteer.places[match.payloads[0]]
        if place.country:
            return place.country
    for match in country_matcher().find(text[position:position + _CUE_REACH]):
        return match.payloads[0].code
    return None


def _place(text: str) -> PlaceRef | None:
    """A place right after a locative («في موسكو», "in Cairo", «در مسکو», «в Москве», «بالعاصمة القطرية
    الدوحة»), else "in the Chinese capital" with no name: that country's capital."""
    gazetteer = default()
    topical = triggers("topic_locative").find(text)
    openers = triggers("topic_openers").find(text)
    cues = [c for c in triggers("locative").find(text) if not any(0 <= c.start - t.end <= 2 for t in topical)
            and not any(_opens_topic(text, o, c) for o in openers)] + triggers("arrival").find(text)
    descriptors = triggers("place_descriptors").find(text)
    for match in place_matcher().find(text):
        place = gazetteer.places[match.payloads[0]]
        if place.kind == "organisation":
            continue
        if any(0 <= match.start - cue.end <= _CUE_REACH and _only_descriptors(text[cue.end:match.start])
               for cue in cues) or _glued_locative(text, match.start) \
                or any(_glued_locative(text, d.start) and 0 <= match.start - d.end <= _CUE_REACH
                       and _only_descriptors(text[d.start:match.start]) for d in descriptors):
            return place.ref()
    return _unnamed_capital(text, cues, descriptors)


_TOPIC_WORDS = 4   # words between "about" and a locative that still make the place its topic


def _opens_topic(text: str, opener: PhraseMatch, cue: PhraseMatch) -> bool:
    """«درباره اوضاع جاری در غزه»: the locative stands a few words after 'about', in one clause."""
    between = text[opener.end:cue.start]
    return opener.end <= cue.start and len(between.split()) <= _TOPIC_WORDS and not re.search(r"[.،,;؛:\n]", between)


def _unnamed_capital(text: str, cues: list[PhraseMatch], descriptors: list[PhraseMatch]) -> PlaceRef | None:
    """«في العاصمة الصينية», "in the Chinese capital": the capital of the country the adjective names."""
    gazetteer = default()
    capitals = triggers("capital_descriptors").find(text)
    for descriptor in descriptors:
        if not any(c.start <= descriptor.start < c.end for c in capitals):
            continue    # "in the US", "the Indonesian city of Bali": no capital is meant
        located = _glued_locative(text, descriptor.start) or any(
            0 <= descriptor.start - cue.end <= _CUE_REACH and _only_descriptors(text[cue.end:descriptor.start])
            for cue in cues)
        if not located:
            continue
        for country in country_matcher().find(text[descriptor.end:descriptor.end + _CUE_REACH]):
            if country.start > 2:
                break
            capital = gazetteer.countries[country.payloads[0].code].capital
            if capital and capital in gazetteer.places:
                return gazetteer.places[capital].ref()
        for country in reversed(country_matcher().find(text[max(0, descriptor.start - _CUE_REACH):descriptor.start])):
            window = text[max(0, descriptor.start - _CUE_REACH):descriptor.start]
            if window[country.end:].strip() in ("", "'s"):       # "the Chinese capital", "China's capital"
                capital = gazetteer.countries[country.payloads[0].code].capital
                if capital and capital in gazetteer.places:
                    return gazetteer.places[capital].ref()
            break
    return None


def _only_descriptors(gap: str) -> bool:
    """Nothing between cue and place but "the (Iraqi) capital" and punctuation."""
    for matcher in (triggers("place_descriptors"), country_matcher()):
        for match in reversed(matcher.find(gap)):
            gap = gap[:match.start] + gap[match.end:]
    return not gap.strip(" \u200c،,")


def _glued_locative(text: str, start: int) -> bool:
    """«بموسكو»: the preposition written onto the place name."""
    return start > 0 and text[start - 1] == "ب" and (start == 1 or not text[start - 2].isalnum())


def _headline_place(folded: FoldedText, sentences: list[Sentence], mentions: list[LinkedMention],
                    participants: set[str]) -> PlaceRef | None:
    """«Лавров встретился во Вьентьяне с …»: a headline, else an earlier or later sentence, that names a
    participant, a meeting and a place."""
    ordered = [s for s in sentences if s.kind is SegmentKind.HEADLINE] + \
        [s for s in sentences if s.kind is not SegmentKind.HEADLINE]
    for sentence in ordered:
        text = _sentence_text(folded, sentence)
        inside = {m.person.id for m in mentions if sentence.folded_start <= m.start < sentence.folded_end}
        ours = inside & participants
        # A body sentence speaks of this meeting when it names two of its people, or one and no one else.
        if not ours or (sentence.kind is not SegmentKind.HEADLINE and len(ours) < 2 and inside - participants):
            continue
        if triggers("meeting").find(text) and (place := _place(text)) is not None:
            return place
    return None


def _arrival_place(folded: FoldedText, sentences: list[Sentence], mentions: list[LinkedMention],
                   participants: set[str]) -> PlaceRef | None:
    """«لاوروف صبح امروز وارد مراکش شد»: where a participant arrived, said elsewhere in the article."""
    gazetteer = default()
    for sentence in sentences:
        text = _sentence_text(folded, sentence)
        inside = {m.person.id for m in mentions if sentence.folded_start <= m.start < sentence.folded_end}
        if not inside & participants:
            continue
        for cue in triggers("arrival").find(text) + triggers("returned_from").find(text):
            for match in place_matcher().find(text[cue.end:cue.end + _CUE_REACH]):
                place = gazetteer.places[match.payloads[0]]
                if place.kind != "organisation":
                    return place.ref()
        for verb in triggers("returned_from_verb").find(text):
            # «از ابوظبی برگشتم»: «از», the place, the verb
            for match in place_matcher().find(text[max(0, verb.start - _CUE_REACH):verb.start]):
                start = max(0, verb.start - _CUE_REACH) + match.start
                place = gazetteer.places[match.payloads[0]]
                if place.kind != "organisation" and text[max(0, start - 3):start].strip() == "از" \
                        and not text[start + match.end - match.start:verb.start].strip():
                    return place.ref()
    return None


def _plover_and_cameo(kind: str, people: list[PersonRef], place: PlaceRef | None, multilateral: bool) -> tuple[str | None, str | None]:
    """PLOVER mode and CAMEO code, for users coming from event data."""
    if kind == "phone":
        return "phone", "041"
    if multilateral or len(people) > 2:
        return "multilateral", "044"
    if place is None or place.country is None:
        return None, None
    home = {o.country for p in people for o in p.offices}
    return ("visit", "042") if place.country in home else ("third-party", "044")


def _in_office(person: PersonRef, on: date | None) -> bool:
    """A known official takes part in contacts while in office; people the gazetteer lacks always may."""
    return on is None or not person.known or not person.offices or any(o.held_on(on) for o in person.offices)


def _last_distinct(people: list[PersonRef], count: int) -> list[PersonRef]:
    """The last `count` different people mentioned, in the order they were mentioned."""
    chosen: list[PersonRef] = []
    for person in reversed(people):
        if person.id not in {p.id for p in chosen}:
            chosen.append(person)
        if len(chosen) == count:
            break
    return list(reversed(chosen))


def _leader(person: PersonRef, on: date | None) -> bool:
    """A head of state or government on the day (any day, when the article has none)."""
    return any(o.role in ("head_of_state", "head_of_government") and (on is None or o.held_on(on))
               for o in person.offices)


def _only_spokesperson(person: PersonRef, on: date | None) -> bool:
    """Someone whose office on the day is to speak for a ministry: they report contacts, they rarely hold them."""
    current = [o for o in person.offices if on is None or o.held_on(on)]
    return bool(current) and all(o.role == "foreign_ministry_spokesperson" for o in current)


@dataclass(slots=True)
class _Clause:
    """The contact words of one clause and what they say."""

    start: int
    end: int
    words: list[PhraseMatch]
    others: list[PhraseMatch]          # contact words of the clause with another modality
    modality: str
    kind: str
    weak: bool


_SPLIT_REACH = 100   # characters from the first part of a split discussion phrase to its second


def _split_discussion(text: str) -> list[PhraseMatch]:
    """«تبادل الدكتور جايشانكار ووزير الخارجية الروسي لافروف وجهات النظر»: one discussion word from
    its first part to its second, when no sentence or clause mark stands between them."""
    found = []
    for head, tail in split_phrases("discussion_split"):
        head_matches, tails = head.find(text), tail.find(text)
        for first in head_matches:
            second = next((t for t in tails if first.end < t.start <= first.end + _SPLIT_REACH), None)
            if second is not None and not re.search(r"[.!?؟،,;؛:\n]", text[first.end:second.start]):
                found.append(PhraseMatch(first.start, second.end, text[first.start:second.end], ()))
    return found


def _contact_clauses(text: str, language: str | None = None, names: Sequence[tuple[int, int]] = ()) -> list[_Clause]:
    """Each clause of a sentence that holds contact words, with its modality and kind; `names`: the
    sentence offsets of the people it names."""
    # "gave details of the talks with his Russian counterpart": "the talks" followed by 'with' names
    # its parties — a report of its own (or more of the one before, which _contacts_in sees)
    comitative = triggers("comitative").find(text)
    anaphora = [a for a in triggers("anaphoric").find(text)
                if not any(0 <= c.start - a.end <= 1 for c in comitative)] + triggers("not_contact").find(text)
    phone = [t for t in triggers("phone").find(text) if not _overlaps(t, anaphora)]
    meeting = [t for t in triggers("meeting").find(text) if not _overlaps(t, anaphora)]
    discussion = [t for t in triggers("discussion").find(text) + _split_discussion(text) if not _overlaps(t, anaphora)]
    words = sorted(phone + meeting + discussion, key=lambda w: w.start)
    found = []
    for start, end in scope.clauses(text, [a for a, _ in names], [b for _, b in names]):
        inside = [w for w in words if start <= w.start < end]
        if not inside:
            continue
        modalities = [scope.modality(text, w, names) for w in inside]
        strong = [w in phone or w in meeting for w in inside]
        happened = [w for w, m in zip(inside, modalities) if m == scope.HAPPENED]
        announced = [(w, m) for w, m, s in zip(inside, modalities, strong) if m != scope.HAPPENED and s]
        if announced and not any(s for w, m, s in zip(inside, modalities, strong) if m == scope.HAPPENED):
            # «گفتگوهای منطقه‌ای … دیدار خواهد داشت»: a discussion word does not outweigh a planned meeting
            happened = []
        elif announced and language in scope.verb_final_languages():
            # «… با فیدان دیدار و دو طرف … گفتگو خواهند کرد»: the noun shares the verb at the clause's end
            happened = [w for w in happened if scope.has_past_verb(text, w)]
        chosen = happened or [w for w, _ in announced] or inside
        modality = scope.HAPPENED if happened else (announced[0][1] if announced else modalities[0])
        strong_phone = [w for w in chosen if w in phone]
        kind = "phone" if strong_phone or triggers("phone_over_meeting").find(text[start:end]) else "meeting"
        weak = not any(w in phone or w in meeting for w in chosen)
        others = [w for w in inside if w not in chosen]
        found.append(_Clause(start, end, chosen, others, modality, kind, weak))
    return found


def _parties(text: str, base: int, here: list[LinkedMention], clause: _Clause, on: date | None) -> list[PersonRef]:
    """The people a clause's contact words take as parties, in the order they are named."""
    spans = [(m.start - base, m.end - base) for m in here]
    between = _between_start(text, clause.words)
    # A person set aside at one mention is set aside at all of them: "…, envoy of Vladimir Putin,
    # President of Russia" names Putin twice.
    purpose = {here[i].person.id for i in scope.in_purpose(text, spans, clause.words)} \
        | {here[i].person.id for i in scope.not_parties(text, spans, clause.words, "speaker_of_words")}
    allowed = [i for i in range(len(here)) if here[i].person.id not in purpose and _in_office(here[i].person, on)]
    if between is not None:
        after = [i for i in allowed if spans[i][0] >= between]
        if len({here[i].person.id for i in after}) >= 2 or not after:
            allowed = after
        else:   # «المحادثات التي جرت بينه وبين نظيره X»: "him" is the person named last before
            before = [i for i in allowed if spans[i][0] < between and here[i].person.id != here[after[0]].person.id]
            allowed = before[-1:] + after
    not_parties = {here[i].person.id for i in scope.not_parties(text, spans, clause.words)}
    # "Rubio, who spoke by phone with Lavrov on Saturday, will meet … with Witkoff": a person nearer
    # to a contact word of another modality belongs to that contact.
    nearer_elsewhere = {here[i].person.id for i in range(len(here)) if _nearest_is_other(spans[i], clause)}
    nearer_here = {here[i].person.id for i in range(len(here)) if not _nearest_is_other(spans[i], clause)}
    not_parties |= nearer_elsewhere - nearer_here
    kept = [i for i in allowed if here[i].person.id not in not_parties]
    if len({here[i].person.id for i in kept}) >= 2:
        allowed = kept
    # "Fidan, who met Lavrov last week, said …": the relative clause's people are its own contact's
    relative = scope.relative_spans(text, [end for _, end in spans])
    inside = {i for i in allowed if any(a <= spans[i][0] < b for a, b in relative)}
    is_relative = any(a == clause.start for a, _ in relative)
    if not is_relative and inside:
        allowed = [i for i in allowed if i not in inside]
    in_clause = [i for i in allowed if clause.start <= spans[i][0] < clause.end]
    if is_relative and in_clause:
        # its subject is the antecedent, named last before the pronoun and outside other relative clauses
        before = [i for i in allowed if spans[i][1] <= clause.start and i not in inside
                  and here[i].person.id not in {here[j].person.id for j in in_clause}]
        if before:
            return _distinct([here[before[-1]].person] + [here[i].person for i in in_clause])
    if len({here[i].person.id for i in in_clause}) >= 2:
        allowed = in_clause
    elif in_clause and clause.start > 0:
        # "…, Lavrov said while opening talks with his counterpart": the clause's subject is the
        # person named last before it.
        before = [i for i in allowed if spans[i][1] <= clause.start and here[i].person.id != here[in_clause[0]].person.id]
        if before:
            return _distinct([here[before[-1]].person] + [here[i].person for i in in_clause])
    people = _distinct([here[i].person for i in allowed])
    # Reporters and spokespeople are dropped only when two others remain: "…, Zakharova said" —
    # but "Lavrov said he had discussed with Rubio …" keeps Lavrov.
    reporting = {here[i].person.id for i in scope.reporters(text, spans, clause.words) if i in allowed}
    # «استقبل الرئيس … الوزير التركي بحضور عبد العاطي»: the host's own minister attends; the contact is
    # the president's with the guest (the ministers' own meeting is reported on its own).
    present = {here[i].person.id for i in allowed if _attended(text, base, [here[i]], here[i].person)
               and any(_same_country(here[i].person, other, on) for other in people if other.id != here[i].person.id)}
    for drop in (lambda p: p.id in present, lambda p: p.id in reporting, lambda p: _only_spokesperson(p, on)):
        kept = [p for p in people if not drop(p)]
        if len(kept) >= 2:
            people = kept
    return people


_TALKS_WINDOW = 16     # characters between a contact word and the countries whose talks it names
_TALKS_BREAK = re.compile(r"[.,،;؛:()\n]")
_ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")


@lru_cache(maxsize=64)
def _countries_in(text: str) -> tuple[PhraseMatch, ...]:
    """The country names and adjectives of a sentence (asked for each of its contact words)."""
    return tuple(country_matcher().find(text))


def _others_talks(text: str, word: PhraseMatch, participants: list[PersonRef], on: date | None) -> bool:
    """"the US-Iran talks", «المحادثات الإيرانية الأمريكية», «ирано-американских переговоров»: a contact word
    beside two countries, one of which none of the participants serves, names those countries' talks."""
    start, end, codes, compound = word.start, word.end, set(), False
    # English and Russian put the countries before the noun ("US-Iran talks"), Arabic and Persian after it
    after = bool(_ARABIC_LETTER.search(text[word.start:word.end]))
    countries = [c for c in _countries_in(text) if (c.start >= word.end if after else c.end <= word.start)]
    joined: set[int] = set()
    grew = True
    while grew:
        grew = False
        for index, country in enumerate(countries):
            gap = text[end:country.start] if after else text[country.end:start]
            if index not in joined and 0 <= len(gap) <= _TALKS_WINDOW and not _TALKS_BREAK.search(gap):
                joined.add(index)
                codes.add(country.payloads[0].code)
                start, end, grew = min(start, country.start), max(end, country.end), True
                compound = compound or bool(COMPOUND_HALF.search(text[max(0, country.start - 30):country.start]))
    if len(codes) + compound < 2:
        return False
    served = {o.country for p in participants for o in p.offices if on is None or o.held_on(on)}
    return bool(codes - served)


def _masked(text: str, words: list[PhraseMatch]) -> str:
    """The sentence with other countries' talks and what follows them in their clause blanked (same length)."""
    chars = list(text)
    for word in words:
        stop = re.search(r"[.،,;؛\n]", text[word.end:])
        end = word.end + (stop.start() if stop else len(text) - word.end)
        chars[word.start:end] = " " * (end - word.start)
    return "".join(chars)


def _nearest_is_other(span: tuple[int, int], clause: _Clause) -> bool:
    if not clause.others:
        return False

    def distance(word: PhraseMatch) -> int:
        return max(word.start - span[1], span[0] - word.end, 0)
    return min(map(distance, clause.others)) < min(map(distance, clause.words))


_GATHERING_COUNTRIES = 4     # ministers of this many countries in one clause, and no "with": a conference


def _gathering(clause: str, named: list[PersonRef], one_subject: bool = False) -> bool:
    """"The foreign ministers of Iraq, Oman, Kuwait, Morocco and Egypt arrived for the meetings": a
    sentence naming people of many countries, with no "with" in the contact's clause, lists people at
    one conference, not a contact between each two of them. Not when one person is named before the
    contact word and the others after it (`one_subject`): "X met A, B, C and D" lists X's meetings —
    unless the clause says they took part in something ("with the participation of")."""
    countries = {frozenset(o.country for o in p.offices) for p in named if p.offices}
    countries = {min(c) for c in countries if len(c) == 1} | {c for c in countries if len(c) > 1}
    if len(countries) >= _GATHERING_COUNTRIES and triggers("participation").find(clause):
        return True     # "the ministerial, hosted by A with the participation of B, C and D"
    return not one_subject and len(countries) >= _GATHERING_COUNTRIES and not triggers("joint").find(clause) \
        and not triggers("comitative").find(clause) and not triggers("separate").find(clause) \
        and not _caller_cue_ends(clause, 0, [])     # "received calls from A, B and C": one call each


def _same_country(one: PersonRef, other: PersonRef, on: date | None) -> bool:
    def held(person: PersonRef) -> set[str]:
        return {o.country for o in person.offices if on is None or o.held_on(on)}
    return bool(held(one) & held(other))


def _reporter(folded: FoldedText, sentence: Sentence, here: list[LinkedMention]) -> PersonRef | None:
    """The person a sentence reports or quotes ("X said", «X نوشت», «قال X»), if it names one."""
    text = _sentence_text(folded, sentence)
    spans = [(m.start - sentence.folded_start, m.end - sentence.folded_start) for m in here]
    # «تخت روانچی با انتشار پستی در شبکه ایکس نوشت»: a subject may stand well before its verb
    found = sorted(scope.reporters(text, spans, [], scope.settings().reach_after))
    return here[found[0]].person if found else None


def _attended(text: str, base: int, here: list[LinkedMention], person: PersonRef) -> bool:
    """'Attended by X' («حضرها X»), or X then 'was also present' («X نیز حضور داشت»)."""
    cues = scope.cue_matcher("attended_by").find(text)
    after = scope.cue_matcher("attended_after").find(text)
    return any(m.person.id == person.id and (
        any(c.end <= m.start - base and len(text[c.end:m.start - base].split()) <= 6 for c in cues)
        or any(m.end - base <= c.start and len(text[m.end - base:c.start].split()) <= 6 for c in after))
        for m in here)


def _join(found: list[Found], person: PersonRef, sentence: Sentence) -> None:
    """Add a participant to the contact reported last."""
    last = found[-1]
    if person.id in {p.id for p in last.interaction.participants}:
        return
    people = last.interaction.participants + (person,)
    mode, cameo = last.interaction.plover_mode, last.interaction.cameo_code
    if last.interaction.kind == "meeting" and mode not in (None, "multilateral"):
        mode, cameo = _plover_and_cameo("meeting", list(people), last.interaction.place, False)
    found[-1] = Found(replace(last.interaction, participants=people, plover_mode=mode, cameo_code=cameo),
                      last.sentences + [sentence], last.weak)


def _object_only(text: str, base: int, here: list[LinkedMention], person: PersonRef) -> bool:
    """The one person of a sentence is the object of its contact («وأجرى اتصالا مع …», "also met with X"):
    the subject is left out because it is the one of the sentence before."""
    for mention in here:
        if mention.person.id == person.id:
            for word in triggers("comitative").find(text[:mention.start - base]):
                if len(text[word.end:mention.start - base].split()) <= 3:
                    return True
    return False


def _all_after_with(text: str, base: int, here: list[LinkedMention], participants: list[PersonRef]) -> bool:
    """«он встретился с … Шукри и президентом … ас-Сиси»: everyone named comes after one 'with', the
    first of them right after it — objects all, a list joined by 'and'."""
    firsts: dict[str, int] = {}
    for mention in here:
        firsts.setdefault(mention.person.id, mention.start - base)
    starts = [firsts[p.id] for p in participants if p.id in firsts]
    if len(starts) < 2 or len(starts) < len(participants):
        return False
    words = [w for w in triggers("comitative").find(text) if w.end <= min(starts)]
    return bool(words) and len(text[words[-1].end:min(starts)].split()) <= 3


def find_interactions(article: Article, folded: FoldedText, sentences: list[Sentence],
                      mentions: list[LinkedMention]) -> list[Found]:
    """Every interaction the article reports as having happened, one per event (see `consolidate`)."""
    return find_contacts(article, folded, sentences, mentions)[0]


def find_contacts(article: Article, folded: FoldedText, sentences: list[Sentence],
                  mentions: list[LinkedMention]) -> tuple[list[Found], list[ContactReport]]:
    """The contacts that happened (one Found per event) and the announced ones (planned, requested,
    hypothetical, denied). One sentence that cannot be read costs that sentence, not the article."""
    found: list[Found] = []
    reports: list[ContactReport] = []
    recent: list[PersonRef] = []
    hub: tuple[int, PersonRef] | None = None      # sentence index and subject of the last contact
    speaker: PersonRef | None = None              # the person the article last quoted or reported
    talks: _Talks | None = None                   # talks between delegations whose members come next
    for index, sentence in enumerate(sentences):
        check()   # the article's time budget (extract/budget.py): OverBudget is no Exception, the guard below lets it by
        here = [m for m in mentions if sentence.folded_start <= m.start < sentence.folded_end]
        speaker = _reporter(folded, sentence, here) or speaker
        try:
            near = hub is not None and (index - hub[0] <= _HUB_REACH or sentence.paragraph - sentences[hub[0]].paragraph <= 1)
            new, announced, subject = _contacts_in(article, folded, sentences, sentence, mentions, here, found,
                                                   recent, hub[1] if near else None, speaker)
        except DataFileError:
            raise                   # broken data is the installation's problem, not this sentence's
        except Exception:  # noqa: BLE001 - a rule tripped on an unusual sentence: skip the sentence, keep the article
            LOG.debug("skipped a sentence of %s at %d", article.id, sentence.start, exc_info=True)
            new, announced, subject = [], [], None
        if not new and not announced and found and index - sentences.index(found[-1].sentences[-1]) <= _CIRCUMSTANCE_REACH:
            found[-1] = _with_circumstances(found[-1], article, folded, sentence)
        found += new
        reports += announced
        if subject is not None:
            hub = (index, subject)
        recent += [m.person for m in here]
        talks = _delegation_talks(article, folded, sentences, index, mentions, talks, found)
    placed = _dateline_places(_gathering_places(_shared_places(consolidate(found)), folded, sentences),
                              _dateline_place(folded, sentences), _names_gathering(folded, sentences))
    placed = [item for item in placed if not _one_side(item.interaction)]
    # dates from the lead only after shadowing: an undated report a denial hides stays hidden
    kept = _lead_dates(_drop_shadowed(placed, reports, folded), article, folded, sentences, mentions)
    if article.published_date is None:
        kept = [_with_inferred_year(item, folded, sentences) for item in kept]
    return kept, _distinct_reports(reports)


def _with_inferred_year(item: Found, folded: FoldedText, sentences: list[Sentence]) -> Found:
    """An undated contact on a page that gives no year at all: the weekday beside its day and month
    and the participants' terms of office may leave one year (dg:dateCertainty "inferred")."""
    if item.interaction.day is not None:
        return item
    for sentence in item.sentences:
        day = inferred_date(_sentence_text(folded, sentence), item.interaction.participants, date.today())
        if day is not None:
            return Found(replace(item.interaction, day=day, date_certainty="inferred", weekday=None),
                         item.sentences, item.weak)
    return _from_anchored_today(item, folded, sentences)


def _from_anchored_today(item: Found, folded: FoldedText, sentences: list[Sentence]) -> Found:
    """«… ساعاتی پیش … دیدار کرد» on a page whose «فردا (پنجشنبه ۲۸ فروردین)» says which day it was written:
    the relative word of the contact counts from that day (dg:dateCertainty "inferred")."""
    offsets = next((found for sentence in item.sentences
                    if (found := relative_offsets(_sentence_text(folded, sentence)))), set())
    if len(offsets) != 1:
        return item
    todays = {day for sentence in sentences if (day := anchored_today(
        _sentence_text(folded, sentence), item.interaction.participants, date.today())) is not None}
    if len(todays) != 1:
        return item
    day = todays.pop() + timedelta(days=offsets.pop())
    if item.interaction.weekday is not None and day.weekday() != item.interaction.weekday:
        return item
    return Found(replace(item.interaction, day=day, date_certainty="inferred", weekday=None), item.sentences, item.weak)


_CIRCUMSTANCE_REACH = 2   # sentences after a contact that may say when and where it took place


def _with_circumstances(item: Found, article: Article, folded: FoldedText, sentence: Sentence) -> Found:
    """«جاء ذلك اليوم الجمعة بمقر الأمم المتحدة», "The meeting took place in Jakarta": the day and place
    of the contact just reported, where its own sentences gave none."""
    text = _sentence_text(folded, sentence)
    opening = [m for m in triggers("circumstances").find(text) if m.start <= _CIRCUMSTANCE_OPENING]
    if not opening:
        return item
    interaction = item.interaction
    if interaction.day is None:
        when = event_date(text, article.published_date)
        if when is not None:
            interaction = replace(interaction, day=when.day, date_certainty=when.certainty, weekday=None)
        elif interaction.weekday is None:
            interaction = replace(interaction, weekday=named_weekday(text))
    weak = item.weak
    if weak and triggers("phone").find(text):
        # «جاء ذلك خلال اتصال هاتفي»: a discussion that said nothing of how they spoke was a call
        interaction = replace(interaction, kind="phone", place=None, plover_mode="phone", cameo_code="041")
        weak = False
    if interaction.place is None and interaction.kind == "meeting":
        interaction = replace(interaction, place=_place(text))
    return Found(interaction, item.sentences, weak)


_CIRCUMSTANCE_OPENING = 2   # characters before the opening phrase («و» and the like)


@dataclass(slots=True)
class _Talks:
    """Talks between delegations reported with no names ("talks between the delegations of the US and
    Russia began"), waiting for the sentences that say who was in each delegation."""

    sentence: Sentence
    index: int
    people: list[PersonRef]


_DELEGATION_REACH = 3     # sentences after the talks that may list a delegation


def _delegation_talks(article: Article, folded: FoldedText, sentences: list[Sentence], index: int,
                      mentions: list[LinkedMention], talks: _Talks | None, found: list[Found]) -> _Talks | None:
    """Collect the members of talks between delegations; once both sides are known, one joint meeting."""
    sentence = sentences[index]
    text = _sentence_text(folded, sentence)
    here = [m.person for m in mentions if sentence.folded_start <= m.start < sentence.folded_end]
    if talks is None:
        clauses = _contact_clauses(text, article.language)
        if not here and any(c.modality == scope.HAPPENED and not c.weak for c in clauses) and triggers("joint").find(text):
            return _Talks(sentence, index, [])
        return None
    if index - talks.index > _DELEGATION_REACH:
        return None
    if triggers("delegation_members").find(text):
        spans = [(m.start - sentence.folded_start, m.end - sentence.folded_start) for m in mentions
                 if sentence.folded_start <= m.start < sentence.folded_end]
        # "aide to President Trump": a head of state or government named as someone's principal
        principals = {here[i].id for i in scope.not_parties(text, spans, [])
                      if any(o.role in ("head_of_state", "head_of_government") for o in here[i].offices)}
        talks.people = _distinct(talks.people + [p for p in here if p.id not in principals])
        countries = [{o.country for o in p.offices} for p in talks.people]
        sides = {c for held in countries for c in held}
        last = index + 1 == len(sentences) or \
            not triggers("delegation_members").find(_sentence_text(folded, sentences[index + 1]))
        if len(talks.people) >= 2 and len(sides) >= 2 and last:
            evidence = Evidence(article.id, folded.original[talks.sentence.start:talks.sentence.end],
                                talks.sentence.start, talks.sentence.end)
            when = event_date(_sentence_text(folded, talks.sentence), article.published_date)
            place = _place(_sentence_text(folded, talks.sentence))
            mode, cameo = _plover_and_cameo("meeting", talks.people, place, True)
            found.append(Found(Interaction("meeting", tuple(talks.people), evidence, when.day if when else None,
                                           when.certainty if when else None, None, place, mode, cameo),
                               [talks.sentence, sentence]))
            return None
    return talks


def _contacts_in(article: Article, folded: FoldedText, sentences: list[Sentence], sentence: Sentence,
                 mentions: list[LinkedMention], here: list[LinkedMention], found: list[Found],
                 recent: list[PersonRef], hub: PersonRef | None, speaker: PersonRef | None = None
                 ) -> tuple[list[Found], list[ContactReport], PersonRef | None]:
    text = _sentence_text(folded, sentence)
    new: list[Found] = []
    announced: list[ContactReport] = []
    subject = None
    clauses = _contact_clauses(text, article.language,
                               [(m.start - sentence.folded_start, m.end - sentence.folded_start) for m in here])
    joining = {m.person.id: m.person for m in here if _attended(text, sentence.folded_start, [m], m.person)}
    if not clauses and len(joining) == 1 and found and \
            sentences.index(found[-1].sentences[-1]) >= sentences.index(sentence) - 2:
        # "After the meeting, they were joined by Foreign Minister Freeland"
        _join(found, next(iter(joining.values())), sentence)
    for clause in clauses:
        when = event_date(text, article.published_date, clause.words[0].start)
        if when is None and article.published_date and clause.modality == scope.HAPPENED \
                and scope.cue_matcher("present_progressive").find(text[clause.start:clause.end]):
            when = EventDate(article.published_date, "relative")   # "is holding talks": as the report is filed
        on = when.day if when else article.published_date
        participants = _parties(text, sentence.folded_start, here, clause, on)
        if when is None and article.published_date is None and len(participants) >= 2:
            day = inferred_date(text, tuple(participants), date.today(), clause.words[0].start)
            when = EventDate(day, "inferred") if day else None
        if len(participants) == 1 and found and clause.modality == scope.HAPPENED \
                and _attended(text, sentence.folded_start, here, participants[0]) \
                and sentences.index(found[-1].sentences[-1]) >= sentences.index(sentence) - 2:
            # «وعقدت محادثات حضرها الشيباني»: the person joined the contact just reported
            _join(found, participants[0], sentence)
            continue
        if len(participants) < 2 and speech("two_leaders").find(text) and _between_start(text, clause.words) is None:
            # "the two presidents, however, spoke on the phone": the last two leaders named before
            leaders = _last_distinct([p for p in recent if _leader(p, on)], 2)
            participants = leaders if len(leaders) == 2 else participants
        if len(participants) < 2 and speech("both_parties").find(text) and _between_start(text, clause.words) is None:
            # «الجانبان», "the two sides": the people of the contact just reported, else the last two named
            both = list(found[-1].interaction.participants) if found else \
                _last_distinct([p for p in recent if _in_office(p, on) and not _only_spokesperson(p, on)], 2)
            # «رایزنی‌های بین دو کشور، دیدار … با لانا نصیبه … داشتم»: too few named before to be the two sides
            participants = both if len(both) >= 2 else participants
            position = sentences.index(sentence)
            if not found and when is None and position:
                # «ذكر وانج يي لنظيره بلينكن اليوم الأربعاء … جاء ذلك خلال مكالمة جمعت الطرفين»: the day
                # is where the two sides were named
                when = event_date(_sentence_text(folded, sentences[position - 1]), article.published_date)
        objects_only = bool(participants) and clause.modality == scope.HAPPENED and (all(
            _object_only(text, sentence.folded_start, here, p) for p in participants)
            or _all_after_with(text, sentence.folded_start, here, participants))
        if objects_only and len(participants) == 1 and hub is not None and hub.id != participants[0].id:
            participants = [hub, participants[0]]
        elif objects_only and scope.cue_matcher("subject_pronoun").find(text[:clause.words[0].start]):
            # «он встретился с … Шукри и президентом … ас-Сиси»: "he" is the person spoken of just before
            ids = {p.id for p in participants}
            subject = hub if hub is not None and hub.id not in ids else \
                next((p for p in reversed(recent) if p.id not in ids and _in_office(p, on)), None)
            if subject is not None:
                participants = [subject] + participants
                if len(participants) > 2 and clause.modality == scope.HAPPENED and not triggers("joint").find(text):
                    # "he met A and B": a meeting with each, as when the subject is named
                    for other in participants[1:]:
                        new += _interactions_in(article, folded, sentence, sentences, mentions, [subject, other],
                                                clause.kind, when, clause.words[0].start)
                    continue
        if speaker is not None and speaker.id not in {p.id for p in participants} \
                and scope.cue_matcher("first_person").find(text[clause.start:clause.end]) and participants:
            # «… با لانا نصیبه … دیدار کردم», "in today's call with Lavrov, I …": the speaker took part
            participants = [speaker] + participants
            if len(participants) > 2 and not triggers("joint").find(text):
                items = []
                for other in participants[1:]:
                    items += _interactions_in(article, folded, sentence, sentences, mentions, [speaker, other],
                                              clause.kind, when, clause.words[0].start)
                new += items
                subject = speaker
                continue
        if len(participants) == 1 and scope.cue_matcher("other_party_pronoun").find(text[clause.start:clause.end]):
            # «Путин провел с ним переговоры»: "him" is the last other person named before
            others = [p for p in recent if p.id != participants[0].id and _in_office(p, on)]
            if others:
                participants = [participants[0], others[-1]]
        foreign = [w for w in clause.words if _others_talks(text, w, participants, on)] if len(participants) >= 2 else []
        if foreign:
            # "… including the outcomes of the recent US-Iran talks in Geneva": those are other
            # countries' talks, not a contact of the people named (nor where they met)
            kept_words = [w for w in clause.words if w not in foreign]
            if not kept_words:
                continue
            phone = triggers("phone").find(text)
            strong = [w for w in kept_words if any(p.start == w.start for p in phone + triggers("meeting").find(text))]
            clause = replace(clause, words=kept_words, weak=not strong,
                             kind="phone" if any(p.start == w.start for p in phone for w in kept_words) else "meeting")
            masked_text = _masked(text, foreign)
        else:
            masked_text = text
        if len(participants) < 2 or _gathering(text[clause.start:clause.end], [m.person for m in here], _one_with_several(
                text, sentence.folded_start, here, participants, clause.words[0].start)):
            continue
        if clause.modality == scope.HAPPENED and found and triggers("anaphoric").find(text) \
                and {p.id for p in participants} <= {p.id for p in found[-1].interaction.participants}:
            # «وبحث الوزير الكويتي مع نظيريه خلال اللقاء …»: more of the contact just reported
            items = _interactions_in(article, folded, sentence, sentences, mentions, participants, clause.kind, when,
                                     clause.words[0].start)
            kept = found[-1].interaction
            for item in items:
                more = item.interaction
                kept = replace(kept, day=kept.day or more.day, date_certainty=kept.date_certainty or more.date_certainty,
                               weekday=kept.weekday if kept.weekday is not None else more.weekday,
                               initiator=kept.initiator or more.initiator, place=kept.place or more.place)
            weak = found[-1].weak and clause.weak
            if found[-1].weak and not clause.weak and kept.kind != clause.kind:
                # a discussion word said nothing of how they spoke; this report does
                kept = replace(kept, kind=clause.kind, place=None if clause.kind == "phone" else kept.place,
                               plover_mode="phone" if clause.kind == "phone" else None,
                               cameo_code="041" if clause.kind == "phone" else None)
            found[-1] = Found(kept, found[-1].sentences + [sentence], weak)
            continue
        if clause.modality == scope.BACKGROUND:
            continue
        if clause.modality != scope.HAPPENED:
            evidence = Evidence(article.id, folded.original[sentence.start:sentence.end], sentence.start, sentence.end)
            announced.append(ContactReport(clause.kind, clause.modality, tuple(participants), evidence,
                                           when.day if when else None))
            continue
        items = _interactions_in(article, folded, sentence, sentences, mentions, participants, clause.kind, when,
                                 clause.words[0].start, place_text=masked_text)
        for item in items:
            item.weak = clause.weak
        new += items
        subject = participants[0]
    return new, announced, subject


# An announced contact of these modalities, of the same kind, hides an undated report of it elsewhere in the article.
_SHADOWING = ("denied", "planned")


# What may follow a dateline's city: «الدوحة:», "MEXICO CITY (Reuters) –", «موسكو - سانا», "Moscow, March 3".
_DATELINE_TAIL = re.compile(r"^\s*(?:[:\-\u2013\u2014(,/]|\s(?:[-\u2013\u2014]))")
_DATELINE_REACH = 3   # the dateline is in the first few sentences of the body


def _dateline_place(folded: FoldedText, sentences: list[Sentence]) -> PlaceRef | None:
    """The city a wire dateline names at the start of the body («الدوحة:», "MEXICO CITY (Reuters) –")."""
    gazetteer = default()
    for sentence in [s for s in sentences if s.kind is SegmentKind.BODY][:_DATELINE_REACH]:
        text = _sentence_text(folded, sentence)
        first = place_matcher().find(text[:_CUE_REACH])
        if first and not text[:first[0].start].strip() and _DATELINE_TAIL.match(text[first[0].end:]):
            place = gazetteer.places[first[0].payloads[0]]
            if place.kind != "organisation":
                return place.ref()
    return None


def _home_capital(meeting: Interaction, place: PlaceRef) -> bool:
    """The place is the capital of a country one of the meeting's people serves."""
    countries = default().countries
    return any(countries[o.country].capital == place.id for p in meeting.participants for o in p.offices
               if o.country in countries and (meeting.day is None or o.held_on(meeting.day)))


def _names_gathering(folded: FoldedText, sentences: list[Sentence]) -> bool:
    return any(triggers("multilateral").find(_sentence_text(folded, s)) for s in sentences)


def _dateline_places(found: list[Found], place: PlaceRef | None, gathering: bool) -> list[Found]:
    """A meeting that no sentence places took place, most often, in the city the report is datelined
    from — but not when the article puts its meetings at a gathering and the dateline is a participant's
    own capital ("NEW DELHI: … on the sidelines of the SCO ministerial"): filed at home, held abroad."""
    if place is None:
        return found
    result = []
    for item in found:
        meeting = item.interaction
        if meeting.kind == "meeting" and meeting.place is None and not (gathering and _home_capital(meeting, place)):
            item = _placed(item, place)
        result.append(item)
    return result


def _one_side(interaction: Interaction) -> bool:
    """Office holders of one country only ("President al-Sharaa and Minister al-Shaibani visited Turkey"):
    a delegation, not a diplomatic contact. People the gazetteer lacks may be from anywhere."""
    on = interaction.day
    countries = []
    for person in interaction.participants:
        held = {o.country for o in person.offices if on is None or o.held_on(on)}
        if not person.known or not held:
            return False
        countries.append(held)
    return len(set.intersection(*countries)) > 0 and len(set.union(*countries)) == 1


def _shared_places(found: list[Found]) -> list[Found]:
    """A meeting whose sentences name no place took place where the article's other meetings of the
    same people did ("Fidan met al-Sharaa in Damascus … Fidan also met al-Shaibani"), when they agree."""
    result = []
    for item in found:
        meeting = item.interaction
        if meeting.kind == "meeting" and meeting.place is None:
            ids = {p.id for p in meeting.participants}
            places = {o.interaction.place.id: o.interaction.place for o in found
                      if o is not item and o.interaction.kind == "meeting" and o.interaction.place is not None
                      and ids & {p.id for p in o.interaction.participants}
                      and not (o.interaction.day and meeting.day and o.interaction.day != meeting.day)}
            if len(places) == 1:
                item = _placed(item, next(iter(places.values())))
        result.append(item)
    return result


_GATHERING_REACH = 160   # characters after "on the sidelines of" in which the gathering's city is named


def _gathering_places(found: list[Found], folded: FoldedText, sentences: list[Sentence]) -> list[Found]:
    """«على هامش اجتماع وزراء خارجية مجموعة العشرين في نيودلهي», "on the sidelines of the forum in Antalya":
    the meetings no sentence places took place where the one gathering the article names was held."""
    places = {}
    for sentence in sentences:
        text = _sentence_text(folded, sentence)
        for cue in triggers("multilateral").find(text):
            if (place := _place(text[cue.end:cue.end + _GATHERING_REACH])) is not None:
                places[place.id] = place
    if len(places) != 1:
        return found
    (place,) = places.values()
    return [_placed(item, place) if item.interaction.kind == "meeting" and item.interaction.place is None else item
            for item in found]


def _placed(item: Found, place: PlaceRef) -> Found:
    """The meeting with a place found elsewhere in the article; its PLOVER mode and CAMEO code follow."""
    meeting = item.interaction
    mode, cameo = (meeting.plover_mode, meeting.cameo_code) if meeting.plover_mode == "multilateral" \
        else _plover_and_cameo("meeting", list(meeting.participants), place, False)
    return Found(replace(meeting, place=place, plover_mode=mode, cameo_code=cameo), item.sentences, item.weak)


def _drop_shadowed(found: list[Found], reports: list[ContactReport], folded: FoldedText) -> list[Found]:
    """An undated contact that shares its people with an announced or denied one in the same article is
    most often that same contact told again ("the call, which did not take place"): without its own day
    it is not kept as having happened — unless a past verb tells it done ("held talks"), which an earlier
    announcement of it does not undo."""
    kept = []
    for item in found:
        interaction = item.interaction
        pairs = _pairs(interaction.participants)
        done = any(scope.told_as_done(_sentence_text(folded, s)) for s in item.sentences)
        # a past verb also beats a denial of plans ("no plans for a meeting this week"): that is a later contact
        shadowed = any(r.modality in _SHADOWING and r.kind == interaction.kind and pairs & _pairs(r.participants)
                       and not (done and (r.modality == "planned" or scope.speaks_of_plans(fold(r.evidence.sentence))))
                       and r.evidence.start not in {s.start for s in item.sentences} for r in reports)
        if interaction.day is None and shadowed:
            continue
        kept.append(item)
    return kept


def _pairs(people: tuple[PersonRef, ...]) -> set[frozenset[str]]:
    return {frozenset((a.id, b.id)) for a in people for b in people if a.id != b.id}


def _distinct_reports(reports: list[ContactReport]) -> list[ContactReport]:
    """One announced contact told in several sentences is one report: the first sentence is its evidence."""
    seen: dict[tuple, ContactReport] = {}
    for report in reports:
        key = (frozenset(p.id for p in report.participants), report.kind, report.modality)
        if key not in seen:
            seen[key] = report
        elif seen[key].day is None and report.day is not None:
            seen[key] = replace(seen[key], day=report.day)
    return list(seen.values())


def _interactions_in(article: Article, folded: FoldedText, sentence: Sentence, sentences: list[Sentence],
                     mentions: list[LinkedMention], participants: list[PersonRef], kind: str,
                     when: EventDate | None, contact_word: int | None = None,
                     place_text: str | None = None) -> list[Found]:
    text = _sentence_text(folded, sentence)
    here = [m for m in mentions if sentence.folded_start <= m.start < sentence.folded_end]
    named = [m for m in here if m.person.id in {p.id for p in participants}]
    if named and all(m.via == "counterpart" for m in named):
        return []   # «با همتایان مصری و عراقی», "his Egyptian and Iraqi counterparts": someone else's, not each other's
    multilateral = bool(triggers("multilateral").find(text))
    # "Separate calls with A, B and C", and any call with three or more people named: a conference call
    # is rare, and news names it as one ("video conference", which is a meeting word here).
    if triggers("separate").find(text) or (kind == "phone" and len(participants) > 2) \
            or (kind == "meeting" and _one_with_several(text, sentence.folded_start, here, participants, contact_word)):
        hub = _lone_object(text, sentence.folded_start, here, participants) or participants[0]
        groups = [[hub, other] for other in participants if other.id != hub.id]
    else:
        groups = [participants]
    evidence = Evidence(article.id, folded.original[sentence.start:sentence.end], sentence.start, sentence.end)
    results = []
    several_days = len(groups) > 1 and len(find_dates(text)) > 1
    for group in groups:
        if several_days:
            when = _day_before_party(article, text, sentence, here, group) or when
        place = None
        if kind == "meeting":   # a call has no one place
            ids = {p.id for p in group}
            place = _place(place_text or text) or _headline_place(folded, sentences, mentions, ids) \
                or _arrival_place(folded, sentences, mentions, ids)
        initiator = _initiator(text, sentence.folded_start, here, group) or \
            _initiator_next(folded, sentences, sentence, mentions, group)
        mode, cameo = _plover_and_cameo(kind, group, place, multilateral)
        interaction = Interaction(kind, tuple(group), evidence, when.day if when else None,
                                  when.certainty if when else None, initiator, place, mode, cameo,
                                  None if when else named_weekday(text, contact_word))
        results.append(Found(interaction, [sentence]))
    return results


def _lone_object(text: str, base: int, here: list[LinkedMention], participants: list[PersonRef]) -> PersonRef | None:
    """«أدان الملك عبد الله والرئيس السيسي خلال اتصال مع الرئيس عباس»: two or more subjects and one person
    after 'with' are each a call with that person."""
    first: dict[str, int] = {}
    for mention in here:
        first.setdefault(mention.person.id, mention.start - base)
    cues = triggers("comitative").find(text)
    if not cues:
        return None
    cue = cues[0]       # the first 'with' divides the subjects from the object
    after = [p for p in participants if first.get(p.id, -1) >= cue.end]
    before = [p for p in participants if 0 <= first.get(p.id, -1) < cue.start]
    return after[0] if len(after) == 1 and len(before) >= 2 else None


def _day_before_party(article: Article, text: str, sentence: Sentence, here: list[LinkedMention],
                      group: list[PersonRef]) -> EventDate | None:
    """"Met A on Friday 22 September, and held talks with B on Thursday 21 September": each meeting's
    day is the last one written before its counterpart's name."""
    starts = [m.start - sentence.folded_start for m in here if m.person.id == group[-1].id]
    if not starts:
        return None
    when = event_date(text, article.published_date, before=starts[0])
    if when is None and article.published_date is None:
        day = inferred_date(text, tuple(group), date.today(), before=starts[0])
        when = EventDate(day, "inferred") if day else None
    return when


def _one_with_several(text: str, base: int, here: list[LinkedMention], participants: list[PersonRef],
                      contact_word: int | None = None) -> bool:
    """«عراقچی با نخست‌وزیر، وزیر خارجه نروژ و وزیر خارجه عربستان دیدار کرد», "X met with A, B and C",
    "X met A, B and C": one person named before 'with' (or, with no 'with', before the contact word),
    several after, and no word that makes it one joint meeting."""
    if len(participants) < 3 or triggers("joint").find(text):
        return False
    first = {}
    for mention in here:
        first.setdefault(mention.person.id, mention.start - base)
    ids = [p.id for p in participants]
    withs = [w.start for w in triggers("comitative").find(text) if w.start > first.get(ids[0], len(text))]
    if not withs and contact_word is None:
        return False
    divider = withs[0] if withs else contact_word
    before = [i for i in ids if first.get(i, len(text)) < divider]
    return before == [ids[0]]


_LEAD_SENTENCES = 4   # the lead: where a report says when, even when its contact word comes later
_LEAD_MIN_WORDS = 8


def _lead_dates(found: list[Found], article: Article, folded: FoldedText, sentences: list[Sentence],
                mentions: list[LinkedMention]) -> list[Found]:
    """An undated contact takes the day of a lead sentence that names all its people and reports no
    other contact («ذكر وانج يي لنظيره بلينكن اليوم الأربعاء …» before «… خلال مكالمة هاتفية»)."""
    out = []
    for item in found:
        if item.interaction.day is None:
            people = {p.id for p in item.interaction.participants}
            # captions and page furniture before the lead do not count
            lead = [s for s in sentences if len(_sentence_text(folded, s).split()) >= _LEAD_MIN_WORDS]
            for sentence in lead[:_LEAD_SENTENCES]:
                named = {m.person.id for m in mentions if sentence.folded_start <= m.start < sentence.folded_end}
                text = _sentence_text(folded, sentence)
                if not people <= named or any(other.reported_in(sentence) for other in found):
                    continue
                if when := event_date(text, article.published_date):
                    item = Found(replace(item.interaction, day=when.day, date_certainty=when.certainty),
                                 item.sentences, item.weak)
                    break
        out.append(item)
    return out


def consolidate(found: list[Found]) -> list[Found]:
    """One article reporting one contact several times (headline, lead, body) gives one interaction.

    Reports of the same people merge unless both are dated and the days differ. The
    kind is the first report's that says how they spoke (a discussion word does not);
    the merged event keeps the first report's sentence as evidence and takes date,
    initiator and place from whichever report has them.
    """
    merged: list[Found] = []
    for item in found:
        new = item.interaction
        people = frozenset(p.id for p in new.participants)
        for index, kept in enumerate(merged):
            old = kept.interaction
            if frozenset(p.id for p in old.participants) != people:
                continue
            if old.day and new.day and old.day != new.day and not (
                    abs((old.day - new.day).days) == 1 and "relative" in (old.date_certainty, new.date_certainty)
                    and (old.kind == new.kind or kept.weak or item.weak)):
                # ("a Monday call" from Beijing, "on Sunday" from Washington: one call across time zones)
                continue
            kind = new.kind if kept.weak and not item.weak else old.kind
            combined = replace(
                old, kind=kind,
                day=old.day or new.day, date_certainty=old.date_certainty or new.date_certainty,
                weekday=old.weekday if old.weekday is not None else new.weekday,
                initiator=old.initiator or new.initiator, place=old.place or new.place,
                plover_mode=old.plover_mode or new.plover_mode, cameo_code=old.cameo_code or new.cameo_code,
            )
            if kind == "phone":
                combined = replace(combined, place=None, plover_mode="phone", cameo_code="041")
            elif old.kind == "phone":     # a meeting after all: its mode comes from the meeting's report
                combined = replace(combined, plover_mode=new.plover_mode, cameo_code=new.cameo_code)
            merged[index] = Found(combined, kept.sentences + item.sentences, kept.weak and item.weak)
            break
        else:
            merged.append(item)
    return merged
