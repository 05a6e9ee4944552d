"""The real kiosk, driven from outside over AT-SPI, the way a screen reader drives it.

A private X server (Xvfb), a private D-Bus session and its accessibility bus are started;
the kiosk runs as its own process on them (xcb, accessibility always on), and
tests/e2e/atspi_driver.py, run by the system Python with Debian's pyatspi, finds it on the
bus, reads its buttons and labels and presses them through their AT-SPI actions.

The desktop is tests/e2e/desktop.py's `atspi_desktop`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import KIOSK
from tests.e2e.desktop import SYSTEM_PYTHON

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).resolve().parent / "atspi_driver.py"
DRIVER_TIMEOUT = 35  # seconds for the whole AT-SPI walk (about 2 s here); each step has 10 of them
TOPIC = "What is this medicine?"

pytestmark = pytest.mark.slow


def _names(step: dict, role: str = "push button") -> list[str]:
    return [button["name"] for button in step["buttons"] if button["role"] == role]


def _button(step: dict, name: str) -> dict:
    matches = [button for button in step["buttons"] if button["name"] == name]
    assert matches, f"no showing button {name!r}; buttons: {step['buttons']}"
    return matches[0]


def test_a_screen_reader_can_read_and_press_through_the_kiosk(atspi_desktop, guide):
    env = dict(atspi_desktop["env"])
    env.update({"QT_QPA_PLATFORM": "xcb", "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"})
    kiosk_log = atspi_desktop["tmp"] / "kiosk.log"
    began = time.monotonic()
    with open(kiosk_log, "wb") as log:
        kiosk = atspi_desktop["start"]([*KIOSK, "--windowed", "--size", "1280x800"],
                                       env=env, cwd=ROOT, stdout=log, stderr=log, stdin=subprocess.DEVNULL)

    def diagnostics() -> str:
        parts = [f"kiosk {'still running' if kiosk.poll() is None else f'exited {kiosk.returncode}'}"]
        for name, path in {"kiosk": kiosk_log, **atspi_desktop["logs"]}.items():
            text = path.read_text(errors="replace").strip() if path.exists() else ""
            parts.append(f"--- {name} output ---\n{text[-4000:] or '(none)'}")
        return "\n".join(parts)

    driver_env = {key: value for key, value in atspi_desktop["env"].items()
                  if key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    try:
        result = subprocess.run([SYSTEM_PYTHON, str(DRIVER), "--pid", str(kiosk.pid), "--topic", TOPIC,
                                 "--timeout", "10"], env=driver_env, capture_output=True, text=True,
                                timeout=DRIVER_TIMEOUT, cwd=atspi_desktop["tmp"])
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"the AT-SPI driver did not finish in {DRIVER_TIMEOUT} s\n"
                    f"{error.stdout}\n{error.stderr}\n{diagnostics()}")
    elapsed = time.monotonic() - began
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"the AT-SPI driver printed no report (exit {result.returncode})\n"
                    f"stdout: {result.stdout}\nstderr: {result.stderr}\n{diagnostics()}")
    context = (f"\nAT-SPI report: {json.dumps(report, indent=1)}\n"
               f"driver stderr: {result.stderr}\n{diagnostics()}")
    assert report["error"] is None and result.returncode == 0, f"{report['error']}{context}"
    steps = report["steps"]
    print(f"AT-SPI walk took {elapsed:.1f} s")
    for name, step in steps.items():
        print(f"{name}: " + ", ".join(f"{b['name']} ({b['role']})" for b in step["buttons"]))

    # The application is there, under its own name.
    assert report["app"]["name"] == "Medicine guide kiosk", context
    assert report["app"]["role"] == "application", context

    # Welcome: "Touch to start" and "Text size" are push buttons pressed by "Press"; the
    # on/off "High contrast" is a check box (so a screen reader says "not checked").
    welcome = steps["welcome"]
    for name in ("Touch to start", "Text size"):
        assert _button(welcome, name)["role"] == "push button", context
        assert "Press" in _button(welcome, name)["actions"], context
    contrast = _button(welcome, "High contrast")
    assert contrast["role"] == "check box" and not contrast["checked"], context
    assert {"Press", "Toggle"} & set(contrast["actions"]), context
    assert "Home" not in _names(welcome) and "Next" not in _names(welcome), context
    assert welcome["pressed"] == {"Touch to start": "Press"}, context

    # Home: every topic is a push button named by its title, in the guide's order.
    home = steps["home"]
    titles = [topic.title for topic in guide.topics]
    assert "Get help right away" in titles and TOPIC in titles
    assert [name for name in _names(home) if name in titles] == titles, context
    assert "Touch to start" not in _names(home), context
    assert {"Text size", "High contrast"} <= {b["name"] for b in home["buttons"]}, context

    # A topic: Back, Next and Home are push buttons; the heading is the topic's first screen.
    topic = guide.topics[titles.index(TOPIC)]
    assert len(topic.screens) >= 2
    first, second = steps["topic"], steps["topic_next"]
    for name in ("Next", "Back", "Home"):
        assert _button(first, name)["role"] == "push button", context
        assert "Press" in _button(first, name)["actions"], context
    assert not set(titles) & set(_names(first)), "topic tiles still showing on a topic screen" + context
    assert topic.screens[0].heading in first["labels"], context
    assert f"1 of {len(topic.screens)}" in first["labels"], context

    # "Next", pressed over AT-SPI, shows the second screen: its heading, its progress.
    assert first["pressed"] == {"Next": "Press"}, context
    assert topic.screens[1].heading in second["labels"], context
    assert topic.screens[0].heading not in second["labels"], context
    assert f"2 of {len(topic.screens)}" in second["labels"], context

    # "High contrast", pressed over AT-SPI, reports its new state.
    assert _button(steps["high_contrast"], "High contrast")["checked"], context

    assert kiosk.poll() is None, "the kiosk exited during the walk" + context



def start_kiosk_with(atspi_desktop, tmp_path: Path, settings: Path, size: str = "1280x800") -> subprocess.Popen:
    """The kiosk on the private desktop with its own settings, data and log folders."""
    env = dict(atspi_desktop["env"])
    env.update({"QT_QPA_PLATFORM": "xcb", "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1", "KIOSK_CONFIG": str(settings),
                "KIOSK_DATA_DIR": str(tmp_path / "data"), "KIOSK_LOG_DIR": str(tmp_path / "log")})
    with open(tmp_path / "kiosk.out", "wb") as out:
        return atspi_desktop["start"]([*KIOSK, "--windowed", "--size", size],
                                      env=env, cwd=ROOT, stdout=out, stderr=out, stdin=subprocess.DEVNULL)


def drive(atspi_desktop, tmp_path: Path, kiosk: subprocess.Popen, *args: str) -> tuple[dict, str]:
    """Run the AT-SPI driver against `kiosk`: its report, and the context to show on a failure."""
    driver_env = {key: value for key, value in atspi_desktop["env"].items()
                  if key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    result = subprocess.run([SYSTEM_PYTHON, str(DRIVER), "--pid", str(kiosk.pid), *args, "--timeout", "10"],
                            env=driver_env, capture_output=True, text=True, timeout=DRIVER_TIMEOUT + 20, cwd=tmp_path)
    log = tmp_path / "log" / "kiosk.log"
    context = (f"\nstdout: {result.stdout}\nstderr: {result.stderr}\n"
               f"kiosk log: {log.read_text(errors='replace')[-3000:] if log.exists() else ''}")
    report = json.loads(result.stdout)
    assert report["error"] is None, report["error"] + context
    return report, context


def test_staff_screens_leave_nothing_a_script_can_press(atspi_desktop, tmp_path):
    """Staff open the admin screen (a real 5 s press, the PIN over AT-SPI) and go back. Then
    nothing of the PIN pad or the admin screen is left in the tree to press: before, a script
    could press the hidden "Exit the program" and end the kiosk without a PIN."""

    from kiosk.admin.pin import hash_pin
    from kiosk.admin.pin_file import write_pin_hash

    settings = tmp_path / "site" / "kiosk.toml"
    settings.parent.mkdir()
    shutil.copy(ROOT / "dev" / "kiosk.toml", settings)
    write_pin_hash(settings.parent / "admin-pin", hash_pin("246813"))
    kiosk = start_kiosk_with(atspi_desktop, tmp_path, settings)
    report, context = drive(atspi_desktop, tmp_path, kiosk, "--staff-pin", "246813")
    steps = report["steps"]
    assert "Exit the program" in _names(steps["admin"]), context  # it was there while staff used it
    assert steps["after"]["staff_buttons_in_tree"] == [], context
    assert kiosk.poll() is None, "the kiosk ended: something pressed Exit" + context
    assert "exit chosen in the admin screen" not in (tmp_path / "log" / "kiosk.log").read_text(), context
    assert "Touch to start" in _names(steps["after"]["showing"]), context


def test_a_patient_pressing_through_the_accessibility_interface_is_not_reset(atspi_desktop, tmp_path):
    """Voice control, switch access and screen readers press buttons with no input event: the
    kiosk counts it as activity. Idle time 3 s; "Text size" pressed over AT-SPI every second
    for 8 s: no "Still there?"; once the presses stop, it comes."""
    settings = tmp_path / "kiosk.toml"
    settings.write_text((ROOT / "dev" / "kiosk.toml").read_text() + "\n[session]\nidle_timeout_s = 3\n"
                        "warning_s = 60\n", "utf-8")
    # Wide: the top bar shows "Text size" itself at every size (narrower, it folds into "Text and language").
    kiosk = start_kiosk_with(atspi_desktop, tmp_path, settings, size="1920x1080")
    report, context = drive(atspi_desktop, tmp_path, kiosk, "--keep-pressing", "Text size", "--for", "8")
    pressing = report["steps"]["pressing"]
    assert pressing["presses"] >= 6, context
    assert "Continue" not in _names(pressing) and "Touch to start" in _names(pressing), context
    assert "Continue" in _names(report["steps"]["stopped"]), context  # the idle time was really running
