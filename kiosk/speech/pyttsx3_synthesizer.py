"""The real synthesiser: pyttsx3 writing WAV files (save_to_file + runAndWait), never speaking itself.

pyttsx3's own playback cannot be stopped or paused dependably (docs/speech.md), so it
is only asked for files; kiosk/speech/service.py plays them.
Tested on Linux (espeak-ng). On Windows (sapi5) and macOS (nsss) the same calls are made
but the word times are estimated and the voice table (voices.py) names espeak voices.
"""

from __future__ import annotations

import atexit
import gc
import logging
import sys
import threading
import time

from kiosk.speech import espeak
from kiosk.speech.synthesizer import SpeechUnavailable, SynthesisError, check_writable
from kiosk.speech.timings import (
    TIMING_ESTIMATED,
    TIMING_FROM_ESPEAK,
    clean_spans,
    estimate_timings,
    fill_missing_words,
    wav_duration_ms,
)
from kiosk.speech.types import Utterance, WordTiming
from kiosk.speech.voices import voice_key

log = logging.getLogger(__name__)

# pyttsx3 keeps one engine per driver name per process, and espeak-ng is one engine per
# process: every synthesiser object shares it, one synthesis at a time.
_ENGINE_LOCK = threading.Lock()
ENGINE_LOCK_WAIT_S = 10.0

# The driver's `location` in started-word events: 1-based on espeak, 0-based on sapi5 and nsss.
LOCATION_BASE = {"espeak": 1}
# Engines are kept for the life of the process: espeak-ng starts once per process anyway, and a
# dropped pyttsx3 engine's destructor unsets espeak's callback, which must not happen while
# another synthesiser object is using the engine.
_ENGINES: dict[str, object] = {}


@atexit.register
def _drop_engines() -> None:
    # The engines go while the interpreter still stands: pyttsx3's driver proxy cleans up in
    # __del__, which at teardown (its module's names already gone) printed a traceback to stderr.
    _ENGINES.clear()
    gc.collect()


ESPEAK_RATE_RANGE = (80, 450)  # words a minute; espeak clips to this
ESPEAK_IDLE_WAIT_S = 5.0


def default_driver() -> str:
    return {"win32": "sapi5", "darwin": "nsss"}.get(sys.platform, "espeak")


class Pyttsx3Synthesizer:
    """Synthesizer (kiosk/speech/synthesizer.py) on pyttsx3. Create and use it in one thread."""

    def __init__(self, driver: str | None = None) -> None:
        self.driver = driver or default_driver()
        self._engine = None
        self._voices: frozenset[str] = frozenset()
        self._done = threading.Event()  # set by the finished-utterance callback, or by abort()
        self._aborted = False
        self._running = False
        # Upper bound on one synthesis; the service's watchdog normally gives up (abort()) sooner.
        self.finish_timeout_s = 60.0

    def open(self) -> frozenset[str]:
        if self.driver == "espeak":
            reason = espeak.probe()  # before pyttsx3.init(): missing data would exit the process
            if reason:
                raise SpeechUnavailable(reason)
        try:
            import pyttsx3
        except ImportError:
            raise SpeechUnavailable("Speech library not installed (pyttsx3)") from None
        if not _ENGINE_LOCK.acquire(timeout=ENGINE_LOCK_WAIT_S):
            raise SpeechUnavailable("Speech engine busy in another thread")
        try:
            self._engine = _ENGINES[self.driver] = pyttsx3.init(self.driver)
            voices = self._engine.getProperty("voices")
            # A new engine queues every command until its first loop has run; run one empty
            # loop so that the property changes of each synthesis take effect at once.
            if self._engine.proxy.isBusy():
                self._wait_espeak_idle()  # the driver's own first settings are still queued in espeak
                self._engine.runAndWait()
            if self.driver == "espeak":
                # Its driver prints "Audio saved to ..." for every file; keep stdout clean.
                sys.modules["pyttsx3.drivers.espeak"].print = lambda *args, **kwargs: None
        except Exception as error:
            self._engine = None
            raise SpeechUnavailable(f"Speech engine could not start ({error})") from error
        finally:
            _ENGINE_LOCK.release()
        self._voices = frozenset(voice_key(voice.id) for voice in voices)
        if not self._voices:
            raise SpeechUnavailable("Speech engine has no voices installed")
        return self._voices

    def synthesize(self, text: str, voice: str, rate: int, wav_path: str) -> Utterance:
        if self._engine is None:
            raise SynthesisError("the speech engine is not open")
        if not text.strip():
            raise SynthesisError("nothing to say")
        # A failed voice change raises nothing and keeps the old voice: check first.
        if voice_key(voice) not in self._voices:
            raise SynthesisError(f"voice '{voice}' is not installed")
        check_writable(wav_path)
        if not _ENGINE_LOCK.acquire(timeout=ENGINE_LOCK_WAIT_S):
            raise SynthesisError("speech engine busy in another thread")
        try:
            return self._synthesize(text, voice, rate, wav_path)
        except SynthesisError:
            raise
        except Exception as error:
            raise SynthesisError(f"the speech engine failed ({error})") from error
        finally:
            _ENGINE_LOCK.release()

    def _synthesize(self, text: str, voice: str, rate: int, wav_path: str) -> Utterance:
        if self._aborted:
            raise SynthesisError("the speech engine was given up on")
        engine = self._engine
        words: list[tuple[int, int]] = []
        finished: list[bool] = []
        errors: list[str] = []
        done = self._done = threading.Event()
        base = LOCATION_BASE.get(self.driver, 0)

        # On espeak these callbacks come from espeak's own synthesis thread.
        def on_word(name=None, location=0, length=0):
            words.append((location - base, length))  # 0-based; length-0 events dropped later

        def on_finished(name=None, completed=True):
            finished.append(bool(completed))
            done.set()

        def on_error(name=None, exception=None):
            errors.append(str(exception))

        tokens = [engine.connect("started-word", on_word), engine.connect("finished-utterance", on_finished),
                  engine.connect("error", on_error)]
        hook = espeak.AudioPositionHook(espeak.engine_driver(engine)) if self.driver == "espeak" else None
        if hook:
            hook.install()
        low, high = ESPEAK_RATE_RANGE
        try:
            engine.setProperty("voice", voice)
            engine.setProperty("rate", max(low, min(high, rate)))
            engine.setProperty("volume", 1.0)  # loudness is the player's job
            # espeak runs in its own thread here and queues parameter changes; runAndWait()
            # cancels whatever espeak is still busy with (pyttsx3 calls stop() first), which
            # could drop the rate or cut the new text short. So wait until espeak is idle.
            self._running = True
            self._wait_espeak_idle()
            espeak.forget_stop(engine)
            engine.save_to_file(text, wav_path)
            engine.runAndWait()
            # runAndWait() may return before the file is written (pyttsx3's loop can end after
            # one 10 ms turn): the finished-utterance callback is what says the WAV is complete.
            if not done.wait(self.finish_timeout_s) or self._aborted:
                raise SynthesisError("the speech engine did not finish in time")
            self._wait_espeak_idle()
        finally:
            self._running = False
            espeak.leave_loop(engine)
            if hook:
                hook.uninstall()
            for token in tokens:
                engine.disconnect(token)
        if hook and hook.error:
            raise SynthesisError(f"espeak could not write the audio ({hook.error})")
        if errors:
            raise SynthesisError("; ".join(errors))
        if finished != [True]:
            raise SynthesisError("the speech engine did not finish the text")
        current = engine.getProperty("voice") or ""
        if voice_key(current) != voice_key(voice):
            raise SynthesisError(f"the engine kept voice '{current}' instead of '{voice}'")
        duration_ms = wav_duration_ms(wav_path)
        spans = clean_spans(words, len(text))
        timings, source = self._timings(text, spans, duration_ms, hook)
        return Utterance(text=text, voice=voice, rate=rate, wav_path=wav_path, duration_ms=duration_ms,
                         words=timings, timing_source=source)

    def _timings(self, text, spans, duration_ms, hook) -> tuple[tuple[WordTiming, ...], str]:
        base = LOCATION_BASE.get(self.driver, 0)
        if hook:
            positions = [hook.positions.get(start + base) for start, _ in spans]
            if spans and None not in positions and positions == sorted(positions):
                timings = tuple(WordTiming(start, length, at_ms)
                                for (start, length), at_ms in zip(spans, positions))
                return fill_missing_words(text, timings, duration_ms), TIMING_FROM_ESPEAK
            # Seen at espeak's top rate (450), where its sonic speed-up makes positions jump back.
            log.warning("espeak gave no usable audio positions for %r; estimating word times", text[:40])
        # No audio positions from this driver: estimate from character offsets (see estimate_timings).
        return estimate_timings(text, spans, duration_ms), TIMING_ESTIMATED

    def _wait_espeak_idle(self) -> None:
        if self.driver != "espeak":
            return
        from pyttsx3.drivers import _espeak

        deadline = time.monotonic() + ESPEAK_IDLE_WAIT_S
        while _espeak.IsPlaying():
            if time.monotonic() > deadline or self._aborted:
                raise SynthesisError("the speech engine stayed busy")
            time.sleep(0.001)

    def describe(self) -> str:
        if self.driver == "espeak":
            return espeak.load_library() or "no libespeak-ng, neither bundled nor on the system"
        return f"{self.driver} through pyttsx3"

    def abort(self) -> None:
        """From any thread: stop waiting for the synthesis in progress (it fails), and end
        pyttsx3's polling loop if it is stuck there. A thread stuck inside espeak's C code
        (in runAndWait) cannot be ended."""
        self._aborted = True
        self._done.set()
        engine = self._engine
        if self._running and engine is not None:
            espeak.end_loop(engine)

    def close(self) -> None:
        self._engine = None
