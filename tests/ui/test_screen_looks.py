"""The PIN pad, the admin screen, the attract screen and "Still there?" on the real window: in
the patient's text size, theme and direction, every part inside the window, and measured on
the painted pixels where a widget could report one thing and paint another."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFontInfo, QImage
from PySide6.QtWidgets import QApplication

from kiosk.admin.pin import MAX_TRIES, PinGate, hash_pin
from kiosk.admin.report import AdminReport
from kiosk.ui.screens.pin_pad import MIN_KEY_PX
from kiosk.ui.theme import DEFAULT, HIGH_CONTRAST, LATIN, contrast_ratio, font_families

PIN = "246813"
KEY_ORDER = ("1", "2", "3", "4", "5", "6", "7", "8", "9")
TEXT, GRAPHIC = 7.0, 3.0  # least contrast: text (WCAG 1.4.6), other graphics (1.4.11)


def settle() -> None:
    for _ in range(4):  # layouts settle over a few passes (wrapped heights, then positions)
        QApplication.processEvents()


def window_rect(widget, window) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def assert_inside(widgets, window) -> None:
    for widget in widgets:
        assert widget.isVisible(), widget
        rect = window_rect(widget, window)
        assert window.rect().contains(rect), (widget, rect, window.size())


def assert_whole(labels) -> None:
    """A word-wrapped label given less height than its words need is cut."""
    for label in labels:
        assert label.heightForWidth(label.width()) <= label.height(), (label.text(), label.size())


def near(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) <= tolerance


def grab(widget) -> QImage:
    image = widget.grab().toImage()
    assert image.width() == widget.width(), "the test expects one pixel per device pixel"
    return image


def as_shown(widget, window) -> QImage:
    """`widget` as the window paints it, on what is behind it (a widget grabbed alone has no
    background of its own)."""
    image = window.grab(window_rect(widget, window)).toImage()
    assert image.size() == widget.size(), "the test expects one pixel per device pixel"
    return image


def ink_box(image: QImage, color: str, area: QRect | None = None, tolerance: int = 40) -> QRect | None:
    """The bounding box of the pixels of `color` in `area` (all of the image if None)."""
    area, target = area or image.rect(), QColor(color)
    xs, ys = [], []
    for y in range(area.top(), area.bottom() + 1):
        for x in range(area.left(), area.right() + 1):
            if near(image.pixelColor(x, y), target, tolerance):
                xs.append(x)
                ys.append(y)
    return QRect(QPoint(min(xs), min(ys)), QPoint(max(xs), max(ys))) if xs else None


def painted_contrast(image: QImage, area: QRect | None = None) -> float:
    """The contrast between the commonest colour of `area` (its background) and the pixel
    furthest from it (the words' or the graphic's full colour; edges only blend the two)."""
    area = area or image.rect()
    colors = Counter(image.pixelColor(x, y).name() for y in range(area.top(), area.bottom() + 1, 2)
                     for x in range(area.left(), area.right() + 1, 2))
    background = colors.most_common(1)[0][0]
    return max(contrast_ratio(color, background) for color in colors)


def open_pad(make_window, width, height, text_step=0, high_contrast=False, language="en", pin=True):
    gate = PinGate(hash_pin(PIN)) if pin else PinGate("")
    window = make_window(width, height, text_step=text_step, high_contrast=high_contrast, language=language,
                         pin_gate=gate)
    window.staff.open_pin_pad()
    settle()
    return window, window.staff.pad


def press(qtbot, pad, keys) -> None:
    for key in keys:
        qtbot.mouseClick(pad.keys[key], Qt.MouseButton.LeftButton)
    settle()


# --- the PIN pad ------------------------------------------------------------------------

PAD_CASES = [(1280, 800, 2, "en"), (1280, 800, 2, "ar"), (1080, 1920, 2, "ar"), (1366, 768, 1, "en"),
             (1920, 1080, 0, "ar"), (1080, 1920, 0, "en")]


@pytest.mark.expect_log(r"PIN pad locked")
@pytest.mark.parametrize("width,height,text_step,language", PAD_CASES)
def test_the_pin_pad_is_twelve_equal_keys_that_fit_without_scrolling(qtbot, make_window, width, height,
                                                                     text_step, language):
    window, pad = open_pad(make_window, width, height, text_step, high_contrast=True, language=language)

    def check(state: str) -> None:
        settle()
        sizes = {key: pad.keys[key].size().toTuple() for key in pad.keys}
        assert len(set(sizes.values())) == 1, (state, sizes)
        key_w, key_h = sizes["1"]
        assert key_w >= MIN_KEY_PX and key_h >= MIN_KEY_PX, state
        where = {key: window_rect(button, window) for key, button in pad.keys.items()}
        assert len({rect.left() for rect in where.values()}) == 3 and len({rect.top() for rect in where.values()}) == 4
        # A telephone's order in every direction; Clear and OK change sides in Arabic.
        assert where["1"].left() < where["2"].left() < where["3"].left(), state
        assert where["1"].top() < where["4"].top() < where["7"].top() < where["0"].top(), state
        clear_first = where["Clear"].left() < where["OK"].left()
        assert clear_first == (language != "ar"), state
        assert where["0"].left() == where["2"].left()
        shown = [*pad.keys.values(), pad.cancel_button, pad.heading]
        shown += [widget for widget in (pad.dots, pad.message) if not widget.isHidden()]
        assert_inside(shown, window)
        assert_whole([pad.heading, pad.message] if not pad.message.isHidden() else [pad.heading])
        assert pad.scroll.verticalScrollBar().maximum() == 0, f"{state}: the pad scrolls"

    check("ready")
    press(qtbot, pad, [*"111111", "OK"])
    assert pad.message.text() == f"Wrong PIN. {MAX_TRIES - 1} tries left."
    check("a wrong PIN")
    for _ in range(MAX_TRIES - 1):
        press(qtbot, pad, [*"111111", "OK"])
    assert "locked" in pad.message.text()
    check("locked")

    window, pad = open_pad(make_window, width, height, text_step, language=language, pin=False)
    check("no PIN set")


@pytest.mark.parametrize("high_contrast,text_step,language", [(False, 0, "en"), (True, 2, "ar")])
def test_the_digits_are_painted_in_the_middle_of_their_keys(make_window, high_contrast, text_step, language):
    window, pad = open_pad(make_window, 1280, 800, text_step, high_contrast, language)
    colors = HIGH_CONTRAST if high_contrast else DEFAULT
    for key in (*KEY_ORDER, "0"):
        button = pad.keys[key]
        image = grab(button)
        inner = image.rect().adjusted(12, 12, -12, -12)  # inside the border
        ink = ink_box(image, colors.on_secondary, inner)
        assert ink is not None, key
        dx = ink.left() + (ink.width() - 1) / 2 - (image.width() - 1) / 2
        dy = ink.top() + (ink.height() - 1) / 2 - (image.height() - 1) / 2
        assert abs(dx) <= 3, (key, dx, ink)  # a glyph's own side bearings: the "1" leans left
        assert abs(dy) <= 0.06 * image.height(), (key, dy, ink)


def test_the_pin_pad_follows_the_text_size_and_high_contrast(make_window):
    heights = []
    for step in (0, 2):
        window, pad = open_pad(make_window, 1280, 800, step)
        key = grab(pad.keys["8"])
        heights.append(ink_box(key, DEFAULT.on_secondary, key.rect().adjusted(12, 12, -12, -12)).height())
        assert pad.message.font().pixelSize() == window.display.theme().body_px
    assert heights[1] >= 1.4 * heights[0], heights

    window, pad = open_pad(make_window, 1280, 800, 0, high_contrast=True)
    screen = grab(window)
    assert near(screen.pixelColor(5, 5), QColor(HIGH_CONTRAST.background), 2)
    key = grab(pad.keys["5"])
    assert near(key.pixelColor(key.width() // 2, 9), QColor(HIGH_CONTRAST.secondary), 2)  # black keys
    assert ink_box(key, HIGH_CONTRAST.on_secondary, key.rect().adjusted(12, 12, -12, -12)) is not None  # yellow digits
    ok = grab(pad.keys["OK"])
    assert near(ok.pixelColor(ok.width() // 2, 9), QColor(HIGH_CONTRAST.primary), 2)
    for part in (pad.keys["5"], pad.keys["OK"]):
        assert painted_contrast(grab(part)) >= TEXT, part
    assert painted_contrast(screen, window_rect(pad.heading, window)) >= TEXT


def test_the_pin_pad_mirrors_for_arabic_but_not_its_digits(make_window):
    window, pad = open_pad(make_window, 1280, 800, 0, language="en")
    assert window_rect(pad.heading, window).right() < window_rect(pad.keys["1"], window).left()
    window.set_language("ar")
    window.staff.open_pin_pad()
    settle()
    pad = window.staff.pad
    assert pad.layoutDirection() == Qt.LayoutDirection.RightToLeft
    # The words beside the keys change sides; the keys keep 1 2 3 from the left.
    assert window_rect(pad.heading, window).left() > window_rect(pad.keys["3"], window).right()
    assert window_rect(pad.keys["1"], window).left() < window_rect(pad.keys["3"], window).left()
    assert window_rect(pad.keys["OK"], window).left() < window_rect(pad.keys["Clear"], window).left()
    assert pad.cancel_button.layoutDirection() == Qt.LayoutDirection.RightToLeft  # its arrow points right
    pad.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a change of direction while on show
    settle()
    assert window_rect(pad.keys["Clear"], window).left() < window_rect(pad.keys["OK"], window).left()


def test_entered_digits_show_as_dots_and_never_as_digits(qtbot, make_window):
    window, pad = open_pad(make_window, 1280, 800)
    press(qtbot, pad, "246")
    assert pad.dots.accessibleName() == "3 digits entered"
    image = as_shown(pad.dots, window)
    row, dots, inside = image.height() // 2, 0, False
    for x in range(image.width()):
        dark = near(image.pixelColor(x, row), QColor(DEFAULT.text), 60)
        dots += dark and not inside
        inside = dark
    # The field's two edges cross the middle row too, in the border's colour, not the dots'.
    assert dots == 3, dots
    assert painted_contrast(image) >= TEXT
    words = " ".join(label.text() for label in (pad.heading, pad.message))
    assert not any(digit in words for digit in "246")
    press(qtbot, pad, ["Clear"])
    assert pad.entered == "" and pad.dots.accessibleName() == "No digits entered"


def test_without_a_pin_the_pad_says_why_its_keys_are_off(qtbot, make_window):
    window, pad = open_pad(make_window, 1280, 800, pin=False)
    why = "Admin exit is off: no PIN is set. Run `kiosk set-pin` on this terminal."
    assert pad.message.text() == why and pad.message.isVisible()
    assert pad.dots.isHidden()  # nothing can be entered: no empty field to look at
    for key, button in pad.keys.items():
        assert not button.isEnabled() and button.accessibleDescription() == why, key
    press(qtbot, pad, "2468")
    assert pad.entered == ""
    assert pad.cancel_button.isEnabled()  # the way out is never off

    window, pad = open_pad(make_window, 1280, 800)
    assert all(button.isEnabled() and not button.accessibleDescription() for button in pad.keys.values())
    assert pad.dots.isVisible() and pad.message.isHidden()


# --- the admin screen ----------------------------------------------------------------------

DAYS = [(f"2026-11-{day:02d}", (day * 7) % 13) for day in range(18, 31)] + [("2026-12-01", 4)]


def open_admin(make_window, width, height, text_step=0, high_contrast=False, language="en", days=DAYS):
    window = make_window(width, height, text_step=text_step, high_contrast=high_contrast, language=language)
    window.staff.open_admin()
    report = window.staff.report()
    report.usage, report.per_day = [("Sessions", f"{sum(n for _, n in days)} in all")], days
    window.staff.admin.show_report(report)
    settle()
    return window, window.staff.admin


@pytest.mark.parametrize("width,height,text_step,high_contrast,language", [
    (1280, 800, 2, True, "ar"), (1280, 800, 0, False, "en"), (1080, 1920, 2, False, "en"), (1366, 768, 1, True, "en"),
])
def test_the_admin_screen_has_sections_and_its_actions_never_scroll(make_window, width, height, text_step,
                                                                   high_contrast, language):
    window, admin = open_admin(make_window, width, height, text_step, high_contrast, language)
    assert [admin.sections[name].text() for name in admin.sections] == ["Content status", "Languages", "Statistics",
                                                                        "Check what you learned"]
    assert len(admin.rows("Languages")) == 10
    buttons = (admin.back_button, admin.test_button, admin.exit_button)
    bar = admin.scroll.verticalScrollBar()
    for value in (0, bar.maximum()):
        bar.setValue(value)
        settle()
        assert_inside(buttons, window)
        assert not any(admin.scroll.isAncestorOf(button) for button in buttons)
    assert window_rect(admin.actions, window).bottom() == window.rect().bottom()
    # Exit is plain, not an alarm, and set apart past a rule.
    assert admin.exit_button.variant() != "urgent"
    colors = HIGH_CONTRAST if high_contrast else DEFAULT
    exit_image = grab(admin.exit_button)
    assert near(exit_image.pixelColor(exit_image.width() // 2, 9), QColor(colors.secondary), 2)
    rule = window_rect(admin.rule, window)
    assert window_rect(admin.test_button, window).right() < rule.left() < window_rect(admin.exit_button, window).left()
    # English words in the Latin fonts, whatever the patient's language.
    for label in (admin.heading, admin.sections["Languages"]):
        assert QFontInfo(label.font()).family() == LATIN[0], label.text()


@pytest.mark.parametrize("high_contrast", [False, True])
@pytest.mark.parametrize("text_step", [0, 2])
def test_the_chart_is_labelled_with_numbers_at_body_size_in_the_themes_colours(make_window, high_contrast,
                                                                              text_step):
    window, admin = open_admin(make_window, 1280, 800, text_step, high_contrast)
    theme, chart = window.display.theme(), admin.chart
    admin.scroll.ensureWidgetVisible(chart)
    settle()
    colors = theme.colors
    assert chart.font().pixelSize() >= theme.body_px
    assert chart.colors == (colors.highlight, colors.text, colors.border)
    assert contrast_ratio(colors.text, colors.background) >= TEXT
    assert contrast_ratio(colors.highlight, colors.background) >= GRAPHIC
    assert contrast_ratio(colors.border, colors.background) >= GRAPHIC
    assert chart.in_columns(chart.width())
    image = as_shown(chart, window)
    column = chart.width() / len(DAYS)
    line = chart.line_px()
    for index, (day, count) in enumerate(DAYS):
        area = QRect(round(index * column), 0, round(column) - 1, image.height())
        labels = ink_box(image, colors.text, area)
        assert labels is not None, day
        bar = ink_box(image, colors.highlight, area.adjusted(0, 0, 0, -line - 4), tolerance=8)
        if count:
            assert bar is not None and bar.height() > 2, day
            number = ink_box(image, colors.text, QRect(area.left(), bar.top() - line, area.width(), line))
            assert number is not None and number.height() >= 0.5 * theme.body_px, (day, count)  # the number on top
        day_label = ink_box(image, colors.text, QRect(area.left(), image.height() - line, area.width(), line))
        assert day_label is not None and day_label.height() >= 0.5 * theme.body_px, day


def test_a_chart_too_narrow_for_its_labels_lists_one_day_a_row(make_window):
    days = [(day, count * 37) for day, count in DAYS]  # three-digit numbers
    window, admin = open_admin(make_window, 1080, 1920, 2, days=days)
    chart = admin.chart
    assert not chart.in_columns(chart.width())
    assert chart.height() >= len(days) * chart.line_px()
    admin.scroll.ensureWidgetVisible(chart)
    settle()
    image = as_shown(chart, window)
    colors = window.display.theme().colors
    for index in range(len(days)):
        row = QRect(0, index * (chart.line_px() + 8), image.width(), chart.line_px())
        assert ink_box(image, colors.text, row) is not None, index


def test_admin_report_lines_hold_every_fact_shown():
    report = AdminReport([("Site", "3rd floor")], [], [("Sessions", "4 in all")])
    assert report.lines() == ["Site: 3rd floor", "", "Languages:", "", "Usage (anonymous):", "Sessions: 4 in all"]


# --- the attract screen and "Still there?" --------------------------------------------------

def attract_in(window, code: str):
    window.session.to_attract()
    attract = window.session_view.attract
    while attract.current() != code:
        attract.next_language()
    settle()
    return attract


@pytest.mark.parametrize("code", ["ar", "zh", "ru", "vi", "en"])
def test_the_attract_screen_draws_each_language_in_its_own_font(make_window, code):
    window = make_window(1280, 800)
    attract = attract_in(window, code)
    assert QFontInfo(attract.invitation.font()).family() == font_families(code)[0]
    rtl = code == "ar"
    assert (attract.invitation.layoutDirection() == Qt.LayoutDirection.RightToLeft) == rtl


@pytest.mark.parametrize("width,height", [(1280, 800), (1080, 1920)])
def test_the_attract_screen_follows_the_text_size_and_high_contrast(make_window, width, height):
    sizes = []
    for step, contrast in ((0, False), (1, False), (2, True)):
        window = make_window(width, height, text_step=step, high_contrast=contrast)
        theme = window.display.theme()
        for code in ("en", "ar", "ru", "vi"):
            attract = attract_in(window, code)
            assert attract.invitation.font().pixelSize() == theme.title_px
            assert_inside([attract.invitation], window)
            assert_whole([attract.invitation])
            assert attract.scroll.verticalScrollBar().maximum() == 0, code
        sizes.append(theme.title_px)
        image = grab(window)
        assert near(image.pixelColor(4, 4), QColor(theme.colors.background), 2)
        words = window_rect(attract.invitation, window)
        assert ink_box(image, theme.colors.text, words) is not None
        assert painted_contrast(image, words) >= TEXT
    assert sizes[0] < sizes[1]


@pytest.mark.parametrize("text_step,high_contrast,language", [(0, False, "en"), (2, True, "ar"), (2, False, "ru")])
def test_still_there_follows_the_text_size_contrast_and_direction(make_window, text_step, high_contrast, language):
    window = make_window(1280, 800, text_step=text_step, high_contrast=high_contrast, language=language)
    window.session.start()
    window.show_place(window.navigator.place)
    window.session_view.ask_still_there(20)
    settle()
    overlay, theme = window.session_view.still_there, window.display.theme()
    assert overlay.heading.font().pixelSize() == theme.title_px
    assert overlay.message.font().pixelSize() == theme.body_px
    assert QFontInfo(overlay.message.font()).family() == font_families(language)[0]
    assert overlay.layoutDirection() == (Qt.LayoutDirection.RightToLeft if language == "ar"
                                         else Qt.LayoutDirection.LeftToRight)
    assert overlay.geometry() == window.rect()
    assert_inside([overlay.panel, overlay.heading, overlay.message, overlay.continue_button], window)
    assert_whole([overlay.heading, overlay.message])
    panel = grab(overlay.panel)
    assert near(panel.pixelColor(panel.width() // 2, 20), QColor(theme.colors.background), 2)
    for label in (overlay.heading, overlay.message):
        assert painted_contrast(grab(window), window_rect(label, window)) >= TEXT
    assert contrast_ratio(theme.colors.border, theme.colors.background) >= GRAPHIC  # the panel's edge
    window.resize(1080, 1920)  # the panel turned while it asks: the question stays over all of it
    settle()
    assert overlay.geometry() == window.rect() and window.height() == 1920
    assert_inside([overlay.panel, overlay.continue_button], window)
    window.session_view.stop_asking()
