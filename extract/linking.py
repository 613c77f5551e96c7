"""Entity linking: every mention of a person, by name, short name or role, to one person.

Names come from the gazetteer's automaton; a role phrase with a country
(«وزير الخارجية الروسي», "Egypt's foreign minister", «глава МИД Турции»)
resolves to the holder of that office on the article's date; «نظيره
الأردني» / "his Turkish counterpart" to the holder of the same office in the
other country; a name written after a title that the gazetteer does not know
becomes a new person with the name as written — never forced onto a known one.
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from .gazetteer import ROLES, Gazetteer, Person, default
from .lexicons import (
    NameHit, country_matcher, fuzzy_person, junior_roles, lexicon_words, president_office, name_stopwords, people_matcher,
    place_matcher, organisation_role_matcher, role_matcher, subordinate_matcher, this_country_matcher, titles, triggers,
)
from .matcher import PhraseMatch
from .normalize import FoldedText
from .records import UNKNOWN_PERSON_PREFIX, Office, PersonRef

# What may stand between a role phrase and its country or name.
# «نظرائه من قطر وسوريا», "his counterparts from Qatar", «همتایانش از قطر»: a preposition may come first.
# «همتایان خود از مصر»: Persian's reflexive "own" may stand between the title and the preposition.
_GAP_AFTER = re.compile(r"^[\s\-«»\"“”']*(?:(?:خود|خویش)\s+)?(?:(?:(?:of|from|in)(?: the)?|من|في|از|در|из)\s+)?$",
                        re.IGNORECASE)
_GAP_BEFORE = re.compile(r"^(?:'s)?[\s\-«»\"“”']*$")
# "A, B and C", "A, B, and C" (a serial comma), "A, the United Arab Emirates", «قطر وسوريا», «A، B و C».
_GAP_LIST = re.compile(r"^\s*[,،]?\s*(?:(?:و|and|и|&)\s*)?(?:the\s+)?$", re.IGNORECASE)
_GAP_APPOSITION = re.compile(r"^[\s،,:«»\"“”'\-]*$")
_NAME_END = re.compile(r"[،,.:;()\[\]«»\"“”\n؛!?؟]")   # an editor's "[Sergey] Lavrov" ends a name too
_MAX_GAP = 12
_MIN_SURNAME = 4        # letters a surname needs to be linked with no full name in the article
_TITLE_WINDOW = 60      # characters before an Arabic or Persian surname where its title may stand
_TITLE_WORDS = 3        # words a country or an adjective may add between the title and the surname
_WITH_REACH = 4         # characters before a surname in which 'with' («با», «مع») stands
_DEFAULT_COUNTERPART_ROLE = "foreign_minister"
_SUBORDINATE_REACH = 40
_POSSESSIVE = re.compile(r"['’]s\s+")
_POSSESSED_TITLE_WORDS = 2   # words between "the President's" and "adviser" ("special", "chief")
_MINISTER_ROLES = frozenset({"foreign_minister", "deputy_foreign_minister"})


# A given name does not start with the article: «اللقاء», «والمبعوث» are not names.
_ARABIC_ARTICLES = ("ال", "وال", "بال", "فال", "لل", "كال")


def _is_lexicon_word(token: str, words: frozenset[str]) -> bool:
    """A trigger, speech, calendar or role word (also behind a proclitic) cannot be part of a name."""
    return token in words or any(token[len(p):] in words for p in ("و", "ف", "ب", "ل", "ال", "وال") if token.startswith(p))


@dataclass(frozen=True, slots=True)
class LinkedMention:
    person: PersonRef
    start: int          # folded-text offsets
    end: int
    via: str            # "name", "short", "role", "counterpart", "minister", "new"


Span = tuple[int, int]


def _overlaps(office: Office, era: tuple[date, date]) -> bool:
    return (office.start or date.min) <= era[1] and era[0] <= (office.end or date.max)


def _inside(match: PhraseMatch, spans: list[Span]) -> bool:
    return any(start <= match.start and match.end <= end for start, end in spans)


def _pick_named(hits: tuple[NameHit, ...], full_named: set[str], on: date | None, gazetteer: Gazetteer) -> NameHit | None:
    """One person for a name match: a full name beats a short one; a short one needs support."""
    full = [h for h in hits if not h.short]
    if len({h.person_id for h in full}) == 1:
        return full[0]
    candidates = full or hits
    in_article = [h for h in candidates if h.person_id in full_named]
    if len({h.person_id for h in in_article}) == 1:
        return in_article[0]
    serving = [h for h in candidates if on is None or gazetteer.people[h.person_id].countries(on)]
    if len({h.person_id for h in serving}) == 1 and (not full or serving[0] in full):
        return serving[0]
    return None


class _ArticleLinker:
    def __init__(self, folded: FoldedText, spans: list[Span], on: date | None, language: str | None,
                 not_before: date | None = None) -> None:
        self.folded, self.text, self.spans, self.on, self.language = folded, folded.text, spans, on, language
        self.not_before = not_before      # an undated article speaks of an event that began then
        self.gazetteer = default()
        self.countries = country_matcher().find(self.text)
        self._article_countries = {m.payloads[0].code for m in self.countries}
        self.mentions: list[LinkedMention] = []
        self.bare_titles: dict[str, PersonRef] = {}    # role → whom this article's bare title means
        self.unresolved_titles: set[int] = set()         # title starts whose office had several holders
        self._names: list[PhraseMatch[NameHit]] | None = None

    # --- names ---------------------------------------------------------------
    def _name_matches(self) -> list[PhraseMatch[NameHit]]:
        """The gazetteer's names inside the spans: found once (several steps ask; each search passes the
        whole text through the automaton of every name). Callers must not change the list."""
        if self._names is None:
            self._names = [m for m in people_matcher().find(self.text) if _inside(m, self.spans)]
        return self._names

    def link_full_names(self) -> None:
        matches = self._name_matches()
        full_named = {h.person_id for m in matches for h in m.payloads if not h.short}
        for match in matches:
            hit = _pick_named(match.payloads, full_named, self.on, self.gazetteer)
            if hit is not None and not hit.short:
                person = self.gazetteer.people[hit.person_id]
                self.mentions.append(LinkedMention(person.ref(), match.start, match.end, "name"))

    def link_short_names(self) -> None:
        """A short name («شكري», "Wang") is someone the article names in full or by role; else the one
        person of the gazetteer with that short name who was in office on the article's day (any day
        when it has none). A short name shared by several such people stays unlinked."""
        supported = self.named_ids
        for match in self._name_matches():
            if self._overlaps_name(match):
                continue
            hits = [h for h in match.payloads if h.person_id in supported]
            via = "short"
            if not hits and self._surname_may_stand_alone(match):
                # the one office holder with that surname on the day; several: the one serving a
                # country the article names (Zarif and Iran, Çavuşoğlu and Turkey); still several: none
                hits = [h for h in match.payloads if h.short
                        and (self.on is None or self.gazetteer.people[h.person_id].countries(self.on))]
                if len({h.person_id for h in hits}) > 1:
                    hits = [h for h in hits if self._country_named(h.person_id)]
                via = "surname"
            if len({h.person_id for h in hits}) == 1:
                person = self.gazetteer.people[hits[0].person_id]
                self.mentions.append(LinkedMention(person.ref(), match.start, match.end, via))

    def _surname_may_stand_alone(self, match: PhraseMatch) -> bool:
        """Long enough, not a word of the lexicons (a weekday, a contact word), not the tail of a
        hyphenated name («Dlamini-Zuma»); in English and Russian capitalised, and in Arabic and Persian,
        where a surname is often also a word («رئيسي» "main", «ظریف» "delicate»), right after a title."""
        word = self.text[match.start:match.end]
        before = self.text[match.start - 1] if match.start else " "
        if len(word.replace(" ", "")) < _MIN_SURNAME or _is_lexicon_word(word, lexicon_words()) \
                or before in "-\u2010\u2011":
            return False
        if self.language in ("en", "ru"):
            return self.folded.original[self.folded.origin[match.start]].isupper()
        # a surname of two words («چاووش اوغلو», «عبد اللهيان») is no word of the language; a one-word
        # one is a person after a title, or as the other party of a contact («تماس تلفنی با ظریف»)
        return len(word.split()) >= 2 or self._title_before(match.start) or self._personal_title_before(match.start) \
            or self._contact_party(match) or self._contact_subject(match)

    def _contact_subject(self, match: PhraseMatch) -> bool:
        """«عراقچی در سفر به آنکارا با هاکان فیدان دیدار کرد»: first in a sentence that reports a contact
        — the subject of that sentence (a word of the language rarely opens one)."""
        sentence = next((span for span in self.spans if span[0] <= match.start < span[1]), None)
        if sentence is None or self.text[sentence[0]:match.start].strip(" «»\"“”'\u200c") not in ("", "و"):
            return False
        text = self.text[sentence[0]:sentence[1]]
        return bool(triggers("phone").find(text) or triggers("meeting").find(text))

    def _personal_title_before(self, position: int) -> bool:
        """«آقای ظریف», «الدكتور ظريف», «السيد "ظريف"»: Mr, Dr, Sheikh right before a word make it a name."""
        before = self.text[max(0, position - _TITLE_WINDOW):position].rstrip(" «»\"“”'")
        words = before.split()
        title_words = titles()
        # one- and two-word titles («آيت الله»)
        return bool(words) and (words[-1] in title_words or " ".join(words[-2:]) in title_words)

    def _contact_party(self, match: PhraseMatch) -> bool:
        """Right after 'with' in a sentence that reports a phone call or a meeting."""
        sentence = next((span for span in self.spans if span[0] <= match.start < span[1]), None)
        if sentence is None:
            return False
        before = self.text[max(sentence[0], match.start - _WITH_REACH):match.start]
        if not any(m.end >= len(before) - 1 for m in triggers("comitative").find(before)):
            return False
        text = self.text[sentence[0]:sentence[1]]
        return bool(triggers("phone").find(text) or triggers("meeting").find(text))

    def _title_before(self, position: int) -> bool:
        window = self.text[max(0, position - _TITLE_WINDOW):position]
        titles_found = role_matcher().find(window) + organisation_role_matcher().find(window)
        return any(len(window[m.end:].split()) <= _TITLE_WORDS for m in titles_found)

    def _country_named(self, person_id: str) -> bool:
        """The article names a country the person held office for (Zarif and Iran, Çavuşoğlu and Turkey)."""
        return bool(self.gazetteer.people[person_id].countries() & self._article_countries)

    @property
    def named_ids(self) -> set[str]:
        return {m.person.id for m in self.mentions}

    def _name_at(self, position: int) -> LinkedMention | None:
        for mention in self.mentions:
            if mention.via in ("name", "short") and position <= mention.start <= position + _MAX_GAP \
                    and _GAP_APPOSITION.match(self.text[position:mention.start]):
                return mention
        return None

    def _name_before(self, position: int) -> LinkedMention | None:
        for mention in self.mentions:
            if mention.via == "name" and position - _MAX_GAP <= mention.end <= position \
                    and _GAP_APPOSITION.match(self.text[mention.end:position]):
                return mention
        return None

    def _overlaps_name(self, match: PhraseMatch) -> bool:
        return any(m.start < match.end and match.start < m.end for m in self.mentions)

    # --- countries next to a role ------------------------------------------
    def _countries_after(self, position: int) -> tuple[list[str], int]:
        codes, end = [], position
        for match in self.countries:
            if match.start < end:
                continue
            gap = self.text[end:match.start]
            if len(gap) > _MAX_GAP or not (_GAP_AFTER if not codes else _GAP_LIST).match(gap):
                break
            codes.append(match.payloads[0].code)
            end = match.end
        return codes, end

    def _countries_before(self, position: int) -> list[str]:
        """The country right before a title and the ones listed before it ("the Turkish and Russian
        foreign ministers"), in text order."""
        first = self._country_before(position)
        if first is None:
            return []
        codes, start = [first], None
        for match in reversed(self.countries):
            if match.end <= position and match.payloads[0].code == first and start is None:
                start = match.start
                continue
            if start is None or match.end > start:
                continue
            if len(self.text[match.end:start]) > _MAX_GAP or not _GAP_LIST.match(self.text[match.end:start]) \
                    or not match.payloads[0].adjective:
                break       # "Turkey and the Russian foreign minister": a country, not a title's adjective
            codes.insert(0, match.payloads[0].code)
            start = match.start
        return list(dict.fromkeys(codes))

    def _country_before(self, position: int) -> str | None:
        for match in reversed(self.countries):
            if match.end <= position and len(self.text[match.end:position]) <= 4 \
                    and _GAP_BEFORE.match(self.text[match.end:position]):
                return match.payloads[0].code
        return None

    # --- roles ---------------------------------------------------------------
    def _holder(self, role: str, country: str) -> Person | None:
        holders = self.gazetteer.holders(role, country, self.on)
        if len(holders) > 1:
            # the article names one of them (by name: another title's holder says nothing of this one)
            named = {m.person.id for m in self.mentions if m.via not in ("role", "counterpart")}
            holders = [p for p in holders if p.id in named] or holders
        if len(holders) > 1 and self.on is None:
            for era in (self._era(), self._era(latest=True)):
                if era is None:
                    continue
                narrowed = [p for p in holders if any(o.role == role and o.country == country and _overlaps(o, era)
                                                      for o in p.offices)]
                if narrowed:
                    holders = narrowed
                if len(holders) == 1:
                    break
        if len(holders) == 1 or (holders and self.on is not None):
            return holders[0]
        return None

    def _era(self, latest: bool = False) -> tuple[date, date] | None:
        """An undated article's time, from the people it names in full: the days all of them were in
        office (with `latest`, in the office each took up last — what news most often calls them). A
        person whose terms end before the others' begin is named for a later role the gazetteer does
        not hold (Haniyeh after 2014): skipped, not allowed to empty the era. A deputy minister's years
        (junior_roles) do not count for someone who later held a senior office."""
        first, last = self.not_before or date.min, date.max
        for mention in self.mentions:
            offices = [o for o in mention.person.offices if o.role not in junior_roles()] or mention.person.offices
            if mention.via != "name" or not offices:
                continue
            if latest:
                offices = (max(offices, key=lambda o: o.start or date.min),)
            start = max(first, min(o.start or date.min for o in offices))
            end = min(last, max(o.end or date.max for o in offices))
            if start <= end:
                first, last = start, end
        return (first, last) if (first, last) != (date.min, date.max) else None

    def _within_article(self, country: str) -> Person | None:
        """«الوزير الإيراني» → the one person the article already named from that country."""
        people = {m.person.id for m in self.mentions
                  if any(o.country == country and o.role in _MINISTER_ROLES for o in m.person.offices)}
        return self.gazetteer.people.get(next(iter(people))) if len(people) == 1 else None

    def _counterpart_role(self, position: int) -> str:
        earlier = [m for m in self.mentions if m.end <= position and m.person.offices]
        if earlier:
            nearest = max(earlier, key=lambda m: m.end)
            current = [o.role for o in nearest.person.offices if self.on is None or o.held_on(self.on)]
            if _DEFAULT_COUNTERPART_ROLE in current:
                return _DEFAULT_COUNTERPART_ROLE   # a foreign minister's other hats are not what news means
            if current:
                return current[-1]
        return _DEFAULT_COUNTERPART_ROLE

    def _subordinate_before(self, position: int) -> bool:
        """«نائب وزير الخارجية», "deputy foreign minister": someone else than the office holder."""
        window = self.text[max(0, position - _SUBORDINATE_REACH):position]
        return any(m.end >= len(window) - 2 for m in subordinate_matcher().find(window))

    def _possessed_by_subordinate(self, position: int) -> bool:
        """"the Prime Minister's adviser", "the President’s special envoy": the title after the
        possessive is someone else's, not the office holder's."""
        possessive = _POSSESSIVE.match(self.text, position)
        if possessive is None:
            return False
        window = self.text[possessive.end():possessive.end() + _SUBORDINATE_REACH]
        return any(len(window[:m.start].split()) <= _POSSESSED_TITLE_WORDS
                   for m in subordinate_matcher().find(window))

    def link_roles(self, only: str | None = None) -> None:
        """Role phrases with a country; `any_minister` («الوزير الإيراني») runs last, after short names;
        `again`: the other roles once more, after short names, for those still unlinked."""
        for match in role_matcher().find(self.text):
            if not _inside(match, self.spans) or self._overlaps_name(match):
                continue
            if self._subordinate_before(match.start):
                if only is None:
                    self._link_deputy(match)
                continue
            if self._possessed_by_subordinate(match.end):
                continue
            role = sorted(hit.role for hit in match.payloads)[0]
            if (role == "any_minister") != (only == "any_minister"):
                continue
            if only == "again" and match.start not in self.unresolved_titles:
                continue
            codes, end = self._countries_after(match.end)
            if codes and not _inside(PhraseMatch(match.start, end, "", ()), self.spans):
                codes, end = [], match.end       # the country is in the next sentence: not this title's
            if not codes and (before := self._countries_before(match.start)):
                codes, end = before, match.end      # "the Turkish and Russian foreign ministers"
            if self._name_at(end) is not None:
                continue    # the name follows: the name is the mention
            if not codes and role in ROLES and (shared := self._country_of_next_title(match.end)):
                codes = [shared]    # «با نخست‌وزیر، وزیر امور خارجه نروژ»: both titles are Norway's
            if not codes:
                self._link_bare_role(role, match)
            for code in codes:
                self._link_role(role, code, match.start, end)

    def link_organisation_roles(self) -> None:
        """'the EU foreign policy chief', «الأمين العام للجامعة»: the holder of that office on the day,
        unless a name follows (then the name is the mention)."""
        for match in organisation_role_matcher().find(self.text):
            if not _inside(match, self.spans) or self._overlaps_name(match) or self._name_at(match.end) is not None:
                continue
            hit = match.payloads[0]
            person = self._holder(hit.role, hit.country)
            if person is not None:
                self.mentions.append(LinkedMention(person.ref(), match.start, match.end, "role"))

    def _link_deputy(self, match: PhraseMatch) -> None:
        """«معاون وزیر امور خارجه ایران», "Iran's deputy foreign minister": several hold that office at
        once, so only the one deputy of that country the article names can be meant."""
        if not any(hit.role == "foreign_minister" for hit in match.payloads):
            return
        codes, end = self._countries_after(match.end)
        if not codes and (before := self._country_before(match.start)):
            codes, end = [before], match.end
        if len(codes) != 1 or not _inside(PhraseMatch(match.start, end, "", ()), self.spans) \
                or self._name_at(end) is not None:
            return
        deputies = {m.person.id: m.person for m in self.mentions if m.via == "name" and any(
            o.role == "deputy_foreign_minister" and o.country == codes[0] and (self.on is None or o.held_on(self.on))
            for o in m.person.offices)}
        if len(deputies) == 1:
            self.mentions.append(LinkedMention(next(iter(deputies.values())), match.start, end, "role"))

    def _organisation_before(self, position: int) -> bool:
        window = self.text[max(0, position - _SUBORDINATE_REACH):position]
        gazetteer = self.gazetteer
        return any(len(window) - m.end <= 2 and gazetteer.places[m.payloads[0]].kind == "organisation"
                   for m in place_matcher().find(window))

    def _link_bare_role(self, role: str, match: PhraseMatch) -> None:
        """«قرأ وزير الخارجية …» with no country: the one holder of that office the article names
        and this sentence does not already name (the other party of the contact)."""
        if role not in ROLES and role != "president":
            return
        if any(m.start <= 2 for m in this_country_matcher().find(self.text[match.end:match.end + 30])):
            return      # «وزیر خارجه این کشور»: the country the text just named, not the article's minister
        if self._organisation_before(match.start):
            return      # "the SAARC Foreign Minister's meeting", "ASEAN foreign ministers": the body's ministers
        role = "head_of_state" if role == "president" else role
        sentence = next((span for span in self.spans if span[0] <= match.start < span[1]), None)
        if sentence is None:
            return
        named_before = self._name_before(match.start)
        if named_before is not None:
            # «فيصل بن فرحان وزير الخارجية»: the article tells us whom its bare title means.
            self.bare_titles.setdefault(role, named_before.person)
            return
        if role in self.bare_titles:
            self.mentions.append(LinkedMention(self.bare_titles[role], match.start, match.end, "role"))
            return
        in_sentence = {m.person.id for m in self.mentions if sentence[0] <= m.start < sentence[1]}
        candidates = {m.person.id: m.person for m in self.mentions
                      if m.person.id not in in_sentence
                      and any(o.role == role and (self.on is None or o.held_on(self.on)) for o in m.person.offices)}
        if len(candidates) == 1:
            (person,) = candidates.values()
            self.mentions.append(LinkedMention(person, match.start, match.end, "role"))

    def _country_of_next_title(self, position: int) -> str | None:
        """The one country of the title listed right after this one ("the prime minister and foreign
        minister of Norway", «نخست‌وزیر، وزیر امور خارجه نروژ»)."""
        for match in role_matcher().find(self.text[position:position + _MAX_GAP + 40]):
            if match.start > _MAX_GAP or not _GAP_LIST.match(self.text[position:position + match.start]):
                return None
            codes, _ = self._countries_after(position + match.end)
            return codes[0] if len(codes) == 1 else None
        return None

    def _titled_short_name(self, position: int, role: str, code: str) -> tuple[Person, int] | None:
        """"Kazakhstan Foreign Minister Nurtleu": a short name right after the title, of someone who held
        that office (on the article's day, when it has one): that person, and where the name ends."""
        for match in self._name_matches():
            if not position <= match.start <= position + _MAX_GAP or not _GAP_APPOSITION.match(self.text[position:match.start]):
                continue
            people = {h.person_id: self.gazetteer.people[h.person_id] for h in match.payloads}
            holders = [p for p in people.values() if any(
                o.role == role and o.country == code and (self.on is None or o.held_on(self.on)) for o in p.offices)]
            return (holders[0], match.end) if len(holders) == 1 else None
        return None

    def _link_role(self, role: str, code: str, start: int, end: int) -> None:
        if role not in ("any_minister", "counterpart"):
            office = president_office(code) if role == "president" else role
            if (titled := self._titled_short_name(end, office, code)) is not None:
                self.mentions.append(LinkedMention(titled[0].ref(), start, titled[1], "role"))
                return
        if role == "any_minister":
            person, via = self._within_article(code), "minister"
        elif role == "counterpart":
            # «نظيره الإسباني جوسيب بوريل»: a name after the title is the mention, as after any title
            unknown = self._unknown_name(end)
            if unknown is not None:
                self.mentions.append(unknown)
                return
            person, via = self._holder(self._counterpart_role(start), code), "counterpart"
        else:
            unknown = self._unknown_name(end)
            if unknown is not None:
                self.mentions.append(unknown)
                return
            office = president_office(code) if role == "president" else role
            person, via = self._holder(office, code), "role"
        if person is not None:
            self.mentions.append(LinkedMention(person.ref(), start, end, via))
        elif via in ("role", "counterpart"):
            self.unresolved_titles.add(start)

    # --- a name the gazetteer does not know ---------------------------------
    def _unknown_name(self, position: int) -> LinkedMention | None:
        """Two or three name-like words right after a title, up to punctuation or a stop word."""
        stop, title_words = name_stopwords(), titles()
        words: list[re.Match[str]] = []
        for word in re.finditer(r"\w+", self.text[position:position + 80]):
            gap = self.text[position + (words[-1].end() if words else 0):position + word.start()]
            if _NAME_END.search(gap) or (not words and gap.strip()) or len(words) == 3:
                break
            token = word.group()
            if token in stop or token.isdigit() or (not words and _is_lexicon_word(token, title_words)) \
                    or _is_lexicon_word(token, lexicon_words()) or (not words and token.startswith(_ARABIC_ARTICLES)):
                break
            if _is_lexicon_word(token.removesuffix("ا"), lexicon_words()):
                break     # «عقدا اجتماعا موسعا»: a lexicon word with the accusative ending is no name
            original_start = self.folded.origin[position + word.start()]
            if self.language in ("en", "ru") and not self.folded.original[original_start].isupper():
                break
            words.append(word)
        if len(words) < 2:
            return None
        start, end = position + words[0].start(), position + words[-1].end()
        span = PhraseMatch(start, end, "", ())
        if any(m.start < end and start < m.end for m in place_matcher().find(self.text[start:end])) \
                or country_matcher().find(self.text[start:end]) or self._overlaps_name(span):
            return None     # «لزيارة تركيا»: a place or a country is not a person's name
        begin, finish = self.folded.span_to_original(start, end)
        written = self.folded.original[begin:finish]
        folded_name = " ".join(self.text[start:end].split())
        if (known := fuzzy_person(folded_name)) is not None:
            return LinkedMention(self.gazetteer.people[known].ref(), start, end, "fuzzy")
        key = hashlib.sha256(folded_name.encode("utf-8")).hexdigest()[:12]
        person = PersonRef(f"{UNKNOWN_PERSON_PREFIX}{key}", ((self.language or "und", written),), (), known=False)
        return LinkedMention(person, start, end, "new")


_CAPITALISED_RUN = re.compile(r"\b[A-ZА-ЯЁ][\w'’\-]+(?:\s+[A-ZА-ЯЁ][\w'’\-]+)+")
_FUZZY_WINDOWS = (3, 2)


def _link_fuzzy_names(linker: "_ArticleLinker") -> None:
    """Capitalised names in English and Russian text that the exact matcher missed: "Amir-Abdolahian"."""
    if linker.language not in ("en", "ru"):
        return
    origin = linker.folded.origin
    for run in _CAPITALISED_RUN.finditer(linker.folded.original):
        words = list(re.finditer(r"\S+", run.group()))
        taken_until = 0
        for size in _FUZZY_WINDOWS:
            for first in range(0, len(words) - size + 1):
                if first < taken_until:
                    continue
                begin, finish = run.start() + words[first].start(), run.start() + words[first + size - 1].end()
                span = PhraseMatch(bisect_left(origin, begin), bisect_left(origin, finish), "", ())
                if not _inside(span, linker.spans) or linker._overlaps_name(span):
                    continue
                known = fuzzy_person(" ".join(linker.text[span.start:span.end].split()),
                                     titled=linker._title_before(span.start))
                # never a misspelling onto someone out of office on the article's day
                if known is not None and (linker.on is None or linker.gazetteer.people[known].countries(linker.on)):
                    linker.mentions.append(LinkedMention(linker.gazetteer.people[known].ref(), span.start, span.end, "fuzzy"))
                    taken_until = first + size


def link_people(folded: FoldedText, spans: list[Span], on: date | None, language: str | None,
                not_before: date | None = None) -> list[LinkedMention]:
    """Every person mention inside the given folded-text spans, in text order; `not_before` narrows an
    undated article's time (it speaks of the Gaza war: not before 7 October 2023)."""
    linker = _ArticleLinker(folded, spans, on, language, not_before)
    linker.link_full_names()
    _link_fuzzy_names(linker)
    linker.link_organisation_roles()
    linker.link_roles()
    linker.link_short_names()
    # a title that had several holders may now have one the article names by surname («ظریف» and
    # «رئیس دستگاه دیپلماسی ایران» in an undated article)
    linker.link_roles(only="again")
    linker.link_roles(only="any_minister")
    return sorted(linker.mentions, key=lambda m: m.start)
