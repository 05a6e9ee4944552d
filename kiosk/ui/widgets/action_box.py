"""The box around a screen's danger signs, headed by what to do about them.

Urgent content looks and reads unlike anything else: for "now" and "right away" the
screen's text and signs sit in a bordered box whose heading is the action itself ("Tell
your nurse now. ..."), on the tier's colour with a warning mark, so colour is never the
only signal; the action is read first. With no action (or "ask") the box draws nothing.

Drawn here from the theme's colours, not restyled through the style sheet: re-polishing
widgets while a screen reader is reading them crashed Qt's accessibility cache. Each label
keeps the one role it was made with.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.content import Action
from kiosk.content.actions import ActionLines
from kiosk.i18n.bidi import strip_controls
from kiosk.ui.accessibility import set_role
from kiosk.ui.theme import DEFAULT, Theme
from kiosk.ui.widgets.icon import UI_ICONS, Picture
from kiosk.ui.widgets.reading_label import ReadingLabel

BOXED = (Action.NOW, Action.RIGHT_AWAY)
BORDER_PX = {Action.NOW: 6, Action.RIGHT_AWAY: 5}
RADIUS = 14


class _Header(QWidget):
    """The action's band: the tier's colour behind the mark and the words."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.fill = "#000000"

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.fill))
        painter.drawRoundedRect(QRectF(self.rect()), RADIUS - 4, RADIUS - 4)


class ActionBox(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ActionBox")
        self.header = _Header()
        self.mark = Picture()
        # One label per tier, each with its own ink (style sheet role), shown as needed.
        self.action_now = ReadingLabel("action-now")
        self.action_right_away = ReadingLabel("action-right-away")
        set_role(self, "group")  # named by its action (set_lines), the signs inside it
        for label in (self.action_now, self.action_right_away):
            set_role(label, "heading")  # the action is the box's heading
        self.more = ReadingLabel("action-right-away")
        words = QVBoxLayout()
        words.setContentsMargins(0, 0, 0, 0)
        words.setSpacing(8)
        for label in (self.action_now, self.action_right_away, self.more):
            words.addWidget(label)
        header_layout = QHBoxLayout(self.header)
        header_layout.setContentsMargins(16, 14, 16, 14)
        header_layout.setSpacing(16)
        header_layout.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignTop)
        header_layout.addLayout(words, 1)
        self.content = QVBoxLayout()  # the page puts its text and list here
        self.content.setContentsMargins(0, 0, 0, 0)
        self.content.setSpacing(20)
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.outer.setSpacing(20)
        self.outer.addWidget(self.header)
        self.outer.addLayout(self.content)
        self._lines: ActionLines | None = None
        self._theme = Theme(DEFAULT, 1.0)
        self.header.hide()

    @property
    def action(self) -> ReadingLabel:
        """The label showing the action's words now."""
        return self.action_right_away if self.tier() == Action.RIGHT_AWAY.value else self.action_now

    def tier(self) -> str:
        """"now", "right-away", or "" when the box draws nothing."""
        lines = self._lines
        return lines.action.value if lines is not None and lines.action in BOXED else ""

    def set_lines(self, lines: ActionLines | None, theme: Theme) -> None:
        self._lines = lines
        boxed = bool(self.tier())
        self.header.setVisible(boxed)
        now = boxed and lines.action is Action.NOW
        self.action_now.set_content(lines.heading if now else "")
        self.action_now.setVisible(now)
        self.action_right_away.set_content(lines.heading if boxed and not now else "")
        self.action_right_away.setVisible(boxed and not now)
        self.more.set_content(lines.more if boxed and not now else "")
        self.more.setVisible(boxed and not now and bool(lines.more))
        # Read by screen readers as what it is: the action for the signs under it.
        self.setAccessibleName(strip_controls(lines.heading) if boxed else "")
        pad = 24 if boxed else 0
        self.outer.setContentsMargins(pad // 4, pad // 4, pad // 4, pad)
        self.content.setContentsMargins(pad, 0, pad, 0)
        self.apply_theme(theme)

    def lines(self) -> ActionLines | None:
        return self._lines

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        c = theme.colors
        for label in (self.action_now, self.action_right_away, self.more):
            label.set_mark_colors(c.highlight, c.on_highlight)
        if self.tier():
            urgent = self._lines.action is Action.NOW
            self.header.fill = c.urgent if urgent else c.warning
            ink = c.on_urgent if urgent else c.on_warning
            self.mark.set_icon(UI_ICONS["urgent" if urgent else "warning"], ink, round(theme.body_px * 1.6))
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if not self.tier():
            return
        c = self._theme.colors
        width = BORDER_PX[self._lines.action]
        border = c.urgent if self._lines.action is Action.NOW else c.warning_border
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(border), width))
        painter.setBrush(QColor(c.surface))
        inset = width / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), RADIUS, RADIUS)

    def spoken_parts(self) -> list[QWidget]:
        if not self.tier():
            return []
        return [label for label in (self.action, self.more) if label.isVisibleTo(self)]
