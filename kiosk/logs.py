"""The kiosk's log: a rotating file in the platform's log folder, Qt's messages in it too.

Nothing a patient does is written as text they typed (there is none to type); the log
holds start-up, settings and content problems, language switches, errors with their
tracebacks, and Qt's own warnings. A hard crash's faulthandler trace goes to crash.log
beside it.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
from pathlib import Path

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

from kiosk.resources import log_dir

LOG_FILE = "kiosk.log"
CRASH_FILE = "crash.log"
MAX_BYTES = 1_000_000
BACKUPS = 5  # kiosk.log.1 ... kiosk.log.5: ~6 MB at most
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
_crash_file = None  # kept open for faulthandler


def _qt_message(kind, context, message) -> None:
    logging.getLogger("qt").log(QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def setup_logging(folder: Path | None = None, max_bytes: int = MAX_BYTES) -> Path | None:
    """Log to the rotating file and to standard error; route Qt's messages. Returns the
    file, or None when the folder cannot be written (then standard error only, said once)."""
    global _crash_file
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    for handler in list(root.handlers):
        root.removeHandler(handler)
    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(console)
    qInstallMessageHandler(_qt_message)
    folder = folder or log_dir()
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
    return folder / LOG_FILE
