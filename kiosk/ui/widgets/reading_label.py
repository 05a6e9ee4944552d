"""A word-wrapping label that can mark the word being read aloud.

Plain text normally; while a word is marked, the same text as rich text with that word
on the theme's highlight colour (underlined too, so the mark does not depend on colour).
In right-to-left text, numbers, doses and Latin names are drawn isolated, left to right
(kiosk/i18n/bidi.py); the text given stays what is read and what screen readers get.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from kiosk.i18n.bidi import isolate, strip_controls


class ReadingLabel(QLabel):
    def __init__(self, role: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setProperty("role", role)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self._spoken = ""
        self._drawn = ""  # _spoken as drawn (tokens isolated in right-to-left text)
        self._positions: list[int] = [0]  # where each character of _spoken is in _drawn
        self._prefix = ""
        self._mark: tuple[int, int] | None = None
        self._mark_colors = ("#0B3D91", "#FFFFFF")

    def setText(self, text: str) -> None:  # noqa: N802 (Qt API)
        self.set_content(text)

    def set_content(self, text: str, prefix: str = "") -> None:
        """Show `prefix + text`; only `text` is read aloud (a bullet is not)."""
        self._spoken, self._prefix, self._mark = text, prefix, None
        self._drawn, self._positions = isolate(text)
        self.setAccessibleName(strip_controls(text))
        self._render()

    def spoken_text(self) -> str:
        return self._spoken

    def shown_text(self) -> str:
        return self._prefix + self._drawn

    def set_mark_colors(self, background: str, foreground: str) -> None:
        self._mark_colors = (background, foreground)
        if self._mark:
            self._render()

    def set_mark(self, start: int, length: int) -> None:
        """Mark characters [start, start+length) of the spoken text; (-1, 0) clears."""
        mark = (start, length) if start >= 0 and length > 0 else None
        if mark != self._mark:
            self._mark = mark
            self._render()

    def mark(self) -> tuple[int, int] | None:
        return self._mark

    def line_top(self, offset: int) -> int:
        """Roughly where (pixels from the top) the line holding `offset` starts."""
        if offset <= 0:
            return 0
        flags = int(Qt.TextFlag.TextWordWrap)
        before = self.fontMetrics().boundingRect(0, 0, max(1, self.contentsRect().width()), 100000, flags,
                                                 self.shown_text()[:len(self._prefix) + self._at(offset)] + "x")
        return max(0, before.height() - self.fontMetrics().height())

    def _render(self) -> None:
        if self._mark is None:
            self.setTextFormat(Qt.TextFormat.PlainText)
            super().setText(self.shown_text())
            return
        start = self._at(self._mark[0])
        length = self._at(self._mark[0] + self._mark[1] - 1) + 1 - start
        text = self._drawn
        background, foreground = self._mark_colors
        parts = (html.escape(self._prefix).replace(" ", "&nbsp;"), html.escape(text[:start]),
                 f'<span style="background-color:{background}; color:{foreground}; '
                 f'text-decoration:underline;">{html.escape(text[start:start + length])}</span>',
                 html.escape(text[start + length:]))
        self.setTextFormat(Qt.TextFormat.RichText)
        super().setText("".join(parts))

    def _at(self, offset: int) -> int:
        """Where character `offset` of the spoken text is in the drawn text."""
        return self._positions[max(0, min(offset, len(self._positions) - 1))]
