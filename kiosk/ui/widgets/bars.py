"""The two bars around every screen: controls on top, Back / progress / Next below.

Buttons keep their place on every screen: a hidden button keeps its space, so Next
never moves under a patient's finger.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from kiosk.speech.types import DEFAULT_RATE, DEFAULT_VOLUME
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.big_button import BigButton
from kiosk.ui.widgets.icon import UI_ICONS
from kiosk.ui.widgets.progress import Progress

MARGIN = 16


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
        # Not Fixed: a bar grows when its button labels wrap (large text, narrow screen).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def apply_theme(self, theme: Theme) -> None:
        for button in self.findChildren(BigButton):
            button.set_theme(theme)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        pass


class TopBar(_Bar):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.home_button = _keep_space(BigButton(icon=UI_ICONS["home"]))
        self.read_button = BigButton(glyph="speaker", variant="primary")
        self.text_size_button = BigButton(glyph="text-size")
        self.contrast_button = BigButton(glyph="contrast")
        self.contrast_button.setCheckable(True)
        # Named in the language in use ("Español") with a globe: found by those who read
        # it, and by the globe by those who do not.
        self.language_button = BigButton(icon=UI_ICONS["language"])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN // 2)
        layout.setSpacing(MARGIN)
        layout.addWidget(self.home_button)
        layout.addWidget(self.read_button)
        layout.addStretch(1)
        layout.addWidget(self.language_button)
        layout.addWidget(self.text_size_button)
        layout.addWidget(self.contrast_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.set_speech_state(getattr(self, "_speech_state", "idle"))
        self.home_button.setText(self.tr("Home"))
        self.home_button.setAccessibleDescription(self.tr("Go to the list of all topics"))
        self.text_size_button.setText(self.tr("Text size"))
        self.contrast_button.setText(self.tr("High contrast"))
        self.contrast_button.setAccessibleDescription(self.tr("White and yellow text on black"))
        self.language_button.setAccessibleDescription(self.tr("Choose another language"))
        if hasattr(self, "_text_percent"):
            self.set_text_size_state(*self._text_percent)  # its description in the new language

    def set_language_name(self, native_name: str) -> None:
        self.language_button.setText(native_name)

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

    def set_text_size_state(self, step: int, steps: int, percent: int) -> None:
        # The button's name stays "Text size"; its description says the current step.
        self._text_percent = (step, steps, percent)
        self.text_size_button.setAccessibleDescription(
            self.tr("Now {percent}%. Touch to change the size of the text.").format(percent=percent))


class NavBar(_Bar):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.back_button = _keep_space(BigButton(glyph="back"))
        self.next_button = _keep_space(BigButton(glyph="next", variant="primary"))
        self.progress = Progress()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN // 2, MARGIN, MARGIN)
        layout.setSpacing(MARGIN)
        layout.addWidget(self.back_button, 2)
        layout.addWidget(self.progress, 3)
        layout.addWidget(self.next_button, 2)
        self.retranslate()

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("Back"))
        self.next_button.setText(self.tr("Next"))

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        # Back and Next share one width, so each stays in its place from screen to screen.
        width = max(self.back_button.sizeHint().width(), self.next_button.sizeHint().width())
        for button in (self.back_button, self.next_button):
            button.setMinimumWidth(width)


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
        layout.setContentsMargins(MARGIN, 0, MARGIN, MARGIN // 2)
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
