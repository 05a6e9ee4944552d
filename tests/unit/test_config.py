"""The site's settings file: where it is found, every setting, and one line per mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import (
    SCHEMA,
    Config,
    ConfigError,
    find_config,
    load_config,
    parse_config,
    schema_table,
)
from kiosk.i18n.languages import LANGUAGES
from tests.conftest import run_kiosk

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path, text: str, name: str = "kiosk.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_no_file_means_the_built_in_defaults(tmp_path, monkeypatch):
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    monkeypatch.setattr("kiosk.config.system_path", lambda: tmp_path / "etc" / "kiosk.toml")
    monkeypatch.setattr("kiosk.config.beside_program_path", lambda: tmp_path / "bin" / "kiosk.toml")
    assert find_config() is None
    config = load_config()
    assert config == Config() and config.file is None
    assert config["languages.enabled"] == LANGUAGES and config["session.idle_timeout_s"] == 90.0
    assert config["speech.volume"] == 0.8 and config["display.text_size"] == 100


def test_where_the_file_is_found_in_order(tmp_path, monkeypatch):
    system = write(tmp_path, "[site]\nname = 'system'\n", "system.toml")
    beside = write(tmp_path, "[site]\nname = 'beside'\n", "beside.toml")
    env = write(tmp_path, "[site]\nname = 'env'\n", "env.toml")
    given = write(tmp_path, "[site]\nname = 'given'\n", "given.toml")
    monkeypatch.setattr("kiosk.config.system_path", lambda: system)
    monkeypatch.setattr("kiosk.config.beside_program_path", lambda: beside)
    monkeypatch.setenv("KIOSK_CONFIG", str(env))
    assert load_config(given)["site.name"] == "given"
    assert load_config()["site.name"] == "env"
    monkeypatch.delenv("KIOSK_CONFIG")
    assert load_config()["site.name"] == "system"
    system.unlink()
    assert load_config()["site.name"] == "beside"


def test_every_setting(tmp_path):
    path = write(tmp_path, """
[site]
name = "Infusion center, 3rd floor"
care_team_phone = "1-555-010-0199"
after_hours_phone = "+1 555 010 0142"
emergency_number = "112"
[content]
allow_unreviewed = true
[languages]
enabled = ["en", "es", "ar"]
default = "es"
hide_unreviewed = true
[session]
idle_timeout_s = 60
warning_s = 30
screen_reader_idle_timeout_s = 600
[accessibility]
screen_reader = "yes"
[speech]
volume = 0.6
rate = "slow"
[display]
text_size = 150
high_contrast = true
hide_cursor = true
panel_diagonal_inches = 21.5
[keypad]
mode = "off"
up = ["Up", "8"]
down = ["down", "2"]
enter = ["Return", "Enter", "5"]
back = ["Backspace"]
help = ["?", "F1", "h"]
louder = []
quieter = ["-"]
[admin]
pin_hash = "scrypt$16384$8$1$c2FsdA==$aGFzaA=="
[stats]
retention_days = 30
[metrics]
textfile_dir = "/var/lib/prometheus/node-exporter"
[card]
printer = "FrontDeskLaser"
paper = "receipt-80mm"
""")
    config = load_config(path)
    assert config.file == path
    expected = {"site.name": "Infusion center, 3rd floor", "site.care_team_phone": "1-555-010-0199",
                "site.after_hours_phone": "+1 555 010 0142", "site.emergency_number": "112",
                "content.allow_unreviewed": True, "languages.enabled": ("en", "es", "ar"),
                "languages.default": "es", "languages.hide_unreviewed": True, "session.idle_timeout_s": 60.0,
                "session.warning_s": 30.0, "session.screen_reader_idle_timeout_s": 600.0,
                "accessibility.screen_reader": "yes", "speech.volume": 0.6, "speech.rate": "slow",
                "display.text_size": 150,
                "display.high_contrast": True, "display.hide_cursor": True,
                "display.panel_diagonal_inches": 21.5, "keypad.mode": "off",
                "keypad.up": ("Up", "8"), "keypad.down": ("Down", "2"), "keypad.enter": ("Return", "Enter", "5"),
                "keypad.back": ("Backspace",), "keypad.help": ("?", "F1", "H"), "keypad.louder": (),
                "keypad.quieter": ("-",),
                "admin.pin_hash": "scrypt$16384$8$1$c2FsdA==$aGFzaA==", "stats.retention_days": 30,
                "metrics.textfile_dir": "/var/lib/prometheus/node-exporter", "card.printer": "FrontDeskLaser",
                "card.paper": "receipt-80mm"}
    assert dict(config.values) == expected
    assert set(expected) == {setting.key for setting in SCHEMA}


# Each mistake: the file's text, then the message expected after "<file>:".
BAD = [
    ("[languages\n", "1: not valid TOML (Expected ']' at the end of a table declaration (at line 1, column 11)) "
     "— check the quotes, brackets and = signs on that line"),
    ("[screen]\nx = 1\n", "1: screen: unknown section — the sections are [accessibility], [admin], [card], [content], "
     "[display], [keypad], [languages], [metrics], [session], [site], [speech], [stats]"),
    ("[site]\ncare_team_phone = \"call the desk\"\n", "2: site.care_team_phone: 'call the desk' is not a phone "
     "number — use a phone number of at most 30 characters: digits, spaces, +, - and letters as on a keypad, "
     "or empty"),
    ("[site]\ncare_team_phone = 5550100\n", "2: site.care_team_phone: 5550100 is not text — put the number in "
     "double quotes, e.g. \"1-555-010-0199\""),
    ("[site]\nafter_hours_phone = \"(555) 010-0199\"\n", "2: site.after_hours_phone: '(555) 010-0199' is not a "
     "phone number — use a phone number of at most 30 characters: digits, spaces, +, - and letters as on a keypad, "
     "or empty"),
    ("[site]\nemergency_number = \"\"\n", "2: site.emergency_number: '' is not a phone number — use a phone "
     "number of at most 30 characters: digits, spaces, +, - and letters as on a keypad"),
    ("[site]\nemergency_number = \"1-800-CALL-NOW-PLEASE-HELP-US-NOW\"\n", "2: site.emergency_number: "
     "'1-800-CALL-NOW-PLEASE-HELP-US-NOW' is not a phone number — use a phone number of at most 30 characters: "
     "digits, spaces, +, - and letters as on a keypad"),
    ("[content]\nallow_unreviewed = \"yes\"\n", "2: content.allow_unreviewed: 'yes' is not true or false — write "
     "true or false, without quotes"),
    ("[session]\nidle = 30\n", "2: session.idle: unknown setting — [session] has: idle_timeout_s, warning_s, "
     "screen_reader_idle_timeout_s"),
    ("[session]\nidle_timeout_s = \"90\"\n", "2: session.idle_timeout_s: '90' is not a number — write a number "
     "from 1 to 3600, without quotes"),
    ("[session]\n\nidle_timeout_s = 0\n", "3: session.idle_timeout_s: 0 is out of range — use a number from 1 to 3600"),
    ("[session]\nwarning_s = 600\n", "2: session.warning_s: 600 is out of range — use a number from 1 to 300"),
    ("[display]\nhigh_contrast = \"yes\"\n", "2: display.high_contrast: 'yes' is not true or false — write true or "
     "false, without quotes"),
    ("[display]\ntext_size = 120\n", "2: display.text_size: 120 is not allowed — use one of 100, 150, 200"),
    ("[speech]\nrate = \"quick\"\n", "2: speech.rate: 'quick' is not allowed — use one of 'slow', 'normal', 'fast'"),
    ("[speech]\nvolume = 1.5\n", "2: speech.volume: 1.5 is out of range — use a number from 0.2 to 1"),
    ("[languages]\nenabled = [\"en\", \"xx\"]\n", "2: languages.enabled: unknown language 'xx' — use codes from: "
     "en, es, zh, vi, ko, tl, ar, ru, ht, fr"),
    ("[languages]\nenabled = []\n", "2: languages.enabled: is not a list of language codes — use a non-empty list "
     "of language codes from en, es, zh, vi, ko, tl, ar, ru, ht, fr, e.g. [\"en\", \"es\"]"),
    ("[languages]\nenabled = [\"en\", \"es\"]\ndefault = \"fr\"\n", "3: languages.default: 'fr' is not among the "
     "enabled languages — pick one of en, es, or enable it"),
    ("[languages]\ndefault = \"klingon\"\n", "2: languages.default: unknown language 'klingon' — use a language "
     "code: en, es, zh, vi, ko, tl, ar, ru, ht, fr"),
    ("[stats]\nretention_days = 7.5\n", "2: stats.retention_days: 7.5 is not a whole number — write a number "
     "from 1 to 3650 (whole), without quotes"),
    ("[admin]\npin_hash = \"1234\"\n", "2: admin.pin_hash: is not a PIN hash — run `kiosk set-pin` to write it; "
     "never write a PIN here"),
    ("[site]\nname = 42\n", "2: site.name: 42 is not text — put the text in double quotes"),
    ("[site]\nname = \"" + "x" * 81 + "\"\n", "2: site.name: is 81 characters long — use text of at most 80 "
     "characters"),
    ("site = 3\n", "1: site: must be a section — write it as [site] with its settings below"),
    ("[keypad]\nhelp = \"F1\"\n", "2: keypad.help: 'F1' is not a list of key names — write them in brackets, "
     "e.g. [\"?\", \"F1\"]"),
    ("[keypad]\nup = [8]\n", "2: keypad.up: [8] is not a list of key names — write them in brackets, "
     "e.g. [\"Up\"]"),
    ("[keypad]\n\nup = [\"Upp\"]\n", "3: keypad.up: unknown key 'Upp' — use these names: "
     "Up, Down, Left, Right, Return, Enter, Escape, Backspace, Tab, Space, Home, End, PageUp, PageDown, Insert, "
     "Delete, F1 to F24, A to Z, 0 to 9, + - * / ? . , = #"),
    ("[keypad]\ndown = [\"Down\", \"down\"]\n", "2: keypad.down: lists the key 'Down' twice — list each key once"),
    ("[keypad]\nenter = [\"Escape\"]\n", "2: keypad.enter: the key 'Escape' is also in keypad.back (its default) — "
     "give each key one job: remove it here or from keypad.back"),
    ("[keypad]\nup = [\"A\"]\nhelp = [\"a\"]\n", "3: keypad.help: the key 'A' is also in keypad.up — give each "
     "key one job: remove it here or from keypad.up"),
    ("[keypad]\nmode = \"on\"\n", "2: keypad.mode: 'on' is not allowed — use one of 'auto', 'off'"),
    ("[keypad]\nstart = [\"F2\"]\n", "2: keypad.start: unknown setting — [keypad] has: mode, up, down, enter, "
     "back, help, louder, quieter"),
]


@pytest.mark.parametrize("text,expected", BAD, ids=[f"case{n:02d}" for n in range(len(BAD))])
def test_each_mistake_is_named_in_one_line(tmp_path, text, expected):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}:{expected}"


def test_unreadable_files(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "nope.toml")
    assert str(caught.value) == f"{tmp_path / 'nope.toml'}: file not found — check the path given with --config"
    path = tmp_path / "latin1.toml"
    path.write_bytes('[site]\nname = "caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(ConfigError, match="not UTF-8 text — save the file as UTF-8"):
        load_config(path)


def test_the_schema_table_lists_every_setting_and_the_readme_has_it():
    table = schema_table()
    readme = (ROOT / "README.md").read_text("utf-8")
    for setting in SCHEMA:
        assert f"`{setting.key}`" in table and setting.description in table
    assert table in readme, "README's settings table is out of date: paste kiosk.config.schema_table()"


def test_parse_config_keeps_defaults_for_what_is_not_written():
    config = parse_config("[session]\nidle_timeout_s = 45\n", "x.toml")
    assert config["session.idle_timeout_s"] == 45.0 and config["session.warning_s"] == 20.0


def test_a_broken_settings_file_stops_the_kiosk_with_its_own_exit_code(tmp_path):
    path = write(tmp_path, "[session]\nidle_timeout_s = -5\n")
    result = run_kiosk("--windowed", "--config", str(path), "--quit-after", "1000", timeout=60)
    assert result.returncode == 4, result.stderr
    assert (f"kiosk: the settings cannot be used: {path}:2: session.idle_timeout_s: -5 is out of range"
            in result.stderr)
    assert "kiosk ending with exit code 4 (the settings file is wrong)" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_bytes("\ufeff[site]\nname = \"Saved by Notepad\"\n".encode())
    assert load_config(path)["site.name"] == "Saved by Notepad"


@pytest.mark.parametrize("text, expected", [
    ("[site]\nname = " + "[" * 600 + "]" * 600 + "\n",
     "brackets nested too deeply to read — settings are plain values and lists of words: remove the nesting"),
    ("[site]\n" + "".join(f"a{n}.b.c.d = 1\n" for n in range(2000)),
     "is 30 KB, far more than settings take — check it is the kiosk's settings file (at most 16 KB)"),
])
def test_a_file_that_would_trip_the_reader_is_refused_in_one_line(tmp_path, text, expected):
    path = tmp_path / "kiosk.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}: {expected}"
