"""Pictograms: the bundled SVGs drawn at any size, tinted with the theme's colour."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk import resources
from kiosk.resources import UI_ICONS  # noqa: F401 (the pictograms the screens use; the guide names its own)


# Enough for every picture on one screen and the topic list's tiles; an icon drawn again costs
# well under a millisecond, while 256 pictures of up to 300 px held 20 MB and more.
@lru_cache(maxsize=32)
def tinted_icon(name: str, size: int, color: str, device_pixel_ratio: float = 1.0) -> QPixmap:
    """The icon `name` (e.g. "body/liver") as a pixmap of size x size, in one colour."""
    pixels = max(1, round(size * device_pixel_ratio))
    image = QImage(pixels, pixels, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(str(resources.icon_file(name)))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, pixels, pixels))
    # Keep the drawing's shape, replace its colours: one tint that follows the theme.
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(image.rect(), QColor(color))
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    return pixmap


class Picture(QWidget):
    """A screen's illustration. Decorative: the heading beside it says the same."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._name = ""
        self._color = "#000000"
        self._size = 160
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_icon(self, name: str, color: str, size: int) -> None:
        self._name, self._color, self._size = name, color, size
        self.setFixedSize(size, size)
        self.update()

    def icon_name(self) -> str:
        return self._name

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(self._size, self._size)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if not self._name:
            return
        painter = QPainter(self)
        painter.drawPixmap(0, 0, tinted_icon(self._name, self._size, self._color, self.devicePixelRatioF()))
