"""Check what you learned: opens a topic's questions after its end, and keeps this session's
first answers so each question's "right the first time" is recorded once, anonymously (the
statistics hold the question's id and right or wrong, nothing about the patient).

The check screen (kiosk/ui/screens/learning_check.py) is made when first needed. A wrong answer's
re-teaching page is read aloud where the patient listens (listen mode, or read-aloud used this
session), never over a screen reader.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from kiosk.admin.report import site_numbers
from kiosk.ui import accessibility


class TeachBack(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self._screen = None
        self.first_answers: dict[str, bool] = {}  # question id -> right, this session only

    @property
    def screen(self):
        if self._screen is None:
            from kiosk.ui.screens.learning_check import CheckScreen

            window = self.window
            self._screen = CheckScreen(site_numbers(window.settings))
            window.stack.addWidget(self._screen)
            self._screen.answered.connect(self.answered)
            self._screen.shown.connect(self._shown)
            self._screen.next_topic_chosen.connect(window.navigator.open_topic)
            self._screen.all_topics_chosen.connect(window.navigator.home)
        return self._screen

    def open(self, topic_id: str) -> None:
        """The check of `topic_id`, from its first question."""
        window = self.window
        guide = window.guide
        topic = guide.topic(topic_id)
        if not topic.questions:
            return
        screen = self.screen
        window.session.acted()
        window.read_aloud.stop()
        screen.apply_theme(window.display.theme())
        window.stack.setCurrentWidget(screen)  # first: starting shows the first question (_shown)
        window.show_aside_bars(home=True)
        screen.start(topic, guide.next_topic(topic_id), guide.language)
        accessibility.refresh(screen)

    def answered(self, question_id: str, right: bool) -> None:
        self.window.session.acted()
        if question_id not in self.first_answers:
            self.first_answers[question_id] = right
            self.window.session.record("answer", f"{question_id}:{'right' if right else 'wrong'}")

    def clear(self) -> None:
        """The reset between patients."""
        self.first_answers.clear()

    def _shown(self, state: str) -> None:
        read_aloud = self.window.read_aloud
        read_aloud.stop()
        listening = read_aloud.listen_mode or (state == "reteach" and read_aloud.used)
        if listening and not read_aloud.screen_reader():
            QTimer.singleShot(0, read_aloud.read_screen)  # after the screen is laid out
        # Focus on the first answer (or the way on), a screen reader told the question or the page.
        self.window.orientation.screen_shown(self.screen)
