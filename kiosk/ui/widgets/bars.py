"""The bars around every screen: the controls, Back / progress / Next, and the speech bar.

Each bar is one row of one height at every language and text size: a label never wraps.
`fit()` gives the bar's buttons the largest label size (up to the theme's) whose row fits
the window's width and whose height stays within 15 % of the window's; when the top
bar's five controls do not fit, text size, high contrast and language fold into one
"Text and language" button in the same place (screens/display_settings.py holds them).

Buttons keep their place on every screen: Back and Next keep their space when hidden, so
Next never moves under a patient's finger; the text-size control is the last in its row
(the right edge, the left in right-to-left languages), so it stays under the finger
while its label grows.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from kiosk.speech.types import DEFAULT_RATE, DEFAULT_VOLUME
from kiosk.ui.theme import BODY_PX, MIN_TARGET_PX, Theme
from kiosk.ui.widgets.big_button import PAD, BigButton
from kiosk.ui.widgets.icon import UI_ICONS
from kiosk.ui.widgets.progress import Progress

MARGIN = 16
# Above and below a bar's buttons: at the screen's edge, and toward the screen's content (at
# least 8 px from a button there); a 1366x768 bar stays within 15 % at 28 px.
EDGE = 10
INNER = 8
PROGRESS_MIN_PX = 160  # "12 of 12" and its dots, at the least
BAR_SHARE = 0.15  # the most of the window's height one bar may take
TARGET_PER_PX = 2.6  # a button's height over its label's size (the theme's target rule)
# Noto Sans Arabic's line is 2.11 times its size (QFontMetrics.height(), bold), the tallest of
# the bundled fonts (Atkinson 1.24, Noto CJK 1.45). A number, not a measurement at run time:
# the other scripts' fonts load after the first paint, when the bars are already fitted.
TALLEST_LINE_EM = 2.12


def button_height(px: int) -> int:
    """A bar button's height for labels of `px`: a touch target, and room for one line in
    the tallest of the kiosk's scripts, so a bar is as tall in every language."""
    return max(MIN_TARGET_PX, round(px * TARGET_PER_PX), math.ceil(px * TALLEST_LINE_EM) + 2 * PAD)


def _keep_space(button: BigButton) -> BigButton:
    policy = button.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    button.setSizePolicy(policy)
    return button


class _Bar(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Bar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.theme: Theme | None = None
        self._room = (0, 0)  # the window's width and height the bar was last fitted to
        self._fitted: tuple | None = None  # what it was fitted for

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.fit(*self._room)

    def buttons(self) -> list[BigButton]:
        """The buttons whose row must fit, shown or keeping their place."""
        return self.findChildren(BigButton)

    def fit(self, width: int, height: int) -> None:
        """One row within `width`, at most 15 % of `height` tall: the largest label size that
        fits, from the theme's control size down to the 28 px floor (0, 0: not yet shown)."""
        self._room = (width, height)
        if self.theme is None:
            return
        key = (width, height, self.theme, tuple(button.text() for button in self.findChildren(BigButton)))
        if key == self._fitted:
            return  # nothing it depends on has changed (a resize of the height alone, often)
        self._fitted = key
        layout = self.layout()
        margins = layout.contentsMargins()
        tallest = round(height * BAR_SHARE) - margins.top() - margins.bottom() if height else 10**6
        px = self.theme.control_px
        while px > BODY_PX and button_height(px) > tallest:
            px -= 2
        px = max(px, BODY_PX)
        # One height for the text size, whatever the language: a label made smaller to fit
        # the width keeps the button's height.
        target = button_height(px)
        while True:
            self._size_buttons(px, target)
            if not width or px <= BODY_PX or self.row_width() <= width:
                break
            px -= 2
        self.setFixedHeight(target + margins.top() + margins.bottom())

    def _size_buttons(self, px: int, target: int) -> None:
        for button in self.findChildren(BigButton):
            button.set_theme(self.theme, px, target)
        self.arrange()

    def arrange(self) -> None:
        """Show or fold what the row holds at the label size just set (the top bar folds)."""

    def row_width(self) -> int:
        layout = self.layout()
        margins = layout.contentsMargins()
        # Every button counts, shown or not (Home, Listen mode): a bar is the same on every screen.
        shown = self.buttons()
        return (sum(button.one_line_width() for button in shown) + layout.spacing() * (len(shown) - 1)
                + margins.left() + margins.right())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.fit(*self._room)  # new words, new widths
        super().changeEvent(event)

    def retranslate(self) -> None:
        pass


class TopBar(_Bar):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # Read aloud first and in the same place on every screen; Home after it, so where
        # Home is not shown (welcome, topic list) no hole is left between controls.
        self.read_button = BigButton(glyph="speaker")
        self.home_button = BigButton(icon=UI_ICONS["home"])
        # Named in the language in use ("Español") with a globe: found by those who read
        # it, and by the globe by those who do not.
        self.language_button = BigButton(icon=UI_ICONS["language"])
        self.contrast_button = BigButton(glyph="contrast")
        self.contrast_button.setCheckable(True)
        self.text_size_button = BigButton(glyph="text-size")
        # The three above, folded into one when they do not fit (large text, narrow panel).
        self.display_button = BigButton(glyph="text-size")
        self.display_button.hide()
        self.folded = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(MARGIN, EDGE, MARGIN, INNER)
        layout.setSpacing(MARGIN)
        layout.addWidget(self.read_button)
        layout.addWidget(self.home_button)
        layout.addStretch(1)
        layout.addWidget(self.language_button)
        layout.addWidget(self.contrast_button)
        layout.addWidget(self.text_size_button)
        layout.addWidget(self.display_button)
        self.retranslate()

    def unfolded(self) -> tuple[BigButton, ...]:
        return (self.language_button, self.contrast_button, self.text_size_button)

    def buttons(self) -> list[BigButton]:
        # Home counts where it is hidden too: the row must not change from screen to screen.
        row = [self.read_button, self.home_button]
        return row + ([self.display_button] if self.folded else list(self.unfolded()))

    def arrange(self) -> None:
        width = self._room[0]
        self.folded = False
        if width and self.row_width() > width:
            self.folded = True
        for button in self.unfolded():
            button.setVisible(not self.folded)
        self.display_button.setVisible(self.folded)

    def retranslate(self) -> None:
        self.set_speech_state(getattr(self, "_speech_state", "idle"))
        self.home_button.setText(self.tr("Home"))
        self.home_button.setAccessibleDescription(self.tr("Go to the list of all topics"))
        self.display_button.setText(self.tr("Text and language"))
        self.display_button.setAccessibleDescription(
            self.tr("Change the size of the text, high contrast and the language"))
        self.contrast_button.setText(self.tr("High contrast"))
        self.contrast_button.setAccessibleDescription(self.tr("White and yellow text on black"))
        self.language_button.setAccessibleDescription(self.tr("Choose another language"))
        self.set_text_size_state(*getattr(self, "_text_percent", (0, 3, 100)))  # in the new language

    def set_language_name(self, native_name: str) -> None:
        self.language_button.setText(native_name)
        self.fit(*self._room)

    def set_speech_state(self, state: str, reason: str = "") -> None:
        """The read-aloud button follows the voice: Read aloud, Pause, Resume, or says
        in words that audio is not available (never only greyed out)."""
        self._speech_state = state
        button = self.read_button
        label, glyph, description = {
            "speaking": (self.tr("Pause"), "pause", self.tr("Pause the voice")),
            "preparing": (self.tr("Pause"), "pause", self.tr("Pause the voice")),
            "paused": (self.tr("Resume"), "play", self.tr("Go on reading")),
            "unavailable": (self.tr("Audio not available"), "speaker", reason),
            # A language espeak-ng has no voice for (Tagalog): said in that language.
            "no-voice": (self.tr("No voice"), "speaker",
                         self.tr("Read-aloud is not available in this language. The words stay on the screen.")),
        }.get(state, (self.tr("Read aloud"), "speaker", self.tr("Read this screen out loud")))
        button.setText(label)
        button.set_glyph(glyph)
        button.setAccessibleDescription(description)
        button.setEnabled(state not in ("unavailable", "no-voice"))
        self.fit(*self._room)  # a longer label ("Audio not available") may need the fold

    def set_text_size_state(self, step: int, steps: int, percent: int) -> None:
        # The label shows the size in use ("Text 150%"); the description says what a touch does.
        self._text_percent = (step, steps, percent)
        self.text_size_button.setText(self.tr("Text {percent}%").format(percent=percent))
        self.text_size_button.setAccessibleName(self.tr("Text size"))
        self.fit(*self._room)
        self.text_size_button.setAccessibleDescription(
            self.tr("Now {percent}%. Touch to change the size of the text.").format(percent=percent))


class NavBar(_Bar):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.back_button = _keep_space(BigButton(glyph="back"))
        self.next_button = _keep_space(BigButton(glyph="next", variant="primary"))
        self.progress = Progress()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(MARGIN, INNER, MARGIN, EDGE)
        layout.setSpacing(MARGIN)
        layout.addWidget(self.back_button, 2)
        layout.addWidget(self.progress, 3)
        layout.addWidget(self.next_button, 2)
        self.retranslate()

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("Back"))
        self.next_button.setText(self.tr("Next"))

    def arrange(self) -> None:
        # "2 of 4" at the bar's label size, within the bar's height in every script.
        self.progress.label.setStyleSheet(f"font-size: {self.buttons()[0].font().pixelSize()}px;")
        # Back and Next share one width, so each stays in its place from screen to screen.
        width = max(self.back_button.one_line_width(), self.next_button.one_line_width())
        for button in (self.back_button, self.next_button):
            button.setMinimumWidth(width)

    def row_width(self) -> int:
        # Back and Next at their shared width, the progress between them.
        width = max(self.back_button.one_line_width(), self.next_button.one_line_width())
        margins = self.layout().contentsMargins()
        return 2 * width + 2 * self.layout().spacing() + margins.left() + margins.right() + PROGRESS_MIN_PX


class SpeechBar(_Bar):
    """Shown while the voice is reading: Stop, speed and volume."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.stop_button = BigButton(glyph="stop")
        # Shown in listen mode only: the way out of it (checked while it is on).
        self.listen_button = BigButton(glyph="speaker")
        self.listen_button.setCheckable(True)
        self.listen_button.hide()
        self.speed_button = BigButton(glyph="faster")
        self.quieter_button = BigButton(glyph="quieter")
        self.louder_button = BigButton(glyph="louder")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(MARGIN, INNER, MARGIN, INNER)
        layout.setSpacing(MARGIN)
        layout.addWidget(self.stop_button)
        layout.addWidget(self.listen_button)
        layout.addStretch(1)
        layout.addWidget(self.speed_button)
        layout.addWidget(self.quieter_button)
        layout.addWidget(self.louder_button)
        self._rate, self._volume = DEFAULT_RATE, DEFAULT_VOLUME  # until the speech service says
        self.retranslate()

    def set_levels(self, rate: str, volume: float) -> None:
        self._rate, self._volume = rate, volume
        self.retranslate()
        self.fit(*self._room)

    def retranslate(self) -> None:
        self.stop_button.setText(self.tr("Stop"))
        self.listen_button.setText(self.tr("Listen mode"))
        self.listen_button.setAccessibleDescription(self.tr("Touch to stop reading every screen aloud"))
        rates = {"slow": self.tr("slow"), "normal": self.tr("normal"), "fast": self.tr("fast")}
        self.speed_button.setText(self.tr("Speed: {speed}").format(speed=rates.get(self._rate, self._rate)))
        self.speed_button.setAccessibleDescription(self.tr("Touch to change how fast the voice reads"))
        percent = round(self._volume * 100)
        self.quieter_button.setText(self.tr("Quieter"))
        self.louder_button.setText(self.tr("Louder"))
        for button in (self.quieter_button, self.louder_button):
            button.setAccessibleDescription(self.tr("Volume now {percent}%").format(percent=percent))
        self.quieter_button.setEnabled(self._volume > 0.21)
        self.louder_button.setEnabled(self._volume < 0.99)
