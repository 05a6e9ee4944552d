"""Choose a language: every language named in itself ("Español", "中文", "العربية").

Opened from the language button on every screen; choosing one switches the whole kiosk
at once and returns to the same place.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.i18n.languages import Language
from kiosk.ui.accessibility import set_role
from kiosk.ui.screens.base import ScreenBase, fill_grid, row, text_label
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.big_button import BigButton
from kiosk.ui.widgets.scroll_area import KineticScrollArea, ScrollContent

MARGIN = 32


class LanguagePicker(ScreenBase):
    chosen = Signal(str)  # a language code
    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.heading = text_label("heading")
        self.close_button = BigButton(glyph="back")
        self.close_button.clicked.connect(self.closed)
        self.buttons: list[BigButton] = []
        self._columns = 0

        # The heading scrolls with the names: on a small panel with large text it is never
        # squeezed by the list, and Close stays in view below.
        self.grid_host = ScrollContent()
        set_role(self.grid_host, "group")  # the options, named by the question (retranslate)
        column = QVBoxLayout(self.grid_host)
        column.setContentsMargins(0, 8, 0, 16)
        column.setSpacing(16)
        column.addWidget(self.heading)
        self.grid = QGridLayout()
        column.addLayout(self.grid)
        column.addStretch(1)
        self.scroll = KineticScrollArea()
        self.scroll.setWidget(self.grid_host)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, 8, MARGIN, 16)
        layout.setSpacing(8)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(row(self.close_button))
        self.retranslate()

    def set_languages(self, languages: list[Language], current: str) -> None:
        """The languages offered (already filtered by the site's settings), current marked."""
        for button in self.buttons:
            self.grid.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for language in languages:
            button = BigButton(language.native_name, variant="tile")
            button.setCheckable(True)
            set_role(button, "radio")  # one of several: "Español, radio button, not selected"
            button.setChecked(language.code == current)
            button.setProperty("language", language.code)
            # Each name is written in its own script and direction, whatever the kiosk's.
            button.setLayoutDirection(language.direction)
            button.clicked.connect(lambda _=False, code=language.code: self.chosen.emit(code))
            self.buttons.append(button)
        self.apply_theme(self.theme)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Choose your language"))
        self.grid_host.setAccessibleName(self.heading.text())
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleDescription(self.tr("Keep the language you have"))

    def spoken_parts(self) -> list[QWidget]:
        return [self.heading, *self.buttons, self.close_button]

    def button_text_px(self, button: BigButton) -> int:
        return self.theme.body_px if button in self.buttons else self.theme.control_px

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        self.grid.setSpacing(theme.gap_px)
        self._reflow(force=True)

    def relayout(self) -> None:
        self._reflow()

    def _reflow(self, force: bool = False) -> None:
        tile_min = max(280, 9 * self.theme.body_px)
        columns = max(1, min(4, (self.width() - 2 * MARGIN) // tile_min))
        if columns == self._columns and not force:
            return
        self._columns = columns
        fill_grid(self.grid, self.buttons, columns, max_columns=4)

    def focus_first(self) -> None:
        chosen = [b for b in self.buttons if b.isChecked()]
        target = chosen[0] if chosen else (self.buttons[0] if self.buttons else self.close_button)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
