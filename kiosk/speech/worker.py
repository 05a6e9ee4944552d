"""The synthesis thread: one QObject worker in a QThread owns the synthesiser (and so the engine).

The GUI thread sends requests by queued signal and gets results back the same way; it
never waits for the worker except, boundedly, at start-up and shutdown.
"""

from __future__ import annotations

import atexit
import logging
import threading

from PySide6.QtCore import QObject, QThread, Signal, Slot

from kiosk.speech.synthesizer import SpeechUnavailable, Synthesizer

log = logging.getLogger(__name__)


class SynthesisWorker(QObject):
    synthesized = Signal(int, object)  # request id, Utterance
    failed = Signal(int, str)  # request id, reason

    def __init__(self, synthesizer: Synthesizer) -> None:
        super().__init__()
        self.synthesizer = synthesizer
        self.opened = threading.Event()  # set when open() is done, well or not
        self.voices: frozenset[str] = frozenset()
        self.open_error = ""
        # Written by the GUI thread: the one request still wanted (None: none). A request
        # that is no longer wanted when its turn comes is skipped.
        self.wanted_id: int | None = None

    @Slot()
    def open(self) -> None:
        try:
            self.voices = frozenset(self.synthesizer.open())
        except SpeechUnavailable as error:
            self.open_error = str(error)
        except Exception as error:
            log.exception("the speech engine failed to start")
            self.open_error = f"Speech engine could not start ({error})"
        finally:
            self.opened.set()

    @Slot(int, str, str, int, str)
    def synthesize(self, request_id: int, text: str, voice: str, rate: int, wav_path: str) -> None:
        if request_id != self.wanted_id:
            return
        try:
            utterance = self.synthesizer.synthesize(text, voice, rate, wav_path)
        except Exception as error:
            self.failed.emit(request_id, str(error) or type(error).__name__)
        else:
            self.synthesized.emit(request_id, utterance)

    @Slot()
    def close(self) -> None:
        try:
            self.synthesizer.close()
        except Exception:
            log.exception("closing the speech engine failed")
        finally:
            QThread.currentThread().quit()


class SynthesisThread(QObject):
    """Starts the worker's thread and ends it. Kept in a module-level set until the thread has
    ended, so that dropping the service object cannot destroy a running QThread (Qt aborts the
    process for that), and ended at interpreter exit if nobody did."""

    _close_requested = Signal()
    _live: set[SynthesisThread] = set()

    def __init__(self, synthesizer: Synthesizer) -> None:
        super().__init__()
        self.worker = SynthesisWorker(synthesizer)
        self.thread = QThread()
        self.thread.setObjectName("speech-synthesis")
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.open)
        self._close_requested.connect(self.worker.close)
        self._stopped = False
        SynthesisThread._live.add(self)
        self.thread.start()

    def wait_opened(self, timeout_s: float) -> bool:
        return self.worker.opened.wait(timeout_s)

    def stop(self, timeout_s: float) -> bool:
        """Close the engine in its thread and end the thread; True if it ended in time. Call-safe twice."""
        if not self._stopped:
            self._stopped = True
            self.worker.wanted_id = None
            self.worker.synthesizer.abort()
            self._close_requested.emit()
        if self.thread.isFinished() or self.thread.wait(int(timeout_s * 1000)):
            SynthesisThread._live.discard(self)
            return True
        # A thread stuck in the engine's C code cannot be ended. It stays referenced here; if it
        # is still stuck when Python exits, Qt ends the process with "QThread: Destroyed while
        # thread is still running".
        log.error("the speech synthesis thread did not end within %.1f s", timeout_s)
        return False


@atexit.register
def _stop_all_threads() -> None:
    for synthesis in list(SynthesisThread._live):
        synthesis.stop(1.0)
