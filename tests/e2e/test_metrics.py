"""The fleet's view of each kiosk: infusion_kiosk.prom for node_exporter's textfile collector.

Real files, read back with Prometheus' own parser; real statistics written by the real
recorder; a reader in another process that must never see half a file; a folder that
cannot be written and a real tmpfs filled up; the kiosk itself started, stopped by SIGTERM
and read from outside."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from kiosk import metrics
from kiosk.config import ConfigError, parse_config
from kiosk.metrics import FILE_NAME, MetricsFile, read_sessions
from kiosk.usage_recorder import UsageRecorder
from tests.conftest import KIOSK, mount_tmpfs

ROOT = Path(__file__).resolve().parents[2]


class Parsed:
    """A file as Prometheus' own parser reads it."""

    def __init__(self, path: Path):
        self.types, self.help, self.samples = {}, {}, {}
        for family in text_string_to_metric_families(path.read_text("utf-8")):
            self.types[family.name], self.help[family.name] = family.type, family.documentation
            for sample in family.samples:
                self.samples[sample.name, tuple(sorted(sample.labels.items()))] = sample.value

    def __getitem__(self, name: str) -> float:  # a sample without labels
        return self.samples[name, ()]

    def labelled(self, name: str) -> list[dict[str, str]]:
        return [dict(labels) for sample, labels in self.samples if sample == name]

    def value(self, name: str, **labels: str) -> float:
        return self.samples[name, tuple(sorted(labels.items()))]


def wait_for(condition, timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


def test_every_figure_parses_with_prometheus_own_parser(tmp_path):
    database = tmp_path / "usage.sqlite3"
    before = UsageRecorder(database)  # an earlier run: its session is not this run's
    before.start_session("en")
    before.end_session("idle")
    before.close()
    time.sleep(1.1)  # the statistics' times are to the second
    start = time.time()
    recorder = UsageRecorder(database)
    for reason in ("idle", "idle", "stopped"):
        recorder.start_session("es")
        recorder.end_session(reason)
    recorder.start_session("ar")  # still going
    wait_for(lambda: recorder.waiting() == 0)
    errors = iter([0, 3])
    writer = MetricsFile(tmp_path, errors=lambda: next(errors), start_time=start, version="0.1.0",
                         site='Ward 4 "B"', sessions=lambda: read_sessions(database, start),
                         speech=lambda: True, audio=lambda: False,
                         content={"version": "1.1.0", "review": "draft"},
                         catalogs=[{"language": "es", "revision": "2026-12-02 04:23+0000", "review": "reviewed"}])
    assert writer.write()
    assert writer.write()  # the second write counts 3 errors
    recorder.close()
    path = tmp_path / FILE_NAME
    assert path.stat().st_mode & 0o777 == 0o644
    families = Parsed(path)
    assert families.types == {
        "kiosk_up": "gauge", "kiosk_info": "gauge", "kiosk_start_time_seconds": "gauge",
        "kiosk_sessions_started": "counter", "kiosk_sessions_ended": "counter",
        "kiosk_last_session_end_timestamp_seconds": "gauge", "kiosk_errors_logged": "counter",
        "kiosk_speech_available": "gauge", "kiosk_audio_output_available": "gauge",
        "kiosk_content_info": "gauge", "kiosk_catalog_info": "gauge"}
    assert all(families.help.values())
    assert families["kiosk_up"] == 1
    assert families.value("kiosk_info", version="0.1.0", site='Ward 4 "B"') == 1
    assert families["kiosk_start_time_seconds"] == pytest.approx(start, abs=0.001)
    assert families["kiosk_sessions_started_total"] == 4
    assert [families.value("kiosk_sessions_ended_total", reason=r) for r in ("idle", "stopped", "exit")] == [2, 1, 0]
    assert time.time() - 5 < families["kiosk_last_session_end_timestamp_seconds"] <= time.time()
    assert families["kiosk_errors_logged_total"] == 3
    assert families["kiosk_speech_available"] == 1 and families["kiosk_audio_output_available"] == 0
    assert families.value("kiosk_content_info", version="1.1.0", review="draft") == 1
    assert families.value("kiosk_catalog_info", language="es", revision="2026-12-02 04:23+0000",
                 review="reviewed") == 1
    assert writer.write(up=False) and Parsed(path)["kiosk_up"] == 0


def test_figures_nobody_knows_are_left_out_not_guessed(tmp_path):
    def broken() -> bool:
        raise RuntimeError("the speech service is gone")

    writer = MetricsFile(tmp_path, errors=lambda: 0, speech=broken, audio=lambda: None,
                         sessions=lambda: read_sessions(tmp_path / "no-statistics.sqlite3", 0))
    assert writer.write()
    families = Parsed(tmp_path / FILE_NAME)
    assert "kiosk_up" in families.types and "kiosk_errors_logged" in families.types
    for unknown in ("kiosk_speech_available", "kiosk_audio_output_available", "kiosk_sessions_started",
                    "kiosk_last_session_end_timestamp_seconds", "kiosk_content_info"):
        assert unknown not in families.types


READER = textwrap.dedent("""
    import sys, time
    path, stop = sys.argv[1], time.monotonic() + float(sys.argv[2])
    reads = halves = 0
    while time.monotonic() < stop:
        try:
            with open(path, encoding="utf-8") as file:
                text = file.read()
        except FileNotFoundError:
            continue
        reads += 1
        if not (text.startswith("# HELP kiosk_up ") and text.endswith("} 1\\n")):
            halves += 1
    print(reads, halves)
""")


def test_a_reader_in_another_process_never_sees_half_a_file(tmp_path):
    # Long enough that a plain open-and-write would be caught half way (tried: it is).
    catalogs = [{"language": f"l{n}", "revision": "x" * 200, "review": "reviewed"} for n in range(200)]
    writer = MetricsFile(tmp_path, errors=lambda: 0, catalogs=catalogs, content={"version": "1"})
    writer.write()
    reader = subprocess.Popen([sys.executable, "-c", READER, str(tmp_path / FILE_NAME), "3"],
                              stdout=subprocess.PIPE, text=True)
    writes = 0
    while reader.poll() is None:
        assert writer.write()
        writes += 1
    reads, halves = map(int, reader.stdout.read().split())
    assert writes > 100 and reads > 100, (writes, reads)
    assert halves == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME]  # no temporary file left


def test_an_unwritable_folder_is_one_log_line_and_never_raises(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="kiosk.metrics")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be", "utf-8")
    writer = MetricsFile(blocker / "metrics", errors=lambda: 0)
    assert [writer.write() for _ in range(3)] == [False, False, False]
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and str(blocker / "metrics" / FILE_NAME) in errors[0] and "Not a directory" in errors[0]
    assert "metrics.textfile_dir" in errors[0] and not caplog.records[0].exc_info


@pytest.fixture
def small_disk():
    """A real tmpfs of 64 KB."""
    yield from mount_tmpfs("64k")


def test_a_full_disk_keeps_the_last_whole_file_and_says_so_once(small_disk, caplog):
    caplog.set_level(logging.INFO, logger="kiosk.metrics")
    writer = MetricsFile(small_disk, errors=lambda: 0, content={"version": "1.1.0"})
    assert writer.write()
    before = (small_disk / FILE_NAME).read_text("utf-8")
    filler = small_disk / "filler"
    with open(filler, "wb", buffering=0) as file:
        try:
            while True:
                file.write(b"\0" * 4096)
        except OSError:
            pass
    assert [writer.write() for _ in range(3)] == [False, False, False]
    assert (small_disk / FILE_NAME).read_text("utf-8") == before  # the collector still reads a whole file
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", FILE_NAME]  # no half temporary file
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and "No space left on device" in errors[0]
    filler.unlink()
    assert writer.write()
    assert any(r.getMessage() == f"metrics: writing {small_disk / FILE_NAME} again" for r in caplog.records)


def test_the_timer_writes_again_and_again(qapp, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QWidget

    from kiosk.config import Config

    monkeypatch.setattr(metrics, "INTERVAL_MS", 50)
    config = Config({**Config().values, "metrics.textfile_dir": str(tmp_path)})
    window = QWidget()
    try:
        writer = metrics.start_metrics(qapp, window, config)
        assert writer.written == 1  # at once
        deadline = time.monotonic() + 5
        while writer.written < 4:
            assert time.monotonic() < deadline
            qapp.processEvents()
            time.sleep(0.01)
    finally:
        qapp.aboutToQuit.disconnect(writer.stop)
        window.deleteLater()


@pytest.mark.parametrize("setting, problem", [
    ('"metrics/out"', "'metrics/out' is not a full folder path"),
    ("7", "7 is not text"),
])
def test_the_setting_takes_a_full_folder_path_or_nothing(setting, problem):
    with pytest.raises(ConfigError) as error:
        parse_config(f"[metrics]\ntextfile_dir = {setting}\n", "kiosk.toml")
    assert str(error.value).startswith(f"kiosk.toml:2: metrics.textfile_dir: {problem} — ")
    assert parse_config('[metrics]\ntextfile_dir = "/var/lib/prometheus/node-exporter"\n', "k.toml")[
        "metrics.textfile_dir"] == "/var/lib/prometheus/node-exporter"
    assert parse_config("", "k.toml")["metrics.textfile_dir"] == ""


def start_kiosk(tmp_path: Path, settings: str, *args: str) -> subprocess.Popen:
    config = tmp_path / "kiosk.toml"
    config.write_text(settings, "utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_LOG_DIR=str(tmp_path / "logs"),
               KIOSK_DATA_DIR=str(tmp_path / "data"))
    return subprocess.Popen([*KIOSK, "--config", str(config), "--windowed", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


@pytest.mark.slow
def test_the_kiosk_writes_the_file_and_says_down_when_stopped(tmp_path, guide):
    out = tmp_path / "prom"
    out.mkdir()
    kiosk = start_kiosk(tmp_path, f'[site]\nname = "Ward 4 infusion"\n[content]\nallow_unreviewed = true\n'
                                  f'[metrics]\ntextfile_dir = "{out}"\n')
    try:
        wait_for(lambda: (out / FILE_NAME).exists(), timeout=30)
        running = Parsed(out / FILE_NAME)
        kiosk.send_signal(signal.SIGTERM)  # systemctl stop
        _, stderr = kiosk.communicate(timeout=30)
    finally:
        kiosk.kill()
    assert kiosk.returncode == 0, stderr
    assert running["kiosk_up"] == 1
    # Read-aloud needs a sound output: a machine without one says so in the log, and here.
    assert running["kiosk_speech_available"] == (0 if "read-aloud unavailable" in stderr else 1)
    assert running["kiosk_audio_output_available"] == (0 if "no audio output device" in stderr else 1)
    assert running.value("kiosk_info", version="0.1.0", site="Ward 4 infusion") == 1
    assert running.value("kiosk_content_info", version=guide.content_version, review=guide.review.status) == 1
    catalogs = running.labelled("kiosk_catalog_info")
    assert [c["language"] for c in catalogs] == ["es", "zh", "vi", "ko", "tl", "ar", "ru", "ht", "fr"]
    assert all(c["revision"].startswith("20") and c["review"] in ("machine-drafted", "reviewed") for c in catalogs)
    stopped = Parsed(out / FILE_NAME)
    assert stopped["kiosk_up"] == 0 and stopped["kiosk_sessions_started_total"] == 0
    assert "Traceback" not in stderr


@pytest.mark.slow
def test_a_kiosk_that_cannot_write_its_metrics_says_so_once_and_runs(tmp_path):
    kiosk = start_kiosk(tmp_path, f'[content]\nallow_unreviewed = true\n[metrics]\ntextfile_dir = '
                                  f'"{tmp_path / "no" / "such" / "folder"}"\n', "--quit-after", "3000")
    _, stderr = kiosk.communicate(timeout=60)
    assert kiosk.returncode == 0, stderr
    assert stderr.count("metrics: cannot write") == 1 and "No such file or directory" in stderr
    assert "Traceback" not in stderr and "kiosk ending with exit code 0" in stderr


@pytest.mark.slow
def test_a_kiosk_showing_ask_staff_still_reports_and_counts_its_error(tmp_path):
    # The guide is a draft and drafts are not allowed: patients see "ask a member of staff".
    out = tmp_path / "prom"
    out.mkdir()
    kiosk = start_kiosk(tmp_path, f'[metrics]\ntextfile_dir = "{out}"\n', "--quit-after", "3000")
    _, stderr = kiosk.communicate(timeout=60)
    assert kiosk.returncode == 5, stderr
    families = Parsed(out / FILE_NAME)
    assert families["kiosk_up"] == 0 and families["kiosk_errors_logged_total"] == 1
    assert "kiosk_speech_available" not in families.types  # no read-aloud on that screen: not claimed either way


def test_the_process_start_time_is_this_process(tmp_path):
    started = float(subprocess.run([sys.executable, "-c", "import time; from kiosk.metrics import "
                                    "process_start_time as p; time.sleep(1); print(p())"],
                                   capture_output=True, text=True, cwd=ROOT).stdout)
    assert time.time() - 5 < started < time.time() - 0.9


def test_sessions_that_cannot_be_read_are_none(tmp_path):
    assert read_sessions(tmp_path / "missing.sqlite3", 0) is None
    (tmp_path / "junk.sqlite3").write_bytes(b"not a database at all" * 100)
    assert read_sessions(tmp_path / "junk.sqlite3", 0) is None


def test_the_deployment_guide_names_every_metric_and_its_alert_rules_parse():
    import re

    import yaml

    from kiosk.metrics import Health, Sessions, render

    everything = render(Health(up=True, start_time=0, errors=0, sessions=Sessions(1, {"idle": 1}, 5.0), speech=True,
                               audio=True, content={"version": "1"}, catalogs=[{"language": "es"}]))
    written = set(re.findall(r"^# TYPE (\w+) ", everything, re.M))
    guide = (ROOT / "packaging" / "README.md").read_text("utf-8")
    assert set(re.findall(r"^\| `(kiosk_\w+)", guide, re.M)) == written
    (rules,) = re.findall(r"```yaml\n(.*?)```", guide, re.S)
    alerts = yaml.safe_load(rules)["groups"][0]["rules"]
    assert [rule["alert"] for rule in alerts] == ["InfusionKioskDown", "InfusionKioskCannotSpeak",
                                                  "InfusionKioskErrors"]
    used = {name for rule in alerts for name in re.findall(r"\b(kiosk_\w+)", rule["expr"])}
    assert used and used <= written
    assert "infusion_kiosk.prom" in alerts[0]["expr"] and FILE_NAME == "infusion_kiosk.prom"
