"""Idle reset: "Still there?", continue, and the full reset to the site's defaults."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication

from kiosk.config import parse_config
from kiosk.i18n.catalog import load_catalog
from kiosk.speech.types import SpeechState

SHORT = parse_config("[session]\nidle_timeout_s = 1\nwarning_s = 2\n"
                     "[speech]\nvolume = 0.6\nrate = \"slow\"\n", "short.toml")


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def test_still_there_then_continue_keeps_the_session(qtbot, make_window):
    window = make_window(1280, 800, settings=SHORT)
    click(qtbot, window.welcome.start_button)
    click(qtbot, window.home.tiles[4])
    place = window.navigator.place
    qtbot.waitUntil(window.session_view.still_there.isVisible, timeout=3000)
    assert window.session_view.still_there.heading.text() == "Still there?"
    assert "start over in 2 seconds" in window.session_view.still_there.message.text()
    click(qtbot, window.session_view.still_there.continue_button)
    assert not window.session_view.still_there.isVisible()
    assert window.navigator.place == place and window.stack.currentWidget() is window.page
    # The timer runs again after "Continue": the question comes back, a touch anywhere keeps it.
    qtbot.waitUntil(window.session_view.still_there.isVisible, timeout=3000)
    qtbot.mouseClick(window.session_view.still_there, Qt.MouseButton.LeftButton)
    assert not window.session_view.still_there.isVisible() and window.navigator.place == place


def test_nobody_answers_everything_resets_to_the_defaults(qtbot, make_window):
    window = make_window(1280, 800, settings=SHORT)
    click(qtbot, window.welcome.start_button)
    window.navigator.open_topic("liver", 1)
    click(qtbot, window.top_bar.text_size_button)
    click(qtbot, window.top_bar.contrast_button)
    window.set_language("ar")
    window.speech.set_volume(1.0)
    window.speech.set_rate("fast")
    window.read_aloud.set_listen_mode(True)
    qtbot.waitUntil(window.session_view.still_there.isVisible, timeout=3000)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.session_view.attract, timeout=5000)
    assert not window.session_view.still_there.isVisible()
    assert window.languages.code == "en" and window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert (window.display.text_step, window.display.high_contrast) == (0, False)
    assert (window.speech.volume(), window.speech.rate()) == (0.6, "slow")  # the site's defaults
    assert not window.read_aloud.listen_mode and window.speech.state() != SpeechState.SPEAKING
    assert window.navigator.place.kind == "welcome"
    assert not window.top_bar.isVisible() and not window.nav_bar.isVisible()
    assert not window.session.idle.is_watching()  # no session to end on the attract screen


def test_attract_screen_invites_in_every_language_and_starts_in_the_one_shown(qtbot, make_window):
    window = make_window(1280, 800, settings=SHORT)
    window.session.to_attract()
    seen = []
    for _ in range(len(window.session_view.attract.languages)):
        seen.append((window.session_view.attract.current(), window.session_view.attract.invitation.text()))
        window.session_view.attract.next_language()
    assert [code for code, _ in seen] == ["en", "es", "zh", "vi", "ko", "tl", "ar", "ru", "ht", "fr"]
    assert seen[0][1] == "Touch here to learn about your medicine"
    assert seen[1][1] == load_catalog("es").get("AttractScreen", "Touch here to learn about your medicine")
    while window.session_view.attract.current() != "vi":
        window.session_view.attract.next_language()
    qtbot.mouseClick(window.session_view.attract, Qt.MouseButton.LeftButton)
    assert window.languages.code == "vi" and window.stack.currentWidget() is window.welcome
    assert window.top_bar.isVisible() and window.session.idle.is_watching()
    assert window.welcome.start_button.text() == load_catalog("vi").get("WelcomeScreen", "Touch to start")


def test_an_untouched_kiosk_goes_to_the_attract_screen_without_asking(qtbot, make_window):
    window = make_window(1280, 800, settings=SHORT)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.session_view.attract, timeout=3000)
    assert not window.session_view.still_there.isVisible()


def test_the_question_is_spoken_to_someone_who_used_read_aloud(qtbot, make_window):
    window = make_window(1280, 800, settings=SHORT)
    click(qtbot, window.welcome.start_button)
    click(qtbot, window.top_bar.read_button)
    qtbot.waitUntil(window.session_view.still_there.isVisible, timeout=5000)
    qtbot.waitUntil(lambda: "Still there?" in window.speech.text(), timeout=3000)
    assert "Continue" in window.speech.text()


def test_no_question_while_the_voice_is_reading(qtbot, make_window):
    window = make_window(1280, 800, settings=SHORT)
    click(qtbot, window.welcome.start_button)
    window.navigator.open_topic("liver", 1)
    window.speech.set_rate("slow")
    click(qtbot, window.top_bar.read_button)
    qtbot.waitUntil(lambda: window.speech.state() == SpeechState.SPEAKING, timeout=3000)
    qtbot.wait(1500)  # longer than the 1 s idle timeout, while the voice reads
    assert window.speech.state() == SpeechState.SPEAKING and not window.session_view.still_there.isVisible()


@pytest.mark.parametrize("language", ["en", "tl", "ar", "ru"])
@pytest.mark.parametrize("width,height,text_step", [(1280, 800, 2), (1080, 1920, 2), (1366, 768, 0)])
def test_the_question_fits(qtbot, make_window, language, width, height, text_step):
    window = make_window(width, height, text_step=text_step, language=language)
    window.session_view.still_there.apply_theme(window.display.theme())
    window.session_view.still_there.start(20)
    qtbot.waitUntil(window.session_view.still_there.isVisible)
    for _ in range(3):
        QApplication.processEvents()
    inside = window.rect()
    overlay = window.session_view.still_there
    for widget in (overlay.heading, overlay.message, overlay.continue_button):
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        assert inside.contains(rect), (widget.text(), rect.getRect())
        assert widget.heightForWidth(widget.width()) <= widget.height() + 1, widget.text()
    window.session_view.still_there.stop()


def _to_attract(qtbot, window):
    window.set_language("es")
    window.display.cycle_text_size()
    window.session.reset()
    assert window.stack.currentWidget() is window.session_view.attract and not window.session.idle.is_watching()


def _touch_attract(qtbot, window):
    qtbot.mouseClick(window.session_view.attract, Qt.MouseButton.LeftButton)


def _enter_key(qtbot, window):
    qtbot.keyClick(window.session_view.attract, Qt.Key.Key_Return)


def _arrow_key(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_Down)


def _screen_reader_presses_start(qtbot, window):
    # What an accessibility "Press" does: the button's click, with no mouse or key event.
    window.session_view.attract.start_button.click()


def _language_on_attract(qtbot, window):
    while window.session_view.attract.current() != "vi":
        window.session_view.attract.next_language()
    qtbot.mouseClick(window.session_view.attract, Qt.MouseButton.LeftButton)


ROUTES = {
    "touch": _touch_attract, "enter": _enter_key, "keypad arrow": _arrow_key,
    "screen reader: the attract screen's button": _screen_reader_presses_start,
    "a language chosen on the attract screen": _language_on_attract,
}


@pytest.mark.parametrize("route", ROUTES, ids=list(ROUTES))
def test_every_way_into_a_session_ends_in_a_full_reset(qtbot, make_window, route):
    """Each route starts the one session (idle watched), and the session always resets:
    nothing of it is left for the next patient."""
    window = make_window(1280, 800, settings=SHORT)
    _to_attract(qtbot, window)
    ROUTES[route](qtbot, window)
    assert window.stack.currentWidget() is not window.session_view.attract, route
    assert window.session.idle.is_watching() and window.top_bar.isVisible(), route
    click(qtbot, window.top_bar.text_size_button)  # the patient changes something
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.session_view.attract, timeout=8000)
    assert window.languages.code == "en" and window.display.text_step == 0
    assert window.navigator.place.kind == "welcome" and not window.session.idle.is_watching()


def test_a_pointer_passing_over_is_not_someone_there(qtbot, make_window):
    window = make_window(1280, 800, settings=SHORT)  # 1 s without a press or key: "Still there?"
    click(qtbot, window.welcome.start_button)
    for step in range(16):  # a pointer drifting over the screen for 1.6 s, no button held
        qtbot.mouseMove(window.home, QPoint(300 + 10 * step, 300))
        qtbot.wait(100)
    assert window.session_view.still_there.isVisible()


def test_a_hidden_screens_buttons_cannot_be_pressed_from_the_attract_screen(qtbot, make_window):
    """A screen reader can reach a hidden screen's buttons; they are disabled, so nothing starts
    behind the attract screen's back (the attract screen has its own button)."""
    window = make_window(1280, 800, settings=SHORT)
    _to_attract(qtbot, window)
    window.welcome.start_button.click()
    window.home.tiles[2].click()
    assert window.stack.currentWidget() is window.session_view.attract and not window.session.started
    assert window.session_view.attract.start_button.accessibleName() == window.session_view.attract.invitation.text()
