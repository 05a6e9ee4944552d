"""Every control has a role and a name for assistive technology, and can be pressed by it.

Checked through Qt's accessibility interface (what the AT-SPI bridge and UI Automation
read); tests/e2e/test_atspi.py drives the real program from outside over AT-SPI.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleActionInterface
from PySide6.QtWidgets import QLabel

from kiosk.screenshots import show_place
from kiosk.ui.navigator import HOME, every_place, place_name
from kiosk.ui.widgets.big_button import BigButton


def iface(widget):
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None and interface.isValid()
    return interface


def name(widget) -> str:
    return iface(widget).text(QAccessible.Text.Name)


def test_every_control_on_every_screen_has_role_and_name(make_window, guide):
    window = make_window(1920, 1080)
    for place in every_place(guide):
        show_place(window, place)
        for button in window.findChildren(BigButton):
            if not button.isVisible():
                continue
            interface = iface(button)
            # An on/off button (High contrast) is announced as a check box with its state.
            expected = QAccessible.Role.CheckBox if button.isCheckable() else QAccessible.Role.Button
            assert interface.role() == expected, (place_name(place), button.text())
            assert name(button).strip(), f"{place_name(place)}: a button has no accessible name"
        headings = []
        for label in window.findChildren(QLabel):
            if label.isVisible() and label.text():
                role = iface(label).role()
                assert role in (QAccessible.Role.StaticText, QAccessible.Role.Heading)
                assert name(label).strip()
                if role == QAccessible.Role.Heading:
                    headings.append(name(label))
        # Every screen has a heading, and is a panel named by it.
        screen = window.stack.currentWidget()
        assert headings, place_name(place)
        assert iface(screen).role() == QAccessible.Role.Grouping
        assert name(screen) in headings, (place_name(place), name(screen), headings)


def test_icon_buttons_have_the_expected_names(make_window, guide):
    window = make_window(1920, 1080)
    assert name(window.welcome.start_button) == "Touch to start"
    assert name(window.top_bar.text_size_button) == "Text size"
    assert name(window.top_bar.contrast_button) == "High contrast"
    window.navigator.open_topic(guide.topics[0].id)
    assert name(window.top_bar.home_button) == "Home"
    assert name(window.nav_bar.back_button) == "Back"
    assert name(window.nav_bar.next_button) == "Next"
    assert "100%" in iface(window.top_bar.text_size_button).text(QAccessible.Text.Description)
    progress = window.nav_bar.progress.label
    assert name(progress) == f"1 of {len(guide.topics[0].screens)}"


def test_contrast_button_reports_its_state(make_window):
    window = make_window(1920, 1080)
    button = window.top_bar.contrast_button
    assert iface(button).state().checkable
    assert not iface(button).state().checked
    button.click()
    assert iface(button).state().checked


def press(widget) -> None:
    actions = iface(widget).actionInterface()
    assert actions is not None
    assert QAccessibleActionInterface.pressAction() in actions.actionNames()
    actions.doAction(QAccessibleActionInterface.pressAction())


def test_assistive_technology_can_press_through_the_guide(make_window, guide, qtbot):
    """Press buttons the way a screen reader does: through the accessible action."""
    window = make_window(1366, 768)
    press(window.welcome.start_button)
    qtbot.waitUntil(lambda: window.navigator.place.kind == HOME)
    press(window.home.tiles[1])
    qtbot.waitUntil(lambda: window.navigator.place.topic_id == guide.topics[1].id)
    press(window.nav_bar.next_button)
    qtbot.waitUntil(lambda: window.navigator.place.index == 1)
    assert name(window.page.heading) == guide.topics[1].screens[1].heading
    press(window.top_bar.home_button)
    qtbot.waitUntil(lambda: window.navigator.place.kind == HOME)


def test_list_items_are_read_without_the_bullet(make_window, guide):
    window = make_window(1920, 1080)
    screen = next(s for s in guide.screens() if s.items)
    topic = guide.topic(screen.topic_id)
    window.navigator.open_topic(topic.id, topic.screens.index(screen))
    shown = [name(label) for label in window.page.item_labels if label.isVisible()]
    assert shown == list(screen.items)


def test_window_title_names_the_place(make_window, guide):
    window = make_window(1920, 1080)
    window.navigator.open_topic(guide.topics[2].id)
    assert guide.topics[2].title in window.windowTitle()
