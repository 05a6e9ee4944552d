"""What a session shows around the patient's screens: the attract screen between patients,
"Still there?" before a reset, and the reset itself.

The SessionController (kiosk/ui/session.py) decides when; this view shows, in the main
window it is given. It is the controller's host: everything the controller asks of the
screen is here. Both screens are made when first needed, so start-up does not pay for them.
"""

from __future__ import annotations

from kiosk.ui.navigator import Place
from kiosk.ui.screens.attract import AttractScreen
from kiosk.ui.screens.still_there import StillThereOverlay


class SessionView:
    def __init__(self, window):
        """`window` is the MainWindow: its stack and bars, read-aloud, display, languages,
        navigator and staff access."""
        self.window = window
        self._attract: AttractScreen | None = None
        self._still_there: StillThereOverlay | None = None

    # --- the two screens, made when first needed ------------------------------------------

    @property
    def attract(self) -> AttractScreen:
        if self._attract is None:
            self._attract = AttractScreen()
            self.window.stack.addWidget(self._attract)
            self._attract.started.connect(self.window.session.start_from_attract)
        return self._attract

    @property
    def still_there(self) -> StillThereOverlay:
        if self._still_there is None:
            self._still_there = StillThereOverlay(self.window)
            self._still_there.continued.connect(self.window.session.keep_going)
            self._still_there.expired.connect(self.window.session.reset)
        return self._still_there

    # --- what is on show --------------------------------------------------------------------

    def attract_showing(self) -> bool:
        return self._attract is not None and self.window.stack.currentWidget() is self._attract

    def asking(self) -> bool:
        return self._still_there is not None and self._still_there.isVisible()

    def staff_showing(self) -> bool:
        return self.window.staff.showing()

    def language_code(self) -> str:
        return self.window.languages.code

    def place(self) -> Place:
        return self.window.navigator.place

    # --- showing ----------------------------------------------------------------------------

    def silence(self) -> None:
        self.window.read_aloud.stop()

    def ask_still_there(self, seconds: float) -> None:
        read_aloud = self.window.read_aloud
        read_aloud.stop()
        self.still_there.apply_theme(self.window.display.theme())
        self.still_there.start(seconds)
        # Someone who listened may not read the question: say it too.
        if (read_aloud.listen_mode or read_aloud.used) and not self.window.screen_reader_check.screen_reader():
            read_aloud.say(" ".join(part.text() for part in self.still_there.spoken_parts()))

    def stop_asking(self) -> None:
        if self._still_there is not None:
            self._still_there.stop()

    def reset_patient_view(self) -> None:
        """Speech, display, language and place back to the site's defaults."""
        window = self.window
        window.read_aloud.reset(window.settings["speech.rate"], window.settings["speech.volume"])
        window.display.reset()
        window.set_language(window.settings["languages.default"])
        window.navigator.welcome()
        window.take_home.clear()  # the marked questions go with the patient
        window.teach_back.clear()
        for screen in (window.welcome, window.home, window.topic_end):
            screen.scroll.verticalScrollBar().setValue(0)

    def show_attract_screen(self) -> None:
        """Between patients: the invitation in every enabled language in turn."""
        window = self.window
        self.attract.set_languages(window.languages)
        self.attract.apply_theme(window.display.theme())
        window.stack.setCurrentWidget(self.attract)
        window.staff.drop_screens()
        window.hide_bars()
        self.attract.start()

    def leave_attract(self, code: str | None) -> None:
        self.stop_attract()
        self.window.top_bar.setVisible(True)
        if code is not None and code != self.window.languages.code:
            self.window.set_language(code)

    def stop_attract(self) -> None:
        if self._attract is not None:
            self._attract.stop()

    def show_first_screen(self) -> None:
        self.window.navigator.welcome()
        self.window.show_place(self.window.navigator.place)

    def start_from_attract(self) -> None:
        self.window.session.start_from_attract(self.attract.current())

    def language_on_attract(self) -> str | None:
        """The language the attract screen shows now (None if it was never made)."""
        return self._attract.current() if self._attract is not None else None
