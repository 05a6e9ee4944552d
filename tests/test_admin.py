"""Staff: the PIN (hashed, locked after 5 wrong tries), `kiosk set-pin`, the admin screen."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from kiosk.admin.pin import LOCKOUT_S, MAX_TRIES, PinGate, hash_pin, verify_pin
from kiosk.admin.set_pin import set_pin, with_pin_hash
from kiosk.config import load_config, parse_config

ROOT = Path(__file__).resolve().parent.parent


def test_the_pin_is_stored_only_as_a_salted_hash():
    first, second = hash_pin("2468"), hash_pin("2468")
    assert first != second and "2468" not in first  # salted: never the same text
    assert verify_pin("2468", first) and verify_pin("2468", second)
    assert not verify_pin("2469", first) and not verify_pin("2468", "scrypt$bad")
    with pytest.raises(ValueError):
        hash_pin("12a4")


def test_five_wrong_pins_lock_the_pad_for_five_minutes():
    now = [1000.0]
    gate = PinGate(hash_pin("2468"), clock=lambda: now[0])
    for _ in range(MAX_TRIES - 1):
        assert not gate.try_pin("0000")
    assert gate.locked_for() == 0
    assert not gate.try_pin("0000")  # the fifth
    assert gate.locked_for() == LOCKOUT_S
    assert not gate.try_pin("2468")  # even the right PIN, while locked
    now[0] += LOCKOUT_S + 1
    assert gate.try_pin("2468")


def test_set_pin_writes_the_hash_and_keeps_the_rest(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('[site]\nname = "3rd floor"\n\n[admin]\npin_hash = ""\n\n[session]\nwarning_s = 30\n', "utf-8")
    out = io.StringIO()
    assert set_pin(path, stdin=io.StringIO("2468\n2468\n"), out=out) == 0
    config = load_config(path)
    assert verify_pin("2468", config["admin.pin_hash"])
    assert config["site.name"] == "3rd floor" and config["session.warning_s"] == 30
    assert "2468" not in path.read_text("utf-8")
    assert set_pin(path, stdin=io.StringIO("2468\n1357\n"), out=out) == 1
    assert "the two PINs differ; nothing was changed" in out.getvalue()
    assert verify_pin("2468", load_config(path)["admin.pin_hash"])


def test_with_pin_hash_adds_or_replaces_the_line():
    digest = hash_pin("1234")
    assert parse_config(with_pin_hash("", digest), "x")["admin.pin_hash"] == digest
    assert parse_config(with_pin_hash("[site]\nname = \"a\"\n", digest), "x")["admin.pin_hash"] == digest
    text = with_pin_hash(f'[admin]\npin_hash = "{hash_pin("9999")}"\n[stats]\nretention_days = 5\n', digest)
    assert parse_config(text, "x")["admin.pin_hash"] == digest and text.count("pin_hash") == 1


def test_set_pin_from_the_command_line(tmp_path):
    path = tmp_path / "kiosk.toml"
    result = subprocess.run([sys.executable, "-m", "kiosk", "set-pin", "--config", str(path)], input="13579\n13579\n",
                            capture_output=True, text=True, timeout=60, cwd=ROOT, env=dict(os.environ))
    assert result.returncode == 0, result.stdout + result.stderr
    assert verify_pin("13579", load_config(path)["admin.pin_hash"])


def hold_corner(qtbot, window):
    qtbot.mousePress(window.top_bar, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pin_pad, timeout=7000)
    qtbot.mouseRelease(window.top_bar, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))


def enter(qtbot, window, pin: str):
    for digit in pin:
        qtbot.mouseClick(window.pin_pad.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.pin_pad.keys["OK"], Qt.MouseButton.LeftButton)


@pytest.mark.slow
def test_corner_hold_pin_admin_screen_and_exit(qtbot, make_window):
    settings = parse_config(f'[admin]\npin_hash = "{hash_pin("2468")}"\n', "site.toml")
    window = make_window(1280, 800, settings=settings, language="ar")
    qtbot.mouseClick(window.top_bar, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))  # a tap is not a hold
    assert window.stack.currentWidget() is window.welcome
    hold_corner(qtbot, window)
    assert window.pin_pad.layoutDirection() == Qt.LayoutDirection.LeftToRight  # staff screens stay LTR
    enter(qtbot, window, "1111")
    assert window.stack.currentWidget() is window.pin_pad
    assert window.pin_pad.message.text() == "Wrong PIN. 4 tries left."
    enter(qtbot, window, "2468")
    assert window.stack.currentWidget() is window.admin
    info = window.admin.info.text()
    assert "guide content 1.1.0, a draft, not yet reviewed by a pharmacist" in info
    assert "es Spanish: offered; machine-drafted" in info
    assert ("Numbers patients are given: care team (NOT SET: patients are told to ask the nurse); after hours "
            "(not set); emergency 911") in info
    assert "Speech engine: stand-in synthesiser (tests)" in info
    assert ("tl Tagalog (Filipino): offered; machine-drafted, not reviewed by a qualified medical translator; "
            "no voice") in info
    with qtbot.waitSignal(window.exit_requested, timeout=1000):
        qtbot.mouseClick(window.admin.exit_button, Qt.MouseButton.LeftButton)


def test_pin_pad_locks_after_five_wrong_pins(qtbot, make_window):
    settings = parse_config(f'[admin]\npin_hash = "{hash_pin("2468")}"\n', "site.toml")
    window = make_window(1280, 800, settings=settings)
    window.open_pin_pad()
    for _ in range(MAX_TRIES):
        enter(qtbot, window, "0000")
    assert window.pin_pad.message.text() == "Too many wrong PINs. The pad is locked for 5 more minutes."
    assert not window.pin_pad.keys["OK"].isEnabled()
    qtbot.mouseClick(window.pin_pad.cancel_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.welcome


def test_without_a_pin_admin_exit_is_off(qtbot, make_window):
    window = make_window(1280, 800)
    window.open_pin_pad()
    assert "no PIN is set" in window.pin_pad.message.text() and not window.pin_pad.keys["1"].isEnabled()
