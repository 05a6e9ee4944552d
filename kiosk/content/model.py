"""The guide as plain data: topics made of screens. No Qt here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

# A screen's `source` may name this instead of (or beside) leaflet points: a fact taken
# from the official prescribing information, allowed by the content policy.
PRESCRIBING_INFORMATION = "prescribing-information"


class Severity(str, Enum):
    NORMAL = "normal"  # information
    WARNING = "warning"  # call your doctor
    URGENT = "urgent"  # get medical help right away

    @property
    def rank(self) -> int:
        return {"normal": 0, "warning": 1, "urgent": 2}[self.value]


@dataclass(frozen=True)
class Review:
    date: dt.date
    status: str  # "draft" or "reviewed"
    by: str
    note: str


@dataclass(frozen=True)
class SourcePoint:
    id: str
    text: str


@dataclass(frozen=True)
class Correction:
    id: str
    original: str
    corrected: str
    reason: str


@dataclass(frozen=True)
class Screen:
    id: str
    topic_id: str
    heading: str
    text: str
    items: tuple[str, ...]
    icon: str
    severity: Severity
    source: tuple[str, ...]
    corrections: tuple[str, ...] = ()
    link: str | None = None
    line: int = field(default=0, compare=False)  # in the guide file, for translators' references
    # The language this screen's words are in: the guide's, or English where a translation
    # is missing or stale (the screen then says so; see kiosk.i18n.localize).
    language: str = "en"

    def plain_text(self) -> str:
        """Everything the screen says, in reading order (for grading and fact checks)."""
        return "\n".join(part for part in (self.heading, self.text, *self.items) if part)


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    icon: str
    severity: Severity
    screens: tuple[Screen, ...]
    next_id: str | None = None
    line: int = field(default=0, compare=False)
    language: str = "en"  # the title's language (see Screen.language)


@dataclass(frozen=True)
class Fact:
    """A fact that must survive every translation unchanged (design/content.md): each of
    `keep` (a number, a phone number, a unit) must appear on `screen` in every language."""

    screen: str
    fact: str
    keep: tuple[str, ...]


@dataclass(frozen=True)
class Guide:
    generic_name: str
    brand_name: str
    language: str
    content_version: str
    review: Review
    readability_exempt: tuple[str, ...]
    source_file: str
    source_headings: tuple[str, ...]
    source_points: tuple[SourcePoint, ...]
    corrections: tuple[Correction, ...]
    topics: tuple[Topic, ...]
    facts: tuple[Fact, ...] = ()

    def topic(self, topic_id: str) -> Topic:
        for topic in self.topics:
            if topic.id == topic_id:
                return topic
        raise KeyError(topic_id)

    def screens(self) -> list[Screen]:
        return [screen for topic in self.topics for screen in topic.screens]

    def screen(self, screen_id: str) -> Screen:
        for screen in self.screens():
            if screen.id == screen_id:
                return screen
        raise KeyError(screen_id)

    def next_topic(self, topic_id: str) -> Topic | None:
        """The topic offered when `topic_id` ends: its `next`, else the following one."""
        topic = self.topic(topic_id)
        if topic.next_id:
            return self.topic(topic.next_id)
        index = self.topics.index(topic)
        return self.topics[index + 1] if index + 1 < len(self.topics) else None

    def uncovered_points(self) -> list[SourcePoint]:
        """Leaflet points that no screen cites: each one is a gap in the guide."""
        cited = {ref for screen in self.screens() for ref in screen.source}
        return [point for point in self.source_points if point.id not in cited]
