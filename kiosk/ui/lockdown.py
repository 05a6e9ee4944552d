"""Inside the program, a patient cannot leave it: closing keys, close requests and
right-click menus are ignored unless staff opened the admin mode.

What only the operating system can lock (switching tasks, the desktop) is for the
system's kiosk mode: packaging/README.md explains cage + systemd and Windows Assigned Access.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

# Key combinations that close or quit in desktop programs and window managers.
BLOCKED_KEYS = (
    QKeySequence("Alt+F4"), QKeySequence("Ctrl+Q"), QKeySequence("Ctrl+W"), QKeySequence("Ctrl+F4"),
    QKeySequence("Ctrl+Shift+Q"), QKeySequence("Ctrl+Shift+W"),
)


def key_sequence(event) -> QKeySequence:
    return QKeySequence(event.keyCombination())


class Lockdown(QObject):
    """Sees every event through the main window's filter (MainWindow.set_lockdown);
    `unlocked` is set only by the admin mode."""

    def __init__(self, window: QWidget, parent: QObject | None = None):
        super().__init__(parent)
        self.window = window
        self.unlocked = False
        self.ignored = 0  # how many attempts were ignored (for the log and tests)

    def watch_application(self) -> None:
        """For a window without an event filter of its own: see every event of the program."""
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        return self.blocks(obj, event)

    def hide_cursor(self, hidden: bool) -> None:
        """For touch-only terminals: no pointer drawn over the screens."""
        if hidden:
            QApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
        else:
            while QApplication.overrideCursor() is not None:
                QApplication.restoreOverrideCursor()

    def blocks(self, obj, event) -> bool:
        """True when `event` is one a patient may not use (it is then dropped)."""
        if self.unlocked:
            return False
        kind = event.type()
        if kind == QEvent.Type.KeyPress and key_sequence(event) in BLOCKED_KEYS:
            return self._ignore(f"key {key_sequence(event).toString()}")
        if kind == QEvent.Type.ContextMenu:
            return self._ignore("context menu")
        if kind == QEvent.Type.Close and obj is self.window:
            event.ignore()
            return self._ignore("close request")
        return False

    def _ignore(self, what: str) -> bool:
        self.ignored += 1
        log.info("ignored outside admin mode: %s", what)
        return True
