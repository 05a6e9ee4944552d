"""The kiosk for bench/startup.py, started through its real entry point (kiosk.__main__).

Only observes: it wraps kiosk.app.build_window to watch the welcome screen's first
paint, prints the time, and (with BENCH_VISIT=1) then visits every screen and prints
the memory in use.
"""

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer

import kiosk.app
from kiosk.__main__ import main

# The draft guide is shown only where drafts are allowed: the development settings.
os.environ.setdefault("KIOSK_CONFIG", os.path.join(os.path.dirname(__file__), "..", "dev", "kiosk.toml"))


def pss_kb() -> int:
    with open("/proc/self/smaps_rollup") as rollup:
        return next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))


class FirstPaint(QObject):
    def __init__(self, window):
        super().__init__()
        self.window = window

    def eventFilter(self, obj, event):  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self.report)
        return False

    def report(self):
        from PySide6.QtWidgets import QApplication

        print(f"first_paint {time.monotonic():.6f}", flush=True)
        print(f"pss_first_kb {pss_kb()}", flush=True)
        if os.environ.get("BENCH_VISIT") == "1":
            from kiosk.screenshots import show_place
            from kiosk.ui.navigator import every_place

            # The read-aloud service starts just after the first frame; count it in.
            deadline = time.monotonic() + 5
            while self.window.speech is None and time.monotonic() < deadline:
                QApplication.processEvents()
                time.sleep(0.005)

            for place in every_place(self.window.guide):
                show_place(self.window, place)
                self.window.read_aloud.read_screen()  # synthesise it, as a listener would
                self.window.grab()  # paint it, as the screen would
                self.window.read_aloud.stop()
            for step, contrast in ((1, False), (2, True), (0, False)):
                self.window.display.set_text_step(step)
                self.window.display.set_high_contrast(contrast)
                QApplication.processEvents()
                self.window.grab()
            print(f"pss_visited_kb {pss_kb()}", flush=True)
        QApplication.instance().exit(0)  # quit() asks windows to close; the kiosk refuses


_build = kiosk.app.build_window
watchers = []


def build_and_watch(guide, reason="", config=None):
    window = _build(guide, reason, config)
    watcher = FirstPaint(window)
    window.welcome.installEventFilter(watcher)
    watchers.append(watcher)
    return window


kiosk.app.build_window = build_and_watch
sys.exit(main(["--windowed", "--size", os.environ.get("BENCH_SIZE", "1280x800")]))
