"""Is a screen reader in use? The site's setting, or the system asked.

While one is, the kiosk's own voice must not talk over it (read-aloud never starts by itself,
keypad speech stays quiet) and the idle time is longer: listening takes longer than reading,
and a screen reader's own keys never reach the kiosk.

`accessibility.screen_reader` = "yes" or "no" decides; "auto" asks the system at each session
start (and when asked again after a minute):
- Linux: the accessibility bus's `org.a11y.Status.ScreenReaderEnabled` (the desktop's "screen
  reader" switch), or a screen reader running as this user: GNOME Orca started by hand or by
  an autostart file sets only `IsEnabled`, which other assistive tools set too, so its process
  is looked for (/proc);
- Windows: `SystemParametersInfo(SPI_GETSCREENREADER)`, which screen readers (NVDA, JAWS,
  Narrator) set.
A system that cannot be asked answers "no".
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

log = logging.getLogger(__name__)

ASK_EVERY_S = 60.0  # a screen reader started mid-session is noticed within a minute
DBUS_TIMEOUT_MS = 300  # a bus that does not answer must not hold up the screen


class ScreenReaderCheck:
    def __init__(self, setting: str = "auto", ask=None):
        """`ask` is the system question (a callable returning bool); the default asks the
        platform's own way."""
        self.setting = setting
        self._ask = ask or ask_system
        self._answer: bool | None = None
        self._asked_at = 0.0

    def screen_reader(self) -> bool:
        if self.setting != "auto":
            return self.setting == "yes"
        if self._answer is None or time.monotonic() - self._asked_at > ASK_EVERY_S:
            self.refresh()
        return bool(self._answer)

    def refresh(self) -> None:
        """Ask the system again now (a new session starts)."""
        if self.setting != "auto":
            return
        try:
            answer = bool(self._ask())
        except Exception as error:  # a broken bus is "no screen reader", never a fault on screen
            log.info("cannot ask whether a screen reader runs (%s); assuming none", error)
            answer = False
        if answer != self._answer:
            log.info("screen reader in use: %s", "yes" if answer else "no")
        self._answer, self._asked_at = answer, time.monotonic()


SCREEN_READERS = ("orca",)  # programs (their file names) that are screen readers on Linux


def ask_system() -> bool:
    if sys.platform.startswith("win"):
        return _windows_screen_reader()
    return _atspi_screen_reader() or _screen_reader_running()


def _screen_reader_running(proc: Path = Path("/proc")) -> bool:
    """A screen reader's process of this user (Orca is a Python program: `python3 /usr/bin/orca`)."""
    uid = os.getuid()
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if entry.stat().st_uid != uid:
                continue
            args = (entry / "cmdline").read_bytes().split(b"\0")[:2]
        except OSError:  # it ended meanwhile, or is not ours to read
            continue
        names = [Path(arg.decode(errors="replace")).name for arg in args if arg]
        if names and (names[0] in SCREEN_READERS
                      or (names[0].startswith("python") and len(names) > 1 and names[1] in SCREEN_READERS)):
            return True
    return False


def _atspi_screen_reader() -> bool:
    from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage

    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return False
    status = QDBusInterface("org.a11y.Bus", "/org/a11y/bus", "org.freedesktop.DBus.Properties", bus)
    status.setTimeout(DBUS_TIMEOUT_MS)
    reply = status.call("Get", "org.a11y.Status", "ScreenReaderEnabled")
    if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
        return False
    value = reply.arguments()[0]
    value = getattr(value, "variant", lambda: value)()  # (a QDBusVariant in some bindings)
    return bool(value)


def _windows_screen_reader() -> bool:
    import ctypes

    spi_getscreenreader = 0x0046
    flag = ctypes.c_int(0)
    ok = ctypes.windll.user32.SystemParametersInfoW(spi_getscreenreader, 0, ctypes.byref(flag), 0)
    return bool(ok and flag.value)
