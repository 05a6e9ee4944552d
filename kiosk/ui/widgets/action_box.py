"""The box around a screen's danger signs, headed by what to do about them.

Urgent content looks and reads unlike anything else: for "now" and "right away" the
screen's text and signs sit in a bordered box whose heading is the action itself ("Tell
your nurse now. ..."), on the tier's colour with a warning mark, so colour is never the
only signal; the action is read first. With no action (or "ask") the box draws nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.content import Action
from kiosk.content.actions import ActionLines
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.icon import UI_ICONS, Picture
from kiosk.ui.widgets.reading_label import ReadingLabel

BOXED = (Action.NOW, Action.RIGHT_AWAY)


class ActionBox(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ActionBox")
        self.setProperty("tier", "")
        self.header = QWidget()
        self.header.setObjectName("ActionHeader")
        self.header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.header.setProperty("tier", "")
        self.mark = Picture()
        self.action = ReadingLabel("action")
        self.more = ReadingLabel("action")
        words = QVBoxLayout()
        words.setContentsMargins(0, 0, 0, 0)
        words.setSpacing(8)
        words.addWidget(self.action)
        words.addWidget(self.more)
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
        self.header.hide()

    def set_lines(self, lines: ActionLines | None, theme: Theme) -> None:
        self._lines = lines
        boxed = lines is not None and lines.action in BOXED
        tier = lines.action.value if boxed else ""
        self.header.setVisible(boxed)
        if boxed:
            self.action.set_content(lines.heading)
            self.more.set_content(lines.more)
            self.more.setVisible(bool(lines.more))
            # Read by screen readers as what it is: the action for the signs under it.
            self.setAccessibleName(lines.heading)
        else:
            self.setAccessibleName("")
        for widget in (self, self.header):
            widget.setProperty("tier", tier)
        # The action's words take the tier's ink through their own role (a child is not
        # restyled when its parent's property changes).
        for label in (self.action, self.more):
            label.setProperty("role", f"action-{tier}" if tier else "action")
        for widget in (self, self.header, self.action, self.more):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        pad = 24 if boxed else 0
        self.outer.setContentsMargins(0, 0, 0, pad)
        self.content.setContentsMargins(pad, 0, pad, 0)
        self.apply_theme(theme)

    def lines(self) -> ActionLines | None:
        return self._lines

    def apply_theme(self, theme: Theme) -> None:
        c = theme.colors
        if self._lines is None or self._lines.action not in BOXED:
            return
        urgent = self._lines.action is Action.NOW
        ink = c.on_urgent if urgent else c.on_warning
        self.mark.set_icon(UI_ICONS["urgent" if urgent else "warning"], ink, round(theme.body_px * 1.6))
        for label in (self.action, self.more):
            label.set_mark_colors(c.highlight, c.on_highlight)

    def spoken_parts(self) -> list[QWidget]:
        if not self.header.isVisible() and not self.header.isVisibleTo(self):
            return []
        return [label for label in (self.action, self.more) if label.isVisibleTo(self)]
