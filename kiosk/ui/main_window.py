"""The kiosk window: top bar, the current screen, and Back / progress / Next.

It shows whatever the Navigator says and applies the Display's theme; it holds no
navigation state of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QStackedWidget, QWidget

from kiosk.admin.pin import PinGate
from kiosk.admin.report import site_numbers
from kiosk.config import Config
from kiosk.content import Guide
from kiosk.i18n.languages import SOURCE_LANGUAGE
from kiosk.ui import accessibility
from kiosk.ui.accessibility import set_role
from kiosk.ui.display import Display
from kiosk.ui.frame import Frame
from kiosk.ui.input_route import InputRoute
from kiosk.ui.language_switcher import LanguageSwitcher
from kiosk.ui.navigator import HOME, PAGE, WELCOME, Navigator, Place
from kiosk.ui.orientation import Orientation
from kiosk.ui.read_aloud import ReadAloudController
from kiosk.ui.screen_reader import ScreenReaderCheck
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.language_picker import LanguagePicker
from kiosk.ui.screens.page import PageScreen
from kiosk.ui.screens.topic_end import TopicEndScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.session import SessionController
from kiosk.ui.session_view import SessionView
from kiosk.ui.staff import StaffAccess
from kiosk.ui.take_home import TakeHome
from kiosk.ui.teach_back import TeachBack
from kiosk.ui.theme import TEXT_SCALES, font_families, load_fonts
from kiosk.ui.widgets.bars import NavBar, SpeechBar, TopBar
from kiosk.ui.widgets.draft_mark import DraftMark
from kiosk.ui.widgets.swipe import SwipeDetector
from kiosk.ui.wiring import connect_signals, make_keypad


class ScreenStack(QStackedWidget):
    """The screens, one shown at a time; silent to a screen reader (its own class, so the
    accessibility factory, which sees only Python classes, can give it the plain role)."""

    def __init__(self):
        super().__init__()
        set_role(self, "plain")


class MainWindow(QWidget):
    exit_requested = Signal()  # staff chose "Exit the program" in the admin screen

    def __init__(self, guide: Guide, display: Display | None = None, speech=None,
                 languages: LanguageSwitcher | None = None, settings: Config | None = None,
                 pin_gate: PinGate | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings or Config()
        self.setObjectName("KioskWindow")
        QTimer.singleShot(0, lambda: accessibility.install(self))  # roles, after the first paint
        set_role(self, "window")  # a frame with the place's title, for a screen reader's "where am I"
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.languages = languages or LanguageSwitcher(guide, parent=self)
        guide = self.languages.guide()
        self.guide = guide
        self.navigator = Navigator(guide, self)
        self.display = display or Display(parent=self)

        self.top_bar = TopBar()
        self.draft_mark = DraftMark()  # shown while the site shows drafts (see _update_draft_mark)
        self.speech_bar = SpeechBar()
        self.speech_bar.hide()
        self.nav_bar = NavBar()
        self.welcome = WelcomeScreen(guide)
        self.home = HomeScreen(guide)
        self.page = PageScreen(site_numbers(self.settings))
        self.topic_end = TopicEndScreen(site_numbers(self.settings))
        self.picker = LanguagePicker()
        self.stack = ScreenStack()
        for screen in (self.welcome, self.home, self.page, self.topic_end, self.picker):
            self.stack.addWidget(screen)

        self.frame = Frame(self)  # the bars' places and heights, the text sized to the panel

        # The controllers: they decide, the window shows (kiosk/ui/wiring.py joins them).
        self.session_view = SessionView(self)
        self.screen_reader_check = ScreenReaderCheck(self.settings["accessibility.screen_reader"])
        self.session = SessionController(self.session_view, self.settings["session.idle_timeout_s"],
                                         self.settings["session.warning_s"], self,
                                         self.screen_reader_check.screen_reader,
                                         self.settings["session.screen_reader_idle_timeout_s"])
        self.staff = StaffAccess(self, pin_gate or PinGate(""), self)  # no PIN: off
        self.take_home = TakeHome(self)  # marked questions, My questions, the card
        self.teach_back = TeachBack(self)  # Check what you learned
        self.read_aloud = ReadAloudController(self, self.top_bar, self.speech_bar, self)
        self.read_aloud.language = self.languages.code
        self.read_aloud.screen_reader = self.screen_reader_check.screen_reader
        self._keypad = None  # keypad mode: made at the first key (`keypad`), start-up does not pay for it
        self.input = InputRoute(self)  # every event of the program passes its steps
        self.lockdown = None  # a kiosk.ui.lockdown.Lockdown, set by kiosk.app in kiosk mode
        self.swipe = SwipeDetector(self.stack)
        # Keypad paging on topic screens; shortcuts, so a focused scroll area can't take them.
        self.page_keys = {key: QShortcut(QKeySequence(key), self) for key in
                          (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Escape)}
        self.orientation = Orientation(self, self)
        self.keyboard_user = False  # keys or touch: the focus ring is for keypad users only
        connect_signals(self)

        if speech is not None:
            self.attach_speech(speech)

        self.display.families = font_families(self.languages.code)
        self.top_bar.set_language_name(self.languages.language().native_name)
        self._update_draft_mark()
        self.apply_theme()
        self.show_place(self.navigator.place)
        self.session.idle.start()

    # --- screens ---------------------------------------------------------------------

    @property
    def keypad(self):
        if self._keypad is None:
            self._keypad = make_keypad(self)
        return self._keypad

    def hide_bars(self) -> None:
        for bar in (self.top_bar, self.speech_bar, self.nav_bar):
            bar.setVisible(False)

    def show_aside_bars(self, *, home: bool) -> None:
        """The bars of a patient's screen outside the guide's places (a check, My questions, the
        display settings): the top bar, Home only where it leads away, no Back/Next."""
        self.top_bar.setVisible(True)  # it may come after a staff screen, which hides it
        self.top_bar.home_button.setVisible(home)
        self.nav_bar.setVisible(False)

    def enable_current_screen_only(self) -> None:
        current = self.stack.currentWidget()
        for index in range(self.stack.count()):
            screen = self.stack.widget(index)
            screen.setEnabled(screen is current)

    def recover(self) -> None:
        """After an unexpected error: silence, and the first screen (kiosk.recovery)."""
        if self.session.between_patients:
            self.session.to_attract()
            return
        self.staff.before()  # (the same: silence, no question)
        self.navigator.welcome()
        self.show_place(self.navigator.place)
        self.session.idle.start()

    # --- language -----------------------------------------------------------------

    def open_language_picker(self) -> None:
        self.session.acted()
        self.read_aloud.stop()
        load_fonts(everything=True)  # each language's name in its own script
        self.picker.set_languages(self.languages.available(), self.languages.code)
        self.stack.setCurrentWidget(self.picker)
        self.top_bar.home_button.setVisible(False)
        self.nav_bar.setVisible(False)
        self.picker.focus_first()

    def language_chosen(self, code: str) -> None:
        self.set_language(code)
        self.show_place(self.navigator.place)

    def set_language(self, code: str) -> bool:
        """Switch everything to `code` at once, keeping the patient's place."""
        self.read_aloud.stop()
        if not self.languages.set_language(code):
            return False
        self.top_bar.set_language_name(self.languages.language().native_name)
        self.read_aloud.refresh()
        self._update_draft_mark()
        self.display.set_families(font_families(code))  # new fonts: the theme is re-applied
        self.session.record("language", code)
        if self.stack.currentWidget() is not self.picker and not self.session.between_patients:
            self.show_place(self.navigator.place)  # (between patients the attract screen stays)
        return True

    def take_guide(self, code: str, guide: Guide) -> None:
        """The one path of a language change for everything that holds guide text."""
        self.guide = guide
        for part in (self.navigator, self.welcome, self.home, self.page):
            part.set_guide(guide)
        self.read_aloud.language = code

    def _update_draft_mark(self) -> None:
        code = self.languages.code
        catalog = self.languages.catalog(code) if code != SOURCE_LANGUAGE else None
        unreviewed = self.guide.review.status != "reviewed" or (catalog is not None and not catalog.review.reviewed)
        self.draft_mark.setVisible(self.settings["content.allow_unreviewed"] and unreviewed)

    # --- read-aloud ---------------------------------------------------------------

    def attach_speech(self, speech) -> None:
        """The read-aloud service (kiosk.speech.ReadAloud or one like it), attached just after
        the first screen is painted: QtMultimedia takes a moment to start, and the patient
        should not wait for it."""
        self.read_aloud.spoken_forms = self.guide.spoken
        self.read_aloud.attach(speech)

    @property
    def speech(self):
        return self.read_aloud.speech

    # --- showing a place ----------------------------------------------------------

    def show_place(self, place: Place) -> None:
        nav = self.navigator
        if self.session.between_patients:
            # Reached without the attract screen's touch (a key, a screen reader's action on a
            # hidden button): still the one session start, in the language on show.
            self.session.start(self.session_view.language_on_attract())
        elif place.kind != WELCOME:  # (the welcome screen comes by itself after a reset or an error)
            self.session.acted()  # a screen reader's press moves the patient on without input events
        shown = {WELCOME: self.welcome, HOME: self.home}.get(place.kind) or (
            self.page if nav.screen() is not None else self.topic_end)
        if shown is not self.stack.currentWidget() or shown is self.page:
            accessibility.refresh(shown)  # before it shows: a screen reader's review reads it
        self.top_bar.setVisible(True)
        topic, screen = nav.topic(), nav.screen()
        if shown is self.page:
            self.page.show_screen(topic, screen, self.guide.topic(screen.link).title if screen.link else "")
        elif shown is self.topic_end:
            self.topic_end.show_end(topic, self.guide.next_topic(topic.id))
        self.stack.setCurrentWidget(shown)
        self.staff.drop_screens()
        for shortcut in self.page_keys.values():
            shortcut.setEnabled(place.kind == PAGE)
        at_end = nav.at_topic_end()  # the closing screen has its own two ways on (screens/topic_end.py)
        self.top_bar.home_button.setVisible(place.kind == PAGE and not at_end)
        self.nav_bar.setVisible(place.kind == PAGE and not at_end)
        self.nav_bar.back_button.setVisible(nav.can_go_back())
        self.nav_bar.next_button.setVisible(nav.can_go_next())
        self._update_progress()
        self._set_title()
        self.orientation.place_shown(place)  # focus into the new screen; a screen reader told

    def _update_progress(self) -> None:
        topic = self.navigator.topic()
        if topic is None:
            return
        total = len(topic.screens)
        if self.navigator.at_topic_end():
            text = self.tr("Topic finished")
            current = total
        else:
            current = self.navigator.place.index + 1
            text = self.tr("{current} of {total}").format(current=current, total=total)
        self.nav_bar.progress.set_state(current, total, text, self.display.theme())

    def _set_title(self) -> None:
        topic = self.navigator.topic()
        name = self.tr("Medicine guide")
        self.setWindowTitle(f"{topic.title} – {name}" if topic else name)

    # --- keys and swipes ------------------------------------------------------------

    def swiped(self, direction: int) -> None:
        if self.navigator.place.kind == PAGE:
            self.navigator.next() if direction > 0 else self.navigator.back()

    def set_lockdown(self, lockdown) -> None:
        """A kiosk.ui.lockdown.Lockdown: the first step of the input route asks it."""
        self.lockdown = lockdown

    def page_key(self, key: Qt.Key) -> None:
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        forward = Qt.Key.Key_Left if rtl else Qt.Key.Key_Right
        self.navigator.next() if key == forward else self.navigator.back()  # Escape = Back

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.navigator.place.kind == WELCOME:
            self.navigator.home()
            return
        super().keyPressEvent(event)

    # --- look ---------------------------------------------------------------------

    def apply_theme(self) -> None:
        # Activity with or without an input event: a screen reader, voice control or a switch
        # presses a button through the accessibility interface, which sends none.
        self.session.acted()
        theme = self.display.theme()
        self.setStyleSheet(theme.stylesheet())
        for bar in (self.top_bar, self.speech_bar, self.nav_bar):
            bar.apply_theme(theme)  # (each refits itself to the window: kiosk/ui/frame.py)
        for screen in (self.welcome, self.home, self.page, self.topic_end, self.picker):
            screen.apply_theme(theme)
        self.top_bar.contrast_button.setChecked(self.display.high_contrast)
        percent = round(TEXT_SCALES[self.display.text_step] * 100)
        self.top_bar.set_text_size_state(self.display.text_step, len(TEXT_SCALES), percent)
        self._update_progress()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.frame.fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self._update_progress()
            self._set_title()
        super().changeEvent(event)
