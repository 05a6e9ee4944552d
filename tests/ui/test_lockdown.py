"""A patient cannot leave the program, and an error in a screen never shows: it goes back
to the first screen."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from kiosk.recovery import EXIT_CANNOT_GO_ON, MAX_ERRORS, Recovery
from kiosk.ui.lockdown import Lockdown


@pytest.fixture
def locked(make_window, request):
    window = make_window(1280, 800)
    lockdown = Lockdown(window, window)
    window.set_lockdown(lockdown)
    request.addfinalizer(lambda: setattr(lockdown, "unlocked", True))
    return window, lockdown


@pytest.mark.parametrize("key,modifier", [
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_F4, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
])
def test_closing_keys_are_ignored(qtbot, locked, key, modifier):
    window, lockdown = locked
    qtbot.keyClick(window, key, modifier)
    assert lockdown.ignored == 1 and window.isVisible()


def test_escape_at_the_top_level_does_not_leave(qtbot, locked):
    window, _ = locked
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.isVisible() and window.navigator.place.kind == "welcome"


def test_close_requests_and_context_menus_are_ignored(qtbot, locked):
    window, lockdown = locked
    assert window.close() is False and window.isVisible()
    where = QPoint(5, 5)
    menu = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where, window.home.mapToGlobal(where))
    QApplication.sendEvent(window.home, menu)
    assert lockdown.ignored == 2
    lockdown.unlocked = True  # the admin mode
    assert window.close() is True


def test_the_pointer_can_be_hidden(locked):
    _window, lockdown = locked
    lockdown.hide_cursor(True)
    assert QApplication.overrideCursor().shape() == Qt.CursorShape.BlankCursor
    lockdown.hide_cursor(False)
    assert QApplication.overrideCursor() is None


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_screen_goes_back_to_the_first_screen(qtbot, make_window, caplog):
    window = make_window(1280, 800)
    given_up = []
    recovery = Recovery(window.recover, given_up.append)
    recovery.install()
    try:
        window.navigator.open_topic("liver", 1)

        def broken() -> None:
            raise RuntimeError("a bug in a screen")

        window.page.link_button.clicked.connect(broken)
        window.page.link_button.show()
        with caplog.at_level(logging.ERROR, logger="kiosk.recovery"):
            qtbot.mouseClick(window.page.link_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: window.stack.currentWidget() is window.welcome, timeout=2000)
        assert "RuntimeError: a bug in a screen" in caplog.text and "Traceback" in caplog.text
        assert window.isVisible() and not given_up
        # Errors that keep coming: the program ends with its own code for the watchdog.
        for _ in range(MAX_ERRORS - 1):  # with the first one: MAX_ERRORS within the minute
            recovery.handle(RuntimeError, RuntimeError("again"), None)
        assert given_up == [EXIT_CANNOT_GO_ON]
    finally:
        recovery.uninstall()


def test_the_out_of_order_notice_is_locked_down_too(qtbot):
    """Shown when the guide or the settings cannot be used: patients cannot close it either."""
    from kiosk.app import build_window, lock_down
    from kiosk.config import Config

    window = build_window(None, "settings error: kiosk.toml:3: ...")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    lockdown = lock_down(window, Config())
    try:
        assert window.lockdown is lockdown
        qtbot.keyClick(window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
        assert window.close() is False and window.isVisible()
        where = QPoint(5, 5)
        QApplication.sendEvent(window, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where,
                                                         window.mapToGlobal(where)))
        assert lockdown.ignored == 3
    finally:
        lockdown.hide_cursor(False)
        lockdown.unlocked = True
    assert window.close() is True
