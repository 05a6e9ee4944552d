"""The `kiosk` command as IT staff and developers use it: --check, --screenshots, no display."""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from kiosk.content import ContentError
from tests.conftest import run_kiosk

ROOT = Path(__file__).resolve().parents[2]


def kiosk(*args: str, env: dict[str, str] | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    return run_kiosk(*args, env=env, timeout=timeout)


def test_check_prints_every_screen_with_grades(guide):
    result = kiosk("--check")
    assert result.returncode == 0, result.stdout + result.stderr
    for screen in guide.screens():
        assert f" {screen.id} " in result.stdout
    assert "Flesch-Kincaid median" in result.stdout and "SMOG median" in result.stdout
    assert f"content version {guide.content_version}" in result.stdout
    assert "OK: content and assets are valid" in result.stdout
    # Read-aloud: the voice chosen for each language, and whether it really spoke.
    assert re.search(r"^en +en-us +yes +\d", result.stdout, re.M), result.stdout
    assert re.search(r"^zh +cmn +yes", result.stdout, re.M)
    assert re.search(r"^tl +- +no +no Tagalog \(Filipino\) voice", result.stdout, re.M)


def test_without_a_display_the_run_command_says_so_in_one_line():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = kiosk(env=env, timeout=30)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "no display found" in lines[0], result.stderr
    assert "Traceback" not in result.stderr and "qt.qpa" not in result.stderr


def test_version():
    result = kiosk("--version")
    assert result.returncode == 0 and result.stdout.startswith("kiosk ")


@pytest.mark.slow
def test_screenshots_of_every_screen(tmp_path, guide):
    from kiosk.screenshots import EXTRA_SCREENS, RESOLUTIONS
    from kiosk.ui.navigator import every_place

    # The smallest and the portrait panel (tests/ui/test_layout.py lays out every resolution).
    sizes = [(1280, 800), (1080, 1920)]
    assert set(sizes) <= set(RESOLUTIONS)
    result = kiosk("--screenshots", str(tmp_path), "--sizes", ",".join(f"{w}x{h}" for w, h in sizes), timeout=300)
    assert result.returncode == 0, result.stderr
    places = len(every_place(guide))
    for width, height in sizes:
        files = sorted((tmp_path / f"{width}x{height}").glob("*.png"))
        assert len(files) == places + len(EXTRA_SCREENS)  # and the picker, attract, "Still there?", PIN pad, admin
        image = QImage(str(files[-1]))
        assert (image.width(), image.height()) == (width, height)
        assert len({image.pixel(x, y) for x in range(0, width, 40) for y in range(0, height, 40)}) > 2


def test_a_broken_guide_shows_staff_a_reason_not_a_traceback(kiosk_app, qtbot, monkeypatch):
    import kiosk.app as app_module
    from kiosk.ui.screens.out_of_order import OutOfOrderScreen

    def broken():
        raise ContentError("assets/guide/guide.en.yaml", 12, "topics[0].icon", "unknown icon 'x'", "fix it")

    monkeypatch.setattr(app_module, "load_guide", broken)
    guide, reason = app_module.load_or_explain()
    assert guide is None and "guide.en.yaml:12" in reason
    window = app_module.build_window(guide, reason)
    qtbot.addWidget(window)
    assert isinstance(window, OutOfOrderScreen)
    assert "ask a member of staff" in window.message.text()
    assert "unknown icon 'x'" in window.detail.text()


def test_check_lists_each_languages_review_status(tmp_path):
    result = kiosk("--check")  # the development settings: drafts allowed
    assert result.returncode == 0, result.stdout + result.stderr
    for code, name in (("es", "Español"), ("zh", "简体中文"), ("ar", "العربية"), ("ht", "Kreyòl Ayisyen")):
        line = next(line for line in result.stdout.splitlines() if line.startswith(f"  {code} "))
        assert name in line and "offered" in line and "pass every check" in line, line
        assert "machine-drafted, not reviewed by a qualified medical translator" in line
    assert ("ready for patients: no, because the guide (content 1.2.0) is a draft, not yet reviewed by a "
            "pharmacist") in result.stdout
    assert "9 languages offered are machine drafts" in result.stdout
    settings = tmp_path / "kiosk.toml"
    settings.write_text('[languages]\nhide_unreviewed = true\n[content]\nallow_unreviewed = true\n', "utf-8")
    hidden = kiosk("--check", "--config", str(settings))
    assert hidden.returncode == 0, hidden.stdout
    assert "not offered: not reviewed by a qualified medical translator" in hidden.stdout
    assert "languages offered are machine drafts" not in hidden.stdout


def test_check_says_whether_patients_may_see_it_and_strict_refuses_drafts(tmp_path):
    settings = tmp_path / "kiosk.toml"
    settings.write_text('[site]\nname = "3rd floor"\n', "utf-8")  # drafts not allowed, no numbers
    result = kiosk("--check", "--config", str(settings))
    assert result.returncode == 0, result.stdout  # valid, though not ready
    lines = result.stdout.splitlines()
    assert "guide: inotuzumab ozogamicin (Besponsa), language en, content version 1.2.0, a draft, not yet " \
           "reviewed by a pharmacist (last edited 2026-12-02)" in lines
    assert any(line.startswith("ready for patients: no, because the guide (content 1.2.0) is a draft")
               for line in lines)
    assert any(line.startswith("WARNING no care-team number is set (site.care_team_phone)") for line in lines)
    assert any("patients now see \"ask a member of staff\"" in line for line in lines)
    assert ("Numbers patients are given: care team (NOT SET: patients are told to ask the nurse); after hours "
            "(not set); emergency 911") in lines
    strict = kiosk("--check", "--strict", "--config", str(settings))
    assert strict.returncode == 1 and "ready for patients: no" in strict.stdout


def test_a_draft_guide_is_not_shown_unless_the_site_allows_drafts(tmp_path):
    settings = tmp_path / "kiosk.toml"
    settings.write_text('[site]\ncare_team_phone = "1-555-010-0199"\n', "utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = kiosk("--windowed", "--config", str(settings), "--quit-after", "1500", env=env, timeout=60)
    assert result.returncode == 5, result.stderr
    assert ("kiosk: the content review cannot be used: the guide (content 1.2.0) is a draft, not yet reviewed "
            "by a pharmacist") in result.stderr
    assert "kiosk ending with exit code 5 (the guide is not reviewed and drafts are not allowed)" in result.stderr


def test_check_names_a_broken_settings_file(tmp_path):
    settings = tmp_path / "kiosk.toml"
    settings.write_text('[languages]\nenabled = ["en", "xx"]\n', "utf-8")
    result = kiosk("--check", "--config", str(settings))
    assert result.returncode == 1
    assert f"ERROR {settings}:2: languages.enabled: unknown language 'xx' — use codes from: en, es" in result.stdout


def test_the_kiosk_starts_in_the_configured_language(tmp_path):
    """A real run (off-screen) with settings: starts in Spanish."""
    settings = tmp_path / "kiosk.toml"
    settings.write_text('[languages]\nenabled = ["en", "es"]\ndefault = "es"\n[content]\nallow_unreviewed = true\n',
                        "utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = kiosk("--windowed", "--config", str(settings), "--quit-after", "1500", env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "language now es (Spanish)" in result.stderr
    assert "kiosk ending with exit code 0 (normal end)" in result.stderr



def test_report_first_paint_prints_the_time_of_the_first_frame_and_exits(tmp_path):
    # What bench/startup.py and bench/bundle.py time (the bundle takes the same flag).
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_LOG_DIR=str(tmp_path), KIOSK_DATA_DIR=str(tmp_path))
    before = time.monotonic()
    result = kiosk("--windowed", "--report-first-paint", env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    painted = float(re.fullmatch(r"first_paint (\d+\.\d+)\n", result.stdout).group(1))
    assert before < painted < time.monotonic()


def test_self_test_passes_and_names_each_check(tmp_path):
    env = dict(os.environ, KIOSK_DATA_DIR=str(tmp_path / "data"), KIOSK_LOG_DIR=str(tmp_path / "log"))
    result = kiosk("--self-test", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    for code in ("en", "es", "zh", "vi", "ko", "tl", "ar", "ru", "ht", "fr"):
        assert re.search(rf"^OK   language {code}: \d+ screens", result.stdout, re.M), result.stdout
    assert re.search(r"^OK   voice zh: cmn: ", result.stdout, re.M)
    assert re.search(r"^OK   voice tl: none exists; text only", result.stdout, re.M)
    assert re.search(r"^OK   speech engine: bundled libespeak-ng 1\.52\.0 ", result.stdout, re.M)
    assert re.search(r"^OK   read aloud: played to the end in [\d.]+ s, [1-9]\d* words marked", result.stdout, re.M)
    assert "OK   statistics database" in result.stdout and result.stdout.rstrip().endswith("all checks passed")
    import sqlite3

    rows = sqlite3.connect(tmp_path / "data" / "usage.sqlite3").execute("SELECT COUNT(*) FROM sessions").fetchone()
    assert rows == (0,)  # the test write was rolled back: nothing counted


def test_self_test_fails_when_something_is_wrong(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    settings = tmp_path / "kiosk.toml"
    settings.write_text('[languages]\nenabled = ["en", "ar"]\n', "utf-8")
    env = dict(os.environ, KIOSK_DATA_DIR=str(blocker / "data"), KIOSK_LOG_DIR=str(tmp_path / "log"))
    result = kiosk("--self-test", "--config", str(settings), env=env)
    assert result.returncode == 1
    assert "OK   language ar" in result.stdout and "language es" not in result.stdout
    assert "FAIL statistics database" in result.stdout and "1 check(s) FAILED" in result.stdout
    settings.write_text('[languages]\nenabled = ["xx"]\n', "utf-8")
    result = kiosk("--self-test", "--config", str(settings), env=env)
    assert result.returncode == 1 and f"FAIL settings: {settings}:2: languages.enabled" in result.stdout


def test_kiosk_stats_on_a_damaged_database_says_so_in_one_line(tmp_path):
    (tmp_path / "usage.sqlite3").write_bytes(b"this is not a database\n" * 500)
    env = dict(os.environ, KIOSK_DATA_DIR=str(tmp_path), KIOSK_LOG_DIR=str(tmp_path))
    result = kiosk("stats", env=env, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"cannot read {tmp_path / 'usage.sqlite3'}" in lines[0], result.stderr
    assert (tmp_path / "usage.sqlite3").read_bytes().startswith(b"this is not")  # nothing lost


def test_a_missing_fonts_folder_is_one_log_line_and_the_kiosk_still_runs(tmp_path):
    """A damaged install: the kiosk starts in the system's fonts and says what is wrong."""
    import shutil

    copy = tmp_path / "kiosk-copy"
    shutil.copytree(ROOT / "kiosk", copy / "kiosk", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "i18n", copy / "i18n")
    shutil.copytree(ROOT / "assets", copy / "assets", ignore=shutil.ignore_patterns("fonts"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_LOG_DIR=str(tmp_path / "log"),
               KIOSK_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=str(copy))
    result = run_kiosk("--windowed", "--quit-after", "4000", cwd=copy, timeout=90, env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    said = [line for line in result.stderr.splitlines() if "fonts: cannot read" in line]
    assert len(said) == 1 and str(copy / "assets" / "fonts") in said[0]
    assert "kiosk ending with exit code 0 (normal end)" in result.stderr
