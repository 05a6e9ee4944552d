"""Baseline for bench/startup.py: a bare PySide6 window showing one label."""

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel


def pss_kb() -> int:
    with open("/proc/self/smaps_rollup") as rollup:
        return next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))


class FirstPaint(QObject):
    def eventFilter(self, obj, event):  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, report)
        return False


def report():
    print(f"first_paint {time.monotonic():.6f}", flush=True)
    print(f"pss_first_kb {pss_kb()}", flush=True)
    app.quit()


app = QApplication(sys.argv)
label = QLabel("Learn about your medicine")
label.resize(*(int(v) for v in os.environ.get("BENCH_SIZE", "1280x800").split("x")))
watcher = FirstPaint()
label.installEventFilter(watcher)
label.show()
sys.exit(app.exec())
