"""The site's answer wins; "auto" asks the system, again after a while; a broken bus is "no"."""

from __future__ import annotations

import pytest

from kiosk.ui import screen_reader as detection
from kiosk.ui.screen_reader import ScreenReaderCheck


def test_the_sites_setting_decides_without_asking():
    def never():
        raise AssertionError("asked")

    assert ScreenReaderCheck("yes", ask=never).screen_reader() is True
    assert ScreenReaderCheck("no", ask=never).screen_reader() is False


def test_auto_asks_once_then_again_after_a_while(monkeypatch):
    answers = iter([True, False])
    now = [1000.0]
    monkeypatch.setattr(detection.time, "monotonic", lambda: now[0])
    helper = ScreenReaderCheck("auto", ask=lambda: next(answers))
    assert helper.screen_reader() is True
    now[0] += detection.ASK_EVERY_S / 2
    assert helper.screen_reader() is True  # not asked again yet
    now[0] += detection.ASK_EVERY_S
    assert helper.screen_reader() is False


@pytest.mark.expect_log("cannot ask whether a screen reader runs")
def test_a_question_that_fails_is_no_screen_reader():
    def broken():
        raise OSError("no bus")

    assert ScreenReaderCheck("auto", ask=broken).screen_reader() is False
