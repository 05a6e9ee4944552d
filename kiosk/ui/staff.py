"""Staff access: the hidden gesture, the PIN pad and the admin screen.

The gesture is a 5 s hold on a spot of the top edge where no control is (the top bar's free
middle; on a portrait panel, whose bars are below, the top of the screen's own words; anywhere
along the top of the attract screen). A press that scrolls the words meanwhile was a drag.
On the attract screen a press there waits for its release: a tap starts a session as anywhere
on that screen, a hold is staff's and starts none. The PIN pad and the admin screen exist
only while shown: once staff leave, nothing of them is left for a screen reader (or a script)
to press.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer, Signal
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QAbstractSlider, QWidget

from kiosk.admin.pin import PinGate
from kiosk.admin.report import AdminReport, language_rows, terminal_facts
from kiosk.i18n.languages import all_languages
from kiosk.ui.screens.admin import AdminScreen
from kiosk.ui.screens.pin_pad import PinPad

if TYPE_CHECKING:
    from kiosk.stats import Summary

STAFF_STRIP_PX = 96  # how far down from the top edge the gesture may start
HOLD_MS = 5000
UNREADABLE = "the statistics file cannot be read now (see the log)"
ANSWER_ROWS = 8  # "Check what you learned": the questions answered right first time least often

PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)
RELEASES = (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel)

class StaffAccess(QObject):
    exit_requested = Signal()  # "Exit the program"

    def __init__(self, window: QWidget, gate: PinGate, parent: QObject | None = None):
        """`window` is the MainWindow: its `stack` of screens shows staff's too; its session
        (controller and view) says what is on show and where to go back to; the report reads
        its settings, languages, speech and statistics."""
        super().__init__(parent)
        self.window = window
        self.gate = gate
        self.pad: PinPad | None = None
        self.admin: AdminScreen | None = None
        self.hold = QTimer(self, singleShot=True, interval=HOLD_MS)
        self.hold.timeout.connect(self._held)
        self._scrolled_from: list[tuple[QAbstractScrollArea, int]] = []  # under the press, where each was
        self._held_on_attract = False  # a press on the attract screen's top edge: a tap starts on release

    def showing(self) -> bool:
        current = self.window.stack.currentWidget()
        return current is not None and current in (self.pad, self.admin)

    # --- the gesture ----------------------------------------------------------------

    def spot(self, where: QPoint) -> bool:
        """Is `where` (window coordinates) a place for the gesture: along the top edge, on no
        control a patient could be pressing?"""
        window = self.window
        if not (0 <= where.y() < STAFF_STRIP_PX and 0 <= where.x() < window.width()):
            return False
        if self.showing() or window.session_view.asking():
            return False
        if window.session_view.attract_showing():
            return True  # all of it is one "touch to start" surface: a tap there still starts
        # A button presses, a slider moves; a scrolling area is a spot while it does not scroll.
        return not any(isinstance(widget, (QAbstractButton, QAbstractSlider)) for widget in self._under(where))

    def _under(self, where: QPoint) -> list[QWidget]:
        chain, widget = [], self.window.childAt(where)
        while widget is not None and widget is not self.window:
            chain.append(widget)
            widget = widget.parentWidget()
        return chain

    def _held(self) -> None:
        try:
            scrolled = any(area.verticalScrollBar().value() != value for area, value in self._scrolled_from)
        except RuntimeError:  # that screen is gone meanwhile
            scrolled = True
        self._scrolled_from = []
        if not scrolled:
            self.open_pin_pad()

    def follow(self, event) -> bool:
        """A press or release on the window; True when it is the gesture's own (swallowed)."""
        kind = event.type()
        if kind in PRESSES:
            points = event.points()
            where = self.window.mapFromGlobal(points[0].globalPosition().toPoint()) if points else None
            if where is None or not self.spot(where):
                self.hold.stop()
                return False
            if not self.hold.isActive():
                self.hold.start()
                self._scrolled_from = [(area, area.verticalScrollBar().value()) for area in self._under(where)
                                       if isinstance(area, QAbstractScrollArea)]
                self._held_on_attract = self.window.session_view.attract_showing()
            return self._held_on_attract  # on the attract screen a press would start a session
        if kind in RELEASES:
            tapped = self.hold.isActive() and kind != QEvent.Type.TouchCancel
            self.hold.stop()
            if self._held_on_attract:
                self._held_on_attract = False
                if tapped and self.window.session_view.attract_showing():
                    self.window.session_view.start_from_attract()  # a tap there starts, as anywhere on it
                return True
        return False

    # --- the screens ----------------------------------------------------------------

    def open_pin_pad(self) -> None:
        self.before()
        if self.pad is None:
            self.pad = PinPad()
            self.window.stack.addWidget(self.pad)
            self.pad.accepted.connect(self.open_admin)
            self.pad.cancelled.connect(self.leave)
        self.pad.open(self.gate)
        self.show(self.pad)

    def open_admin(self) -> None:
        if self.admin is None:
            self.admin = AdminScreen()
            self.window.stack.addWidget(self.admin)
            self.admin.back.connect(self.leave)
            self.admin.exit_requested.connect(self.exit_requested)
            self.admin.speech_test.connect(self.test_voice)
        stats = self.window.session.stats
        summary = stats.summary() if stats is not None else None  # read once for both parts
        self.admin.show_report(self.report(summary))
        self.admin.show_answers(self.answer_rows(summary))
        self.show(self.admin)
        self.drop_screens(keep=self.admin)

    def before(self) -> None:
        """Staff's screens are coming: nothing of the patient's keeps talking or asking."""
        self.window.read_aloud.stop()
        self.window.session_view.stop_asking()

    def show(self, screen: QWidget) -> None:
        window = self.window
        window.session_view.stop_attract()
        screen.apply_theme(window.display.theme())
        window.stack.setCurrentWidget(screen)
        window.hide_bars()
        window.session.idle.start()  # an admin screen left open still resets

    def leave(self) -> None:
        """Cancel or Back: to what was on show before, the patient's place kept."""
        session = self.window.session
        if session.between_patients:
            session.to_attract()
        else:
            self.window.show_place(self.window.navigator.place)
            session.idle.start()

    def report(self, summary: Summary | None = None) -> AdminReport:
        """What the admin screen shows (kiosk/admin/report.py): the terminal, its languages, its use.
        `summary`: the usage figures already read (kiosk.stats.Summary), else they are read here."""
        from kiosk import __version__

        window, speech = self.window, self.window.speech
        engine = speech.engine() if speech else "read-aloud not started"

        def voice(code: str) -> str:
            if speech is None:
                return "read-aloud not started"
            return "voice" if speech.has_voice(code) else "no voice"

        names = {language.code: language.english_name for language in all_languages()}
        offered = [language.code for language in window.languages.available()]
        report = AdminReport(terminal_facts(window.settings, window.languages.english, __version__, engine),
                             language_rows(window.languages.offer, names, voice, offered))
        if window.session.stats is not None:
            from kiosk.stats import summary_lines  # sqlite: when staff ask, not at start-up

            summary = summary or window.session.stats.summary()
            if summary is None:
                report.usage = [("Usage", UNREADABLE)]
            else:
                report.usage = [(name, value) if value else ("", name)
                                for name, _, value in (line.partition(": ")
                                                       for line in summary_lines(summary, answers=False))]
                report.per_day = summary.per_day
        return report

    def answer_rows(self, summary: Summary | None) -> list[tuple[str, str]]:
        """The "Check what you learned" questions answered right first time least often, at most
        ANSWER_ROWS: (the question's English words, or its id when the guide has it no more,
        "3 of 5 right first time (60 %)"); with no figures, none, or why they are missing."""
        if summary is None:
            return [] if self.window.session.stats is None else [("", UNREADABLE)]
        from kiosk.stats import percent_right

        words = {question.id: question.text for question in self.window.languages.english.questions()}
        return [(words.get(question, question),
                 f"{right} of {asked} right first time ({percent_right(asked, right)} %)")
                for question, (asked, right) in list(summary.answers.items())[:ANSWER_ROWS]]

    def test_voice(self) -> None:
        """"Test the voice": a fixed English sentence, whatever the kiosk's language."""
        read_aloud = self.window.read_aloud
        language, read_aloud.language = read_aloud.language, "en"
        read_aloud.say("This is the kiosk's voice test. One, two, three.")
        read_aloud.language = language

    def drop_screens(self, keep: QWidget | None = None) -> None:
        """Delete the staff screens not on show (all of them when a patient's screen is)."""
        for name in ("pad", "admin"):
            screen = getattr(self, name)
            if screen is not None and screen is not keep:
                setattr(self, name, None)
                self.window.stack.removeWidget(screen)
                screen.deleteLater()
