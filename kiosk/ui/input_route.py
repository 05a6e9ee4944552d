"""The program's one application-wide event filter: every event passes the same steps, in
one declared order, and the first step that takes an event stops it there.

Qt runs application filters last-installed first, so several filters each installing
themselves would run in an order nobody wrote down. Here the order is a list
(kiosk/ui/wiring.py makes the steps; tests/ui/test_input_route.py checks the order):

    lockdown      closing keys, close requests and menus never reach anything
    listen        listen mode: the first touch on a button says what it does, and is taken
    activity      presses and keys keep the session alive (a pointer passing over does not)
    staff         the hidden staff gesture (a hold on the top edge)
    swipe         a page swipe (watched, never taken)
    keypad        the tactile keypad's keys (kiosk/ui/keypad.py): after listen (any key
                  silences the voice first) and activity (its keys keep the session alive);
                  it takes their shortcut checks too, so Escape does not also page back.
                  On the attract screen it only notes the key, for keys to start the session
    keys          a key on the attract screen starts a session

Each step is a callable (object, event) -> bool: True when it took the event.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject

Step = Callable[[QObject, QEvent], bool]
ORDER = ("lockdown", "listen", "activity", "staff", "swipe", "keypad", "keys")


class InputRoute(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.steps: list[tuple[str, Step]] = []

    def set_steps(self, steps: dict[str, Step]) -> None:
        """The steps by name; they run in ORDER, whatever order they are given in."""
        unknown = set(steps) - set(ORDER)
        if unknown:
            raise ValueError(f"unknown input steps {sorted(unknown)}; the route has {ORDER}")
        self.steps = [(name, steps[name]) for name in ORDER if name in steps]

    def names(self) -> list[str]:
        return [name for name, _ in self.steps]

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        return any(step(obj, event) for _name, step in self.steps)  # stops at the first that takes it
