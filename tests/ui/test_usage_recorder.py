"""Statistics can never hurt a patient: a full disk, a database another program holds
locked, damaged pages. Real SQLite on real files: a real tmpfs filled up, a second process
holding an exclusive lock, bytes overwritten in the file. Each time the screens' calls
return at once without an exception, the failure is logged once naming the file, and when
the fault clears every fact is written, once."""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.recovery import Recovery
from kiosk.usage_recorder import UsageRecorder
from tests.conftest import mount_tmpfs


def wait_for(condition, timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


def a_session(recorder: UsageRecorder, screens: int = 5) -> None:
    recorder.start_session("es")
    for n in range(screens):
        recorder.record("screen", f"liver/{n}")
    recorder.record("read_aloud")
    recorder.end_session("idle")


def rows(path: Path) -> tuple[list, list]:
    db = sqlite3.connect(path)
    try:
        sessions = db.execute("SELECT language, read_aloud, end_reason FROM sessions ORDER BY id").fetchall()
        events = db.execute("SELECT kind, detail FROM events ORDER BY rowid").fetchall()
    finally:
        db.close()
    return sessions, events


def errors(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "kiosk.usage_recorder" and r.levelno >= logging.ERROR]


def test_facts_are_written_in_order_once(tmp_path):
    recorder = UsageRecorder(tmp_path / "u.sqlite3")
    a_session(recorder)
    recorder.start_session("ar")
    recorder.close()
    sessions, events = rows(tmp_path / "u.sqlite3")
    assert sessions == [("es", 1, "idle"), ("ar", 0, "exit")]
    assert events == [("screen", f"liver/{n}") for n in range(5)] + [("read_aloud", "")]
    assert recorder.summary().sessions == 2


@pytest.fixture
def small_disk():
    """A real tmpfs of 2 MB."""
    yield from mount_tmpfs("2m")


def fill(folder: Path) -> Path:
    filler = folder / "filler"
    with open(filler, "wb") as file:
        try:
            while True:
                file.write(b"\0" * 65536)
                file.flush()
                os.fsync(file.fileno())
        except OSError:
            pass
    return filler


def test_a_full_disk_loses_nothing_and_writes_nothing_twice(small_disk, caplog):
    caplog.set_level(logging.INFO, logger="kiosk.usage_recorder")
    path = small_disk / "usage.sqlite3"
    recorder = UsageRecorder(path, retry_s=0.2)
    a_session(recorder, 2)
    wait_for(lambda: recorder.waiting() == 0)
    filler = fill(small_disk)
    for _ in range(20):  # the screens go on as if nothing were wrong
        a_session(recorder, 50)
    wait_for(lambda: recorder.failing != "")
    assert recorder.waiting() > 0
    time.sleep(1.0)  # several retries, still failing
    logged = errors(caplog)
    assert len(logged) == 1 and str(path) in logged[0] and "disk is full" in logged[0]
    filler.unlink()  # the disk frees up
    wait_for(lambda: recorder.waiting() == 0)
    recorder.close()
    sessions, events = rows(path)
    assert len(sessions) == 21 and len(events) == 2 + 1 + 20 * 51  # each fact exactly once
    assert any("writing to" in r.getMessage() and "again" in r.getMessage() for r in caplog.records)


HOLD_LOCK = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()
db.execute("ROLLBACK")
"""


def test_a_database_locked_by_another_program_waits_and_is_written_after(tmp_path, caplog):
    path = tmp_path / "usage.sqlite3"
    recorder = UsageRecorder(path, retry_s=0.2)
    a_session(recorder, 1)
    wait_for(lambda: recorder.waiting() == 0)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        for _ in range(10):
            a_session(recorder, 3)
        # The calls came back while the lock is still held: every fact is waiting, none written.
        assert holder.poll() is None and recorder.waiting() == 10 * 6
        wait_for(lambda: "locked" in recorder.failing)
        assert recorder.waiting() > 0  # held, not lost
    finally:
        holder.stdin.close()
        holder.wait(10)
    wait_for(lambda: recorder.waiting() == 0)
    recorder.close()
    sessions, events = rows(path)
    assert len(sessions) == 11 and len(events) == 2 + 10 * 4
    assert len(errors(caplog)) == 1 and "database is locked" in errors(caplog)[0]


def test_a_damaged_database_is_moved_aside_and_a_new_one_started(tmp_path, caplog):
    path = tmp_path / "usage.sqlite3"
    recorder = UsageRecorder(path)
    for _ in range(200):
        a_session(recorder, 5)
    recorder.close()
    size = path.stat().st_size
    assert size > 8 * 4096
    with open(path, "r+b") as file:  # damage pages in the middle, keep the header
        file.seek(4096 * 2)
        file.write(os.urandom(size - 4096 * 4))
    again = UsageRecorder(path)
    a_session(again, 2)
    again.close()
    damaged = [f for f in tmp_path.glob("usage.sqlite3.damaged-*") if not f.name.endswith(("-wal", "-shm"))]
    assert damaged and damaged[0].stat().st_size == size
    sessions, events = rows(path)
    assert sessions == [("es", 1, "idle")] and len(events) == 3
    logged = errors(caplog)
    assert any(str(path) in line and "damaged" in line for line in logged)


def test_the_kiosk_gives_up_once_not_thousands_of_times(caplog):
    ended = []
    recovery = Recovery(lambda: None, ended.append)
    for _ in range(1000):
        try:
            raise OSError("database or disk is full")
        except OSError as error:
            recovery.handle(type(error), error, error.__traceback__)
    assert ended == [70]
    ending = [r for r in caplog.records if "ending so the watchdog" in r.getMessage()]
    after = [r for r in caplog.records if "further errors while ending" in r.getMessage()]
    assert len(ending) == 1 and len(after) == 1


def test_the_patients_screens_go_on_while_the_disk_is_full(qtbot, make_window, small_disk, caplog):
    from PySide6.QtCore import Qt

    fill(small_disk)
    recorder = UsageRecorder(small_disk / "usage.sqlite3", retry_s=0.2)
    window = make_window(1280, 800)
    window.session.attach_stats(recorder)
    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    for tile in range(4):
        qtbot.mouseClick(window.home.tiles[tile], Qt.MouseButton.LeftButton)
        for _ in range(3):
            qtbot.mouseClick(window.nav_bar.next_button, Qt.MouseButton.LeftButton)
        window.navigator.home()
    assert window.stack.currentWidget() is window.home  # never thrown back to the first screen
    wait_for(lambda: recorder.failing != "")
    assert recorder.waiting() > 10
    window.staff.open_admin()  # the admin screen still opens, and says the figures cannot be read
    assert "the statistics file cannot be read now" in window.staff.admin.text()
    assert len(errors(caplog)) == 1


def test_the_file_is_opened_at_start_and_a_crashed_session_closed(tmp_path):
    from kiosk.stats import UsageStats

    crashed = UsageStats(tmp_path / "u.sqlite3")
    crashed.start_session("ko")
    crashed.record("screen", "home")
    crashed.db.close()  # as a power cut leaves it: the session never ended
    recorder = UsageRecorder(tmp_path / "u.sqlite3")  # nobody has touched the kiosk yet
    wait_for(lambda: rows(tmp_path / "u.sqlite3")[0] == [("ko", 0, "interrupted")])
    recorder.close()
    fresh = UsageRecorder(tmp_path / "new" / "u.sqlite3")
    wait_for(lambda: (tmp_path / "new" / "u.sqlite3").exists())
    fresh.close()
