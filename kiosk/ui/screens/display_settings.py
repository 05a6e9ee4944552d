"""Text and language: text size, high contrast and language on one screen.

Opened by the top bar's "Text and language" button when the three do not fit in the bar
(large text, a narrow panel: kiosk/ui/widgets/bars.py). Each choice acts at once and the
screen stays, so a patient sees the new size and can change it again; Close goes back to
where the patient was.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.accessibility import set_role
from kiosk.ui.screens.base import ScreenBase, scroll_above_close, text_label
from kiosk.ui.theme import TEXT_SCALES
from kiosk.ui.widgets.big_button import BigButton
from kiosk.ui.widgets.icon import UI_ICONS
from kiosk.ui.widgets.scroll_area import KineticScrollArea, ScrollContent

MARGIN = 40


class DisplaySettings(ScreenBase):
    text_step_chosen = Signal(int)
    contrast_chosen = Signal(bool)
    language_wanted = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.heading = text_label("heading")
        self.size_label = text_label()
        self.size_buttons: list[BigButton] = []
        self.size_group = QButtonGroup(self)  # one size at a time
        self.size_group.setExclusive(True)
        sizes = QHBoxLayout()  # "Text size" and its three choices on one line
        sizes.setSpacing(16)
        sizes.addWidget(self.size_label, 0, Qt.AlignmentFlag.AlignVCenter)
        for step in range(len(TEXT_SCALES)):
            button = BigButton(glyph="text-size")
            button.setCheckable(True)
            set_role(button, "radio")
            button.clicked.connect(lambda _=False, s=step: self.text_step_chosen.emit(s))
            self.size_group.addButton(button)
            self.size_buttons.append(button)
            sizes.addWidget(button)
        sizes.addStretch(1)
        self.contrast_button = BigButton(glyph="contrast")
        self.contrast_button.setCheckable(True)
        self.contrast_button.toggled.connect(self.contrast_chosen)
        self.language_button = BigButton(icon=UI_ICONS["language"])
        self.language_button.clicked.connect(self.language_wanted)
        self.close_button = BigButton(glyph="back", variant="primary")
        self.close_button.clicked.connect(self.closed)

        content = ScrollContent()
        column = self.column = QVBoxLayout(content)
        column.setContentsMargins(MARGIN, 16, MARGIN, 16)
        column.setSpacing(24)
        column.addStretch(0)  # grows on a portrait panel: the choices within a seated patient's reach
        column.addWidget(self.heading)
        column.addLayout(sizes)
        # Contrast and language side by side: the whole screen in view on a small panel.
        others = QHBoxLayout()
        others.setSpacing(16)
        others.addWidget(self.contrast_button)
        others.addWidget(self.language_button)
        others.addStretch(1)
        column.addLayout(others)
        column.addStretch(1)
        self.scroll = KineticScrollArea()
        self.scroll.setWidget(content)
        scroll_above_close(self, self.scroll, self.close_button, MARGIN)
        self.retranslate()

    def show_state(self, text_step: int, high_contrast: bool, language_name: str) -> None:
        self.size_buttons[text_step].setChecked(True)
        self.contrast_button.blockSignals(True)  # showing the state is not choosing it
        self.contrast_button.setChecked(high_contrast)
        self.contrast_button.blockSignals(False)
        self.language_button.setText(language_name)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Text and language"))
        self.size_label.setText(self.tr("Text size"))
        for step, button in enumerate(self.size_buttons):
            button.setText(self.tr("{percent}%").format(percent=round(TEXT_SCALES[step] * 100)))
        self.contrast_button.setText(self.tr("High contrast"))
        self.contrast_button.setAccessibleDescription(self.tr("White and yellow text on black"))
        self.language_button.setAccessibleDescription(self.tr("Choose another language"))
        self.close_button.setText(self.tr("Close"))

    def spoken_parts(self) -> list[QWidget]:
        return [self.heading, self.size_label, *self.size_buttons, self.contrast_button, self.language_button,
                self.close_button]

    def relayout(self) -> None:
        self.column.setStretch(0, 1 if self.height() > self.width() else 0)

    def focus_first(self) -> None:
        checked = [b for b in self.size_buttons if b.isChecked()]
        (checked[0] if checked else self.close_button).setFocus(Qt.FocusReason.OtherFocusReason)
