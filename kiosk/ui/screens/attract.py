"""Between patients: one large invitation, in every enabled language in turn.

A touch starts a session in the language on screen at that moment (the language button
is there for a change of mind). Nothing of the last session is visible here.

The whole screen is one button (drawn as nothing, over everything): a screen reader finds it,
named with the invitation on show, and its "press" starts a session as a touch does.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.i18n.languages import Language
from kiosk.ui.screens.base import ScreenBase, text_label
from kiosk.ui.theme import Theme, font_families, load_fonts
from kiosk.ui.widgets.icon import UI_ICONS, Picture

CONTEXT = "AttractScreen"
# Marked for extraction; each language's words come from its own catalog (set_languages),
# since this screen shows them all in turn.
INVITATION = QT_TRANSLATE_NOOP("AttractScreen", "Touch here to learn about your medicine")  # lupdate: literals
SECONDS_PER_LANGUAGE = 4


class _StartSurface(QAbstractButton):
    """A button the size of the screen that draws nothing: what a screen reader presses."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        pass


class AttractScreen(ScreenBase):
    started = Signal(str)  # the language code shown when touched

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.picture = Picture()
        self.invitation = text_label("title")
        self.invitation.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.languages: list[tuple[Language, str]] = []  # (language, its invitation)
        self.index = 0
        self.timer = QTimer(self)
        self.timer.setInterval(SECONDS_PER_LANGUAGE * 1000)
        self.timer.timeout.connect(self.next_language)
        layout = self.centered_column()
        layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.invitation)
        layout.addStretch(1)
        self.start_button = _StartSurface(self)
        self.start_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.start_button.pressed.connect(lambda: self.started.emit(self.current()))  # on touch, not release

    def set_languages(self, switcher) -> None:
        """The languages offered (a kiosk.ui.language_switcher.LanguageSwitcher), each with
        its own catalog's words for the invitation."""
        # Every language's own fonts, now: the attract screen can come before they are loaded
        # after the first paint, and Qt would draw the words in whatever font it finds.
        load_fonts(everything=True)
        self.languages = []
        for language in switcher.available():
            catalog = switcher.catalog(language.code)
            self.languages.append((language, (catalog.get(CONTEXT, INVITATION) if catalog else None) or INVITATION))
        self.index = 0
        self._show_current()

    def start(self) -> None:
        self.index = 0
        self._show_current()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def current(self) -> str:
        return self.languages[self.index][0].code if self.languages else "en"

    def next_language(self) -> None:
        if self.languages:
            self.index = (self.index + 1) % len(self.languages)
            self._show_current()

    def _show_current(self) -> None:
        if not self.languages:
            return
        language, text = self.languages[self.index]
        # Its own script's font first, then the words: the label is measured in that font.
        families = ", ".join(f'"{family}"' for family in font_families(language.code))
        self.invitation.setStyleSheet(f"QLabel {{ font-family: {families}; }}")
        self.invitation.setLayoutDirection(language.direction)
        self.invitation.setText(text)
        self.invitation.setAccessibleName(text)
        self.start_button.setAccessibleName(text)
        self.invitation.updateGeometry()

    def spoken_parts(self) -> list[QWidget]:
        return [self.invitation]

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        self.picture.set_icon(UI_ICONS["welcome"], theme.colors.icon, 200)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.start_button.setGeometry(self.rect())
        self.start_button.raise_()

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.started.emit(self.current())
