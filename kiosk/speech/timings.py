"""Word timings and WAV measurements shared by the synthesisers and the checks."""

from __future__ import annotations

import array
import math
import re
import wave
from collections.abc import Iterable

from kiosk.speech.types import WordTiming

TIMING_FROM_ESPEAK = "espeak-audio-position"
TIMING_ESTIMATED = "estimated-from-characters"

_WORD = re.compile(r"\w+(?:['’]\w+)*")


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, length) of each word in `text`, 0-based."""
    return [(match.start(), match.end() - match.start()) for match in _WORD.finditer(text)]


def clean_spans(spans: Iterable[tuple[int, int]], text_length: int) -> list[tuple[int, int]]:
    """Spans sorted by start, without empty, repeated or out-of-range ones."""
    result: list[tuple[int, int]] = []
    for start, length in sorted(spans):
        if length <= 0 or start < 0 or start >= text_length:
            continue
        if result and start <= result[-1][0]:
            continue
        result.append((start, min(length, text_length - start)))
    return result


def estimate_timings(text: str, spans: Iterable[tuple[int, int]], duration_ms: int) -> tuple[WordTiming, ...]:
    """Word times when the speech driver gives no audio positions (sapi5/nsss through pyttsx3, or
    espeak if the callback wrap stops working): an ESTIMATE that spreads the words over the clip
    in proportion to their character offsets. It ignores pauses at punctuation and the differing
    length of syllables, so the highlight can drift from the voice within a sentence; it is
    right at the start and at the end of the clip."""
    spans = clean_spans(spans, len(text))
    if not spans:
        return ()
    first = spans[0][0]
    span_chars = max(1, len(text) - first)
    return tuple(WordTiming(start, length, round(duration_ms * (start - first) / span_chars))
                 for start, length in spans)


def wav_duration_ms(path: str) -> int:
    with wave.open(path, "rb") as wav:
        return round(1000 * wav.getnframes() / wav.getframerate())


def wav_rms(path: str) -> float:
    """Root mean square of a 16-bit WAV's samples, 0..1 of full scale (0 for silence)."""
    with wave.open(path, "rb") as wav:
        if wav.getsampwidth() != 2:
            raise ValueError(f"{path}: {8 * wav.getsampwidth()}-bit samples; expected 16-bit")
        samples = array.array("h", wav.readframes(wav.getnframes()))
    if not samples:
        return 0.0
    return math.sqrt(sum(sample * sample for sample in samples) / len(samples)) / 32768


def write_silence(path: str, duration_ms: int, rate: int = 22050) -> None:
    """A valid mono 16-bit WAV of silence."""
    with wave.open(path, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(b"\0\0" * (rate * duration_ms // 1000))
