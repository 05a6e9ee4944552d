"""The closing screen of a topic: what to read next, and for an urgent topic, what to do.

Two ways on and no more: the next topic (the primary button) and all topics; beside them the
topic's "Check what you learned" and, after an urgent topic, the card to take home. A calm topic
ends with "You finished: <topic>" under a tick. An urgent topic ends with its action again
(the red "now" band: tell your nurse, the emergency number) as the screen's first words,
never with a tick: a patient who has just read about emergency signs leaves with what to
do, not a congratulation. The column starts at the top, so at 200 % on a small panel the
first words and the next topic stay in view.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.content import Action, Screen, Severity, Topic
from kiosk.content.actions import SiteNumbers, action_lines
from kiosk.ui.screens.base import ScreenBase, row, text_label
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.action_box import ActionBox
from kiosk.ui.widgets.big_button import BigButton
from kiosk.ui.widgets.icon import UI_ICONS, Picture
from kiosk.ui.widgets.scroll_area import KineticScrollArea, ScrollContent


def urgent_screen(topic: Topic) -> Screen | None:
    """The screen whose "now" action an urgent topic ends with: its first; None for other topics."""
    if topic.severity is not Severity.URGENT:
        return None
    return next((screen for screen in topic.screens if screen.action is Action.NOW), None)


class TopicEndScreen(ScreenBase):
    next_topic_chosen = Signal(str)
    all_topics_chosen = Signal()
    card_wanted = Signal()  # the "When to get help" card, offered at an urgent topic's end
    check_wanted = Signal(str)  # Check what you learned (kiosk/ui/teach_back.py), a topic id

    def __init__(self, numbers: SiteNumbers | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.numbers = numbers or SiteNumbers()
        self.topic: Topic | None = None
        self.following: Topic | None = None
        self.picture = Picture()
        self.heading = text_label("heading")
        self.box = ActionBox()  # an urgent topic's action; draws nothing otherwise
        self.message = text_label()
        self.next_button = BigButton(variant="primary")
        self.all_button = BigButton(icon=UI_ICONS["home"])
        self.card_button = BigButton(icon=UI_ICONS["card"])
        self.check_button = BigButton(icon=UI_ICONS["check"])
        self.questions = text_label("muted")
        for label in (self.heading, self.message, self.questions):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        column = ScrollContent()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(24)
        layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.heading)
        layout.addWidget(self.box)
        layout.addWidget(self.message)
        layout.addLayout(row(self.check_button, centered=True))
        layout.addLayout(row(self.next_button, centered=True))
        layout.addLayout(row(self.all_button, centered=True))
        layout.addLayout(row(self.card_button, centered=True))
        layout.addWidget(self.questions)
        layout.addStretch(1)  # top-aligned: spare room goes below, never above the heading
        self.scroll = KineticScrollArea()
        self.scroll.setWidget(column)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        self.next_button.clicked.connect(self._next)
        self.all_button.clicked.connect(self.all_topics_chosen)
        self.card_button.clicked.connect(self.card_wanted)
        self.check_button.clicked.connect(lambda: self.topic and self.check_wanted.emit(self.topic.id))

    def show_end(self, topic: Topic, following: Topic | None) -> None:
        self.topic, self.following = topic, following
        self.next_button.set_icon_name(following.icon if following else "")
        self.next_button.setVisible(following is not None)
        screen = urgent_screen(topic)
        self.box.set_lines(action_lines(screen, self.numbers) if screen else None, self.theme)
        self.box.setVisible(self.urgent())
        self.heading.setVisible(not self.urgent())  # the band is the urgent end's heading
        edge = self.box.outer.contentsMargins().top()
        self.box.outer.setContentsMargins(edge, edge, edge, edge)  # the band alone: no signs under it here
        self.questions.setVisible(not self.urgent())  # the action already says whom to tell
        self.card_button.setVisible(self.urgent())  # the signs just read, to take home
        self.check_button.setVisible(bool(topic.questions))
        self.retranslate()
        self.apply_theme(self.theme)
        self.scroll.verticalScrollBar().setValue(0)

    def urgent(self) -> bool:
        """Whether this end shows the topic's action instead of "You finished"."""
        return bool(self.box.tier())

    def accessible_title(self) -> str:
        # Named by the heading on show: on an urgent end, the action's band.
        return self.box.action.accessibleName() if self.urgent() else super().accessible_title()

    def retranslate(self) -> None:
        if self.topic is None:
            return
        if self.urgent():
            self.heading.setText(self.topic.title)
        else:
            self.heading.setText(self.tr("You finished: {topic}").format(topic=self.topic.title))
        # The next topic's button says it all; the last topic says there is no more.
        self.message.setVisible(self.following is None)
        if self.following is not None:
            self.next_button.setText(self.tr("Next topic: {topic}").format(topic=self.following.title))
        else:
            self.message.setText(self.tr("You have reached the last topic."))
        self.all_button.setText(self.tr("All topics"))
        self.card_button.setText(self.tr("Card to take home"))
        self.check_button.setText(self.tr("Check what you learned"))
        self.questions.setText(self.tr("Questions? Ask your nurse or doctor."))

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        self.box.apply_theme(theme)
        if self.topic is not None:
            self.picture.set_icon(UI_ICONS["topic-done"], theme.colors.icon, 120)
        self.relayout()

    def relayout(self) -> None:
        if self.urgent():
            self.picture.setVisible(False)  # no tick after emergency signs; the box has its mark
        else:
            self.fit_picture(self.picture, self.scroll)

    def spoken_parts(self) -> list[QWidget]:
        parts = [self.heading, *self.box.spoken_parts(), self.message, self.check_button, self.next_button,
                 self.all_button, self.card_button, self.questions]
        return [part for part in parts if part.isVisibleTo(self)]

    def button_text_px(self, button: BigButton) -> int:
        return self.theme.body_px

    def _next(self) -> None:
        if self.following is not None:
            self.next_topic_chosen.emit(self.following.id)
