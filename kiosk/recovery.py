"""Never a crash on a patient's screen.

An exception escaping any slot or event handler is logged with its traceback and the
kiosk goes back to its first screen. Errors that keep coming (the program cannot go on)
end it with EXIT_CANNOT_GO_ON, so the watchdog (systemd Restart=always, Shell Launcher)
starts it fresh. A hard crash (a fault in C code) leaves a faulthandler trace.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable

log = logging.getLogger(__name__)

EXIT_CANNOT_GO_ON = 70  # EX_SOFTWARE: restart me
MAX_ERRORS, WINDOW_S = 5, 60.0  # this many within this many seconds: give up


class Recovery:
    def __init__(self, back_to_start: Callable[[], None], give_up: Callable[[int], None]):
        self.back_to_start = back_to_start
        self.give_up = give_up
        self.recent: deque[float] = deque(maxlen=MAX_ERRORS)
        self.previous_hook = sys.excepthook
        self.gave_up = False  # once ending, later errors are logged once and change nothing
        self._said_after = False

    def install(self) -> None:
        if not faulthandler.is_enabled():  # kiosk.logs sends it to crash.log when it can
            faulthandler.enable(file=sys.stderr, all_threads=True)
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        sys.excepthook = self.previous_hook

    def handle(self, kind, value, tb) -> None:
        if self.gave_up:
            if not self._said_after:  # errors while the program winds down: one line, not thousands
                log.error("further errors while ending (not shown): first %s", kind.__name__)
                self._said_after = True
            return
        log.error("unexpected error; back to the first screen:\n%s",
                  "".join(traceback.format_exception(kind, value, tb)).rstrip())
        now = time.monotonic()
        self.recent.append(now)
        if len(self.recent) == MAX_ERRORS and now - self.recent[0] < WINDOW_S:
            log.critical("%d errors in %.0f s: ending so the watchdog restarts the kiosk", MAX_ERRORS, WINDOW_S)
            self.gave_up = True
            self.give_up(EXIT_CANNOT_GO_ON)
            return
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, self.back_to_start)  # once the failing handler has unwound
