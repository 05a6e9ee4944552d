"""Staff only: the PIN pad and the admin screen. In English, left to right, whatever
language the kiosk is in (IT staff's screens; patients never reach them without the PIN).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from kiosk.admin.pin import MAX_TRIES, PinGate
from kiosk.ui.screens.base import ScreenBase, row, text_label
from kiosk.ui.widgets.big_button import BigButton


def staff(text: str) -> str:
    """Staff-only words: English on purpose, not sent to translators."""
    return text


class PinPad(ScreenBase):
    accepted = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.gate = PinGate("")
        self.entered = ""
        self.heading = text_label("heading")
        self.heading.setText(staff("Staff: enter the PIN"))
        self.dots = text_label("heading")
        self.message = text_label()
        self.keys: dict[str, BigButton] = {}
        grid = QGridLayout()
        grid.setSpacing(16)
        for index, key in enumerate(("1", "2", "3", "4", "5", "6", "7", "8", "9", "Clear", "0", "OK")):
            button = BigButton(staff(key), variant="primary" if key == "OK" else "secondary")
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            self.keys[key] = button
            grid.addWidget(button, index // 3, index % 3)
        self.cancel_button = BigButton(staff("Cancel"), glyph="back")
        self.cancel_button.clicked.connect(self._cancel)
        layout = self.centered_column()
        for label in (self.heading, self.dots, self.message):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(label)
        line = QHBoxLayout()
        line.addStretch(1)
        line.addLayout(grid)
        line.addStretch(1)
        layout.addLayout(line)
        layout.addLayout(row(self.cancel_button, centered=True))
        layout.addStretch(1)

    def open(self, gate: PinGate) -> None:
        self.gate = gate
        self.entered = ""
        self._refresh()

    def press(self, key: str) -> None:
        if key == "Clear":
            self.entered = ""
        elif key == "OK":
            if self.gate.try_pin(self.entered):
                self.entered = ""
                self.accepted.emit()
                return
            self.entered = ""
            self._refresh(wrong=True)
            return
        elif len(self.entered) < 12:
            self.entered += key
        self._refresh()

    def _refresh(self, wrong: bool = False) -> None:
        self.dots.setText("● " * len(self.entered) or staff("–"))
        locked = self.gate.locked_for()
        if not self.gate.enabled():
            text = staff("Admin exit is off: no PIN is set. Run `kiosk set-pin` on this terminal.")
        elif locked > 0:
            text = staff("Too many wrong PINs. The pad is locked for {minutes} more minutes.").format(
                minutes=int(locked // 60) + 1)
        elif wrong:
            text = staff("Wrong PIN. {tries} tries left.").format(tries=MAX_TRIES - self.gate.wrong)
        else:
            text = ""
        self.message.setText(text)
        usable = self.gate.enabled() and locked <= 0
        for button in self.keys.values():
            button.setEnabled(usable)

    def _cancel(self) -> None:
        self.entered = ""
        self.cancelled.emit()


class StatsChart(QWidget):
    """Sessions per day, the last 14 days, as bars (staff see at a glance whether the
    kiosk is used)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.days: list[tuple[str, int]] = []
        self.setMinimumHeight(160)
        self.color, self.text_color = "#0B3D91", "#1A1A1A"

    def set_days(self, days: list[tuple[str, int]]) -> None:
        self.days = days
        self.setAccessibleName(staff("Sessions per day: ") + ", ".join(f"{d[5:]} {n}" for d, n in days))
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if not self.days:
            return
        painter = QPainter(self)
        top = max(n for _, n in self.days) or 1
        width = self.width() / len(self.days)
        label_h = 24
        for index, (day, count) in enumerate(self.days):
            height = (self.height() - 2 * label_h) * count / top
            x = index * width + 4
            painter.fillRect(QRectF(x, self.height() - label_h - height, width - 8, height), QColor(self.color))
            painter.setPen(QColor(self.text_color))
            painter.drawText(QRectF(x, self.height() - label_h, width - 8, label_h),
                             int(Qt.AlignmentFlag.AlignCenter), day[8:])
            painter.drawText(QRectF(x, self.height() - 2 * label_h - height, width - 8, label_h),
                             int(Qt.AlignmentFlag.AlignCenter), str(count))


class AdminScreen(ScreenBase):
    back = Signal()
    exit_requested = Signal()
    speech_test = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.heading = text_label("heading")
        self.heading.setText(staff("Admin"))
        self.info = text_label()
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.chart = StatsChart()
        self.test_button = BigButton(staff("Test the voice"), glyph="speaker")
        self.back_button = BigButton(staff("Back to the kiosk"), glyph="back")
        self.exit_button = BigButton(staff("Exit the program"), variant="urgent")
        self.test_button.clicked.connect(self.speech_test)
        self.back_button.clicked.connect(self.back)
        self.exit_button.clicked.connect(self.exit_requested)
        layout = self.centered_column()
        layout.addWidget(self.heading)
        layout.addWidget(self.info)
        layout.addWidget(self.chart)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        for button in (self.test_button, self.back_button, self.exit_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def show_info(self, lines: list[str], per_day: list[tuple[str, int]] | None = None) -> None:
        self.info.setText("\n".join(lines))
        self.chart.setVisible(bool(per_day))
        self.chart.set_days(per_day or [])

    def apply_theme(self, theme) -> None:
        super().apply_theme(theme)
        self.chart.color, self.chart.text_color = theme.colors.primary, theme.colors.text
