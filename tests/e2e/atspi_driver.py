"""Drive the running kiosk from outside over AT-SPI, the way a screen reader does.

Run by the system Python (/usr/bin/python3, with Debian's python3-pyatspi), never by the
project's virtual environment, so it imports nothing from the project: tests/e2e/test_atspi.py
starts it and checks what it reports.

    /usr/bin/python3 tests/e2e/atspi_driver.py --pid PID --topic "What is this medicine?"

It finds the application with that process id on the accessibility bus, then:
welcome screen -> press "Touch to start" -> topic tiles -> press the topic's tile ->
first topic screen -> press "Next" -> second topic screen -> press "High contrast".
Every press is the button's AT-SPI action ("Press", or "Toggle" for an on/off button),
not a mouse click. After each step it records what is showing: buttons (role, name,
actions, checked) and labels (name). It prints one JSON object on stdout:
{"app": ..., "steps": {"welcome": {...}, "home": {...}, ...}, "error": null or "..."}
and exits 1 when a step could not be done (the JSON still says how far it got).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import pyatspi

BUTTON_ROLES = {"push button", "check box", "toggle button"}
LABEL_ROLES = {"label", "heading", "static"}
MAX_NODES = 5000  # a runaway tree must not hang the test


class DriverError(Exception):
    pass


def showing(acc) -> bool:
    try:
        return acc.getState().contains(pyatspi.STATE_SHOWING)
    except Exception:  # the object went away while we looked
        return False


def action_names(acc) -> list[str]:
    try:
        action = acc.queryAction()
    except NotImplementedError:
        return []
    return [action.getName(i) for i in range(action.nActions)]


def snapshot(app) -> dict:
    """What a screen reader would find on screen now: showing buttons and labels, in order."""
    app.clear_cache()  # libatspi caches names and states; we want what is true now
    buttons, labels = [], []
    count = 0

    def visit(node) -> None:
        nonlocal count
        count += 1
        if count > MAX_NODES:
            raise DriverError(f"more than {MAX_NODES} accessible objects: giving up")
        role = node.getRoleName()
        if role in BUTTON_ROLES:
            buttons.append((node, role))
        elif role in LABEL_ROLES and node.name:
            labels.append(node.name)
        for index in range(node.childCount):
            child = node.getChildAtIndex(index)
            if child is not None and showing(child):  # a hidden screen's controls are not there
                visit(child)

    visit(app)
    return {
        "buttons": [{
            "role": role,
            "name": button.name,
            "actions": action_names(button),
            "checked": button.getState().contains(pyatspi.STATE_CHECKED),
        } for button, role in buttons],
        "labels": labels,
        "_objects": {button.name: button for button, _ in buttons},
    }


def public(snap: dict) -> dict:
    return {key: value for key, value in snap.items() if not key.startswith("_")}


def wait_for(app, condition, what: str, timeout: float) -> dict:
    """The first snapshot that meets `condition` and reads the same twice (a screen
    change seen half-way would mix two screens)."""
    deadline = time.monotonic() + timeout
    previous = None
    last = None
    while time.monotonic() < deadline:
        try:
            snap = snapshot(app)
        except Exception as error:
            if "No such object path" not in str(error):
                raise
            previous = None  # an object went away mid-walk: the screen is changing; look again
            time.sleep(0.1)
            continue
        last = public(snap)
        if condition(snap) and previous == last:
            return snap
        previous = last if condition(snap) else None
        time.sleep(0.1)
    raise DriverError(f"timed out after {timeout:.0f} s waiting for {what}; last seen: {json.dumps(last)}")


def has_button(name: str, role: str | None = None):
    def check(snap: dict) -> bool:
        return any(b["name"] == name and (role is None or b["role"] == role) for b in snap["buttons"])
    return check


def press(snap: dict, name: str) -> str:
    """Invoke the button's AT-SPI action, as a screen reader does; returns the action used."""
    button = snap["_objects"].get(name)
    if button is None:
        raise DriverError(f"no showing button named {name!r}")
    names = [n.lower() for n in action_names(button)]
    for wanted in ("press", "toggle", "click", "activate"):
        if wanted in names:
            index = names.index(wanted)
            if not button.queryAction().doAction(index):
                raise DriverError(f"{name!r}: doAction({wanted!r}) returned false")
            return action_names(button)[index]
    raise DriverError(f"{name!r} has no press action (it has {names})")


def find_app(pid: int, timeout: float):
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        desktop.clear_cache()
        seen = []
        for index in range(desktop.childCount):
            app = desktop.getChildAtIndex(index)
            if app is None:
                continue
            try:
                app_pid = app.get_process_id()
            except Exception:
                continue
            seen.append(f"{app.name} (pid {app_pid})")
            if app_pid == pid:
                return app
        time.sleep(0.2)
    raise DriverError(f"no application with pid {pid} on the accessibility bus after {timeout:.0f} s "
                      f"(found: {seen or 'none'})")


def run(pid: int, topic: str, timeout: float, report: dict) -> None:
    steps = report["steps"]
    app = find_app(pid, timeout)
    report["app"] = {"name": app.name, "role": app.getRoleName(), "pid": pid}

    snap = wait_for(app, has_button("Touch to start"), 'the "Touch to start" button', timeout)
    steps["welcome"] = public(snap)
    steps["welcome"]["pressed"] = {"Touch to start": press(snap, "Touch to start")}

    snap = wait_for(app, has_button(topic), f"the topic tile {topic!r}", timeout)
    steps["home"] = public(snap)
    steps["home"]["pressed"] = {topic: press(snap, topic)}

    snap = wait_for(app, has_button("Next"), 'the first topic screen (a "Next" button)', timeout)
    steps["topic"] = public(snap)
    before = steps["topic"]["labels"]
    steps["topic"]["pressed"] = {"Next": press(snap, "Next")}

    snap = wait_for(app, lambda s: s["labels"] != before, "the next topic screen (other labels)", timeout)
    steps["topic_next"] = public(snap)
    steps["topic_next"]["pressed"] = {"High contrast": press(snap, "High contrast")}

    def contrast_on(s: dict) -> bool:
        return any(b["name"] == "High contrast" and b["checked"] for b in s["buttons"])

    snap = wait_for(app, contrast_on, '"High contrast" to be checked', timeout)
    steps["high_contrast"] = public(snap)


STAFF_NAMES = {"Exit the program", "Back to the kiosk", "Test the voice", "OK", "Cancel",
               *(str(digit) for digit in range(10))}
HOLD_S = 5.8  # the staff gesture is a 5 s hold


def every_button(app) -> list:
    """Every button in the tree, showing or not: what a script could reach."""
    app.clear_cache()
    found, count = [], 0

    def visit(node) -> None:
        nonlocal count
        count += 1
        if count > MAX_NODES:
            raise DriverError(f"more than {MAX_NODES} accessible objects: giving up")
        if node.getRoleName() in BUTTON_ROLES:
            found.append(node)
        for index in range(node.childCount):
            child = node.getChildAtIndex(index)
            if child is not None:
                visit(child)

    visit(app)
    return found


def free_top_spot(app, snap: dict) -> tuple[int, int]:
    """A point of the window's top edge on no showing button (screen coordinates)."""
    frame = next(app.getChildAtIndex(i) for i in range(app.childCount) if app.getChildAtIndex(i) is not None)
    box = frame.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    boxes = [button.queryComponent().getExtents(pyatspi.DESKTOP_COORDS) for button in snap["_objects"].values()]
    y = box.y + 48
    for step in range(0, box.width // 2, 8):
        for x in (box.x + box.width // 2 - step, box.x + box.width // 2 + step):
            if not any(b.x <= x < b.x + b.width and b.y <= y < b.y + b.height for b in boxes):
                return x, y
    raise DriverError("no free spot along the top edge")


def run_staff(pid: int, pin: str, timeout: float, report: dict) -> None:
    """Staff open the admin screen (a real press held 5 s, the PIN pressed over AT-SPI) and go
    back; then a script looks for the staff screens' buttons anywhere in the tree, and presses
    whatever it finds."""
    steps = report["steps"]
    app = find_app(pid, timeout)
    snap = wait_for(app, has_button("Touch to start"), 'the "Touch to start" button', timeout)
    x, y = free_top_spot(app, snap)
    steps["hold"] = {"at": [x, y]}
    pyatspi.Registry.generateMouseEvent(x, y, "b1p")  # a real press (XTest), held
    time.sleep(HOLD_S)
    pyatspi.Registry.generateMouseEvent(x, y, "b1r")
    snap = wait_for(app, has_button("OK"), "the PIN pad", timeout)
    steps["pin_pad"] = public(snap)
    for key in [*pin, "OK"]:
        press(snap, key)
    snap = wait_for(app, has_button("Exit the program"), "the admin screen", timeout)
    steps["admin"] = public(snap)
    press(snap, "Back to the kiosk")
    snap = wait_for(app, has_button("Touch to start"), "the patient's screen again", timeout)
    steps["back"] = public(snap)
    time.sleep(0.5)  # let deleted screens leave the tree
    reachable = [button for button in every_button(app) if button.name in STAFF_NAMES]
    steps["after"] = {"staff_buttons_in_tree": sorted({button.name for button in reachable}), "pressed": []}
    for button in reachable:
        try:
            names = [n.lower() for n in action_names(button)]
            if "press" in names:
                button.queryAction().doAction(names.index("press"))
                steps["after"]["pressed"].append(button.name)
        except Exception as error:  # gone while we pressed: that is the point
            steps["after"].setdefault("errors", []).append(f"{button.name}: {type(error).__name__}")
    time.sleep(1.0)
    steps["after"]["showing"] = public(snapshot(app))


def run_keep_pressing(pid: int, name: str, seconds: float, timeout: float, report: dict) -> None:
    """Press `name` over AT-SPI about once a second for `seconds` (no input event at all), then
    stop and wait: what shows at the end of each phase."""
    steps = report["steps"]
    app = find_app(pid, timeout)
    snap = wait_for(app, has_button(name), f"the {name!r} button", timeout)
    end, presses = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        press(snap, name)
        presses += 1
        time.sleep(1.0)
        snap = wait_for(app, has_button(name), f"the {name!r} button", timeout)
    steps["pressing"] = {**public(snapshot(app)), "presses": presses}
    snap = wait_for(app, has_button("Continue"), '"Still there?" once the presses stop', timeout)
    steps["stopped"] = public(snap)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pid", type=int, required=True, help="the kiosk's process id")
    parser.add_argument("--topic", help="the topic tile to press (the patient's walk)")
    parser.add_argument("--staff-pin", help="instead: staff open the admin screen with this PIN, and go back")
    parser.add_argument("--keep-pressing", metavar="BUTTON", help="instead: press BUTTON every second")
    parser.add_argument("--for", dest="seconds", type=float, default=6, help="with --keep-pressing: how long")
    parser.add_argument("--timeout", type=float, default=15, help="seconds to wait for each step")
    args = parser.parse_args()
    report: dict = {"app": None, "steps": {}, "error": None}
    status = 0
    try:
        if args.staff_pin:
            run_staff(args.pid, args.staff_pin, args.timeout, report)
        elif args.keep_pressing:
            run_keep_pressing(args.pid, args.keep_pressing, args.seconds, args.timeout, report)
        else:
            run(args.pid, args.topic, args.timeout, report)
    except Exception as error:  # report how far we got, whatever went wrong
        report["error"] = f"{type(error).__name__}: {error}"
        status = 1
    json.dump(report, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
