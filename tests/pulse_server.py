"""A private PulseAudio daemon with a null sink: a real audio output for tests on machines
without a sound card. tests/conftest.py starts one for the whole run (read-aloud honestly says
"Audio not available" without an output); tests/e2e/test_audio_playback.py records what it plays."""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

SINK = "kiosk_null"
RATE = 22050  # what the monitor is recorded at (espeak's own rate)


def _die_with_parent() -> None:
    # The daemon and the recorder end with the test run, even if it is killed.
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class PrivatePulseAudio:
    """A PulseAudio daemon of its own: a null sink, a Unix socket in a private folder, nothing
    read from or written to the machine's sound set-up. `env()` points a process at it."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="kiosk-pulse-"))
        self.socket = self.folder / "native"
        self.daemon: subprocess.Popen | None = None
        self.keeper: subprocess.Popen | None = None

    def env(self) -> dict[str, str]:
        return {"PULSE_SERVER": f"unix:{self.socket}"}

    def _private_env(self) -> dict[str, str]:
        folder = str(self.folder)
        return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": folder, "XDG_RUNTIME_DIR": folder,
                "XDG_CONFIG_HOME": folder, "PULSE_STATE_PATH": f"{folder}/state", "LANG": "C.UTF-8", **self.env()}

    def start(self, timeout_s: float = 10) -> PrivatePulseAudio:
        if shutil.which("pulseaudio") is None or shutil.which("parecord") is None:
            raise RuntimeError("pulseaudio and pulseaudio-utils are not installed: run ./dev.sh setup")
        # As root PulseAudio warns that it is meant for a user session, and runs.
        self.daemon = subprocess.Popen(
            ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no",
             f"--log-target=file:{self.folder}/daemon.log", f"--load=module-null-sink sink_name={SINK}",
             f"--load=module-native-protocol-unix auth-anonymous=1 socket={self.socket}"],
            env=self._private_env(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, preexec_fn=_die_with_parent)
        deadline = time.monotonic() + timeout_s
        while not self._ready():
            if self.daemon.poll() is not None or time.monotonic() > deadline:
                log = (self.folder / "daemon.log").read_text(errors="replace")[-1500:] if (
                    self.folder / "daemon.log").exists() else ""
                self.stop()
                raise RuntimeError(f"the private PulseAudio daemon did not start: {log}")
            time.sleep(0.05)
        # A null sink with nobody listening renders 2 s ahead, so a new stream can wait up to
        # 2 s for its first sound. A low-latency listener, then a suspend and resume (which
        # restarts the sink's clock), make it take sound at once, as a sound card does.
        self.keeper = subprocess.Popen(["parecord", "--raw", "--latency-msec=10", f"--device={SINK}.monitor"],
                                       env=self._private_env(), stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, preexec_fn=_die_with_parent)
        time.sleep(0.2)
        for state in ("1", "0"):
            self.pactl("suspend-sink", SINK, state)
        return self

    def _ready(self) -> bool:
        return self.socket.exists() and subprocess.run(
            ["pactl", "info"], env=self._private_env(), capture_output=True, timeout=10).returncode == 0

    def pactl(self, *args: str) -> str:
        done = subprocess.run(["pactl", *args], env=self._private_env(), capture_output=True, text=True, timeout=10)
        if done.returncode != 0:
            raise RuntimeError(f"pactl {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def record(self, path: Path) -> subprocess.Popen:
        """Start recording what the sink plays (mono, 16-bit, RATE) into `path`."""
        return subprocess.Popen(["parecord", "--raw", "--latency-msec=10", f"--device={SINK}.monitor",
                                 "--format=s16le", f"--rate={RATE}", "--channels=1", str(path)],
                                env=self._private_env(), stderr=subprocess.DEVNULL, preexec_fn=_die_with_parent)

    def stop(self) -> None:
        for process in (self.keeper, self.daemon):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(5)
        shutil.rmtree(self.folder, ignore_errors=True)
