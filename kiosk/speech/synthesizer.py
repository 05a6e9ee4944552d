"""What the speech worker asks of a synthesiser, and the two ways it can fail."""

from __future__ import annotations

import os
from typing import Protocol

from kiosk.speech.types import Utterance


class SpeechUnavailable(Exception):
    """The engine cannot start here; the message says why in plain words."""


class SynthesisError(Exception):
    """One text could not be made into audio; the engine may still work for the next."""


class Synthesizer(Protocol):
    """Turns text into a WAV file with word timings. Used from one worker thread only,
    except `abort()`, which any thread may call."""

    def open(self) -> frozenset[str]:
        """Start the engine; return the ids of the voices installed. Raises SpeechUnavailable."""

    def synthesize(self, text: str, voice: str, rate: int, wav_path: str) -> Utterance:
        """Write `text` spoken by `voice` at `rate` words a minute to `wav_path`. Raises SynthesisError."""

    def describe(self) -> str:
        """Which engine this is, in a line for staff (e.g. which espeak-ng copy loaded)."""

    def abort(self) -> None:
        """Best effort: make a synthesis in progress give up (called when it ran too long)."""

    def close(self) -> None:
        """Release the engine."""


def check_writable(wav_path: str) -> None:
    """Raise SynthesisError unless `wav_path` can be written. (Given an unwritable path,
    pyttsx3's espeak driver raises inside espeak's callback, which, left alone, hangs
    runAndWait(); AudioPositionHook ends the utterance then, but do not rely on it.)"""
    folder = os.path.dirname(os.path.abspath(wav_path))
    if not os.path.isdir(folder) or not os.access(folder, os.W_OK) or os.path.isdir(wav_path):
        raise SynthesisError(f"cannot write the audio to {wav_path}")
