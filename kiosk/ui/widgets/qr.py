"""A QR code that holds a text itself (the "When to get help" card): a phone camera shows the
text, and nothing leaves the kiosk.

Encoded by segno (error correction M, UTF-8), drawn black on white whatever the theme (phone
cameras need dark modules on a light ground) with a quiet zone of 4 modules, each module a
whole number of pixels (4 at least), so no edge is blurred. segno is imported when a code is
first made, never at start-up.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap

ERROR = "m"
# On a screen a code is never creased or stained: where one at M would not fit the room, the
# same text at L (7 % recovery instead of 15 %) needs fewer modules. Paper keeps M.
SCREEN_ERRORS = ("m", "l")
QUIET_ZONE = 4  # modules of white around the code (ISO/IEC 18004)
MIN_MODULE_PX = 4
MAX_VERSION = 40


class CardTooLong(ValueError):
    """The text does not fit in one QR code at error correction M (nothing is cut off)."""


def qr_matrix(text: str, error: str = ERROR) -> tuple[int, list[bytes]]:
    """(version, rows of modules with the quiet zone: 1 dark, 0 light)."""
    import segno
    from segno.encoder import DataOverflowError

    try:
        code = segno.make_qr(text, error=error, boost_error=False, encoding="utf-8")
    except DataOverflowError as overflow:
        raise CardTooLong(f"{len(text.encode('utf-8'))} bytes do not fit in a QR code at error correction "
                          f"{error.upper()} (version {MAX_VERSION} is the largest)") from overflow
    rows = [bytes(row) for row in code.matrix_iter(scale=1, border=QUIET_ZONE)]
    return code.version, rows


def qr_image(text: str, module_px: int = MIN_MODULE_PX) -> QImage:
    """The code as a grayscale image, black on white, `module_px` pixels a module."""
    return _draw(qr_matrix(text)[1], module_px)


def qr_pixmap(text: str, side_px: int) -> QPixmap:
    """The code as large as fits in `side_px` with whole-pixel modules (at least MIN_MODULE_PX)."""
    _version, rows = qr_matrix(text)
    return QPixmap.fromImage(_draw(rows, max(MIN_MODULE_PX, side_px // len(rows))))


def screen_code(text: str, side_px: int) -> QImage:
    """The code for a screen, as large as fits in `side_px` with whole-pixel modules: at error
    correction M when that fits, else at L; CardTooLong when neither fits with modules of at
    least MIN_MODULE_PX (the screen then splits the card, or says so)."""
    for error in SCREEN_ERRORS:
        try:
            _version, rows = qr_matrix(text, error)
        except CardTooLong:
            continue
        if len(rows) * MIN_MODULE_PX <= side_px:
            return _draw(rows, side_px // len(rows))
    raise CardTooLong(f"{len(text.encode('utf-8'))} bytes need a code larger than {side_px} px")


def _draw(rows: list[bytes], module_px: int) -> QImage:
    if module_px < MIN_MODULE_PX:
        raise ValueError(f"a module needs at least {MIN_MODULE_PX} px for a phone camera")
    size = len(rows)
    data = b"".join(bytes(0 if dark else 255 for dark in row) for row in rows)
    small = QImage(data, size, size, size, QImage.Format.Format_Grayscale8)
    # Nearest neighbour at a whole factor: every module exactly module_px square.
    return small.scaled(size * module_px, size * module_px, Qt.AspectRatioMode.IgnoreAspectRatio,
                        Qt.TransformationMode.FastTransformation)

