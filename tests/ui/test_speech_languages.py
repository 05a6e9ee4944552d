"""Read-aloud in every language, with the real espeak-ng voices through pyttsx3.

The voice follows the kiosk's language; the word marks land on whole words of the
translated text (right-to-left Arabic, Chinese characters) in reading order.
"""

from __future__ import annotations

import unicodedata

import pytest
from PySide6.QtCore import Qt

from kiosk.i18n.catalog import load_catalog
from kiosk.i18n.languages import LANGUAGES
from kiosk.i18n.localize import localize
from kiosk.speech.pyttsx3_synthesizer import Pyttsx3Synthesizer
from kiosk.speech.service import ReadAloud
from kiosk.speech.timings import TIMING_FROM_ESPEAK, word_spans
from kiosk.speech.types import RATES, SpeechState
from kiosk.speech.voices import VOICE_CANDIDATES, choose_voice
from kiosk.ui.widgets.reading_label import ReadingLabel

VOICED = [code for code in LANGUAGES if VOICE_CANDIDATES[code]]
SCREEN = "birth-control-after"  # a must-keep screen: both contraception periods


@pytest.fixture(scope="module")
def synth():
    synthesizer = Pyttsx3Synthesizer()
    installed = synthesizer.open()
    yield synthesizer, installed
    synthesizer.close()


def translated_text(guide, code: str) -> str:
    if code == "en":
        return guide.screen(SCREEN).text
    screen = localize(guide, load_catalog(code)).screen(SCREEN)
    assert screen.language == code
    return screen.text


@pytest.mark.parametrize("code", VOICED)
def test_each_language_is_spoken_with_word_timings_on_its_own_words(synth, guide, code, tmp_path):
    synthesizer, installed = synth
    voice = choose_voice(code, installed)
    assert voice, f"no espeak-ng voice for {code} (looked for {VOICE_CANDIDATES[code]})"
    text = translated_text(guide, code)
    utterance = synthesizer.synthesize(text, voice, RATES["normal"], str(tmp_path / f"{code}.wav"))
    assert utterance.timing_source == TIMING_FROM_ESPEAK
    assert utterance.duration_ms > 3000
    words = [text[w.start:w.start + w.length] for w in utterance.words]
    assert len(words) >= 10
    for word in words:
        assert word and word == word.strip() and any(ch.isalnum() for ch in word), repr(word)
    assert [w.start for w in utterance.words] == sorted(w.start for w in utterance.words)
    assert [w.at_ms for w in utterance.words] == sorted(w.at_ms for w in utterance.words)
    # Every word is marked (espeak sends no event for some Korean words: they get a time between
    # their neighbours'): the mark never stays behind the voice for a whole word.
    marked = [(w.start, w.start + w.length) for w in utterance.words]
    unmarked = [word for start, length in word_spans(text) if not any(
        begin < start + length and start < end for begin, end in marked) for word in [text[start:start + length]]]
    assert not unmarked
    assert any("8" in word for word in words), "the number the patient must hear is marked as it is said"
    if code == "zh":  # no spaces in Chinese: each character is marked as it is said ("施8": with its number)
        cjk = [sum(unicodedata.name(ch).startswith("CJK") for ch in word) for word in words]
        assert max(cjk) == 1 and cjk.count(1) >= 30
    if code == "ar":
        assert all(unicodedata.bidirectional(word[0]) in ("AL", "EN") for word in words)


def test_tagalog_has_no_voice(synth):
    _synthesizer, installed = synth
    assert choose_voice("tl", installed) is None


@pytest.mark.parametrize("code", ["ar", "zh", "es"])
def test_the_kiosk_reads_the_translated_screen_and_marks_it(qtbot, make_window, guide, code):
    speech = ReadAloud()  # the real engine
    assert speech.available(), speech.unavailable_reason()
    window = make_window(1366, 768, speech=speech, language=code)
    topic = next(t for t in guide.topics if any(s.id == SCREEN for s in t.screens))
    window.navigator.open_topic(topic.id, [s.id for s in topic.screens].index(SCREEN))
    text = window.page.body.text()
    assert text == translated_text(guide, code)
    speech.set_rate("fast")
    seen: list[str] = []

    def on_word(*_):
        for label in window.findChildren(ReadingLabel):
            if label is window.page.body and label.mark():
                start, length = label.mark()
                seen.append(label.spoken_text()[start:start + length])

    speech.word.connect(on_word)
    qtbot.mouseClick(window.top_bar.read_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: speech.state() == SpeechState.SPEAKING, timeout=5000)
    assert text in speech.text()
    qtbot.waitUntil(lambda: len(seen) >= 5, timeout=15000)
    window.read_aloud.stop()
    # The marks were words of the translated text, in order.
    positions = [text.find(word) for word in seen]
    assert all(p >= 0 for p in positions), seen
    assert all(word.strip() == word and word for word in seen)
