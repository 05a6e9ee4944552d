"""Staff only: the admin screen (sections above a fixed row of actions) and its chart
(kiosk/ui/screens/staff_look.py for its look; the PIN pad is kiosk/ui/screens/pin_pad.py).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.admin.report import AdminReport
from kiosk.ui.accessibility import set_role
from kiosk.ui.screens.base import ScreenBase, text_label
from kiosk.ui.screens.staff_look import latin_labels, scrolling, staff, staff_theme
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.big_button import BigButton


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
        self.px, self.colors = theme.body_px, (c.highlight, c.text, c.border)  # bars never the colour of their labels
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
    """The terminal's state in sections (content status, languages, statistics, the check
    questions answered right first time least often) that scroll, over a fixed row of actions:
    no button is ever reached only by scrolling."""

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
        self.chart_caption = text_label()
        self.chart = StatsChart()
        for name in ("Content status", "Languages", "Statistics", "Check what you learned"):
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
            if name == "Statistics":  # its chart under its figures
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

    def show_answers(self, rows: list[tuple[str, str]]) -> None:
        """(question, "3 of 5 right first time (60 %)") rows, the least often right first."""
        self._fill("Check what you learned", rows or [("", staff("No answers yet"))])

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
