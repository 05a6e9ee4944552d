"""The window's tests: a screen reader is in use only where a test says so."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def no_screen_reader_among_the_machines_processes(monkeypatch):
    # With "auto", the window asks the system, which looks for GNOME Orca among this user's
    # processes: the end-to-end tests run it beside these in a parallel run, and a developer's
    # desktop may too. The accessibility bus is still asked; finding the process is tested in
    # tests/e2e/test_screen_reader_detection.py.
    monkeypatch.setattr("kiosk.ui.screen_reader._screen_reader_running", lambda: False)
