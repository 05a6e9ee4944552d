"""Choose a language: every language named in itself ("Español", "中文", "العربية").

Opened from the language button on every screen; choosing one switches the whole kiosk
at once and returns to the same place. The language in use is marked by more than colour:
a tick and a thicker border.
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n.languages import Language
from kiosk.ui.accessibility import set_role
from kiosk.ui.screens.base import ScreenBase, fill_grid, scroll_above_close, text_label
from kiosk.ui.theme import Theme, font_families
from kiosk.ui.widgets.big_button import BORDER, FOCUS, PAD, RADIUS, BigButton
from kiosk.ui.widgets.scroll_area import KineticScrollArea, ScrollContent

MARGIN = 32
MAX_COLUMNS = 4  # as the topic tiles
MIN_HEIGHT_PX = 96  # this screen's rule for its targets (the kiosk's other buttons: 72 px)
MARKED_BORDER = 2 * BORDER  # the language in use: a border twice as thick as the others'
EDGE = FOCUS / 2 - 0.5  # the border's outer edge, inside the focus ring
LABEL_FLAGS = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap)


class ButtonColors(NamedTuple):
    fill: str
    text: str
    border: str
    mark: str  # the disc behind the tick
    tick: str


class LanguageButton(BigButton):
    """One language, named in its own script and fonts; the one in use carries a tick.

    The label is centred in the button; room for the tick is kept on both sides of every
    button, so a name never runs under the tick and all names line up.
    """

    def __init__(self, language: Language, parent: QWidget | None = None):
        super().__init__(language.native_name, variant="tile", parent=parent)
        self._families = font_families(language.code)
        self.setCheckable(True)
        self.setProperty("language", language.code)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        # Each name is written in its own script and direction, whatever the kiosk's.
        self.setLayoutDirection(language.direction)

    def set_theme(self, theme: Theme, text_px: int | None = None) -> None:
        # Its own language's fonts: a Vietnamese name drawn in Atkinson Hyperlegible would take
        # its accented letters from Noto Sans, two fonts in one word.
        super().set_theme(replace(theme, families=self._families), text_px)

    # --- what it shows ---------------------------------------------------------------

    def colors(self) -> ButtonColors:
        c = self._theme.colors
        if self.isChecked():
            fill, text, border = c.secondary, c.on_secondary, c.primary
        else:
            fill, text, border = c.surface, c.text, c.border
        if self.isDown():
            fill, text = text, fill  # the press shows under the finger, as on every button
        return ButtonColors(fill, text, border, c.primary, c.on_primary)

    def border_px(self) -> int:
        return MARKED_BORDER if self.isChecked() else BORDER

    def mark_px(self) -> int:
        return max(32, self._text_px)

    def mark_rect(self) -> QRect:
        """Where the tick is drawn: at the start of the line, in the name's direction."""
        side = self.mark_px()
        left = self.width() - PAD - side if self.layoutDirection() == Qt.LayoutDirection.RightToLeft else PAD
        return QRect(left, (self.height() - side) // 2, side, side)

    def text_rect(self) -> QRect:
        """Where the label is drawn: the padding and the tick's room off both sides."""
        side = PAD + self.mark_px() + PAD
        return self.rect().adjusted(side, PAD, -side, -PAD)

    # --- geometry (BigButton measures through these) ---------------------------------

    def _text_rect_width(self, width: int) -> int:
        return max(1, width - 2 * (PAD + self.mark_px() + PAD))

    def _width_around(self, text_width: int) -> int:
        return max(text_width + 2 * (PAD + self.mark_px() + PAD), MIN_HEIGHT_PX)

    def longest_word_width(self) -> int:
        # Names break only at spaces: "简体中文" may not be split between its characters.
        metrics = QFontMetrics(self.font())
        return max((metrics.horizontalAdvance(word) for word in self.text().split()), default=0)

    def one_line_width(self) -> int:
        """The button's width with its name on one line."""
        return self._natural_width()

    def _text_height(self, text_width: int) -> int:
        # Measured with the flags it is drawn with (centred lines round differently).
        room = QRect(0, 0, text_width, 100000)
        return QFontMetrics(self.font()).boundingRect(room, LABEL_FLAGS, self.text()).height()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        return max(MIN_HEIGHT_PX, super().heightForWidth(width))

    # --- painting --------------------------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        colors = self.colors()
        border = self.border_px()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        inset = EDGE + border / 2  # the outer edge stays put whatever the border's width
        painter.setPen(QPen(QColor(colors.border), border))
        painter.setBrush(QColor(colors.fill))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), RADIUS, RADIUS)
        self.draw_marks(painter)  # read-aloud mark or focus ring, as every big button
        if self.isChecked():
            self._draw_tick(painter, QRectF(self.mark_rect()), colors)
        painter.setPen(QColor(colors.text))
        painter.setFont(self.font())
        painter.drawText(self.text_rect(), LABEL_FLAGS, self.text())

    @staticmethod
    def _draw_tick(painter: QPainter, r: QRectF, colors: ButtonColors) -> None:
        # Drawn, not a font's glyph: the same tick beside every script's name.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colors.mark))
        painter.drawEllipse(r)
        tick = QPainterPath()
        tick.moveTo(QPointF(r.left() + r.width() * 0.27, r.top() + r.height() * 0.52))
        tick.lineTo(QPointF(r.left() + r.width() * 0.44, r.top() + r.height() * 0.69))
        tick.lineTo(QPointF(r.left() + r.width() * 0.74, r.top() + r.height() * 0.34))
        painter.setPen(QPen(QColor(colors.tick), max(3.0, r.width() / 8), Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(tick)


class LanguagePicker(ScreenBase):
    chosen = Signal(str)  # a language code
    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.heading = text_label("heading")
        self.close_button = BigButton(glyph="back")
        self.close_button.clicked.connect(self.closed)
        self.buttons: list[LanguageButton] = []
        self.group = QButtonGroup(self)  # one checked at a time: touching it again keeps it
        self.group.setExclusive(True)
        self._columns = 0

        # The heading scrolls with the names: on a small panel with large text it is never
        # squeezed by the list, and Close stays in view below. The scroll area spans the
        # screen so its indicator sits in the margin, not over the names.
        self.grid_host = ScrollContent()
        set_role(self.grid_host, "group")  # the options, named by the question (retranslate)
        self.column = QVBoxLayout(self.grid_host)
        self.column.setContentsMargins(MARGIN, 8, MARGIN, 16)
        self.column.setSpacing(16)
        self.column.addWidget(self.heading)
        self.grid = QGridLayout()
        self.column.addLayout(self.grid)
        self.column.addStretch(1)
        self.scroll = KineticScrollArea()
        self.scroll.setWidget(self.grid_host)

        scroll_above_close(self, self.scroll, self.close_button, MARGIN)
        self.retranslate()

    def set_languages(self, languages: list[Language], current: str) -> None:
        """The languages offered (already filtered by the site's settings), current marked."""
        for button in self.buttons:
            self.group.removeButton(button)
            self.grid.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for language in languages:
            button = LanguageButton(language)
            set_role(button, "radio")  # one of several: "Español, radio button, not selected"
            self.group.addButton(button)
            button.setChecked(language.code == current)
            button.clicked.connect(lambda _=False, code=language.code: self.chosen.emit(code))
            self.buttons.append(button)
        self._columns = 0
        self.apply_theme(self.theme)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Choose your language"))
        self.grid_host.setAccessibleName(self.heading.text())
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleDescription(self.tr("Keep the language you have"))

    def spoken_parts(self) -> list[QWidget]:
        return [self.heading, *self.buttons, self.close_button]

    def button_text_px(self, button: BigButton) -> int:
        # The names are the screen's text: they grow to 200 %, as the topic names do.
        return self.theme.body_px if button in self.buttons else self.theme.control_px

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        for button in self.buttons:  # new ones are not in the grid yet, so not found as children
            button.set_theme(theme, self.button_text_px(button))
        self.grid.setSpacing(theme.gap_px)
        self._reflow()

    def relayout(self) -> None:
        self._reflow()

    # --- the grid ----------------------------------------------------------------------

    def _tile_width(self, columns: int) -> int:
        return (self.width() - 2 * MARGIN - self.theme.gap_px * (columns - 1)) // columns

    def _grid_height(self, columns: int, tile_height: int) -> int:
        rows = (len(self.buttons) + columns - 1) // columns
        return rows * tile_height + (rows - 1) * self.theme.gap_px

    def _room_for_grid(self) -> int:
        """The height the names have without scrolling: the screen less Close, the heading
        and the margins (measured, as the scroll area is not resized yet in resizeEvent)."""
        outer = self.layout().contentsMargins()
        close = self.close_button.heightForWidth(self.close_button.sizeHint().width())
        inner = self.column.contentsMargins()
        heading = self.heading.heightForWidth(max(1, self.width() - 2 * MARGIN))
        return (self.height() - outer.top() - outer.bottom() - self.layout().spacing() - close
                - inner.top() - inner.bottom() - heading - self.column.spacing())

    def _choose_columns(self) -> tuple[int, int, int]:
        """(columns, tile width, tile height). Every name in view if any column count allows
        it; then the fewest names wrapped onto a second line; then as many columns as possible.
        Tiles narrower than a word are never used (nothing is broken mid-word). When the names
        must scroll, the count that scrolls least."""
        room = self._room_for_grid()
        best, best_key = None, None
        for columns in range(1, min(MAX_COLUMNS, len(self.buttons)) + 1):
            width = self._tile_width(columns)
            if columns > 1 and any(b.minimumSizeHint().width() > width for b in self.buttons):
                continue
            height = max(b.heightForWidth(width) for b in self.buttons)
            grid = self._grid_height(columns, height)
            scrolls = grid > room
            wraps = sum(b.one_line_width() > width for b in self.buttons)
            key = (scrolls, grid if scrolls else 0, wraps, -columns)
            if best_key is None or key < best_key:
                best, best_key = (columns, width, height), key
        return best

    def _reflow(self) -> None:
        if not self.buttons or self.width() <= 2 * MARGIN:
            return
        columns, width, height = self._choose_columns()
        if columns != self._columns:
            self._columns = columns
            fill_grid(self.grid, self.buttons, columns, MAX_COLUMNS)
        # Every tile the same height, so the names read as one calm table; the columns share
        # the width equally (a button's own width would make the grid wider than the screen).
        for button in self.buttons:
            button.setFixedHeight(height)

    def focus_first(self) -> None:
        chosen = [b for b in self.buttons if b.isChecked()]
        target = chosen[0] if chosen else (self.buttons[0] if self.buttons else self.close_button)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
