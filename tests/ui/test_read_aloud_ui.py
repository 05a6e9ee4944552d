"""Read-aloud on the screens: controls, the moving word mark, stopping, listen mode.

Most tests run the fake synthesiser through the real worker thread, cache and player
(QAudioSink to this run's private null sink; fast); the first runs the real espeak-ng voice
end to end.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.content import Action
from kiosk.speech.fake import FakeSynthesizer
from kiosk.speech.service import ReadAloud
from kiosk.speech.spoken import spoken_form
from kiosk.speech.types import SpeechState
from kiosk.ui.navigator import HOME, PAGE
from kiosk.ui.read_aloud import Script
from kiosk.ui.widgets.reading_label import ReadingLabel
from tests.conftest import RESOLUTIONS
from tests.ui.test_layout import layout_problems

BODY_SCREEN = ("liver", 1)  # a screen with a heading and a long text


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def marks(window):
    """(label text, marked word) for every label showing a mark now."""
    found = []
    for label in window.findChildren(ReadingLabel):
        if label.isVisible() and label.mark():
            start, length = label.mark()
            found.append((label.spoken_text(), label.spoken_text()[start:start + length]))
    return found


def test_script_joins_parts_and_finds_them_again(make_window, guide):
    window = make_window(1920, 1080)
    window.navigator.open_topic(*BODY_SCREEN)
    script = Script(window.page.spoken_parts())
    screen = guide.topic(BODY_SCREEN[0]).screens[BODY_SCREEN[1]]
    # The heading, then the text (this screen has no action).
    assert script.text.startswith(screen.heading + ". " + screen.text)
    offset = script.text.index(screen.text) + screen.text.index("liver")
    widget, local, length = script.locate(offset, 5)
    assert widget is window.page.body and screen.text[local:local + length] == "liver"
    assert script.locate(len(script.text) + 5) is None


def test_real_voice_marks_each_word_in_turn_and_stops_when_the_patient_moves_on(qtbot, make_window, guide):
    speech = ReadAloud()  # the real pyttsx3 + espeak-ng engine
    assert speech.available(), speech.unavailable_reason()
    window = make_window(1366, 768, speech=speech)
    window.navigator.open_topic(*BODY_SCREEN)
    screen = guide.topic(BODY_SCREEN[0]).screens[BODY_SCREEN[1]]
    speech.set_rate("fast")
    seen: list[tuple[str, str]] = []
    speech.word.connect(lambda *_: seen.extend(m for m in marks(window) if m not in seen[-1:]))

    click(qtbot, window.top_bar.read_button)
    qtbot.waitUntil(lambda: speech.state() == SpeechState.SPEAKING, timeout=3000)
    assert window.top_bar.read_button.text() == "Pause" and window.speech_bar.isVisible()
    qtbot.waitUntil(lambda: sum(label == screen.text for label, _ in seen) >= 4, timeout=8000)
    # The mark went through the heading, then the text, word by word, in reading order.
    heading_words = [word for label, word in seen if label == screen.heading]
    assert heading_words == screen.heading.split()
    body_words = [word for label, word in seen if label == screen.text]
    expected = [w.strip(".,:;") for w in screen.text.split()]
    assert [w.strip(".,:;") for w in body_words] == expected[:len(body_words)]
    assert len(body_words) >= 4

    # Pause holds the mark; Resume goes on.
    click(qtbot, window.top_bar.read_button)
    qtbot.waitUntil(lambda: speech.state() == SpeechState.PAUSED)
    held = marks(window)
    qtbot.wait(300)
    assert marks(window) == held and window.top_bar.read_button.text() == "Resume"
    click(qtbot, window.top_bar.read_button)
    qtbot.waitUntil(lambda: speech.state() == SpeechState.SPEAKING)

    # Moving on stops the voice at once and clears the mark.
    click(qtbot, window.nav_bar.next_button)
    assert speech.state() == SpeechState.IDLE
    assert marks(window) == [] and not window.speech_bar.isVisible()
    assert window.top_bar.read_button.text() == "Read aloud"


def test_any_other_touch_stops_the_voice(qtbot, make_window):
    window = make_window(1920, 1080)
    window.navigator.open_topic(*BODY_SCREEN)
    click(qtbot, window.top_bar.read_button)
    qtbot.waitUntil(lambda: window.speech.state() == SpeechState.SPEAKING)
    click(qtbot, window.page.heading)  # not a control: still "the user acts"
    assert window.speech.state() == SpeechState.IDLE
    assert window.navigator.place.index == BODY_SCREEN[1]  # and nothing else happened


def test_speed_and_volume_controls(qtbot, make_window):
    window = make_window(1920, 1080)
    window.navigator.open_topic(*BODY_SCREEN)
    click(qtbot, window.top_bar.read_button)
    qtbot.waitUntil(lambda: window.speech_bar.isVisible())
    bar = window.speech_bar
    assert bar.speed_button.text() == "Speed: normal"
    click(qtbot, bar.speed_button)
    assert window.speech.rate() == "fast" and bar.speed_button.text() == "Speed: fast"
    click(qtbot, bar.speed_button)
    assert window.speech.rate() == "slow"
    volume = window.speech.volume()
    click(qtbot, bar.quieter_button)
    assert window.speech.volume() == pytest.approx(volume - 0.2)
    click(qtbot, bar.louder_button)
    click(qtbot, bar.louder_button)
    assert window.speech.volume() == pytest.approx(1.0)
    assert not bar.louder_button.isEnabled()  # at the top: says so by being off
    assert window.speech.state() in (SpeechState.SPEAKING, SpeechState.PREPARING)  # controls don't stop it
    click(qtbot, bar.stop_button)
    assert window.speech.state() == SpeechState.IDLE and not bar.isVisible()
    window.read_aloud.reset("slow", 0.6)  # a session's end: the site's speed and volume
    assert window.speech.rate() == "slow" and window.speech.volume() == pytest.approx(0.6)
    assert not window.read_aloud.listen_mode and not window.read_aloud.used


@pytest.mark.expect_log(r"Speech engine not installed")
def test_unavailable_audio_is_said_in_words(qtbot, make_window):
    speech = ReadAloud(FakeSynthesizer(open_error="Speech engine not installed (libespeak-ng)"))
    window = make_window(1920, 1080, speech=speech)
    button = window.top_bar.read_button
    assert button.text() == "Audio not available" and not button.isEnabled()
    assert "libespeak-ng" in button.accessibleDescription()
    # Listen is not offered without a voice, and says why in words.
    listen = window.welcome.listen_button
    assert listen.text() == "Audio not available" and not listen.isEnabled()
    assert listen.accessibleDescription() == "Sound is not working right now. Please ask a member of staff for help."
    click(qtbot, listen)
    assert not window.read_aloud.listen_mode and window.navigator.place.kind != HOME
    # In the patient's language, and still so after switching back.
    assert window.set_language("es")
    qtbot.waitUntil(lambda: listen.text() == "Audio no disponible")
    assert not listen.isEnabled() and window.top_bar.read_button.text() == "Audio no disponible"
    assert window.set_language("en")
    qtbot.waitUntil(lambda: listen.text() == "Audio not available")
    qtbot.wait(20)
    assert listen.text() == "Audio not available" and not listen.isEnabled()
    click(qtbot, window.welcome.start_button)  # everything else still works
    assert window.navigator.place.kind == HOME


def test_listen_is_offered_only_in_a_language_with_a_voice(qtbot, make_window):
    window = make_window(1920, 1080)
    listen = window.welcome.listen_button
    assert listen.text() == "Listen" and listen.isEnabled()
    assert window.set_language("tl")  # espeak-ng has no Tagalog voice
    qtbot.waitUntil(lambda: listen.text() == "Walang boses")
    assert not listen.isEnabled()
    assert window.set_language("es")
    qtbot.waitUntil(lambda: listen.text() == "Escuchar")
    assert listen.isEnabled()
    click(qtbot, listen)
    assert window.read_aloud.listen_mode


def test_every_screen_can_be_heard(qtbot, make_window, guide):
    """Reading each screen sends all its words to the voice: nothing on screen is silent."""
    from kiosk.screenshots import show_place
    from kiosk.ui.navigator import every_place

    window = make_window(1920, 1080)
    fake = window.speech
    for place in every_place(guide):
        show_place(window, place)
        window.read_aloud.read_screen()
        spoken = fake.text()
        screen = window.stack.currentWidget()
        for part in screen.spoken_parts():
            text = part.spoken_text() if isinstance(part, ReadingLabel) else part.text()
            assert spoken_form(text, "en", guide.spoken).text.rstrip(".") in spoken
        window.read_aloud.stop()
    # The topic list is read whole: every tile's name reaches the voice.
    window.navigator.home()
    window.read_aloud.read_screen()
    assert all(tile.text() in fake.text() for tile in window.home.tiles)


def test_listen_mode(qtbot, make_window, guide):
    window = make_window(1920, 1080)  # (every screen whole: the heading is read first)
    speech = window.speech
    click(qtbot, window.welcome.listen_button)
    assert window.read_aloud.listen_mode and window.navigator.place.kind == HOME
    # The topic list reads itself, marking each tile as its name is read.
    qtbot.waitUntil(lambda: speech.state() == SpeechState.SPEAKING)
    assert all(tile.text() in speech.text() for tile in window.home.tiles)
    qtbot.waitUntil(lambda: window.home.tiles[1].is_reading(), timeout=5000)
    qtbot.waitUntil(lambda: window.home.tiles[2].is_reading() and not window.home.tiles[1].is_reading(),
                    timeout=5000)
    # First touch on a tile says what it is and does nothing else; the second opens it.
    tile = window.home.tiles[3]
    click(qtbot, tile)
    assert window.navigator.place.kind == HOME
    assert speech.text().startswith(tile.text()) and "again" in speech.text()
    click(qtbot, tile)
    assert window.navigator.place.kind == PAGE and window.navigator.place.topic_id == guide.topics[3].id
    # The new screen reads itself.
    qtbot.waitUntil(lambda: guide.topics[3].screens[0].heading in speech.text(), timeout=3000)
    # Speech controls act at once, even in listen mode.
    qtbot.waitUntil(lambda: window.speech_bar.isVisible())
    click(qtbot, window.speech_bar.stop_button)
    assert speech.state() == SpeechState.IDLE


@pytest.mark.parametrize("text_step", [0, 1, 2])
@pytest.mark.parametrize("width,height", RESOLUTIONS, ids=[f"{w}x{h}" for w, h in RESOLUTIONS])
def test_speech_controls_fit(qtbot, make_window, guide, width, height, text_step):
    window = make_window(width, height, text_step=text_step)
    window.navigator.open_topic(*BODY_SCREEN)
    click(qtbot, window.top_bar.read_button)
    qtbot.waitUntil(lambda: window.speech.state() == SpeechState.SPEAKING)
    click(qtbot, window.top_bar.read_button)  # pause: the bar stays while we measure
    qtbot.waitUntil(lambda: window.speech.state() == SpeechState.PAUSED)
    qtbot.wait(10)
    problems = layout_problems(window, "speaking")
    assert not problems, "\n".join(problems[:20])


def test_the_view_follows_the_voice(qtbot, make_window, guide):
    """At 200 % on a small panel the text runs below the fold: the view scrolls with the voice."""
    window = make_window(1280, 800, text_step=2)
    # A list of 5 with no danger box (a boxed list is fitted to the screen and never scrolls).
    topic, index = next((topic.id, index) for topic in guide.topics for index, screen in enumerate(topic.screens)
                        if len(screen.items) >= 5 and screen.action not in (Action.NOW, Action.RIGHT_AWAY))
    window.navigator.open_topic(topic, index)
    bar = window.page.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert bar.value() == 0
    last = window.page.item_labels[4]
    window.read_aloud.read_screen()
    qtbot.waitUntil(lambda: last.mark() is not None, timeout=8000)
    top = last.mapTo(window.page.scroll.viewport(), last.rect().topLeft()).y()
    assert bar.value() > 0 and 0 <= top < window.page.scroll.viewport().height()


@pytest.mark.parametrize("width,height", RESOLUTIONS, ids=[f"{w}x{h}" for w, h in RESOLUTIONS])
def test_listen_mode_can_be_left_and_fits(qtbot, make_window, width, height):
    window = make_window(width, height, text_step=1)
    click(qtbot, window.welcome.listen_button)
    qtbot.waitUntil(lambda: window.speech.state() == SpeechState.SPEAKING)
    bar = window.speech_bar
    assert bar.isVisible() and bar.listen_button.isVisible() and bar.listen_button.isChecked()
    problems = layout_problems(window, "listen mode")
    assert not problems, "\n".join(problems[:20])
    click(qtbot, bar.listen_button)  # acts at once: it is a speech control
    assert not window.read_aloud.listen_mode and window.speech.state() == SpeechState.IDLE
    assert not bar.isVisible()
    click(qtbot, window.home.tiles[0])  # and a touch acts at once again
    assert window.navigator.place.kind == PAGE
