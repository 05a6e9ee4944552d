"""Shared fixtures: the real guide, the real window, off-screen Qt."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from kiosk.content import Guide, load_guide

# A test fails on a kiosk warning or error it did not expect (tests/logfail.py).
pytest_plugins = ["tests.logfail", "pytester", "tests.e2e.desktop"]  # pytester: tests/unit/test_logfail.py

RESOLUTIONS = ((1920, 1080), (1080, 1920), (1366, 768), (1280, 800))
ROOT = Path(__file__).resolve().parent.parent
DEV_SETTINGS = ROOT / "dev" / "kiosk.toml"
KIOSK = (sys.executable, "-m", "kiosk")  # the kiosk as a process of its own, as IT staff start it


def run_kiosk(*args: str, env: dict[str, str] | None = None, timeout: float = 120, cwd: Path = ROOT,
              input: str | None = None, **env_extra: str):
    """`python -m kiosk ARGS` to its end: its exit code, standard output and error. In the test
    run's environment (off-screen; logs, data and settings set by pytest_configure) unless `env`
    replaces it; `env_extra` (KIOSK_LOG_DIR=...) adds to either."""
    import subprocess

    environment = dict(os.environ if env is None else env, **env_extra)
    return subprocess.run([*KIOSK, *args], capture_output=True, text=True, timeout=timeout, cwd=cwd,
                          env=environment, input=input)


def pytest_configure(config):
    # Kiosk processes started by the tests log here, not in the machine's log folder. Each
    # worker of a parallel run (pytest-xdist) has folders of its own: two kiosks sharing one
    # statistics file or instance lock would be a fault no patient's kiosk ever meets.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    for variable, prefix in (("KIOSK_LOG_DIR", "logs"), ("KIOSK_DATA_DIR", "data"), ("KIOSK_SPEECH_DIR", "speech")):
        if worker or variable not in os.environ:
            os.environ[variable] = tempfile.mkdtemp(prefix=f"kiosk-test-{prefix}-{worker}")
    # Kiosk processes the tests start show the draft guide (as `./dev.sh run` does); tests of
    # the settings themselves unset this or name their own file.
    os.environ.setdefault("KIOSK_CONFIG", str(DEV_SETTINGS))
    # The off-screen platform cannot resize native windows; it says so on every show().
    config.addinivalue_line("qt_log_ignore", "This plugin does not support propagateSizeHints")
    # Read-aloud needs an audio output: a private PulseAudio null sink for the whole run (and
    # every kiosk process a test starts), before QtMultimedia first looks for devices -- Qt
    # connects to the sound server once per process. Tests of "no output" start their own
    # processes without it (tests/e2e/test_audio_no_device.py).
    from tests.pulse_server import PrivatePulseAudio

    config.kiosk_pulse = PrivatePulseAudio().start()
    os.environ.update(config.kiosk_pulse.env())


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """A parallel run's order: the end-to-end tests take their turns on one worker, one after
    another, since they start desktops, screen readers, sound and print servers and look for them
    among the machine's processes; every other test goes to whichever worker is free."""
    from xdist.scheduler import LoadScopeScheduling

    class EndToEndInTurn(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "tests/e2e" if nodeid.startswith("tests/e2e/") else nodeid

    return EndToEndInTurn(config, log)


def pytest_unconfigure(config):
    pulse = getattr(config, "kiosk_pulse", None)
    if pulse is not None:
        pulse.stop()


@pytest.fixture(scope="session")
def guide() -> Guide:
    return load_guide()


@pytest.fixture(scope="session")
def qapp_args():
    return ["kiosk-tests"]


@pytest.fixture(scope="session")
def kiosk_app(qapp):
    """The QApplication set up as the kiosk sets it up (bundled fonts loaded)."""
    from kiosk.app import create_application

    return create_application()


@pytest.fixture
def make_window(kiosk_app, qtbot, guide, request):
    """make_window(width, height, text_step=0, high_contrast=False, speech=None, language="en") -> a shown
    MainWindow. Its read-aloud runs on the fake synthesiser (real worker thread, cache and
    player) unless a `speech` service is given; tests/test_speech_*.py use the real engine."""
    from kiosk.speech.fake import FakeSynthesizer
    from kiosk.speech.service import ReadAloud
    from kiosk.ui.display import Display
    from kiosk.ui.main_window import MainWindow

    def make(width: int = 1920, height: int = 1080, text_step: int = 0, high_contrast: bool = False,
             speech=None, language: str = "en", settings=None, pin_gate=None):
        if speech is None:
            speech = ReadAloud(FakeSynthesizer(ms_per_word=60))
        request.addfinalizer(speech.shutdown)
        window = MainWindow(guide, Display(text_step=text_step, high_contrast=high_contrast), speech,
                            settings=settings, pin_gate=pin_gate)
        # The language is the application's (translator, direction): back to English after.
        request.addfinalizer(lambda: window.set_language("en"))
        qtbot.addWidget(window)
        window.resize(width, height)
        with qtbot.waitExposed(window):
            window.show()
        if language != "en":
            assert window.set_language(language), window.languages.why_not(language)
        return window

    return make


@pytest.fixture
def make_speech(qapp):
    """make_speech(synthesizer=None, **options) -> a ReadAloud (the real engine by default),
    shut down after the test."""
    from kiosk.speech.service import ReadAloud

    made = []

    def make(synthesizer=None, **options):
        speech = ReadAloud(synthesizer, **options)
        made.append(speech)
        return speech

    yield make
    for speech in made:
        speech.shutdown()


def mount_tmpfs(size: str):
    """A fixture body: a real tmpfs of `size` ("64k", "2m") mounted for one test, so a full disk
    is a real full disk (needs root, as CI and the development machine have); skipped otherwise."""
    import subprocess

    folder = Path(tempfile.mkdtemp(prefix=f"kiosk-tmpfs-{size}-"))
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        folder.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)
    folder.rmdir()

