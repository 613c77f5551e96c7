"""The topic scheme (data/topics.jsonl): SKOS-like topics with keyword lexicons."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from .datafiles import DATA_DIR, LANGUAGES, DataFileError, read_jsonl, require, string_lists_by_language
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


def topics_in(folded_sentence: str, outside: list[tuple[int, int]] = ()) -> list[TopicRef]:
    """The topics a sentence talks about, in order of first mention; matches inside `outside` spans do not count."""
    scheme = default_scheme()
    seen: dict[str, TopicRef] = {}
    for match in scheme.matcher.find(folded_sentence):
        if any(start < match.end and match.start < end for start, end in outside):
            continue
        for topic_id in match.payloads:
            seen.setdefault(topic_id, scheme.topics[topic_id])
    return list(seen.values())
