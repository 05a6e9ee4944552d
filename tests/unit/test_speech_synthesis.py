"""Synthesis with the real pyttsx3 + espeak-ng: the WAV, the word timings, the failure paths."""

from __future__ import annotations

import array
import gc
import math
import re
import threading
import time
import wave

import pytest

from kiosk.speech import espeak, pyttsx3_synthesizer
from kiosk.speech.pyttsx3_synthesizer import Pyttsx3Synthesizer
from kiosk.speech.synthesizer import SynthesisError
from kiosk.speech.timings import (
    TIMING_ESTIMATED,
    TIMING_FROM_ESPEAK,
    estimate_timings,
    fill_missing_words,
    wav_rms,
    word_spans,
    write_silence,
)
from kiosk.speech.types import RATES, WordTiming

TEXT = "Wash your hands before you touch the line, and call the nurse if it hurts."
SPEECH_RMS = 0.02  # espeak speech measures ~0.085 of full scale; silence 0


@pytest.fixture(scope="module")
def synth():
    synthesizer = Pyttsx3Synthesizer()
    synthesizer.open()
    yield synthesizer
    synthesizer.close()


def window_rms(path: str, start_ms: int, end_ms: int) -> float:
    with wave.open(path, "rb") as wav:
        rate = wav.getframerate()
        samples = array.array("h", wav.readframes(wav.getnframes()))
    part = samples[max(0, start_ms * rate // 1000):end_ms * rate // 1000]
    return math.sqrt(sum(sample * sample for sample in part) / max(1, len(part))) / 32768


def test_wav_is_speech_and_word_timings_cover_the_text(synth, tmp_path):
    started = time.perf_counter()
    utterance = synth.synthesize(TEXT, "en-us", RATES["normal"], str(tmp_path / "a.wav"))
    took_ms = (time.perf_counter() - started) * 1000

    with wave.open(utterance.wav_path, "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 22050)
        assert utterance.duration_ms == round(1000 * wav.getnframes() / 22050)
    assert 2500 < utterance.duration_ms < 8000, "15 words at 165 words a minute"
    assert wav_rms(utterance.wav_path) > SPEECH_RMS
    silent = str(tmp_path / "silent.wav")
    write_silence(silent, 500)
    assert wav_rms(silent) == 0.0  # the measure tells silence from speech
    assert took_ms < 1000

    words = utterance.words
    assert [(w.start, w.length) for w in words] == word_spans(TEXT), "every word of the text has a timing"
    assert [TEXT[w.start:w.start + w.length] for w in words] == re.findall(r"\w+", TEXT)
    assert all(a.at_ms < b.at_ms for a, b in zip(words, words[1:])), "strictly increasing in audio position"
    assert all(a.start < b.start for a, b in zip(words, words[1:])), "strictly increasing in offset"
    assert words[0].start == 0 and words[0].at_ms <= 100
    assert TEXT[words[-1].start:words[-1].start + words[-1].length] == "hurts"
    assert words[-1].at_ms < utterance.duration_ms - 200
    # Each timing points at sound: the first 100 ms of every word are not silent.
    assert all(window_rms(utterance.wav_path, w.at_ms, w.at_ms + 100) > 0.01 for w in words)


def test_audio_positions_come_from_espeak_not_an_even_spread(synth, tmp_path):
    utterance = synth.synthesize(TEXT, "en-us", RATES["normal"], str(tmp_path / "a.wav"))
    assert utterance.timing_source == TIMING_FROM_ESPEAK
    estimate = estimate_timings(TEXT, word_spans(TEXT), utterance.duration_ms)
    differences = [abs(real.at_ms - guess.at_ms) for real, guess in zip(utterance.words, estimate)]
    assert max(differences) > 150
    # The comma makes espeak pause: silence just before "and", speech just after. An even
    # spread of the characters cannot know that.
    word_and = next(w for w in utterance.words if TEXT[w.start:w.start + w.length] == "and")
    assert window_rms(utterance.wav_path, word_and.at_ms - 100, word_and.at_ms) < 0.005
    assert window_rms(utterance.wav_path, word_and.at_ms, word_and.at_ms + 100) > 0.03


@pytest.mark.expect_log(r"no usable audio positions")
def test_fallback_estimate_when_espeak_gives_no_positions(synth, tmp_path, monkeypatch):
    # Make the hook see no word events at all, as with a driver that reports no audio positions.
    monkeypatch.setattr(espeak, "_EVENT_WORD", -1)
    utterance = synth.synthesize(TEXT, "en-us", RATES["fast"], str(tmp_path / "a.wav"))
    assert utterance.timing_source == TIMING_ESTIMATED
    assert [(w.start, w.length) for w in utterance.words] == word_spans(TEXT)
    times = [w.at_ms for w in utterance.words]
    assert times[0] == 0 and all(a < b for a, b in zip(times, times[1:]))
    assert times[-1] < utterance.duration_ms
    # In proportion to the character offsets, over the whole clip.
    assert estimate_timings("aa bb cc", [(0, 2), (3, 2), (6, 2)], 800) == (
        WordTiming(0, 2, 0), WordTiming(3, 2, 300), WordTiming(6, 2, 600))


def test_words_espeak_sent_no_event_for_get_a_time_between_their_neighbours():
    text = "aa bb cc dd ee"  # espeak marked aa (0 ms), cc (400 ms) and dd (600 ms) only
    real = (WordTiming(0, 2, 0), WordTiming(6, 2, 400), WordTiming(9, 2, 600))
    assert fill_missing_words(text, real, 1000) == (
        WordTiming(0, 2, 0), WordTiming(3, 2, 200), WordTiming(6, 2, 400), WordTiming(9, 2, 600),
        WordTiming(12, 2, 600 + round(3 / 5 * 400)))  # the last: between dd and the clip's end
    assert fill_missing_words(text, (), 1000) == ()  # nothing real to place words between
    # A word with its own time, or part of one (a Chinese character run), is left alone.
    assert fill_missing_words("请洗手", (WordTiming(1, 1, 50),), 300) == (WordTiming(1, 1, 50),)


@pytest.mark.parametrize(("voice", "text"), [
    ("es-419", "Lávese las manos antes de tocar la vía."),
    ("ru", "Вымойте руки перед едой, пожалуйста."),
    ("cmn", "请在触摸输液管前洗手。"),
    ("ar", "اغسل يديك قبل لمس الخط."),
    ("vi", "Hãy rửa tay trước khi chạm vào đường truyền."),
    ("ht", "Lave men ou anvan ou manyen tib la."),
])
def test_word_offsets_point_at_words_in_other_languages(synth, tmp_path, voice, text):
    utterance = synth.synthesize(text, voice, RATES["normal"], str(tmp_path / "a.wav"))
    assert wav_rms(utterance.wav_path) > SPEECH_RMS
    assert utterance.timing_source == TIMING_FROM_ESPEAK
    spoken = [text[w.start:w.start + w.length] for w in utterance.words]
    assert len(spoken) >= 5
    assert all(re.fullmatch(r"\w+", piece) for piece in spoken), spoken
    assert all(a.at_ms < b.at_ms for a, b in zip(utterance.words, utterance.words[1:]))


def test_a_voice_that_is_not_installed_is_refused_before_asking_espeak(synth, tmp_path):
    with pytest.raises(SynthesisError, match="not installed"):
        synth.synthesize(TEXT, "xx-none", RATES["normal"], str(tmp_path / "a.wav"))
    assert synth.synthesize("Still here.", "en-us", RATES["normal"], str(tmp_path / "b.wav")).voice == "en-us"


def test_a_voice_change_that_silently_fails_is_caught(synth, tmp_path, monkeypatch):
    synth.synthesize("Xin chào.", "vi", RATES["normal"], str(tmp_path / "vi.wav"))
    engine = synth._engine
    real_set = engine.setProperty
    # What espeak does with a bad voice: no exception, the old voice stays.
    monkeypatch.setattr(engine, "setProperty", lambda name, value: None if name == "voice" else real_set(name, value))
    with pytest.raises(SynthesisError, match="kept voice"):
        synth.synthesize("你好。", "cmn", RATES["normal"], str(tmp_path / "cmn.wav"))


def test_an_unwritable_path_fails_at_once(synth, tmp_path):
    started = time.perf_counter()
    with pytest.raises(SynthesisError, match="cannot write"):
        synth.synthesize(TEXT, "en-us", RATES["normal"], str(tmp_path / "missing" / "a.wav"))
    assert time.perf_counter() - started < 0.1


# The driver's half-made wave.Wave_write complains when collected (a Python quirk, not ours).
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_write_failure_inside_espeak_does_not_hang(synth, tmp_path, monkeypatch):
    # Skip the up-front check so the driver itself fails to write, inside espeak's callback.
    monkeypatch.setattr(pyttsx3_synthesizer, "check_writable", lambda path: None)
    outcome: list[BaseException] = []

    def run():
        try:
            synth.synthesize("Hello.", "en-us", RATES["normal"], str(tmp_path / "missing" / "a.wav"))
        except BaseException as error:
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(5)
    assert not thread.is_alive(), "runAndWait() hung on a failed write"
    assert isinstance(outcome[0], SynthesisError) and "could not write" in str(outcome[0])
    gc.collect()  # the driver's half-made Wave_write sits in a reference cycle: collect it here
    monkeypatch.undo()
    assert synth.synthesize("Still works.", "en-us", RATES["normal"], str(tmp_path / "b.wav")).words
