"""Staff only: the PIN pad. It mirrors for right-to-left languages except its digits, which
keep a telephone's order (kiosk/ui/screens/staff_look.py for its look).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.admin.pin import MAX_TRIES, PIN_MAX, PinGate
from kiosk.ui.accessibility import set_role
from kiosk.ui.screens.base import ScreenBase, row, text_label
from kiosk.ui.screens.staff_look import latin_labels, scrolling, staff, staff_theme
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.big_button import BigButton

MIN_KEY_PX = 96
DIGITS = ("1", "2", "3", "4", "5", "6", "7", "8", "9")


class PinDots(QWidget):
    """How many digits are entered, as dots in a field (never which)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        set_role(self, "text")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.count = 0
        self.px = 28
        self.colors = ("#1A1A1A", "#5A5A5A")  # dots, field border
        self.set_count(0)

    def set_count(self, count: int) -> None:
        self.count = count
        self.setAccessibleName(staff("{count} digits entered").format(count=count) if count
                               else staff("No digits entered"))
        self.update()

    def set_look(self, px: int, dots: str, border: str) -> None:
        self.px, self.colors = px, (dots, border)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(round(self.px * (PIN_MAX * 1.1 + 1)), round(self.px * 1.8))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(round(self.px * 4), round(self.px * 1.8))

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        field = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        painter.setPen(QPen(QColor(self.colors[1]), 3))
        painter.drawRoundedRect(field, 12, 12)
        if not self.count:
            return
        step = min(self.px * 1.1, (field.width() - self.px) / PIN_MAX)  # 12 dots always fit
        size = step * 0.7
        left = field.center().x() - step * self.count / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.colors[0]))
        for index in range(self.count):
            painter.drawEllipse(QRectF(left + index * step + (step - size) / 2, field.center().y() - size / 2,
                                       size, size))


class PinPad(ScreenBase):
    accepted = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.gate = PinGate("")
        self.entered = ""
        self.heading = text_label("heading")
        self.heading.setText(staff("Staff: enter the PIN"))
        self.dots = PinDots()
        self.message = text_label()
        for label in (self.heading, self.message):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.keys: dict[str, BigButton] = {}
        for key in (*DIGITS, "Clear", "0", "OK"):
            button = BigButton(staff(key), variant="primary" if key == "OK" else "secondary")
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            self.keys[key] = button
        self.keypad = QWidget()
        # A telephone's order in every language: 1 2 3 from the left. Clear and OK mirror.
        self.keypad.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.grid = QGridLayout(self.keypad)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(16)
        self.cancel_button = BigButton(staff("Cancel"), glyph="back")
        self.cancel_button.clicked.connect(self._cancel)

        self.words = QWidget()
        info = QVBoxLayout(self.words)
        info.setContentsMargins(0, 0, 0, 0)
        info.setSpacing(24)
        info.addStretch(1)
        info.addWidget(self.heading)
        info.addWidget(self.dots, 0, Qt.AlignmentFlag.AlignHCenter)
        info.addWidget(self.message)
        info.addLayout(row(self.cancel_button, centered=True))
        info.addStretch(1)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.box.setContentsMargins(48, 24, 48, 24)
        self.box.setSpacing(48)
        self.box.addStretch(0)
        self.box.addWidget(self.words, 1)
        self.box.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignCenter)
        self.box.addStretch(0)
        self.scroll, _ = scrolling(self.box)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        self._place_keys()

    def _place_keys(self) -> None:
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        order = (*DIGITS, *(("OK", "0", "Clear") if rtl else ("Clear", "0", "OK")))
        for key in order:
            self.grid.removeWidget(self.keys[key])
        for index, key in enumerate(order):
            self.grid.addWidget(self.keys[key], index // 3, index % 3)

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
        elif len(self.entered) < PIN_MAX:
            self.entered += key
        self._refresh()

    def _refresh(self, wrong: bool = False) -> None:
        self.dots.set_count(len(self.entered))
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
        self.message.setVisible(bool(text))
        usable = self.gate.enabled() and locked <= 0
        self.dots.setVisible(usable)  # nothing can be entered: the reason takes its place
        for button in self.keys.values():
            button.setEnabled(usable)
            button.setAccessibleDescription("" if usable else text)  # why it cannot be pressed

    def _cancel(self) -> None:
        self.entered = ""
        self.cancelled.emit()

    def button_text_px(self, button: BigButton) -> int:
        # Digits at heading size, to read at arm's length; Clear and OK at the buttons' size fit the same key.
        return self.theme.heading_px if button.text().isdigit() else self.theme.control_px

    def apply_theme(self, theme: Theme) -> None:
        theme = staff_theme(theme)
        super().apply_theme(theme)
        self.setStyleSheet(latin_labels(theme))
        self.dots.set_look(theme.body_px, theme.colors.text, theme.colors.border)
        self.words.setMaximumWidth(theme.body_px * 24)  # lines a reader can follow; the rest to the margins
        self._size_keys()

    def _size_keys(self) -> None:
        """Every key the same width and height: the widest label's, at least MIN_KEY_PX."""
        keys = list(self.keys.values())
        width = max(MIN_KEY_PX, *(key.sizeHint().width() for key in keys))
        height = max(MIN_KEY_PX, *(key.heightForWidth(width) for key in keys))
        for key in keys:
            key.setFixedSize(width, height)

    def relayout(self) -> None:
        # Side by side on a wide screen (four rows of keys under the words would not fit
        # 800 px at 200 %); one above the other on a tall one.
        wide = self.width() > self.height()
        self.box.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)
        # The words take the spare width beside the keys, or the space above and below is shared.
        for index, stretch in enumerate((0, 1, 0, 0) if wide else (1, 0, 0, 1)):
            self.box.setStretch(index, stretch)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._place_keys()
        return super().event(event)
