"""The phrase matchers built from the data files, each built once per process."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .datafiles import DATA_DIR, LANGUAGES, DataFileError, read_json, string_lists_by_language
from .gazetteer import ROLES, default
from .long_lived import long_lived
from .matcher import PhraseMatcher
from .normalize import fold


@dataclass(frozen=True, slots=True)
class NameHit:
    person_id: str
    short: bool


@dataclass(frozen=True, slots=True)
class CountryHit:
    code: str
    adjective: bool


@dataclass(frozen=True, slots=True)
class RoleHit:
    role: str        # an office role, "counterpart", "any_minister" or "own_country"


@cache
def roles_data() -> dict:
    path = DATA_DIR / "roles.json"
    data = read_json(path)
    for role, phrases in data["roles"].items():
        if role not in ROLES and role != "president":
            raise DataFileError(path, None, f"roles: unknown role {role!r}")
        string_lists_by_language(phrases, f"roles.{role}", path, 1)
    for key in ("counterpart", "titles", "any_minister", "name_stopwords", "subordinate_markers", "this_country"):
        string_lists_by_language({k: v for k, v in data[key].items() if not k.startswith("_")}, key, path, 1)
    junior = data.get("junior_roles", {}).get("roles", [])
    if not isinstance(junior, list) or any(role not in ROLES for role in junior):
        raise DataFileError(path, None, "junior_roles.roles must list known roles")
    return data


@cache
def junior_roles() -> frozenset[str]:
    return frozenset(roles_data().get("junior_roles", {}).get("roles", []))


def president_office(country: str) -> str:
    """The office a "president" phrase names in a country (head of state unless data/roles.json says otherwise)."""
    return roles_data()["president_office"].get(country, "head_of_state")


@cache
@long_lived
def people_matcher() -> PhraseMatcher[NameHit]:
    entries = []
    for person in default().people.values():
        for names, short in ((person.names, False), (person.short, True)):
            for language in LANGUAGES:
                for name in names.get(language, []):
                    entries.append((name, NameHit(person.id, short)))
                    if "\u200c" in name:
                        # «چاووش‌اوغلو» is written with the joiner, without it, or with a space
                        entries.append((name.replace("\u200c", " "), NameHit(person.id, short)))
    return PhraseMatcher(entries)


@cache
@long_lived
def country_matcher() -> PhraseMatcher[CountryHit]:
    entries = []
    for country in default().countries.values():
        for language in LANGUAGES:
            entries += [(n, CountryHit(country.code, False)) for n in country.names.get(language, [])]
            entries += [(a, CountryHit(country.code, True)) for a in country.adjectives.get(language, [])]
    own = roles_data().get("own_country", {})
    for language, spec in own.items():
        if not language.startswith("_"):
            entries += [(w, CountryHit(spec["country"], False)) for w in spec["words"]]
    return PhraseMatcher(entries)


@cache
def role_matcher() -> PhraseMatcher[RoleHit]:
    data = roles_data()
    entries = [(p, RoleHit(role)) for role, by_lang in data["roles"].items() for ps in by_lang.values() for p in ps]
    for special in ("counterpart", "any_minister"):
        entries += [(p, RoleHit(special)) for lang, ps in data[special].items() if not lang.startswith("_") for p in ps]
    return PhraseMatcher(entries)


@cache
def place_matcher() -> PhraseMatcher[str]:
    entries = [(name, place.id) for place in default().places.values()
               for language in LANGUAGES for name in place.names.get(language, [])]
    return PhraseMatcher(entries)


@cache
def name_stopwords() -> frozenset[str]:
    words = roles_data()["name_stopwords"]
    return frozenset(fold(w) for lang, ws in words.items() if not lang.startswith("_") for w in ws)


@cache
def titles() -> frozenset[str]:
    words = roles_data()["titles"]
    return frozenset(fold(w) for ws in words.values() for w in ws)


def _lexicon(file_name: str, key: str) -> list[str]:
    path = DATA_DIR / file_name
    section = read_json(path)[key]
    phrases = string_lists_by_language({k: v for k, v in section.items() if not k.startswith("_")}, key, path, 1)
    return [p for ps in phrases.values() for p in ps]


@cache
def cue_matcher(file_name: str, key: str) -> PhraseMatcher[str]:
    """A matcher for one list of cue phrases in triggers.json or speech.json; payload is the key."""
    return PhraseMatcher((phrase, key) for phrase in _lexicon(file_name, key))


def triggers(key: str) -> PhraseMatcher[str]:
    return cue_matcher("triggers.json", key)


_SPLIT_MARK = " … "


@cache
def split_phrases(key: str) -> tuple[tuple[PhraseMatcher[str], PhraseMatcher[str]], ...]:
    """A triggers.json list of two-part phrases ("تبادل … وجهات النظر"): a matcher for each part."""
    path = DATA_DIR / "triggers.json"
    pairs = []
    for phrase in _lexicon("triggers.json", key):
        parts = phrase.split(_SPLIT_MARK)
        if len(parts) != 2 or not all(p.strip() for p in parts):
            raise DataFileError(path, None, f"{key}: {phrase!r} must be two parts joined by {_SPLIT_MARK.strip()!r}")
        pairs.append((PhraseMatcher([(parts[0], key)]), PhraseMatcher([(parts[1], key)])))
    return tuple(pairs)


def speech(key: str, language: str | None = None) -> PhraseMatcher[str]:
    """A speech.json list; with a language that the list has, only that language's phrases."""
    if language is not None and language in _languages_of("speech.json", key):
        return _language_cue_matcher("speech.json", key, language)
    return cue_matcher("speech.json", key)


@cache
def _languages_of(file_name: str, key: str) -> frozenset[str]:
    return frozenset(k for k in read_json(DATA_DIR / file_name)[key] if not k.startswith("_"))


@cache
def _language_cue_matcher(file_name: str, key: str, language: str) -> PhraseMatcher[str]:
    # Arabic «رأى» folds to «راي» and, after the proclitic «ب», would match Persian «برای» ("for"):
    # a language's own phrases keep another language's words out of its sentences.
    path = DATA_DIR / file_name
    section = read_json(path)[key]
    phrases = string_lists_by_language({k: v for k, v in section.items() if not k.startswith("_")}, key, path, 1)
    return PhraseMatcher((phrase, key) for phrase in phrases.get(language, []))


@dataclass(frozen=True, slots=True)
class OrganisationRoleHit:
    role: str
    country: str     # an organisation code (EU, UN, LAS, …)


@cache
def organisation_role_matcher() -> PhraseMatcher[OrganisationRoleHit]:
    """Titles that name one office of an organisation by themselves (data/roles.json organisation_roles)."""
    path = DATA_DIR / "roles.json"
    entries = []
    for index, office in enumerate(roles_data()["organisation_roles"]["offices"]):
        role, country = office.get("role"), office.get("country")
        if role not in ROLES or not isinstance(country, str):
            raise DataFileError(path, None, f"organisation_roles[{index}]: unknown role {role!r} or no country")
        phrases = string_lists_by_language(office.get("phrases", {}), f"organisation_roles[{index}]", path, 1)
        entries += [(p, OrganisationRoleHit(role, country)) for ps in phrases.values() for p in ps]
    return PhraseMatcher(entries)


@cache
def this_country_matcher() -> PhraseMatcher[str]:
    words = roles_data()["this_country"]
    return PhraseMatcher((w, "this_country") for lang, ws in words.items() if not lang.startswith("_") for w in ws)


@cache
def subordinate_matcher() -> PhraseMatcher[str]:
    words = roles_data()["subordinate_markers"]
    return PhraseMatcher((w, "subordinate") for lang, ws in words.items() if not lang.startswith("_") for w in ws)


@cache
def lexicon_words() -> frozenset[str]:
    """Every single word of the cue lexicons and calendar: words that are never part of a person's name."""
    from .dates import calendar  # noqa: PLC0415 - avoids a cycle at import time

    phrases: list[str] = []
    for file_name in ("triggers.json", "speech.json"):
        for key, section in read_json(DATA_DIR / file_name).items():
            if not key.startswith("_"):
                phrases += [p for lang, ps in section.items() if not lang.startswith("_") for p in ps]
    data = roles_data()
    phrases += [p for by_lang in data["roles"].values() for ps in by_lang.values() for p in ps]
    cal = calendar()
    words = {w for phrase in phrases for w in fold(phrase).replace("*", "").split()}
    words |= {w for table in (cal.gregorian, cal.jalali, cal.weekdays, cal.relative) for key in table for w in key.split()}
    return frozenset(words)


@cache
def _fuzzy_index() -> tuple[list[str], list[str]]:
    names: list[str] = []
    ids: list[str] = []
    for person in default().people.values():
        for language in LANGUAGES:
            for name in person.names.get(language, []):
                if " " in name.strip():       # full names only: a lone surname is too easy to hit
                    names.append(" ".join(fold(name).split()))
                    ids.append(person.id)
    return names, ids


def fuzzy_person(folded_name: str, titled: bool = True) -> str | None:
    """The gazetteer person whose full name is closest to `folded_name`, if close enough (data/roles.json);
    a name with no title before it must be closer still."""
    from rapidfuzz import fuzz, process  # noqa: PLC0415 - only needed when exact matching failed

    settings = roles_data()["_settings"]
    if len(folded_name) < settings["fuzzy_min_length"]:
        return None
    names, ids = _fuzzy_index()
    cutoff = settings["fuzzy_min_score"] if titled else settings["fuzzy_untitled_min_score"]
    best = process.extractOne(folded_name, names, scorer=fuzz.ratio, score_cutoff=cutoff)
    return ids[best[2]] if best else None
