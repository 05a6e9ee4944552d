"""The kiosk's health for a fleet: `infusion_kiosk.prom` for node_exporter's textfile collector.

With `metrics.textfile_dir` set, the file is written there at start (a second after the first
paint), every 60 s, and once more with kiosk_up 0 as the kiosk ends normally; a kiosk that
died leaves a file that stops changing (node_textfile_mtime_seconds). Each write is a temporary
file in the same folder renamed over the last (a reader never sees half a file). A write
that fails is logged once, naming the folder and the problem, and never reaches the patient.

Nothing about a patient: counts of sessions and how they ended, the time the last one ended.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

FILE_NAME = "infusion_kiosk.prom"
INTERVAL_MS = 60_000
FIRST_WRITE_MS = 1_000  # after the first paint: speech and statistics start in the 50 ms before
END_REASONS = ("idle", "exit", "stopped")  # kiosk/stats.py; written as 0 until they happen


@dataclass
class Sessions:
    started: int = 0  # this run's
    ended: dict[str, int] = field(default_factory=dict)  # this run's, by end reason
    last_end: float | None = None  # any run's, seconds since 1970


@dataclass
class Health:
    up: bool
    start_time: float
    errors: int
    version: str = ""
    site: str = ""
    sessions: Sessions | None = None
    speech: bool | None = None
    audio: bool | None = None
    content: dict[str, str] = field(default_factory=dict)  # labels of kiosk_content_info
    catalogs: list[dict[str, str]] = field(default_factory=list)  # labels of each kiosk_catalog_info


def _labels(labels: dict[str, str]) -> str:
    def escape(value: str) -> str:
        return str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")

    return "{" + ",".join(f'{name}="{escape(value)}"' for name, value in labels.items()) + "}" if labels else ""


def _number(value: float) -> str:
    return str(value) if isinstance(value, int) else repr(float(value))  # repr: exact, and short


def render(health: Health) -> str:
    """The text exposition format (version 0.0.4): HELP and TYPE before each family."""
    lines: list[str] = []

    def family(name: str, kind: str, help_text: str, samples: list[tuple[dict[str, str], float]]) -> None:
        lines.extend((f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"))
        lines.extend(f"{name}{_labels(labels)} {_number(value)}" for labels, value in samples)

    family("kiosk_up", "gauge", "1 while the kiosk runs; 0 written as it ends normally.", [({}, int(health.up))])
    family("kiosk_info", "gauge", "The kiosk's version and site name (settings: site.name).",
           [({"version": health.version, "site": health.site}, 1)])
    family("kiosk_start_time_seconds", "gauge", "When this run of the kiosk started, seconds since 1970.",
           [({}, round(health.start_time, 3))])
    if health.sessions is not None:
        sessions = health.sessions
        family("kiosk_sessions_started_total", "counter", "Patient sessions started in this run.",
               [({}, sessions.started)])
        reasons = sorted(set(END_REASONS) | set(sessions.ended))
        family("kiosk_sessions_ended_total", "counter", "Patient sessions ended in this run, by how they ended "
               "(idle: nobody touched it; exit: the program ended; stopped: the service was stopped).",
               [({"reason": reason}, sessions.ended.get(reason, 0)) for reason in reasons])
        if sessions.last_end is not None:
            family("kiosk_last_session_end_timestamp_seconds", "gauge",
                   "When the last patient session ended (any run), seconds since 1970.",
                   [({}, sessions.last_end)])
    family("kiosk_errors_logged_total", "counter", "ERROR records logged in this run (kiosk.log says which).",
           [({}, health.errors)])
    if health.speech is not None:
        family("kiosk_speech_available", "gauge", "1 when read-aloud can speak, 0 when it cannot.",
               [({}, int(health.speech))])
    if health.audio is not None:
        family("kiosk_audio_output_available", "gauge", "1 when there is a sound output to play to, 0 when not.",
               [({}, int(health.audio))])
    if health.content:
        family("kiosk_content_info", "gauge", "The guide shown: its content version and review (reviewed or draft).",
               [(health.content, 1)])
    if health.catalogs:
        family("kiosk_catalog_info", "gauge", "Each offered language's catalog: its revision date and review.",
               [(labels, 1) for labels in health.catalogs])
    return "\n".join(lines) + "\n"


def write_atomically(folder: Path, text: str, name: str = FILE_NAME) -> Path:
    """`text` into folder/name, whole or not at all: a temporary file in the same folder
    (not *.prom, so the collector skips it), then renamed over the old one. Mode 0644, so
    node_exporter's account can read it. Raises OSError; the old file is then untouched."""
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            if hasattr(os, "fchmod"):  # not on Windows before Python 3.13: there ACLs decide
                os.fchmod(file.fileno(), 0o644)
            file.write(text)
        # No fsync: after a power cut the next write, a minute later, replaces whatever is left.
        os.replace(temporary, folder / name)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    return folder / name


def read_sessions(database: Path, since: float) -> Sessions | None:
    """This run's sessions from the statistics file (kiosk/stats.py), read-only and without
    waiting for a lock; None when it cannot be read now (the statistics log their own faults)."""
    start = dt.datetime.fromtimestamp(int(since), dt.UTC).isoformat()
    try:
        db = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=0)
        try:
            started = db.execute("SELECT count(*) FROM sessions WHERE started >= ?", (start,)).fetchone()[0]
            ended = dict(db.execute("SELECT end_reason, count(*) FROM sessions WHERE started >= ? "
                                    "AND ended IS NOT NULL GROUP BY end_reason", (start,)).fetchall())
            last = db.execute("SELECT max(ended) FROM sessions").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error as error:
        log.debug("metrics: statistics %s not read now (%s)", database, error)
        return None
    return Sessions(started, {str(reason): count for reason, count in ended.items()},
                    dt.datetime.fromisoformat(last).timestamp() if last else None)


HEADER_FIELD = re.compile(r'^"(PO-Revision-Date|X-Review-Status): *(.*?)\\n"$', re.MULTILINE)


def catalog_labels(language: str, path: Path) -> dict[str, str]:
    """A catalog's revision and review from its header alone (the whole catalog is read later,
    in idle time, by the language switcher)."""
    try:
        with open(path, encoding="utf-8") as file:
            head = file.read(4096)
    except OSError:
        return {"language": language, "revision": "", "review": "missing"}
    found = dict(HEADER_FIELD.findall(head))
    return {"language": language, "revision": found.get("PO-Revision-Date", ""),
            "review": found.get("X-Review-Status", "")}


def process_start_time() -> float:
    """When this process started, seconds since 1970 (Linux: from /proc; elsewhere: now)."""
    try:
        ticks = int(Path("/proc/self/stat").read_text().rpartition(")")[2].split()[19])
        boot = next(int(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                    if line.startswith("btime "))
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return time.time()


class MetricsFile:
    """Writes the figures the callables give; write() never raises."""

    def __init__(self, folder: Path, *, errors: Callable[[], int], start_time: float | None = None,
                 version: str = "", site: str = "", sessions: Callable[[], Sessions | None] = lambda: None,
                 speech: Callable[[], bool | None] = lambda: None, audio: Callable[[], bool | None] = lambda: None,
                 content: dict[str, str] | None = None, catalogs: list[dict[str, str]] | None = None):
        self.folder = Path(folder)
        self.errors, self.sessions, self.speech, self.audio = errors, sessions, speech, audio
        self.start_time = process_start_time() if start_time is None else start_time
        self.version, self.site = version, site
        self.content, self.catalogs = content or {}, catalogs or []
        self.failing = ""  # the problem while writing fails, said once
        self.written = 0
        self.stop: Callable[[], None] | None = None  # start_metrics(): the last write, as the kiosk ends

    def health(self, up: bool = True) -> Health:
        def ask(source: Callable[[], object]):
            try:
                return source()
            except Exception as error:
                log.debug("metrics: %r failed: %s", source, error)
                return None

        return Health(up=up, start_time=self.start_time, errors=ask(self.errors) or 0, version=self.version,
                      site=self.site, sessions=ask(self.sessions), speech=ask(self.speech), audio=ask(self.audio),
                      content=self.content, catalogs=self.catalogs)

    def write(self, up: bool = True) -> bool:
        try:
            write_atomically(self.folder, render(self.health(up)))
        except OSError as error:
            problem = error.strerror or str(error)
            if problem != self.failing:
                log.error("metrics: cannot write %s (%s); the kiosk goes on, and tries again every %d s — check the "
                          "folder exists and the kiosk's account may write to it (settings: metrics.textfile_dir)",
                          self.folder / FILE_NAME, problem, INTERVAL_MS // 1000)
                self.failing = problem
            return False
        if self.failing:
            log.info("metrics: writing %s again", self.folder / FILE_NAME)
            self.failing = ""
        self.written += 1
        return True


def audio_output() -> bool:
    """Whether there is a default audio output device, by read-aloud's own check."""
    from kiosk.speech.playback import output_problem

    return not output_problem()


def start_metrics(app, window, config, guide=None, audio: Callable[[], bool | None] = audio_output) -> MetricsFile:
    """Write now, every INTERVAL_MS from a timer, and a last time (kiosk_up 0) as `app` quits.
    `window`: its `speech` (read-aloud) and `stats` (usage recorder) are read when there."""
    from PySide6.QtCore import QTimer

    from kiosk import __version__, logs, resources
    from kiosk.i18n.languages import SOURCE_LANGUAGE

    def speech() -> bool | None:
        service = getattr(window, "speech", None)
        return None if service is None else service.available()

    def sessions() -> Sessions | None:
        recorder = getattr(getattr(window, "session", None), "stats", None)  # (none out of order)
        return None if recorder is None else read_sessions(recorder.path, metrics.start_time)

    content, catalogs = {}, []
    if guide is not None:
        content = {"version": guide.content_version, "review": guide.review.status}
        catalogs = [catalog_labels(code, resources.i18n_dir() / f"{code}.po")
                    for code in config["languages.enabled"] if code != SOURCE_LANGUAGE]
    metrics = MetricsFile(Path(config["metrics.textfile_dir"]), errors=lambda: logs.errors.count,
                          version=__version__, site=config["site.name"], sessions=sessions, speech=speech,
                          audio=audio, content=content, catalogs=catalogs)
    metrics.write()
    timer = QTimer(window)
    timer.timeout.connect(metrics.write)
    timer.start(INTERVAL_MS)

    def last_write() -> None:
        timer.stop()
        metrics.write(up=False)

    app.aboutToQuit.connect(last_write)
    metrics.stop = last_write
    return metrics
