"""Usage statistics that can never hurt a patient.

The screens hand each fact (a session begins, a screen is seen, the session ends) to this
recorder, which keeps it in memory at once and returns: it never blocks and never raises.
A thread of its own writes the facts to SQLite (kiosk/stats.py) in order, each in its own
transaction and removed from memory only once written, so nothing is lost and nothing is
written twice. When writing fails (a full disk, another program holding the database
locked) the failure is logged once, naming the file and the problem, the facts wait, and
the writer tries again every few seconds; when it works again that is logged too. A
database whose pages are damaged is moved aside (named in the log) and a new one started.
No Qt here.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import threading
from collections import deque
from pathlib import Path

from kiosk.resources import data_dir
from kiosk.stats import DB_FILE, EVENT_KINDS, Summary, UsageStats, now, summarize

log = logging.getLogger(__name__)

RETRY_S = 5.0  # between attempts while writing fails
BUSY_TIMEOUT_S = 0.5  # how long the writer waits for a lock another program holds
BATCH = 200  # facts a transaction at most
DAMAGED = ("database disk image is malformed", "file is not a database")


class UsageRecorder:
    def __init__(self, path: Path | None = None, retention_days: int = 365, retry_s: float = RETRY_S):
        self.path = path or data_dir() / DB_FILE
        self.retention_days = retention_days
        self.retry_s = retry_s
        self._facts: deque[tuple] = deque()  # waiting to be written, oldest first
        self._wake = threading.Condition()
        self._session = 0  # this run's number for the session in progress (0: none)
        self._numbered = 0
        self._started: dict[int, tuple[str, str]] = {}  # session number -> (started, language)
        self._rows: dict[int, int] = {}  # session number -> its row in the file (writer only)
        self._stopping = False
        self.failing = ""  # the problem while writing fails, said once in the log
        self.written = 0  # facts written this run
        self._thread = threading.Thread(target=self._write_forever, name="usage-statistics", daemon=True)
        self._thread.start()

    # --- the screens' side: at once, never an exception ----------------------------------

    def start_session(self, language: str) -> None:
        with self._wake:
            if self._session:
                self._facts.append(("end", self._session, now(), "idle"))
            self._numbered += 1
            self._session = self._numbered
            self._started[self._session] = (now(), language)
            self._facts.append(("start", self._session, *self._started[self._session]))
            self._wake.notify()

    def record(self, kind: str, detail: str = "") -> None:
        if kind not in EVENT_KINDS:
            log.error("usage statistics: unknown event kind %r not recorded", kind)
            return
        with self._wake:
            if self._session:
                self._facts.append(("event", self._session, now(), kind, detail))
                self._wake.notify()

    def end_session(self, reason: str) -> None:
        with self._wake:
            if self._session:
                self._facts.append(("end", self._session, now(), reason))
                self._session = 0
                self._wake.notify()

    def waiting(self) -> int:
        """Facts not yet written."""
        with self._wake:
            return len(self._facts)

    def close(self, wait_s: float = 2.0) -> None:
        """The program ends: end the session, write what can be written in `wait_s`."""
        self.end_session("exit")
        with self._wake:
            self._stopping = True
            self._wake.notify()
        self._thread.join(wait_s)
        left = self.waiting()
        if left:
            log.error("usage statistics: %d facts could not be written to %s (%s) and are lost",
                      left, self.path, self.failing or "still writing")

    def summary(self, today: dt.date | None = None) -> Summary | None:
        """The figures for the admin screen, or None (logged) when the file cannot be read now."""
        try:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
            try:
                return summarize(db, today)
            finally:
                db.close()
        except sqlite3.Error as error:
            log.warning("usage statistics: %s cannot be read now (%s)", self.path, error)
            return None

    # --- the writer's side ----------------------------------------------------------------

    def _write_forever(self) -> None:
        stats: UsageStats | None = None
        while True:
            with self._wake:
                # Opened at once (sessions a crash left open are closed then), then woken by facts.
                while stats is not None and not self._facts and not self._stopping:
                    self._wake.wait()
                if stats is not None and not self._facts and self._stopping:
                    break
            try:
                if stats is None:
                    stats = self._open()
                self._write_waiting(stats)
                if self.failing:
                    log.info("usage statistics: writing to %s again; nothing was lost", self.path)
                    self.failing = ""
            except (sqlite3.Error, OSError) as error:
                problem = str(error) or type(error).__name__
                if problem != self.failing:
                    log.error("usage statistics cannot be written to %s (%s); kept in memory and tried again "
                              "every %g s", self.path, problem, self.retry_s)
                    self.failing = problem
                if stats is not None:
                    _close_quietly(stats)
                    if any(words in problem for words in DAMAGED):
                        self._move_aside()
                    stats = None
                with self._wake:
                    if self._stopping:
                        break
                    self._wake.wait(self.retry_s)
        if stats is not None:
            _close_quietly(stats)

    def _open(self) -> UsageStats:
        try:
            return UsageStats(self.path, self.retention_days, timeout=BUSY_TIMEOUT_S)
        except sqlite3.DatabaseError as error:
            if not any(words in str(error) for words in DAMAGED):
                raise
            self._move_aside()
            return UsageStats(self.path, self.retention_days, timeout=BUSY_TIMEOUT_S)

    def _move_aside(self) -> None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        damaged = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            part = self.path.with_name(self.path.name + suffix)
            if part.exists():
                part.replace(damaged.with_name(damaged.name + suffix))
        self._rows.clear()  # the new file holds no session yet: each is started again in it
        log.error("usage statistics: %s was damaged; moved to %s and a new one started", self.path, damaged)

    def _write_waiting(self, stats: UsageStats) -> None:
        """Write what waits, up to BATCH facts a transaction (catching up after a fault
        without a page of log per fact), each batch removed from memory once committed."""
        db, rows = stats.db, self._rows
        while True:
            with self._wake:
                batch = list(self._facts)[:BATCH]
            if not batch:
                return
            started: list[int] = []
            db.execute("BEGIN IMMEDIATE")
            try:
                for fact in batch:
                    kind, session = fact[0], fact[1]
                    if kind == "start" or session not in rows:
                        # (not in rows: its start is in a file since moved aside; start it again here)
                        rows[session] = db.execute("INSERT INTO sessions (started, language) VALUES (?, ?)",
                                                   self._started[session]).lastrowid
                        started.append(session)
                    if kind == "event":
                        _, _, at, event, detail = fact
                        db.execute("INSERT INTO events (session_id, at, kind, detail) VALUES (?, ?, ?, ?)",
                                   (rows[session], at, event, detail))
                        if event in ("read_aloud", "listen_mode"):
                            db.execute(f"UPDATE sessions SET {event} = 1 WHERE id = ?", (rows[session],))
                    elif kind == "end":
                        db.execute("UPDATE sessions SET ended = ?, end_reason = ? WHERE id = ?",
                                   (fact[2], fact[3], rows[session]))
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                for session in started:  # not written after all
                    rows.pop(session, None)
                raise
            with self._wake:
                for _ in batch:
                    self._facts.popleft()  # written: never again
                self.written += len(batch)
                for fact in batch:
                    if fact[0] == "end":  # a finished session needs remembering no longer
                        self._started.pop(fact[1], None)
                        rows.pop(fact[1], None)


def _close_quietly(stats: UsageStats) -> None:
    try:
        stats.db.close()
    except sqlite3.Error:
        pass
