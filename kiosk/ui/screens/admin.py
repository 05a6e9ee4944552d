"""Staff only: the PIN pad and the admin screen. In English whatever language the kiosk is in
(IT staff's screens; patients never reach them without the PIN), drawn in the Latin fonts;
in the patient's text size and theme. The PIN pad mirrors for right-to-left languages except
its digits, which keep a telephone's order.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QBoxLayout, QFrame, QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.admin.pin import MAX_TRIES, PIN_MAX, PinGate
from kiosk.admin.report import AdminReport
from kiosk.ui.accessibility import set_role
from kiosk.ui.screens.base import ScreenBase, row, text_label
from kiosk.ui.theme import LATIN, Theme
from kiosk.ui.widgets.big_button import BigButton
from kiosk.ui.widgets.scroll_area import KineticScrollArea, ScrollContent

MIN_KEY_PX = 96
DIGITS = ("1", "2", "3", "4", "5", "6", "7", "8", "9")


def staff(text: str) -> str:
    """Staff-only words: English on purpose, not sent to translators."""
    return text


def staff_theme(theme: Theme) -> Theme:
    """The patient's colours and text size, in the fonts of the staff screens' English."""
    return replace(theme, families=LATIN)


def latin_labels(theme: Theme) -> str:
    """Overrides the window's fonts (the patient's language's) for this screen's labels."""
    families = ", ".join(f'"{family}"' for family in theme.families)
    return f"QLabel {{ font-family: {families}; }}"


def scrolling(content_layout: QBoxLayout) -> tuple[KineticScrollArea, QWidget]:
    """`content_layout` in a scroll area (only scrolls where large text leaves no other way)."""
    content = ScrollContent()
    content.setLayout(content_layout)
    area = KineticScrollArea()
    area.setWidget(content)
    return area, content


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


class StatsChart(QWidget):
    """Sessions per day, the last 14 days, as bars labelled with their numbers (staff see at a
    glance whether the kiosk is used). Columns where the labels fit at body size, else one row
    per day."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.days: list[tuple[str, int]] = []
        self.px = 28
        self.colors = ("#0B3D91", "#1A1A1A", "#5A5A5A")  # bars, labels, axis

    def set_days(self, days: list[tuple[str, int]]) -> None:
        self.days = days
        self.setAccessibleName(staff("Sessions per day: ") + ", ".join(f"{d} {n}" for d, n in days))
        self.updateGeometry()
        self.update()

    def set_look(self, theme: Theme) -> None:
        c = theme.colors
        self.px, self.colors = theme.body_px, (c.primary, c.text, c.border)
        self.setFont(theme.font(self.px))
        self.updateGeometry()
        self.update()

    def labels(self) -> list[tuple[str, str]]:
        return [(day[8:], str(count)) for day, count in self.days]

    def in_columns(self, width: int) -> bool:
        if not self.days:
            return True
        metrics = QFontMetrics(self.font())
        widest = max(metrics.horizontalAdvance(text) for pair in self.labels() for text in pair)
        return widest + 8 <= width / len(self.days)

    def line_px(self) -> int:
        return QFontMetrics(self.font()).height() + 4

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        if self.in_columns(width):
            return 2 * self.line_px() + 4 * self.px
        return len(self.days) * (self.line_px() + 8)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(14 * 3 * self.px, self.heightForWidth(14 * 3 * self.px))

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if not self.days:
            return
        painter = QPainter(self)
        bar, text, axis = (QColor(color) for color in self.colors)
        top = max(n for _, n in self.days) or 1
        line = self.line_px()
        center = int(Qt.AlignmentFlag.AlignCenter)
        if self.in_columns(self.width()):
            width = self.width() / len(self.days)
            base = self.height() - line
            for index, (day, count) in enumerate(self.labels()):
                height = (base - line) * int(count) / top
                x = index * width
                painter.fillRect(QRectF(x + width * 0.15, base - height, width * 0.7, height), bar)
                painter.setPen(text)
                painter.drawText(QRectF(x, base, width, line), center, day)
                painter.drawText(QRectF(x, base - height - line, width, line), center, count)
            painter.fillRect(QRectF(0, base - 1, self.width(), 3), axis)
            return
        metrics = QFontMetrics(self.font())
        day_w = max(metrics.horizontalAdvance(day) for day, _ in self.days) + 16
        count_w = max(metrics.horizontalAdvance(str(count)) for _, count in self.days) + 16
        room = self.width() - day_w - count_w
        for index, (day, count) in enumerate(self.days):
            y = index * (line + 8)
            length = room * count / top
            painter.setPen(text)
            painter.drawText(QRectF(0, y, day_w - 16, line), int(Qt.AlignmentFlag.AlignVCenter), day)
            painter.fillRect(QRectF(day_w, y + line * 0.15, length, line * 0.7), bar)
            painter.drawText(QRectF(day_w + length + 8, y, count_w, line), int(Qt.AlignmentFlag.AlignVCenter),
                             str(count))
        painter.fillRect(QRectF(day_w - 3, 0, 3, self.height()), axis)


class AdminScreen(ScreenBase):
    """The terminal's state in sections (content status, languages, statistics) that scroll,
    over a fixed row of actions: no button is ever reached only by scrolling."""

    back = Signal()
    exit_requested = Signal()
    speech_test = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # English words, left to right
        self.heading = text_label("heading")
        self.heading.setText(staff("Admin"))
        self.sections: dict[str, QWidget] = {}
        self.grids: dict[str, QGridLayout] = {}
        column = QVBoxLayout()
        column.setContentsMargins(48, 24, 48, 24)
        column.setSpacing(16)
        column.addWidget(self.heading)
        for name in ("Content status", "Languages", "Statistics"):
            title = text_label("section")
            set_role(title, "heading")
            title.setText(staff(name))
            grid = QGridLayout()
            grid.setHorizontalSpacing(32)
            grid.setVerticalSpacing(8)
            grid.setColumnStretch(1, 2)
            grid.setColumnStretch(0, 1)
            rule = QFrame()
            rule.setObjectName("AdminRule")
            rule.setFixedHeight(3)
            column.addSpacing(16)
            column.addWidget(rule)
            column.addWidget(title)
            column.addLayout(grid)
            self.sections[name], self.grids[name] = title, grid
        self.chart_caption = text_label()
        self.chart = StatsChart()
        column.addWidget(self.chart_caption)
        column.addWidget(self.chart)
        column.addStretch(1)
        self.scroll, _ = scrolling(column)

        self.test_button = BigButton(staff("Test the voice"), glyph="speaker")
        self.back_button = BigButton(staff("Back to the kiosk"), glyph="back")
        # Apart from the rest, past a rule, and plain: it ends the program, it is no alarm.
        self.exit_button = BigButton(staff("Exit the program"))
        self.test_button.clicked.connect(self.speech_test)
        self.back_button.clicked.connect(self.back)
        self.exit_button.clicked.connect(self.exit_requested)
        self.actions = QWidget()
        self.actions.setObjectName("AdminActions")
        self.actions.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.actions.setAccessibleName(staff("Actions"))
        set_role(self.actions, "group")
        self.rule = QFrame()
        self.rule.setObjectName("AdminRule")
        self.rule.setFixedWidth(3)
        buttons = QHBoxLayout(self.actions)
        buttons.setContentsMargins(48, 16, 48, 16)
        buttons.setSpacing(24)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        buttons.addWidget(self.rule)
        buttons.addWidget(self.exit_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.scroll, 1)
        outer.addWidget(self.actions)

    def _fill(self, name: str, pairs: list[tuple[str, str]]) -> None:
        grid = self.grids[name]
        while grid.count():
            widget = grid.takeAt(0).widget()
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        for index, (key, value) in enumerate(pairs):
            right = text_label()
            right.setText(value)
            if not key:  # a sentence on its own (why the figures are missing)
                grid.addWidget(right, index, 0, 1, 2)
                continue
            left = text_label("fact")
            left.setText(key)
            grid.addWidget(left, index, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(right, index, 1, Qt.AlignmentFlag.AlignTop)

    def show_report(self, report: AdminReport) -> None:
        self._fill("Content status", report.facts)
        self._fill("Languages", [(f"{row.code} {row.name}", f"{row.state}; {row.review}; {row.voice}")
                                 for row in report.languages])
        usage = report.usage or [("", staff("Usage statistics have not started yet."))]
        self._fill("Statistics", usage)
        days = report.per_day or []
        self.chart_caption.setText(staff("Sessions per day, {first} to {last}:").format(
            first=days[0][0], last=days[-1][0]) if days else "")
        self.chart_caption.setVisible(bool(days))
        self.chart.setVisible(bool(days))
        self.chart.set_days(days)

    def rows(self, section: str) -> list[tuple[str, str]]:
        """What a section's table shows, row by row: (name, value), or ("", a sentence)."""
        grid, rows = self.grids[section], []
        for index in range(grid.rowCount()):
            cells = [grid.itemAtPosition(index, column) for column in (0, 1)]
            texts = [cell.widget().text() if cell is not None else "" for cell in cells]
            if cells[0] is not None and cells[0] is cells[1]:  # one label across both columns
                texts = ["", texts[0]]
            if any(texts):
                rows.append((texts[0], texts[1]))
        return rows

    def text(self) -> str:
        """Every word of the report as shown, one row a line."""
        return "\n".join(f"{name}: {value}" if name else value
                         for section in self.grids for name, value in self.rows(section))

    def apply_theme(self, theme: Theme) -> None:
        theme = staff_theme(theme)
        super().apply_theme(theme)
        c = theme.colors
        self.setStyleSheet(latin_labels(theme) + f"""
            QLabel[role="section"] {{ font-weight: bold; font-size: {(theme.body_px + theme.heading_px) // 2}px; }}
            QLabel[role="fact"] {{ font-weight: bold; }}
            #AdminActions {{ background: {c.background}; border-top: 3px solid {c.border}; }}
            #AdminRule {{ background: {c.border}; }}
        """)
        self.chart.set_look(theme)
