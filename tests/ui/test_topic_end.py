"""The closing screen of a topic: two ways on (the next topic, all topics), a calm "You
finished" after a calm topic, and the topic's action again, not a tick, after an urgent one.
Measured on the real window: what is visible, what is painted, where it sits."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor

from kiosk.content import Action, Severity
from kiosk.content.actions import SiteNumbers, action_lines
from kiosk.i18n.bidi import strip_controls
from kiosk.screenshots import show_place
from kiosk.ui.navigator import PAGE, Place
from kiosk.ui.screens.topic_end import TopicEndScreen, urgent_screen
from kiosk.ui.theme import DEFAULT, HIGH_CONTRAST, Theme
from kiosk.ui.widgets.big_button import BigButton


def show_end(window, topic) -> None:
    show_place(window, Place(PAGE, topic.id, len(topic.screens)))
    assert window.stack.currentWidget() is window.topic_end


def window_rect(widget, window) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def pixels_of(image, color: str, tolerance: int = 24) -> int:
    """How many pixels of `image` are `color` (give or take anti-aliasing)."""
    want = QColor(color)
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if (abs(c.red() - want.red()) + abs(c.green() - want.green()) + abs(c.blue() - want.blue())
                    <= tolerance):
                count += 1
    return count


def test_which_topics_end_with_their_action(guide):
    urgent = [topic.id for topic in guide.topics if urgent_screen(topic) is not None]
    assert urgent == [topic.id for topic in guide.topics if topic.severity is Severity.URGENT]
    assert urgent  # the guide has urgent topics; each has a "now" screen to repeat
    for topic in guide.topics:
        screen = urgent_screen(topic)
        assert screen is None or (screen.action is Action.NOW and screen in topic.screens)


def test_an_urgent_topic_ends_with_its_action_not_a_tick(make_window, guide):
    window = make_window(1280, 800)
    end = window.topic_end
    for topic in (t for t in guide.topics if t.severity is Severity.URGENT):
        show_end(window, topic)
        lines = action_lines(urgent_screen(topic), end.numbers)
        assert end.box.isVisible() and end.box.tier() == "now"
        assert end.box.action.text() and strip_controls(end.box.action.text()) == strip_controls(lines.heading)
        assert "911" in strip_controls(end.box.action.text())  # the number to call, away from the clinic
        # The band is the screen's first words; no "You finished", no tick.
        assert not end.heading.isVisible()
        assert end.accessible_title() == strip_controls(lines.heading)  # named by the heading on show
        assert not end.picture.isVisible() and not end.questions.isVisible()
        image = end.grab().toImage()
        assert pixels_of(image, DEFAULT.urgent) > 2000, topic.id  # the red band, painted
        assert end.spoken_parts()[0] is end.box.action
        assert "finished" not in " ".join(part.text() for part in end.spoken_parts())


def test_a_calm_topic_ends_calmly(make_window, guide):
    window = make_window(1280, 800)
    end = window.topic_end
    calm = [t for t in guide.topics if t.severity is not Severity.URGENT]
    for topic in calm:
        show_end(window, topic)
        assert end.heading.isVisible() and end.heading.text() == f"You finished: {topic.title}"
        assert not end.box.isVisible() and end.box.tier() == ""
        assert pixels_of(end.grab().toImage(), DEFAULT.urgent) == 0, topic.id  # nothing red
    assert end.picture.isVisible()  # the tick, where there is room


def test_two_ways_on_and_no_more(make_window, guide):
    """One primary button (the next topic) and one secondary (all topics) on the screen, beside
    the topic's check and, after an urgent topic, the card to take home; the bars add no second
    Next and no Home beside "All topics"."""
    window = make_window(1280, 800)
    end = window.topic_end
    for topic in guide.topics:
        show_end(window, topic)
        following = guide.next_topic(topic.id)
        shown = {b for b in end.findChildren(BigButton) if b.isVisible()}
        extras = {end.check_button} | ({end.card_button} if topic.severity is Severity.URGENT else set())
        assert topic.questions  # every topic has its check
        if following is not None:
            assert shown == {end.next_button, end.all_button} | extras
            assert end.next_button.variant() == "primary"
            assert all(button.variant() == "secondary" for button in shown - {end.next_button})
        else:
            assert shown == {end.all_button} | extras
        # What the patient sees around it: no second Next, no Back, no Home beside "All topics".
        assert not window.nav_bar.isVisible(), "the bottom bar's Next and Back compete with 'Next topic'"
        assert not window.top_bar.home_button.isVisible(), "Home competes with 'All topics'"


def test_the_column_starts_at_the_top(make_window, guide):
    """Top-aligned: the first words right under the bars (the tick where there is room), and at
    200 % on a small panel the first words and the next topic in view without scrolling."""
    for width, height, step, language in ((1920, 1080, 0, "en"), (1280, 800, 2, "en"), (1280, 800, 2, "ar")):
        window = make_window(width, height, text_step=step, language=language)
        end = window.topic_end
        for topic in (guide.topics[0], guide.topic("what-it-is")):
            show_end(window, topic)
            viewport = window_rect(end.scroll.viewport(), window)
            words = end.heading if end.heading.isVisible() else end.box
            first = end.picture if end.picture.isVisible() else words
            top = window_rect(first, window).top() - viewport.top()
            assert 0 <= top <= 32, (language, width, step, topic.id, top)
            assert end.scroll.verticalScrollBar().value() == 0
            for shown in (words, end.next_button):
                assert viewport.contains(window_rect(shown, window)), (language, width, step, topic.id)
            if width == 1920:  # room to spare goes below the buttons, not above the heading
                below = viewport.bottom() - window_rect(end.all_button, window).bottom()
                assert below > top + 100, (topic.id, top, below)


def test_the_site_numbers_are_the_ones_shown(qtbot, guide):
    screen = TopicEndScreen(SiteNumbers(emergency="112"))
    qtbot.addWidget(screen)
    screen.resize(1280, 700)
    screen.show_end(guide.topic("get-help-now"), guide.next_topic("get-help-now"))
    assert "112" in strip_controls(screen.box.action.text())
    assert "911" not in strip_controls(screen.box.action.text())


def test_the_urgent_end_in_high_contrast(qtbot, guide):
    screen = TopicEndScreen()
    qtbot.addWidget(screen)
    screen.resize(1280, 700)
    screen.show()
    screen.apply_theme(Theme(HIGH_CONTRAST, 1.0))
    screen.show_end(guide.topics[0], guide.next_topic(guide.topics[0].id))
    qtbot.waitExposed(screen)
    image = screen.grab().toImage()
    header = screen.box.header
    inside = header.mapTo(screen, QPoint(8, header.height() // 2))  # left of the mark and the words
    assert image.pixelColor(inside) == QColor(HIGH_CONTRAST.urgent)  # the theme's own "now" colour
    assert pixels_of(image, DEFAULT.urgent) == 0
