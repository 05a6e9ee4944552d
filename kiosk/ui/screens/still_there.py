""""Still there?": shown over the screen after the idle timeout, counting down to the reset.

A touch anywhere on it (or the big Continue button) keeps the session; when the count
reaches zero it says so and the main window starts over for the next patient.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.screens.base import ScreenBase, row, text_label
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.big_button import BigButton


class StillThereOverlay(ScreenBase):
    continued = Signal()
    expired = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("StillThere")
        self.seconds = 20.0
        self.clock = QElapsedTimer()
        self.tick = QTimer(self)
        self.tick.setInterval(250)
        self.tick.timeout.connect(self._on_tick)

        self.panel = QWidget()
        self.panel.setObjectName("StillTherePanel")
        self.panel.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.heading = text_label("title")
        self.message = text_label()
        for label in (self.heading, self.message):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.continue_button = BigButton(glyph="next", variant="primary")
        self.continue_button.clicked.connect(self._continue)
        inner = QVBoxLayout(self.panel)
        inner.setContentsMargins(48, 40, 48, 40)
        inner.setSpacing(24)
        inner.addWidget(self.heading)
        inner.addWidget(self.message)
        inner.addLayout(row(self.continue_button, centered=True))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addStretch(1)
        outer.addWidget(self.panel)
        outer.addStretch(1)
        self.hide()
        self.retranslate()

    def start(self, seconds: float) -> None:
        self.seconds = seconds
        self.clock.start()
        self.tick.start()
        self.retranslate()
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.continue_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def stop(self) -> None:
        self.tick.stop()
        self.hide()

    def remaining(self) -> int:
        return max(0, math.ceil(self.seconds - self.clock.elapsed() / 1000)) if self.clock.isValid() else 0

    def _on_tick(self) -> None:
        if self.remaining() <= 0:
            self.stop()
            self.expired.emit()
        else:
            self.retranslate()

    def _continue(self) -> None:
        self.stop()
        self.continued.emit()

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._continue()  # a touch anywhere keeps the session

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Still there?"))
        self.message.setText(self.tr("The screen will start over in {seconds} seconds, for the next patient.")
                             .format(seconds=self.remaining() if self.tick.isActive() else round(self.seconds)))
        self.continue_button.setText(self.tr("Continue"))

    def spoken_parts(self) -> list[QWidget]:
        return [self.heading, self.message, self.continue_button]

    def button_text_px(self, button: BigButton) -> int:
        return self.theme.heading_px

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        c = theme.colors
        self.panel.setStyleSheet(f"#StillTherePanel {{ background: {c.background}; border: 4px solid {c.border};"
                                 " border-radius: 16px; }")

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        # Dim what is behind: the question is the one thing to answer.
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 150))
