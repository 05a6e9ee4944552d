"""Show my nurse: the patient's marked pages, large and in high contrast, in their language with
English beside each, so a nurse who does not read the patient's language knows what to explain.

Always high contrast and never under 150 % text, whatever the patient chose: it is held up to
be read by someone standing. For an English-speaking patient, one column.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.ui.screens.base import ScreenBase, scroll_above_close, text_label
from kiosk.ui.theme import HIGH_CONTRAST, Theme
from kiosk.ui.widgets.big_button import BigButton
from kiosk.ui.widgets.reading_label import ReadingLabel
from kiosk.ui.widgets.scroll_area import KineticScrollArea, ScrollContent

MARGIN = 40
MIN_SCALE = 1.5
ENGLISH_HEADING = "Questions from this patient"  # for the nurse: never translated


class ShowNurseScreen(ScreenBase):
    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("NurseView")
        self.heading = text_label("heading")
        self.english_heading = text_label("heading")
        self.english_heading.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.english_heading.setText(ENGLISH_HEADING)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(MARGIN)
        self.grid.setVerticalSpacing(24)
        self.grid.addWidget(self.heading, 0, 0, Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(self.english_heading, 0, 1, Qt.AlignmentFlag.AlignTop)
        self.cells: list[tuple[ReadingLabel, ReadingLabel]] = []
        self.close_button = BigButton(glyph="back", variant="primary")
        self.close_button.clicked.connect(self.closed)

        content = ScrollContent()
        column = QVBoxLayout(content)
        column.setContentsMargins(MARGIN, 16, MARGIN, 16)
        column.addWidget(self.grid_host)
        column.addStretch(1)
        self.scroll = KineticScrollArea()
        self.scroll.setWidget(content)
        scroll_above_close(self, self.scroll, self.close_button, MARGIN)
        self.retranslate()

    def show_questions(self, texts: list[str], english: list[str]) -> None:
        """Each marked page in the patient's language (`texts`) and in English (`english`, the same
        length; empty for an English-speaking patient: one column)."""
        two = bool(english) and english != texts
        while len(self.cells) < len(texts):
            own, other = text_label("item"), text_label("item")
            other.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            other.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            row = len(self.cells) + 1
            self.grid.addWidget(own, row, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(other, row, 1, Qt.AlignmentFlag.AlignTop)
            self.cells.append((own, other))
        for index, (own, other) in enumerate(self.cells):
            shown = index < len(texts)
            own.setVisible(shown)
            other.setVisible(shown and two)
            if shown:
                own.set_content(texts[index], prefix="•  ")
                other.set_content(english[index] if two else "", prefix="•  ")
        self.english_heading.setVisible(two)
        self.grid.setColumnStretch(1, 1 if two else 0)
        self.grid.setColumnStretch(0, 1)
        self.scroll.verticalScrollBar().setValue(0)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("My questions"))
        self.close_button.setText(self.tr("Close"))

    def apply_theme(self, theme: Theme) -> None:
        # High contrast and large, whatever the patient chose (the screen's own style sheet wins
        # over the window's).
        shown = Theme(HIGH_CONTRAST, max(theme.scale, MIN_SCALE), theme.families, theme.base_px)
        self.setStyleSheet(shown.stylesheet() + f"""
        QWidget#NurseView, QWidget#NurseView QWidget {{ background: {HIGH_CONTRAST.background}; }}""")
        super().apply_theme(shown)

    def spoken_parts(self) -> list[QWidget]:
        parts: list[QWidget] = [self.heading]
        parts += [own for own, _other in self.cells if own.isVisibleTo(self)]
        return [*parts, self.close_button]

    def english_texts(self) -> list[str]:
        return [other.spoken_text() for _own, other in self.cells if other.isVisibleTo(self)]

    def focus_target(self) -> QWidget:
        return self.close_button

