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


def fill_missing_words(text: str, timings: tuple[WordTiming, ...], duration_ms: int) -> tuple[WordTiming, ...]:
    """Give a time to each word espeak-ng sent no word event for, so the mark moves on to it
    instead of staying on the word before. Seen for ~8 % of Korean words (often those that
    begin with ㅁ or ㄴ). The time is placed between its neighbours' in proportion to the
    characters between them: an estimate, but only across one gap between two real times."""
    if not timings:
        return timings
    spans = [(timing.start, timing.start + timing.length) for timing in timings]
    # Anchors: the text's start at 0 ms, its end at the clip's end.
    known = [WordTiming(0, 0, 0), *timings, WordTiming(len(text), 0, max(duration_ms, timings[-1].at_ms))]
    added = []
    for start, length in word_spans(text):
        if any(begin < start + length and start < end for begin, end in spans):
            continue  # the word, or a part of it, has its own time
        after = next(index for index, timing in enumerate(known) if timing.start > start)
        before, next_ = known[after - 1], known[after]
        share = (start - before.start) / max(1, next_.start - before.start)
        added.append(WordTiming(start, length, round(before.at_ms + share * (next_.at_ms - before.at_ms))))
    return tuple(sorted((*timings, *added), key=lambda timing: timing.start))


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
