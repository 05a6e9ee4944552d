"""One screen of a topic: picture, heading, short text or a list, and what to do.

A screen with a "now" or "right away" action shows its text and signs inside a box whose
heading is the action, with the site's number (kiosk/ui/widgets/action_box.py); an "ask"
screen ends with its action on a quiet line.

In landscape the picture (200-300 px) stands beside a text column of at most about 65
characters, the two centred on wide panels; where the words would get fewer than 34
characters a line (portrait, large text) a small picture goes beside the topic's name. The
topic's name is a small breadcrumb, left out where it would repeat the heading.

The action and every sign of a boxed screen are always in view without scrolling: when
large text or a small panel would push them below the fold, the screen makes room
(kiosk/ui/screens/signs_in_view.py): no breadcrumb, no picture and the full width, words a step smaller (never
below the 100 % size), the list in two columns, its lines closer, and last the heading
left out (the box's action then heads the screen).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.content import Action, Screen, Topic
from kiosk.content.actions import SiteNumbers, action_lines
from kiosk.ui.screens.base import ScreenBase, row, text_label
from kiosk.ui.screens.signs_in_view import SignsInView
from kiosk.ui.theme import MEASURE_CHARS, Theme
from kiosk.ui.widgets.action_box import ActionBox
from kiosk.ui.widgets.big_button import BigButton
from kiosk.ui.widgets.icon import UI_ICONS, Picture
from kiosk.ui.widgets.reading_label import ReadingLabel
from kiosk.ui.widgets.scroll_area import KineticScrollArea, ScrollContent

MARGIN = 40


QUESTION_ICONS = {False: UI_ICONS["question"], True: UI_ICONS["marked"]}


class PageScreen(ScreenBase):
    link_chosen = Signal(str)  # a topic id
    question_marked = Signal(str, bool)  # a screen id; marked or not (kiosk/ui/take_home.py)

    def __init__(self, numbers: SiteNumbers | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.screen_data: Screen | None = None
        self.topic: Topic | None = None
        self.link_title = ""
        self.language = "en"  # the kiosk's language; a screen not yet translated says so
        self.numbers = numbers or SiteNumbers()

        self.picture = Picture()  # beside the words, when there is room
        self.badge = Picture()  # small, beside the topic name, when there is not
        self.topic_label = text_label("muted")
        self.topic_label.setProperty("role", "control")
        self.heading = text_label("heading")
        self.untranslated_note = text_label("muted")
        self.box = ActionBox()
        self.ask = text_label("ask")
        self.body = text_label()
        # The list, in one column; on a boxed screen that would not fit, in two (read down the
        # first, then the second).
        self.items_host = QWidget()
        self.columns = QHBoxLayout(self.items_host)
        self.columns.setContentsMargins(0, 0, 0, 0)
        self.columns.setSpacing(MARGIN)
        self.item_columns = (QVBoxLayout(), QVBoxLayout())
        for column in self.item_columns:
            column.setContentsMargins(0, 0, 0, 0)
            self.columns.addLayout(column, 1)
        self.columns.setStretch(1, 0)  # the second column holds nothing until the list is split
        self.item_labels: list[ReadingLabel] = []
        self._split = 0  # labels in the first column when the list is in two, 0: one column
        self.link_button = BigButton(variant="secondary")
        self.link_button.clicked.connect(self._follow_link)
        # Marks the page for the patient's list of questions (My questions, the card). After the
        # box: it never pushes a danger sign out of view.
        self.question_button = BigButton(icon=QUESTION_ICONS[False])
        self.question_button.setCheckable(True)
        self.question_button.toggled.connect(self._question_toggled)

        words = QVBoxLayout()
        words.setSpacing(20)
        topic_row = QHBoxLayout()
        topic_row.setSpacing(16)
        topic_row.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        topic_row.addWidget(self.topic_label, 1)
        words.addLayout(topic_row)
        words.addWidget(self.untranslated_note)
        words.addWidget(self.heading)
        words.addWidget(self.box)
        self.box.content.addWidget(self.body)
        self.box.content.addWidget(self.items_host)
        words.addWidget(self.ask)
        words.addLayout(row(self.link_button))
        words.addLayout(row(self.question_button))
        words.addStretch(1)

        self.words = words
        self.words_host = QWidget()  # the text column, its width limited to a readable measure
        self.words_host.setObjectName("Words")
        self.words_host.setLayout(words)
        words.setContentsMargins(0, 0, 0, 0)
        self.content = ScrollContent()
        self.content_layout = QHBoxLayout(self.content)
        self.content_layout.setContentsMargins(MARGIN, 16, MARGIN, 24)
        self.content_layout.setSpacing(MARGIN)
        # The column takes the width up to its measure; past it the two margins share the rest.
        self.content_layout.addStretch(0)
        self.content_layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        self.content_layout.addWidget(self.words_host, 1)
        self.content_layout.addStretch(0)
        self._fitted_scale = 0.0  # the scale a boxed screen's words are drawn at, 0: the theme's
        self.signs = SignsInView(self)  # the danger signs kept in view (signs_in_view.py)

        self.scroll = KineticScrollArea()
        self.scroll.setWidget(self.content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN // 2, 8, MARGIN // 2, 0)
        layout.setSpacing(8)
        layout.addWidget(self.scroll, 1)

    # --- content ------------------------------------------------------------------

    def set_guide(self, guide) -> None:
        """The screen itself comes with each show_screen(); only the kiosk's language is kept."""
        self.language = guide.language

    def show_screen(self, topic: Topic, screen: Screen, link_title: str = "") -> None:
        self.topic, self.screen_data, self.link_title = topic, screen, link_title
        self.topic_label.setText(topic.title)
        # A breadcrumb, never the heading's own words again.
        self.topic_label.setVisible(topic.title.casefold() != screen.heading.casefold())
        self.heading.setText(screen.heading)
        self.body.setText(screen.text)
        self.body.setVisible(bool(screen.text))
        self._set_items(screen.items)
        self.link_button.setVisible(bool(screen.link))
        self.untranslated_note.setVisible(screen.language != self.language)
        lines = action_lines(screen, self.numbers)
        self.box.set_lines(lines, self.theme)
        self.ask.setVisible(lines is not None and lines.action is Action.ASK)
        self.ask.set_content(lines.heading if lines is not None and lines.action is Action.ASK else "")
        self.retranslate()
        self.apply_theme(self.theme)
        self.scroll.verticalScrollBar().setValue(0)

    def _set_items(self, items: tuple[str, ...]) -> None:
        # Labels are kept and reused: a removed label lingers until the event loop
        # deletes it, and would be drawn over the new list meanwhile.
        while len(self.item_labels) < len(items):
            label = text_label("item")
            self.item_columns[0].addWidget(label)
            self.item_labels.append(label)
        self._set_split(0)
        for index, label in enumerate(self.item_labels):
            shown = index < len(items)
            label.setVisible(shown)
            if shown:
                label.set_content(items[index], prefix="•  ")  # the bullet is shown, not read
        self.items_host.setVisible(bool(items))

    def retranslate(self) -> None:
        if self.screen_data is None:
            return
        self.untranslated_note.setText(self.tr("This page is not translated yet. It is shown in English."))
        if self.screen_data.link:
            self.link_button.setText(self.tr("More about: {topic}").format(topic=self.link_title))
        self.question_button.setText(self.tr("I have a question about this"))
        self._describe_question()

    def spoken_parts(self) -> list[QWidget]:
        # The action first after the heading: the main message before the detail.
        parts = [self.untranslated_note, self.heading, *self.box.spoken_parts(), self.body, *self.item_labels,
                 self.ask, self.link_button, self.question_button]
        # A heading left out to keep the danger signs in view is still the screen's name: said.
        return [part for part in parts if part.isVisibleTo(self) or (part is self.heading and part.text())]

    def show_marked(self, marked: bool) -> None:
        """Whether this page is on the patient's list (showing it is not choosing it)."""
        self.question_button.blockSignals(True)
        self.question_button.setChecked(marked)
        self.question_button.blockSignals(False)
        self._describe_question()

    def _question_toggled(self, marked: bool) -> None:
        self._describe_question()
        if self.screen_data is not None:
            self.question_marked.emit(self.screen_data.id, marked)

    def _describe_question(self) -> None:
        marked = self.question_button.isChecked()
        self.question_button.set_icon_name(QUESTION_ICONS[marked])
        self.question_button.setAccessibleDescription(
            self.tr("Marked: this page is on your list, My questions.") if marked else
            self.tr("Adds this page to your list for your nurse."))

    def _follow_link(self) -> None:
        if self.screen_data and self.screen_data.link:
            self.link_chosen.emit(self.screen_data.link)

    # --- look ---------------------------------------------------------------------

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        self._set_item_spacing(theme.body_px)
        self._place_picture()
        self.box.apply_theme(theme)
        self.signs.fit()

    def _picture_px(self) -> int:
        return round(min(300, max(200, self.width() * 0.15)))

    def _measure_px(self, scale: float | None = None) -> int:
        """The text column's widest: about 65 average characters of the body text."""
        body = self.theme.base_px * (scale or self._fitted_scale or self.theme.scale)
        return round(MEASURE_CHARS * 0.534 * body)  # 0.534: Atkinson's average character, in em

    def _place_picture(self) -> None:
        # A large picture beside the words when they still get 34 characters a line; when
        # narrow (portrait, large text) a small one beside the topic name, so the words
        # keep the screen's height.
        if self.screen_data is None:
            return
        picture = self._picture_px()
        words_width = self.width() - picture - 3 * MARGIN
        side_by_side = words_width >= 34 * self.theme.body_px * 0.55
        self.picture.setVisible(side_by_side)
        self.badge.setVisible(not side_by_side)
        self.picture.set_icon(self.screen_data.icon, self._picture_color(), picture)
        self.badge.set_icon(self.screen_data.icon, self._picture_color(), round(self.theme.control_px * 2.2))
        self.words_host.setMaximumWidth(self._measure_px())

    def _picture_color(self) -> str:
        return self.theme.colors.icon  # as on the tiles and every other screen: one ink for pictures

    def relayout(self) -> None:
        self._place_picture()
        self.signs.fit()

    def topic_row_shown(self, shown: bool) -> None:
        topic = self.screen_data is not None and self.topic.title.casefold() != self.screen_data.heading.casefold()
        self.topic_label.setVisible(shown and topic)
        self.badge.setVisible(shown and not self.picture.isVisibleTo(self))

    def _shown_items(self) -> list[ReadingLabel]:
        return [label for label in self.item_labels if not label.isHidden()]

    def _set_split(self, split: int) -> None:
        if split == self._split:
            return
        self._split = split
        for column in self.item_columns:
            while column.count():
                column.takeAt(0)
        for index, label in enumerate(self.item_labels):
            self.item_columns[1 if split and index >= split else 0].addWidget(label)
        if split:
            self.item_columns[1].addStretch(1)
        self.columns.setStretch(1, 1 if split else 0)

    def _set_item_spacing(self, body_px: int) -> None:
        for column in self.item_columns:
            column.setSpacing(round(body_px * 0.5))

    def fitted_scale(self) -> float:
        """The scale this screen's words are drawn at (the theme's unless fitted)."""
        return self._fitted_scale or self.theme.scale
