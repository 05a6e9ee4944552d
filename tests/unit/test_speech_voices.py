"""The voice table against the voices espeak-ng really has here, and the `kiosk --check` report."""

from __future__ import annotations

import time

import pytest

from kiosk.i18n.languages import LANGUAGES
from kiosk.speech.diagnostics import voice_report
from kiosk.speech.fake import FakeSynthesizer
from kiosk.speech.pyttsx3_synthesizer import Pyttsx3Synthesizer
from kiosk.speech.voices import choose_voice, missing_voice_reason

EXPECTED = {"en": "en-us", "es": "es-419", "zh": "cmn", "vi": "vi", "ko": "ko", "ar": "ar", "ru": "ru",
            "ht": "ht", "fr": "fr", "tl": None}


@pytest.fixture(scope="module")
def installed():
    synthesizer = Pyttsx3Synthesizer()
    voices = synthesizer.open()
    synthesizer.close()
    return voices


def test_every_kiosk_language_but_tagalog_has_an_espeak_voice_here(installed):
    assert set(LANGUAGES) == set(EXPECTED)
    assert {language: choose_voice(language, installed) for language in LANGUAGES} == EXPECTED
    assert missing_voice_reason("tl") == "no Tagalog (Filipino) voice: espeak-ng has none"
    assert choose_voice("de", installed) is None and "not one of the kiosk's languages" in missing_voice_reason("de")


def test_choose_voice_falls_back_and_checks_installation():
    assert choose_voice("es", {"roa/es"}) == "es"  # no Latin-American voice: Spain's
    assert choose_voice("zh", {"aav/vi"}) is None  # never another language's voice
    assert "looked for cmn" in missing_voice_reason("zh")


def test_voice_report_synthesises_a_sentence_per_language():
    rows = voice_report(["en", "zh", "tl"])
    assert [(row.language, row.voice, row.ok) for row in rows] == [
        ("en", "en-us", True), ("zh", "cmn", True), ("tl", None, False)]
    assert "s of audio" in rows[0].detail and "espeak-audio-position" in rows[0].detail
    assert rows[2].detail == "no Tagalog (Filipino) voice: espeak-ng has none"


def test_voice_report_cannot_hang_its_caller():
    started = time.perf_counter()
    rows = voice_report(["en", "es"], timeout_s=0.3, synthesizer_factory=lambda: FakeSynthesizer(hang=True))
    assert time.perf_counter() - started < 1
    assert [(row.language, row.voice, row.ok) for row in rows] == [("en", "en-us", False), ("es", "es-419", False)]
    assert rows[0].detail == "no answer within 0.3 s: the speech engine hung"
