"""A button with words and no picture draws them in its middle (PIN keys, "More about", the next
topic), measured on the painted pixels."""

from __future__ import annotations

from PySide6.QtGui import QColor

from kiosk.ui.theme import DEFAULT, Theme
from kiosk.ui.widgets.big_button import BigButton


def ink_columns(image, background: QColor) -> list[int]:
    """The x of every column with a pixel far from the background (the words' ink)."""
    found = []
    for x in range(image.width()):
        for y in range(image.height() // 4, 3 * image.height() // 4):
            pixel = image.pixelColor(x, y)
            if abs(pixel.lightness() - background.lightness()) > 100:
                found.append(x)
                break
    return found


def test_words_alone_are_centred_in_the_button(qtbot):
    for text, width in (("7", 200), ("OK", 300), ("More about: Liver problems", 900)):
        button = BigButton(text, variant="secondary")
        qtbot.addWidget(button)
        button.set_theme(Theme(DEFAULT, 1.0), 28)
        button.resize(width, 96)
        button.show()
        qtbot.waitExposed(button)
        image = button.grab().toImage()
        background = image.pixelColor(width // 2, 12)
        ink = [x for x in ink_columns(image, background) if 16 < x < width - 16]  # not the border
        assert ink, text
        middle = (ink[0] + ink[-1]) / 2
        assert abs(middle - width / 2) <= 4, (text, ink[0], ink[-1], width)
