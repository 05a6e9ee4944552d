"""Read-aloud on the screens: what each screen reads, the moving word mark, listen mode.

The speech itself (synthesis, playback, word timings) is kiosk/speech/; this module
decides what to read and shows where the voice is:

- "Read aloud" reads the current screen: its parts (kiosk/ui/screens/*.spoken_parts)
  joined into one text; each word the voice reaches is marked in its label, a button
  (a topic tile) being read gets a thick mark, and the view scrolls to keep it in sight.
- Speech stops as soon as the patient touches anything else, presses any key, or moves on
  (Section 508 402.2: speech stops when the user acts). One voice at a time: while a screen
  reader is in use (kiosk/ui/screen_reader.py) nothing here starts talking by itself (listen
  mode's reading of each new screen); the patient's own "Read aloud" still reads.
- Listen mode, for patients who cannot read: each screen reads itself when it opens;
  the first touch on a button says what it does, a second touch on the same button
  does it (so nothing happens by accident before it has been heard). It is offered only
  while the voice can be heard: with no audio output or no speech engine the welcome
  screen's Listen button says "Audio not available" (no voice for the language: "No
  voice") and cannot be pressed, and listen mode ends if the audio goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QScrollArea, QWidget

from kiosk.speech.types import RATES, SpeechState
from kiosk.ui.widgets.big_button import BigButton
from kiosk.ui.widgets.reading_label import ReadingLabel

if TYPE_CHECKING:
    from kiosk.speech.spoken import Spoken

# How long a first touch in listen mode stays "armed" for the second touch.
ARMED_MS = 8000


def spoken_text_of(widget: QWidget) -> str:
    if isinstance(widget, ReadingLabel):
        return widget.spoken_text()
    if isinstance(widget, BigButton):
        return widget.text()
    return ""


def sentence(text: str) -> str:
    """Words ending in a stop, so the voice pauses after them (a heading, a list item)."""
    text = text.strip()
    return text if not text or text[-1] in ".?!:;。？！：；؟" else text + "."


@dataclass(frozen=True)
class Part:
    widget: QWidget
    start: int  # where its spoken form starts in Script.text
    spoken: Spoken  # its spoken form (kiosk.speech.spoken), which knows where each character is shown

    @property
    def length(self) -> int:
        return len(self.spoken.text)


class Script:
    """A screen's parts joined into one text for the voice, remembering where each starts.

    Each part is read in its spoken form (kiosk/speech/spoken.py: phone numbers digit by
    digit, units as words). A part that does not end a sentence gets a full stop, so the
    voice pauses between a heading and the text under it, and between list items.
    """

    def __init__(self, widgets: list[QWidget], language: str = "en", say: tuple[tuple[str, str], ...] = ()):
        from kiosk.speech.spoken import spoken_form  # when first read, not at start-up

        self.parts: list[Part] = []
        pieces: list[str] = []
        offset = 0
        for widget in widgets:
            shown = spoken_text_of(widget)
            spoken = spoken_form(shown, language, say)
            text = spoken.text.rstrip()
            if not text.strip():
                continue
            if pieces:
                pieces.append(" ")
                offset += 1
            self.parts.append(Part(widget, offset, spoken))
            voiced = text if text[-1] in ".?!:;" else text + "."
            pieces.append(voiced)
            offset += len(voiced)
        self.text = "".join(pieces)

    def locate(self, start: int, length: int = 1) -> tuple[QWidget, int, int] | None:
        """The part that holds character `start` of the text, and the shown characters
        (offset, length) in that part that the spoken characters [start, start+length) read."""
        for part in self.parts:
            if part.start <= start < part.start + part.length:
                local = start - part.start
                shown_start, shown_length = part.spoken.shown_range(local, min(length, part.length - local))
                return part.widget, shown_start, shown_length
        return None


class ReadAloudController(QObject):
    """Everything about speech on the screens: the read button, the speech bar, listen mode,
    the word mark. It exists from the start; until the speech service is attached (just after
    the first paint) every call is a no-op and the read button waits, disabled."""

    listen_mode_changed = Signal(bool)
    used_now = Signal(str)  # "read_aloud" or "listen_mode": for the statistics
    listen_started = Signal()  # Listen on the welcome screen: the window goes on to the topics
    busy = Signal(bool)  # the voice is reading (the idle time waits) or not
    acted = Signal()  # a speed or volume press: activity, even without an input event

    def __init__(self, window, top_bar, speech_bar, parent: QObject | None = None):
        super().__init__(parent)
        self.window = window
        self.top_bar = top_bar
        self.speech_bar = speech_bar
        self.speech = None
        self.speech_controls = [top_bar.read_button, speech_bar]  # these act at once, even in listen mode
        self._language = "en"
        self.spoken_forms: tuple[tuple[str, str], ...] = ()  # the guide's (written, said) pairs
        self.used = False  # read-aloud was used this session ("Still there?" is then spoken)
        self.listen_mode = False
        self.screen_reader = lambda: False  # a screen reader in use: nothing starts by itself
        self._script: Script | None = None
        self._marked: QWidget | None = None
        self._armed: BigButton | None = None
        self._swallow_release: QWidget | None = None
        self._disarm = QTimer(self, singleShot=True, interval=ARMED_MS, timeout=self._clear_armed)
        top_bar.read_button.setEnabled(False)  # until the speech service is attached

    def attach(self, speech) -> None:
        """The read-aloud service (kiosk.speech.ReadAloud or one like it)."""
        self.speech = speech
        speech.word.connect(self._on_word)
        speech.state_changed.connect(self._on_state)
        speech.finished.connect(self._clear_mark)
        bar = self.speech_bar
        self.top_bar.read_button.clicked.connect(self.toggle)
        self.top_bar.read_button.clicked.connect(lambda: self.used_now.emit("read_aloud"))
        bar.stop_button.clicked.connect(self.stop)
        bar.speed_button.clicked.connect(self.cycle_rate)
        bar.quieter_button.clicked.connect(lambda: self.change_volume(-0.2))
        bar.louder_button.clicked.connect(lambda: self.change_volume(0.2))
        for button in (bar.speed_button, bar.quieter_button, bar.louder_button):
            button.clicked.connect(self.acted)
            button.clicked.connect(self._show_levels)
        bar.listen_button.clicked.connect(lambda: self.set_listen_mode(False))
        welcome = getattr(self.window, "welcome", None)
        if welcome is not None:
            welcome.listen.connect(self._start_listening)
        self._offer_listen()
        self._show_state()

    @property
    def language(self) -> str:
        return self._language

    @language.setter
    def language(self, code: str) -> None:
        # Set after a language switch, once the screens have their new words.
        self._language = code
        self._offer_listen()

    # --- reading ------------------------------------------------------------------

    def current_screen(self) -> QWidget:
        return self.window.stack.currentWidget()

    def read_screen(self) -> None:
        """Read the screen now shown, from the top."""
        if self.speech is None:
            return
        self._clear_mark()
        screen = self.current_screen()
        # A page not yet translated is in English: read it with the English voice.
        data = getattr(screen, "screen_data", None)
        voice = data.language if data is not None and data.language != self.language else self.language
        self._script = Script(screen.spoken_parts(), voice, self.spoken_forms)
        if self._script.text:
            self.speech.speak(self._script.text, voice)

    def say(self, text: str) -> None:
        """Speak a short message (a button's description) with no marks."""
        from kiosk.speech.spoken import spoken_form

        if self.speech is None:
            return
        self._clear_mark()
        self._script = None
        self.speech.speak(spoken_form(text, self.language, self.spoken_forms).text, self.language)

    def toggle(self) -> None:
        """The Read aloud button: read, pause or resume."""
        if self.speech is None:
            return
        self.used = True
        state = self.speech.state()
        if state == SpeechState.SPEAKING:
            self.speech.pause()
        elif state == SpeechState.PAUSED:
            self.speech.resume()
        elif state == SpeechState.PREPARING:
            self.stop()  # "Pause" pressed before the first sound: nothing to hold, so stop
        elif state != SpeechState.UNAVAILABLE:
            self.read_screen()

    def stop(self) -> None:
        if self.speech is not None:
            self.speech.stop()
        self._clear_mark()

    def cycle_rate(self) -> None:
        names = list(RATES)
        self.speech.set_rate(names[(names.index(self.speech.rate()) + 1) % len(names)])

    def change_volume(self, step: float) -> None:
        self.speech.set_volume(round(min(1.0, max(0.2, self.speech.volume() + step)), 2))

    def place_changed(self) -> None:
        """The patient moved to another screen: stop, and in listen mode read the new one."""
        self.stop()
        self._clear_armed()
        if self.listen_mode and not self.screen_reader():
            QTimer.singleShot(0, self.read_screen)  # after the new screen is laid out

    def set_listen_mode(self, on: bool) -> None:
        if on != self.listen_mode:
            self.listen_mode = on
            self._clear_armed()
            if on:
                self.used_now.emit("listen_mode")
            bar = self.speech_bar
            bar.listen_button.setVisible(on)
            bar.listen_button.setChecked(on)
            if not on:
                self.stop()
            self.listen_mode_changed.emit(on)
            self._show_state()

    def reset(self, rate: str, volume: float) -> None:
        """Session end: silence, listen mode off, the site's speed and volume."""
        self.stop()
        self.set_listen_mode(False)
        self.used = False
        if self.speech is not None:
            self.speech.reset()
            self.speech.set_rate(rate)
            self.speech.set_volume(volume)

    def refresh(self) -> None:
        """The language changed: the read button and Listen say what they can do in it."""
        self._show_state()

    def _start_listening(self) -> None:
        self.set_listen_mode(True)
        self.listen_started.emit()

    def _show_state(self) -> None:
        """The read button follows the voice (Read aloud, Pause, Resume, or why not, in words);
        the speech bar shows while the voice reads or in listen mode."""
        if self.speech is None:
            return
        state = self.speech.state()
        name = state.value
        if self.speech.available() and not self.speech.has_voice(self._language):
            name = "no-voice"  # e.g. Tagalog: espeak-ng has no voice for it
        self.top_bar.set_speech_state(name, self.speech.unavailable_reason())
        speaking = state in (SpeechState.SPEAKING, SpeechState.PAUSED, SpeechState.PREPARING)
        self.speech_bar.setVisible(speaking or self.listen_mode)
        self.busy.emit(state in (SpeechState.SPEAKING, SpeechState.PREPARING))
        self._show_levels()

    def _show_levels(self) -> None:
        self.speech_bar.set_levels(self.speech.rate(), self.speech.volume())

    # --- marks --------------------------------------------------------------------

    def _on_word(self, start: int, length: int) -> None:
        if start < 0 or self._script is None:
            self._clear_mark()
            return
        found = self._script.locate(start, length)
        if found is None:
            return
        widget, local, length = found
        if widget is not self._marked:
            self._clear_mark()
            self._marked = widget
        if isinstance(widget, ReadingLabel):
            widget.set_mark(local, length)
            self._keep_in_view(widget, widget.line_top(local))
        else:
            widget.set_reading(True)
            self._keep_in_view(widget, 0)

    def _clear_mark(self) -> None:
        widget, self._marked = self._marked, None
        if isinstance(widget, ReadingLabel):
            widget.set_mark(-1, 0)
        elif widget is not None:
            widget.set_reading(False)

    def _keep_in_view(self, widget: QWidget, line_top: int) -> None:
        """Scroll so the line being read is in sight, with a line of context around it."""
        area = widget.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if not isinstance(area, QScrollArea) or area.widget() is None:
            return
        top = widget.mapTo(area.widget(), widget.rect().topLeft()).y() + line_top
        line = widget.fontMetrics().height()
        area.ensureVisible(0, top + line // 2, 0, line * 2)

    def _on_state(self, state: SpeechState) -> None:
        if state in (SpeechState.IDLE, SpeechState.UNAVAILABLE):
            self._clear_mark()
        if state == SpeechState.UNAVAILABLE:
            self.set_listen_mode(False)  # touches that only speak would do nothing at all now
        self._offer_listen()
        self._show_state()

    def _offer_listen(self) -> None:
        """The welcome screen's Listen button: offered only while the voice can be heard in
        this language, else it says why, in words, and cannot be pressed."""
        welcome = getattr(self.window, "welcome", None)
        button = getattr(welcome, "listen_button", None)
        if button is None or self.speech is None:
            return
        if not self.speech.available():
            label, description = self.tr("Audio not available"), self.tr(
                "Sound is not working right now. Please ask a member of staff for help.")
        elif not self.speech.has_voice(self._language):
            label, description = self.tr("No voice"), self.tr(
                "Read-aloud is not available in this language. The words stay on the screen.")
        else:
            if not button.isEnabled():
                button.setEnabled(True)
                welcome.retranslate()  # its own words again ("Listen")
            return
        button.setText(label)
        button.setAccessibleDescription(description)
        button.setEnabled(False)

    # --- touches ------------------------------------------------------------------

    def _is_speech_control(self, widget: QWidget) -> bool:
        return any(control is widget or control.isAncestorOf(widget) for control in self.speech_controls)

    def _clear_armed(self) -> None:
        if self._armed is not None:
            self._armed.set_reading(False)
        self._armed = None

    def _talking(self) -> bool:
        return self.speech.state() in (SpeechState.SPEAKING, SpeechState.PAUSED, SpeechState.PREPARING)

    def describe(self, button: BigButton) -> str:
        text = button.accessibleName() or button.text()
        detail = button.accessibleDescription()
        again = self.tr("Touch it again to choose it.")
        return " ".join(part for part in (text + ".", detail + "." if detail else "", again) if part)

    def handle(self, obj: QObject, event: QEvent) -> bool:
        """The "listen" step of the window's input route (kiosk/ui/input_route.py): any touch
        outside the speech controls silences the voice; in listen mode the first touch on a
        button says what it does and is taken (True)."""
        if self.speech is None:
            return False
        kind = event.type()
        if kind == QEvent.Type.LanguageChange and obj is getattr(self.window, "welcome", None):
            QTimer.singleShot(0, self._offer_listen)  # after the screen has put back "Listen"
            return False
        if kind not in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
                        QEvent.Type.TouchBegin, QEvent.Type.KeyPress):
            return False
        if not isinstance(obj, QWidget) or not (obj is self.window or self.window.isAncestorOf(obj)):
            return False
        if kind == QEvent.Type.KeyPress:
            # Any key silences the voice, as a touch does (a screen reader's keys too), except
            # the keys that work the speech controls themselves.
            if not self._is_speech_control(obj) and self._talking():
                self.stop()
            return False
        if kind == QEvent.Type.MouseButtonRelease:
            if obj is self._swallow_release:
                self._swallow_release = None
                return True
            return False
        if self._is_speech_control(obj):
            return False
        if self._talking():
            self.stop()  # any other touch silences the voice at once
        if kind != QEvent.Type.MouseButtonPress or not self.listen_mode:
            return False
        if not isinstance(obj, BigButton) or event.button() != Qt.MouseButton.LeftButton:
            return False
        if obj is self._armed:
            self._clear_armed()  # second touch: let the button act
            return False
        self._clear_armed()
        self._armed = obj
        obj.set_reading(True)
        self._disarm.start()
        self._swallow_release = obj
        self.say(self.describe(obj))
        return True  # first touch: only say what it does
