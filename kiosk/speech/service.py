"""ReadAloud: the GUI-thread speech service the screens use.

Text is made into a WAV file with word timings in a worker thread (kiosk/speech/worker.py);
the WAV is played here through QAudioSink (kiosk/speech/playback.py), and a 30 ms timer follows
the samples the output has taken against the word timings to say which word the voice has
reached. Stop and pause only touch the output, so they take effect at once; a result that
comes back for an older request is dropped. If a synthesis does not finish in time, the
service gives up on speech (UNAVAILABLE) rather than wait: a thread stuck in espeak cannot be
killed. With no audio output device the service is UNAVAILABLE too, saying so, and becomes
ready again when a device appears (an HDMI screen switched on after the kiosk started).
"""

from __future__ import annotations

import bisect
import logging
import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from kiosk.speech.cache import AudioCache, CacheKey
from kiosk.speech.playback import NO_OUTPUT, Playback
from kiosk.speech.synthesizer import Synthesizer
from kiosk.speech.types import (
    DEFAULT_RATE,
    DEFAULT_VOLUME,
    RATES,
    SpeechState,
    Utterance,
)
from kiosk.speech.voices import choose_voice, language_name, missing_voice_reason
from kiosk.speech.worker import SynthesisThread

log = logging.getLogger(__name__)

POLL_MS = 30
SHUTDOWN_WAIT_S = 2.0
# An output that takes no sound for this long has stopped (a sound device pulled out: Qt's
# PulseAudio stream then stays "active" for ever): say so rather than show Pause over silence.
STALL_S = 3.0

_ACTIVE = (SpeechState.PREPARING, SpeechState.SPEAKING, SpeechState.PAUSED)


def default_synthesizer() -> Synthesizer:
    from kiosk.speech.pyttsx3_synthesizer import Pyttsx3Synthesizer

    return Pyttsx3Synthesizer()


class ReadAloud(QObject):
    state_changed = Signal(object)  # a SpeechState
    word = Signal(int, int)  # (start, length) in the text being spoken; (-1, 0) when speech stops/ends
    finished = Signal()  # the utterance played to its end (not emitted on stop())
    failed = Signal(str)  # a plain-words reason for staff and logs

    _synthesis_requested = Signal(int, str, str, int, str)

    def __init__(self, synthesizer: Synthesizer | None = None, parent: QObject | None = None, *,
                 timeout_s: float = 5.0) -> None:
        super().__init__(parent)
        self._timeout_s = timeout_s
        self._state = SpeechState.IDLE
        self._reason = ""
        self._rate = DEFAULT_RATE
        self._volume = DEFAULT_VOLUME
        self._text = ""
        self._request_id = 0
        self._pending: int | None = None  # the request whose result is wanted
        self._utterance: Utterance | None = None  # the one playing or paused
        self._starts: list[int] = []  # its words' audio positions
        self._word_index = -1  # the last word signalled
        self._heard = (-1, 0.0)  # the output's last position, and when it got there
        self._no_output = False  # UNAVAILABLE for want of an audio output (it may come back)
        self._shut_down = False
        self._cache = AudioCache()

        self._player = Playback(self)
        self._player.set_volume(self._volume)
        self._player.finished.connect(self._on_player_finished)
        self._player.failed.connect(self._on_player_error)
        self._player.outputs_changed.connect(self._on_outputs_changed)
        self._poll = QTimer(self, interval=POLL_MS, timerType=Qt.TimerType.PreciseTimer)
        self._poll.timeout.connect(self._follow_voice)
        self._watchdog = QTimer(self, singleShot=True, interval=round(timeout_s * 1000))
        self._watchdog.timeout.connect(self._on_watchdog)

        self._synthesizer = synthesizer or default_synthesizer()
        self._synthesis = SynthesisThread(self._synthesizer)
        worker = self._synthesis.worker
        self._synthesis_requested.connect(worker.synthesize)
        worker.synthesized.connect(self._on_synthesized)
        worker.failed.connect(self._on_synthesis_failed)
        # A bounded wait (normally ~30 ms) so available() and has_voice() are right from the start.
        if not self._synthesis.wait_opened(timeout_s):
            self._give_up(f"Speech engine did not start within {timeout_s:g} s")
        elif worker.open_error:
            self._give_up(worker.open_error)
        elif problem := self._player.output_problem():
            self._no_output = True
            self._give_up(problem)
        self._voices = worker.voices

    # --- what the screens ask ----------------------------------------------------------

    def engine(self) -> str:
        """Which speech engine reads aloud, for the admin screen."""
        return self._synthesizer.describe()

    def available(self) -> bool:
        return self._state != SpeechState.UNAVAILABLE

    def unavailable_reason(self) -> str:
        return self._reason if self._state == SpeechState.UNAVAILABLE else ""

    def has_voice(self, language: str) -> bool:
        return self.available() and choose_voice(language, self._voices) is not None

    def state(self) -> SpeechState:
        return self._state

    def text(self) -> str:
        return self._text

    def rate(self) -> str:
        return self._rate

    def volume(self) -> float:
        return self._volume

    # --- what the screens do -----------------------------------------------------------

    def speak(self, text: str, language: str = "en") -> None:
        """Stop anything playing, then synthesise `text` (PREPARING) and play it (SPEAKING)."""
        self._halt()
        if self._state == SpeechState.UNAVAILABLE:
            self._report(f"Read-aloud is unavailable: {self._reason}")
            return
        voice = choose_voice(language, self._voices)
        if voice is None:
            self._set_state(SpeechState.IDLE)
            self._report(f"Cannot read aloud in {language_name(language)}: {missing_voice_reason(language)}")
            return
        if not text.strip():
            self._set_state(SpeechState.IDLE)
            return
        self._text = text
        key: CacheKey = (text, voice, RATES[self._rate])
        self._set_state(SpeechState.PREPARING)
        cached = self._cache.get(key)
        if cached is not None:
            self._play(cached)
            return
        self._request_id += 1
        self._pending = self._request_id
        self._synthesis.worker.wanted_id = self._request_id
        self._watchdog.start()
        self._synthesis_requested.emit(self._request_id, text, voice, RATES[self._rate], self._cache.new_path())

    def pause(self) -> None:
        if self._state == SpeechState.SPEAKING:
            self._player.pause()
            self._poll.stop()
            self._set_state(SpeechState.PAUSED)

    def resume(self) -> None:
        if self._state == SpeechState.PAUSED:
            self._set_state(SpeechState.SPEAKING)
            if self._player.resume():  # else `failed` has said why, and the state is set again
                self._heard = (-1, 0.0)
                self._poll.start()

    def stop(self) -> None:
        """Silence at once: emits word(-1, 0) and goes IDLE (nothing if nothing was going on)."""
        if self._state in _ACTIVE:
            self._halt()
            self._set_state(SpeechState.IDLE)

    def set_rate(self, name: str) -> None:
        """"slow", "normal" or "fast" (types.RATES); used from the next speak()."""
        if name not in RATES:
            raise ValueError(f"unknown speech rate '{name}'; use one of {', '.join(RATES)}")
        self._rate = name

    def set_volume(self, volume: float) -> None:
        """0..1, applied at once."""
        self._volume = max(0.0, min(1.0, float(volume)))
        self._player.set_volume(self._volume)

    def reset(self) -> None:
        """Session end: silence, and rate and volume back to their defaults."""
        self.stop()
        self.set_rate(DEFAULT_RATE)
        self.set_volume(DEFAULT_VOLUME)

    def shutdown(self) -> None:
        """Stop, end the synthesis thread (bounded wait) and delete the cached audio. Call-safe twice."""
        if self._shut_down:
            return
        self.stop()
        self._shut_down = True
        self._player.stop()
        self._player.outputs_changed.disconnect(self._on_outputs_changed)
        self._synthesis.stop(SHUTDOWN_WAIT_S)
        self._cache.remove()
        if self._state != SpeechState.UNAVAILABLE or self._no_output:
            self._no_output = False
            self._reason = "the speech service has been shut down"
            self._set_state(SpeechState.UNAVAILABLE)

    # --- inside ------------------------------------------------------------------------

    def _set_state(self, state: SpeechState) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

    def _report(self, reason: str) -> None:
        log.warning("read-aloud: %s", reason)
        self.failed.emit(reason)

    def _give_up(self, reason: str) -> None:
        """Speech is off until restart: say why, in words."""
        self._reason = reason
        self._set_state(SpeechState.UNAVAILABLE)
        self._report(reason)

    def _halt(self) -> None:
        """Drop the pending request and stop the player; no state change."""
        was_active = self._state in _ACTIVE
        self._watchdog.stop()
        self._pending = None
        self._synthesis.worker.wanted_id = None
        self._poll.stop()
        self._player.stop()
        self._utterance = None
        self._word_index = -1
        self._text = ""
        if was_active:
            self.word.emit(-1, 0)

    def _play(self, utterance: Utterance) -> None:
        self._utterance = utterance
        self._starts = [timing.at_ms for timing in utterance.words]
        self._word_index = -1
        self._heard = (-1, 0.0)
        self._set_state(SpeechState.SPEAKING)
        if self._player.play(utterance.wav_path):  # else `failed` has said why
            self._poll.start()
            self._follow_voice()

    @Slot()
    def _follow_voice(self) -> None:
        """Signal every word the voice has reached since the last tick, in order."""
        if self._state != SpeechState.SPEAKING or self._utterance is None:
            return
        position, now = self._player.position_ms(), time.monotonic()
        if position != self._heard[0]:
            self._heard = (position, now)
        elif now - self._heard[1] > STALL_S:
            self._on_player_error(f"the audio output took no sound for {STALL_S:g} s (was the sound device "
                                  "removed or the sound server stopped?)")
            return
        self._signal_words_up_to(bisect.bisect_right(self._starts, position) - 1)

    def _signal_words_up_to(self, index: int) -> None:
        words = self._utterance.words if self._utterance else ()
        while self._word_index < index and self._state == SpeechState.SPEAKING:
            self._word_index += 1
            timing = words[self._word_index]
            self.word.emit(timing.start, timing.length)

    @Slot(int, object)
    def _on_synthesized(self, request_id: int, utterance: Utterance) -> None:
        if not self._shut_down:
            self._cache.put(utterance)  # even a stale result is good audio for next time
        if request_id != self._pending:
            log.debug("dropped the stale speech result %d", request_id)
            return
        self._watchdog.stop()
        self._pending = None
        self._play(utterance)

    @Slot(int, str)
    def _on_synthesis_failed(self, request_id: int, reason: str) -> None:
        if request_id != self._pending:
            log.debug("dropped the stale speech failure %d: %s", request_id, reason)
            return
        self._halt()
        self._set_state(SpeechState.IDLE)
        self._report(f"Speech synthesis failed: {reason}")

    @Slot()
    def _on_watchdog(self) -> None:
        if self._pending is None:
            return
        self._halt()
        self._synthesis.worker.synthesizer.abort()
        self._give_up(f"Speech synthesis timed out after {self._timeout_s:g} s (the speech engine hung)")

    @Slot()
    def _on_player_finished(self) -> None:
        if self._state == SpeechState.SPEAKING:
            self._signal_words_up_to(len(self._starts) - 1)
            self._halt()
            self._set_state(SpeechState.IDLE)
            self.finished.emit()

    @Slot(str)
    def _on_player_error(self, message: str) -> None:
        if self._shut_down:
            return
        if message == NO_OUTPUT:
            self._halt()
            self._no_output = True
            self._give_up(message)
        elif self._state in _ACTIVE:
            self._halt()
            self._set_state(SpeechState.IDLE)
            self._report(f"Audio playback failed: {message}")

    @Slot()
    def _on_outputs_changed(self) -> None:
        """An audio output came or went: say "Audio not available" only while there is none."""
        problem = self._player.output_problem()
        if problem and self._state != SpeechState.UNAVAILABLE:
            self._halt()
            self._no_output = True
            self._give_up(problem)
        elif not problem and self._no_output and self._state == SpeechState.UNAVAILABLE:
            log.info("read-aloud: an audio output device is there again")
            self._no_output = False
            self._reason = ""
            self._set_state(SpeechState.IDLE)
