"""One patient's session: noticing when nobody is there any more.

The IdleWatcher is shown every event by the window's input route (kiosk/ui/input_route.py;
one Python filter for the whole program) and restarts its timer on each touch, click, key,
drag or wheel turn (not on a pointer merely passing over); when the timer runs out it emits
`idle`, once, until the next input. The main window then asks "Still there?" and, if
nobody answers, resets everything so the next patient sees nothing of the last.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal

INPUT_EVENTS = {
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseMove,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
    QEvent.Type.KeyPress, QEvent.Type.Wheel,
}


class IdleWatcher(QObject):
    idle = Signal()
    activity = Signal()  # any input (after idle too: "Still there?" uses it to continue)

    def __init__(self, timeout_s: float, parent: QObject | None = None):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, round(timeout_s * 1000)))
        self.timer.timeout.connect(self.idle)
        self._enabled = False
        self._held = False  # the voice is reading: the idle time waits for it to end

    def set_timeout(self, timeout_s: float) -> None:
        """From the next start or input on (a screen reader in use gets longer)."""
        self.timer.setInterval(max(1, round(timeout_s * 1000)))

    def start(self) -> None:
        """Watch from now (a session began)."""
        self._enabled = True
        self.timer.start()

    def stop(self) -> None:
        """Nothing to watch (the attract screen is up: there is no session to end)."""
        self._enabled = False
        self.timer.stop()

    def hold(self, holding: bool) -> None:
        """While the voice reads, a listener is there: the idle time starts when it ends."""
        self._held = holding
        if not self._enabled:
            return
        if holding:
            self.timer.stop()
        else:
            self.timer.start()

    def is_watching(self) -> bool:
        return self._enabled

    def poke(self) -> None:
        """Activity that came with no input event (a screen reader pressed a button)."""
        if self._enabled and not self._held:
            self.timer.start()

    def notice(self, obj, event) -> None:
        """Called for every event in the program (the "activity" step of kiosk/ui/input_route.py)."""
        if event.type() == QEvent.Type.MouseMove and event.buttons() == Qt.MouseButton.NoButton:
            return  # a pointer passing over is not a patient: presses and keys are
        if event.type() in INPUT_EVENTS and obj is not None and obj.isWidgetType():
            # Each input reaches several widgets (and the window): restart once per event.
            if self._enabled:
                self.timer.start()
            self.activity.emit()
