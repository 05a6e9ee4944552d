"""The kiosk window: top bar, the current screen, and Back / progress / Next.

It shows whatever the Navigator says and applies the Display's theme; it holds no
navigation state of its own.
"""

from __future__ import annotations

from functools import cached_property

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from kiosk.admin.pin import PinGate
from kiosk.admin.report import site_numbers
from kiosk.config import Config
from kiosk.content import Guide
from kiosk.i18n.languages import SOURCE_LANGUAGE
from kiosk.ui.display import Display
from kiosk.ui.input_route import InputRoute
from kiosk.ui.language_switcher import LanguageSwitcher
from kiosk.ui.navigator import HOME, PAGE, WELCOME, Navigator, Place
from kiosk.ui.read_aloud import ReadAloudController
from kiosk.ui.screens.attract import AttractScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.language_picker import LanguagePicker
from kiosk.ui.screens.page import PageScreen
from kiosk.ui.screens.still_there import StillThereOverlay
from kiosk.ui.screens.topic_end import TopicEndScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.session import SessionController
from kiosk.ui.staff import StaffAccess
from kiosk.ui.theme import TEXT_SCALES, font_families, load_fonts
from kiosk.ui.widgets.bars import NavBar, SpeechBar, TopBar
from kiosk.ui.widgets.draft_mark import DraftMark
from kiosk.ui.widgets.swipe import SwipeDetector


class MainWindow(QWidget):
    exit_requested = Signal()  # staff chose "Exit the program" in the admin screen

    def __init__(self, guide: Guide, display: Display | None = None, speech=None,
                 languages: LanguageSwitcher | None = None, settings: Config | None = None,
                 pin_gate: PinGate | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings or Config()
        self.setObjectName("KioskWindow")
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
        self.topic_end = TopicEndScreen()
        self.picker = LanguagePicker()
        self.stack = QStackedWidget()
        for screen in (self.welcome, self.home, self.page, self.topic_end, self.picker):
            self.stack.addWidget(screen)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.draft_mark)
        layout.addWidget(self.speech_bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.nav_bar)

        nav = self.navigator
        self.welcome.start.connect(nav.home)
        self.home.topic_chosen.connect(nav.open_topic)
        self.page.link_chosen.connect(nav.open_topic)
        self.topic_end.next_topic_chosen.connect(nav.open_topic)
        self.topic_end.all_topics_chosen.connect(nav.home)
        self.top_bar.home_button.clicked.connect(nav.home)
        self.top_bar.text_size_button.clicked.connect(self.display.cycle_text_size)
        self.top_bar.contrast_button.toggled.connect(self.display.set_high_contrast)
        self.nav_bar.back_button.clicked.connect(nav.back)
        self.nav_bar.next_button.clicked.connect(nav.next)
        self.top_bar.language_button.clicked.connect(self.open_language_picker)
        self.picker.chosen.connect(self._language_chosen)
        self.picker.closed.connect(lambda: self._show(nav.place))
        # Unattended: "Still there?" after the idle timeout, then a full reset.
        # Every event of the program passes one route of steps (self.input, set below).
        self.session = SessionController(self, self.settings["session.idle_timeout_s"],
                                         self.settings["session.warning_s"], self)
        self.idle = self.session.idle
        self.lockdown = None
        # Staff: hold a free spot of the top edge for 5 s -> PIN pad -> admin screen.
        self.staff = StaffAccess(self, pin_gate or PinGate(""), self)  # no PIN: off
        self.staff.exit_requested.connect(self.exit_requested)
        # Only the screen on show can be pressed: a screen reader's action on a hidden one's
        # button does nothing (a disabled button ignores click()).
        self.stack.currentChanged.connect(self._enable_current_screen_only)
        # Keypad paging on topic screens; shortcuts, so a focused scroll area can't take them.
        self.page_keys = {key: QShortcut(QKeySequence(key), self) for key in
                          (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Escape)}
        for key, shortcut in self.page_keys.items():
            shortcut.activated.connect(lambda k=key: self._page_key(k))
        self.swipe = SwipeDetector(self.stack)
        self.swipe.swiped.connect(self._on_swipe)
        # Read-aloud: its controller owns the read button, the speech bar and listen mode; the
        # speech service itself comes after the first paint (attach_speech).
        self.read_aloud = ReadAloudController(self, self.top_bar, self.speech_bar, self)
        self.read_aloud.language = self.languages.code
        self.read_aloud.used_now.connect(self.session.record)
        self.read_aloud.listen_started.connect(nav.home)
        self.read_aloud.acted.connect(self.session.acted)
        self.read_aloud.busy.connect(lambda busy: None if self.asking() else self.idle.hold(busy))
        nav.changed.connect(self.read_aloud.place_changed)
        self.input = InputRoute(self)
        self.input.set_steps({
            "lockdown": lambda obj, event: self.lockdown is not None and self.lockdown.blocks(obj, event),
            "listen": lambda obj, event: self.read_aloud.handle(obj, event),
            "activity": self._activity,
            "staff": self._staff_gesture,
            "swipe": self.swipe.handle,
            "keys": self._attract_key,
        })
        nav.changed.connect(self._show)
        self.languages.changed.connect(self._take_guide)
        self.display.changed.connect(self.apply_theme)
        # Remember whether the patient uses keys or touch, to show the focus ring to keypad
        # users only (like CSS :focus-visible).
        self._keyboard_user = False
        QApplication.instance().installEventFilter(self.input)

        if speech is not None:
            self.attach_speech(speech)

        self.display.families = font_families(self.languages.code)
        self.top_bar.set_language_name(self.languages.language().native_name)
        self._update_draft_mark()
        self.apply_theme()
        self._show(nav.place)
        self.idle.start()

    # --- screens made when first needed (start-up stays fast) ----------------------

    @cached_property
    def attract(self) -> AttractScreen:
        screen = AttractScreen()
        self.stack.addWidget(screen)
        screen.started.connect(self.session.start_from_attract)
        return screen

    @cached_property
    def still_there(self) -> StillThereOverlay:
        overlay = StillThereOverlay(self)
        overlay.continued.connect(self.session.keep_going)
        overlay.expired.connect(self.session.reset)
        return overlay

    def _showing(self, name: str) -> bool:
        """Is the lazily made screen `name` the one shown (False if never made)?"""
        screen = self.__dict__.get(name)
        return screen is not None and self.stack.currentWidget() is screen

    # --- what the session controller asks of the window (kiosk/ui/session.py) --------

    def attach_stats(self, stats) -> None:
        self.session.attach_stats(stats)
        self.navigator.changed.connect(self.session.record_place)

    @property
    def stats(self):
        return self.session.stats

    def language_code(self) -> str:
        return self.languages.code

    def place(self) -> Place:
        return self.navigator.place

    def staff_showing(self) -> bool:
        return self.staff.showing()

    def silence(self) -> None:
        self.read_aloud.stop()

    def ask_still_there(self, seconds: float) -> None:
        self.silence()
        self.still_there.apply_theme(self.display.theme())
        self.still_there.start(seconds)
        # Someone who listened may not read the question: say it too.
        if self.read_aloud.listen_mode or self.read_aloud.used:
            self.read_aloud.say(" ".join(part.text() for part in self.still_there.spoken_parts()))

    def stop_asking(self) -> None:
        if "still_there" in self.__dict__:
            self.still_there.stop()

    def reset_patient_view(self) -> None:
        """Speech, display, language and place back to the site's defaults."""
        self.read_aloud.reset(self.settings["speech.rate"], self.settings["speech.volume"])
        self.display.reset()
        self.set_language(self.settings["languages.default"])
        self.navigator.welcome()
        for screen in (self.welcome, self.home, self.topic_end):
            screen.scroll.verticalScrollBar().setValue(0)

    def show_attract_screen(self) -> None:
        """Between patients: the invitation in every enabled language in turn."""
        self.attract.set_languages(self.languages)
        self.attract.apply_theme(self.display.theme())
        self.stack.setCurrentWidget(self.attract)
        self.staff.drop_screens()
        for bar in (self.top_bar, self.speech_bar, self.nav_bar):
            bar.setVisible(False)
        self.attract.start()

    def leave_attract(self, code: str | None) -> None:
        self.attract.stop()
        self.top_bar.setVisible(True)
        if code is not None and code != self.languages.code:
            self.set_language(code)

    def show_first_screen(self) -> None:
        self.navigator.welcome()
        self._show(self.navigator.place)

    # --- staff ----------------------------------------------------------------------

    def before_staff(self) -> None:
        """Staff's screens are coming: nothing of the patient's keeps talking or asking."""
        self.read_aloud.stop()
        self.stop_asking()

    def show_staff_screen(self, screen: QWidget) -> None:
        if "attract" in self.__dict__:
            self.attract.stop()
        screen.apply_theme(self.display.theme())
        self.stack.setCurrentWidget(screen)
        for bar in (self.top_bar, self.speech_bar, self.nav_bar):
            bar.setVisible(False)
        self.idle.start()  # an admin screen left open still resets

    def leave_staff(self) -> None:
        """Cancel or Back: to what was on show before, the patient's place kept."""
        if self.session.between_patients:
            self.session.to_attract()
        else:
            self._show(self.navigator.place)
            self.idle.start()

    def attract_showing(self) -> bool:
        return self._showing("attract")

    def asking(self) -> bool:
        overlay = self.__dict__.get("still_there")
        return overlay is not None and overlay.isVisible()

    def start_from_attract(self) -> None:
        self.session.start_from_attract(self.attract.current())

    def _enable_current_screen_only(self) -> None:
        current = self.stack.currentWidget()
        for index in range(self.stack.count()):
            screen = self.stack.widget(index)
            screen.setEnabled(screen is current)

    def recover(self) -> None:
        """After an unexpected error: silence, and the first screen (kiosk.recovery)."""
        if self.session.between_patients:
            self.session.to_attract()
            return
        self.stop_asking()
        self.read_aloud.stop()
        self.navigator.welcome()
        self._show(self.navigator.place)
        self.idle.start()

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

    def _language_chosen(self, code: str) -> None:
        self.set_language(code)
        self._show(self.navigator.place)

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
            self._show(self.navigator.place)  # (between patients the attract screen stays)
        return True

    def _take_guide(self, code: str, guide: Guide) -> None:
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

    def _show(self, place: Place) -> None:
        nav = self.navigator
        if self.session.between_patients:
            # Reached without the attract screen's touch (a key, a screen reader's action on a
            # hidden button): still the one session start, in the language on show.
            self.session.start(self.attract.current())
        elif place.kind != WELCOME:  # (the welcome screen comes by itself after a reset or an error)
            self.session.acted()  # a screen reader's press moves the patient on without input events
        self.top_bar.setVisible(True)
        if place.kind == WELCOME:
            self.stack.setCurrentWidget(self.welcome)
        elif place.kind == HOME:
            self.stack.setCurrentWidget(self.home)
        else:
            topic = nav.topic()
            assert topic is not None
            screen = nav.screen()
            if screen is not None:
                link_title = self.guide.topic(screen.link).title if screen.link else ""
                self.page.show_screen(topic, screen, link_title)
                self.stack.setCurrentWidget(self.page)
            else:
                self.topic_end.show_end(topic, self.guide.next_topic(topic.id))
                self.stack.setCurrentWidget(self.topic_end)
        self.staff.drop_screens()
        for shortcut in self.page_keys.values():
            shortcut.setEnabled(place.kind == PAGE)
        self.top_bar.home_button.setVisible(place.kind == PAGE)
        self.nav_bar.setVisible(place.kind == PAGE)
        self.nav_bar.back_button.setVisible(nav.can_go_back())
        self.nav_bar.next_button.setVisible(nav.can_go_next())
        self._update_progress()
        self._set_title()
        # Keyboard users start on the first control of each new screen.
        focus = {WELCOME: self.welcome.start_button,
                 HOME: self.home.tiles[0] if self.home.tiles else None}.get(place.kind)
        if focus is None and place.kind == PAGE:
            focus = self.nav_bar.next_button if nav.can_go_next() else self.nav_bar.back_button
        if focus is not None and self.isActiveWindow():
            reason = Qt.FocusReason.TabFocusReason if self._keyboard_user else Qt.FocusReason.OtherFocusReason
            focus.setFocus(reason)

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

    # --- input --------------------------------------------------------------------

    def _on_swipe(self, direction: int) -> None:
        if self.navigator.place.kind != PAGE:
            return
        self.navigator.next() if direction > 0 else self.navigator.back()

    def set_lockdown(self, lockdown) -> None:
        """A kiosk.ui.lockdown.Lockdown: the first step of the input route asks it."""
        self.lockdown = lockdown

    # The input route's steps (kiosk/ui/input_route.py runs them in its declared order).

    def _activity(self, obj, event) -> bool:
        self.idle.notice(obj, event)
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            self._keyboard_user = True  # the focus ring is for keypad users (like :focus-visible)
        elif kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self._keyboard_user = False
        return False

    def _staff_gesture(self, obj, event) -> bool:
        return (event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.MouseButtonRelease,
                                 QEvent.Type.TouchEnd, QEvent.Type.TouchCancel)
                and obj.isWidgetType() and obj.window() is self and self.staff.follow(event))

    def _attract_key(self, obj, event) -> bool:
        if (event.type() == QEvent.Type.KeyPress and self.session.between_patients and obj.isWidgetType()
                and obj.window() is self):
            self.start_from_attract()  # a keypad starts, as a touch does
            return True
        return False

    def _page_key(self, key: Qt.Key) -> None:
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
            bar.apply_theme(theme)
        for screen in (self.welcome, self.home, self.page, self.topic_end):
            screen.apply_theme(theme)
        self.top_bar.contrast_button.setChecked(self.display.high_contrast)
        percent = round(TEXT_SCALES[self.display.text_step] * 100)
        self.top_bar.set_text_size_state(self.display.text_step, len(TEXT_SCALES), percent)
        self._update_progress()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self._update_progress()
            self._set_title()
        super().changeEvent(event)
