"""The one input route: every event passes lockdown, listen, activity, staff, swipe, keypad
and keys in that order, and stops at the first step that takes it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from kiosk.ui.input_route import ORDER, InputRoute
from kiosk.ui.lockdown import Lockdown


def trace(window, kinds=(QEvent.Type.MouseButtonPress, QEvent.Type.ContextMenu)) -> list[str]:
    """Wrap every step so the test sees which ran for events of `kinds`, in which order."""
    seen: list[str] = []

    def wrap(name, step):
        def traced(obj, event):
            if event.type() in kinds:
                seen.append(name)
            return step(obj, event)
        return traced

    window.input.steps = [(name, wrap(name, step)) for name, step in window.input.steps]
    return seen


def test_the_route_is_the_declared_order_and_the_only_application_filter(make_window):
    window = make_window(1280, 800)
    assert window.input.names() == list(ORDER) == ["lockdown", "listen", "activity", "staff", "swipe", "keypad",
                                                   "keys"]
    with pytest.raises(ValueError, match="unknown input steps"):
        InputRoute().set_steps({"mouse": lambda obj, event: False})


def test_a_press_nobody_takes_passes_every_step_in_order(qtbot, make_window):
    window = make_window(1280, 800)
    seen = trace(window)
    qtbot.mousePress(window.welcome.start_button, Qt.MouseButton.LeftButton)
    assert seen[:len(ORDER)] == list(ORDER)  # (then again for each parent the press goes on to)
    qtbot.mouseRelease(window.welcome.start_button, Qt.MouseButton.LeftButton)


def test_the_lockdown_takes_a_menu_before_any_other_step(qtbot, make_window, request):
    window = make_window(1280, 800)
    lockdown = Lockdown(window, window)
    window.set_lockdown(lockdown)
    request.addfinalizer(lambda: setattr(lockdown, "unlocked", True))
    seen = trace(window)
    where = QPoint(5, 5)
    QApplication.sendEvent(window.home, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where,
                                                          window.home.mapToGlobal(where)))
    assert seen == ["lockdown"] and lockdown.ignored == 1


def test_in_listen_mode_the_first_touch_is_taken_before_activity_and_swipe(qtbot, make_window):
    window = make_window(1280, 800)
    window.read_aloud.set_listen_mode(True)
    window.navigator.home()
    seen = trace(window)
    qtbot.mousePress(window.home.tiles[0], Qt.MouseButton.LeftButton)
    assert seen == ["lockdown", "listen"]  # it said what the tile does; nothing else saw the touch
    qtbot.mouseRelease(window.home.tiles[0], Qt.MouseButton.LeftButton)
    window.read_aloud.set_listen_mode(False)


def test_a_button_pressed_without_an_input_event_keeps_the_session(qtbot, make_window):
    """As a screen reader, voice control or a switch presses it: click(), no mouse or key."""
    from kiosk.config import parse_config

    settings = parse_config("[session]\nidle_timeout_s = 1\nwarning_s = 5\n", "short.toml")
    window = make_window(1280, 800, settings=settings)
    window.session.start()
    for _ in range(6):  # 2.4 s, past the 1 s idle time
        qtbot.wait(400)
        window.top_bar.text_size_button.click()
    assert not window.session_view.asking()


def test_a_keypad_key_is_seen_by_activity_and_taken_by_the_keypad(qtbot, make_window, guide):
    """After listen (which silences the voice) and activity (the idle time starts again); taken
    there, its shortcut check too: Escape, also the page's Back shortcut, goes back once."""
    window = make_window(1280, 800)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.navigator.open_topic(guide.topics[0].id, 2)
    seen = trace(window, kinds=(QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride))
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Escape)
    assert seen == ["lockdown", "listen", "activity", "staff", "swipe", "keypad"] * 2  # override, then press
    assert window.navigator.place.index == 1 and window.keypad.active
    seen.clear()
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Right)  # not a keypad key: the page's shortcut
    assert window.navigator.place.index == 2 and "keys" in seen


def test_on_the_attract_screen_a_keypad_key_goes_on_to_keys_which_starts_the_session(qtbot, make_window):
    window = make_window(1280, 800)
    window.session.to_attract()
    seen = trace(window, kinds=(QEvent.Type.KeyPress,))
    qtbot.keyClick(window, Qt.Key.Key_Down)
    assert seen[:len(ORDER)] == list(ORDER)  # the keypad noted it and let it go on
    assert not window.session.between_patients and window.session.idle.is_watching()
    qtbot.waitUntil(lambda: window.keypad.active and window.keypad.current is window.welcome.title)
