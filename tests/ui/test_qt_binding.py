"""Guards against a Qt binding that corrupts the interpreter.

PySide6 6.12.0 under Python 3.11 drops a reference to None on every call that returns
nothing; after a few thousand paint calls the process aborts with "deallocating None".
The kiosk paints all day, so this is checked before anything else.
"""

import sys

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter


def test_void_calls_keep_none_alive(kiosk_app):
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    before = sys.getrefcount(None)
    for _ in range(2000):
        painter.setBrush(QColor("#ffffff"))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.drawRect(QRect(0, 0, 8, 8))
        painter.setBrush(Qt.BrushStyle.NoBrush)
    after = sys.getrefcount(None)
    painter.end()
    # A correct binding leaves None's count where it was (give or take a few).
    assert after >= before - 10, f"None lost {before - after} references: broken Qt binding"
