"""The window's frame: where the bars go, how tall they are, and the panel text is sized for.

Landscape: controls on top, the screen, Back / progress / Next below. Portrait (a panel
taller than wide): the screen on top and every control in the lower part, within reach of
a patient sitting in an infusion chair. Each bar is fitted to the window's width and to at
most 15 % of its height (kiosk/ui/widgets/bars.py). The body text is sized to the panel's
millimetres (kiosk/ui/panel.py) whenever the window is shown or resized.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QVBoxLayout

from kiosk.ui.panel import VIRTUAL_PLATFORMS, panel_from

SPEECH_GAP = 8  # between the speech bar and what is above and below it


class Frame:
    def __init__(self, window):
        self.window = window
        self.layout = QVBoxLayout(window)
        self.layout.setContentsMargins(0, 0, 0, 0)
        self.layout.setSpacing(0)
        self.portrait: bool | None = None
        self._place_bars(portrait=False)

    def _place_bars(self, portrait: bool) -> None:
        if portrait == self.portrait:
            return
        self.portrait = portrait
        w = self.window
        for part in (w.top_bar, w.draft_mark, w.speech_bar, w.stack, w.nav_bar):
            self.layout.removeWidget(part)
        order = ((w.draft_mark, w.stack, w.speech_bar, w.top_bar, w.nav_bar) if portrait
                 else (w.top_bar, w.draft_mark, w.speech_bar, w.stack, w.nav_bar))
        for part in order:
            self.layout.addWidget(part, 1 if part is w.stack else 0)
        # The speech bar sits next to the controls it came from, a small gap on each side.
        margin = w.speech_bar.layout().contentsMargins()
        w.speech_bar.layout().setContentsMargins(margin.left(), SPEECH_GAP, margin.right(), SPEECH_GAP)

    def fit(self) -> None:
        """After a resize or a theme change: the bars' places and sizes, and the text's."""
        w = self.window
        width, height = w.width(), w.height()
        self._place_bars(height > width)
        self.size_text()
        for bar in (w.top_bar, w.speech_bar, w.nav_bar):
            bar.fit(width, height)

    def size_text(self) -> None:
        """Body text for the panel the window is on (with the site's diagonal if set).

        On a real screen the panel is the screen; on a virtual one (screenshots, tests) there
        is no glass unless the setting names it, and then the window plays the panel."""
        w = self.window
        screen = w.screen()
        setting = w.settings["display.panel_diagonal_inches"]
        virtual = QGuiApplication.platformName() in VIRTUAL_PLATFORMS
        if screen is None or (virtual and setting <= 0):
            panel = None
        else:
            size = w.size() if virtual else screen.size()
            physical = screen.physicalSize()
            panel = panel_from(size.width(), size.height(), (physical.width(), physical.height()), setting)
        w.display.set_panel(panel)
