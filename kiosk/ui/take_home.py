"""What the patient takes away: the pages marked "I have a question about this", the My
questions and Show my nurse screens, and the "When to get help" card (QR code, print).

Holds the session's marks (screen ids only, in marking order; cleared by the reset between
patients) and opens the three screens, each made when first needed so start-up does not pay
for them. Close goes back to where the patient was. Printing goes through
kiosk/ui/card_print.py; a printer that fails says so on the card screen and nothing else.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Signal

from kiosk.admin.report import site_numbers
from kiosk.content.card import card_section, card_text, question_texts
from kiosk.i18n.languages import SOURCE_LANGUAGE
from kiosk.ui import accessibility

log = logging.getLogger(__name__)


class TakeHome(QObject):
    changed = Signal(int)  # how many pages are marked

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.marked: list[str] = []
        self._screens: dict[str, object] = {}
        self._back_to: object | None = None  # My questions, when the card was opened from it

    # --- the marks ------------------------------------------------------------------------

    def is_marked(self, screen_id: str) -> bool:
        return screen_id in self.marked

    def set_marked(self, screen_id: str, marked: bool) -> None:
        if marked == self.is_marked(screen_id):
            return
        if marked:
            self.marked.append(screen_id)
        else:
            self.marked.remove(screen_id)
        self.window.session.acted()
        self.changed.emit(len(self.marked))

    def clear(self) -> None:
        """The reset between patients: nothing of this patient's stays."""
        self.marked.clear()
        self._back_to = None
        self.changed.emit(0)

    def questions(self) -> tuple[list[str], list[str]]:
        """The marked pages in the patient's language, and in English (empty when that is English)."""
        languages = self.window.languages
        own = question_texts(languages.guide(), self.marked)
        english = [] if languages.code == SOURCE_LANGUAGE else question_texts(languages.english, self.marked)
        return own, english

    # --- the screens ----------------------------------------------------------------------

    def screen(self, name: str):
        """"questions", "nurse" or "card", made and joined when first asked for."""
        if name not in self._screens:
            self._screens[name] = screen = self._make(name)
            self.window.stack.addWidget(screen)
            screen.closed.connect(lambda name=name: self._close(name))
        return self._screens[name]

    def _make(self, name: str):
        if name == "questions":
            from kiosk.ui.screens.my_questions import MyQuestionsScreen

            screen = MyQuestionsScreen()
            screen.removed.connect(lambda screen_id: (self.set_marked(screen_id, False), self.open_questions()))
            screen.nurse_wanted.connect(self.open_nurse)
            screen.card_wanted.connect(lambda: self.open_card(from_questions=True))
            return screen
        if name == "nurse":
            from kiosk.ui.screens.show_nurse import ShowNurseScreen

            return ShowNurseScreen()
        from kiosk.ui.screens.card import CardScreen

        screen = CardScreen()
        screen.print_wanted.connect(self.print_card)
        return screen

    def open_questions(self) -> None:
        screen = self.screen("questions")
        own, _english = self.questions()
        screen.show_questions(self.marked, own)
        self._show(screen)

    def open_nurse(self) -> None:
        screen = self.screen("nurse")
        screen.show_questions(*self.questions())
        self._show(screen)

    def open_card(self, from_questions: bool = False) -> None:
        self._back_to = self._screens.get("questions") if from_questions else None
        screen = self.screen("card")
        whole, parts = self.card()
        screen.show_card(whole, parts, bool(self.window.settings["card.printer"]))
        self._show(screen)

    def card(self, compact: bool = True) -> tuple[str, list[str]]:
        """The card's words for one code, and for two (the patient's language; English)."""
        languages, numbers = self.window.languages, site_numbers(self.window.settings)
        # The heading as My questions says it (one translation for both).
        guide, own_words = languages.guide(), QCoreApplication.translate("MyQuestionsScreen", "My questions")
        own, english_questions = self.questions()
        if languages.code == SOURCE_LANGUAGE:
            whole = card_text(guide, numbers, own, compact=compact)
            return whole, [whole]
        english = languages.english
        whole = card_text(guide, numbers, own, english=english, english_questions=english_questions,
                          questions_heading=own_words, compact=compact)
        return whole, [card_section(guide, numbers, own, own_words, compact),
                       card_section(english, numbers, english_questions, compact=compact)]

    def print_card(self) -> None:
        """The card to the site's printer: on A4 or Letter the whole card (every action screen),
        on an 80 mm roll the compact one, as in the code (every sign still on it; the whole card
        would be a metre of paper)."""
        screen, settings = self.screen("card"), self.window.settings
        self.window.session.acted()
        whole, _parts = self.card(compact=settings["card.paper"] == "receipt-80mm")
        try:
            from kiosk.ui.card_print import print_card

            print_card(whole, self.window.languages.code, settings["card.printer"], settings["card.paper"])
        except Exception as error:  # a printer's fault never takes the patient's screen
            log.warning("card not printed on %r: %s", settings["card.printer"], error)
            screen.printed(False)
            return
        log.info("card printed (%s)", self.window.languages.code)
        screen.printed(True)

    def _show(self, screen) -> None:
        window = self.window
        window.session.acted()
        window.read_aloud.stop()
        screen.apply_theme(window.display.theme())
        accessibility.refresh(screen)
        window.stack.setCurrentWidget(screen)
        window.show_aside_bars(home=False)
        window.orientation.screen_shown(screen)  # focus into it, a screen reader told its words

    def _close(self, name: str) -> None:
        window = self.window
        if name == "nurse" or (name == "card" and self._back_to is not None):
            self.open_questions()  # back to the list it was opened from
            return
        window.show_place(window.navigator.place)

    def showing(self) -> bool:
        return any(screen is self.window.stack.currentWidget() for screen in self._screens.values())
