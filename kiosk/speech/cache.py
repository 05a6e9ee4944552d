"""Synthesised audio kept per (text, voice, rate) in a temporary folder removed on shutdown."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections import OrderedDict

from kiosk.speech.types import Utterance

log = logging.getLogger(__name__)

CacheKey = tuple[str, str, int]  # text, voice, rate (words a minute)


def key_of(utterance: Utterance) -> CacheKey:
    return utterance.text, utterance.voice, utterance.rate


class AudioCache:
    """The newest `max_items` utterances; older ones are forgotten and their files deleted."""

    def __init__(self, max_items: int = 300) -> None:
        self.folder = tempfile.mkdtemp(prefix="kiosk-speech-")
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


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError as error:
        log.debug("could not delete %s: %s", path, error)
