"""A patient's session, from its one start to its reset, and the attract screen between.

The SessionController decides; its host, the SessionView, shows. A session begins one way
only (start), whatever began it: a touch or click, a key, a screen reader pressing a button,
a language chosen on the attract screen. From then the idle watcher runs: after the idle
time "Still there?" asks, and if nobody answers everything goes back to the site's defaults
(reset), so the next patient sees nothing of the last. The anonymous usage statistics are
recorded from here.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from kiosk.ui.idle_watcher import IdleWatcher
from kiosk.ui.navigator import Place, place_name


class SessionController(QObject):
    def __init__(self, host, idle_timeout_s: float, warning_s: float, parent: QObject | None = None,
                 screen_reader=lambda: False, screen_reader_idle_timeout_s: float | None = None):
        """`host` (a kiosk.ui.session_view.SessionView) shows things: show_attract_screen,
        leave_attract, ask_still_there, stop_asking, silence, reset_patient_view,
        show_first_screen; and says what is on show: attract_showing, asking, staff_showing,
        language_code, place. `screen_reader()` says whether one is in use (asked at each
        session start): then the idle time is `screen_reader_idle_timeout_s`."""
        super().__init__(parent)
        self.host = host
        self.idle_timeout_s = idle_timeout_s
        self.screen_reader = screen_reader
        self.screen_reader_idle_timeout_s = screen_reader_idle_timeout_s or idle_timeout_s
        self.warning_s = warning_s
        self.idle = IdleWatcher(idle_timeout_s, self)
        self.idle.idle.connect(self._on_idle)
        self.idle.activity.connect(self._on_activity)
        self.started = False  # a patient has done something since the last reset
        self.between_patients = False  # the attract screen is up: no session until one starts
        self.stats = None  # kiosk.usage_recorder.UsageRecorder, attached after the first paint

    # --- statistics (anonymous) -------------------------------------------------------

    def attach_stats(self, stats) -> None:
        self.stats = stats

    def record(self, kind: str, detail: str = "") -> None:
        if self.stats is not None and self.started:
            self.stats.record(kind, detail)

    def record_place(self, place: Place) -> None:
        self.record("screen", place_name(place))

    # --- the one start, the one end -----------------------------------------------------

    def start(self, code: str | None = None) -> None:
        """The one way a session begins; the idle watcher runs from here, so it always ends."""
        if self.between_patients:
            self.between_patients = False
            self.host.leave_attract(code)
        self._begin()
        self.idle.start()

    def start_from_attract(self, code: str) -> None:
        self.start(code)
        self.host.show_first_screen()

    def to_attract(self) -> None:
        """Between patients: no session, nothing to watch."""
        self.started = False
        self.between_patients = True
        self.idle.stop()
        self.host.show_attract_screen()

    def reset(self) -> None:
        """The next patient sees nothing of the last: everything back to the site's defaults."""
        self.idle.stop()  # putting things back is not a patient's doing
        self.host.stop_asking()
        self.host.reset_patient_view()
        if self.stats is not None:
            self.stats.end_session("idle")
        self.started = False
        self.to_attract()

    def acted(self) -> None:
        """Something the patient did that came with no input event: a button pressed through
        the accessibility interface (a screen reader, voice control, a switch). It counts as a
        touch does: the idle time starts again, and a session begins if none has."""
        if self.idle.is_watching() and not self.host.asking():  # (the question has its own answer)
            self.idle.poke()
            self._on_activity()

    def reading(self) -> None:
        """A screen reader asked for the screen's words: someone is listening. The idle time
        starts again (no session begins by it: a screen reader also reads what nobody asked)."""
        if self.idle.is_watching() and not self.host.asking() and self.screen_reader():
            self.idle.poke()

    def keep_going(self) -> None:
        """The patient answered "Still there?"."""
        self.host.silence()
        self.idle.start()

    # --- inside ---------------------------------------------------------------------

    def _begin(self) -> None:
        if not self.started:
            self.started = True
            reader = self.screen_reader()
            self.idle.set_timeout(self.screen_reader_idle_timeout_s if reader else self.idle_timeout_s)
            if self.stats is not None:
                self.stats.start_session(self.host.language_code())
                self.record_place(self.host.place())

    def _on_activity(self) -> None:
        host = self.host
        if not host.attract_showing() and not host.asking() and not host.staff_showing():
            self._begin()

    def _on_idle(self) -> None:
        if not self.started:
            self.to_attract()  # nobody came: no question to ask
            return
        self.host.ask_still_there(self.warning_s)
