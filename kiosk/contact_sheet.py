"""Contact sheets: many screenshots on one labelled PNG, so a reviewer sees a language at one
resolution, every screen at every text size and theme, at a glance (`kiosk --screenshots`).

The sheet is a grid: with several variants (text sizes, themes) a screen's variants stand
side by side on one row (two screens a row for portrait screens, which would otherwise make
the sheet too tall to open), so a screen is compared along its row. Each thumbnail carries
its screen's name, text size and theme below it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen

from kiosk.resources import FONT_FAMILY

# A thumbnail fits in a square of this side: a 1920-wide screen becomes 480 px wide, and a
# portrait 1080x1920 one is drawn at the same 1/4 scale.
THUMB_BOX = 480
# What image viewers open: browsers refuse over 32767 px on a side, and Qt's image reader
# (Qt-based viewers) over 256 MB decoded, 4 bytes a pixel. A sheet that would be larger gets
# smaller thumbnails (all six variants of 71 screens: 424 to 448 px wide).
MAX_SIDE = 32000
MAX_PIXELS = 64_000_000
THUMB_STEP = 8  # px: how much smaller the thumbnails get per try
COLUMNS = 6  # thumbnails a row when they come one by one (no groups)
GAP = 16  # between cells
GROUP_GAP = 56  # between two screens' groups on one row
MARGIN = 24  # around the grid
LABEL_PX = 17  # label text size on the sheet (a reviewer's screen, not the kiosk's)
TITLE_PX = 28
FRAME = "#8A8A8A"  # a 1 px frame, so a black (high contrast) or white screen keeps its edges
INK = "#1A1A1A"
PAPER = "#FFFFFF"
PNG_QUALITY = 80  # Qt's scale for PNG: zlib level 2, a quarter faster than the default, files ~3 % larger


class ContactSheet:
    def __init__(self, title: str, screen: QSize, count: int, group: int = 1):
        """Room for `count` thumbnails of screenshots of size `screen`, in groups of `group` (one
        screen's variants) that are never split across rows: one group a row, or more where
        one would make the sheet too tall (portrait screens); with no groups, COLUMNS a row."""
        self.title = title
        self.group = max(1, group)
        self.font = QFont(FONT_FAMILY)
        self.font.setPixelSize(LABEL_PX)
        self.bold = QFont(self.font)
        self.bold.setBold(True)
        self.line_h = QFontMetrics(self.font).height()
        self.label_h = 2 * self.line_h + 6
        title_font = QFont(FONT_FAMILY)
        title_font.setPixelSize(TITLE_PX)
        title_font.setBold(True)
        self.top = MARGIN + QFontMetrics(title_font).height() + GAP
        box = THUMB_BOX
        while True:
            self.thumb = screen.scaled(box, box, Qt.AspectRatioMode.KeepAspectRatio)
            self.columns = self.group if self.group > 1 else COLUMNS
            while self._height(count) > MAX_SIDE and self.columns < count:
                self.columns += self.group
            width, height = self.cell(0, self.columns - 1).right() + 1 + MARGIN, self._height(count)
            if width * height <= MAX_PIXELS or box <= THUMB_BOX // 2:
                break
            box -= THUMB_STEP
        self.rows = max(1, -(-count // self.columns))
        self.image = QImage(width, height, QImage.Format.Format_RGB32)
        self.image.fill(QColor(PAPER))
        painter = QPainter(self.image)
        painter.setFont(title_font)
        painter.setPen(QColor(INK))
        painter.drawText(QRect(MARGIN, MARGIN, self.image.width() - 2 * MARGIN, self.top - MARGIN),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), title)
        painter.end()

    def _height(self, count: int) -> int:
        rows = max(1, -(-count // self.columns))
        return self.top + rows * (self.thumb.height() + self.label_h) + (rows - 1) * GAP + MARGIN

    def position(self, index: int) -> tuple[int, int]:
        """(row, column) of the `index`-th thumbnail."""
        return divmod(index, self.columns)

    def cell(self, row: int, column: int) -> QRect:
        """Where the thumbnail of (row, column) goes on the sheet."""
        groups_before = column // self.group if self.group > 1 else 0
        x = MARGIN + column * (self.thumb.width() + GAP) + groups_before * (GROUP_GAP - GAP)
        y = self.top + row * (self.thumb.height() + self.label_h + GAP)
        return QRect(x, y, self.thumb.width(), self.thumb.height())

    def add(self, image: QImage, index: int, name: str, detail: str) -> None:
        """The `index`-th screenshot in its cell, its screen's `name` and `detail` (text size,
        theme) below."""
        rect = self.cell(*self.position(index))
        # Qt's smooth scaling averages the pixels it drops: small text stays legible.
        thumb = image.scaled(rect.size(), Qt.AspectRatioMode.IgnoreAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
        painter = QPainter(self.image)
        painter.drawImage(rect.topLeft(), thumb)
        painter.setPen(QPen(QColor(FRAME), 1))
        painter.drawRect(rect.adjusted(-1, -1, 0, 0))
        painter.setPen(QColor(INK))
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for number, (font, text) in enumerate(((self.bold, name), (self.font, detail))):
            painter.setFont(font)
            elided = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideMiddle, rect.width())
            painter.drawText(QRect(rect.left(), rect.bottom() + 4 + number * self.line_h, rect.width(),
                                   self.line_h), flags, elided)
        painter.end()

    def save(self, path: Path) -> bool:
        path.parent.mkdir(parents=True, exist_ok=True)
        return self.image.save(str(path), "PNG", PNG_QUALITY)
