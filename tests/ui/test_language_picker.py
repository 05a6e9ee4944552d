"""The language picker on the real window: names at the patient's text size and in the
theme's colours, the current language marked by a tick and a thicker border (not colour
alone), labels centred, and every name whole at every resolution and text size.

Colours and centring are measured on the painted pixels as well as read from the button,
so a button that paints something else than it reports fails.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage
from PySide6.QtWidgets import QApplication

from kiosk.i18n.languages import all_languages, language
from kiosk.ui.screens.language_picker import LanguagePicker
from kiosk.ui.theme import DEFAULT, HIGH_CONTRAST, TEXT_SCALES, Theme, contrast_ratio, font_families, load_fonts
from kiosk.ui.widgets.big_button import PAD
from tests.conftest import RESOLUTIONS

MIN_HEIGHT_PX = 96  # this screen's own rule for its targets, at 100 %
STEPS = range(len(TEXT_SCALES))
STEP_IDS = [f"text{round(scale * 100)}" for scale in TEXT_SCALES]


def open_picker(window):
    window.open_language_picker()
    for _ in range(4):  # the grid settles over a few passes (columns, then heights)
        QApplication.processEvents()
    return window.picker


def button_for(picker, code: str):
    return next(button for button in picker.buttons if button.property("language") == code)


def window_rect(widget, window) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def painted(button) -> QImage:
    image = button.grab().toImage()
    assert image.width() == button.width(), "the test expects one pixel per device pixel"
    return image


def near(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) <= tolerance


def border_run(image: QImage, color: str) -> int:
    """How many pixels of `color` run in from the button's left edge at half height: the
    border's painted thickness (anti-aliased edge pixels excluded)."""
    y, target, run, started = image.height() // 2, QColor(color), 0, False
    for x in range(image.width() // 3):
        if near(image.pixelColor(x, y), target, 8):
            run, started = run + 1, True
        elif started:
            break
    return run


def count(image: QImage, rect: QRect, color: str) -> int:
    target = QColor(color)
    return sum(near(image.pixelColor(x, y), target, 8)
               for x in range(rect.left(), rect.right() + 1) for y in range(rect.top(), rect.bottom() + 1))


def ink_rect(button, image: QImage) -> QRect:
    """Where pixels of the label's colour are, inside the border and outside the mark."""
    colors = button.colors()
    text, inset = QColor(colors.text), button.border_px() + 4
    mark = button.mark_rect()
    xs, ys = [], []
    for y in range(inset, image.height() - inset):
        for x in range(inset, image.width() - inset):
            if mark.contains(x, y):
                continue
            if near(image.pixelColor(x, y), text, 24):
                xs.append(x)
                ys.append(y)
    assert xs, f"no label pixels found in '{button.text()}'"
    return QRect(QPoint(min(xs), min(ys)), QPoint(max(xs), max(ys)))


# How the label is laid out: centred, wrapped at word boundaries.
LABEL_FLAGS = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap)


# --- sizes ------------------------------------------------------------------------


@pytest.mark.parametrize("text_step", STEPS, ids=STEP_IDS)
def test_names_take_the_body_text_size(make_window, text_step):
    window = make_window(1920, 1080, text_step=text_step)
    picker = open_picker(window)
    body = window.display.theme().body_px
    assert body == round(28 * TEXT_SCALES[text_step])
    for button in picker.buttons:
        assert button.font().pixelSize() == body, (button.text(), button.font().pixelSize(), body)
    # Painted at that size too: the label's ink is as tall as the size says.
    english = button_for(picker, "en")
    assert ink_rect(english, painted(english)).height() >= 0.75 * body


def test_names_grow_while_the_picker_is_open(make_window):
    """The Text size button stays in the top bar on this screen: the names follow it."""
    window = make_window(1920, 1080)
    picker = open_picker(window)
    window.top_bar.text_size_button.click()
    window.top_bar.text_size_button.click()
    QApplication.processEvents()
    assert window.display.text_step == 2
    assert {button.font().pixelSize() for button in picker.buttons} == {56}
    assert not name_problems(picker, window)  # and laid out again for the larger names


def test_each_name_is_drawn_in_its_own_languages_fonts(make_window):
    """Vietnamese in an English kiosk: Noto Sans for the whole word, not Atkinson Hyperlegible
    with Noto's accented letters in between."""
    window = make_window(1280, 800)
    picker = open_picker(window)
    for button in picker.buttons:
        assert tuple(button.font().families()) == font_families(button.property("language")), button.text()


@pytest.mark.parametrize("width,height", RESOLUTIONS, ids=[f"{w}x{h}" for w, h in RESOLUTIONS])
def test_targets_are_at_least_96_px_tall(make_window, width, height):
    window = make_window(width, height)
    picker = open_picker(window)
    for button in picker.buttons:
        assert button.height() >= MIN_HEIGHT_PX, (button.text(), button.height())
        assert button.width() >= MIN_HEIGHT_PX, (button.text(), button.width())


# --- colours and the mark of the current language --------------------------------


@pytest.mark.parametrize("high_contrast", [False, True], ids=["default", "high-contrast"])
def test_colours_come_from_the_theme_and_contrast(make_window, high_contrast):
    window = make_window(1280, 800, high_contrast=high_contrast)
    picker = open_picker(window)
    c = (HIGH_CONTRAST if high_contrast else DEFAULT)
    assert window.display.theme().colors == c
    current, other = button_for(picker, "en"), button_for(picker, "es")

    # The others are the theme's tiles; the current one its secondary button, edged and
    # ticked in the primary colour.
    assert other.colors()[:3] == (c.surface, c.text, c.border)
    assert current.colors() == (c.secondary, c.on_secondary, c.primary, c.primary, c.on_primary)

    for button in (current, other):
        colors = button.colors()
        assert contrast_ratio(colors.text, colors.fill) >= 7.0, (button.text(), colors)
        assert contrast_ratio(colors.border, c.background) >= 3.0, (button.text(), colors)
        # What is painted is what the button says: fill, border and label.
        image = painted(button)
        y = image.height() // 2
        assert near(image.pixelColor(button.border_px() + 5, y), QColor(colors.fill), 2), button.text()
        assert border_run(image, colors.border) >= button.border_px() - 1, button.text()
    marked = current.colors()
    assert contrast_ratio(marked.mark, marked.fill) >= 3.0  # the tick's disc on the button
    assert contrast_ratio(marked.tick, marked.mark) >= 3.0  # the tick inside it


@pytest.mark.parametrize("high_contrast", [False, True], ids=["default", "high-contrast"])
def test_current_language_has_the_tick_and_the_thicker_border(make_window, high_contrast):
    window = make_window(1280, 800, high_contrast=high_contrast)
    picker = open_picker(window)
    c = HIGH_CONTRAST if high_contrast else DEFAULT
    thin = {border_run(painted(b), b.colors().border) for b in picker.buttons if b.property("language") != "en"}
    english = button_for(picker, "en")
    thick = border_run(painted(english), english.colors().border)
    assert max(thin) + 2 <= thick, (thin, thick)
    for button in picker.buttons:
        image = painted(button)
        mark = button.mark_rect()
        assert mark.height() >= 24 and QRect(QPoint(0, 0), button.size()).contains(mark)
        disc = count(image, mark, c.primary)
        # The tick crosses the disc's middle, in the colour drawn on the primary colour.
        middle = mark.adjusted(mark.width() // 4, mark.height() // 4, -mark.width() // 4, -mark.height() // 4)
        tick = count(image, middle, c.on_primary)
        if button is english:
            assert disc > mark.width() * mark.height() * 0.4, (disc, mark)
            assert 0.08 < tick / (middle.width() * middle.height()) < 0.6, (tick, middle)
        else:
            assert disc == 0, (button.text(), disc)  # nothing drawn where the others' tick would be


def test_the_mark_moves_after_a_switch(make_window, qtbot):
    window = make_window(1280, 800)
    picker = open_picker(window)
    assert [b.property("language") for b in picker.buttons if b.isChecked()] == ["en"]
    spanish = button_for(picker, "es")
    qtbot.mouseClick(spanish, Qt.MouseButton.LeftButton, pos=spanish.rect().center())
    assert window.languages.code == "es" and window.stack.currentWidget() is not picker
    picker = open_picker(window)
    assert [b.property("language") for b in picker.buttons if b.isChecked()] == ["es"]
    english, spanish = button_for(picker, "en"), button_for(picker, "es")
    assert spanish.border_px() > english.border_px()
    assert border_run(painted(spanish), spanish.colors().border) > border_run(painted(english), english.colors().border)


def test_touching_the_current_language_keeps_it_marked(make_window, qtbot):
    window = make_window(1280, 800)
    picker = open_picker(window)
    english = button_for(picker, "en")
    qtbot.mouseClick(english, Qt.MouseButton.LeftButton, pos=english.rect().center())
    assert english.isChecked() and window.languages.code == "en"


# --- centred labels ----------------------------------------------------------------


@pytest.mark.parametrize("text_step", [0, 2], ids=["text100", "text200"])
@pytest.mark.parametrize("code", ["en", "ar"])
def test_labels_are_centred(make_window, code, text_step):
    window = make_window(1280, 800, text_step=text_step, language=code)
    picker = open_picker(window)
    px = window.display.theme().body_px
    for button in picker.buttons:
        centre = QRect(QPoint(0, 0), button.size()).center()
        # Where Qt lays the label out in the rectangle the button draws it in...
        laid_out = QFontMetrics(button.font()).boundingRect(button.text_rect(), LABEL_FLAGS, button.text())
        assert abs(laid_out.center().x() - centre.x()) <= 2, (button.text(), laid_out, button.size())
        assert abs(laid_out.center().y() - centre.y()) <= 2, (button.text(), laid_out, button.size())
        # ... and where its pixels are (side bearings make the ink a little uneven).
        ink = ink_rect(button, painted(button))
        assert abs(ink.center().x() - centre.x()) <= 3 + px // 10, (button.text(), ink, button.size())
        assert abs(ink.center().y() - centre.y()) <= 3 + px // 5, (button.text(), ink, button.size())
        assert button.text_rect().adjusted(-2, -px, 2, px).contains(ink), (button.text(), ink, button.text_rect())


# --- the grid at every size ---------------------------------------------------------

def name_problems(picker, window) -> list[str]:
    """Every name whole: inside the screen, in its padding, clear of the tick, no word wider
    than its room (Qt would break it mid-word), no line cut off; targets tall and apart."""
    problems = []
    viewport = window_rect(picker.scroll.viewport(), window)
    for button in picker.buttons:
        name = f"'{button.text()}' {button.width()}x{button.height()}"
        rect = window_rect(button, window)
        if rect.left() < viewport.left() or rect.right() > viewport.right():
            problems.append(f"{name} sticks out sideways: {rect.getRect()} outside {viewport.getRect()}")
        if button.height() < MIN_HEIGHT_PX:
            problems.append(f"{name} is lower than {MIN_HEIGHT_PX} px")
        text = button.text_rect()
        inner = QRect(QPoint(0, 0), button.size()).adjusted(PAD, PAD, -PAD, -PAD)
        if not inner.contains(text):
            problems.append(f"{name}: its label's room {text.getRect()} leaves the padding {inner.getRect()}")
        if text.intersects(button.mark_rect()):
            problems.append(f"{name}: its label's room overlaps the tick")
        metrics = QFontMetrics(button.font())
        for word in button.text().split():
            if metrics.horizontalAdvance(word) > text.width():
                problems.append(f"{name}: '{word}' ({metrics.horizontalAdvance(word)} px) is wider than "
                                f"its room ({text.width()} px): broken mid-word")
        needed = metrics.boundingRect(QRect(0, 0, text.width(), 100000), LABEL_FLAGS, button.text())
        if needed.height() > text.height():
            problems.append(f"{name}: the label needs {needed.height()} px, has {text.height()}")
    for i, a in enumerate(picker.buttons):
        for b in picker.buttons[i + 1:]:
            ra, rb = window_rect(a, window), window_rect(b, window)
            if ra.adjusted(-8, -8, 8, 8).intersects(rb):
                problems.append(f"'{a.text()}' and '{b.text()}' are closer than 8 px")
    return problems


def could_fit(picker) -> bool:
    """Whether some number of columns (1 to 4) shows every name whole without scrolling,
    worked out here from the fonts: the list may scroll only when none does."""
    grid = picker.grid.geometry()
    room = picker.scroll.viewport().height() - grid.top() - picker.column.contentsMargins().bottom()
    sample = picker.buttons[0]
    around = sample.width() - sample.text_rect().width()  # padding and the tick's room
    gap = picker.grid.spacing()
    for columns in range(1, 5):
        text_width = (grid.width() - gap * (columns - 1)) // columns - around
        heights = []
        for button in picker.buttons:
            metrics = QFontMetrics(button.font())
            if any(metrics.horizontalAdvance(word) > text_width for word in button.text().split()):
                break
            laid_out = metrics.boundingRect(QRect(0, 0, text_width, 100000), LABEL_FLAGS, button.text())
            heights.append(max(MIN_HEIGHT_PX, laid_out.height() + 2 * PAD))
        else:
            rows = -(-len(picker.buttons) // columns)
            if rows * max(heights) + (rows - 1) * gap <= room:
                return True
    return False


@pytest.mark.parametrize("code", ["en", "ar"])
@pytest.mark.parametrize("text_step", STEPS, ids=STEP_IDS)
@pytest.mark.parametrize("width,height", RESOLUTIONS, ids=[f"{w}x{h}" for w, h in RESOLUTIONS])
def test_every_name_whole_at_every_size(make_window, width, height, text_step, code):
    window = make_window(width, height, text_step=text_step, language=code)
    picker = open_picker(window)
    problems = name_problems(picker, window)
    close = window_rect(picker.close_button, window)
    if not window.rect().contains(close) or close.intersects(window_rect(picker.scroll.viewport(), window)):
        problems.append(f"Close is not in view: {close.getRect()}")
    fits = could_fit(picker)
    if text_step == 0 and not fits:
        problems.append("at 100 % every name should fit on the screen at once")
    if fits and picker.scroll.verticalScrollBar().maximum() > 0:
        problems.append("the names could all be shown at once, yet the list scrolls")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("text_step", [1, 2], ids=["text150", "text200"])
def test_every_name_whole_on_a_1080_px_wide_panel(qtbot, kiosk_app, text_step):
    """The picker alone at exactly 1080 px: the window is made wider than that by its top bar
    at 150 % and 200 %, so the window test does not reach this width."""
    load_fonts(everything=True)
    picker = LanguagePicker()
    qtbot.addWidget(picker)
    picker.apply_theme(Theme(DEFAULT, TEXT_SCALES[text_step]))
    picker.set_languages(all_languages(), "ar")
    picker.resize(1080, 1600)
    picker.show()
    for _ in range(4):
        QApplication.processEvents()
    assert picker.width() == 1080
    problems = name_problems(picker, picker)
    assert not problems, "\n".join(problems)
    assert picker.scroll.verticalScrollBar().maximum() == 0


def test_as_many_columns_as_fit(make_window):
    """A wide panel shows the names side by side, a tall one stacks them."""
    window = make_window(1920, 1080)
    picker = open_picker(window)
    rows = {window_rect(b, window).top() for b in picker.buttons}
    assert len(rows) <= 3, rows
    window.resize(1080, 1920)
    window.display.set_text_step(2)
    for _ in range(4):
        QApplication.processEvents()
    lefts = {window_rect(b, window).left() for b in picker.buttons}
    assert len(lefts) <= 2, lefts


def test_arabic_mirrors_the_grid(make_window):
    window = make_window(1280, 800, language="ar")
    picker = open_picker(window)
    english, spanish = button_for(picker, "en"), button_for(picker, "es")
    assert window_rect(english, window).top() == window_rect(spanish, window).top()
    assert window_rect(english, window).left() > window_rect(spanish, window).left()  # first on the right
    # Each name keeps its own direction: English reads left to right in the Arabic kiosk.
    assert english.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert button_for(picker, "ar").layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert language("ar").rtl
