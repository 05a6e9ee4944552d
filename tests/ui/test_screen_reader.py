"""What a screen reader is given: roles, names, focus on each new screen, announcements,
"Still there?" for everyone, and one voice at a time.

Checked here through Qt's accessibility interface (what the AT-SPI bridge reads);
tests/e2e/test_orca.py listens to what GNOME Orca itself says.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

from kiosk.config import parse_config
from kiosk.content import Severity
from kiosk.speech.types import SpeechState
from kiosk.ui import orientation
from kiosk.ui.navigator import HOME, PAGE

SHORT = parse_config("[session]\nidle_timeout_s = 1\nwarning_s = 11\n", "short.toml")
READER = parse_config("[accessibility]\nscreen_reader = \"yes\"\n"
                      "[session]\nidle_timeout_s = 1\nscreen_reader_idle_timeout_s = 3\n", "reader.toml")


def iface(widget):
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None and interface.isValid()
    return interface


def text(widget, kind=QAccessible.Text.Name) -> str:
    return iface(widget).text(kind)


@pytest.fixture
def announced(monkeypatch):
    said = []
    monkeypatch.setattr(orientation, "announce", lambda widget, words, assertive=False: said.append(words))
    return said


def urgent_topic(guide):
    return next(topic for topic in guide.topics if topic.severity is Severity.URGENT
                and any(screen.action for screen in topic.screens))


def test_the_window_is_a_frame_named_by_the_place(make_window, guide):
    window = make_window(1280, 800)
    assert iface(window).role() == QAccessible.Role.Window
    window.navigator.open_topic(guide.topics[2].id)
    assert guide.topics[2].title in text(window)


def test_topic_tiles_say_their_place_in_the_list_and_their_urgency(make_window, guide):
    window = make_window(1280, 800)
    window.navigator.home()
    lists = [w for w in window.home.findChildren(type(window.home.grid_host))
             if iface(w).role() == QAccessible.Role.List]
    assert lists and text(lists[0]) == "Choose a topic"
    count = len(guide.topics)
    for index, (tile, topic) in enumerate(zip(window.home.tiles, guide.topics), start=1):
        description = text(tile, QAccessible.Text.Description)
        assert description.endswith(f"{index} of {count}")
        assert description.startswith("Urgent") == (topic.severity is Severity.URGENT), (topic.id, description)


def test_the_urgent_action_is_a_heading_inside_a_group_named_by_it(make_window, guide):
    window = make_window(1280, 800)
    topic = urgent_topic(guide)
    index = next(i for i, screen in enumerate(topic.screens) if screen.action)
    window.navigator.open_topic(topic.id, index)
    box = window.page.box
    if not box.tier():
        pytest.skip("this guide's first action screen is not boxed")
    shown = box.action_now if box.action_now.isVisible() else box.action_right_away
    assert iface(shown).role() == QAccessible.Role.Heading
    assert iface(box).role() == QAccessible.Role.Grouping and text(box) == shown.accessibleName()


def test_languages_are_radio_buttons_in_a_named_group(make_window):
    window = make_window(1280, 800)
    window.open_language_picker()
    picker = window.picker
    assert iface(picker.grid_host).role() == QAccessible.Role.Grouping
    assert text(picker.grid_host) == "Choose your language"
    for button in picker.buttons:
        state = iface(button).state()
        assert iface(button).role() == QAccessible.Role.RadioButton
        assert state.checkable and bool(state.checked) == (button.property("language") == "en")
    spanish = next(b for b in picker.buttons if b.property("language") == "es")
    actions = iface(spanish).actionInterface()
    actions.doAction(actions.actionNames()[0])  # pressed as a screen reader presses it
    assert window.languages.code == "es"


def test_descriptions_follow_the_language(make_window):
    window = make_window(1280, 800)
    english = text(window.top_bar.text_size_button, QAccessible.Text.Description)
    window.set_language("es")
    spanish = text(window.top_bar.text_size_button, QAccessible.Text.Description)
    assert spanish and spanish != english


def test_focus_starts_on_touch_to_start_and_returns_to_the_tile_you_came_from(make_window, guide, qtbot):
    window = make_window(1280, 800)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.welcome.start_button)
    qtbot.keyClick(window.welcome.start_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.navigator.place.kind == HOME)
    assert QApplication.focusWidget() is window.home.tiles[0]
    tile = window.home.tiles[5]
    tile.setFocus()
    qtbot.keyClick(tile, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.navigator.place.kind == PAGE)
    assert QApplication.focusWidget() in (window.nav_bar.next_button, window.nav_bar.back_button)
    window.top_bar.home_button.click()
    assert QApplication.focusWidget() is tile


def test_no_empty_tab_stops(make_window, guide, qtbot):
    """Tab through a topic page: every stop is a control with a name (no bare scroll area)."""
    window = make_window(1280, 800)
    window.activateWindow()
    window.navigator.open_topic(guide.topics[3].id)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    seen = []
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        seen.append(type(widget).__name__)
        assert text(widget).strip(), f"an empty tab stop: {type(widget).__name__} after {seen}"


def test_each_new_screen_is_announced_with_its_words(make_window, guide, qtbot, announced):
    window = make_window(1280, 800)
    qtbot.waitUntil(lambda: announced == ["Learn about your medicine"])  # the first screen
    announced.clear()
    topic = urgent_topic(guide)
    window.navigator.open_topic(topic.id)
    qtbot.waitUntil(lambda: len(announced) == 1)
    first = topic.screens[0]
    assert announced[0].startswith(first.heading)
    for item in first.items:
        assert item in announced[0]
    assert f"1 of {len(topic.screens)}" in announced[0]
    window.nav_bar.next_button.click()
    qtbot.waitUntil(lambda: len(announced) == 2)
    assert topic.screens[1].heading in announced[1]
    window.navigator.home()
    qtbot.waitUntil(lambda: len(announced) == 3)
    assert announced[2] == "Choose a topic"


def test_still_there_is_a_dialog_that_holds_focus_and_any_key_answers(make_window, qtbot):
    window = make_window(1280, 800, settings=SHORT)
    window.activateWindow()
    window.welcome.start_button.click()
    window.navigator.open_topic("liver", 1)
    overlay = window.session_view.still_there
    qtbot.waitUntil(overlay.isVisible, timeout=4000)
    assert iface(overlay).role() == QAccessible.Role.Dialog and text(overlay) == "Still there?"
    button = overlay.continue_button
    assert QApplication.focusWidget() is button
    # At first the dialog is read as the focus moves in: its message is not repeated on Continue.
    assert text(button, QAccessible.Text.Description) == ""
    for _ in range(3):
        qtbot.keyClick(button, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is button  # nothing behind it can be reached
    # The countdown reaches the focused control's description (what Orca 43 speaks).
    qtbot.waitUntil(lambda: "10 seconds" in text(button, QAccessible.Text.Description), timeout=3000)
    place = window.navigator.place
    qtbot.keyClick(button, Qt.Key.Key_Escape)  # Escape is Back on a page; here it only answers
    assert not overlay.isVisible() and window.navigator.place == place
    assert window.session.idle.is_watching()


def test_any_key_silences_the_kiosks_voice(make_window, guide, qtbot):
    window = make_window(1280, 800)
    window.navigator.open_topic(guide.topics[2].id)
    window.read_aloud.toggle()
    qtbot.waitUntil(lambda: window.speech.state() == SpeechState.SPEAKING, timeout=5000)
    qtbot.keyClick(window.nav_bar.next_button, Qt.Key.Key_Shift)
    qtbot.waitUntil(lambda: window.speech.state() != SpeechState.SPEAKING, timeout=2000)


def test_with_a_screen_reader_nothing_talks_by_itself_and_the_idle_time_is_longer(make_window, guide, qtbot):
    window = make_window(1280, 800, settings=READER)
    window.welcome.start_button.click()
    assert window.session.idle.timer.interval() == 3000
    window.read_aloud.set_listen_mode(True)
    window.navigator.open_topic(guide.topics[2].id)
    qtbot.wait(300)
    assert window.speech.state() not in (SpeechState.PREPARING, SpeechState.SPEAKING)
    window.read_aloud.toggle()  # the patient's own "Read aloud" still reads
    qtbot.waitUntil(lambda: window.speech.state() == SpeechState.SPEAKING, timeout=5000)


def test_a_screen_reader_reading_keeps_the_session(make_window, guide, qtbot, monkeypatch):
    """Its reading keys never reach the kiosk; what it reads, it asks for: that is activity."""
    from kiosk.ui import accessibility

    monkeypatch.setattr(accessibility, "READ_EVERY_S", 0.0)
    window = make_window(1280, 800, settings=READER)
    window.welcome.start_button.click()
    window.navigator.open_topic(guide.topics[2].id)
    for _ in range(10):  # 4 s of reading, past the 3 s idle time
        text(window.page.heading)
        qtbot.wait(400)
    assert not window.session_view.asking()
    qtbot.waitUntil(window.session_view.still_there.isVisible, timeout=5000)  # silence: asked


def test_a_pages_words_ride_on_the_focused_control_and_are_given_back(make_window, guide, qtbot):
    """What GNOME Orca 43 speaks on paging: the focused control's new description."""
    window = make_window(1280, 800)
    window.activateWindow()
    topic = urgent_topic(guide)
    window.navigator.open_topic(topic.id)
    next_button = window.nav_bar.next_button
    qtbot.waitUntil(lambda: QApplication.focusWidget() is next_button)
    first = text(next_button, QAccessible.Text.Description)
    assert first.startswith(topic.screens[0].heading) and all(item in first for item in topic.screens[0].items)
    next_button.click()
    assert text(next_button, QAccessible.Text.Description).startswith(topic.screens[1].heading)
    window.top_bar.read_button.setFocus()  # the focus leaves: Next is only "Next" again
    assert text(next_button, QAccessible.Text.Description) == ""
