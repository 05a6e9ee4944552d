"""The release gate for what a patient must see: danger signs in view, bars that hold.

For every resolution x text size x theme x language, on every screen whose signs need
help now or right away: the action and every sign are inside the visible part of the
screen without scrolling, and no text there is cut (measured on the text's own layout:
the label's height for its width, its longest word). Every bar: one row of labels that
never wrap (each label's one-line width fits its button), at most 15 % of the window's
height, and the same height in every language.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from kiosk.content import Action
from kiosk.i18n.languages import LANGUAGES
from kiosk.screenshots import show_place
from kiosk.ui.navigator import PAGE, Place
from kiosk.ui.theme import TEXT_SCALES
from kiosk.ui.widgets.big_button import PAD, BigButton
from kiosk.ui.widgets.line_breaks import unbreakable_runs
from tests.conftest import RESOLUTIONS

BOXED = (Action.NOW, Action.RIGHT_AWAY)
BAR_SHARE = 0.15


def boxed_places(guide) -> list[Place]:
    return [Place(PAGE, topic.id, index) for topic in guide.topics for index, screen in enumerate(topic.screens)
            if screen.action in BOXED]


def urgent_topic_places(guide) -> list[Place]:
    topic = guide.topics[0]  # the urgent topic comes first
    return [place for place in boxed_places(guide) if place.topic_id == topic.id]


def rect_in(widget, ancestor) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def cut_text(label) -> str:
    """Why the label's text is cut, measured on its text layout, or ""."""
    if label.heightForWidth(label.width()) > label.height() + 1:
        return f"needs {label.heightForWidth(label.width())} px of height, has {label.height()}"
    metrics = QFontMetrics(label.font())
    longest = max((metrics.horizontalAdvance(word) for word in unbreakable_runs(label.text())), default=0)
    if longest > label.contentsRect().width():
        return f"a word {longest} px wide in {label.contentsRect().width()} px"
    return ""


def sign_problems(window, where: str) -> list[str]:
    page = window.page
    viewport = page.scroll.viewport()
    problems = []
    if page.scroll.verticalScrollBar().value() != 0:
        problems.append(f"{where}: the screen opened scrolled")
    # The signs: the list, or on a screen without one its text ("Call right away if ...").
    signs = [label for label in (page.body, *page.item_labels) if label.isVisibleTo(page)]
    parts = [page.box.action, *signs]
    if not page.box.action.isVisibleTo(page) or not signs:
        problems.append(f"{where}: no action or no signs shown")
    for label in parts:
        rect = rect_in(label, viewport)
        if not viewport.rect().contains(rect):
            problems.append(f"{where}: '{label.text()[:30]}' is out of view: {rect.getRect()} in "
                            f"{viewport.rect().getRect()}")
        why = cut_text(label)
        if why:
            problems.append(f"{where}: '{label.text()[:30]}' is cut: {why}")
    return problems


def bar_problems(window, where: str) -> list[str]:
    """The top and bottom bars as shown, and the speech bar as it shows while reading."""
    window.speech_bar.show()
    QApplication.processEvents()
    problems = []
    for bar in (window.top_bar, window.nav_bar, window.speech_bar):
        name = type(bar).__name__
        if not bar.isVisible():
            continue
        if bar.height() > window.height() * BAR_SHARE:
            problems.append(f"{where}: {name} is {bar.height()} px, over 15 % of {window.height()}")
        for button in bar.findChildren(BigButton):
            if not button.isVisibleTo(bar) or not button.text():
                continue
            if button.one_line_width() > button.width():
                problems.append(f"{where}: {name} label '{button.text()}' wraps ({button.one_line_width()} px "
                                f"on one line, the button is {button.width()})")
            if bar.isVisible() and not window.rect().contains(rect_in(button, window)):
                problems.append(f"{where}: {name} button '{button.text()}' is outside the window")
            if button.longest_word_width() > button.width() - 2 * PAD:
                problems.append(f"{where}: {name} label '{button.text()}' is wider than its button")
    window.speech_bar.hide()
    return problems


@pytest.mark.parametrize("width,height", RESOLUTIONS, ids=[f"{w}x{h}" for w, h in RESOLUTIONS])
def test_danger_signs_in_view_and_bars_hold(make_window, guide, width, height):
    """Every language x text size x theme at one resolution: the urgent topic's boxed
    screens at every size, every other boxed screen at the largest text (the hardest to fit),
    and the urgent topic in high contrast at the largest text (the themes share every size)."""
    window = make_window(width, height)
    urgent, boxed = urgent_topic_places(guide), boxed_places(guide)
    assert urgent and len(boxed) > len(urgent)
    problems: list[str] = []
    heights: dict[tuple[int, str], set[int]] = {}
    for language in LANGUAGES:
        assert window.set_language(language), window.languages.why_not(language)
        for step in range(len(TEXT_SCALES)):
            for contrast in (False, True):
                window.display.set_text_step(step)
                window.display.set_high_contrast(contrast)
                QApplication.processEvents()
                # Every boxed screen at the largest text; the urgent topic's at every size; high
                # contrast (the same sizes, other colours) on the urgent topic at the largest.
                largest = step == len(TEXT_SCALES) - 1
                if contrast and not largest:
                    continue
                for place in (boxed if largest and not contrast else urgent):
                    show_place(window, place)
                    where = (f"{language} {width}x{height} {round(TEXT_SCALES[step] * 100)}%"
                             f"{' high contrast' if contrast else ''} {place.topic_id}-{place.index + 1}")
                    problems += sign_problems(window, where)
                problems += bar_problems(window, where)
                for bar in (window.top_bar, window.nav_bar):
                    heights.setdefault((step, type(bar).__name__), set()).add(bar.height())
    window.set_language("en")
    for (step, name), seen in heights.items():
        if len(seen) > 1:
            problems.append(f"{width}x{height} text step {step}: {name} heights differ by language: {sorted(seen)}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])


def test_gate_sees_signs_out_of_view(make_window, guide):
    """The check fails where it must: the list pushed below the fold is reported."""
    window = make_window(1280, 800, text_step=2)
    place = urgent_topic_places(guide)[0]
    show_place(window, place)
    assert sign_problems(window, "before") == []
    window.page.words.insertSpacing(0, 700)  # something tall above the box
    for _ in range(3):
        QApplication.processEvents()
    problems = sign_problems(window, "pushed")
    assert any("out of view" in problem for problem in problems), problems


def test_gate_sees_a_wrapped_bar_label(make_window):
    window = make_window(1280, 800)
    assert bar_problems(window, "before") == []
    window.top_bar.read_button.setText("A label far too long to fit on one line of any button in this bar")
    window.top_bar.read_button.setMaximumWidth(300)
    QApplication.processEvents()
    assert any("wraps" in problem for problem in bar_problems(window, "long")), bar_problems(window, "long")


def test_bars_have_room_for_the_tallest_script(kiosk_app):
    """The bars' height rule holds a line of every bundled script (measured once all load)."""
    from PySide6.QtGui import QFontMetrics

    from kiosk.ui.theme import DEFAULT, FONTS_BY_LANGUAGE, LATIN, Theme, load_fonts
    from kiosk.ui.widgets.bars import TALLEST_LINE_EM

    load_fonts(everything=True)
    for families in (LATIN, *FONTS_BY_LANGUAGE.values()):
        for px in (28, 36, 42):
            line = QFontMetrics(Theme(DEFAULT, 1.0, families).font(px, bold=True)).height()
            assert line <= px * TALLEST_LINE_EM, (families, px, line)


def test_buttons_never_wear_the_urgent_colours():
    """In both themes a button is never filled like urgent content (the "now" and "right
    away" bands), so a band never looks like something to press."""
    from kiosk.ui.theme import DEFAULT, HIGH_CONTRAST

    for colors in (DEFAULT, HIGH_CONTRAST):
        bands = {colors.urgent.upper(), colors.warning.upper()} - {colors.background.upper()}
        buttons = {colors.primary.upper(), colors.secondary.upper()}
        assert not bands & buttons, (colors.name, bands & buttons)
