"""The patient's display choices (text size, high contrast) and the panel they are shown on.

One object, one signal; the main window rebuilds its theme when it fires. A session
reset (SessionController.reset) puts the choices back to the site's defaults; the panel
stays (it sizes the text in millimetres: kiosk/ui/panel.py).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.ui.panel import Panel
from kiosk.ui.theme import BODY_PX, DEFAULT, HIGH_CONTRAST, LATIN, TEXT_SCALES, Theme


class Display(QObject):
    changed = Signal()

    def __init__(self, text_step: int = 0, high_contrast: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self._defaults = (text_step, high_contrast)
        self.text_step = text_step
        self.high_contrast = high_contrast
        self.families = LATIN  # follows the language (kiosk.ui.theme.font_families)
        self.panel: Panel | None = None
        self.base_px = BODY_PX

    def theme(self) -> Theme:
        return Theme(HIGH_CONTRAST if self.high_contrast else DEFAULT, TEXT_SCALES[self.text_step], self.families,
                     self.base_px)

    def set_panel(self, panel: Panel | None) -> None:
        """Size the text for `panel` (None: no known glass, the 28 px floor)."""
        self.panel = panel
        base = panel.body_px(latin_cap_ratio()) if panel is not None else BODY_PX
        if base != self.base_px:
            self.base_px = base
            self.changed.emit()

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


_cap_ratio: list[float] = []


def latin_cap_ratio() -> float:
    """Cap height over pixel size of the body font (Atkinson Hyperlegible), measured once.

    Every script is sized from the Latin capitals: Arabic and CJK fonts report no
    comparable cap height, and at the same pixel size their letters are as large or larger."""
    if not _cap_ratio:
        from PySide6.QtGui import QFontMetricsF

        _cap_ratio.append(QFontMetricsF(Theme(DEFAULT, 1.0).font(100)).capHeight() / 100)
    return _cap_ratio[0]
