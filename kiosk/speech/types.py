"""Plain data shared by the speech service and the screens. No Qt widgets here."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from kiosk.config import SETTINGS


class SpeechState(str, Enum):
    IDLE = "idle"  # nothing playing; "Read aloud" can be pressed
    PREPARING = "preparing"  # synthesising the audio (normally a few ms)
    SPEAKING = "speaking"
    PAUSED = "paused"
    UNAVAILABLE = "unavailable"  # no engine, no voice, or it failed: say so in words


# Speech rates a patient can choose, in espeak words per minute (espeak clips to 80-450).
RATES = {"slow": 125, "normal": 165, "fast": 210}
# Until the site's settings say otherwise: the settings schema's defaults, the one place they live.
DEFAULT_RATE = SETTINGS["speech.rate"].default
DEFAULT_VOLUME = SETTINGS["speech.volume"].default


@dataclass(frozen=True)
class WordTiming:
    """One spoken word: where it is in the text and when it is heard in the audio."""

    start: int  # 0-based character offset into the text that was spoken
    length: int  # characters
    at_ms: int  # audio position at which the word starts


@dataclass(frozen=True)
class Utterance:
    """A synthesised text: its WAV file and the word timings in it."""

    text: str
    voice: str
    rate: int
    wav_path: str
    duration_ms: int
    words: tuple[WordTiming, ...]
    timing_source: str  # "espeak-audio-position" or "estimated-from-characters"
