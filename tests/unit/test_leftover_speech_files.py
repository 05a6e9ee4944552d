"""The read-aloud audio of a kiosk that died (SIGKILL, crash, power cut) is removed by the next
start; the files of a kiosk still running are never touched. Real processes, real locks."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from kiosk.speech.cache import UNLOCKED_GRACE_S, AudioCache

ROOT = Path(__file__).resolve().parents[2]

HOLDER = r"""
import sys, time
from pathlib import Path
from kiosk.speech.cache import AudioCache
cache = AudioCache(parent=Path(sys.argv[1]))
Path(cache.new_path()).write_bytes(b"RIFF....WAVE")
print(cache.folder, flush=True)
time.sleep(600)
"""


def start_holder(parent: Path) -> tuple[subprocess.Popen, Path]:
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(parent)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    return child, Path(child.stdout.readline().strip())


def test_a_killed_kiosks_files_go_and_a_running_kiosks_stay(tmp_path):
    killed, killed_folder = start_holder(tmp_path)
    running, running_folder = start_holder(tmp_path)
    try:
        killed.send_signal(signal.SIGKILL)
        killed.wait(10)
        assert list(killed_folder.glob("*.wav"))  # what SIGKILL left behind
        cache = AudioCache(parent=tmp_path)
        assert not killed_folder.exists()
        assert list(running_folder.glob("*.wav"))  # the other kiosk is still using its files
        assert Path(cache.folder).is_dir()
        cache.remove()
        assert sorted(tmp_path.iterdir()) == [running_folder]
    finally:
        running.kill()
        running.wait(10)
    AudioCache(parent=tmp_path).remove()  # now it is a leftover too
    assert not list(tmp_path.iterdir())


def test_a_folder_without_its_lock_is_left_alone_while_it_may_be_in_the_making(tmp_path):
    fresh, old = tmp_path / "run-1-fresh", tmp_path / "run-2-old"
    for folder in (fresh, old):
        folder.mkdir()
        (folder / "speech-00001.wav").write_bytes(b"x")
    long_ago = time.time() - UNLOCKED_GRACE_S - 5
    os.utime(old, (long_ago, long_ago))
    (tmp_path / "kiosk.log").write_text("not ours")  # other files in the folder are not touched
    AudioCache(parent=tmp_path).remove()
    assert fresh.exists() and not old.exists() and (tmp_path / "kiosk.log").exists()


def test_an_unusable_folder_falls_back_to_the_temporary_folder_in_one_line(tmp_path, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with caplog.at_level(logging.WARNING):
        cache = AudioCache(parent=blocker / "speech")
    try:
        assert Path(cache.folder).is_dir()
        assert Path(cache.folder).parent != blocker
        lines = [r.getMessage() for r in caplog.records]
        assert len(lines) == 1 and str(blocker / "speech") in lines[0]
    finally:
        cache.remove()
