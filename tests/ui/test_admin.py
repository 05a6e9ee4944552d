"""Staff: the PIN (hashed, in a file only root and the kiosk can read, locked after 5 wrong
tries even across restarts), `kiosk set-pin`, the staff gesture, the admin screen."""

from __future__ import annotations

import base64
import io
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from kiosk.admin.pin import LOCKOUT_S, MAX_TRIES, PinGate, hash_pin, parse_pin_hash, valid_pin, verify_pin
from kiosk.admin.pin_file import PinFileError, read_pin_hash, write_pin_hash
from kiosk.admin.set_pin import set_pin, without_pin_hash
from kiosk.config import load_config
from tests.conftest import run_kiosk

ROOT = Path(__file__).resolve().parents[2]
PIN = "246813"


def test_the_pin_is_stored_only_as_a_salted_hash():
    first, second = hash_pin(PIN), hash_pin(PIN)
    assert first != second and PIN not in first  # salted: never the same text
    assert verify_pin(PIN, first) and verify_pin(PIN, second)
    assert not verify_pin("246814", first) and not verify_pin(PIN, "scrypt$bad")


@pytest.mark.parametrize("pin", ["2468", "24681", "12a456", "1234567890123", "123456", "987654", "000000",
                                 "555555", "890123", ""])
def test_short_or_first_guessed_pins_are_refused(pin):
    assert not valid_pin(pin)
    with pytest.raises(ValueError, match="6 to 12 digits"):
        hash_pin(pin)


def test_pins_of_six_to_twelve_digits_are_taken():
    assert all(valid_pin(pin) for pin in ("246813", "135792468", "112358132134", "100000"))


def _with(n=2**14, r=8, p=1, salt=b"s" * 16, digest=b"d" * 32) -> str:
    b64 = lambda data: base64.b64encode(data).decode()  # noqa: E731
    return f"scrypt${n}${r}${p}${b64(salt)}${b64(digest)}"


@pytest.mark.parametrize("stored,problem", [
    (_with(n=2), "n=2; it must be a power of 2 from 16384"),
    (_with(n=3 * 2**14), "n=49152; it must be a power of 2"),
    (_with(n=2**24), "n=16777216"),
    (_with(r=1), "r=1, p=1"),
    (_with(p=64), "r=8, p=64"),
    (_with(n=2**20, r=32, p=16), "MB of memory per try"),
    (_with(salt=b"s" * 4), "a 4-byte salt"),
    (_with(digest=b"d" * 16), "a 16-byte hash"),
    ("scrypt$16384$8$1$%%%$abc", "damaged numbers or base64"),
    ("bcrypt$2b$12$abc", "is not a PIN hash"),
])
def test_a_hash_asking_for_unsafe_or_unusable_parameters_is_refused_in_one_line(stored, problem):
    with pytest.raises(ValueError) as error:
        parse_pin_hash(stored)
    assert problem in str(error.value) and "\n" not in str(error.value)
    assert not verify_pin(PIN, stored)


@pytest.mark.expect_log(r"PIN pad locked")
def test_five_wrong_pins_lock_the_pad_for_five_minutes():
    now = [1000.0]
    gate = PinGate(hash_pin(PIN), clock=lambda: now[0])
    for _ in range(MAX_TRIES - 1):
        assert not gate.try_pin("000001")
    assert gate.locked_for() == 0
    assert not gate.try_pin("000001")  # the fifth
    assert gate.locked_for() == LOCKOUT_S
    assert not gate.try_pin(PIN)  # even the right PIN, while locked
    now[0] += LOCKOUT_S + 1
    assert gate.try_pin(PIN)


GUESSER = r"""
import sys
from pathlib import Path
from kiosk.admin.pin import PinGate
gate = PinGate(sys.argv[1], state_file=Path(sys.argv[2]))
print(gate.locked_for() > 0, [gate.try_pin(pin) for pin in sys.argv[3:]])
"""


def guess(stored: str, state: Path, *pins: str) -> str:
    """A kiosk process that starts, takes tries at its PIN pad and ends (as a restart does)."""
    result = subprocess.run([sys.executable, "-c", GUESSER, stored, str(state), *pins], capture_output=True,
                            text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_lockout_and_the_wrong_tries_survive_a_restart(tmp_path):
    stored, state = hash_pin(PIN), tmp_path / "admin-lockout.json"
    assert guess(stored, state, "000001", "000002") == "False [False, False]"
    assert guess(stored, state, "000003", "000004") == "False [False, False]"  # the count went on
    assert guess(stored, state, "000005") == "False [False]"  # the fifth wrong try: locked
    assert guess(stored, state, PIN) == "True [False]"  # restarted: still locked, even the right PIN


def test_a_clock_set_back_never_lengthens_the_lockout_and_a_damaged_state_locks(tmp_path, caplog):
    state = tmp_path / "admin-lockout.json"
    state.write_text('{"wrong": 0, "locked_until": 9e12}')
    assert PinGate(hash_pin(PIN), state_file=state).locked_for() == LOCKOUT_S
    state.write_text("{not json")
    with caplog.at_level(logging.WARNING):
        gate = PinGate(hash_pin(PIN), state_file=state)
    assert gate.locked_for() > LOCKOUT_S - 5
    assert [r.getMessage() for r in caplog.records if "cannot read" in r.getMessage()]


def test_set_pin_writes_a_file_only_root_and_the_kiosk_group_can_read(tmp_path):
    settings = tmp_path / "kiosk.toml"
    settings.write_text('[site]\nname = "3rd floor"\n\n[admin]\npin_hash = "scrypt$1$1$1$YQ==$YQ=="\n\n'
                        '[session]\nwarning_s = 30\n', "utf-8")
    out = io.StringIO()
    assert set_pin(settings, stdin=io.StringIO(f"{PIN}\n{PIN}\n"), out=out) == 0
    pin_file = tmp_path / "admin-pin"
    assert stat.S_IMODE(pin_file.stat().st_mode) == 0o640
    assert verify_pin(PIN, read_pin_hash(pin_file)) and PIN not in pin_file.read_text()
    config = load_config(settings)  # the old line is gone, the rest kept
    assert config["admin.pin_hash"] == "" and config["site.name"] == "3rd floor" and config["session.warning_s"] == 30
    assert "removed the old pin_hash line" in out.getvalue()
    assert set_pin(settings, stdin=io.StringIO(f"{PIN}\n135792\n"), out=out) == 1
    assert "the two PINs differ; nothing was changed" in out.getvalue()
    assert set_pin(settings, stdin=io.StringIO("1234\n1234\n"), out=out) == 1
    assert "6 to 12 digits" in out.getvalue()
    assert verify_pin(PIN, read_pin_hash(pin_file))


def test_the_pin_file_gets_the_named_group_whatever_the_umask(tmp_path):
    import grp

    group = grp.getgrgid(os.getgid() if os.getgid() else 1)  # root may give any group; others their own
    old = os.umask(0o000)
    try:
        who = write_pin_hash(tmp_path / "admin-pin", hash_pin(PIN), group=group.gr_name)
    finally:
        os.umask(old)
    info = (tmp_path / "admin-pin").stat()
    assert stat.S_IMODE(info.st_mode) == 0o640 and info.st_gid == group.gr_gid
    assert f"the group '{group.gr_name}'" in who


def test_without_pin_hash_removes_only_that_line():
    text = f'[admin]\npin_hash = "{hash_pin(PIN)}"\n[stats]\nretention_days = 5\n'
    assert without_pin_hash(text) == "[admin]\n[stats]\nretention_days = 5\n"
    assert without_pin_hash('[site]\nname = "a"\n') == '[site]\nname = "a"\n'


@pytest.mark.parametrize("mode,problem", [
    (0o644, "other accounts can read or change it (mode 0644) — run `chmod 640"),
    (0o660, "other accounts can read or change it (mode 0660)"),
    (0o646, "mode 0646"),
])
def test_a_pin_file_others_can_read_or_change_is_refused(tmp_path, mode, problem):
    path = tmp_path / "admin-pin"
    path.write_text(hash_pin(PIN))
    path.chmod(mode)
    with pytest.raises(PinFileError) as error:
        read_pin_hash(path)
    assert problem in str(error.value) and str(path) in str(error.value)


def test_a_pin_file_with_a_weak_hash_is_refused_and_a_missing_one_means_off(tmp_path):
    path = tmp_path / "admin-pin"
    assert read_pin_hash(path) == ""
    path.write_text(_with(n=1024))
    path.chmod(0o640)
    with pytest.raises(PinFileError, match="n=1024"):
        read_pin_hash(path)


def test_the_kiosk_with_an_unsafe_pin_file_runs_with_staff_access_off(tmp_path, caplog):
    from kiosk.app import staff_pin_gate

    settings = tmp_path / "kiosk.toml"
    settings.write_text(f'[admin]\npin_hash = "{hash_pin(PIN)}"\n', "utf-8")
    (tmp_path / "admin-pin").write_text(hash_pin(PIN))
    (tmp_path / "admin-pin").chmod(0o644)
    with caplog.at_level(logging.INFO):
        gate = staff_pin_gate(load_config(settings))
    assert not gate.enabled()  # the old line is not read either
    said = [r.getMessage() for r in caplog.records]
    assert any("staff access is off" in line and "mode 0644" in line for line in said)
    assert any("still has a pin_hash line, which is no longer read" in line for line in said)
    (tmp_path / "admin-pin").chmod(0o640)
    assert staff_pin_gate(load_config(settings)).enabled()


def test_set_pin_from_the_command_line(tmp_path):
    path = tmp_path / "kiosk.toml"
    result = run_kiosk("set-pin", "--config", str(path), input="135792\n135792\n", timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert verify_pin("135792", read_pin_hash(tmp_path / "admin-pin"))


def free_spot(window) -> QPoint | None:
    """A point of the top edge where the staff gesture may start (no control there), nearest the middle."""
    from kiosk.ui.staff import STAFF_STRIP_PX

    middle = window.width() // 2
    for offset in range(0, middle, 8):
        for x in (middle - offset, middle + offset):
            point = QPoint(x, STAFF_STRIP_PX // 2)
            if window.staff.spot(point):
                return point
    return None


def press_at(qtbot, window, point: QPoint, action: str = "press"):
    """As a finger does: the event goes to the widget under the point."""
    target = window.childAt(point) or window
    getattr(qtbot, f"mouse{action.capitalize()}")(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, point))


def hold_spot(qtbot, window):
    spot = free_spot(window)
    assert spot is not None, "no free spot for the staff gesture"
    press_at(qtbot, window, spot)
    qtbot.waitUntil(lambda: window.staff.showing(), timeout=7000)
    press_at(qtbot, window, spot, "release")


def enter(qtbot, window, pin: str):
    for digit in pin:
        qtbot.mouseClick(window.staff.pad.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.staff.pad.keys["OK"], Qt.MouseButton.LeftButton)


def open_page(window, topic_index: int = 1, screen_index: int = 1):
    window.session.start()
    window.navigator.open_topic(window.guide.topics[topic_index].id)
    for _ in range(screen_index):
        window.navigator.next()
    return window.navigator.place


@pytest.mark.slow
def test_hold_the_free_top_edge_pin_admin_screen_and_exit(qtbot, make_window):
    window = make_window(1280, 800, language="ar", pin_gate=PinGate(hash_pin(PIN)))
    spot = free_spot(window)
    press_at(qtbot, window, spot, "click")  # a tap is not a hold
    assert window.stack.currentWidget() is window.welcome
    hold_spot(qtbot, window)
    # The pad mirrors for Arabic, its digits keep a telephone's order.
    assert window.staff.pad.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.staff.pad.keypad.layoutDirection() == Qt.LayoutDirection.LeftToRight
    enter(qtbot, window, "111111")
    assert window.stack.currentWidget() is window.staff.pad
    assert window.staff.pad.message.text() == "Wrong PIN. 4 tries left."
    enter(qtbot, window, PIN)
    assert window.stack.currentWidget() is window.staff.admin
    assert window.staff.pad is None  # the pad went once it was used
    admin = window.staff.admin
    assert admin.layoutDirection() == Qt.LayoutDirection.LeftToRight  # English words, left to right
    status = dict(admin.rows("Content status"))
    assert status["Guide content"].startswith("1.2.0, a draft, not yet reviewed by a pharmacist")
    assert status["Care team number"] == "(NOT SET: patients are told to ask the nurse)"
    assert (status["After-hours number"], status["Emergency number"]) == ("(not set)", "911")
    assert status["Speech engine"] == "stand-in synthesiser (tests)"
    languages = dict(admin.rows("Languages"))
    assert languages["es Spanish"].startswith("offered; machine-drafted")
    assert languages["tl Tagalog (Filipino)"] == ("offered; machine-drafted, not reviewed by a qualified medical "
                                                  "translator; no voice")
    with qtbot.waitSignal(window.exit_requested, timeout=1000):
        qtbot.mouseClick(window.staff.admin.exit_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("width,height,text_step,language", [
    (1280, 800, 0, "en"), (1280, 800, 2, "ar"), (1080, 1920, 2, "en"), (1366, 768, 1, "vi"), (1080, 1920, 0, "ar"),
])
def test_the_staff_gesture_has_a_spot_on_no_control_on_every_screen(qtbot, make_window, width, height, text_step,
                                                                    language):
    from PySide6.QtWidgets import QAbstractButton

    window = make_window(width, height, text_step=text_step, language=language)
    places = {"welcome": lambda: None, "home": window.navigator.home, "page": lambda: open_page(window),
              "attract": window.session.to_attract}
    for name, go in places.items():
        go()
        qtbot.wait(1)
        spot = free_spot(window)
        assert spot is not None, f"{name}: no spot along the top edge without a control"
        widget = window.childAt(spot)
        # The attract screen is all one start surface (a tap there starts; a hold is staff's).
        assert name == "attract" or not isinstance(widget, QAbstractButton), name
    # The old corner was the Home button's: a control is never the spot.
    open_page(window)
    home = window.top_bar.home_button
    assert not window.staff.spot(home.mapTo(window, home.rect().center()))


def test_holding_a_control_never_opens_the_pin_pad(qtbot, make_window):
    window = make_window(1280, 800, pin_gate=PinGate(hash_pin(PIN)))
    place = open_page(window)
    window.staff.hold.setInterval(300)
    home = window.top_bar.home_button
    qtbot.mousePress(home, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.wait(600)
    assert not window.staff.showing()
    qtbot.mouseRelease(home, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert window.navigator.place != place  # it was Home, and did its job


def test_on_a_portrait_panel_a_still_hold_on_the_words_opens_the_pad_and_a_scroll_does_not(qtbot, make_window):
    """The bars are below on a portrait panel: the top edge is the screen's words."""
    from PySide6.QtWidgets import QAbstractScrollArea

    from kiosk.ui.navigator import every_place

    window = make_window(1080, 1920, text_step=2, pin_gate=PinGate(hash_pin(PIN)))
    window.session.start()
    window.staff.hold.setInterval(300)
    for place in every_place(window.guide):  # a screen whose words scroll at 200 %
        window.navigator.place = place
        window.show_place(place)
        qtbot.wait(1)
        spot = free_spot(window)
        areas = [widget for widget in window.staff._under(spot) if isinstance(widget, QAbstractScrollArea)]
        if areas and areas[0].verticalScrollBar().maximum() > 0:
            break
    else:
        pytest.fail("no screen scrolls under the top edge")
    bar = areas[0].verticalScrollBar()
    press_at(qtbot, window, spot)
    bar.setValue(bar.maximum())  # the words moved under the finger: a drag
    qtbot.wait(600)
    assert not window.staff.showing()
    press_at(qtbot, window, spot, "release")
    hold_spot(qtbot, window)  # held still: staff's
    assert window.stack.currentWidget() is window.staff.pad


def test_the_gesture_on_the_attract_screen_starts_no_session(qtbot, make_window, tmp_path):
    from kiosk.usage_recorder import UsageRecorder

    window = make_window(1280, 800, pin_gate=PinGate(hash_pin(PIN)))
    window.session.attach_stats(UsageRecorder(tmp_path / "usage.sqlite3"))
    window.session.to_attract()
    hold_spot(qtbot, window)
    assert not window.session.started
    qtbot.mouseClick(window.staff.pad.cancel_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.session_view.attract and window.session.between_patients
    assert not window.session.started
    # A tap on the same spot is a patient's: it starts, as a touch anywhere there does.
    press_at(qtbot, window, free_spot(window), "click")
    assert window.stack.currentWidget() is window.welcome and window.session.started
    window.session.stats.close()
    import sqlite3

    assert sqlite3.connect(tmp_path / "usage.sqlite3").execute("SELECT COUNT(*) FROM sessions").fetchone() == (1,)


def test_cancel_keeps_the_patients_place_and_the_staff_screens_go(qtbot, make_window):
    import shiboken6

    window = make_window(1280, 800, pin_gate=PinGate(hash_pin(PIN)))
    place = open_page(window, topic_index=2, screen_index=2)
    window.show_place(place)
    hold_spot(qtbot, window)
    pad = window.staff.pad
    qtbot.mouseClick(pad.cancel_button, Qt.MouseButton.LeftButton)
    assert window.navigator.place == place and window.stack.currentWidget() is window.page
    assert window.nav_bar.isVisible() and window.top_bar.isVisible()
    assert window.staff.pad is None
    qtbot.waitUntil(lambda: not shiboken6.isValid(pad), timeout=2000)  # deleted, not just hidden


def test_only_the_screen_on_show_can_be_pressed(qtbot, make_window):
    """A screen reader can press a hidden widget's button; a disabled one ignores it."""
    window = make_window(1280, 800)
    place = open_page(window)
    window.show_place(place)
    assert window.page.isEnabled() and not window.welcome.isEnabled() and not window.home.isEnabled()
    window.welcome.start_button.click()
    window.home.tiles[0].click()
    assert window.navigator.place == place and window.stack.currentWidget() is window.page


@pytest.mark.expect_log(r"PIN pad locked")
def test_pin_pad_locks_after_five_wrong_pins(qtbot, make_window):
    window = make_window(1280, 800, pin_gate=PinGate(hash_pin(PIN)))
    window.staff.open_pin_pad()
    for _ in range(MAX_TRIES):
        enter(qtbot, window, "000001")
    assert window.staff.pad.message.text() == "Too many wrong PINs. The pad is locked for 5 more minutes."
    assert not window.staff.pad.keys["OK"].isEnabled()
    qtbot.mouseClick(window.staff.pad.cancel_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.welcome


def test_without_a_pin_admin_exit_is_off(qtbot, make_window):
    window = make_window(1280, 800)
    window.staff.open_pin_pad()
    assert "no PIN is set" in window.staff.pad.message.text() and not window.staff.pad.keys["1"].isEnabled()


def test_the_admin_screen_shows_the_questions_answered_right_first_time_least_often(qtbot, make_window,
                                                                                    tmp_path):
    from kiosk.stats import UsageStats
    from kiosk.usage_recorder import UsageRecorder

    window = make_window(1280, 800, pin_gate=PinGate(hash_pin(PIN)))
    UsageStats(tmp_path / "usage.sqlite3").close()  # an empty file, as after a first start
    recorder = UsageRecorder(tmp_path / "usage.sqlite3")
    window.session.attach_stats(recorder)
    window.staff.open_admin()
    section = "Check what you learned"
    assert window.staff.admin.rows(section) == [("", "No answers yet")]
    window.staff.leave()
    # Earlier sessions, as the check screen leaves them: the first answer to each question;
    # question i was answered right in i of the 10 sessions.
    earlier = UsageStats(tmp_path / "usage.sqlite3", maintain=False)
    ids = [question.id for question in window.guide.questions()][:8]
    ids.insert(3, "check-no-longer-in-the-guide")
    for n in range(10):
        earlier.start_session("en")
        for index, question in enumerate(ids):
            earlier.record("answer", f"{question}:{'right' if n < index else 'wrong'}")
        earlier.end_session("idle")
    earlier.db.close()
    window.session.start()  # this session, through the kiosk's own recorder
    window.session.record("answer", f"{ids[1]}:right")
    qtbot.waitUntil(lambda: recorder.waiting() == 0, timeout=3000)
    window.staff.open_admin()
    words = {question.id: question.text for question in window.guide.questions()}
    assert window.staff.admin.rows(section) == [
        (words[ids[0]], "0 of 10 right first time (0 %)"),
        (words[ids[1]], "2 of 11 right first time (18 %)"),
        (words[ids[2]], "2 of 10 right first time (20 %)"),
        ("check-no-longer-in-the-guide", "3 of 10 right first time (30 %)"),
        *((words[ids[i]], f"{i} of 10 right first time ({i}0 %)") for i in range(4, 8)),
    ]  # at most 8: the ninth (8 of 10) is left out
    assert "Answered right first time" not in window.staff.admin.text()  # not twice: only its own section
    recorder.close()
