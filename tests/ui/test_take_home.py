"""What a patient takes away, tried in the real window: a page marked "I have a question about
this", the list My questions, Show my nurse (their language with English beside, high contrast),
and the "When to get help" card whose code, read off the screen by a real decoder (zxing-cpp),
holds the card's words and the marked questions. The reset between patients forgets them all."""

from __future__ import annotations

import zxingcpp
from PySide6.QtCore import QPoint, QRect

from kiosk.config import Config
from kiosk.content import Severity
from kiosk.content.card import question_texts
from kiosk.i18n.codes import LANGUAGES
from kiosk.screenshots import settle, show_place
from kiosk.ui.navigator import PAGE, Place
from kiosk.ui.theme import HIGH_CONTRAST, TEXT_SCALES


def open_screen(window, topic_id: str, index: int) -> None:
    show_place(window, Place(PAGE, topic_id, index))


def mark(window, topic_id: str, index: int) -> str:
    """Touch "I have a question about this" on a page; the page's screen id."""
    open_screen(window, topic_id, index)
    button = window.page.question_button
    assert not button.isChecked()
    button.click()
    assert button.isChecked()
    return window.navigator.screen().id


def code_text(window) -> list[str]:
    """What a phone reads from the code on show, from the window's own pixels."""
    card = window.take_home.screen("card")
    settle()
    assert card.code.isVisible(), card.status.text()
    origin = card.code.mapTo(window, QPoint(0, 0))
    image = window.grab(QRect(origin, card.code.size())).toImage()
    return [code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def test_a_marked_page_is_listed_shown_to_the_nurse_and_forgotten_at_the_reset(make_window, guide):
    window = make_window(1280, 800, language="es")
    take_home = window.take_home
    first = mark(window, "liver", 0)
    second = mark(window, "most-important", 4)
    assert take_home.marked == [first, second]
    # The page shows its state again when the patient comes back to it.
    open_screen(window, "liver", 1)
    assert not window.page.question_button.isChecked()
    open_screen(window, "liver", 0)
    assert window.page.question_button.isChecked()
    window.navigator.home()
    settle()
    assert "2" in window.home.questions_button.text()

    window.home.questions_button.click()
    settle()
    screen = take_home.screen("questions")
    assert window.stack.currentWidget() is screen
    spanish = window.languages.guide()
    listed = [label.spoken_text() for label, _remove in screen.rows if label.isVisibleTo(screen)]
    assert listed == question_texts(spanish, [first, second])
    assert spanish.screen(first).heading in listed[0]  # in the patient's words, not English
    assert spanish.screen(first).heading != guide.screen(first).heading

    screen.nurse_button.click()
    settle()
    nurse = take_home.screen("nurse")
    assert window.stack.currentWidget() is nurse
    assert nurse.english_texts() == question_texts(guide, [first, second])  # English beside
    # High contrast whatever the patient chose: the view's ground is the high-contrast black.
    image = window.grab(QRect(nurse.mapTo(window, QPoint(0, 0)), nurse.size())).toImage()
    corner = image.pixelColor(image.width() - 4, image.height() - 4).name().upper()
    assert corner == HIGH_CONTRAST.background.upper()
    nurse.close_button.click()
    settle()
    assert window.stack.currentWidget() is screen  # back to the list it came from

    # Unmarked from the list: gone from it and from the page.
    screen.rows[0][1].click()
    settle()
    assert take_home.marked == [second]
    open_screen(window, "liver", 0)
    assert not window.page.question_button.isChecked()

    window.session.reset()
    settle()
    assert take_home.marked == []
    assert "0" in window.home.questions_button.text()


def test_in_every_language_the_marks_and_the_card_code_read_off_the_screen(make_window, guide):
    """One window, every language in turn: a page marked is listed in that language with English
    beside it for the nurse, and the card's code, read off the screen's pixels, holds the card
    and the marked page (two codes, one at a time, where one cannot hold both languages)."""
    window = make_window(1280, 800)
    take_home = window.take_home
    two = []
    for code in LANGUAGES:
        assert window.set_language(code), window.languages.why_not(code)
        take_home.clear()
        marked = mark(window, "liver", 0)
        own = window.languages.guide()
        take_home.open_questions()
        settle()
        screen = take_home.screen("questions")
        listed = [label.spoken_text() for label, _remove in screen.rows if label.isVisibleTo(screen)]
        assert listed == question_texts(own, [marked]) and own.screen(marked).heading in listed[0]
        assert own.screen(marked).language == code  # in the patient's language, not English
        take_home.open_nurse()
        settle()
        english = [] if code == "en" else question_texts(guide, [marked])
        assert take_home.screen("nurse").english_texts() == english

        take_home.open_card()
        card = take_home.screen("card")
        whole, parts = take_home.card()
        read = code_text(window)
        if not card.two_codes:
            assert read == [whole]
        else:  # the patient's language, then English, one at a time
            two.append(code)
            assert read == [parts[0]]
            card.english_button.click()
            assert code_text(window) == [parts[1]]
        assert own.screen(marked).heading in whole and guide.screen(marked).heading in whole
        assert card.words.text() == card.shown_text()  # the words beside are the code's
    assert "en" not in two and "ar" in two and "ru" in two  # the longest scripts need two


def test_at_every_text_size_the_card_keeps_the_window_and_its_choices_in_view(make_window):
    """Arabic with a marked page needs two codes: at 100 %, 150 % and 200 % the code and the
    choice of code are on screen without scrolling, the window keeps its size (a code drawn for
    one size once pushed the window past the screen at the next), and the code still reads."""
    window = make_window(1280, 800, language="ar")
    mark(window, "liver", 0)
    window.take_home.open_card()
    card = window.take_home.screen("card")
    settle()
    assert card.two_codes
    viewport = card.scroll.viewport()
    for step in range(len(TEXT_SCALES)):
        window.display.set_text_step(step)
        settle()
        assert window.size().toTuple() == (1280, 800), step
        assert card.rect().contains(QRect(card.code.mapTo(card, QPoint(0, 0)), card.code.size())), step
        assert card.code.width() >= card.code_side() * 9 // 10, step  # redrawn to the room, not shrunk by it
        for button in (card.own_button, card.english_button):
            where = QRect(button.mapTo(viewport, QPoint(0, 0)), button.size())
            assert viewport.rect().contains(where), (step, button.text(), where.getRect())
    assert code_text(window) == [window.take_home.card()[1][0]]
    open_screen(window, "liver", 0)  # the card, no longer shown, asks nothing of the window
    assert window.size().toTuple() == (1280, 800)
    assert window.minimumSizeHint().height() <= 800


def test_the_card_is_offered_at_an_urgent_topics_end_and_on_the_topic_list(make_window, guide):
    window = make_window(1280, 800)
    for topic in guide.topics:
        show_place(window, Place(PAGE, topic.id, len(topic.screens)))
        assert window.topic_end.card_button.isVisibleTo(window.topic_end) == (topic.severity is Severity.URGENT)
    window.topic_end.card_button.click()
    settle()
    card = window.take_home.screen("card")
    assert window.stack.currentWidget() is card
    assert not card.print_button.isVisibleTo(card)  # no printer named in the settings
    card.close_button.click()
    settle()
    assert window.stack.currentWidget() is window.topic_end
    window.navigator.home()
    settle()
    window.home.card_button.click()
    settle()
    assert window.stack.currentWidget() is card


def test_a_printer_that_fails_says_so_and_keeps_the_screen(make_window, caplog):
    settings = Config()
    settings.values.update({"card.printer": "NoSuchPrinter"})
    window = make_window(1280, 800, settings=settings)
    window.take_home.open_card()
    card = window.take_home.screen("card")
    assert card.print_button.isVisibleTo(card)
    with caplog.at_level("WARNING"):
        card.print_button.click()
    settle()
    assert window.stack.currentWidget() is card
    assert card.status.isVisibleTo(card) and "printer" in card.status.text().lower()
    assert "NoSuchPrinter" in caplog.text
