"""The folded top bar: "Text and language" in the text size's place, and its screen.

At large text on a narrow panel the top bar's text size, high contrast and language fold
into one button at the text size's spot; it opens a screen where each choice acts at once
and Close goes back to where the patient was.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from kiosk.screenshots import show_place
from kiosk.ui.navigator import PAGE, Place
from kiosk.ui.widgets.bars import BAR_SHARE


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    for _ in range(3):
        QApplication.processEvents()


def right_edge(window, widget) -> int:
    return widget.mapTo(window, QPoint(widget.width(), 0)).x()


def test_the_bar_folds_when_full_and_keeps_the_spot(make_window):
    window = make_window(1280, 800)
    bar = window.top_bar
    show_place(window, Place(PAGE, "most-important", 2))
    assert not bar.folded and bar.text_size_button.isVisible() and not bar.display_button.isVisible()
    spot = right_edge(window, bar.text_size_button)
    window.display.set_text_step(1)
    QApplication.processEvents()
    assert bar.folded and bar.display_button.isVisible()
    assert not any(button.isVisible() for button in bar.unfolded())
    assert abs(right_edge(window, bar.display_button) - spot) <= 1  # under the same finger
    assert bar.display_button.text() == "Text and language"
    assert bar.height() <= window.height() * BAR_SHARE


def test_text_size_shows_its_size(make_window):
    window = make_window(1920, 1080)
    assert window.top_bar.text_size_button.text() == "Text 100%"
    window.display.set_text_step(2)
    assert window.top_bar.text_size_button.text() == "Text 200%"
    assert window.top_bar.text_size_button.accessibleName() == "Text size"


def test_the_screen_changes_size_contrast_and_language_and_goes_back(make_window, qtbot):
    window = make_window(1280, 800, text_step=1)
    show_place(window, Place(PAGE, "most-important", 2))
    place = window.navigator.place
    click(qtbot, window.top_bar.display_button)
    screen = window.display_settings
    assert window.stack.currentWidget() is screen and not window.nav_bar.isVisible()
    assert [button.isChecked() for button in screen.size_buttons] == [False, True, False]
    click(qtbot, screen.size_buttons[2])
    assert window.display.text_step == 2
    assert window.stack.currentWidget() is screen  # stays: the patient sees the new size
    assert screen.size_label.font().pixelSize() == window.display.theme().body_px
    click(qtbot, screen.contrast_button)
    assert window.display.high_contrast and screen.contrast_button.isChecked()
    click(qtbot, screen.size_buttons[0])
    assert window.display.text_step == 0
    # Back at 100 % the bar unfolds, and the screen still says where everything is.
    click(qtbot, screen.close_button)
    assert window.stack.currentWidget() is window.page and window.navigator.place == place
    assert window.display.high_contrast


def test_language_from_the_screen(make_window, qtbot):
    window = make_window(1280, 800, text_step=2)
    show_place(window, Place(PAGE, "most-important", 2))
    click(qtbot, window.top_bar.display_button)
    assert window.display_settings.language_button.text() == "English"
    click(qtbot, window.display_settings.language_button)
    assert window.stack.currentWidget() is window.picker
    spanish = next(button for button in window.picker.buttons if button.property("language") == "es")
    click(qtbot, spanish)
    assert window.languages.code == "es" and window.stack.currentWidget() is window.page
    assert window.top_bar.display_button.text() == "Letra e idioma"
    click(qtbot, window.top_bar.display_button)
    assert window.display_settings.heading.text() == "Letra e idioma"
    assert window.display_settings.language_button.text() == "Español"
