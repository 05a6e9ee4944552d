"""Anonymous usage statistics: real SQLite files, a real SIGKILL, the real UI recording."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from kiosk.config import parse_config
from kiosk.stats import UsageStats, summary_lines
from kiosk.usage_recorder import UsageRecorder
from tests.conftest import run_kiosk

ROOT = Path(__file__).resolve().parents[2]


def test_sessions_and_events_are_recorded_and_summed(tmp_path):
    stats = UsageStats(tmp_path / "u.sqlite3")
    stats.start_session("es")
    stats.record("screen", "home")
    stats.record("screen", "liver-2")
    stats.record("read_aloud")
    stats.end_session("idle")
    stats.start_session("en")
    stats.record("listen_mode")
    stats.record("screen", "liver-2")
    stats.close()
    again = UsageStats(tmp_path / "u.sqlite3")
    summary = again.summary()
    assert summary.sessions == 2 and summary.last_7_days == 2 and summary.interrupted == 0
    assert summary.languages == {"es": 1, "en": 1}
    assert summary.read_aloud_share == 0.5 and summary.listen_mode_share == 0.5
    assert summary.top_screens[0] == ("liver-2", 2)
    assert summary.per_day[-1] == (dt.datetime.now(dt.UTC).date().isoformat(), 2)
    assert "Sessions: 2 in all" in summary_lines(summary)[0]
    mode = again.db.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_old_sessions_are_removed_after_the_retention(tmp_path):
    stats = UsageStats(tmp_path / "u.sqlite3")
    stats.db.execute("INSERT INTO sessions (started, ended, language) VALUES ('2020-01-01T10:00:00+00:00', "
                     "'2020-01-01T10:05:00+00:00', 'en')")
    stats.start_session("fr")
    stats.close()
    assert UsageStats(tmp_path / "u.sqlite3", retention_days=30).summary().sessions == 1


def test_csv_export(tmp_path):
    stats = UsageStats(tmp_path / "u.sqlite3")
    stats.start_session("ar")
    stats.record("screen", "home")
    stats.record("language", "zh")
    stats.close()
    rows = UsageStats(tmp_path / "u.sqlite3").export_csv(tmp_path / "out.csv")
    with open(tmp_path / "out.csv", encoding="utf-8") as file:
        table = list(csv.DictReader(file))
    assert rows == 2 and [row["event"] for row in table] == ["screen", "language"]
    assert table[0]["language"] == "ar" and table[1]["detail"] == "zh"


KILLED_MID_SESSION = """
import os, signal, sys
from pathlib import Path
from kiosk.stats import UsageStats
stats = UsageStats(Path(sys.argv[1]))
stats.start_session("vi")
for screen in ("home", "liver-1", "liver-2", "liver-3"):
    stats.record("screen", screen)
stats.record("read_aloud")
print("recorded", flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # power cut: no end, no close
"""


def test_statistics_survive_a_kill_mid_session(tmp_path):
    path = tmp_path / "usage.sqlite3"
    result = subprocess.run([sys.executable, "-c", KILLED_MID_SESSION, str(path)], capture_output=True, text=True,
                            timeout=60, cwd=ROOT)
    assert result.returncode == -signal.SIGKILL and "recorded" in result.stdout
    # Read it as it was left (no repair), then as the kiosk reopens it.
    raw = sqlite3.connect(path)
    assert raw.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 5
    assert raw.execute("SELECT ended FROM sessions").fetchone()[0] is None
    raw.close()
    stats = UsageStats(path)
    row = stats.db.execute("SELECT language, read_aloud, end_reason, ended IS NOT NULL FROM sessions").fetchone()
    assert row == ("vi", 1, "interrupted", 1)
    assert stats.summary().interrupted == 1 and stats.summary().top_screens[0][1] == 1


def test_the_kiosk_records_a_session_as_the_patient_uses_it(qtbot, make_window, tmp_path):
    settings = parse_config("[session]\nidle_timeout_s = 1\nwarning_s = 1\n", "short.toml")
    window = make_window(1280, 800, settings=settings)
    stats = UsageRecorder(tmp_path / "u.sqlite3")  # as the kiosk records: written by its own thread
    window.session.attach_stats(stats)
    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.home.tiles[4], Qt.MouseButton.LeftButton)
    window.set_language("ko")
    qtbot.mouseClick(window.top_bar.read_button, Qt.MouseButton.LeftButton)
    window.read_aloud.stop()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.session_view.attract, timeout=8000)
    qtbot.waitUntil(lambda: stats.waiting() == 0, timeout=3000)
    db = sqlite3.connect(tmp_path / "u.sqlite3")
    session = db.execute("SELECT language, read_aloud, end_reason FROM sessions").fetchall()
    assert session == [("en", 1, "idle")]
    events = [tuple(row) for row in db.execute("SELECT kind, detail FROM events ORDER BY rowid")]
    assert ("screen", "home") in events and ("language", "ko") in events and ("read_aloud", "") in events
    assert any(kind == "screen" and detail.startswith(window.guide.topics[4].id) for kind, detail in events)
    db.close()
    stats.close()


def test_kiosk_stats_prints_and_exports(tmp_path):
    env = dict(os.environ, KIOSK_DATA_DIR=str(tmp_path))
    stats = UsageStats(tmp_path / "usage.sqlite3")
    stats.start_session("ht")
    stats.record("screen", "home")
    stats.close()
    result = run_kiosk("stats", "--csv", str(tmp_path / "all.csv"), env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Sessions: 1 in all" in result.stdout and "Languages at start: ht 1" in result.stdout
    assert f"wrote 1 rows to {tmp_path / 'all.csv'}" in result.stdout


def test_kiosk_stats_says_plainly_when_the_csv_cannot_be_written(tmp_path, capsys, monkeypatch):
    from kiosk.stats import print_stats

    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path))
    stats = UsageStats(tmp_path / "usage.sqlite3")
    stats.start_session("en")
    stats.close()
    target = tmp_path / "no-such-folder" / "all.csv"
    assert print_stats(target) == 1
    assert capsys.readouterr().err == (f"kiosk stats: cannot write {target}: No such file or directory; "
                                       "give a file in a folder this account can write to\n")


def answered(stats: UsageStats, *sessions: tuple[str, ...]) -> None:
    """One session per tuple, each detail recorded as an answer event, as the check screen does."""
    for details in sessions:
        stats.start_session("en")
        for detail in details:
            stats.record("answer", detail)
        stats.end_session("idle")


def test_first_answers_are_counted_per_question_the_least_often_right_first(tmp_path):
    stats = UsageStats(tmp_path / "u.sqlite3")
    answered(stats,
             ("check-fever-at-home:right", "check-chest-pain:wrong", "check-gums-bleed:right"),
             ("check-fever-at-home:wrong", "check-chest-pain:right", "check-gums-bleed:right"),
             ("check-fever-at-home:right", "check-chest-pain:wrong"),
             ("check-fever-at-home:wrong", "check-liver-late:wrong", "check-who-answers:right"),
             # Not answers: no result, an unknown result, no question, nothing at all.
             ("check-fever-at-home", "check-chest-pain:maybe", ":right", "", "check-gums-bleed:right:"),
             ("check-fever-at-home:right",))
    stats.close()
    summary = UsageStats(tmp_path / "u.sqlite3").summary()
    # 0 of 1; then 1 of 3 (33 %); then 3 of 5 (60 %) before 2 of 2 and 1 of 1 (100 %: most asked first).
    assert list(summary.answers.items()) == [("check-liver-late", (1, 0)), ("check-chest-pain", (3, 1)),
                                             ("check-fever-at-home", (5, 3)), ("check-gums-bleed", (2, 2)),
                                             ("check-who-answers", (1, 1))]
    assert summary.sessions == 6 and summary.top_screens == []  # answers are not screens
    line = summary_lines(summary)[-1]
    assert line == ("Answered right first time (lowest first): check-liver-late 0 of 1 (0%), check-chest-pain "
                    "1 of 3 (33%), check-fever-at-home 3 of 5 (60%), check-gums-bleed 2 of 2 (100%), "
                    "check-who-answers 1 of 1 (100%)")
    assert not any(text.startswith("Answered") for text in summary_lines(summary, answers=False))


def test_the_answers_line_names_at_most_five_and_says_none_yet(tmp_path):
    stats = UsageStats(tmp_path / "u.sqlite3")
    assert summary_lines(stats.summary())[-1] == "Answered right first time (lowest first): none yet"
    answered(stats, tuple(f"check-{n}:{'right' if n % 2 else 'wrong'}" for n in range(7)))
    line = summary_lines(stats.summary())[-1]
    assert line.count(" of 1 ") == 5 and "check-0 0 of 1 (0%), check-2" in line and "check-5" not in line
    stats.close()


def test_kiosk_stats_prints_the_answers_and_exports_them(tmp_path, monkeypatch):
    from kiosk.stats import print_stats

    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path))
    stats = UsageStats(tmp_path / "usage.sqlite3")
    answered(stats, ("check-fever-at-home:wrong", "check-chest-pain:right"), ("check-fever-at-home:right",))
    stats.close()
    out = io.StringIO()
    assert print_stats(tmp_path / "all.csv", out=out) == 0
    assert ("Answered right first time (lowest first): check-fever-at-home 1 of 2 (50%), "
            "check-chest-pain 1 of 1 (100%)\n") in out.getvalue()
    with open(tmp_path / "all.csv", encoding="utf-8") as file:
        table = list(csv.DictReader(file))
    assert [(row["session"], row["event"], row["detail"]) for row in table] == [
        ("1", "answer", "check-fever-at-home:wrong"), ("1", "answer", "check-chest-pain:right"),
        ("2", "answer", "check-fever-at-home:right")]
