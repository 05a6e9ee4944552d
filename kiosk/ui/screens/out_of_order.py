"""Shown instead of the guide when the content cannot be loaded.

Patients see a calm notice; staff see the one-line reason (file, place, fix) in small
print and in the log. Never a traceback.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.screens.base import ScreenBase, text_label
from kiosk.ui.theme import DEFAULT, Theme


class OutOfOrderScreen(ScreenBase):
    def __init__(self, reason: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("KioskWindow")
        self.reason = reason
        self.heading = text_label("title")
        self.message = text_label()
        self.detail = text_label("muted")
        self.detail.setProperty("role", "control")
        for label in (self.heading, self.message, self.detail):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 64, 64, 64)
        layout.setSpacing(32)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.detail)
        theme = Theme(DEFAULT, 1.0)
        self.setStyleSheet(theme.stylesheet())
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("This guide is not available right now"))
        self.message.setText(self.tr("Please ask a member of staff for help."))
        self.detail.setText(self.tr("For staff: {reason}").format(reason=self.reason))
