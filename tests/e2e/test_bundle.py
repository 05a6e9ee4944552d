"""The standalone bundle, built as IT staff build it (packaging/build.sh) and run as on a
terminal with no Python: a scrubbed environment (no virtual environment, no PYTHONPATH, a
minimal PATH, an empty HOME) and, where this machine allows a private mount namespace,
the system's espeak-ng hidden, so the bundle can only speak with its own copy, and a private
PulseAudio null sink as its sound card. Also: the bundle under cage, as the systemd unit
starts it, and the unit itself."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import DEV_SETTINGS
from tests.pulse_server import PrivatePulseAudio

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not sys.platform.startswith("linux"),
                                                   reason="the Linux bundle is built and tested here")]
ROOT = Path(__file__).resolve().parents[2]
# 193 MB with QMediaPlayer's FFmpeg, Qt Quick and QML; ~162 MB without (5.7 of it bold CJK); 171.8 MB
# with Qt's print support and the CUPS client libraries it loads (libcups, GnuTLS, Kerberos, Avahi).
SIZE_TARGET_MB = 176
# The system's espeak-ng (Debian's libespeak-ng1 and espeak-ng-data), hidden from the bundle.
SYSTEM_ESPEAK = sorted(Path("/usr/lib/x86_64-linux-gnu").glob("libespeak-ng.so*"))
SYSTEM_ESPEAK_DATA = Path("/usr/lib/x86_64-linux-gnu/espeak-ng-data")


@pytest.fixture(scope="module")
def bundle():
    # Outside pytest's private temporary folder: the cage test runs it as another account,
    # as a terminal's kiosk account runs the copy in /opt.
    out = Path(tempfile.mkdtemp(prefix="kiosk-bundle-"))
    out.chmod(0o755)
    result = subprocess.run([str(ROOT / "packaging" / "build.sh"), "--out", str(out)], cwd=ROOT,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    yield out
    shutil.rmtree(out, ignore_errors=True)


@pytest.fixture(scope="module")
def pulse():
    server = PrivatePulseAudio().start()
    yield server
    server.stop()


def hiding_system_espeak(then: str) -> str:
    """A shell script for a private mount namespace: the system's espeak-ng library files
    become empty and its data folder an empty one; then `then` runs."""
    hide = [f"mount --bind /dev/null {path}" for path in SYSTEM_ESPEAK]
    if SYSTEM_ESPEAK_DATA.is_dir():
        hide.append(f"mount -t tmpfs none {SYSTEM_ESPEAK_DATA}")
    return " && ".join([*hide, then])


def can_hide_system_espeak() -> bool:
    try:
        return subprocess.run(["unshare", "--mount", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def run_bundle(bundle: Path, home: Path, *args: str, timeout: float = 120,
               sound: PrivatePulseAudio | None = None) -> subprocess.CompletedProcess:
    """Run the bundled kiosk as on a bare terminal; the system's espeak-ng hidden if possible;
    `sound` its sound card (else it has none)."""
    home.mkdir(exist_ok=True)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
           "KIOSK_CONFIG": str(DEV_SETTINGS),  # the guide is a draft: shown only where drafts are allowed
           **(sound.env() if sound else {"PULSE_SERVER": f"unix:{home}/no-sound-server"})}
    command = [str(bundle / "kiosk" / "kiosk"), *args]
    if can_hide_system_espeak():
        command = ["unshare", "--mount", "sh", "-c", hiding_system_espeak('exec "$@"'), "sh", *command]
    return subprocess.run(command, env=env, cwd=home, capture_output=True, text=True, timeout=timeout)


def test_the_bundle_has_its_checksums_and_fits_the_size_target(bundle):
    folder = bundle / "kiosk"
    check = subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=folder, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert (bundle / "SHA256SUMS").read_bytes() == (folder / "SHA256SUMS").read_bytes()
    files = [path for path in folder.rglob("*") if path.is_file() and not path.is_symlink()]
    size_mb = sum(path.stat().st_size for path in files) / 1e6
    assert size_mb < SIZE_TARGET_MB, f"one-folder bundle is {size_mb:.1f} MB"
    # The data the kiosk reads, in the source tree's layout.
    internal = folder / "_internal"
    # The voice is raw PCM through QAudioSink: no media plugin, FFmpeg, Qt Quick or QML.
    assert not (internal / "PySide6" / "Qt" / "plugins" / "multimedia").exists()
    for left_out in ("libavcodec*", "libavformat*", "libswresample*", "libQt6Quick*", "libQt6Qml*"):
        assert not list(internal.rglob(left_out)), left_out
    for part in ("assets/guide/guide.en.yaml", "i18n/ar.po", "assets/fonts/NotoSansCJKsc-Regular-subset.otf",
                 "assets/fonts/NotoSansCJKsc-Bold-subset.otf",
                 "espeakng_loader/libespeak-ng.so", "espeakng_loader/espeak-ng-data/phontab",
                 # Licences of what it carries: espeak-ng is GPL-3.0-or-later, Qt LGPL-3.0.
                 "licences/THIRD-PARTY.md", "licences/common/GPL-3", "licences/common/LGPL-3",
                 "licences/python/pyttsx3/LICENSE", "assets/fonts/OFL.txt"):
        assert (internal / part).is_file(), part


def test_the_bundle_passes_check_in_a_scrubbed_environment(bundle, tmp_path):
    result = run_bundle(bundle, tmp_path / "home", "--check")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "OK: content and assets are valid" in result.stdout
    assert "Traceback" not in result.stderr


def test_the_bundle_passes_its_self_test_speaking_with_its_own_espeak(bundle, tmp_path, pulse):
    result = run_bundle(bundle, tmp_path / "home", "--self-test", sound=pulse)
    output = result.stdout
    assert result.returncode == 0, output + result.stderr[-3000:]
    library = bundle / "kiosk" / "_internal" / "espeakng_loader" / "libespeak-ng.so"
    assert f"OK   speech engine: bundled libespeak-ng 1.52.0 ({library})" in output
    for code in ("en", "es", "zh", "vi", "ko", "ar", "ru", "ht", "fr"):
        assert f"OK   voice {code}: " in output and "word times (espeak-audio-position)" in output
    assert "OK   audio output: Null Output" in output
    assert "OK   read aloud: played to the end" in output  # QAudioSink plays in the bundle
    assert output.rstrip().endswith("all checks passed")
    assert "Detected locale" not in result.stderr  # no locale in a bare session: no warning either


def test_the_bundle_without_a_sound_card_fails_its_audio_check_in_one_line(bundle, tmp_path):
    result = run_bundle(bundle, tmp_path / "home", "--self-test")
    assert result.returncode == 1
    assert ("FAIL audio output: no audio output device (is the sound card/HDMI audio enabled and "
            "PulseAudio/PipeWire running?)") in result.stdout
    assert result.stdout.rstrip().endswith("1 check(s) FAILED") and "Traceback" not in result.stderr


def test_the_bundled_kiosk_starts_serves_and_stops_cleanly(bundle, tmp_path, pulse):
    # The real program, not a check: the window, then (after the first paint) speech and the
    # statistics, then a clean exit. Its log must show the bundled voice and no error.
    home = tmp_path / "home"
    result = run_bundle(bundle, home, "--windowed", "--quit-after", "4000", sound=pulse)
    assert result.returncode == 0, result.stderr[-3000:]
    log = (home / ".local" / "state" / "infusion-kiosk" / "log" / "kiosk.log").read_text()
    assert "speech engine: bundled libespeak-ng 1.52.0" in log
    assert " ERROR " not in log and "Traceback" not in log, log
    database = home / ".local" / "share" / "infusion-kiosk" / "usage.sqlite3"
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sessions'").fetchone() == (1,)


@pytest.mark.skipif(not (shutil.which("cage") and shutil.which("Xwayland") and shutil.which("setpriv")
                         and os.geteuid() == 0), reason="needs cage, Xwayland, setpriv and root (to become nobody)")
def test_the_bundle_runs_under_cage_as_the_deployment_guide_starts_it(bundle):
    # packaging/linux/infusion-kiosk.service: cage (refuses root) -> the kiosk on Wayland.
    # wlroots' headless backend stands in for the terminal's screen.
    top = Path(tempfile.mkdtemp(prefix="kiosk-cage-"))
    top.chmod(0o755)
    home, runtime = top / "home", top / "runtime"
    for folder in (home, runtime):
        folder.mkdir(mode=0o700)
        shutil.chown(folder, "nobody", "nogroup")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime), "LANG": "C.UTF-8",
           "KIOSK_CONFIG": str(DEV_SETTINGS),
           "QT_QPA_PLATFORM": "wayland", "WLR_BACKENDS": "headless", "WLR_LIBINPUT_NO_DEVICES": "1",
           "WLR_RENDERER": "pixman"}
    command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
               "cage", "-d", "--", str(bundle / "kiosk" / "kiosk"), "--quit-after", "4000"]
    try:
        result = subprocess.run(command, env=env, cwd=home, capture_output=True, text=True, timeout=120)
        log_file = home / ".local" / "state" / "infusion-kiosk" / "log" / "kiosk.log"
        log = log_file.read_text() if log_file.exists() else ""
    finally:
        shutil.rmtree(top, ignore_errors=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Could not load the Qt platform plugin" not in result.stderr
    # Speech is attached just after the first frame is painted: so the window was drawn.
    assert "speech engine: bundled libespeak-ng 1.52.0" in log, result.stderr[-3000:]
    assert " ERROR " not in log, log


@pytest.mark.skipif(shutil.which("unshare") is None or os.geteuid() != 0, reason="needs root for unshare")
def test_the_system_espeak_is_really_hidden_from_the_bundle(tmp_path):
    # The hiding itself, so the test above cannot pass by using the system's copy.
    if not SYSTEM_ESPEAK or not can_hide_system_espeak():
        pytest.skip("no system espeak-ng to hide, or no mount namespace here")
    script = hiding_system_espeak(f"cat {SYSTEM_ESPEAK[0]} | wc -c")
    result = subprocess.run(["unshare", "--mount", "sh", "-c", script], capture_output=True, text=True, timeout=30)
    assert result.stdout.strip() == "0", result.stderr


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_the_systemd_unit_is_valid():
    # systemd ignores what it does not understand and says so only in its log: read that.
    unit = ROOT / "packaging" / "linux" / "infusion-kiosk.service"
    result = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and not result.stderr.strip() and not result.stdout.strip(), result.stderr
