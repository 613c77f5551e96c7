"""Interactions: who spoke with whom, by phone or in person, when, where, who called.

Works sentence by sentence on the article's own text (headline and body;
never a "read also" item), using the trigger lexicons in data/triggers.json.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from .event_dates import EventDate, event_date
from .gazetteer import default
from .lexicons import country_matcher, place_matcher, speech, triggers
from .linking import LinkedMention
from .matcher import PhraseMatch
from .normalize import FoldedText
from .records import Article, Evidence, Interaction, PersonRef, PlaceRef, SegmentKind
from .sentences import Sentence

_BETWEEN_REACH = 16      # characters from a trigger to a «بين»/"between"
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


def _initiator(text: str, base: int, mentions: list[LinkedMention], participants: list[PersonRef]) -> PersonRef | None:
    ids = {p.id: p for p in participants}
    for cue in triggers("received_from").find(text):
        after = [m for m in mentions if m.start - base >= cue.end and m.person.id in ids]
        if after:
            return ids[after[0].person.id]
        country = _country_after(text, cue.end)
        holders = [p for p in participants if any(o.country == country for o in p.offices)]
        if country and len(holders) == 1:
            return holders[0]
    with_words = triggers("comitative").find(text)
    called = {m.person.id for m in mentions if any(0 <= m.start - base - w.end <= 2 for w in with_words)}
    for cue in triggers("caller_verbs").find(text):
        # The caller is named before the verb, and is not the one called «با Y» / "with Y".
        before = [m for m in mentions if m.end - base <= cue.start and m.person.id in ids and m.person.id not in called]
        if before:
            return ids[before[-1].person.id]
    return None


def _initiator_next(folded: FoldedText, sentences: list[Sentence], sentence: Sentence,
                    mentions: list[LinkedMention], group: list[PersonRef]) -> PersonRef | None:
    """"The call took place at the initiative of the Iranian side" often follows in the next sentence."""
    later = [s for s in sentences if s.paragraph == sentence.paragraph and s.start > sentence.start][:1]
    for follow in later:
        text = _sentence_text(folded, follow)
        if triggers("received_from").find(text):
            here = [m for m in mentions if follow.folded_start <= m.start < follow.folded_end]
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
    """A place right after a locative («في موسكو», "in Cairo", «در مسکو», «в Москве»)."""
    gazetteer = default()
    cues = triggers("locative").find(text) + triggers("arrival").find(text)
    for match in place_matcher().find(text):
        place = gazetteer.places[match.payloads[0]]
        if place.kind == "organisation":
            continue
        if any(0 <= match.start - cue.end <= _CUE_REACH and _only_descriptors(text[cue.end:match.start])
               for cue in cues) or _glued_locative(text, match.start):
            return place.ref()
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
    """«Лавров встретился во Вьентьяне с …»: a headline that names a participant, a meeting and a place."""
    for sentence in sentences:
        if sentence.kind is not SegmentKind.HEADLINE:
            continue
        text = _sentence_text(folded, sentence)
        inside = {m.person.id for m in mentions if sentence.folded_start <= m.start < sentence.folded_end}
        if inside & participants and triggers("meeting").find(text):
            return _place(text)
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
        for cue in triggers("arrival").find(text):
            for match in place_matcher().find(text[cue.end:cue.end + _CUE_REACH]):
                place = gazetteer.places[match.payloads[0]]
                if place.kind != "organisation":
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


_NEGATION_REACH = 25     # characters around a contact word where a «لم»/"not" denies it


def _affirmed(text: str, words: list[PhraseMatch]) -> list[PhraseMatch]:
    """The contact words no negation denies («لم يلتق», "was not received", «не встретился»)."""
    negations = triggers("negation").find(text)
    return [w for w in words
            if not any(w.start - _NEGATION_REACH <= n.start and n.end <= w.end + _NEGATION_REACH for n in negations)]


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


def find_interactions(article: Article, folded: FoldedText, sentences: list[Sentence],
                      mentions: list[LinkedMention]) -> list[Found]:
    """Every interaction the article reports, one per event (see `consolidate`)."""
    found: list[Found] = []
    recent: list[PersonRef] = []
    for sentence in sentences:
        text = _sentence_text(folded, sentence)
        here = [m for m in mentions if sentence.folded_start <= m.start < sentence.folded_end]
        anaphora = triggers("anaphoric").find(text)
        phone = [t for t in triggers("phone").find(text) if not _overlaps(t, anaphora)]
        meeting = [t for t in triggers("meeting").find(text) if not _overlaps(t, anaphora)]
        discussion = [t for t in triggers("discussion").find(text) if not _overlaps(t, anaphora)]
        phone, meeting, discussion = (_affirmed(text, words) for words in (phone, meeting, discussion))
        if phone or meeting or discussion:
            kind = "phone" if phone or triggers("phone_over_meeting").find(text) else "meeting"
            start = _between_start(text, phone + meeting + discussion)
            chosen = [m for m in here if start is None or m.start - sentence.folded_start >= start]
            when = event_date(text, article.published_date)
            on = when.day if when else article.published_date
            participants = [p for p in _distinct([m.person for m in chosen]) if _in_office(p, on)]
            if start is None and len(participants) < 2 and speech("both_parties").find(text):
                # «الجانبان», "the two sides": the people of the contact just reported, else the last two named
                participants = list(found[-1].interaction.participants) if found else \
                    _last_distinct([p for p in recent if _in_office(p, on)], 2)
            if len(participants) >= 2:
                new = _interactions_in(article, folded, sentence, sentences, mentions, participants, kind, when)
                for item in new:
                    item.weak = not (phone or meeting)
                found += new
        recent += [m.person for m in here]
    return consolidate(found)


def _interactions_in(article: Article, folded: FoldedText, sentence: Sentence, sentences: list[Sentence],
                     mentions: list[LinkedMention], participants: list[PersonRef], kind: str,
                     when: EventDate | None) -> list[Found]:
    text = _sentence_text(folded, sentence)
    here = [m for m in mentions if sentence.folded_start <= m.start < sentence.folded_end]
    if triggers("separate").find(text):
        groups = [[participants[0], other] for other in participants[1:]]
    else:
        groups = [participants]
    evidence = Evidence(article.id, folded.original[sentence.start:sentence.end], sentence.start, sentence.end)
    multilateral = bool(triggers("multilateral").find(text))
    results = []
    for group in groups:
        place = None
        if kind == "meeting":   # a call has no one place
            ids = {p.id for p in group}
            place = _place(text) or _headline_place(folded, sentences, mentions, ids) \
                or _arrival_place(folded, sentences, mentions, ids)
        initiator = _initiator(text, sentence.folded_start, here, group) or \
            _initiator_next(folded, sentences, sentence, mentions, group)
        mode, cameo = _plover_and_cameo(kind, group, place, multilateral)
        interaction = Interaction(kind, tuple(group), evidence, when.day if when else None,
                                  when.certainty if when else None, initiator, place, mode, cameo)
        results.append(Found(interaction, [sentence]))
    return results


def consolidate(found: list[Found]) -> list[Found]:
    """One article reporting one event several times (headline, lead, body) gives one interaction.

    Reports of the same people and kind merge when their dates agree or one is
    undated; the merged event keeps the first report's sentence as evidence and
    takes date, initiator and place from whichever report has them.
    """
    merged: list[Found] = []
    for item in found:
        new = item.interaction
        people = frozenset(p.id for p in new.participants)
        for index, kept in enumerate(merged):
            old = kept.interaction
            if frozenset(p.id for p in old.participants) != people:
                continue
            if old.kind != new.kind and not (kept.weak or item.weak):
                continue
            if old.day and new.day and old.day != new.day:
                continue
            # A discussion word says nothing of how they spoke: the other report's kind wins.
            kind = new.kind if kept.weak and not item.weak else old.kind
            combined = replace(
                old, kind=kind,
                day=old.day or new.day, date_certainty=old.date_certainty or new.date_certainty,
                initiator=old.initiator or new.initiator, place=old.place or new.place,
                plover_mode=old.plover_mode or new.plover_mode, cameo_code=old.cameo_code or new.cameo_code,
            )
            if kind == "phone":
                combined = replace(combined, place=None, plover_mode="phone", cameo_code="041")
            merged[index] = Found(combined, kept.sentences + item.sentences, kept.weak and item.weak)
            break
        else:
            merged.append(item)
    return merged
