"""A test fails on a warning or error from the kiosk's own loggers that it did not expect: a
problem logged and carried on from is still a problem. A test that causes some on purpose
names them (@pytest.mark.expect_log(r"regex", ...)) or checks them itself through caplog.
Registered by tests/conftest.py; tests/unit/test_logfail.py shows it failing."""

from __future__ import annotations

import logging
import re

import pytest


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def logfail(request):
    """See the module's docstring."""
    handler = _Collect()
    kiosk_log = logging.getLogger("kiosk")
    kiosk_log.addHandler(handler)
    yield
    kiosk_log.removeHandler(handler)
    if "caplog" in request.fixturenames:
        return
    patterns = [pattern for marker in request.node.iter_markers("expect_log") for pattern in marker.args]
    unexpected = [f"{record.levelname} {record.name}: {record.getMessage()}" for record in handler.records
                  if not any(re.search(pattern, record.getMessage()) for pattern in patterns)]
    if unexpected:
        pytest.fail("unexpected kiosk log lines (expect them with @pytest.mark.expect_log if on purpose):\n"
                    + "\n".join(unexpected), pytrace=False)
