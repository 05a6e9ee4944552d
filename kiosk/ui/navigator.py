"""Where the patient is in the guide: welcome, home, or screen N of a topic.

Logic only, no widgets: the main window shows whatever this says, and tests can
drive it directly. A topic's screens are numbered 0..n-1; index n is the topic's
closing screen, which offers the next topic.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from kiosk.content import Guide, Screen, Topic

WELCOME = "welcome"
HOME = "home"
PAGE = "page"


@dataclass(frozen=True)
class Place:
    kind: str  # WELCOME, HOME or PAGE
    topic_id: str = ""
    index: int = 0


class Navigator(QObject):
    changed = Signal(object)  # the new Place

    def __init__(self, guide: Guide, parent: QObject | None = None):
        super().__init__(parent)
        self.guide = guide
        self.place = Place(WELCOME)

    def set_guide(self, guide: Guide) -> None:
        """The same topics and screens in other words: the place is kept."""
        self.guide = guide

    # --- where are we -------------------------------------------------------------

    def topic(self) -> Topic | None:
        return self.guide.topic(self.place.topic_id) if self.place.kind == PAGE else None

    def screen(self) -> Screen | None:
        """The content screen shown, or None on welcome, home and closing screens."""
        topic = self.topic()
        if topic is None or self.place.index >= len(topic.screens):
            return None
        return topic.screens[self.place.index]

    def at_topic_end(self) -> bool:
        topic = self.topic()
        return topic is not None and self.place.index == len(topic.screens)

    def can_go_back(self) -> bool:
        return self.place.kind == PAGE

    def can_go_next(self) -> bool:
        if self.place.kind != PAGE:
            return False
        return not self.at_topic_end() or self.guide.next_topic(self.place.topic_id) is not None

    # --- moving -------------------------------------------------------------------

    def _go(self, place: Place) -> None:
        if place != self.place:
            self.place = place
            self.changed.emit(place)

    def welcome(self) -> None:
        self._go(Place(WELCOME))

    def home(self) -> None:
        self._go(Place(HOME))

    def open_topic(self, topic_id: str, index: int = 0) -> None:
        topic = self.guide.topic(topic_id)  # KeyError for an unknown id: a programming error
        index = max(0, min(index, len(topic.screens)))
        self._go(Place(PAGE, topic_id, index))

    def next(self) -> None:
        if self.place.kind != PAGE:
            return
        if self.at_topic_end():
            following = self.guide.next_topic(self.place.topic_id)
            if following is not None:
                self.open_topic(following.id)
            return
        self._go(Place(PAGE, self.place.topic_id, self.place.index + 1))

    def back(self) -> None:
        if self.place.kind != PAGE:
            return
        if self.place.index == 0:
            self.home()
        else:
            self._go(Place(PAGE, self.place.topic_id, self.place.index - 1))


def every_place(guide: Guide) -> list[Place]:
    """Welcome, home, then every screen of every topic including its closing screen."""
    places = [Place(WELCOME), Place(HOME)]
    for topic in guide.topics:
        places.extend(Place(PAGE, topic.id, index) for index in range(len(topic.screens) + 1))
    return places


def place_name(place: Place) -> str:
    """A stable, file-name-safe name for a place: "home", "liver-3", "liver-end"."""
    if place.kind != PAGE:
        return place.kind
    return f"{place.topic_id}-{place.index + 1}"
