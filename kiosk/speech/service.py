"""ReadAloud: the GUI-thread speech service the screens use.

Text is made into a WAV file with word timings in a worker thread (kiosk/speech/worker.py);
the WAV is played here with QMediaPlayer, and a 30 ms timer follows the player's position
against the word timings to say which word the voice has reached. Stop and pause only touch
the player (within the same event-loop turn: see _command), so they take effect at once; a
result that comes back for an older request is dropped. If a synthesis does not finish in
time, the service gives up on speech (UNAVAILABLE) rather than wait: a thread stuck in
espeak cannot be killed.
"""

from __future__ import annotations

import bisect
import logging

from PySide6.QtCore import (
    Q_ARG,
    QCoreApplication,
    QElapsedTimer,
    QEvent,
    QMetaObject,
    QObject,
    Qt,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

from kiosk.speech.cache import AudioCache, CacheKey
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
# QMediaPlayer.position() moves in steps of one audio buffer (~93 ms for espeak's 22 kHz WAVs
# on Qt's FFmpeg backend). Between steps the service runs the clock on by itself, by at most this.
MAX_EXTRAPOLATION_MS = 100
SHUTDOWN_WAIT_S = 2.0

_ACTIVE = (SpeechState.PREPARING, SpeechState.SPEAKING, SpeechState.PAUSED)

_shared: tuple[QMediaPlayer, QAudioOutput] | None = None


def shared_player() -> tuple[QMediaPlayer, QAudioOutput]:
    """The one QMediaPlayer (and its output) of the process.

    Qt 6.11's FFmpeg backend can deadlock inside QMediaPlayer.stop() once a process has
    created several players (reproduced here: stop() hung within 64 stops with 8 players
    made one after another, never in 650 stops with one). The kiosk needs one player at a
    time, so every ReadAloud borrows this one. Owned by the application, so it is deleted
    before Qt is torn down.
    """
    global _shared
    if _shared is None:
        owner = QCoreApplication.instance()
        audio = QAudioOutput(owner)
        player = QMediaPlayer(owner)
        player.setAudioOutput(audio)
        _settle_python_overrides(player.positionChanged)
        _settle_python_overrides(audio.volumeChanged)
        _shared = (player, audio)
    return _shared


def _settle_python_overrides(signal) -> None:
    """Connect and disconnect a no-op slot, so the object's Python wrapper learns now, in the GUI
    thread, that connectNotify/disconnectNotify have no Python override.

    The deadlock above, as seen with gdb: Qt's FFmpeg audio thread deletes one of its objects
    that is connected to the player or its output; PySide then looks for a Python override of
    the sender's disconnectNotify and needs the GIL for that, while the GUI thread, holding the
    GIL, waits in player.stop() or setSource() for a Qt connection lock the audio thread holds.
    PySide caches "no override" per object and method and then no longer takes the GIL, so
    asking once here closes the window, which a single shared player otherwise still has on
    its first stops. Measured with PySide6 6.11.3: 400 play/stop cycles on fresh players hung
    in 4 of 4 runs without this, in none of 8 runs with it.
    """

    def no_op(*args) -> None:
        pass

    signal.connect(no_op)
    signal.disconnect(no_op)


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
        self._anchor_position = -1
        self._anchor_at = 0
        self._shut_down = False
        self._cache = AudioCache()

        self._player, self._audio = shared_player()
        self._clip_changes = 0  # queued player commands that change the clip, not yet run
        self._command("stop", changes_clip=True)  # whatever a previous service left playing
        self._set_audio_volume()
        self._player.mediaStatusChanged.connect(self._on_media_status)
        self._player.positionChanged.connect(self._on_position)
        self._player.errorOccurred.connect(self._on_player_error)
        self._clock = QElapsedTimer()
        self._clock.start()
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
            self._command("pause")
            self._poll.stop()
            self._set_state(SpeechState.PAUSED)

    def resume(self) -> None:
        if self._state == SpeechState.PAUSED:
            self._command("play")
            self._anchor_position = -1
            self._poll.start()
            self._set_state(SpeechState.SPEAKING)

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
        self._set_audio_volume()

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
        # Drop player commands not run yet: one may open a cached file about to be deleted.
        QCoreApplication.removePostedEvents(self._player, QEvent.Type.MetaCall)
        self._command("stop")
        self._command("setSource", Q_ARG(QUrl, QUrl()))
        # The player is shared: let it go for the next service.
        self._player.mediaStatusChanged.disconnect(self._on_media_status)
        self._player.positionChanged.disconnect(self._on_position)
        self._player.errorOccurred.disconnect(self._on_player_error)
        self._synthesis.stop(SHUTDOWN_WAIT_S)
        self._cache.remove()
        if self._state != SpeechState.UNAVAILABLE:
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
        self._command("stop", changes_clip=True)
        self._utterance = None
        self._word_index = -1
        self._text = ""
        if was_active:
            self.word.emit(-1, 0)

    def _play(self, utterance: Utterance) -> None:
        self._utterance = utterance
        self._starts = [timing.at_ms for timing in utterance.words]
        self._word_index = -1
        self._anchor_position = -1
        self._command("setSource", Q_ARG(QUrl, QUrl.fromLocalFile(utterance.wav_path)), changes_clip=True)
        self._command("setPosition", Q_ARG("qint64", 0), changes_clip=True)
        self._command("play")
        self._set_state(SpeechState.SPEAKING)
        self._poll.start()
        self._follow_voice()

    # --- the player, driven from the event loop ------------------------------------------

    def _command(self, method: str, *args, changes_clip: bool = False) -> None:
        """Call a player slot from the event loop (next turn, in order), not from here.

        A call made from Python holds the GIL while Qt's FFmpeg backend may block it: stop(),
        pause() and play() wait for the audio thread, and that thread needs the GIL whenever
        it logs a Qt warning to a Python message handler (pytest-qt installs one: "No audio
        device detected" on every play) -- a deadlock, seen with gdb. Called by the event loop,
        the slot runs without the GIL. The effect comes within the same event-loop turn.
        """
        QMetaObject.invokeMethod(self._player, method, Qt.ConnectionType.QueuedConnection, *args)
        if changes_clip:
            # Until the new clip is in, the player still reports on the old one: ignore it.
            self._clip_changes += 1
            QMetaObject.invokeMethod(self, "_clip_changed", Qt.ConnectionType.QueuedConnection)

    def _set_audio_volume(self) -> None:
        QMetaObject.invokeMethod(self._audio, "setVolume", Qt.ConnectionType.QueuedConnection,
                                 Q_ARG("float", self._volume))

    @Slot()
    def _clip_changed(self) -> None:
        # Queued after the commands, so they have all run.
        self._clip_changes -= 1
        if self._clip_changes == 0 and self._state == SpeechState.SPEAKING:
            self._anchor_position = -1
            self._follow_voice()

    @Slot("qint64")
    def _on_position(self, position: int) -> None:
        if self._clip_changes:
            return
        self._anchor_position, self._anchor_at = position, self._clock.elapsed()

    def _position_ms(self) -> int:
        """The player's position, run on by the clock since it last moved (see MAX_EXTRAPOLATION_MS)."""
        position = self._player.position()
        if position != self._anchor_position:
            self._on_position(position)
            return position
        return position + min(self._clock.elapsed() - self._anchor_at, MAX_EXTRAPOLATION_MS)

    @Slot()
    def _follow_voice(self) -> None:
        """Signal every word the voice has reached since the last tick, in order."""
        if self._state != SpeechState.SPEAKING or self._utterance is None or self._clip_changes:
            return
        self._signal_words_up_to(bisect.bisect_right(self._starts, self._position_ms()) - 1)

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

    @Slot(QMediaPlayer.MediaStatus)
    def _on_media_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if self._clip_changes:
            return
        if status == QMediaPlayer.MediaStatus.EndOfMedia and self._state == SpeechState.SPEAKING:
            self._signal_words_up_to(len(self._starts) - 1)
            self._halt()
            self._set_state(SpeechState.IDLE)
            self.finished.emit()
        elif status == QMediaPlayer.MediaStatus.InvalidMedia and self._state in _ACTIVE:
            self._on_player_error(QMediaPlayer.Error.FormatError, "the audio file cannot be played")

    @Slot(QMediaPlayer.Error, str)
    def _on_player_error(self, error: QMediaPlayer.Error, message: str) -> None:
        if error == QMediaPlayer.Error.NoError or self._state not in _ACTIVE or self._clip_changes:
            return
        self._halt()
        self._set_state(SpeechState.IDLE)
        self._report(f"Audio playback failed: {message or error.name}")
