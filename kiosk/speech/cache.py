"""Synthesised audio kept per (text, voice, rate) in a folder of its own, removed on shutdown.

The folder is `run-<pid>-<random>` under the platform's runtime (or cache) folder
(kiosk.resources.speech_dir). A running kiosk holds a lock on the `.lock` file in its folder
for as long as it lives; the operating system drops the lock when the process dies, however
it dies. At start a kiosk removes every folder whose lock it can take: what a crash, a power
cut or SIGKILL left behind. Two kiosks (a second instance refused at start, a self-test run
beside the kiosk) never remove each other's files.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections import OrderedDict
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: open files cannot be deleted there, so leftovers are only old ones
    fcntl = None

from kiosk.speech.types import Utterance

log = logging.getLogger(__name__)

CacheKey = tuple[str, str, int]  # text, voice, rate (words a minute)


def key_of(utterance: Utterance) -> CacheKey:
    return utterance.text, utterance.voice, utterance.rate


class AudioCache:
    """The newest `max_items` utterances; older ones are forgotten and their files deleted."""

    def __init__(self, max_items: int = 300, parent: Path | None = None) -> None:
        self._lock = None
        self.folder = self._make_folder(parent)
        self.max_items = max_items
        self._items: OrderedDict[CacheKey, Utterance] = OrderedDict()
        self._count = 0

    def new_path(self) -> str:
        """A fresh file name in the folder (never one being played)."""
        self._count += 1
        return os.path.join(self.folder, f"speech-{self._count:05d}.wav")

    def get(self, key: CacheKey) -> Utterance | None:
        utterance = self._items.get(key)
        if utterance is None:
            return None
        if not os.path.isfile(utterance.wav_path):
            del self._items[key]
            return None
        self._items.move_to_end(key)
        return utterance

    def put(self, utterance: Utterance) -> None:
        key = key_of(utterance)
        old = self._items.pop(key, None)
        if old is not None and old.wav_path != utterance.wav_path:
            _unlink(old.wav_path)
        self._items[key] = utterance
        while len(self._items) > self.max_items:
            _, dropped = self._items.popitem(last=False)
            _unlink(dropped.wav_path)

    def remove(self) -> None:
        """Delete the folder and everything in it. Safe to call twice."""
        self._items.clear()
        shutil.rmtree(self.folder, ignore_errors=True)
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def _make_folder(self, parent: Path | None) -> str:
        if parent is None:
            from kiosk.resources import speech_dir

            parent = speech_dir()
        try:
            parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            remove_leftovers(parent)
            folder = tempfile.mkdtemp(prefix=f"run-{os.getpid()}-", dir=parent)
        except OSError as error:
            log.warning("speech files: cannot use %s (%s); using the temporary folder instead",
                        parent, error.strerror or error)
            return tempfile.mkdtemp(prefix="kiosk-speech-")
        if fcntl is not None:
            self._lock = open(os.path.join(folder, LOCK_NAME), "w")  # noqa: SIM115 (held while running)
            fcntl.flock(self._lock, fcntl.LOCK_EX)
        return folder


LOCK_NAME = ".lock"
# A folder without a lock file is one whose kiosk died in the instant between making it and
# locking it, or one being made right now: removed once it is this old.
UNLOCKED_GRACE_S = 60


def remove_leftovers(parent: Path) -> int:
    """Remove the speech folders of kiosks no longer running; returns how many."""
    removed = 0
    for folder in parent.glob("run-*"):
        if not folder.is_dir() or not _abandoned(folder):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed += not folder.exists()
    if removed:
        log.info("removed the speech files of %d earlier run(s) that did not end cleanly", removed)
    return removed


def _abandoned(folder: Path) -> bool:
    lock_path = folder / LOCK_NAME
    if fcntl is None or not lock_path.exists():
        try:
            return time.time() - folder.stat().st_mtime > UNLOCKED_GRACE_S
        except OSError:
            return False
    try:
        with open(lock_path) as lock:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True  # the lock is released when the file closes, before the folder goes
    except BlockingIOError:
        return False  # its kiosk is running
    except OSError:
        return False


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError as error:
        log.debug("could not delete %s: %s", path, error)
