"""Anonymous usage statistics in SQLite: whether and how patients use the kiosk.

No Qt here. A session is a start, an end, its language(s), whether listen mode and
read-aloud were used, the screens seen, and for each "Check what you learned" question
answered, whether the first answer was right; nobody is identified and nothing typed is
kept (nothing can be typed). Each event is committed as it happens in WAL mode with full
sync, so a power cut loses at most the event being written; a session a crash left open is
closed as "interrupted" the next time the database is opened. Kept for
`stats.retention_days`.
"""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
import statistics
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kiosk.resources import data_dir

DB_FILE = "usage.sqlite3"
EVENT_KINDS = ("screen", "language", "read_aloud", "listen_mode", "answer")
ANSWER_RESULTS = ("right", "wrong")  # an answer event's detail: "<question id>:right"

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,          -- UTC, ISO 8601, to the second
    ended TEXT,                     -- NULL while it runs
    end_reason TEXT,                -- idle, exit, stopped (SIGTERM or SIGHUP), interrupted
    language TEXT NOT NULL,         -- at the start
    listen_mode INTEGER NOT NULL DEFAULT 0,
    read_aloud INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS events (
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,             -- screen, language, read_aloud, listen_mode, answer
    detail TEXT NOT NULL            -- a screen ("liver/2"), a language code, a question's first
                                    -- answer ("check-fever-at-home:right" or ":wrong"), or ""
);
CREATE INDEX IF NOT EXISTS events_by_session ON events(session_id);
"""


def now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class Summary:
    sessions: int
    last_7_days: int
    median_minutes: float
    languages: dict[str, int]
    listen_mode_share: float
    read_aloud_share: float
    top_screens: list[tuple[str, int]]
    per_day: list[tuple[str, int]]  # the last 14 days, oldest first
    interrupted: int
    # question id -> (asked, right first time), the lowest share right first (ties: most asked
    # first): which questions, and so which danger signs, patients miss
    answers: dict[str, tuple[int, int]]


class UsageStats:
    def __init__(self, path: Path | None = None, retention_days: int = 365, maintain: bool = True,
                 timeout: float = 5.0):
        self.path = path or data_dir() / DB_FILE
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit: every event is its own transaction, durable when the call returns.
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=timeout)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.executescript(SCHEMA)
        self.session_id: int | None = None
        if maintain:  # the kiosk itself; `kiosk stats` only reads (the kiosk may be running)
            self._close_interrupted()
            self.prune(retention_days)

    def _close_interrupted(self) -> None:
        """Sessions left open by a crash or power cut end at their last event."""
        self.db.execute("""
            UPDATE sessions SET end_reason = 'interrupted',
                ended = COALESCE((SELECT MAX(at) FROM events WHERE session_id = sessions.id), started)
            WHERE ended IS NULL""")

    def prune(self, retention_days: int) -> None:
        cutoff = (dt.datetime.now(dt.UTC) - dt.timedelta(days=retention_days)).replace(microsecond=0)
        self.db.execute("DELETE FROM sessions WHERE started < ?", (cutoff.isoformat(),))

    # --- recording ---------------------------------------------------------------------

    def start_session(self, language: str) -> int:
        if self.session_id is not None:
            self.end_session("idle")
        cursor = self.db.execute("INSERT INTO sessions (started, language) VALUES (?, ?)", (now(), language))
        self.session_id = cursor.lastrowid
        return self.session_id

    def record(self, kind: str, detail: str = "") -> None:
        if self.session_id is None:
            return
        if kind not in EVENT_KINDS:
            raise ValueError(f"unknown event kind {kind!r}")
        self.db.execute("INSERT INTO events (session_id, at, kind, detail) VALUES (?, ?, ?, ?)",
                        (self.session_id, now(), kind, detail))
        if kind in ("read_aloud", "listen_mode"):
            self.db.execute(f"UPDATE sessions SET {kind} = 1 WHERE id = ?", (self.session_id,))

    def end_session(self, reason: str) -> None:
        if self.session_id is None:
            return
        self.db.execute("UPDATE sessions SET ended = ?, end_reason = ? WHERE id = ?",
                        (now(), reason, self.session_id))
        self.session_id = None

    def close(self) -> None:
        self.end_session("exit")
        self.db.close()

    # --- reading -----------------------------------------------------------------------

    def summary(self, today: dt.date | None = None) -> Summary:
        return summarize(self.db, today)

    def export_csv(self, path: Path) -> int:
        """One row per event, with its session's facts; returns the number of rows."""
        rows = self.db.execute("""
            SELECT s.id, s.started, s.ended, s.end_reason, s.language, s.listen_mode, s.read_aloud,
                   e.at, e.kind, e.detail
            FROM sessions s LEFT JOIN events e ON e.session_id = s.id ORDER BY s.id, e.rowid""").fetchall()
        with open(path, "w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file)
            writer.writerow(["session", "started", "ended", "end_reason", "language", "listen_mode", "read_aloud",
                             "event_at", "event", "detail"])
            writer.writerows(rows)
        return len(rows)


def summarize(db: sqlite3.Connection, today: dt.date | None = None) -> Summary:
    """The figures the admin screen and `kiosk stats` show."""
    today = today or dt.datetime.now(dt.UTC).date()
    rows = db.execute("SELECT id, started, ended, language, listen_mode, read_aloud, end_reason "
                      "FROM sessions").fetchall()
    durations = [(dt.datetime.fromisoformat(e) - dt.datetime.fromisoformat(s)).total_seconds() / 60
                 for _, s, e, *_ in rows if e]
    week = (today - dt.timedelta(days=6)).isoformat()
    days = Counter(started[:10] for _, started, *_ in rows)
    screens = Counter(detail for (detail,) in db.execute("SELECT detail FROM events WHERE kind='screen'"))
    count = len(rows)
    return Summary(
        sessions=count,
        last_7_days=sum(1 for _, started, *_ in rows if started[:10] >= week),
        median_minutes=round(statistics.median(durations), 1) if durations else 0.0,
        languages=dict(Counter(row[3] for row in rows).most_common()),
        listen_mode_share=sum(row[4] for row in rows) / count if count else 0.0,
        read_aloud_share=sum(row[5] for row in rows) / count if count else 0.0,
        top_screens=screens.most_common(5),
        per_day=[(day, days.get(day, 0)) for day in
                 ((today - dt.timedelta(days=n)).isoformat() for n in range(13, -1, -1))],
        interrupted=sum(1 for row in rows if row[6] == "interrupted"),
        answers=first_answers(detail for (detail,) in db.execute("SELECT detail FROM events WHERE kind='answer'")),
    )


def first_answers(details: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Answer events' details ("<question id>:right" or ":wrong") as question id -> (asked, right),
    the lowest share right first, then the most asked, then by id; any other detail is skipped."""
    asked: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for detail in details:
        question, _, result = detail.rpartition(":")
        if question and result in ANSWER_RESULTS:
            asked[question] += 1
            right[question] += result == "right"
    order = sorted(asked, key=lambda q: (right[q] / asked[q], -asked[q], q))
    return {question: (asked[question], right[question]) for question in order}


def percent_right(asked: int, right: int) -> int:
    """A question's share right first time, in whole percent (the same on every screen)."""
    return round(100 * right / asked)


def summary_lines(summary: Summary, answers: bool = True) -> list[str]:
    """The summary in lines; `answers=False` leaves out the answers' line (the admin screen
    shows them in a section of their own, with the questions' words)."""
    languages = ", ".join(f"{code} {n}" for code, n in summary.languages.items()) or "none yet"
    screens = ", ".join(f"{name} ({n})" for name, n in summary.top_screens) or "none yet"
    missed = ", ".join(f"{question} {right} of {asked} ({percent_right(asked, right)}%)"
                       for question, (asked, right) in list(summary.answers.items())[:5]) or "none yet"
    return [
        f"Sessions: {summary.sessions} in all, {summary.last_7_days} in the last 7 days; "
        f"median {summary.median_minutes} minutes; {summary.interrupted} interrupted (power cut or crash)",
        f"Languages at start: {languages}",
        f"Listen mode: {summary.listen_mode_share:.0%} of sessions; read-aloud: {summary.read_aloud_share:.0%}",
        f"Most seen screens: {screens}",
        *([f"Answered right first time (lowest first): {missed}"] if answers else []),
    ]


def print_stats(csv_file: Path | None = None, out=None) -> int:
    """`kiosk stats [--csv FILE]`."""
    out = out or sys.stdout
    path = data_dir() / DB_FILE
    if not path.exists():
        print(f"kiosk stats: no statistics yet ({path} does not exist)", file=out)
        return 0
    try:
        stats = UsageStats(path, maintain=False)
        summary = stats.summary()
    except sqlite3.Error as error:
        print(f"kiosk stats: cannot read {path}: {error}; if the file is damaged, the kiosk moves it aside "
              "and starts a new one at its next start (it keeps the old file beside it)", file=sys.stderr)
        return 1
    try:
        for line in summary_lines(summary):
            print(line, file=out)
        print("Sessions per day (last 14 days):", file=out)
        for day, count in summary.per_day:
            print(f"  {day} {'#' * count} {count}", file=out)
        if csv_file is not None:
            try:
                rows = stats.export_csv(csv_file)
            except OSError as error:
                print(f"kiosk stats: cannot write {csv_file}: {error.strerror}; "
                      "give a file in a folder this account can write to", file=sys.stderr)
                return 1
            print(f"wrote {rows} rows to {csv_file}", file=out)
    finally:
        stats.db.close()
    return 0
