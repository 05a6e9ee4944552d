"""Type sized to the panel: capitals at least 4.8 mm tall, headings 1.4x, lines 1.5 apart.

Measured on painted pixels: the ink of a capital H drawn in the body label's own font,
converted to millimetres with the panel's pixels per millimetre.
"""

from __future__ import annotations

import logging
import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter

from kiosk.config import Config, defaults
from kiosk.screenshots import show_place
from kiosk.ui.navigator import PAGE, Place
from kiosk.ui.panel import MIN_CAP_MM, Panel, panel_from
from kiosk.ui.theme import HEADING_RATIO, LINE_SPACING, TEXT_SCALES

PANELS = ((10.1, 1280, 800), (21.5, 1920, 1080), (24.0, 1920, 1080))


def ink_rows(image: QImage) -> list[int]:
    """Rows of `image` holding any dark pixel."""
    rows = []
    for y in range(image.height()):
        if any(QColor(image.pixel(x, y)).lightness() < 128 for x in range(image.width())):
            rows.append(y)
    return rows


def painted_cap_px(font) -> int:
    image = QImage(font.pixelSize() * 3, font.pixelSize() * 3, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(image.rect(), int(Qt.AlignmentFlag.AlignCenter), "H")
    painter.end()
    rows = ink_rows(image)
    return rows[-1] - rows[0] + 1


def test_panel_sizes_the_body_text():
    ratio = 0.668  # Atkinson Hyperlegible's cap height over its size
    assert Panel(1280, 800, 10.1).body_px(ratio) == 43
    assert Panel(1920, 1080, 21.5).body_px(ratio) == 29
    assert Panel(1920, 1080, 24.0).body_px(ratio) == 28  # the floor: 5.2 mm already
    for diagonal, width, height in PANELS:
        panel = Panel(width, height, diagonal)
        assert panel.cap_mm(panel.body_px(ratio), ratio) >= MIN_CAP_MM


def test_the_setting_wins_and_a_wrong_report_is_said(caplog):
    assert panel_from(1920, 1080, (477, 268), 0).diagonal_in == pytest.approx(21.5, abs=0.1)
    assert panel_from(1920, 1080, (477, 268), 32).diagonal_in == 32
    with caplog.at_level(logging.WARNING, logger="kiosk.ui.panel"):
        panel = panel_from(1920, 1080, (0, 0), 0)  # no size reported (common over HDMI adapters)
    assert panel.source == "assumed" and panel.diagonal_in == 21.5
    assert "display.panel_diagonal_inches" in caplog.text


@pytest.mark.parametrize("diagonal,width,height", PANELS, ids=[f'{d}in' for d, _, _ in PANELS])
def test_painted_capitals_are_4_8_mm_on_the_panel(make_window, diagonal, width, height):
    settings = Config({**defaults().values, "display.panel_diagonal_inches": diagonal})
    window = make_window(width, height, settings=settings)
    show_place(window, Place(PAGE, "most-important", 1))
    px_per_mm = math.hypot(width, height) / (diagonal * 25.4)
    body = window.page.body
    cap_mm = painted_cap_px(body.font()) / px_per_mm
    assert cap_mm >= MIN_CAP_MM - 0.1, f"{cap_mm:.2f} mm capitals at {body.font().pixelSize()} px"
    assert window.display.panel is not None and window.display.panel.source == "setting"


def test_without_a_panel_the_floor_holds(make_window):
    window = make_window(1280, 800)  # the off-screen platform: no glass
    assert window.display.panel is None
    assert window.display.theme().body_px == 28


@pytest.mark.parametrize("step", range(len(TEXT_SCALES)))
def test_headings_are_clearly_larger_at_every_size(make_window, step):
    window = make_window(1920, 1080, text_step=step)
    show_place(window, Place(PAGE, "most-important", 2))
    body, heading = window.page.body.font().pixelSize(), window.page.heading.font().pixelSize()
    assert heading >= 1.4 * body, (heading, body)
    assert painted_cap_px(window.page.heading.font()) >= 1.35 * painted_cap_px(window.page.body.font())


def test_lines_are_one_and_a_half_apart(make_window):
    window = make_window(1280, 800)
    show_place(window, Place(PAGE, "most-important", 2))
    label = window.page.body
    label.setText("H " * 200)  # several lines
    label.setFixedWidth(400)
    label.setFixedHeight(label.heightForWidth(400))
    image = label.grab().toImage()
    rows = ink_rows(image)
    tops = [row for index, row in enumerate(rows) if index == 0 or row != rows[index - 1] + 1]
    assert len(tops) >= 3
    gaps = [b - a for a, b in zip(tops, tops[1:])]
    assert min(gaps) >= LINE_SPACING * label.font().pixelSize() - 1, gaps


def test_heading_ratio_is_at_least_1_4():
    assert HEADING_RATIO >= 1.4
