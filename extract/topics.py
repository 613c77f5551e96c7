"""The topic scheme (data/topics.jsonl): SKOS-like topics with keyword lexicons."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from .datafiles import DATA_DIR, LANGUAGES, DataFileError, read_json, read_jsonl, require, string_lists_by_language
from .lexicons import country_matcher
from .matcher import PhraseMatcher
from .records import TopicRef


@dataclass(frozen=True, slots=True)
class TopicScheme:
    topics: dict[str, TopicRef]
    matcher: PhraseMatcher[str]


def load_scheme(path=DATA_DIR / "topics.jsonl") -> TopicScheme:
    topics: dict[str, TopicRef] = {}
    entries: list[tuple[str, str]] = []
    for line, record in read_jsonl(path):
        topic_id = require(record, "id", str, path, line)
        if topic_id in topics:
            raise DataFileError(path, line, f"topic id {topic_id!r} is repeated")
        labels = require(record, "label", dict, path, line)
        if not isinstance(labels.get("en"), str):
            raise DataFileError(path, line, "every topic needs an English label")
        keywords = string_lists_by_language(require(record, "keywords", dict, path, line), "keywords", path, line)
        broader = record.get("broader")
        since = record.get("since")
        try:
            began = date.fromisoformat(since) if since is not None else None
        except (TypeError, ValueError):
            raise DataFileError(path, line, f"since {since!r} is not a YYYY-MM-DD date") from None
        topics[topic_id] = TopicRef(topic_id, tuple((lang, labels[lang]) for lang in LANGUAGES if labels.get(lang)),
                                    broader, began)
        entries += [(word, topic_id) for words in keywords.values() for word in words]
    for topic in topics.values():
        if topic.broader is not None and topic.broader not in topics:
            raise DataFileError(path, None, f"topic {topic.id!r} has unknown broader topic {topic.broader!r}")
    return TopicScheme(topics, PhraseMatcher(entries))


@cache
def default_scheme() -> TopicScheme:
    return load_scheme()


@dataclass(frozen=True, slots=True)
class PairRelations:
    """data/relation_pairs.json: a relation noun beside two countries names one topic."""
    topic: str
    window: int
    nouns: PhraseMatcher[str]


@cache
def pair_relations(path=DATA_DIR / "relation_pairs.json") -> PairRelations:
    data = read_json(path)
    topic = require(data, "topic", str, path, None)
    if topic not in default_scheme().topics:
        raise DataFileError(path, None, f"topic {topic!r} is not in topics.jsonl")
    window = require(data, "window", int, path, None)
    if window <= 0:
        raise DataFileError(path, None, "window must be a positive number of characters")
    nouns = string_lists_by_language(require(data, "nouns", dict, path, None), "nouns", path, None)
    return PairRelations(topic, window, PhraseMatcher((w, "noun") for ws in nouns.values() for w in ws))


# «российско-саудовских»: the first half of a Russian compound adjective names the other country.
COMPOUND_HALF = re.compile(r"[а-яё]{3,}о-$")


def _inside(span_start: int, span_end: int, outside) -> bool:
    return any(start < span_end and span_start < end for start, end in outside)


def _names_two_countries_relation(folded_sentence: str, outside, keyword_spans) -> bool:
    """A relation noun chained to two different countries, each within `window` of the noun or of the other."""
    rules = pair_relations()
    # «التعاون الأمني بين تركيا وسوريا» is security cooperation: a noun inside another topic's keyword is that topic's.
    nouns = [m for m in rules.nouns.find(folded_sentence)
             if not _inside(m.start, m.end, outside) and not _inside(m.start, m.end, keyword_spans)]
    if not nouns:
        return False
    countries = [m for m in country_matcher().find(folded_sentence) if not _inside(m.start, m.end, outside)]
    for noun in nouns:
        start, end = noun.start, noun.end
        codes: list[frozenset[str]] = []      # «США» is also the US Virgin Islands' parent: one hit, one country
        joined: set[int] = set()
        grew = True
        while grew:      # "relations with the US and the prospects of the Ukrainian crisis": the US only
            grew = False
            for index, country in enumerate(countries):
                near = country.end >= start - rules.window and country.start <= end + rules.window
                if near and index not in joined:
                    joined.add(index)
                    start, end, grew = min(start, country.start), max(end, country.end), True
                    codes.append(frozenset(hit.code for hit in country.payloads))
                    if COMPOUND_HALF.search(folded_sentence[max(0, country.start - 30):country.start]):
                        codes.append(frozenset({"compound"}))
        if any(not a & b for i, a in enumerate(codes) for b in codes[i + 1:]):
            return True
    return False


def topics_in(folded_sentence: str, outside: list[tuple[int, int]] = ()) -> list[TopicRef]:
    """The topics a sentence talks about, in order of first mention; matches inside `outside` spans do not count."""
    scheme = default_scheme()
    seen: dict[str, TopicRef] = {}
    keyword_spans = []
    for match in scheme.matcher.find(folded_sentence):
        if _inside(match.start, match.end, outside):
            continue
        keyword_spans.append((match.start, match.end))
        for topic_id in match.payloads:
            seen.setdefault(topic_id, scheme.topics[topic_id])
    if _names_two_countries_relation(folded_sentence, outside, keyword_spans):
        topic_id = pair_relations().topic
        seen.setdefault(topic_id, scheme.topics[topic_id])
    return list(seen.values())
