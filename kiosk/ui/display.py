"""The patient's display choices: text size and high contrast.

One object, one signal; the main window rebuilds its theme when it fires. A session
reset (SessionController.reset) puts both back to the site's defaults.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.ui.theme import DEFAULT, HIGH_CONTRAST, LATIN, TEXT_SCALES, Theme


class Display(QObject):
    changed = Signal()

    def __init__(self, text_step: int = 0, high_contrast: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self._defaults = (text_step, high_contrast)
        self.text_step = text_step
        self.high_contrast = high_contrast
        self.families = LATIN  # follows the language (kiosk.ui.theme.font_families)

    def theme(self) -> Theme:
        return Theme(HIGH_CONTRAST if self.high_contrast else DEFAULT, TEXT_SCALES[self.text_step], self.families)

    def set_families(self, families: tuple[str, ...]) -> None:
        if families != self.families:
            self.families = families
            self.changed.emit()

    def scale(self) -> float:
        return TEXT_SCALES[self.text_step]

    def set_text_step(self, step: int) -> None:
        step = max(0, min(step, len(TEXT_SCALES) - 1))
        if step != self.text_step:
            self.text_step = step
            self.changed.emit()

    def cycle_text_size(self) -> None:
        self.set_text_step((self.text_step + 1) % len(TEXT_SCALES))

    def set_high_contrast(self, on: bool) -> None:
        if on != self.high_contrast:
            self.high_contrast = on
            self.changed.emit()

    def reset(self) -> None:
        step, contrast = self._defaults
        changed = (step, contrast) != (self.text_step, self.high_contrast)
        self.text_step, self.high_contrast = step, contrast
        if changed:
            self.changed.emit()
