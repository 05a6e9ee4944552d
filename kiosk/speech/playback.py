"""Playback of the synthesised WAV files through QAudioSink: raw PCM to the audio output.

No media framework: the WAV header is read with the standard `wave` module, its samples go
to a QAudioSink on the default output, and the position is what the sink has consumed
(about every 12 ms with PulseAudio), so the word marks follow the voice closely. QtMultimedia's
FFmpeg plugin is not needed, so the bundle leaves it (and FFmpeg, Qt Quick, QML) out.

Honest about the output: `output_problem()` says in words when there is no audio output
device (and the service then says "Audio not available"), and a sink that fails to start or
stops with an error is reported through `failed`, never shown as playing.

Deadlock guard: QAudioSink's suspend(), resume() and reset() wait for PulseAudio's thread
while the calling Python code holds the GIL, and that thread needs the GIL whenever Qt logs
from it (the kiosk's and pytest-qt's Qt message handlers are Python): with PulseAudio's debug
messages on, every run with those calls hung (3 of 3, and tests/e2e/test_speech_player_shared.py). So only
start() and stop() are used, which PySide runs with the GIL released, and setVolume() and
processedUSecs(), which do not wait for that thread. Pause is a stop that keeps the place;
resume starts again from it.
"""

from __future__ import annotations

import logging
import wave

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Signal, Slot
from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices, QtAudio

log = logging.getLogger(__name__)

NO_OUTPUT = ("no audio output device (is the sound card/HDMI audio enabled and PulseAudio/PipeWire "
             "running?)")
_SAMPLE_FORMATS = {1: QAudioFormat.SampleFormat.UInt8, 2: QAudioFormat.SampleFormat.Int16,
                   4: QAudioFormat.SampleFormat.Int32}


class Clip:
    """A WAV file's samples and their format, read whole (a screen's speech is ~0.5 MB at most)."""

    def __init__(self, path: str) -> None:
        try:
            with wave.open(path, "rb") as wav:
                width, rate, channels = wav.getsampwidth(), wav.getframerate(), wav.getnchannels()
                self.pcm = wav.readframes(wav.getnframes())
        except (OSError, EOFError, wave.Error) as error:
            raise ValueError(f"{path}: not a readable PCM WAV file ({error})") from None
        if width not in _SAMPLE_FORMATS or not rate or not channels:
            raise ValueError(f"{path}: {width * 8}-bit samples cannot be played; espeak writes 16-bit PCM")
        self.format = QAudioFormat()
        self.format.setSampleRate(rate)
        self.format.setChannelCount(channels)
        self.format.setSampleFormat(_SAMPLE_FORMATS[width])
        self.frame_bytes = width * channels
        self.rate = rate

    def duration_ms(self) -> int:
        return len(self.pcm) // self.frame_bytes * 1000 // self.rate

    def byte_at(self, ms: int) -> int:
        return min(len(self.pcm), ms * self.rate // 1000 * self.frame_bytes)


def output_problem() -> str:
    """"" when there is a default audio output device, else what is wrong, in words for IT staff."""
    if not QMediaDevices.audioOutputs() or QMediaDevices.defaultAudioOutput().isNull():
        return NO_OUTPUT
    return ""


class Playback(QObject):
    """One clip at a time through the default audio output. Every call returns at once."""

    finished = Signal()  # the clip played to its end
    failed = Signal(str)  # the output failed: why, in words
    outputs_changed = Signal()  # an audio output device came or went

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sink: QAudioSink | None = None
        self._buffer = QBuffer(self)
        self._clip: Clip | None = None
        self._base_ms = 0  # where in the clip the sink was last started
        self._paused_at = -1  # ms, while paused
        self._starting = False  # inside sink.start(): its own report of a failed start is not needed
        self._volume = 1.0
        # The first look at the devices connects to PulseAudio and waits for its thread: done
        # here through a static call, which PySide makes with the GIL released, and not in
        # connect() below, which would wait holding it (a deadlock, see above).
        QMediaDevices.audioOutputs()
        self._devices = QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(self.outputs_changed)

    # --- what the service asks ----------------------------------------------------------

    def output_problem(self) -> str:
        return output_problem()

    def play(self, wav_path: str) -> bool:
        """Start `wav_path` from its beginning; False (and `failed`) if it cannot start."""
        self.stop()
        try:
            clip = Clip(wav_path)
        except ValueError as error:
            self.failed.emit(str(error))
            return False
        self._clip = clip
        self._buffer.close()
        self._buffer.setData(QByteArray(clip.pcm))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        return self._start_at(0)

    def pause(self) -> None:
        if self.is_playing():
            self._paused_at = self.position_ms()
            self._stop_sink()

    def resume(self) -> bool:
        if self._paused_at < 0 or self._clip is None:
            return False
        at, self._paused_at = self._paused_at, -1
        return self._start_at(at)

    def stop(self) -> None:
        self._paused_at = -1
        self._stop_sink()
        self._clip = None

    def set_volume(self, volume: float) -> None:
        self._volume = max(0.0, min(1.0, float(volume)))
        if self._sink is not None:
            self._sink.setVolume(self._volume)

    def volume(self) -> float:
        return self._volume

    def position_ms(self) -> int:
        """How far into the clip the output has taken the samples (held while paused)."""
        if self._clip is None:
            return 0
        if self._paused_at >= 0:
            return self._paused_at
        if self._sink is None:
            return self._base_ms
        return min(self._base_ms + self._sink.processedUSecs() // 1000, self._clip.duration_ms())

    def is_playing(self) -> bool:
        return self._sink is not None and self._sink.state() in (QtAudio.State.ActiveState, QtAudio.State.IdleState)

    def is_paused(self) -> bool:
        return self._paused_at >= 0

    # --- inside -------------------------------------------------------------------------

    def _start_at(self, ms: int) -> bool:
        clip = self._clip
        assert clip is not None
        if self._sink is None or self._sink.format() != clip.format:
            self._drop_sink()
            device = QMediaDevices.defaultAudioOutput()
            if device.isNull():
                self.failed.emit(NO_OUTPUT)
                return False
            self._sink = QAudioSink(device, clip.format, self)
            self._sink.stateChanged.connect(self._on_state)
        self._sink.setVolume(self._volume)
        self._base_ms = ms
        self._buffer.seek(clip.byte_at(ms))
        self._starting = True
        try:
            self._sink.start(self._buffer)  # PySide releases the GIL here (see the module's docstring)
        finally:
            self._starting = False
        error = self._sink.error()
        if error != QtAudio.Error.NoError:
            self._drop_sink()
            self._clip = None
            self.failed.emit(NO_OUTPUT if output_problem() else f"the audio output could not be opened ({error.name})")
            return False
        return True

    def _stop_sink(self) -> None:
        if self._sink is not None and self._sink.state() != QtAudio.State.StoppedState:
            self._sink.blockSignals(True)  # a stop asked for is not an end or an error
            self._sink.stop()  # PySide releases the GIL here
            self._sink.blockSignals(False)

    def _drop_sink(self) -> None:
        if self._sink is not None:
            self._stop_sink()
            self._sink.stateChanged.disconnect(self._on_state)
            self._sink.deleteLater()
            self._sink = None

    @Slot(QtAudio.State)
    def _on_state(self, state: QtAudio.State) -> None:
        sink = self._sink
        if sink is None or self.sender() is not sink or self._clip is None or self._starting:
            return
        error = sink.error()
        if state == QtAudio.State.IdleState and self._buffer.atEnd():
            # Every sample has gone to the output: the end of the clip.
            self._stop_sink()
            self._clip = None
            self.finished.emit()
        elif state == QtAudio.State.StoppedState and error != QtAudio.Error.NoError:
            self._clip = None
            self.failed.emit(NO_OUTPUT if output_problem() else f"the audio output stopped ({error.name})")
