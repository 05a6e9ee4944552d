"""Keypad mode (kiosk/ui/keypad.py): a tactile keypad's keys move through each screen in
reading order, and the kiosk's own voice says each item, in the screen's language.

The real window and the real input route, keys sent as Qt delivers them (the shortcut check,
then the key); what the keypad gives the voice is recorded at ReadAloudController.say, and
the voice is the stand-in synthesiser (tests/e2e/test_keypad_speech.py speaks for real).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication

from kiosk.config import KEY_NAMES, parse_config
from kiosk.content.actions import action_lines
from kiosk.i18n.bidi import strip_controls
from kiosk.ui.keypad import qt_key
from kiosk.ui.navigator import HOME, PAGE, WELCOME, Place
from kiosk.ui.theme import DEFAULT, HIGH_CONTRAST

URGENT = "get-help-now"  # "Get help right away": its first screen is boxed, "Tell your nurse now"
UP, DOWN, ENTER, BACK = Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Backspace
SHORT = parse_config("[session]\nidle_timeout_s = 1\nwarning_s = 4\n", "short.toml")


@pytest.fixture
def kiosk(make_window, qtbot):
    """kiosk(...) -> (window, said): an active window, and every text the keypad gave the voice."""

    def make(*args, **kwargs):
        window = make_window(*args, **kwargs)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        said: list[str] = []
        say = window.read_aloud.say
        window.read_aloud.say = lambda text: (said.append(strip_controls(text)), say(text))
        return window, said

    return make


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier, text=""):
    """A key as the keypad sends it, to whatever has focus; then the screen settles."""
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)
    qtbot.wait(20)


def press_until(qtbot, window, key, item, limit: int = 30) -> None:
    """Press `key` until the keypad is on `item` (a test that fails, never one that hangs)."""
    for _ in range(limit):
        if window.keypad.current is item:
            return
        press(qtbot, window, key)
    assert window.keypad.current is item, window.keypad.current


def screen_items(window) -> list[str]:
    return [window.keypad.describe(item) for item in window.keypad.items()]


def box_words(window, screen) -> list[str]:
    lines = action_lines(screen, window.page.numbers)
    return [lines.heading, screen.text, *screen.items]


def sentence(text: str) -> str:
    return text if text[-1] in ".?!:;" else text + "."


# --- reading order and what is said ---------------------------------------------------------


def test_the_welcome_screen_in_reading_order_from_its_heading(kiosk, qtbot, guide):
    window, said = kiosk(1280, 800)
    assert not window.keypad.active
    press(qtbot, window, DOWN)  # the first press: keypad mode, on the screen's heading
    assert window.keypad.active and window.keypad.current is window.welcome.title
    for _ in range(6):
        press(qtbot, window, DOWN)
    care = ("This guide does not take the place of your care team. Ask your nurse or doctor about anything.")
    assert said == ["Learn about your medicine.", "Touch to start, button", "Listen, button",
                    f"{guide.generic_name} ({guide.brand_name}).",
                    "Short screens with pictures. Go at your own pace.", care, f"End of the screen. {care}"]
    said.clear()
    for _ in range(10):
        press(qtbot, window, UP)
    # Up from the heading reaches the top bar (Home is not there on the welcome screen).
    assert said == ["Short screens with pictures. Go at your own pace.",
                    f"{guide.generic_name} ({guide.brand_name}).", "Listen, button", "Touch to start, button",
                    "Learn about your medicine.", "Text size, button", "High contrast, switch, off",
                    "English, button", "Read aloud, button", "Top of the screen. Read aloud, button"]


def test_the_topic_list_is_its_heading_then_every_tile(kiosk, qtbot, guide):
    window, said = kiosk(1280, 800)
    window.navigator.home()
    press(qtbot, window, DOWN)
    assert said == ["Choose a topic."]
    for _ in range(len(guide.topics)):
        press(qtbot, window, DOWN)
    assert said[1:] == [f"{topic.title}, button" for topic in guide.topics]
    window.read_aloud.stop()  # (while the voice speaks, Read aloud is Pause)
    assert screen_items(window)[:6] == ["Read aloud, button", "English, button", "High contrast, switch, off",
                                        "Text size, button", "Choose a topic.",
                                        f"{guide.topics[0].title}, button"]  # (Home is on topic pages)


@pytest.mark.parametrize("code, words", [
    ("en", {"button": "button", "where": "Get help right away, screen 1 of 3", "toggle": "switch, off"}),
    ("es", {"button": "botón", "where": "pantalla 1 de 3", "toggle": "interruptor, desactivado"}),
    ("ar", {"button": "زر", "where": "الشاشة 1 من 3", "toggle": "مفتاح تبديل، غير مُفعَّل"}),
])
def test_an_urgent_page_in_reading_order_in_its_language(kiosk, qtbot, code, words):
    window, said = kiosk(1920, 1080, language=code)  # (the screen whole, heading included)
    window.navigator.open_topic(URGENT)
    qtbot.wait(20)
    topic = window.guide.topic(URGENT)  # the guide in the screen's language
    screen = topic.screens[0]
    assert screen.language == code  # translated: the words below are that language's own
    press(qtbot, window, DOWN)
    for _ in range(5):
        press(qtbot, window, DOWN)
    sep = "، " if code == "ar" else ", "
    bar = window.nav_bar
    progress = bar.progress.label.text()
    box = " ".join(sentence(text) for text in box_words(window, screen))
    assert window.keypad.current is bar.next_button
    assert said == [sentence(screen.heading),
                    strip_controls(box),  # the action first, then its signs
                    # the page's own toggle, with its state
                    f"{window.page.question_button.text()}{sep}{words['toggle']}",
                    f"{bar.back_button.text()}{sep}{words['button']}", sentence(progress),
                    f"{bar.next_button.text()}{sep}{words['button']}"]
    # Up from the heading: the top bar, last control first.
    said.clear()
    for _ in range(6):
        press(qtbot, window, UP)
    last = [button for button in window.top_bar.buttons() if button.isVisible()][-1]  # text size, folded or not
    assert said[-1] == f"{last.accessibleName() or last.text()}{sep}{words['button']}"
    assert said[-2] == strip_controls(sentence(screen.heading))
    said.clear()
    press(qtbot, window, Qt.Key.Key_Question)  # Help: where the patient is
    assert words["where"] in said[0] and topic.title in said[0]


def test_a_new_screen_starts_on_its_heading_and_says_it(kiosk, qtbot, guide):
    window, said = kiosk(1280, 800)
    window.navigator.open_topic(URGENT)
    press(qtbot, window, DOWN)
    press_until(qtbot, window, DOWN, window.nav_bar.next_button)
    press(qtbot, window, ENTER)
    qtbot.waitUntil(lambda: window.keypad.current is window.page.heading)
    assert window.navigator.place.index == 1
    assert said[-1] == sentence(guide.topic(URGENT).screens[1].heading)


# --- Enter, Back, Help, volume ------------------------------------------------------------


def test_enter_presses_a_button_and_reads_on_from_a_text(kiosk, qtbot, guide):
    window, said = kiosk(1280, 800)
    press(qtbot, window, DOWN)  # the heading
    press(qtbot, window, ENTER)  # a text: from there to the end of the screen
    parts = ["Learn about your medicine", "Touch to start", "Listen", f"{guide.generic_name} ({guide.brand_name})"]
    assert said[-1].startswith(". ".join(parts) + ". Short screens")
    assert said[-1].endswith("Ask your nurse or doctor about anything.")
    assert window.navigator.place.kind == WELCOME
    press(qtbot, window, DOWN)  # Touch to start
    press(qtbot, window, ENTER)
    qtbot.waitUntil(lambda: said[-1] == "Choose a topic.")
    assert window.navigator.place.kind == HOME
    # A switch says its new state; the theme changes with it, the frame's colours too.
    press_until(qtbot, window, UP, window.top_bar.contrast_button)
    assert said[-1] == "High contrast, switch, off"
    press(qtbot, window, ENTER)
    qtbot.waitUntil(lambda: said[-1] == "High contrast, switch, on")
    assert window.display.high_contrast and window.keypad.frame.ring == HIGH_CONTRAST.focus
    press(qtbot, window, ENTER)
    qtbot.waitUntil(lambda: said[-1] == "High contrast, switch, off")
    assert window.keypad.frame.ring == DEFAULT.focus


def test_enter_on_a_language_button_switches_and_the_new_screen_speaks_spanish(kiosk, qtbot):
    window, said = kiosk(1920, 1080)  # (wide enough for every control of the top bar in Spanish)
    window.navigator.home()
    press(qtbot, window, DOWN)
    press_until(qtbot, window, UP, window.top_bar.language_button)
    press(qtbot, window, ENTER)
    qtbot.waitUntil(lambda: said[-1] == "Choose your language.")
    spanish = next(button for button in window.picker.buttons if button.property("language") == "es")
    press_until(qtbot, window, DOWN, spanish)
    assert said[-1] == "Español, button"
    press(qtbot, window, ENTER)
    qtbot.waitUntil(lambda: said[-1] == "Elija un tema.")
    assert window.languages.code == "es" and window.navigator.place.kind == HOME
    press_until(qtbot, window, UP, window.top_bar.contrast_button)
    assert said[-1] == "Alto contraste, interruptor, desactivado"


def test_back_goes_back_once_and_means_what_back_means_on_each_screen(kiosk, qtbot):
    window, said = kiosk(1280, 800)
    window.navigator.open_topic(URGENT, 2)
    qtbot.wait(20)
    press(qtbot, window, Qt.Key.Key_Escape)  # also the window's Back shortcut: only one step back
    assert window.navigator.place.index == 1 and window.keypad.active  # the keypad's, not the shortcut's
    press(qtbot, window, BACK)
    assert window.navigator.place.index == 0
    press(qtbot, window, BACK)
    assert window.navigator.place.kind == HOME
    press(qtbot, window, BACK)
    assert window.navigator.place.kind == WELCOME
    qtbot.waitUntil(lambda: said[-1] == "Learn about your medicine.")
    press(qtbot, window, BACK)  # nothing before the first screen: it says where the patient is
    assert said[-1] == "Welcome screen." and window.navigator.place.kind == WELCOME
    # Back closes the language list, keeping the language.
    window.top_bar.language_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.picker)
    press(qtbot, window, BACK)
    assert window.stack.currentWidget() is window.welcome and window.languages.code == "en"


@pytest.mark.parametrize("key", [Qt.Key.Key_Question, Qt.Key.Key_F1])
def test_help_says_where_and_what_each_key_does(kiosk, qtbot, key):
    window, said = kiosk(1280, 800)
    window.navigator.open_topic(URGENT, 1)
    press(qtbot, window, key)
    assert said == ["Get help right away, screen 2 of 3. The up and down arrows move through the screen. "
                    "The Enter key presses a button. On a text, it reads from there to the end. "
                    "The Back key goes back. The plus and minus keys change the volume. "
                    "The Help key says this again."]
    assert window.keypad.active and window.navigator.place.index == 1
    window.navigator.home()
    qtbot.wait(20)
    press(qtbot, window, key)
    assert said[-1].startswith("List of topics. The up")


def test_plus_and_minus_change_the_volume_and_say_it(kiosk, qtbot):
    window, said = kiosk(1280, 800)
    speech = window.speech
    assert speech.volume() == 0.8
    press(qtbot, window, Qt.Key.Key_Plus)
    assert speech.volume() == 1.0 and said == ["Volume 100%"]
    press(qtbot, window, Qt.Key.Key_Minus, Qt.KeyboardModifier.KeypadModifier)  # the number pad's
    press(qtbot, window, Qt.Key.Key_Minus)
    assert speech.volume() == 0.6 and said[1:] == ["Volume 80%", "Volume 60%"]
    assert "60%" in window.speech_bar.quieter_button.accessibleDescription()


# --- the frame ---------------------------------------------------------------------------


def frame_around(window, item) -> bool:
    frame = window.keypad.frame.geometry()
    shown = QRect(item.mapTo(window, QPoint(0, 0)), item.size())
    return window.keypad.frame.isVisible() and frame.contains(shown.adjusted(2, 2, -2, -2))


def test_the_frame_is_drawn_around_the_item_and_focus_follows_buttons(kiosk, qtbot):
    window, _said = kiosk(1920, 1080)  # (the urgent screen whole: its heading, then its box)
    window.navigator.open_topic(URGENT)
    press(qtbot, window, DOWN)
    assert frame_around(window, window.page.heading)
    press(qtbot, window, DOWN)
    assert frame_around(window, window.page.box)  # the action and its signs: one item
    press(qtbot, window, DOWN)
    assert frame_around(window, window.page.question_button)  # "I have a question about this"
    press(qtbot, window, DOWN)
    back = window.nav_bar.back_button
    assert frame_around(window, back) and back.hasFocus() and back.focus_ring_shown()
    # Thick: the ring and its edge together are FRAME_PX + 4 wide on each side.
    frame = window.keypad.frame.grab().toImage()
    middle = frame.height() // 2
    ring = [x for x in range(frame.width() // 3) if frame.pixelColor(x, middle).name().upper() == DEFAULT.focus]
    assert len(ring) >= 6  # at least 6 px of the focus colour across the ring
    # A touch elsewhere moves nothing of the keypad's; the touch still works.
    qtbot.mouseClick(window.top_bar.text_size_button, Qt.MouseButton.LeftButton)
    assert window.display.text_step == 1 and window.keypad.current is back
    qtbot.waitUntil(lambda: frame_around(window, back))  # followed to where the new size put it


def test_the_frame_stays_in_view_at_200_percent(kiosk, qtbot, guide):
    window, _said = kiosk(1280, 800, text_step=2)
    window.navigator.open_topic("most-important", 2)  # a long text (danger signs are fitted to the screen)
    press(qtbot, window, DOWN)
    viewport = window.page.scroll.viewport()
    view = QRect(viewport.mapTo(window, QPoint(0, 0)), viewport.size())
    scrolled, content = False, window.keypad.content()
    assert len(content) >= 3 and window.keypad.current is content[0]
    for item in content:
        assert window.keypad.current is item
        shown = QRect(item.mapTo(window, QPoint(0, 0)), item.size())
        frame = window.keypad.frame.geometry()
        assert window.keypad.frame.isVisible() and view.contains(frame), (window.keypad.describe(item)[:40], frame)
        # Its top is in view (a part taller than the screen shows its start).
        assert view.top() <= shown.top() < view.bottom()
        scrolled = scrolled or window.page.scroll.verticalScrollBar().value() > 0
        press(qtbot, window, DOWN)
    assert window.keypad.current is window.nav_bar.back_button
    assert scrolled  # the page is longer than the screen at this size: it scrolled to each part


def test_tab_and_the_tiles_arrows_move_the_keypad_with_the_focus(kiosk, qtbot, guide):
    window, said = kiosk(1280, 800)
    window.navigator.home()
    press(qtbot, window, DOWN)
    press(qtbot, window, DOWN)
    assert window.keypad.current is window.home.tiles[0] and window.home.tiles[0].hasFocus()
    press(qtbot, window, Qt.Key.Key_Right)  # the topic list's own arrows, as on a grid
    assert window.keypad.current is window.home.tiles[1]
    qtbot.waitUntil(lambda: said[-1] == f"{guide.topics[1].title}, button")
    press(qtbot, window, Qt.Key.Key_Tab)
    assert window.keypad.current is window.home.tiles[2] and frame_around(window, window.home.tiles[2])
    press(qtbot, window, ENTER)  # presses what is seen focused
    assert window.navigator.place == Place(PAGE, guide.topics[2].id, 0)


# --- when keypad mode is off -------------------------------------------------------------


def test_a_screen_reader_in_use_keeps_keypad_mode_off(kiosk, qtbot):
    window, said = kiosk(1280, 800)
    window.keypad.screen_reader = lambda: True
    window.navigator.open_topic(URGENT, 2)
    qtbot.wait(20)
    for key in (DOWN, Qt.Key.Key_Question, Qt.Key.Key_Plus):
        press(qtbot, window, key)
    assert said == [] and not window.keypad.active and not window.keypad.frame.isVisible()
    assert window.speech.volume() == 0.8
    press(qtbot, window, Qt.Key.Key_Escape)  # the keyboard's own Back still works
    assert window.navigator.place.index == 1
    # A screen reader started mid-session: keypad mode ends, and says nothing more.
    window.keypad.screen_reader = lambda: False
    press(qtbot, window, DOWN)
    assert window.keypad.active and said
    said.clear()
    window.keypad.screen_reader = lambda: True
    press(qtbot, window, DOWN)
    window.navigator.next()
    qtbot.wait(50)
    assert said == [] and not window.keypad.active and not window.keypad.frame.isVisible()


def test_the_setting_off_leaves_the_keys_to_the_keyboard(kiosk, qtbot):
    window, said = kiosk(1280, 800, settings=parse_config("[keypad]\nmode = \"off\"\n", "off.toml"))
    window.navigator.open_topic(URGENT, 1)
    qtbot.wait(20)
    for key in (DOWN, Qt.Key.Key_F1, Qt.Key.Key_Escape):
        press(qtbot, window, key)
    assert said == [] and not window.keypad.active and window.navigator.place.index == 0


def test_keys_named_in_the_settings(kiosk, qtbot):
    settings = parse_config('[keypad]\nup = ["8"]\ndown = ["2"]\nhelp = ["h", "f1"]\nback = ["escape"]\n',
                            "numbers.toml")
    window, said = kiosk(1280, 800, settings=settings)
    press(qtbot, window, Qt.Key.Key_2)
    press(qtbot, window, Qt.Key.Key_2)
    press(qtbot, window, Qt.Key.Key_Down)  # no longer the keypad's
    press(qtbot, window, Qt.Key.Key_8)
    press(qtbot, window, Qt.Key.Key_H)
    assert said[:3] == ["Learn about your medicine.", "Touch to start, button", "Learn about your medicine."]
    assert said[3].startswith("Welcome screen. The up")


def test_every_key_name_of_the_settings_is_a_qt_key():
    keys = [qt_key(name) for name in KEY_NAMES]
    assert len(set(keys)) == len(KEY_NAMES)
    assert qt_key("?") == Qt.Key.Key_Question and qt_key("F1") == Qt.Key.Key_F1 and qt_key("5") == Qt.Key.Key_5


# --- the session ---------------------------------------------------------------------------


def test_the_session_reset_ends_keypad_mode(kiosk, qtbot):
    window, said = kiosk(1280, 800, settings=SHORT)
    window.welcome.start_button.click()
    press(qtbot, window, DOWN)
    assert window.keypad.active and window.keypad.frame.isVisible()
    window.session.reset()
    assert not window.keypad.active and not window.keypad.frame.isVisible()
    # The next patient touches: no keypad mode, nothing said.
    said.clear()
    qtbot.mouseClick(window.session_view.attract, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert window.navigator.place.kind == WELCOME and not window.keypad.active and said == []


def test_a_key_starts_the_session_from_the_attract_screen_and_the_idle_time_runs(kiosk, qtbot):
    window, said = kiosk(1280, 800, settings=SHORT)
    window.session.to_attract()
    assert window.session.between_patients and not window.session.idle.is_watching()
    press(qtbot, window, DOWN)
    assert not window.session.between_patients and window.session.idle.is_watching()
    qtbot.waitUntil(lambda: said == ["Learn about your medicine."])  # keypad mode from the first screen
    assert window.stack.currentWidget() is window.welcome and window.keypad.current is window.welcome.title
    # The idle time runs again: "Still there?" comes, and the keypad says it, on its Continue.
    overlay = window.session_view.still_there
    qtbot.waitUntil(overlay.isVisible, timeout=4000)
    qtbot.waitUntil(lambda: said[-1].startswith("Still there?"))
    assert said[-1].endswith("Continue, button") and window.keypad.current is overlay.continue_button
    press(qtbot, window, ENTER)
    assert not overlay.isVisible() and window.session.idle.is_watching()
    qtbot.waitUntil(lambda: said[-1] == "Learn about your medicine.")  # back where the patient was
    assert window.keypad.current is window.welcome.title


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Question, Qt.Key.Key_Plus])
def test_any_keypad_key_starts_from_the_attract_screen(kiosk, qtbot, key):
    window, said = kiosk(1280, 800, settings=SHORT)
    window.session.to_attract()
    press(qtbot, window, key)
    assert window.stack.currentWidget() is window.welcome and window.session.idle.is_watching()
    qtbot.waitUntil(lambda: said == ["Learn about your medicine."])
    assert window.speech.volume() == 0.8  # the key started the session; it did nothing else


ROLE_WORD = {"en": "button", "es": "botón", "ar": "زر"}


@pytest.mark.parametrize("code", ["en", "es", "ar"])
def test_every_screen_of_the_guide_can_be_heard_whole(kiosk, qtbot, guide, code):
    """Every place of the guide, in English, Spanish and Arabic: each item the keys reach is
    said, in the screen's language, and together they say every word the screen shows."""
    from kiosk.screenshots import show_place
    from kiosk.ui.navigator import every_place
    from kiosk.ui.read_aloud import spoken_text_of

    window, said = kiosk(1280, 800, language=code)
    press(qtbot, window, DOWN)  # keypad mode on
    for place in every_place(window.guide):
        show_place(window, place)
        items = window.keypad.items()
        spoken = [window.keypad.describe(item) for item in items]
        assert all(words.strip() for words in spoken), (place, spoken)
        heard = " ".join(strip_controls(words) for words in spoken)
        screen = window.stack.currentWidget()
        for part in screen.spoken_parts():
            words = strip_controls(spoken_text_of(part)).strip()
            assert words in heard, (place, words)
        buttons = [words for item, words in zip(items, spoken) if item is window.nav_bar.next_button
                   or item is window.top_bar.home_button]
        assert all(ROLE_WORD[code] in words for words in buttons), (place, buttons)
