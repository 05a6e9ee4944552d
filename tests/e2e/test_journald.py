"""Under systemd the log goes to journald with structured fields, not twice. Real sockets:
a Unix datagram socket bound at a temporary path stands in for journald's, and what arrives
is parsed by the native protocol's rules; real child processes whose standard error is a
real file named by JOURNAL_STREAM, as systemd names the stream it connects; and, where this
machine allows it, the real systemd-journald in a private mount namespace with the kiosk
itself started by systemd-cat, read back with journalctl."""

from __future__ import annotations

import array
import json
import logging
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kiosk import logs
from tests.conftest import KIOSK

ROOT = Path(__file__).resolve().parents[2]


def parse_native(data: bytes) -> dict[str, str]:
    """journald's native protocol, read back: NAME=value lines, or NAME, a newline, a 64-bit
    little-endian length, that many bytes and a newline."""
    fields: dict[str, str] = {}
    while data:
        end = data.index(b"\n")
        line = data[:end]
        if b"=" in line:
            name, _, value = line.partition(b"=")
            data = data[end + 1:]
        else:
            name = line
            (size,) = struct.unpack("<Q", data[end + 1:end + 9])
            value = data[end + 9:end + 9 + size]
            assert data[end + 9 + size:end + 10 + size] == b"\n", "a binary field must end with a newline"
            data = data[end + 10 + size:]
        assert re.fullmatch(rb"[A-Z0-9][A-Z0-9_]*", name), name
        fields[name.decode()] = value.decode()
    return fields


@pytest.fixture
def journal(tmp_path):
    """A datagram socket where journald's would be; receive() -> the parsed records so far."""
    path = str(tmp_path / "journal.socket")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)

    def receive(wait_s: float = 2.0) -> list[dict[str, str]]:
        records = []
        sock.settimeout(wait_s)
        while True:
            try:
                data, ancillary, _, _ = sock.recvmsg(1 << 20, socket.CMSG_SPACE(4))
            except (TimeoutError, BlockingIOError):
                return records
            for level, kind, payload in ancillary:  # a record too large for a datagram: a memory file
                assert (level, kind) == (socket.SOL_SOCKET, socket.SCM_RIGHTS) and not data
                fd = array.array("i", payload[:4])[0]
                data = os.pread(fd, os.fstat(fd).st_size, 0)
                os.close(fd)
            records.append(parse_native(data))
            sock.settimeout(0.3)  # the rest of a burst

    receive.path = path
    receive.socket = sock
    yield receive
    sock.close()


CHILD = textwrap.dedent("""
    import logging, sys
    from pathlib import Path
    from PySide6.QtCore import QLoggingCategory, qCWarning
    from kiosk import logs
    logs.JOURNAL_SOCKET = sys.argv[1]
    logs.setup_logging(Path(sys.argv[2]))
    logs.set_site("Ward 4 infusion")
    log = logging.getLogger("kiosk.test")
    for step in sys.argv[3:]:
        if step == "info":
            log.info("a plain line")
        elif step == "error":
            try:
                {}["missing"]
            except KeyError:
                log.exception("it failed\\nwith a second line", extra={"kiosk_session_event": "end"})
        elif step == "qt":
            qCWarning(QLoggingCategory("qt.svg"), "bad path in an icon")
        elif step.startswith("burst"):
            for n in range(int(step[5:])):
                log.info("burst line %d", n)
        elif step == "wait":
            sys.stdin.readline()  # the test empties the socket meanwhile
        elif step == "last":
            log.info("the last line")
""")


def run_child(tmp_path: Path, socket_path: str, *steps: str, journal_stream: str | None = "match",
              stdin=None) -> subprocess.Popen:
    """A real process whose standard error is a real file; JOURNAL_STREAM names that file
    ("match"), something else, or nothing (None)."""
    stderr = open(tmp_path / "stderr.txt", "wb")  # noqa: SIM115 (the child's own)
    env = {k: v for k, v in os.environ.items() if k != "JOURNAL_STREAM"}
    if journal_stream == "match":
        status = os.fstat(stderr.fileno())
        env["JOURNAL_STREAM"] = f"{status.st_dev}:{status.st_ino}"
    elif journal_stream is not None:
        env["JOURNAL_STREAM"] = journal_stream
    child = subprocess.Popen([sys.executable, "-c", CHILD, socket_path, str(tmp_path / "logs"), *steps],
                             stderr=stderr, stdin=stdin, stdout=subprocess.DEVNULL, env=env, cwd=ROOT)
    stderr.close()
    return child


def stderr_of(tmp_path: Path) -> str:
    return (tmp_path / "stderr.txt").read_text("utf-8")


def test_records_arrive_with_their_fields_and_not_again_on_standard_error(tmp_path, journal):
    child = run_child(tmp_path, journal.path, "info", "error", "qt")
    assert child.wait(60) == 0, stderr_of(tmp_path)
    records = {record["MESSAGE"].splitlines()[0]: record for record in journal()}
    plain = records["INFO kiosk.test: a plain line"]
    assert plain["PRIORITY"] == "6" and plain["SYSLOG_IDENTIFIER"] == "infusion-kiosk"
    assert plain["LOGGER"] == "kiosk.test" and plain["KIOSK_SITE"] == "Ward 4 infusion"
    assert plain["CODE_FILE"] == "<string>" and plain["CODE_FUNC"] == "<module>" and int(plain["CODE_LINE"]) > 0
    # Line breaks (the message's and the traceback's) travel in the binary-safe form.
    error = records["ERROR kiosk.test: it failed"]
    assert error["PRIORITY"] == "3" and error["KIOSK_SESSION_EVENT"] == "end"
    assert error["MESSAGE"].splitlines()[1] == "with a second line"
    assert "Traceback (most recent call last):" in error["MESSAGE"] and "KeyError: 'missing'" in error["MESSAGE"]
    qt = records["WARNING qt.svg: bad path in an icon"]
    assert qt["PRIORITY"] == "4" and qt["LOGGER"] == "qt.svg" and qt["KIOSK_QT_CATEGORY"] == "qt.svg"
    assert "CODE_FILE" not in qt  # Qt's release build gives no source position: none is made up
    assert stderr_of(tmp_path) == ""  # the journal has each line once
    log = (tmp_path / "logs" / "kiosk.log").read_text("utf-8")
    assert "INFO kiosk.test: a plain line" in log and "WARNING qt.svg: bad path in an icon" in log


@pytest.mark.parametrize("stream", ["not-numbers", "1:1", None])
def test_a_journal_stream_that_is_not_our_standard_error_is_not_taken(tmp_path, journal, stream):
    # e.g. a terminal opened from a service: the variable is inherited, the stream is not.
    child = run_child(tmp_path, journal.path, "info", journal_stream=stream)
    assert child.wait(60) == 0, stderr_of(tmp_path)
    assert journal(wait_s=0.5) == []
    assert "INFO kiosk.test: a plain line" in stderr_of(tmp_path)


def test_a_missing_socket_falls_back_to_standard_error_said_once(tmp_path):
    child = run_child(tmp_path, str(tmp_path / "no-journald-here"), "info", "burst5", "error")
    assert child.wait(60) == 0
    stderr = stderr_of(tmp_path)
    assert stderr.count("journald's socket") == 1 and "cannot be used (No such file or directory)" in stderr
    assert "a plain line" in stderr and "burst line 4" in stderr and "KeyError: 'missing'" in stderr


BURST = 2000  # more than a Unix socket queues (net.unix.max_dgram_qlen: 10 here, 512 with systemd's sysctl)


def test_a_full_socket_loses_no_record_and_says_so_once(tmp_path, journal):
    # Nobody reads the socket: its queue fills; the rest go to standard error.
    received: list[dict[str, str]] = []
    child = run_child(tmp_path, journal.path, f"burst{BURST}", "wait", "last", stdin=subprocess.PIPE)
    end = time.monotonic() + 30
    while f"burst line {BURST - 1}" not in stderr_of(tmp_path) + "".join(r["MESSAGE"] for r in received):
        assert time.monotonic() < end, "the burst did not end"
        time.sleep(0.1)
    received = journal(wait_s=0.5)  # now empty it
    child.stdin.write(b"go\n")
    child.stdin.close()
    assert child.wait(60) == 0
    received += journal()
    stderr = stderr_of(tmp_path)
    assert stderr.count("is full") == 1, stderr
    via_journal = {r["MESSAGE"] for r in received if "burst line" in r["MESSAGE"]}
    via_stderr = {line.split(" INFO ")[1] for line in stderr.splitlines() if "burst line" in line}
    assert via_journal and via_stderr, "the test did not fill the socket"
    assert len(via_journal) + len(via_stderr) == BURST and not {m[5:] for m in via_journal} & via_stderr
    messages = [r["MESSAGE"] for r in received]
    assert "INFO kiosk.logs: journald's socket " + journal.path + " takes log records again" in messages
    assert "INFO kiosk.test: the last line" in messages


def test_a_record_too_large_for_a_datagram_goes_in_a_sealed_memory_file(journal):
    fallback = logging.StreamHandler(open(os.devnull, "w"))  # noqa: SIM115
    handler = logs.JournalHandler(fallback, journal.path)
    text = "x" * 600_000 + "\nend"
    record = logging.LogRecord("kiosk.test", logging.WARNING, __file__, 1, "%s", (text,), None)
    handler.handle(record)
    handler.close()
    (received,) = journal()
    assert received["MESSAGE"] == "WARNING kiosk.test: " + text and handler.problem == ""


def can_run_journald() -> str:
    if os.geteuid() != 0:
        return "needs root for a private mount namespace"
    for tool in ("unshare", "journalctl", "systemd-cat"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    if not Path("/lib/systemd/systemd-journald").exists():
        return "systemd-journald is not installed"
    return ""


# systemd-journald on its own, in a mount namespace with a private /run (and /var/log/journal
# where it exists): nothing of this machine's is touched. systemd-cat connects the kiosk's
# standard output and error to journald's stream, as StandardError=journal does.
REAL_JOURNALD = """
set -e
mount -t tmpfs tmpfs /run && mkdir -p /run/systemd/journal /run/log/journal
if [ -d /var/log/journal ]; then mount -t tmpfs tmpfs /var/log/journal; fi
/lib/systemd/systemd-journald & journald=$!
for n in $(seq 50); do [ -S /run/systemd/journal/stdout ] && break; sleep 0.1; done
systemd-cat -t kiosk-stderr sh -c 'JOURNAL_STREAM=$(stat -L -c "%d:%i" /proc/self/fd/2) exec "$@"' sh "$@" || true
sleep 0.5
journalctl -D /run/log/journal -o json --no-pager
kill $journald
"""


@pytest.mark.slow
@pytest.mark.skipif(bool(can_run_journald()), reason=can_run_journald() or "-")
def test_the_kiosk_logs_to_a_real_journald(tmp_path):
    settings = tmp_path / "kiosk.toml"
    settings.write_text('[site]\nname = "Ward 4 infusion"\n[content]\nallow_unreviewed = true\n', "utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_LOG_DIR=str(tmp_path / "logs"))
    result = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", REAL_JOURNALD, "sh",
                             *KIOSK, "--config", str(settings), "--windowed",
                             "--quit-after", "3000"], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    entries = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    kiosk = [e for e in entries if e.get("SYSLOG_IDENTIFIER") == "infusion-kiosk"]
    assert kiosk, result.stderr[-2000:]
    start = next(e for e in kiosk if "starting;" in e["MESSAGE"])
    assert start["MESSAGE"].startswith('INFO kiosk: kiosk 0.1.0 starting; site="Ward 4 infusion"; log file ')
    assert start["_TRANSPORT"] == "journal" and start["KIOSK_SITE"] == "Ward 4 infusion"
    assert start["PRIORITY"] == "6" and start["CODE_FILE"].endswith("app.py") and start["LOGGER"] == "kiosk"
    assert any(e["MESSAGE"].startswith("INFO kiosk.app: kiosk ending with exit code 0") for e in kiosk)
    # Not the same line again through the standard error stream (only what is not a log
    # record, e.g. FFmpeg's own prints, comes that way).
    stream = [e["MESSAGE"] for e in entries if e.get("SYSLOG_IDENTIFIER") == "kiosk-stderr"]
    assert not [m for m in stream if "starting;" in m or "ending with exit code" in m], stream


def test_journald_restarted_is_a_new_socket_and_nothing_falls_back(tmp_path):
    path = str(tmp_path / "journal.socket")
    fallback_lines = []
    fallback = logging.Handler()
    fallback.emit = fallback_lines.append
    handler = logs.JournalHandler(fallback, path)

    def journald() -> socket.socket:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.bind(path)
        sock.settimeout(2)
        return sock

    def say(text: str) -> None:
        handler.handle(logging.LogRecord("kiosk.test", logging.INFO, __file__, 1, text, (), None))

    first = journald()
    say("before")
    assert parse_native(first.recv(65536))["MESSAGE"] == "INFO kiosk.test: before"
    first.close()
    os.unlink(path)
    second = journald()  # systemctl restart systemd-journald: the same path, a new socket
    say("after")
    assert parse_native(second.recv(65536))["MESSAGE"] == "INFO kiosk.test: after"
    assert fallback_lines == [] and handler.problem == ""
    second.close()
    handler.close()
