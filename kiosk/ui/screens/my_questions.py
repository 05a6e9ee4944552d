"""My questions: the pages the patient marked with "I have a question about this", to show a
nurse, to take home on the card, or to unmark.

Each page is named as the patient read it (its topic and heading, in their language). The
list lives only for the session: the reset between patients clears it (kiosk/ui/take_home.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.accessibility import set_role
from kiosk.ui.screens.base import ScreenBase, text_label
from kiosk.ui.widgets.big_button import BigButton
from kiosk.ui.widgets.icon import UI_ICONS
from kiosk.ui.widgets.reading_label import ReadingLabel
from kiosk.ui.widgets.scroll_area import KineticScrollArea, ScrollContent

MARGIN = 40


class MyQuestionsScreen(ScreenBase):
    removed = Signal(str)  # a screen id
    nurse_wanted = Signal()
    card_wanted = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.screen_ids: list[str] = []
        self.heading = text_label("heading")
        self.intro = text_label()
        self.rows: list[tuple[ReadingLabel, BigButton]] = []
        self.list_host = QWidget()
        set_role(self.list_host, "list")
        self.list_layout = QVBoxLayout(self.list_host)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(16)
        self.nurse_button = BigButton(icon=UI_ICONS["nurse"], variant="primary")
        self.nurse_button.clicked.connect(self.nurse_wanted)
        self.card_button = BigButton(icon=UI_ICONS["card"])
        self.card_button.clicked.connect(self.card_wanted)
        self.close_button = BigButton(glyph="back")
        self.close_button.clicked.connect(self.closed)

        content = ScrollContent()
        column = QVBoxLayout(content)
        column.setContentsMargins(MARGIN, 16, MARGIN, 16)
        column.setSpacing(24)
        column.addWidget(self.heading)
        column.addWidget(self.intro)
        column.addWidget(self.list_host)
        column.addStretch(1)
        self.scroll = KineticScrollArea()
        self.scroll.setWidget(content)
        # The ways on stay in view below the list, however long it is.
        actions = QHBoxLayout()
        actions.setContentsMargins(MARGIN, 0, MARGIN, 0)
        actions.setSpacing(16)
        for button in (self.close_button, self.card_button, self.nurse_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 16)
        layout.setSpacing(8)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(actions)
        self.retranslate()

    def show_questions(self, screen_ids: list[str], texts: list[str]) -> None:
        """The marked pages (ids, and each one's words in the patient's language)."""
        self.screen_ids = list(screen_ids)
        while len(self.rows) < len(texts):
            label = text_label("item")
            remove = BigButton()
            index = len(self.rows)
            remove.clicked.connect(lambda _=False, index=index: self._remove(index))
            line = QHBoxLayout()
            line.setSpacing(16)
            line.addWidget(label, 1)
            line.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)
            self.list_layout.addLayout(line)
            self.rows.append((label, remove))
        for index, (label, remove) in enumerate(self.rows):
            shown = index < len(texts)
            label.setVisible(shown)
            remove.setVisible(shown)
            if shown:
                label.set_content(texts[index], prefix="•  ")
        self.nurse_button.setVisible(bool(texts))
        self.retranslate()
        self.apply_theme(self.theme)
        self.scroll.verticalScrollBar().setValue(0)

    def _remove(self, index: int) -> None:
        if index < len(self.screen_ids):
            self.removed.emit(self.screen_ids[index])

    def retranslate(self) -> None:
        self.heading.setText(self.tr("My questions"))
        if self.screen_ids:
            self.intro.setText(self.tr("You marked these pages. Show them to your nurse, or take them home "
                                       "on your card."))
        else:
            self.intro.setText(self.tr("No pages are marked yet. On any page, touch \"I have a question about "
                                       "this\". It will be listed here for your nurse."))
        for label, remove in self.rows:
            remove.setText(self.tr("Remove"))
            remove.setAccessibleDescription(label.text())
        self.nurse_button.setText(self.tr("Show my nurse"))
        self.card_button.setText(self.tr("Card to take home"))
        self.close_button.setText(self.tr("Close"))

    def spoken_parts(self) -> list[QWidget]:
        parts: list[QWidget] = [self.heading, self.intro]
        for label, _remove in self.rows:
            parts.append(label)
        parts += [self.nurse_button, self.card_button, self.close_button]
        return [part for part in parts if part.isVisibleTo(self)]

    def focus_target(self) -> QWidget:
        return self.nurse_button if self.nurse_button.isVisibleTo(self) else self.close_button
