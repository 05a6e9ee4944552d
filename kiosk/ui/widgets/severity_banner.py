"""The band above an urgent or warning screen: its own colour, an icon and words.

Colour is never the only signal: the band says "Get medical help right away" or
"Call your doctor" in words, with a pictogram.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.content import Severity
from kiosk.ui.theme import DEFAULT, Theme
from kiosk.ui.widgets.icon import UI_ICONS, tinted_icon
from kiosk.ui.widgets.reading_mark import ReadingMark

PAD = 16


class SeverityBanner(ReadingMark, QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._severity = Severity.NORMAL
        self._text = ""
        self._theme = Theme(DEFAULT, 1.0)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_state(self, severity: Severity, text: str, theme: Theme) -> None:
        self._severity, self._text, self._theme = severity, text, theme
        self.setFont(theme.font(theme.control_px, bold=True))
        self.setAccessibleName(text)
        self.setVisible(severity is not Severity.NORMAL)
        self.updateGeometry()
        self.update()

    def text(self) -> str:
        return self._text

    def _icon_px(self) -> int:
        return round(self._theme.control_px * 1.6)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        text_w = max(1, width - 3 * PAD - self._icon_px())
        flags = int(Qt.TextFlag.TextWordWrap)
        text_h = QFontMetrics(self.font()).boundingRect(0, 0, text_w, 100000, flags, self._text).height()
        return max(self._icon_px(), text_h) + 2 * PAD

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(600, self.heightForWidth(600))

    def colors(self) -> tuple[str, str]:
        c = self._theme.colors
        if self._severity is Severity.URGENT:
            return c.urgent, c.on_urgent
        return c.warning, c.on_warning

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        fill, ink = self.colors()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(fill))
        painter.setPen(QColor(ink))
        painter.drawRoundedRect(self.rect().adjusted(1, 1, -2, -2), 12, 12)
        if self._reading:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(self._theme.colors.highlight), 6))
            painter.drawRoundedRect(self.rect().adjusted(3, 3, -4, -4), 12, 12)
            painter.setPen(QColor(ink))
        icon = self._icon_px()
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        icon_x = self.width() - PAD - icon if rtl else PAD
        name = UI_ICONS["urgent" if self._severity is Severity.URGENT else "warning"]
        painter.drawPixmap(icon_x, (self.height() - icon) // 2,
                           tinted_icon(name, icon, ink, self.devicePixelRatioF()))
        text_rect = self.rect().adjusted(2 * PAD + icon, PAD, -PAD, -PAD)
        if rtl:
            text_rect = self.rect().adjusted(PAD, PAD, -(2 * PAD + icon), -PAD)
        painter.setFont(self.font())
        align = Qt.AlignmentFlag.AlignVCenter | (Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
        painter.drawText(text_rect, int(align | Qt.TextFlag.TextWordWrap), self._text)
