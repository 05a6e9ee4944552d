"""The closing screen of a topic: done, and what to read next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from kiosk.content import Topic
from kiosk.ui.screens.base import ScreenBase, row, text_label
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.big_button import BigButton
from kiosk.ui.widgets.icon import UI_ICONS, Picture


class TopicEndScreen(ScreenBase):
    next_topic_chosen = Signal(str)
    all_topics_chosen = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.topic: Topic | None = None
        self.following: Topic | None = None
        self.picture = Picture()
        self.heading = text_label("heading")
        self.message = text_label()
        self.next_button = BigButton(variant="primary")
        self.all_button = BigButton(icon=UI_ICONS["home"])
        self.questions = text_label("muted")
        for label in (self.heading, self.message, self.questions):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        layout = self.centered_column()
        layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addLayout(row(self.next_button, centered=True))
        layout.addLayout(row(self.all_button, centered=True))
        layout.addWidget(self.questions)
        layout.addStretch(1)
        self.next_button.clicked.connect(self._next)
        self.all_button.clicked.connect(self.all_topics_chosen)

    def show_end(self, topic: Topic, following: Topic | None) -> None:
        self.topic, self.following = topic, following
        self.next_button.set_icon_name(following.icon if following else "")
        self.next_button.setVisible(following is not None)
        self.retranslate()
        self.apply_theme(self.theme)

    def retranslate(self) -> None:
        if self.topic is None:
            return
        self.heading.setText(self.tr("You finished: {topic}").format(topic=self.topic.title))
        # The next topic's button says it all; the last topic says there is no more.
        self.message.setVisible(self.following is None)
        if self.following is not None:
            self.next_button.setText(self.tr("Next topic: {topic}").format(topic=self.following.title))
        else:
            self.message.setText(self.tr("You have reached the last topic."))
        self.all_button.setText(self.tr("All topics"))
        self.questions.setText(self.tr("Questions? Ask your nurse or doctor."))

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        if self.topic is not None:
            self.picture.set_icon(UI_ICONS["topic-done"], theme.colors.icon, 120)
        self.relayout()

    def relayout(self) -> None:
        self.fit_picture(self.picture, self.scroll)

    def spoken_parts(self) -> list[QWidget]:
        parts = [self.heading, self.message, self.next_button, self.all_button, self.questions]
        return [part for part in parts if part.isVisibleTo(self)]

    def button_text_px(self, button: BigButton) -> int:
        return self.theme.body_px

    def _next(self) -> None:
        if self.following is not None:
            self.next_topic_chosen.emit(self.following.id)
