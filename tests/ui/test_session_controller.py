"""The session controller decides without a window: a stand-in host records what it is told
to show. (The real window's routes into a session: tests/ui/test_session.py.)"""

from __future__ import annotations

from kiosk.ui.navigator import Place
from kiosk.ui.session import SessionController


class Host:
    def __init__(self):
        self.calls: list[str] = []
        self.attract = self.asking_now = self.staff = False

    def __getattr__(self, name):  # show_attract_screen, leave_attract, ask_still_there, ...
        def call(*args):
            self.calls.append(name if not args else f"{name}{args}")
        return call

    def attract_showing(self):
        return self.attract

    def asking(self):
        return self.asking_now

    def staff_showing(self):
        return self.staff

    def language_code(self):
        return "es"

    def place(self):
        return Place("welcome")


class Recorder:
    def __init__(self):
        self.events = []

    def start_session(self, language):
        self.events.append(("start", language))

    def record(self, kind, detail=""):
        self.events.append((kind, detail))

    def end_session(self, reason):
        self.events.append(("end", reason))


def test_a_session_starts_once_is_asked_about_and_resets(qtbot):
    host, stats = Host(), Recorder()
    session = SessionController(host, idle_timeout_s=0.05, warning_s=20)
    session.attach_stats(stats)
    session.to_attract()
    assert session.between_patients and not session.idle.is_watching() and host.calls == ["show_attract_screen"]
    session.start_from_attract("es")
    session.start()  # a second start changes nothing
    assert host.calls[1:] == ["leave_attract('es',)", "show_first_screen"]
    assert stats.events == [("start", "es"), ("screen", "welcome")]
    assert session.idle.is_watching()
    qtbot.waitUntil(lambda: "ask_still_there(20,)" in host.calls, timeout=2000)
    session.reset()
    assert stats.events[-1] == ("end", "idle") and not session.started and session.between_patients
    assert host.calls[-3:] == ["stop_asking", "reset_patient_view", "show_attract_screen"]


def test_nobody_came_means_no_question(qtbot):
    host = Host()
    session = SessionController(host, idle_timeout_s=0.05, warning_s=20)
    session.idle.start()  # the first screen, before anyone touched it
    qtbot.waitUntil(lambda: "show_attract_screen" in host.calls, timeout=2000)
    assert not any(call.startswith("ask_still_there") for call in host.calls)


def test_activity_on_the_attract_screen_or_staff_screens_starts_nothing(qtbot):
    host, stats = Host(), Recorder()
    session = SessionController(host, idle_timeout_s=60, warning_s=20)
    session.attach_stats(stats)
    for attract, staff in ((True, False), (False, True)):
        host.attract, host.staff = attract, staff
        session.idle.activity.emit()
        assert not session.started and stats.events == []
    host.attract = host.staff = False
    session.idle.activity.emit()
    assert session.started and stats.events[0] == ("start", "es")
