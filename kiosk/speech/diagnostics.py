"""For `kiosk --check`: which voice reads each language, and does synthesis really work?

Each language with a voice gets one short sentence synthesised and measured. The work runs
in a daemon thread the caller waits for with a timeout, so a hung engine cannot hang the
check; missing espeak data is caught by the probe before the engine starts (espeak-ng would
otherwise end the process).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from typing import NamedTuple

from kiosk.i18n.languages import LANGUAGES
from kiosk.speech.synthesizer import Synthesizer
from kiosk.speech.timings import wav_rms
from kiosk.speech.types import DEFAULT_RATE, RATES
from kiosk.speech.voices import (
    VOICE_CANDIDATES,
    choose_voice,
    missing_voice_reason,
)

# RMS (0..1 of full scale) below which a WAV counts as silent; espeak speech is ~0.1.
MIN_SPEECH_RMS = 0.01

SAMPLE_SENTENCES = {
    "en": "Read aloud is working.",
    "es": "La lectura en voz alta funciona.",
    "zh": "朗读功能正常。",
    "vi": "Chức năng đọc to đang hoạt động.",
    "ko": "소리 내어 읽기가 작동합니다.",
    "tl": "Gumagana ang pagbasa nang malakas.",
    "ar": "القراءة بصوت عال تعمل.",
    "ru": "Чтение вслух работает.",
    "ht": "Lekti a vwa wo ap mache.",
    "fr": "La lecture à voix haute fonctionne.",
}


class VoiceCheck(NamedTuple):
    language: str
    voice: str | None  # the voice id chosen, or None
    ok: bool
    detail: str  # plain words: what was measured, or what is wrong


def voice_report(languages: Iterable[str] = LANGUAGES, *, timeout_s: float = 10.0,
                 synthesizer_factory: Callable[[], Synthesizer] | None = None) -> list[VoiceCheck]:
    """One VoiceCheck per language, in order; returns within about `timeout_s` whatever happens."""
    languages = list(languages)
    results: dict[str, VoiceCheck] = {}
    folder = tempfile.mkdtemp(prefix="kiosk-speech-check-")
    holder: list[Synthesizer] = []

    def run() -> None:
        if synthesizer_factory is None:
            from kiosk.speech.pyttsx3_synthesizer import Pyttsx3Synthesizer

            synthesizer: Synthesizer = Pyttsx3Synthesizer()
        else:
            synthesizer = synthesizer_factory()
        holder.append(synthesizer)
        try:
            installed = synthesizer.open()
        except Exception as error:
            for language in languages:
                results[language] = VoiceCheck(language, None, False, str(error))
            return
        for language in languages:
            results[language] = _check_one(synthesizer, language, installed, folder)
        synthesizer.close()

    thread = threading.Thread(target=run, name="speech-check", daemon=True)
    thread.start()
    thread.join(timeout_s)
    if thread.is_alive() and holder:
        holder[0].abort()
    done = dict(results)
    if not thread.is_alive():
        shutil.rmtree(folder, ignore_errors=True)
    hung = f"no answer within {timeout_s:g} s: the speech engine hung"
    return [done.get(language) or VoiceCheck(language, _first_candidate(language), False, hung)
            for language in languages]


def _check_one(synthesizer: Synthesizer, language: str, installed: frozenset[str], folder: str) -> VoiceCheck:
    voice = choose_voice(language, installed)
    if voice is None:
        return VoiceCheck(language, None, False, missing_voice_reason(language))
    text = SAMPLE_SENTENCES.get(language, SAMPLE_SENTENCES["en"])
    path = os.path.join(folder, f"{language}.wav")
    started = time.perf_counter()
    try:
        utterance = synthesizer.synthesize(text, voice, RATES[DEFAULT_RATE], path)
        rms = wav_rms(path)
    except Exception as error:
        return VoiceCheck(language, voice, False, f"synthesis failed: {error}")
    took_ms = (time.perf_counter() - started) * 1000
    detail = (f"{utterance.duration_ms / 1000:.1f} s of audio in {took_ms:.0f} ms, loudness {rms:.3f}, "
              f"{len(utterance.words)} word times ({utterance.timing_source})")
    if rms < MIN_SPEECH_RMS:
        return VoiceCheck(language, voice, False, f"the audio is silent: {detail}")
    if not utterance.words:
        return VoiceCheck(language, voice, False, f"no word times: {detail}")
    return VoiceCheck(language, voice, True, detail)


def _first_candidate(language: str) -> str | None:
    candidates = VOICE_CANDIDATES.get(language, ())
    return candidates[0] if candidates else None
