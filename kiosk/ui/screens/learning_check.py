"""Check what you learned: a topic's questions, answered by touching a large picture answer.

One question at a time. A right answer gets a short "That's right." and the way on. A wrong
answer re-teaches at once: the page that answers it is shown here (its heading, its action
with the site's number, its words) and read aloud where the patient listens, then the same
question is asked again. Nothing is graded or kept about the patient; the controller
(kiosk/ui/teach_back.py) records only whether each question was answered right the first time,
anonymously. The end offers the next topic and all topics, as a topic's end does.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QApplication, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.content.actions import SiteNumbers, action_lines
from kiosk.content.model import Action, Question, Screen, Topic
from kiosk.ui.accessibility import set_role
from kiosk.ui.screens.base import ScreenBase, fill_grid, row, text_label
from kiosk.ui.screens.signs_in_view import forget_sizes, height_through, restyle_words
from kiosk.ui.theme import Theme, fit_key, fit_scales
from kiosk.ui.widgets.action_box import ActionBox
from kiosk.ui.widgets.big_button import BigButton
from kiosk.ui.widgets.icon import UI_ICONS, Picture
from kiosk.ui.widgets.reading_label import ReadingLabel
from kiosk.ui.widgets.scroll_area import KineticScrollArea, ScrollContent

MARGIN = 40
ASKING, RIGHT, RETEACH, DONE = "asking", "right", "reteach", "done"


def height_for(widget: QWidget, width: int) -> int:
    """The widget's height at `width` (its size hint's where it does not wrap)."""
    height = widget.heightForWidth(width)
    return height if height > 0 else widget.sizeHint().height()


class CheckScreen(ScreenBase):
    answered = Signal(str, bool)  # question id, right
    shown = Signal(str)  # the state now on show (for reading aloud)
    next_topic_chosen = Signal(str)
    all_topics_chosen = Signal()

    def __init__(self, numbers: SiteNumbers | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.numbers = numbers or SiteNumbers()
        self.language = "en"
        self.topic: Topic | None = None
        self.following: Topic | None = None
        self.questions: tuple[Question, ...] = ()
        self.index = 0
        self.state = ASKING

        self.progress = text_label("muted")
        self.progress.setProperty("role", "control")
        self.untranslated_note = text_label("muted")
        self.heading = text_label("heading")  # the question, or the page re-taught
        self.feedback = text_label()  # "That's right." / "Not quite..."
        self.chosen = text_label("ask")  # the right answer, said back under the question
        self.mark = Picture()
        self.answer_buttons: list[BigButton] = []
        self.answers_host = QWidget()
        set_role(self.answers_host, "list")
        self.answers_grid = QGridLayout(self.answers_host)
        self.answers_grid.setContentsMargins(0, 0, 0, 0)
        # The page re-taught as it looks on its own: its action's box around its words and list.
        self.box = ActionBox()
        self.body = text_label()
        self.items: list[ReadingLabel] = []
        self.items_host = QWidget()
        self.items_layout = QGridLayout(self.items_host)  # one column, or two to keep the signs in view
        self.items_layout.setContentsMargins(0, 0, 0, 0)
        self.ask = text_label("ask")  # an "ask" page's action, on its quiet line as on the page
        self.go_button = BigButton(variant="primary")  # Try again / Next question / Next topic
        self.go_button.clicked.connect(self._go)
        self.all_button = BigButton(icon=UI_ICONS["home"])
        self.all_button.clicked.connect(self.all_topics_chosen)

        column = self.words = ScrollContent()
        column.setObjectName("Words")  # (the theme's rules for words drawn a step smaller)
        layout = self.column = QVBoxLayout(column)
        layout.setContentsMargins(MARGIN, 16, MARGIN, 24)
        layout.setSpacing(20)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignTop)
        feedback = QVBoxLayout()
        feedback.addWidget(self.progress)
        feedback.addWidget(self.feedback)
        top.addLayout(feedback, 1)
        layout.addLayout(top)
        layout.addWidget(self.untranslated_note)
        layout.addWidget(self.heading)
        layout.addWidget(self.chosen)
        layout.addWidget(self.box)
        self.box.content.addWidget(self.body)
        self.box.content.addWidget(self.items_host)
        layout.addWidget(self.ask)
        layout.addWidget(self.answers_host)
        layout.addLayout(row(self.go_button))
        layout.addLayout(row(self.all_button))
        layout.addStretch(1)
        self.scroll = KineticScrollArea()
        self.scroll.setWidget(column)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

    # --- the questions ------------------------------------------------------------

    def start(self, topic: Topic, following: Topic | None, language: str) -> None:
        self.topic, self.following, self.language = topic, following, language
        self.questions, self.index = topic.questions, 0
        self._ask()

    def question(self) -> Question | None:
        return self.questions[self.index] if self.index < len(self.questions) else None

    def _ask(self) -> None:
        question = self.question()
        if question is None:
            self._show(DONE)
            return
        while len(self.answer_buttons) < len(question.answers):
            button = BigButton(icon_on_top=True)  # (themed and placed by relayout)
            index = len(self.answer_buttons)
            button.clicked.connect(lambda _=False, index=index: self._answer(index))
            self.answer_buttons.append(button)
        for index, button in enumerate(self.answer_buttons):
            shown = index < len(question.answers)
            button.setVisible(shown)
            if shown:
                answer = question.answers[index]
                button.setText(answer.text)
                button.set_icon_name(answer.icon)
        self.heading.setText(question.text)
        self._show(ASKING)

    def _answer(self, index: int) -> None:
        question = self.question()
        if question is None or self.state != ASKING:
            return
        right = question.answers[index].right
        self.answered.emit(question.id, right)
        self._show(RIGHT if right else RETEACH)

    def _go(self) -> None:
        if self.state == RETEACH:
            self._ask()  # the same question again
        elif self.state == RIGHT:
            self.index += 1
            self._ask()
        elif self.state == DONE and self.following is not None:
            self.next_topic_chosen.emit(self.following.id)

    def reteach_screen(self) -> Screen | None:
        """The page that answers the question on show: its first cited screen."""
        question = self.question()
        if question is None or self.topic is None:
            return None
        return next((screen for screen in self.topic.screens if screen.id == question.teaches[0]), None)

    # --- showing ------------------------------------------------------------------

    def _show(self, state: str) -> None:
        self.state = state
        question = self.question()
        asking, reteach, done = state == ASKING, state == RETEACH, state == DONE
        self.answers_host.setVisible(asking)
        self.chosen.setVisible(state == RIGHT)
        if state == RIGHT:
            self.chosen.setText(question.right_answer.text)
        self._fill_reteach(self.reteach_screen() if reteach else None)
        self.untranslated_note.setVisible(question is not None and question.language != self.language)
        self.feedback.setVisible(not asking)
        self.mark.setVisible(state in (RIGHT, DONE))
        self.go_button.setVisible(not asking and not (done and self.following is None))
        self.all_button.setVisible(done)
        if done:
            self.heading.setText(self.topic.title if self.topic else "")
        self.retranslate()
        self.apply_theme(self.theme)
        self.scroll.verticalScrollBar().setValue(0)
        self.shown.emit(state)

    def _fill_reteach(self, screen: Screen | None) -> None:
        shown = screen is not None
        self.box.setVisible(shown)
        lines = action_lines(screen, self.numbers) if shown else None
        asks = lines is not None and lines.action is Action.ASK
        self.ask.setVisible(asks)
        self.ask.set_content(lines.heading if asks else "")
        if not shown:
            return
        self.heading.setText(screen.heading)
        self.box.set_lines(lines, self.theme)
        self.body.setText(screen.text)
        self.body.setVisible(bool(screen.text))
        while len(self.items) < len(screen.items):
            label = text_label("item")
            self.items_layout.addWidget(label, len(self.items), 0)
            self.items.append(label)
        for index, label in enumerate(self.items):
            label.setVisible(index < len(screen.items))
            if index < len(screen.items):
                label.set_content(screen.items[index], prefix="•  ")
        self.items_host.setVisible(bool(screen.items))

    def retranslate(self) -> None:
        if self.topic is None:
            return
        count = len(self.questions)
        if self.state == DONE:
            self.progress.setText(self.tr("Check what you learned"))
            self.feedback.setText(self.tr("You finished the check. Thank you."))
        else:
            self.progress.setText(self.tr("Question {number} of {count}").format(number=self.index + 1, count=count))
        if self.state == RIGHT:
            self.feedback.setText(self.tr("That's right."))
        elif self.state == RETEACH:
            self.feedback.setText(self.tr("Not quite. This page has the answer. Read it, then try again."))
        self.untranslated_note.setText(self.tr("This question is not translated yet. It is shown in English."))
        if self.state == RETEACH:
            self.go_button.setText(self.tr("Try again"))
        elif self.state == RIGHT:
            last = self.index + 1 >= count
            self.go_button.setText(self.tr("Finish") if last else self.tr("Next question"))
        elif self.state == DONE and self.following is not None:
            self.go_button.setText(self.tr("Next topic: {topic}").format(topic=self.following.title))
        self.go_button.set_icon_name(self.following.icon if self.state == DONE and self.following else "")
        self.all_button.setText(self.tr("All topics"))

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        self.mark.set_icon(UI_ICONS["topic-done"], theme.colors.icon, round(theme.control_px * 2.2))
        self.box.apply_theme(theme)
        self.relayout()

    def relayout(self) -> None:
        self._fit_reteach()
        # Tiles (the picture above the words) side by side while each keeps about 12 characters
        # a line; else rows (the picture before the words), fitted so that every answer is seen
        # with the question before one is chosen.
        shown = [button for button in self.answer_buttons if not button.isHidden()]
        if not shown:
            return
        room = self.width() - 2 * MARGIN
        tiles = max(1, min(len(shown), room // max(1, 12 * self.theme.body_px)))
        for button in self.answer_buttons:
            button.set_icon_on_top(tiles > 1)
        role, columns, text_px = "heading", tiles, self.theme.body_px
        if self.state == ASKING and tiles == 1 and len(shown) > 1:
            role, columns, text_px = self._fitted_answers(shown, room)
        self._set_heading_role(role)
        for button in self.answer_buttons:
            button.set_theme(self.theme, text_px)
        fill_grid(self.answers_grid, self.answer_buttons, columns, 3)
        self.answers_grid.setSpacing(self.theme.gap_px)

    def _fitted_answers(self, shown: list[BigButton], room: int) -> tuple[str, int, int]:
        """(the question's role, answers a line, their text size): the first in which the question
        and every answer are in view, else the one that leaves least to scroll. Rows one under
        the other, two a line, the question at the words' size, then the answers a step smaller
        at a time, never under 100 % (as a screen of danger signs makes room)."""
        sizes = [self.theme.body_px] + [round(self.theme.base_px * scale) for scale in fit_scales(self.theme.scale)]
        tries = [("heading", 1, sizes[0]), ("heading", 2, sizes[0])]
        tries += [("question", columns, px) for px in sizes for columns in (1, 2)]
        bottoms = {}
        for layout in tries:
            role, columns, px = layout
            self._set_heading_role(role)
            for button in shown:
                button.set_theme(self.theme, px)
            bottoms[layout] = self._answers_bottom(shown, room, columns)
            if bottoms[layout] <= self.scroll.viewport().height():
                return layout
        return min(bottoms, key=bottoms.get)

    def _fit_reteach(self) -> None:
        """A page of danger signs taught again keeps its action and signs in view as the page
        itself does, giving up as little of the patient's text size as it can: the signs in two
        columns, then the page's heading left out (the box's action heads it), then the words a
        step smaller at a time (never under 100 %)."""
        self._split_items(False)
        self.heading.setVisible(True)
        if self.words.property("fit"):
            self._draw_words_at("", self.theme)  # back to the window's sizes
        if self.state != RETEACH or not self.box.tier():
            return
        smaller = [lambda scale=scale: self._draw_words_at(fit_key(scale), self.theme.at_scale(scale))
                   for scale in fit_scales(self.theme.scale)]
        try:
            for stage in (lambda: self._split_items(True), lambda: self.heading.setVisible(False), *smaller):
                if self._box_bottom() <= self.scroll.viewport().height():
                    return
                stage()
        finally:
            forget_sizes(self.column)  # fonts changed by a style sheet do not tell the layouts
            QApplication.postEvent(self.scroll, QEvent(QEvent.Type.LayoutRequest))

    def _split_items(self, two: bool) -> None:
        shown = [label for label in self.items if not label.isHidden()]
        rows = (len(shown) + 1) // 2 if two and len(shown) > 2 else len(shown)
        for index, label in enumerate(shown):
            self.items_layout.removeWidget(label)
            self.items_layout.addWidget(label, index % max(1, rows), index // max(1, rows))

    def _draw_words_at(self, key: str, theme: Theme) -> None:
        restyle_words(self.words, key)
        self.box.apply_theme(theme)

    def _box_bottom(self) -> int:
        """How far down the re-taught page's box ends, laid out at the screen's width now."""
        return height_through(self.column, self.box, self.width() - 2 * MARGIN, self.column.contentsMargins().top())

    def _set_heading_role(self, role: str) -> None:
        if self.heading.property("role") != role:
            self.heading.setProperty("role", role)
            self.heading.style().unpolish(self.heading)
            self.heading.style().polish(self.heading)

    def _answers_bottom(self, shown: list[BigButton], room: int, columns: int) -> int:
        """Where the last answer would end, from the top of the screen's words."""
        gap = self.theme.gap_px
        # (while asking, nothing shown lies between the question and its answers)
        above = height_through(self.column, self.heading, room, self.column.contentsMargins().top())
        above += self.column.spacing()
        width = (room - gap * (columns - 1)) // columns
        rows = [shown[start:start + columns] for start in range(0, len(shown), columns)]
        return above + sum(max(height_for(button, width) for button in line) for line in rows) + gap * (len(rows) - 1)

    def button_text_px(self, button: BigButton) -> int:
        return self.theme.body_px  # the answers are the screen's words: they grow to 200 %

    def spoken_parts(self) -> list[QWidget]:
        parts = [self.progress, self.feedback, self.untranslated_note, self.heading, self.chosen,
                 *self.box.spoken_parts(),
                 self.body, *self.items, self.ask, *self.answer_buttons, self.go_button, self.all_button]
        # A page taught again says its heading even where it was left out to keep the signs in view.
        return [part for part in parts if part.isVisibleTo(self) or (part is self.heading and self.state == RETEACH)]

    def focus_target(self) -> QWidget:
        """The first answer while asking, else the way on."""
        target = self.answer_buttons[0] if self.state == ASKING and self.answer_buttons else self.go_button
        return target if target.isVisibleTo(self) else self.all_button
