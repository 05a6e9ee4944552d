"""The log check itself (tests/logfail.py) fails a test on an unexpected kiosk warning."""

from __future__ import annotations

import pytest

TESTS = """
import logging
import pytest

def test_unexpected():
    logging.getLogger("kiosk.example").warning("the disk is full")

@pytest.mark.expect_log(r"disk is full")
def test_expected():
    logging.getLogger("kiosk.example").warning("the disk is full")

def test_checked_by_the_test(caplog):
    logging.getLogger("kiosk.example").error("the disk is full")
    assert "disk is full" in caplog.text

def test_other_loggers_and_info_are_not_the_kiosk_s():
    logging.getLogger("PIL").warning("not ours")
    logging.getLogger("kiosk.example").info("fine")
"""


@pytest.mark.expect_log(r"disk is full")  # the inner run logs into this process's loggers too
def test_an_unexpected_kiosk_warning_fails_the_test(pytester):
    pytester.makeconftest('pytest_plugins = ["tests.logfail"]\n')
    pytester.makeini("[pytest]\nmarkers =\n    expect_log: expected log lines\n")
    pytester.makepyfile(TESTS)
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=4, errors=1)  # the check fails the test at its teardown
    result.stdout.fnmatch_lines(["*unexpected kiosk log lines*", "*WARNING kiosk.example: the disk is full*"])
