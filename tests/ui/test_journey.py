"""A patient's journey through the real window, by clicks, swipes, keys and drags."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputDevice, QPointingDevice
from PySide6.QtTest import QTest

from kiosk.ui.navigator import HOME, PAGE, WELCOME


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())


def tile(window, topic_id):
    return next(t for t in window.home.tiles if t.property("topic_id") == topic_id)


def mouse_swipe(widget, dx: int, dy: int = 0, step_ms: int = 10, hold_ms: int = 0) -> None:
    """A finger on a touch panel that acts as a mouse: press, move in 10 steps, lift."""
    start = widget.rect().center()
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 11):
        QTest.mouseMove(widget, start + QPoint(dx * step // 10, dy * step // 10), step_ms)
    QTest.qWait(hold_ms)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start + QPoint(dx, dy), 10)


def touch_swipe(widget, dx: int) -> None:
    device = QPointingDevice("test touch screen", 1, QInputDevice.DeviceType.TouchScreen,
                             QPointingDevice.PointerType.Finger, QInputDevice.Capability.Position, 10, 0)
    start = widget.rect().center()
    QTest.touchEvent(widget, device).press(0, start, widget).commit()
    for step in range(1, 11):
        QTest.touchEvent(widget, device).move(0, start + QPoint(dx * step // 10, 0), widget).commit()
    QTest.touchEvent(widget, device).release(0, start + QPoint(dx, 0), widget).commit()


def test_whole_guide_by_touch(qtbot, make_window, guide):
    """welcome -> home -> each topic -> every screen -> closing screen -> home."""
    window = make_window(1920, 1080)
    nav = window.navigator
    assert nav.place.kind == WELCOME and window.stack.currentWidget() is window.welcome
    assert not window.nav_bar.isVisible()

    click(qtbot, window.welcome.start_button)
    assert nav.place.kind == HOME and window.stack.currentWidget() is window.home
    assert [t.text() for t in window.home.tiles] == [t.title for t in guide.topics]

    for topic in guide.topics:
        click(qtbot, tile(window, topic.id))
        for index, screen in enumerate(topic.screens):
            assert window.stack.currentWidget() is window.page
            assert window.page.heading.text() == screen.heading
            assert window.page.body.text() == screen.text
            shown_items = [label.accessibleName() for label in window.page.item_labels if label.isVisible()]
            assert shown_items == list(screen.items)
            assert window.page.picture.icon_name() == screen.icon
            assert window.nav_bar.progress.label.text() == f"{index + 1} of {len(topic.screens)}"
            # A "now" or "right away" screen's text and signs sit under its action (the box's heading).
            boxed = screen.action is not None and screen.action.value in ("now", "right-away")
            assert window.page.box.header.isVisible() == boxed
            if boxed:
                assert window.page.box.action.text().startswith(dict(screen.action_words)[screen.action.value][:12])
            click(qtbot, window.nav_bar.next_button)
        # The closing screen offers the next topic and all topics.
        assert window.stack.currentWidget() is window.topic_end
        assert topic.title in window.topic_end.heading.text()
        following = guide.next_topic(topic.id)
        assert window.topic_end.next_button.isVisible() == (following is not None)
        if following is not None:
            assert following.title in window.topic_end.next_button.text()
        click(qtbot, window.topic_end.all_button)
        assert nav.place.kind == HOME


def test_closing_screen_leads_to_next_topic(qtbot, make_window, guide):
    window = make_window(1366, 768)
    first = guide.topics[0]
    window.navigator.open_topic(first.id, len(first.screens))
    click(qtbot, window.topic_end.next_button)
    assert window.navigator.place.topic_id == guide.topics[1].id
    assert window.navigator.place.index == 0


def test_back_and_home_buttons(qtbot, make_window, guide):
    window = make_window(1280, 800)
    topic = guide.topics[1]
    window.navigator.open_topic(topic.id, 2)
    click(qtbot, window.nav_bar.back_button)
    assert window.navigator.place.index == 1
    click(qtbot, window.nav_bar.back_button)
    click(qtbot, window.nav_bar.back_button)
    assert window.navigator.place.kind == HOME  # back from the first screen is the topic list
    window.navigator.open_topic(topic.id, 2)
    click(qtbot, window.top_bar.home_button)
    assert window.navigator.place.kind == HOME


def test_buttons_stay_in_place(qtbot, make_window, guide):
    """Back, Next and Home are at the same spot on every screen of every topic."""
    window = make_window(1920, 1080)
    spots = set()
    for topic in guide.topics:
        for index in range(len(topic.screens) + 1):
            window.navigator.open_topic(topic.id, index)
            qtbot.wait(1)
            spots.add(tuple(b.geometry().getRect() for b in (
                window.nav_bar.back_button, window.nav_bar.next_button, window.top_bar.home_button)))
    assert len(spots) == 1, spots


def test_link_jumps_to_its_topic(qtbot, make_window, guide):
    window = make_window(1920, 1080)
    screen = next(s for s in guide.screens() if s.link)
    topic = guide.topic(screen.topic_id)
    window.navigator.open_topic(topic.id, topic.screens.index(screen))
    assert guide.topic(screen.link).title in window.page.link_button.text()
    click(qtbot, window.page.link_button)
    assert window.navigator.place.topic_id == screen.link and window.navigator.place.index == 0


def test_swipes_page_through_a_topic(qtbot, make_window, guide):
    window = make_window(1366, 768)
    topic = next(t for t in guide.topics if len(t.screens) >= 3)
    window.navigator.open_topic(topic.id)
    viewport = window.page.scroll.viewport()
    mouse_swipe(viewport, -500)  # finger right-to-left: next
    qtbot.waitUntil(lambda: window.navigator.place.index == 1)
    touch_swipe(viewport, -500)
    qtbot.waitUntil(lambda: window.navigator.place.index == 2)
    touch_swipe(viewport, 500)  # left-to-right: back
    qtbot.waitUntil(lambda: window.navigator.place.index == 1)
    mouse_swipe(viewport, -40)  # too short to be a swipe
    mouse_swipe(viewport, -300, 400)  # mostly vertical: a scroll, not a swipe
    qtbot.wait(50)
    assert window.navigator.place.index == 1


def test_long_text_scrolls_by_touch_never_sideways(qtbot, make_window, guide):
    window = make_window(1280, 800, text_step=2)
    topic = guide.topic("serious-side-effects")
    window.navigator.open_topic(topic.id, 2)  # the longest list
    bar = window.page.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert window.page.scroll.horizontalScrollBar().maximum() == 0
    # A slow drag: the text follows the finger (a quick flick would also coast on).
    mouse_swipe(window.page.scroll.viewport(), 0, -300, step_ms=40, hold_ms=100)
    qtbot.waitUntil(lambda: bar.value() >= min(250, bar.maximum()), timeout=3000)
    assert window.navigator.place.index == 2


def test_keyboard_keypad(qtbot, make_window, guide):
    window = make_window(1920, 1080)
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert window.navigator.place.kind == HOME
    # Arrows move between tiles, Enter opens one.
    window.home.tiles[0].setFocus()
    qtbot.keyClick(window.home.tiles[0], Qt.Key.Key_Right)
    assert window.home.tiles[1].hasFocus()
    qtbot.keyClick(window.home.tiles[1], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.navigator.place.kind == PAGE)
    assert window.navigator.place.topic_id == guide.topics[1].id
    # A keypad user sees where the focus landed on the new screen; a touch user does not.
    assert window.nav_bar.next_button.hasFocus() and window.nav_bar.next_button.focus_ring_shown()
    focused = window.focusWidget() or window
    qtbot.keyClick(focused, Qt.Key.Key_Right)
    assert window.navigator.place.index == 1
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Left)
    assert window.navigator.place.index == 0
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Escape)  # Escape = Back
    assert window.navigator.place.kind == HOME
    # Tab reaches the controls, and shows where the focus is.
    window.navigator.open_topic(guide.topics[0].id)
    start = window.focusWidget()
    qtbot.keyClick(start, Qt.Key.Key_Tab)
    moved = window.focusWidget()
    assert moved is not start and moved.focus_ring_shown()


def test_text_size_and_contrast_from_every_screen(qtbot, make_window, guide):
    window = make_window(1920, 1080)
    for place in ("welcome", "home", "page"):
        if place == "home":
            window.navigator.home()
        elif place == "page":
            window.navigator.open_topic(guide.topics[0].id, 2)  # (no danger signs: drawn at the size chosen)
        assert window.top_bar.text_size_button.isVisible()
        assert window.top_bar.contrast_button.isVisible()
    body_px = window.page.body.font().pixelSize()
    heading_px = window.page.heading.font().pixelSize()
    click(qtbot, window.top_bar.text_size_button)
    assert window.display.text_step == 1
    click(qtbot, window.top_bar.text_size_button)
    assert window.display.text_step == 2
    assert window.page.body.font().pixelSize() == 2 * body_px
    # Headings grow with the text, 1.4 times the body at every size.
    assert window.page.heading.font().pixelSize() >= 1.4 * window.page.body.font().pixelSize()
    assert window.page.heading.font().pixelSize() > heading_px
    click(qtbot, window.top_bar.text_size_button)
    assert window.display.text_step == 0  # cycles back to normal
    click(qtbot, window.top_bar.contrast_button)
    assert window.display.high_contrast and window.top_bar.contrast_button.isChecked()
    assert "#000000" in window.styleSheet()
    click(qtbot, window.top_bar.contrast_button)
    assert not window.display.high_contrast


def test_a_touch_anywhere_on_the_welcome_screen_starts(qtbot, make_window):
    window = make_window(1080, 1920)
    qtbot.mouseClick(window.welcome.title, Qt.MouseButton.LeftButton)
    assert window.navigator.place.kind == HOME
