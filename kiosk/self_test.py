"""`kiosk --self-test`: can this terminal run the kiosk? For IT staff after installing, and CI.

Off-screen, with the site's settings: every screen in every enabled language is built and
laid out, one sentence is synthesised in each language that has a voice, the audio output
device is looked for and one sentence played to it, and the log and statistics folders are
written to (the statistics in a transaction that is rolled back, so
nothing is counted). Prints one line per check and exits 0 only when every check passed.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
import traceback
from pathlib import Path


class SelfTest:
    def __init__(self, out=sys.stdout):
        self.out = out
        self.failures = 0

    def line(self, ok: bool, what: str, detail: str = "") -> None:
        self.failures += 0 if ok else 1
        print(f"{'OK  ' if ok else 'FAIL'} {what}{': ' + detail if detail else ''}", file=self.out)


def run_self_test(config_file: Path | None = None, out=sys.stdout) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk import __version__, resources
    from kiosk.config import ConfigError, load_config

    test = SelfTest(out)
    print(f"kiosk {__version__} self-test ({'bundle ' + str(resources.root()) if resources.is_frozen() else 'source'}"
          f", Python {sys.version.split()[0]})", file=out)
    try:
        config = load_config(config_file)
        test.line(True, "settings", str(config.file or "built-in defaults"))
    except ConfigError as error:
        test.line(False, "settings", str(error))
        return 1

    from kiosk.app import create_application, load_or_explain
    from kiosk.readiness import describe_review, guide_blocked
    from kiosk.ui.theme import FONT_FAMILY, load_fonts

    create_application()
    families = load_fonts(everything=True)
    missing = [f for f in (FONT_FAMILY, "Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC",
                                        "Noto Sans CJK KR") if f not in families]
    test.line(not missing, "bundled fonts", f"{len(families)} families" if not missing else f"missing {missing}")
    guide, reason = load_or_explain()
    test.line(guide is not None, "guide", f"{len(guide.screens())} screens, content {guide.content_version}"
              if guide else reason)
    if guide is None:
        return 1
    # Not a fault of the terminal: say whether patients see the guide or "ask a member of staff".
    blocked = guide_blocked(guide, config["content.allow_unreviewed"])
    print(f"note  patients see \"ask a member of staff\": {blocked}" if blocked
          else f"note  the guide is {describe_review(guide)}", file=out)

    languages = screens_in_every_language(test, guide, config)
    voices(test, languages)
    if audio_output(test):
        read_aloud(test, config["languages.default"])
    else:
        print("note  read aloud: not tried without an audio output", file=out)
    writable(test)
    print(f"{'all checks passed' if not test.failures else f'{test.failures} check(s) FAILED'}", file=out)
    return 0 if not test.failures else 1


def screens_in_every_language(test: SelfTest, guide, config) -> list[str]:
    from PySide6.QtWidgets import QApplication

    from kiosk.app import build_window
    from kiosk.screenshots import show_place
    from kiosk.ui.language_switcher import HIDDEN_UNREVIEWED
    from kiosk.ui.navigator import every_place

    window = build_window(guide, "", config)
    window.resize(1280, 800)
    window.show()
    places = every_place(guide)
    codes = [language.code for language in window.languages.available()]
    for code in config["languages.enabled"]:
        if code not in codes:
            reason = window.languages.why_not(code)
            # Hidden because it is not reviewed: the site's settings at work, not a fault.
            test.line(reason == HIDDEN_UNREVIEWED, f"language {code}", reason)
    for code in codes:
        started = time.perf_counter()
        try:
            ok = window.set_language(code)
            for place in places:
                show_place(window, place)
            window.open_language_picker()
            QApplication.processEvents()
            window.recover()
            untranslated = sum(screen.language != code for screen in window.guide.screens())
            test.line(ok and not untranslated, f"language {code}",
                      f"{len(places)} screens in {(time.perf_counter() - started) * 1000:.0f} ms"
                      + (f"; {untranslated} screens not translated" if untranslated else ""))
        except Exception:
            test.line(False, f"language {code}", traceback.format_exc().strip().splitlines()[-1])
    window.set_language(config["languages.default"])
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    return codes


def voices(test: SelfTest, codes: list[str]) -> None:
    from kiosk import resources
    from kiosk.speech.diagnostics import voice_report
    from kiosk.speech.pyttsx3_synthesizer import default_driver
    from kiosk.speech.voices import VOICE_CANDIDATES

    if default_driver() == "espeak":
        from kiosk.speech.espeak import load_library

        engine = load_library()
        # The bundle must speak with its own copy: the terminal may have no espeak-ng at all.
        ok = engine.startswith("bundled") or (bool(engine) and not resources.is_frozen())
        test.line(ok, "speech engine", engine or "no libespeak-ng, neither bundled nor on the system")
    for check in voice_report(codes, timeout_s=30):
        if not VOICE_CANDIDATES.get(check.language):  # no voice exists for it (Tagalog): text only
            test.line(True, f"voice {check.language}", f"none exists; text only ({check.detail})")
        else:
            test.line(check.ok, f"voice {check.language}", f"{check.voice}: {check.detail}")


def audio_output(test: SelfTest) -> bool:
    """Whether there is an audio output device to play to (no device: patients would see
    "Audio not available")."""
    try:
        from PySide6.QtMultimedia import QMediaDevices

        from kiosk.speech.playback import output_problem
    except ImportError as error:  # e.g. a Qt module left out of the bundle
        test.line(False, "audio output", f"cannot load QtMultimedia: {error}")
        return False
    problem = output_problem()
    test.line(not problem, "audio output", problem or QMediaDevices.defaultAudioOutput().description())
    return not problem


def read_aloud(test: SelfTest, language: str, timeout_s: float = 30) -> None:
    """The whole read-aloud path a patient uses: synthesis in the worker, playback through
    QAudioSink to the audio output (it ends only when the output has taken every sample), and
    the spoken words marked as the output reaches them."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    from kiosk.speech.diagnostics import SAMPLE_SENTENCES

    try:
        from kiosk.speech.service import ReadAloud
    except ImportError as error:  # e.g. a Qt module left out of the bundle
        test.line(False, "read aloud", f"cannot load the player: {error}")
        return
    speech = ReadAloud()
    if not speech.has_voice(language):
        test.line(True, "read aloud", f"not tried: no voice for {language} (text only)")
        speech.shutdown()
        return
    words: list[int] = []
    outcome: list[str] = []
    speech.word.connect(lambda start, length: words.append(start) if start >= 0 else None)
    speech.finished.connect(lambda: outcome.append(""))
    speech.failed.connect(outcome.append)
    started = time.perf_counter()
    speech.speak(SAMPLE_SENTENCES.get(language, SAMPLE_SENTENCES["en"]), language)
    while not outcome and time.perf_counter() - started < timeout_s:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    speech.shutdown()
    took = time.perf_counter() - started
    if not outcome:
        test.line(False, "read aloud", f"did not finish within {timeout_s:g} s")
    elif outcome[0]:
        test.line(False, "read aloud", outcome[0])
    else:
        test.line(bool(words), "read aloud", f"played to the end in {took:.1f} s, {len(words)} words marked")


def writable(test: SelfTest) -> None:
    from kiosk.resources import data_dir, log_dir
    from kiosk.stats import DB_FILE, UsageStats

    folder = log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".self-test-"):
            pass
        test.line(True, "log folder", str(folder))
    except OSError as error:
        test.line(False, "log folder", f"{folder}: {error.strerror}")
    path = data_dir() / DB_FILE
    try:
        stats = UsageStats(path, maintain=False)
        stats.db.execute("BEGIN")
        stats.db.execute("INSERT INTO sessions (started, language) VALUES ('self-test', 'en')")
        stats.db.execute("ROLLBACK")  # written, then taken back: the test counts as no session
        stats.db.close()
        test.line(True, "statistics database", str(path))
    except (OSError, sqlite3.Error) as error:
        test.line(False, "statistics database", f"{path}: {error}")
