"""Keypad mode heard through the real speech service: the kiosk's ReadAloud with the real
espeak-ng voice through pyttsx3, playing into the test run's private PulseAudio null sink
(tests/pulse_server.py). Keypad presses on a Spanish screen give the synthesiser the Spanish
words, in order, with the Spanish voice, and the voice's word timings come back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.content.actions import action_lines
from kiosk.i18n.bidi import strip_controls
from kiosk.speech.pyttsx3_synthesizer import Pyttsx3Synthesizer
from kiosk.speech.service import ReadAloud
from kiosk.speech.spoken import spoken_form
from kiosk.speech.timings import TIMING_FROM_ESPEAK
from kiosk.speech.types import SpeechState
from kiosk.speech.voices import VOICE_CANDIDATES

URGENT = "get-help-now"


class Recording:
    """The real synthesiser, noting what it was given and what it made (in the worker thread)."""

    def __init__(self):
        self.inner = Pyttsx3Synthesizer()
        self.made = []  # (text, voice, utterance), in order

    def open(self):
        return self.inner.open()

    def synthesize(self, text, voice, rate, wav_path):
        utterance = self.inner.synthesize(text, voice, rate, wav_path)
        self.made.append((text, voice, utterance))
        return utterance

    def describe(self):
        return self.inner.describe()

    def abort(self):
        self.inner.abort()

    def close(self):
        self.inner.close()


def sentence(text: str) -> str:
    return text if text[-1] in ".?!:;" else text + "."


def test_keypad_presses_on_a_spanish_screen_are_spoken_in_spanish(make_window, qtbot):
    synthesizer = Recording()
    speech = ReadAloud(synthesizer)
    assert speech.available(), speech.unavailable_reason()
    window = make_window(1280, 800, speech=speech, language="es")
    window.navigator.open_topic(URGENT)
    qtbot.wait(50)
    screen = window.guide.topic(URGENT).screens[0]
    assert screen.language == "es"
    words_heard: list[tuple[int, int]] = []
    speech.word.connect(lambda start, length: words_heard.append((start, length)) if start >= 0 else None)

    expected = []
    for _ in range(3):  # the heading, the urgent box (its action, then its signs), the page's toggle
        words_heard.clear()
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Down)
        qtbot.waitUntil(lambda: speech.state() == SpeechState.SPEAKING and len(words_heard) >= 2, timeout=15000)
        expected.append(speech.text())
    lines = action_lines(screen, window.page.numbers)
    shown = [sentence(screen.heading),
             " ".join(sentence(text) for text in (lines.heading, screen.text, *screen.items)),
             f"{window.page.question_button.text()}, interruptor, desactivado"]
    assert window.page.question_button.text() == "Tengo una pregunta sobre esto"
    said = [spoken_form(text, "es", window.read_aloud.spoken_forms).text for text in shown]
    assert expected == said
    assert [strip_controls(text) for text, _voice, _utterance in synthesizer.made] == [
        strip_controls(text) for text in said]
    assert "9 1 1" in said[1]  # the emergency number, digit by digit, inside the Spanish action
    spanish_voice = VOICE_CANDIDATES["es"]
    for text, voice, utterance in synthesizer.made:
        assert voice in spanish_voice, voice
        assert utterance.timing_source == TIMING_FROM_ESPEAK and len(utterance.words) >= 2
        spoken_words = [text[w.start:w.start + w.length] for w in utterance.words]
        assert all(word.strip() and word in text for word in spoken_words)
    # The last one played on: its word timings reached the screen's side, in order.
    last = synthesizer.made[-1][2]
    assert words_heard == [(w.start, w.length) for w in last.words][:len(words_heard)]
    qtbot.waitUntil(lambda: speech.state() == SpeechState.IDLE, timeout=15000)
    assert len(words_heard) == len(last.words)
