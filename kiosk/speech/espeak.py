"""espeak-ng specifics: which copy loads, a probe that it can start, and the word audio
positions pyttsx3 drops.

The last two reach below pyttsx3's public API, so pyttsx3 is pinned (2.99, pyproject.toml) and
tests/unit/test_speech_synthesis.py proves them on the real engine.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)

LIBRARY = "libespeak-ng.so.1"  # what pyttsx3's espeak driver loads on Linux, by this name
# Files espeak_Initialize() reads from its data folder; if one is missing it calls exit(1),
# ending the whole process with no Python exception.
DATA_FILES = ("phontab", "phonindex", "phondata", "intonations")

# From espeak-ng's speak_lib.h.
_EVENT_LIST_TERMINATED = 0
_EVENT_WORD = 1
_EVENT_MSG_TERMINATED = 6


_loaded: str | None = None  # what load_library() loaded, said once


def load_library() -> str:
    """Load the espeak-ng the kiosk ships, else the system's; say which (for logs and checks).

    The shipped copy is the pinned espeakng-loader wheel's library and voice data (in the
    standalone bundle too), so a terminal needs no espeak-ng installed and every terminal
    speaks with the version the tests ran. Loaded by its full path with RTLD_GLOBAL before
    pyttsx3's driver is imported: its load by name ("libespeak-ng.so.1") then finds this copy
    by its soname instead of looking on the system. Its data folder goes to ESPEAK_DATA_PATH,
    which espeak-ng reads when it starts (a library with another version's data can crash)."""
    global _loaded
    if _loaded is not None:
        return _loaded
    shipped = shipped_copy()
    if shipped and "pyttsx3.drivers._espeak" not in sys.modules:
        library_path, data_path = shipped
        try:
            library = ctypes.CDLL(str(library_path), mode=ctypes.RTLD_GLOBAL)
        except OSError as error:
            log.warning("the bundled espeak-ng could not be loaded (%s); trying the system's", error)
        else:
            os.environ["ESPEAK_DATA_PATH"] = str(data_path.parent)  # espeak-ng adds /espeak-ng-data
            _loaded = f"bundled libespeak-ng {_version(library)} ({library_path})"
            log.info("speech engine: %s", _loaded)
            return _loaded
    try:
        library = ctypes.CDLL(LIBRARY)
    except OSError:
        _loaded = ""
        log.warning("speech engine: no libespeak-ng, neither bundled nor on the system")
        return _loaded
    _loaded = f"system libespeak-ng {_version(library)} ({_path_of(LIBRARY)})"
    log.info("speech engine: %s", _loaded)
    return _loaded


def shipped_copy() -> tuple[Path, Path] | None:
    """(library, espeak-ng-data folder) of the espeak-ng the kiosk ships, where it is installed
    (the espeakng-loader package: in the virtual environment, or inside the bundle, which
    packaging/kiosk.spec builds from the same place)."""
    if not sys.platform.startswith("linux"):
        return None  # Windows and macOS speak through SAPI5 and NSSpeech
    try:
        import espeakng_loader
    except ImportError:
        return None
    library = Path(espeakng_loader.get_library_path())
    data = Path(espeakng_loader.__file__).parent / "espeak-ng-data"
    return (library, data) if library.is_file() and data.is_dir() else None


def _info(library: ctypes.CDLL):
    """espeak_Info(&data_path) -> version, with its prototype."""
    library.espeak_Info.argtypes = [ctypes.POINTER(ctypes.c_char_p)]
    library.espeak_Info.restype = ctypes.c_char_p
    return library.espeak_Info


def _version(library: ctypes.CDLL) -> str:
    return os.fsdecode(_info(library)(None) or b"?")


def _path_of(name: str) -> str:
    """The file the dynamic linker picked for `name` (Linux: from this process's map)."""
    stem = name.split(".so")[0]
    try:
        with open("/proc/self/maps") as maps:
            return next((line.split()[-1] for line in maps if f"/{stem}.so" in line), name)
    except OSError:
        return name


def probe() -> str:
    """"" when espeak-ng can start in this process, else the reason in plain words.

    Must run before pyttsx3.init(): it loads the library (load_library) and finds the data
    folder the way espeak-ng will (ESPEAK_DATA_PATH, ~/espeak-ng-data, the built-in path)
    without initialising it."""
    if not load_library():
        return "Speech engine not installed (libespeak-ng)"
    library = ctypes.CDLL(LIBRARY)  # the copy load_library() chose: same soname, same handle
    if _already_started():
        return ""  # espeak-ng starts once per process; asking again would move its data path
    try:
        data = _data_folder(library)
    except (AttributeError, OSError) as error:
        return f"Speech engine not usable (libespeak-ng: {error})"
    missing = [name for name in DATA_FILES if not (data / name).is_file()]
    if missing:
        return f"Speech data not installed (espeak-ng-data: {data} has no {missing[0]})"
    return ""


def _already_started() -> bool:
    driver = sys.modules.get("pyttsx3.drivers.espeak")
    return bool(driver and driver.EspeakDriver._moduleInitialized)


def _data_folder(library: ctypes.CDLL) -> Path:
    # espeak_ng_InitializePath() only works out the folder; espeak_Info() reports it.
    library.espeak_ng_InitializePath.argtypes = [ctypes.c_char_p]
    library.espeak_ng_InitializePath.restype = None
    library.espeak_ng_InitializePath(None)
    path = ctypes.c_char_p()
    _info(library)(ctypes.byref(path))
    return Path(os.fsdecode(path.value or b""))


class AudioPositionHook:
    """Records espeak's `audio_position` (ms into the audio) for every word event.

    pyttsx3 2.99's espeak driver reads espeak's events in its synth callback
    (EspeakDriver._onSynth, a private method) and passes on only the word's text position
    and length; espeak's audio position is dropped. This hook installs itself as espeak's
    synth callback, notes each word's position, then hands the call to the driver unchanged.

    It also keeps a failure inside the driver's callback (e.g. the WAV cannot be written)
    from hanging runAndWait(): the driver raises before ending its loop, so the hook ends
    it the way the driver would have.
    """

    def __init__(self, driver) -> None:
        from pyttsx3.drivers import _espeak

        self._espeak = _espeak
        self._driver = driver
        self.positions: dict[int, int] = {}  # espeak text_position (1-based) -> audio ms
        self.error = ""  # why the driver failed inside the callback, if it did

    def install(self) -> None:
        self.positions.clear()
        self.error = ""
        self._espeak.SetSynthCallback(self._on_synth)

    def uninstall(self) -> None:
        self._espeak.SetSynthCallback(self._driver._onSynth)

    def _on_synth(self, wav, numsamples, events) -> int:
        ended = False
        try:
            index = 0
            while (event := events[index]).type != _EVENT_LIST_TERMINATED:
                if event.type == _EVENT_WORD and event.length > 0:
                    self.positions.setdefault(event.text_position, event.audio_position)
                ended = ended or event.type == _EVENT_MSG_TERMINATED
                index += 1
        except Exception:  # never let an exception escape into ctypes
            log.exception("reading espeak's events failed")
        try:
            return self._driver._onSynth(wav, numsamples, events)
        except Exception as error:
            self.error = str(error) or type(error).__name__  # not the exception: its frames hold files
            if ended:
                self._end_utterance()
            return 0

    def _end_utterance(self) -> None:
        # The tail of EspeakDriver._onSynth's end-of-message branch, which its exception skipped.
        driver = self._driver
        driver._data_buffer = b""
        driver._speaking = False
        driver._proxy.notify("finished-utterance", completed=False)
        driver._proxy.setBusy(False)
        driver.endLoop()


_phoneme_library: ctypes.CDLL | None = None


def phonemes(text: str, voice: str) -> str:
    """What espeak-ng will say for `text` with `voice`, as its phoneme mnemonics (clauses joined
    by " | "): how the tests hear whether a number is read as digits or as a quantity.

    Starts espeak-ng in this process for text processing only (no audio): call it in a process
    of its own, not beside pyttsx3's engine."""
    global _phoneme_library
    library = _phoneme_library
    if library is None:
        load_library()
        library = ctypes.CDLL(LIBRARY)  # the copy load_library() chose, by its soname
        library.espeak_Initialize.restype = ctypes.c_int
        library.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        library.espeak_Initialize(0x02, 0, None, 0)  # AUDIO_OUTPUT_SYNCHRONOUS: nothing is played
        library.espeak_TextToPhonemes.restype = ctypes.c_char_p
        library.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_char_p), ctypes.c_int, ctypes.c_int]
        _phoneme_library = library
    if library.espeak_SetVoiceByName(voice.encode()) != 0:
        raise ValueError(f"espeak-ng has no voice {voice!r}")
    remaining = ctypes.c_char_p(text.encode("utf-8"))
    clauses = []
    while remaining.value:
        clause = library.espeak_TextToPhonemes(ctypes.byref(remaining), 1, 0)  # UTF-8 in, mnemonics out
        if clause:
            clauses.append(clause.decode("utf-8", "replace"))
    return " | ".join(clauses)


# --- pyttsx3's private parts: every one the kiosk touches is here (pyttsx3 is pinned, and
# tests/unit/test_pyttsx3_pin.py fails when an upgrade moves any of them) ---------------------------


def engine_driver(engine):
    """The driver object behind a pyttsx3 Engine (espeak, sapi5, nsss)."""
    return engine.proxy._driver


def forget_stop(engine) -> None:
    """A stop() that found espeak busy leaves this set, and the next loop would cancel the new
    text and report it unfinished."""
    engine_driver(engine)._stopping = False


def leave_loop(engine) -> None:
    """runAndWait() leaves the engine "in its loop" if it raised; the next call would refuse."""
    engine._inLoop = False


def end_loop(engine) -> None:
    """End pyttsx3's polling loop from another thread, where the driver has one."""
    driver = engine_driver(engine)
    if hasattr(driver, "endLoop"):
        driver.endLoop()
