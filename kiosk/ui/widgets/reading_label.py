"""A word-wrapping label that can mark the word being read aloud.

Blocks of text (a screen's text and its list) are drawn as rich text with lines 1.5 times
the text size apart (WCAG 1.4.8; plain text has no line spacing); headings and names stay
plain. While a word is marked, that word on the theme's highlight colour (underlined too,
so the mark does not depend on colour).
In right-to-left text, numbers, doses and Latin names are drawn isolated, left to right
(kiosk/i18n/bidi.py); the text given stays what is read and what screen readers get.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from kiosk.i18n.bidi import isolate, strip_controls
from kiosk.ui.theme import LINE_SPACING

# The roles of blocks of text (a screen's text, its list): drawn with lines 1.5 apart. The
# rest (headings, names, notes) stay plain text, which holds no document of its own.
SPACED_ROLES = ("", "item")


class ReadingLabel(QLabel):
    def __init__(self, role: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
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

    def text(self) -> str:  # the words shown, as plain text (Qt itself draws the rich text)
        return self.shown_text()

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

    def line_height_percent(self) -> int:
        """Qt's proportional line height that makes lines 1.5 times the text size apart.

        100 % is the font's own line height: 1.24 em for Atkinson (so 121 %), 1.45 em for
        CJK; Noto Sans Arabic's is 2.1 em, room for marks stacked above and below, and is
        brought down to 1.7 em (80 %), still above 1.5 and clear of its marks."""
        natural = QFontMetricsF(self.font()).height()
        if not natural:
            return 100
        return max(80, round(100 * LINE_SPACING * self.font().pixelSize() / natural))

    def line_top(self, offset: int) -> int:
        """Roughly where (pixels from the top) the line holding `offset` starts."""
        if offset <= 0:
            return 0
        flags = int(Qt.TextFlag.TextWordWrap)
        metrics = self.fontMetrics()
        before = metrics.boundingRect(0, 0, max(1, self.contentsRect().width()), 100000, flags,
                                      self.shown_text()[:len(self._prefix) + self._at(offset)] + "x")
        lines = max(1, round(before.height() / max(1, metrics.lineSpacing())))
        return round((lines - 1) * metrics.height() * self.line_height_percent() / 100)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.textFormat() == Qt.TextFormat.RichText:
            self._render()  # the line height follows the text size

    def _render(self) -> None:
        if self._mark is None and (self.property("role") not in SPACED_ROLES or not self._drawn):
            # Headings, names and notes are not blocks of text (nor is an empty label): plain,
            # as light as a label gets (a rich label holds a document: time and memory).
            if self.textFormat() != Qt.TextFormat.PlainText or super().text() != self.shown_text():
                self.setTextFormat(Qt.TextFormat.PlainText)
                super().setText(self.shown_text())
            return
        self.setTextFormat(Qt.TextFormat.RichText)
        text, prefix = html.escape(self._drawn), html.escape(self._prefix).replace(" ", "&nbsp;")
        if self._mark is not None:
            start = self._at(self._mark[0])
            length = self._at(self._mark[0] + self._mark[1] - 1) + 1 - start
            drawn = self._drawn
            background, foreground = self._mark_colors
            text = (html.escape(drawn[:start])
                    + f'<span style="background-color:{background}; color:{foreground}; '
                    f'text-decoration:underline;">{html.escape(drawn[start:start + length])}</span>'
                    + html.escape(drawn[start + length:]))
        text = text.replace("\n", "<br>")
        # A heading marked while read keeps its plain lines: its height must not jump under the mark.
        spacing = f"line-height:{self.line_height_percent()}%; " if self.property("role") in SPACED_ROLES else ""
        rich = f'<p style="{spacing}margin:0">{prefix}{text}</p>'
        if rich != super().text():
            super().setText(rich)

    def _at(self, offset: int) -> int:
        """Where character `offset` of the spoken text is in the drawn text."""
        return self._positions[max(0, min(offset, len(self._positions) - 1))]
