"""The kiosk's one button: big, labelled, word-wrapping, with an icon or a drawn glyph.

A QAbstractButton, so assistive technology sees a push button named by its text (or by
`setAccessibleName` where the label is shorter than the action), Space and Enter press
it, and it takes keyboard focus with a visible ring.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QStyle, QWidget

from kiosk.ui.theme import DEFAULT, Theme
from kiosk.ui.widgets.icon import tinted_icon
from kiosk.ui.widgets.line_breaks import unbreakable_runs
from kiosk.ui.widgets.reading_mark import ReadingMark

PAD = 16
RADIUS = 14
BORDER = 3
FOCUS = 5

# Glyphs drawn in code rather than taken from the icon set: arrows must mirror for
# right-to-left languages, and the icon set has none.
GLYPHS = ("back", "next", "contrast", "text-size", "speaker", "pause", "stop", "play", "slower", "faster",
          "quieter", "louder")


class BigButton(ReadingMark, QAbstractButton):
    def __init__(self, text: str = "", *, icon: str = "", glyph: str = "", variant: str = "secondary",
                 icon_on_top: bool = False, bold: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        assert not glyph or glyph in GLYPHS, glyph
        self._icon = icon
        self._glyph = glyph
        self._variant = variant
        self._icon_on_top = icon_on_top
        self._bold = bold
        self._theme = Theme(DEFAULT, 1.0)
        self._text_px = self._theme.control_px
        self._target_px = 0  # 0: the theme's target size
        self._focus_visible = False
        self.setText(text)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # Not Fixed vertically: a Fixed height is capped at sizeHint() and Qt would not
        # give a wrapped label the extra line that heightForWidth() asks for.
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._apply_font()

    # --- configuration ------------------------------------------------------------

    def set_theme(self, theme: Theme, text_px: int | None = None, target_px: int = 0) -> None:
        """`text_px`: the label's size (the theme's control size if None); `target_px`: the
        least height and width (the theme's target size if 0; the bars fit it to the window)."""
        self._theme = theme
        self._text_px = text_px or theme.control_px
        self._target_px = target_px
        self._apply_font()

    def target_px(self) -> int:
        return self._target_px or self._theme.target_px

    def set_icon_name(self, name: str) -> None:
        self._icon = name
        self.updateGeometry()
        self.update()

    def set_icon_on_top(self, on_top: bool) -> None:
        """The picture above the words (a tile) or before them (a row)."""
        if on_top != self._icon_on_top:
            self._icon_on_top = on_top
            self.updateGeometry()
            self.update()

    def variant(self) -> str:
        return self._variant

    def set_glyph(self, glyph: str) -> None:
        assert not glyph or glyph in GLYPHS, glyph
        self._glyph = glyph
        self.update()

    def _apply_font(self) -> None:
        self.setFont(self._theme.font(self._text_px, bold=self._bold))
        self.updateGeometry()
        self.update()

    # --- geometry -----------------------------------------------------------------

    def _graphic_px(self) -> int:
        if not (self._icon or self._glyph):
            return 0
        if self._icon_on_top:
            return round(self._text_px * 2.2)
        return round(self._text_px * 1.5)

    def _text_rect_width(self, width: int) -> int:
        graphic = self._graphic_px()
        inner = width - 2 * PAD
        if graphic and not self._icon_on_top and self.text():
            inner -= graphic + PAD
        return max(1, inner)

    def _text_height(self, text_width: int) -> int:
        if not self.text():
            return 0
        metrics = QFontMetrics(self.font())
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
        return metrics.boundingRect(QRect(0, 0, text_width, 100000), flags, self.text()).height()

    def _natural_text_width(self) -> int:
        metrics = QFontMetrics(self.font())
        # The drawn width, not the advance: Arabic glyphs overhang their advance by a few px,
        # and a label measured by its advance wrapped ("All / topics").
        flags = int(Qt.AlignmentFlag.AlignLeft)
        return max((metrics.boundingRect(QRect(0, 0, 100000, 100000), flags, line).width() + 1
                    for line in self.text().split("\n")), default=0)

    def longest_word_width(self) -> int:
        metrics = QFontMetrics(self.font())
        return max((metrics.horizontalAdvance(word) for word in unbreakable_runs(self.text())), default=0)

    def _width_around(self, text_width: int) -> int:
        """The button's width for a text block `text_width` wide, with graphic and padding."""
        graphic = self._graphic_px()
        if self._icon_on_top:
            width = max(graphic, text_width) + 2 * PAD
        else:
            width = graphic + (PAD if graphic and text_width else 0) + text_width + 2 * PAD
        return max(width, self.target_px())

    def one_line_width(self) -> int:
        """The width that shows the label on one line (the bars never let a label wrap)."""
        return self._natural_width()

    def _natural_width(self) -> int:
        """The width that shows the label on one line."""
        return self._width_around(self._natural_text_width())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        width = self._natural_width()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        # Narrow enough to wrap at word boundaries, never narrower than the longest word.
        # The height is the least a button has; layouts ask heightForWidth for the rest.
        return QSize(self._width_around(self.longest_word_width()), self.target_px())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        # A button is never laid out wider than its text needs when it is aligned in a
        # layout, and a wider button wraps no more: measure at the narrower of the two.
        width = min(width, self._natural_width())
        graphic = self._graphic_px()
        text_h = self._text_height(self._text_rect_width(width))
        if self._icon_on_top:
            content = graphic + (PAD // 2 if graphic and text_h else 0) + text_h
        else:
            content = max(graphic, text_h)
        return max(self.target_px(), content + 2 * PAD)

    # --- behaviour ----------------------------------------------------------------

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.animateClick()
            return
        if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            event.ignore()  # let the screen use arrows (paging, moving between tiles)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt API)
        # Like CSS :focus-visible: the ring is for keypad users, not after every touch.
        self._focus_visible = event.reason() in (Qt.FocusReason.TabFocusReason,
                                                 Qt.FocusReason.BacktabFocusReason,
                                                 Qt.FocusReason.ShortcutFocusReason)
        super().focusInEvent(event)

    def focus_ring_shown(self) -> bool:
        return self.hasFocus() and self._focus_visible

    # --- painting -----------------------------------------------------------------

    def _colors(self) -> tuple[str, str, str]:
        """(fill, text, border) for this button's variant and state."""
        c = self._theme.colors
        fill, text = {
            "primary": (c.primary, c.on_primary),
            "urgent": (c.urgent, c.on_urgent),
            "warning": (c.warning, c.on_warning),
            "tile": (c.surface, c.text),
            "secondary": (c.secondary, c.on_secondary),
        }.get(self._variant, (c.secondary, c.on_secondary))
        # A button the colour of the screen still needs its edge (high contrast theme).
        border = c.border if self._variant in ("tile", "secondary") or fill == c.background else fill
        if self._variant == "warning":
            border = c.warning_border  # a yellow tile's edge, 3:1 on the page: not colour alone
        if not self.isEnabled():
            # Off: no fill of its own, the muted words (still 7:1: they say what it is) and a dashed
            # edge (painted below), so "off" shows without colour; the reason is in its description.
            return c.background, c.muted, c.border
        if self.isDown() or self.isChecked():
            fill, text = text, fill  # pressed and "on" states invert: visible without colour vision
            border = c.border
        return fill, text, border

    def draw_marks(self, painter: QPainter) -> None:
        """The thick mark while this button is read aloud, else the focus ring for keypad users."""
        if self._reading:
            painter.setPen(QPen(QColor(self._theme.colors.highlight), FOCUS * 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(5, 5, -5, -5), RADIUS, RADIUS)
        elif self.focus_ring_shown():
            painter.setPen(QPen(QColor(self._theme.colors.focus), FOCUS))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(2, 2, -2, -2), RADIUS + 2, RADIUS + 2)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        fill, text_color, border = self._colors()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(FOCUS / 2 + 1, FOCUS / 2 + 1, -FOCUS / 2 - 1, -FOCUS / 2 - 1)
        pen = QPen(QColor(border), BORDER)
        if not self.isEnabled():
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QColor(fill))
        painter.drawRoundedRect(rect, RADIUS, RADIUS)
        self.draw_marks(painter)

        graphic = self._graphic_px()
        inner = self.rect().adjusted(PAD, PAD, -PAD, -PAD)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        if self._icon_on_top:
            text_h = self._text_height(inner.width())
            if graphic:  # a tile given room to spare shows a larger picture (up to 1.8x)
                spare = inner.height() - text_h - PAD // 2
                graphic = max(graphic, min(spare, round(graphic * 1.8), inner.width()))
            block = graphic + (PAD // 2 if graphic and text_h else 0) + text_h
            top = inner.top() + max(0, (inner.height() - block) // 2)
            graphic_rect = QRect(inner.center().x() - graphic // 2, top, graphic, graphic)
            text_rect = QRect(inner.left(), top + graphic + PAD // 2, inner.width(), text_h)
            align = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        else:
            has_text = bool(self.text())
            if has_text:
                text_w = self._text_rect_width(self.width())
                natural = min(self._natural_text_width(), text_w)
                block = graphic + (PAD if graphic else 0) + natural
                left = inner.left() + max(0, (inner.width() - block) // 2)
            else:
                left = inner.left() + (inner.width() - graphic) // 2
            graphic_rect = QRect(left, inner.center().y() - graphic // 2, graphic, graphic)
            text_left = left + graphic + (PAD if graphic else 0)
            text_rect = QRect(text_left, inner.top(), inner.right() - text_left + 1, inner.height())
            if rtl:  # mirror: graphic on the right, text to its left
                graphic_rect.moveLeft(self.width() - graphic_rect.right() - 1)
                text_rect.moveLeft(self.width() - text_rect.right() - 1)
            align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            if not graphic:  # the text alone: centred in the whole button (not again in its half)
                text_rect = QRect(inner)
                align = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter

        if self._icon:
            painter.drawPixmap(graphic_rect, tinted_icon(self._icon, graphic, text_color, self.devicePixelRatioF()))
        elif self._glyph:
            self._draw_glyph(painter, QRectF(graphic_rect), text_color, rtl)

        if self.text():
            painter.setPen(QColor(text_color))
            painter.setFont(self.font())
            flags = QStyle.visualAlignment(self.layoutDirection(), align) | Qt.TextFlag.TextWordWrap
            painter.drawText(text_rect, int(flags), self.text())

    def _draw_glyph(self, painter: QPainter, r: QRectF, color: str, rtl: bool) -> None:
        pen = QPen(QColor(color), max(4.0, r.width() / 8), Qt.PenStyle.SolidLine,
                   Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self._glyph in ("back", "next"):
            points_left = (self._glyph == "back") != rtl  # "back" points against reading order
            path = QPainterPath()
            x_tip, x_tail = (r.left() + r.width() * 0.2, r.right() - r.width() * 0.25)
            if not points_left:
                x_tip, x_tail = r.right() - r.width() * 0.2, r.left() + r.width() * 0.25
            path.moveTo(QPointF(x_tail, r.top() + r.height() * 0.15))
            path.lineTo(QPointF(x_tip, r.center().y()))
            path.lineTo(QPointF(x_tail, r.bottom() - r.height() * 0.15))
            painter.drawPath(path)
        elif self._glyph == "contrast":
            circle = r.adjusted(r.width() * 0.1, r.height() * 0.1, -r.width() * 0.1, -r.height() * 0.1)
            painter.drawEllipse(circle)
            half = QPainterPath()
            half.moveTo(circle.center())
            half.arcTo(circle, 90, 180)
            half.closeSubpath()
            painter.fillPath(half, QColor(color))
        elif self._glyph in ("speaker", "quieter", "louder"):
            body = QPainterPath()
            x, y, w, h = r.left(), r.top(), r.width(), r.height()
            body.moveTo(x + w * 0.08, y + h * 0.38)
            body.lineTo(x + w * 0.28, y + h * 0.38)
            body.lineTo(x + w * 0.52, y + h * 0.15)
            body.lineTo(x + w * 0.52, y + h * 0.85)
            body.lineTo(x + w * 0.28, y + h * 0.62)
            body.lineTo(x + w * 0.08, y + h * 0.62)
            body.closeSubpath()
            painter.fillPath(body, QColor(color))
            waves = {"speaker": 2, "quieter": 1, "louder": 3}[self._glyph]
            for i in range(waves):
                inset = w * (0.30 - 0.1 * i)
                arc = QRectF(x + w * 0.35 - inset, y + h * 0.5 - (h * 0.5 - inset),
                             2 * (w * 0.5 - inset) * 0.6 + inset, h - 2 * inset)
                painter.drawArc(arc.adjusted(w * 0.1 * i, 0, 0, 0), -50 * 16, 100 * 16)
        elif self._glyph == "pause":
            bar = r.width() * 0.22
            for left in (r.left() + r.width() * 0.2, r.right() - r.width() * 0.2 - bar):
                painter.fillRect(QRectF(left, r.top() + r.height() * 0.15, bar, r.height() * 0.7), QColor(color))
        elif self._glyph == "stop":
            side = r.width() * 0.6
            painter.fillRect(QRectF(r.center().x() - side / 2, r.center().y() - side / 2, side, side), QColor(color))
        elif self._glyph in ("play", "slower", "faster"):
            triangle = QPainterPath()
            tip_right = self._glyph != "slower"
            near, far = (r.left() + r.width() * 0.2, r.right() - r.width() * 0.15)
            if not tip_right:
                near, far = far, near
            triangle.moveTo(QPointF(near, r.top() + r.height() * 0.15))
            triangle.lineTo(QPointF(far, r.center().y()))
            triangle.lineTo(QPointF(near, r.bottom() - r.height() * 0.15))
            triangle.closeSubpath()
            painter.fillPath(triangle, QColor(color))
        elif self._glyph == "text-size":
            # The letters' own outlines, placed by their painted bounds: placed by a font's line
            # height instead, the large A rose out of the button in Arabic (taller ascent). Always
            # the Latin fonts' A (Theme's default families), so the glyph is the same in every language.
            letter = QPainterPath()
            letter.addText(0, 0, Theme(DEFAULT, 1.0).font(100, bold=True), "A")
            box = letter.boundingRect()
            small, large = r.height() * 0.4, r.height() * 0.7  # letter heights, before fitting the width
            gap = r.width() * 0.04
            # Both side by side within the width, small then large, in any direction.
            fit = min(1.0, (r.width() - gap) / (box.width() * (small + large) / box.height()))
            for height, left_side in ((small * fit, True), (large * fit, False)):
                scale = height / box.height()
                x = r.left() if left_side else r.right() - box.width() * scale
                painter.save()
                painter.translate(x - box.left() * scale, r.bottom() - box.bottom() * scale)
                painter.scale(scale, scale)
                painter.fillPath(letter, QColor(color))
                painter.restore()
