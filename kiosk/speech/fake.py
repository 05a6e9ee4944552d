"""A stand-in synthesiser for fast UI tests: silent WAVs, evenly spaced words, no engine.

It goes through the same worker thread, cache and player as the real one; only the
engine is replaced. It can be told to fail, to be slow, or to hang.
"""

from __future__ import annotations

import threading
import time

from kiosk.speech.synthesizer import SpeechUnavailable, SynthesisError, check_writable
from kiosk.speech.timings import TIMING_ESTIMATED, word_spans, write_silence
from kiosk.speech.types import Utterance, WordTiming
from kiosk.speech.voices import VOICE_CANDIDATES


class FakeSynthesizer:
    def __init__(self, *, ms_per_word: int = 120, delay_s: float = 0.0, fail: str = "",
                 open_error: str = "", hang: bool = False, hang_open: bool = False,
                 ignore_abort: bool = False) -> None:
        self.ms_per_word = ms_per_word
        self.delay_s = delay_s  # each synthesis takes this long (to test stale results)
        self.fail = fail  # each synthesis raises SynthesisError(fail)
        self.open_error = open_error  # open() raises SpeechUnavailable(open_error)
        self.hang = hang  # synthesize() blocks until abort() or release()
        self.hang_open = hang_open  # open() blocks until abort() or release()
        self.ignore_abort = ignore_abort  # hang on through abort() and close(): only release() ends it
        self.texts: list[str] = []  # every text synthesised, in order
        self._released = threading.Event()

    def open(self) -> frozenset[str]:
        if self.hang_open:
            self._released.wait()
        if self.open_error:
            raise SpeechUnavailable(self.open_error)
        return frozenset(voice for voices in VOICE_CANDIDATES.values() for voice in voices)

    def synthesize(self, text: str, voice: str, rate: int, wav_path: str) -> Utterance:
        self.texts.append(text)
        if self.hang:
            self._released.wait()
        if self.delay_s:
            time.sleep(self.delay_s)
        if self.fail:
            raise SynthesisError(self.fail)
        check_writable(wav_path)
        spans = word_spans(text)
        duration_ms = self.ms_per_word * (len(spans) + 1)
        write_silence(wav_path, duration_ms)
        words = tuple(WordTiming(start, length, index * self.ms_per_word)
                      for index, (start, length) in enumerate(spans))
        return Utterance(text, voice, rate, wav_path, duration_ms, words, TIMING_ESTIMATED)

    def describe(self) -> str:
        return "stand-in synthesiser (tests)"

    def abort(self) -> None:
        if not self.ignore_abort:
            self.release()

    def release(self) -> None:
        self._released.set()

    def close(self) -> None:
        if not self.ignore_abort:
            self.release()
