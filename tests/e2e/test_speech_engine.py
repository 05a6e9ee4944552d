"""Which espeak-ng the kiosk speaks with: the pinned copy it ships (espeakng-loader's library
and voice data, also inside the standalone bundle) before the system's, and clear words when
neither can start. espeak-ng loads once per process, so each case runs in its own process."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

espeakng_loader = pytest.importorskip("espeakng_loader")  # Linux x86-64: a pinned dependency
ROOT = Path(__file__).resolve().parents[2]
SYSTEM_LIBRARY = Path("/usr/lib/x86_64-linux-gnu/libespeak-ng.so.1")

# Hides the shipped copy, as on a machine where the wheel is not installed (arm64).
NO_BUNDLED_COPY = "import sys; sys.modules['espeakng_loader'] = None\n"


def run_child(program: str, tmp_path: Path, *, bundled: bool = True, **env_extra: str) -> list[str]:
    program = ("" if bundled else NO_BUNDLED_COPY) + textwrap.dedent(program)
    env = {key: value for key, value in os.environ.items() if key != "ESPEAK_DATA_PATH"}
    env.update(PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", **env_extra)
    result = subprocess.run([sys.executable, "-c", program], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


SPEAK_ONE_SENTENCE = """
    from kiosk.speech.diagnostics import voice_report
    from kiosk.speech.espeak import load_library
    check, = voice_report(["en"])
    print(load_library())
    print(check.ok, check.detail)
    print(sorted({line.split()[-1] for line in open("/proc/self/maps") if "libespeak" in line}))
"""


def test_the_shipped_copy_is_loaded_before_the_systems(tmp_path):
    engine, result, mapped = run_child(SPEAK_ONE_SENTENCE, tmp_path)
    shipped = Path(espeakng_loader.get_library_path())
    assert engine == f"bundled libespeak-ng 1.52.0 ({shipped})"
    assert result.startswith("True ") and result.endswith("4 word times (espeak-audio-position)")
    assert mapped == f"['{shipped}']"  # pyttsx3's own load by name found it: no second copy


@pytest.mark.skipif(not SYSTEM_LIBRARY.exists(), reason="the system's espeak-ng is not installed")
def test_without_the_shipped_copy_the_systems_speaks(tmp_path):
    engine, result, mapped = run_child(SPEAK_ONE_SENTENCE, tmp_path, bundled=False)
    system_file = SYSTEM_LIBRARY.resolve()
    assert engine.startswith("system libespeak-ng 1.5") and engine.endswith(f"({system_file})")
    assert result.startswith("True ")
    assert mapped == f"['{system_file}']"


def test_no_engine_at_all_is_said_plainly(tmp_path):
    program = """
        from PySide6.QtCore import QCoreApplication
        from kiosk.speech import espeak
        espeak.LIBRARY = "libespeak-ng-not-here.so.1"
        app = QCoreApplication([])
        from kiosk.speech.service import ReadAloud
        speech = ReadAloud()
        print(speech.state().value, "|", speech.unavailable_reason())
        speech.shutdown()
    """
    assert run_child(program, tmp_path, bundled=False)[-1] == "unavailable | Speech engine not installed (libespeak-ng)"


def test_missing_system_voice_data_is_reported_not_fatal(tmp_path):
    # Without the probe espeak-ng would exit(1) the whole process, with no Python error.
    empty = tmp_path / "no-data"
    (empty / "espeak-ng-data").mkdir(parents=True)
    program = """
        from PySide6.QtCore import QCoreApplication
        app = QCoreApplication([])
        from kiosk.speech.service import ReadAloud
        speech = ReadAloud()
        print(speech.state().value, "|", speech.unavailable_reason())
        speech.shutdown()
    """
    lines = run_child(program, tmp_path, bundled=False, ESPEAK_DATA_PATH=str(empty))
    assert lines[-1] == ("unavailable | Speech data not installed "
                         f"(espeak-ng-data: {empty}/espeak-ng-data has no phontab)")


def test_a_damaged_shipped_copy_is_reported_not_fatal(tmp_path):
    # A bundle whose voice data lost a file (a bad copy onto the terminal).
    package = tmp_path / "espeakng_loader"
    (package / "espeak-ng-data").mkdir(parents=True)
    (package / "__init__.py").write_text(
        f"def get_library_path():\n    return {espeakng_loader.get_library_path()!r}\n")
    program = """
        import sys; sys.path.insert(0, ".")
        from PySide6.QtCore import QCoreApplication
        app = QCoreApplication([])
        from kiosk.speech.service import ReadAloud
        speech = ReadAloud()
        print(speech.state().value, "|", speech.unavailable_reason())
        speech.shutdown()
    """
    lines = run_child(program, tmp_path)
    assert lines[-1] == (f"unavailable | Speech data not installed "
                         f"(espeak-ng-data: {package}/espeak-ng-data has no phontab)")


def test_the_service_names_its_engine_for_the_admin_screen(make_speech):
    speech = make_speech()  # the real synthesiser
    assert speech.engine() == f"bundled libespeak-ng 1.52.0 ({espeakng_loader.get_library_path()})"


def test_a_kiosk_that_read_every_screen_ends_without_a_traceback():
    """The kiosk through its real entry point, every screen read aloud by the real engine (the
    start-up bench's child does exactly this), then its normal end: nothing on standard error
    looks like a fault. The engine, kept for the process's life, was once torn down with the
    interpreter, and pyttsx3 printed "Exception ignored ... Traceback" into the journal."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", BENCH_VISIT="1")
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "_child_kiosk.py")], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "pss_visited_kb" in result.stdout  # it did visit and read every screen
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr, result.stderr[-3000:]
