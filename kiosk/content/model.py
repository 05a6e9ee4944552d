"""The guide as plain data: topics made of screens, and each topic's teach-back questions. No Qt here."""

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


class Action(str, Enum):
    """What a screen tells the patient to do: one of three tiers, each with fixed words
    (the guide's `actions`) that name whom to tell and the site's number."""

    NOW = "now"  # tell your nurse now; away from the clinic, the emergency number
    RIGHT_AWAY = "right-away"  # call the care team right away, day or night
    ASK = "ask"  # ask at the next visit

    @property
    def severity(self) -> Severity:
        return {"now": Severity.URGENT, "right-away": Severity.WARNING, "ask": Severity.NORMAL}[self.value]


# The action texts a screen with each action shows, first the main one: the right-away words
# for a site with no care-team number, and the after-hours line when the site has that number.
ACTION_VARIANTS = {"now": ("now",), "right-away": ("right-away", "right-away-no-number", "after-hours"),
                   "ask": ("ask",)}
# Every text of the guide's `actions` table.
ACTION_TEXTS = tuple(key for keys in ACTION_VARIANTS.values() for key in keys)
# The site setting each action text needs, as its {placeholder}.
ACTION_PLACEHOLDERS = {"now": "{emergency_number}", "right-away": "{care_team_phone}",
                       "after-hours": "{after_hours_phone}"}


@dataclass(frozen=True)
class Sign:
    """A danger sign and the one action it needs, wherever the guide names it."""

    id: str
    tier: Action
    words: tuple[str, ...]  # how the English text names it (for the one-tier check)
    covers: tuple[str, ...] = ()  # signs it includes where it applies


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
    source: tuple[str, ...]
    action: Action | None = None
    signs: tuple[str, ...] = ()  # ids of the danger signs it lists (guide.signs)
    pi_sections: tuple[str, ...] = ()  # prescribing-information sections its additions come from
    # The words of its action, in the screen's language: (key in ACTION_TEXTS, words) for the
    # action and its variants (right-away: also the no-number and after-hours words).
    action_words: tuple[tuple[str, str], ...] = ()
    corrections: tuple[str, ...] = ()
    link: str | None = None
    line: int = field(default=0, compare=False)  # in the guide file, for translators' references
    # The language this screen's words are in: the guide's, or English where a translation
    # is missing or stale (the screen then says so; see kiosk.i18n.localize).
    language: str = "en"

    @property
    def severity(self) -> Severity:
        return self.action.severity if self.action is not None else Severity.NORMAL

    def plain_text(self) -> str:
        """Everything the screen says, in reading order (for grading and fact checks)."""
        return "\n".join(part for part in (self.heading, self.text, *self.items) if part)


# The guide file's word for an answer that does nothing ("Stay home and wait"): a wrong answer
# to a question about danger signs. Its Answer.action is None.
WAIT = "wait"


@dataclass(frozen=True)
class Answer:
    """One picture answer to a teach-back question."""

    text: str
    icon: str
    right: bool
    # What the answer does about a danger sign; None: nothing ("wait"), or no sign is asked about.
    action: Action | None = None
    line: int = field(default=0, compare=False)  # in the guide file, for translators' references


@dataclass(frozen=True)
class Question:
    """A "Check what you learned" question, answered only by its topic's own screens: a wrong
    answer re-teaches the first screen of `teaches`, then asks again."""

    id: str
    topic_id: str
    text: str
    answers: tuple[Answer, ...]  # 2 or 3, exactly one right
    teaches: tuple[str, ...]  # ids of the screens that answer it, in this topic; the first re-teaches
    signs: tuple[str, ...] = ()  # ids of the danger signs it asks about (guide.signs)
    line: int = field(default=0, compare=False)
    language: str = "en"  # the language of its words (a question is shown whole in one language)

    @property
    def right_answer(self) -> Answer:
        return next(answer for answer in self.answers if answer.right)


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
    questions: tuple[Question, ...] = ()  # "Check what you learned", after the screens


@dataclass(frozen=True)
class Fact:
    """A fact that must survive every translation unchanged (docs/content-policy.md): each of
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
    actions: dict[str, str] = field(default_factory=dict)  # ACTION_TEXTS -> words
    signs: tuple[Sign, ...] = ()
    # (as written, as read aloud): words the voice must not read as written, in any language
    spoken: tuple[tuple[str, str], ...] = ()

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

    def questions(self) -> list[Question]:
        return [question for topic in self.topics for question in topic.questions]

    def question(self, question_id: str) -> Question:
        for question in self.questions():
            if question.id == question_id:
                return question
        raise KeyError(question_id)

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
