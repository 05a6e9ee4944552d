"""Where you are in a topic: dots and the words "2 of 4"."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.theme import DEFAULT, Theme


class Dots(QWidget):
    """One dot per screen: filled up to the current one. Decorative; the label says it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.current, self.total = 0, 0
        self.theme = Theme(DEFAULT, 1.0)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def _dot(self) -> int:
        return 18

    def set_state(self, current: int, total: int, theme: Theme) -> None:
        self.current, self.total, self.theme = current, total, theme
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(max(1, self.total) * self._dot() * 2, self._dot() + 4)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(0, self._dot() + 4)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self.total <= 0:
            return
        dot = self._dot()
        step = min(dot * 2, max(dot // 2, self.width() // self.total))
        size = min(dot, step - 4)
        start = (self.width() - step * self.total) // 2
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = QColor(self.theme.colors.text)
        painter.setPen(QPen(color, 2))
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        for i in range(self.total):
            slot = self.total - 1 - i if rtl else i
            painter.setBrush(color if i < self.current else Qt.BrushStyle.NoBrush)
            x = start + slot * step + (step - size) // 2
            painter.drawEllipse(x, (self.height() - size) // 2, size, size)


class Progress(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.dots = Dots(self)
        self.label = QLabel(self)
        self.label.setProperty("role", "progress")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        row = QHBoxLayout()
        row.addWidget(self.dots)
        layout.addLayout(row)
        layout.addWidget(self.label)

    def set_state(self, current: int, total: int, text: str, theme: Theme) -> None:
        self.dots.set_state(current, total, theme)
        self.label.setText(text)
        self.label.setAccessibleName(text)
