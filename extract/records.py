"""Plain typed records that extraction produces; graph/ turns them into RDF.

Offsets are character offsets into `Article.text` (the article's main text as
read, before any normalisation), checked when a record is made.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum


class SegmentKind(str, Enum):
    HEADLINE = "headline"
    DATELINE = "dateline"      # date lines, «موسكو-سانا», «تاريخ النشر: …»
    BODY = "body"
    SOURCE = "source"          # «المصدر: …», «به گزارش …» lines naming the outlet
    RELATED = "related"        # "read also" items: other articles, other events
    TICKER = "ticker"          # run-together headline tickers
    BOILERPLATE = "boilerplate"  # cookie, share, subscribe, navigation


@dataclass(frozen=True, slots=True)
class Segment:
    kind: SegmentKind
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad segment offsets {self.start}:{self.end}")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact comes from: the article, the sentence and character offsets in the article text."""

    article_id: str
    sentence: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad evidence offsets {self.start}:{self.end}")


@dataclass(slots=True)
class Article:
    """One article as read: its main text, its pieces and what its header says."""

    id: str
    source_file: str
    text: str
    language: str | None = None
    headline: str | None = None
    published: date | datetime | None = None
    publisher: str | None = None
    url: str | None = None
    line: int | None = None            # line number inside a .jsonl file
    segments: list[Segment] = field(default_factory=list)

    def __post_init__(self) -> None:
        for segment in self.segments:
            if segment.end > len(self.text):
                raise ValueError(f"segment {segment} beyond the text of article {self.id}")

    def segment_text(self, segment: Segment) -> str:
        return self.text[segment.start:segment.end]

    def segments_of(self, *kinds: SegmentKind) -> list[Segment]:
        return [s for s in self.segments if s.kind in kinds]

    @property
    def published_date(self) -> date | None:
        if isinstance(self.published, datetime):
            return self.published.date()
        return self.published


@dataclass(frozen=True, slots=True)
class Office:
    role: str                  # foreign_minister, head_of_state, …
    country: str               # ISO 3166-1 alpha-2, or EU / UN / LAS
    start: date | None
    end: date | None
    acting: bool = False
    government: str | None = None

    def held_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


# The ids of the people the gazetteer does not know (extract/linking.py) start so: graph/descriptions.py
# keeps their names in the article that wrote them.
UNKNOWN_PERSON_PREFIX = "new-"


@dataclass(frozen=True, slots=True)
class PersonRef:
    """A person as the graph should know them: gazetteer id and names, or a new name as written."""

    id: str
    labels: tuple[tuple[str, str], ...]      # (language, label), preferred label per language
    offices: tuple[Office, ...] = ()
    known: bool = True                       # False for a person not in the gazetteer
    wikidata: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceRef:
    id: str
    labels: tuple[tuple[str, str], ...]
    country: str | None = None
    within: str | None = None        # the id of the city a venue stands in


@dataclass(frozen=True, slots=True)
class TopicRef:
    id: str
    labels: tuple[tuple[str, str], ...]
    broader: str | None = None
    since: date | None = None        # the day a topic that is one event began (the Gaza war: 7 Oct 2023)


@dataclass(frozen=True, slots=True)
class Mention:
    """A person named (or referred to by role) at [start, end) of the article, inside the evidence sentence."""

    person: PersonRef
    surface: str
    evidence: Evidence        # the sentence the mention stands in
    start: int
    end: int
    via: str = "name"         # name, short, role, counterpart, minister, new

    def __post_init__(self) -> None:
        if not self.evidence.start <= self.start < self.end <= self.evidence.end:
            raise ValueError(f"mention {self.start}:{self.end} outside its sentence")


@dataclass(frozen=True, slots=True)
class Interaction:
    kind: str                                # "phone" or "meeting"
    participants: tuple[PersonRef, ...]
    evidence: Evidence
    day: date | None = None
    date_certainty: str | None = None        # "explicit", "relative", "publication"
    initiator: PersonRef | None = None
    place: PlaceRef | None = None
    plover_mode: str | None = None
    cameo_code: str | None = None
    weekday: int | None = None               # 0 = Monday: the day of the week the text names, when it gives no date

    def __post_init__(self) -> None:
        if self.kind not in ("phone", "meeting"):
            raise ValueError(f"unknown interaction kind {self.kind!r}")
        if len({p.id for p in self.participants}) < 2:
            raise ValueError("an interaction needs two or more different participants")


MODALITIES = ("planned", "requested", "hypothetical", "denied")


@dataclass(frozen=True, slots=True)
class ContactReport:
    """A contact the text reports as planned, requested, hypothetical or denied: never an interaction."""

    kind: str                                # "phone" or "meeting"
    modality: str                            # one of MODALITIES
    participants: tuple[PersonRef, ...]
    evidence: Evidence
    day: date | None = None                  # the announced day, when the text gives one

    def __post_init__(self) -> None:
        if self.kind not in ("phone", "meeting"):
            raise ValueError(f"unknown contact kind {self.kind!r}")
        if self.modality not in MODALITIES:
            raise ValueError(f"unknown modality {self.modality!r}")
        if len({p.id for p in self.participants}) < 2:
            raise ValueError("a contact report needs two or more different participants")


@dataclass(frozen=True, slots=True)
class Statement:
    speakers: tuple[PersonRef, ...]
    topics: tuple[TopicRef, ...]
    evidence: Evidence
    language: str | None
    during: Interaction | None = None


@dataclass(slots=True)
class ArticleFacts:
    """Everything extracted from one article."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    reports: list[ContactReport] = field(default_factory=list)   # announced contacts (not interactions)
