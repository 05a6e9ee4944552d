"""./dev.sh waits, saying so, while another apt or dpkg run holds the package lock, instead of
failing at once. A real process holds a real POSIX lock (as apt does) on a stand-in lock file."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

HOLDER = r"""
import fcntl, sys, time
lock = open(sys.argv[1], "a")
fcntl.lockf(lock, fcntl.LOCK_EX)
print("held", flush=True)
time.sleep(600)
"""


def hold(path: Path) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def wait_for_apt(locks: list[Path], wait_s: int) -> subprocess.Popen:
    env = dict(os.environ, DEV_SH_APT_LOCKS=" ".join(map(str, locks)), DEV_SH_APT_WAIT_S=str(wait_s))
    return subprocess.Popen([str(ROOT / "dev.sh"), "wait-for-apt"], env=env, stderr=subprocess.PIPE, text=True)


def test_it_waits_while_the_lock_is_held_and_goes_on_when_it_is_released(tmp_path):
    free, held = tmp_path / "lock-frontend", tmp_path / "lists-lock"
    free.touch()
    holder = hold(held)
    waiter = wait_for_apt([free, tmp_path / "absent", held], 60)
    try:
        time.sleep(3)
        assert waiter.poll() is None  # still waiting
    finally:
        holder.kill()
        holder.wait(10)
    assert waiter.wait(20) == 0
    said = waiter.stderr.read()
    assert f"holds {held}; waiting for it to finish" in said
    assert "going on" in said


def test_it_gives_up_in_one_line_after_its_time(tmp_path):
    held = tmp_path / "lock-frontend"
    holder = hold(held)
    try:
        waiter = wait_for_apt([held], 2)
        assert waiter.wait(30) == 75
        lines = waiter.stderr.read().splitlines()
    finally:
        holder.kill()
        holder.wait(10)
    assert len(lines) == 2 and f"{held} is still held after" in lines[1]


def test_no_lock_held_means_no_wait_and_no_words(tmp_path):
    free = tmp_path / "lock-frontend"
    free.touch()
    waiter = wait_for_apt([free], 60)
    assert waiter.wait(20) == 0
    assert waiter.stderr.read() == ""
