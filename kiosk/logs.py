"""The kiosk's log: a rotating file in the platform's log folder, Qt's messages in it too.

Nothing a patient does is written as text they typed (there is none to type); the log
holds start-up, settings and content problems, language switches, errors with their
tracebacks, and Qt's own warnings. A hard crash's faulthandler trace goes to crash.log
beside it.

Qt's messages go to the logger named by their Qt category ("qt.qpa.fonts"; "qt" for
uncategorised ones). Qt's chatter that is no fault IT can act on (QUIET_QT) is logged at
DEBUG, which the log leaves out unless $KIOSK_LOG_LEVEL=DEBUG.

Under systemd, when standard error is the journal (JOURNAL_STREAM), each record goes to
journald's native socket instead, with structured fields (PRIORITY, CODE_FILE, LOGGER,
KIOSK_SITE...); if the socket is missing or full the record goes to standard error, said once.
"""

from __future__ import annotations

import errno
import faulthandler
import logging
import logging.handlers
import os
import re
import socket
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QLoggingCategory, QtMsgType, qInstallMessageHandler

from kiosk import __version__
from kiosk.resources import log_dir

LOG_FILE = "kiosk.log"
CRASH_FILE = "crash.log"
MAX_BYTES = 1_000_000
BACKUPS = 5  # kiosk.log.1 ... kiosk.log.5: ~6 MB at most
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LEVEL_VARIABLE = "KIOSK_LOG_LEVEL"  # DEBUG shows Qt's chatter too

QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
# Qt categories (and their sub-categories) whose info and warnings are not a fault for IT:
# logged at DEBUG. Errors and fatal messages keep their level whatever the category. (Runs
# here under Xvfb, cage and off-screen showed qt.multimedia.ffmpeg's banner and the size-hint
# notice; the others are the notices Qt gives on terminals without the fonts, keyboard map
# or accessibility bus it looks for.)
QUIET_QT = {
    "qt.multimedia": "QtMultimedia's notes on FFmpeg, codecs and devices at start and per clip; a clip "
                     "that cannot play is logged by read-aloud itself (read-aloud: ...)",
    "qt.qpa.fonts": "the font database's notes (alias look-ups, OpenType support); the kiosk bundles its "
                    "fonts and logs itself when one does not load",
    "qt.text.font": "the same notes from Qt's text layer",
    "qt.qpa.xkeyboard": "xkbcommon's notes on the keyboard map an X server gives (key names it does not "
                        "know and the like)",
    "qt.accessibility.atspi": "the screen-reader bridge saying no accessibility bus runs: normal on a "
                              "terminal without a screen reader",
}
# Uncategorised Qt messages (category "default") that are chatter, by how they begin.
QUIET_QT_DEFAULT = {
    "This plugin does not support propagateSizeHints()": "the off-screen platform (self-test, screenshots) "
                                                         "cannot pass a window's size hints; nothing needs them",
    "No QtMultimedia backends found": "the bundle leaves QtMultimedia's media backend (FFmpeg) out on purpose: "
                                      "speech plays through QAudioSink, which needs none",
}
# Given to Qt itself ($QT_LOGGING_RULES still wins): with the media data holder's info on,
# FFmpeg prints each clip's format ("Input #0, wav, from ...") straight to standard error.
QT_RULES = "qt.multimedia.ffmpeg.mediadataholder.info=false"

# journald's native protocol (systemd's JOURNAL_NATIVE_PROTOCOL): one datagram a record.
JOURNAL_SOCKET = "/run/systemd/journal/socket"
IDENTIFIER = "infusion-kiosk"
JOURNAL_FORMAT = "%(levelname)s %(name)s: %(message)s"  # journald keeps its own time
SYSLOG_PRIORITY = ((logging.CRITICAL, 2), (logging.ERROR, 3), (logging.WARNING, 4), (logging.INFO, 6))
FIELD_NAME = re.compile(r"[A-Z0-9][A-Z0-9_]{0,63}")
# Fields every record carries; KIOSK_SITE joins once the settings are read (set_site).
journal_fields: dict[str, str] = {"SYSLOG_IDENTIFIER": IDENTIFIER, "KIOSK_VERSION": __version__}

_crash_file = None  # kept open for faulthandler
_log_file: Path | None = None


class ErrorCount(logging.Handler):
    """Counts the ERROR and CRITICAL records since start (the metrics' error figure)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


errors = ErrorCount()


def quiet_reason(category: str, message: str) -> str:
    """Why this Qt message is chatter (then it is logged at DEBUG), or ""."""
    if category == "default":
        return next((why for start, why in QUIET_QT_DEFAULT.items() if message.startswith(start)), "")
    parts = category.split(".")
    for end in range(len(parts), 0, -1):
        if why := QUIET_QT.get(".".join(parts[:end])):
            return why
    return ""


def _qt_message(kind, context, message) -> None:
    category = context.category or "default"
    level = QT_LEVELS.get(kind, logging.WARNING)
    if level <= logging.WARNING and quiet_reason(category, message):
        level = logging.DEBUG
    name = "qt" if category == "default" else category if category.startswith("qt.") else f"qt.{category}"
    logger = logging.getLogger(name)
    if logger.isEnabledFor(level):
        # Qt's own file and line where it gives them (debug builds), for the journal's CODE_ fields.
        record = logger.makeRecord(name, level, context.file or "", context.line or 0, "%s", (message,), None,
                                   func=context.function or None, extra={"kiosk_qt_category": category})
        logger.handle(record)


def stderr_is_journal() -> bool:
    """True when standard error is connected to the journal: systemd says so in JOURNAL_STREAM
    ("device:inode" of the stream it connected), which must be the stream we still have
    (a child with its standard error redirected inherits the variable, not the stream)."""
    device, _, inode = os.environ.get("JOURNAL_STREAM", "").partition(":")
    if not (device.isdigit() and inode.isdigit()):
        return False
    try:
        status = os.fstat(2)
    except OSError:
        return False
    return (status.st_dev, status.st_ino) == (int(device), int(inode))


def journal_field(name: str, value: object) -> bytes:
    """One field as the native protocol wants it: NAME=value, or, for a value with a line
    break, NAME, a newline, its length (64-bit little-endian) and the bytes themselves."""
    data = str(value).encode("utf-8", "replace")
    if b"\n" in data:
        return name.encode() + b"\n" + struct.pack("<Q", len(data)) + data + b"\n"
    return name.encode() + b"=" + data + b"\n"


def priority(level: int) -> int:
    return next((number for at_least, number in SYSLOG_PRIORITY if level >= at_least), 7)


class JournalHandler(logging.Handler):
    """Each record as one datagram to journald. A full socket is waited for at most WAIT_S
    (a burst of lines), never longer: the patient's screen runs on this thread. When the
    socket is missing, refuses or stays full, the record goes to `fallback` (standard error,
    which systemd also sends to the journal) and the problem is logged once; when journald
    takes records again, that is logged too."""

    WAIT_S = 0.05

    def __init__(self, fallback: logging.Handler, path: str | None = None):
        super().__init__()
        self.fallback, self.path = fallback, path or JOURNAL_SOCKET
        self.setFormatter(logging.Formatter(JOURNAL_FORMAT))
        self.socket: socket.socket | None = None
        self.problem = ""

    def encode(self, record: logging.LogRecord) -> bytes:
        fields = {"MESSAGE": self.format(record), "PRIORITY": priority(record.levelno), **journal_fields,
                  "LOGGER": record.name, "THREAD_NAME": record.threadName}
        if record.pathname:
            fields.update(CODE_FILE=record.pathname, CODE_LINE=record.lineno, CODE_FUNC=record.funcName)
        for key, value in vars(record).items():  # extra={"kiosk_session_event": "end"} -> KIOSK_SESSION_EVENT
            if key.startswith("kiosk_") and value is not None and FIELD_NAME.fullmatch(key.upper()):
                fields[key.upper()] = value
        return b"".join(journal_field(name, value) for name, value in fields.items())

    def _connected(self) -> socket.socket:
        if self.socket is None:
            # Connected, so that waiting for room waits for journald's queue, not our own.
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
            try:
                sock.connect(self.path)
            except OSError:
                sock.close()
                raise
            self.socket = sock
        # While failing, no waiting at all: each record would hold the screen up again.
        self.socket.settimeout(0 if self.problem else self.WAIT_S)
        return self.socket

    def _drop(self) -> None:
        if self.socket is not None:
            self.socket.close()
            self.socket = None

    def send(self, data: bytes) -> None:
        for attempt in (1, 2):
            try:
                self._connected().send(data)
                return
            except OSError as error:
                if error.errno == errno.EMSGSIZE:
                    self._send_large(data)
                    return
                if error.errno in (errno.ECONNREFUSED, errno.ENOTCONN) and attempt == 1:
                    self._drop()  # journald restarted: its socket is a new one
                    continue
                if not isinstance(error, (TimeoutError, BlockingIOError)):
                    self._drop()
                raise

    def _send_large(self, data: bytes) -> None:
        # Larger than a datagram (a very long traceback): journald reads it from a sealed
        # memory file passed along with an empty datagram.
        import array
        import fcntl

        fd = os.memfd_create("journal-record", os.MFD_CLOEXEC | os.MFD_ALLOW_SEALING)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            fcntl.fcntl(fd, fcntl.F_ADD_SEALS, fcntl.F_SEAL_SHRINK | fcntl.F_SEAL_GROW | fcntl.F_SEAL_WRITE
                        | fcntl.F_SEAL_SEAL)
            self._connected().sendmsg([], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [fd]))])
        finally:
            os.close(fd)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            data = self.encode(record)
        except Exception:
            self.handleError(record)
            return
        try:
            self.send(data)
        except OSError as error:
            self.fallback.handle(record)  # the record itself is never lost
            full = isinstance(error, (TimeoutError, BlockingIOError)) or error.errno == errno.EAGAIN
            problem = "full" if full else (error.strerror or str(error))
            if problem != self.problem:
                self.problem = problem  # set first: the line below comes back here and falls back too
                logging.getLogger(__name__).warning(
                    "journald's socket %s %s; log records go to standard error until it takes them again",
                    self.path, "is full" if full else f"cannot be used ({problem})")
            return
        if self.problem:
            self.problem = ""
            logging.getLogger(__name__).info("journald's socket %s takes log records again", self.path)

    def close(self) -> None:
        self._drop()
        super().close()


def set_site(name: str) -> None:
    """The site's name (settings: site.name) in every journal record from now on."""
    if name:
        journal_fields["KIOSK_SITE"] = name
    else:
        journal_fields.pop("KIOSK_SITE", None)


def log_file() -> Path | None:
    """The file setup_logging() writes to, or None."""
    return _log_file


def _level() -> tuple[int, str]:
    """The level $KIOSK_LOG_LEVEL asks for (default INFO), and the text when it names none."""
    wanted = os.environ.get(LEVEL_VARIABLE, "").strip().upper()
    level = logging.getLevelName(wanted) if wanted else logging.INFO
    return (level, "") if isinstance(level, int) else (logging.INFO, wanted)


def setup_logging(folder: Path | None = None, max_bytes: int = MAX_BYTES) -> Path | None:
    """Log to the rotating file and to standard error (or the journal, see above); route Qt's
    messages. Returns the file, or None when the folder cannot be written (then standard
    error only, said once)."""
    global _crash_file, _log_file
    root = logging.getLogger()
    level, wrong = _level()
    root.setLevel(level)
    for handler in list(root.handlers):
        root.removeHandler(handler)
    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(logging.Formatter(FORMAT))
    # Under systemd the journal, not the same line again on standard error.
    root.addHandler(JournalHandler(console) if stderr_is_journal() else console)
    root.addHandler(errors)
    if wrong:
        logging.getLogger(__name__).warning("$%s=%s is not a level: use DEBUG, INFO, WARNING or ERROR; using INFO",
                                            LEVEL_VARIABLE, wrong)
    QLoggingCategory.setFilterRules(QT_RULES)
    qInstallMessageHandler(_qt_message)
    folder = folder or log_dir()
    _log_file = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(folder / LOG_FILE, maxBytes=max_bytes,
                                                       backupCount=BACKUPS, encoding="utf-8")
        _crash_file = open(folder / CRASH_FILE, "a", encoding="utf-8")  # noqa: SIM115 (kept open)
    except OSError as error:
        logging.getLogger(__name__).warning("no log file (%s: %s); logging to standard error only",
                                            folder, error.strerror)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    faulthandler.enable(file=_crash_file, all_threads=True)
    _log_file = folder / LOG_FILE
    return _log_file
