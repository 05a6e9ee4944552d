"""Check what you learned, taken in the real window as a patient would: from a topic's end,
each question answered by touching a picture answer, a wrong answer re-teaching the page that
answers it before the same question comes again; by keys; in listen mode; in every language.
Only each question's first answer is recorded, in the real statistics file, and nothing of it
outlives the session."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication

from kiosk.content import Action
from kiosk.content.actions import action_lines
from kiosk.i18n.bidi import strip_controls
from kiosk.i18n.codes import LANGUAGES
from kiosk.screenshots import settle, show_place
from kiosk.ui.navigator import PAGE, Place
from kiosk.ui.screens.learning_check import ASKING, DONE, RETEACH, RIGHT
from kiosk.ui.theme import TEXT_SCALES
from kiosk.usage_recorder import UsageRecorder


def open_check(window, topic_id: str):
    topic = window.guide.topic(topic_id)
    window.navigator.home()  # (from wherever the patient is)
    show_place(window, Place(PAGE, topic_id, len(topic.screens)))
    end = window.topic_end
    assert end.check_button.isVisibleTo(end)
    end.check_button.click()
    settle()
    screen = window.teach_back.screen
    assert window.stack.currentWidget() is screen and screen.state == ASKING
    return screen


def answer(screen, right: bool) -> None:
    question = screen.question()
    index = next(i for i, a in enumerate(question.answers) if a.right == right)
    button = screen.answer_buttons[index]
    assert button.isVisibleTo(screen) and button.text() == question.answers[index].text
    button.click()
    settle()


def take_whole_check(window, screen, topic) -> None:
    """Every question wrong first (re-taught, asked again), then right."""
    for number, question in enumerate(topic.questions):
        assert screen.question() == question
        assert screen.heading.spoken_text() == question.text
        assert str(number + 1) in screen.progress.text()
        answer(screen, right=False)
        assert screen.state == RETEACH
        taught = topic.screens[[s.id for s in topic.screens].index(question.teaches[0])]
        assert screen.heading.spoken_text() == taught.heading  # the page that answers it
        lines = action_lines(taught, screen.numbers)  # its action as its page shows it
        if lines is not None and lines.action in (Action.NOW, Action.RIGHT_AWAY):
            assert screen.box.tier() == lines.action.value
            assert strip_controls(screen.box.action.text()) == strip_controls(lines.heading)
        else:
            assert screen.box.tier() == ""
            assert screen.ask.isVisibleTo(screen) == (lines is not None)
        shown_items = [label.spoken_text() for label in screen.items if label.isVisibleTo(screen)]
        assert shown_items == list(taught.items)
        screen.go_button.click()  # Try again: the same question
        settle()
        assert screen.state == ASKING and screen.question() == question
        answer(screen, right=True)
        assert screen.state == RIGHT and screen.chosen.spoken_text() == question.right_answer.text
        screen.go_button.click()
        settle()
    assert screen.state == DONE


def test_every_topic_has_a_check_that_re_teaches_and_ends_on_the_next_topic(make_window, guide):
    window = make_window(1280, 800)
    for topic in guide.topics:
        screen = open_check(window, topic.id)
        take_whole_check(window, screen, topic)
        following = guide.next_topic(topic.id)
        assert screen.go_button.isVisibleTo(screen) == (following is not None)
        assert screen.all_button.isVisibleTo(screen)
    # The last topic's end has no next topic: All topics goes to the list.
    screen.all_button.click()
    settle()
    assert window.stack.currentWidget() is window.home


@pytest.mark.parametrize("code", [code for code in LANGUAGES if code != "en"])
def test_the_most_important_check_in_every_language(make_window, code):
    window = make_window(1280, 800, language=code)
    topic = window.guide.topic("most-important")
    screen = open_check(window, topic.id)
    for question in window.guide.questions():  # every topic's check, shown whole in the language
        assert question.language == code, f"{question.id} is not translated into {code}"
    take_whole_check(window, screen, topic)
    screen.go_button.click()  # the next topic, in the same language
    settle()
    following = window.guide.next_topic(topic.id)
    assert window.navigator.place == Place(PAGE, following.id, 0)


def in_view(screen, parts, where) -> None:
    viewport = screen.scroll.viewport()
    for part in parts:
        rect = QRect(part.mapTo(viewport, QPoint(0, 0)), part.size())
        assert viewport.rect().contains(rect), (where, part.text()[:30], rect.getRect())


def test_at_the_largest_text_each_question_its_answers_and_its_signs_are_in_view(make_window):
    """The most important topic's questions at 200 % in every language, one window: the question
    and every answer inside the screen without scrolling (answers as rows, two a line where one
    under the other would push the last out of view); answered wrong, the page of danger signs
    taught again keeps its action and every sign in view as the page itself does."""
    window = make_window(1280, 800)
    window.display.set_text_step(len(TEXT_SCALES) - 1)
    for code in LANGUAGES:
        assert window.set_language(code), window.languages.why_not(code)
        screen = open_check(window, "most-important")
        while screen.state == ASKING:
            where = (code, screen.question().id)
            in_view(screen, [screen.heading, *[b for b in screen.answer_buttons if b.isVisibleTo(screen)]], where)
            answer(screen, right=False)
            if screen.box.tier():
                in_view(screen, [screen.box.action, *[label for label in screen.items if label.isVisibleTo(screen)]],
                        where)
                assert screen.heading in screen.spoken_parts()  # said, even where left out to make room
            screen.go_button.click()  # Try again
            settle()
            answer(screen, right=True)
            screen.go_button.click()
            settle()


def test_only_the_first_answer_is_recorded_and_the_reset_forgets_it(make_window, tmp_path):
    window = make_window(1280, 800)
    stats = UsageRecorder(tmp_path / "usage.sqlite3")
    window.session.attach_stats(stats)
    window.session.start()
    topic = window.guide.topic("liver")
    screen = open_check(window, topic.id)
    first, second = topic.questions[:2]
    answer(screen, right=False)
    screen.go_button.click()
    answer(screen, right=True)  # right the second time: still "wrong" first
    screen.go_button.click()
    answer(screen, right=True)
    assert window.teach_back.first_answers == {first.id: False, second.id: True}
    # Taken again in the same session: nothing new recorded.
    screen = open_check(window, topic.id)
    answer(screen, right=True)
    window.session.reset()
    assert window.teach_back.first_answers == {}
    stats.close()
    rows = sqlite3.connect(tmp_path / "usage.sqlite3").execute(
        "SELECT detail FROM events WHERE kind = 'answer' ORDER BY rowid").fetchall()
    assert rows == [(f"{first.id}:wrong",), (f"{second.id}:right",)]


def test_answered_from_the_keypad(qtbot, make_window):
    """Down moves through the screen in reading order (the question, then each answer, each said
    aloud), Enter chooses: real key presses through the kiosk's input route."""
    window = make_window(1280, 800)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    said: list[str] = []
    say = window.read_aloud.say
    window.read_aloud.say = lambda text: (said.append(strip_controls(text)), say(text))
    screen = open_check(window, "pregnancy")
    question = screen.question()
    right = screen.answer_buttons[next(i for i, a in enumerate(question.answers) if a.right)]
    for _ in range(12):
        if window._keypad is not None and window.keypad.current is right:
            break
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Down)
        qtbot.wait(20)
    assert window.keypad.current is right
    assert any(question.right_answer.text in text for text in said)  # each answer said as it is reached
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Return)
    settle()
    assert screen.state == RIGHT


def test_in_listen_mode_the_question_and_its_answers_are_read(qtbot, make_window):
    window = make_window(1280, 800)
    window.read_aloud.set_listen_mode(True)
    topic = window.guide.topic("most-important")
    screen = open_check(window, topic.id)
    speech = window.speech
    question = screen.question()
    qtbot.waitUntil(lambda: question.text in speech.text(), timeout=3000)
    assert all(answer.text in speech.text() for answer in question.answers)
    # A wrong answer: the page that answers it is read.
    answer(screen, right=False)
    taught = window.guide.screen(question.teaches[0])
    qtbot.waitUntil(lambda: taught.heading in speech.text(), timeout=3000)
