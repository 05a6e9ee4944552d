"""Every signal between the window's parts, connected in one place.

The MainWindow makes its parts (screens, bars, navigator, display, languages, and the
controllers: session, staff, read-aloud); `connect_signals` joins them, and `input_steps`
gives the application's one event filter (kiosk/ui/input_route.py) its steps. A reader who
wants to know what a press on Next or a language change sets going starts here.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from kiosk.ui import accessibility
from kiosk.ui.input_route import Step

PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)
KEYS = (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)
RELEASES = (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel)


def connect_signals(window) -> None:
    nav, display, session = window.navigator, window.display, window.session
    top, bottom, read_aloud = window.top_bar, window.nav_bar, window.read_aloud

    # Moving through the guide: every press asks the navigator, which says where we are now.
    window.welcome.start.connect(nav.home)
    window.home.topic_chosen.connect(nav.open_topic)
    window.page.link_chosen.connect(nav.open_topic)
    window.topic_end.next_topic_chosen.connect(nav.open_topic)
    window.topic_end.all_topics_chosen.connect(nav.home)
    top.home_button.clicked.connect(nav.home)
    bottom.back_button.clicked.connect(nav.back)
    bottom.next_button.clicked.connect(nav.next)
    window.swipe.swiped.connect(window.swiped)
    for key, shortcut in window.page_keys.items():
        shortcut.activated.connect(lambda k=key: window.page_key(k))
    nav.changed.connect(read_aloud.place_changed)
    nav.changed.connect(window.show_place)
    nav.changed.connect(session.record_place)  # (anonymous statistics, once attached)

    # What the patient takes away: marked pages, My questions, Show my nurse, the card.
    take_home = window.take_home
    window.page.question_marked.connect(take_home.set_marked)
    take_home.changed.connect(window.home.set_question_count)
    take_home.changed.connect(lambda _count: sync_question_mark(window))
    nav.changed.connect(lambda: sync_question_mark(window))
    window.home.card_wanted.connect(take_home.open_card)
    window.home.questions_wanted.connect(take_home.open_questions)
    window.topic_end.card_wanted.connect(take_home.open_card)
    window.topic_end.check_wanted.connect(window.teach_back.open)

    # How it looks, and in which language.
    top.text_size_button.clicked.connect(display.cycle_text_size)
    top.contrast_button.toggled.connect(display.set_high_contrast)
    display.changed.connect(window.apply_theme)
    top.language_button.clicked.connect(window.open_language_picker)
    top.display_button.clicked.connect(lambda: open_display_settings(window))
    window.picker.chosen.connect(window.language_chosen)
    window.picker.closed.connect(lambda: window.show_place(nav.place))
    window.languages.changed.connect(window.take_guide)

    # Read-aloud: its controller owns the read button, the speech bar and listen mode.
    read_aloud.used_now.connect(session.record)
    read_aloud.listen_started.connect(nav.home)
    read_aloud.acted.connect(session.acted)
    read_aloud.busy.connect(lambda busy: None if window.session_view.asking() else session.idle.hold(busy))

    # Staff, and the screens only one of which can be pressed at a time (a screen reader's
    # action on a hidden screen's button does nothing: a disabled button ignores click()).
    window.staff.exit_requested.connect(window.exit_requested)
    window.stack.currentChanged.connect(window.enable_current_screen_only)


    accessibility.on_read = session.reading  # a screen reader reading is someone there
    window.input.set_steps(input_steps(window))
    QApplication.instance().installEventFilter(window.input)


def sync_question_mark(window) -> None:
    """The page's "I have a question about this" shows whether the page on show is marked."""
    screen = window.navigator.screen()
    if screen is not None:
        window.page.show_marked(window.take_home.is_marked(screen.id))


def open_display_settings(window) -> None:
    """The folded top bar's "Text and language" screen, made when first needed."""
    from kiosk.ui.screens.display_settings import DisplaySettings

    screen = getattr(window, "display_settings", None)
    display = window.display
    if screen is None:
        screen = window.display_settings = DisplaySettings()
        window.stack.addWidget(screen)
        screen.text_step_chosen.connect(display.set_text_step)
        screen.contrast_chosen.connect(display.set_high_contrast)
        screen.language_wanted.connect(window.open_language_picker)
        screen.closed.connect(lambda: window.show_place(window.navigator.place))
        display.changed.connect(lambda: refresh_display_settings(window))
    window.session.acted()
    window.read_aloud.stop()
    refresh_display_settings(window)
    accessibility.refresh(screen)
    window.stack.setCurrentWidget(screen)
    window.show_aside_bars(home=False)
    screen.focus_first()


def refresh_display_settings(window) -> None:
    screen, display = window.display_settings, window.display
    screen.apply_theme(display.theme())
    screen.show_state(display.text_step, display.high_contrast, window.languages.language().native_name)


def make_keypad(window):
    """Keypad mode (kiosk/ui/keypad.py), made when first needed, and joined to the window: a
    new screen starts its cursor on the heading; the attract screen (the session's reset) ends
    keypad mode; its frame takes the theme's colours."""
    from kiosk.ui.keypad import KeypadController

    keypad = KeypadController(window, window.settings, window.screen_reader_check.screen_reader, window)
    window.navigator.changed.connect(keypad.screen_changed)
    window.stack.currentChanged.connect(keypad.screen_changed)
    window.display.changed.connect(keypad.follow)
    return keypad


def input_steps(window) -> dict[str, Step]:
    """The input route's steps (kiosk/ui/input_route.py runs them in its declared order)."""

    def lockdown(obj, event) -> bool:
        return window.lockdown is not None and window.lockdown.blocks(obj, event)

    def activity(obj, event) -> bool:
        window.session.idle.notice(obj, event)
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            window.keyboard_user = True  # the focus ring is for keypad users (like :focus-visible)
        elif kind in PRESSES:
            window.keyboard_user = False
        return False

    def staff(obj, event) -> bool:
        return (event.type() in PRESSES + RELEASES and obj.isWidgetType() and obj.window() is window
                and window.staff.follow(event))

    def keypad(obj, event) -> bool:
        # Keypad mode is made at the first key; until then no other event concerns it.
        if window._keypad is None and event.type() not in KEYS:
            return False
        return window.keypad.handle(obj, event)

    def attract_key(obj, event) -> bool:
        if (event.type() == QEvent.Type.KeyPress and window.session.between_patients and obj.isWidgetType()
                and obj.window() is window):
            window.session_view.start_from_attract()  # a keypad starts, as a touch does
            return True
        return False

    return {"lockdown": lockdown, "listen": window.read_aloud.handle, "activity": activity,
            "staff": staff, "swipe": window.swipe.handle, "keypad": keypad, "keys": attract_key}
