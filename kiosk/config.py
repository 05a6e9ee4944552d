"""The site's settings: one TOML file that IT staff edit, checked against SCHEMA.

Where (first found): `kiosk --config FILE`, else $KIOSK_CONFIG, else `kiosk.toml` in the
system's site configuration folder (platformdirs: /etc/xdg/infusion-kiosk on Linux,
C:\\ProgramData\\infusion-kiosk on Windows), else `kiosk.toml` beside the program. None:
the built-in defaults. A wrong file is refused whole with one line naming the file, the line,
the key and what is allowed; the kiosk then shows patients "ask a member of staff" and staff
that line (like a broken guide), and `kiosk --check` reports the same without starting.

Every setting is declared once, in SCHEMA: its type, default, allowed values and a one-line
description. README's settings table and `kiosk --check` are written from it.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk import resources
from kiosk.i18n.codes import LANGUAGES, SOURCE_LANGUAGE

FILE_NAME = "kiosk.toml"
# Every setting written out with comments is under 4 KB; a file far larger is the wrong file,
# and TOML's dotted keys make a large file slow and memory-hungry to read (40 KB took 7.8 s).
MAX_FILE_BYTES = 16 * 1024
ENV_VAR = "KIOSK_CONFIG"
PIN_HASH_PATTERN = r"scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+"
# A number as a patient dials it: digits, spaces, +, - and letters as on a keypad
# ("1-800-FDA-1088"); at least one digit, at most 30 characters.
PHONE_PATTERN = re.compile(r"\+?[0-9A-Za-z]+(?:[ -][0-9A-Za-z]+)*")
PHONE_MAX = 30
# The key names a keypad setting may list (kiosk/ui/keypad.py maps them to Qt's keys): what a
# tactile keypad or a keyboard sends. Written in any case ("up", "UP"); kept as spelled here.
NAMED_KEYS = ("Up", "Down", "Left", "Right", "Return", "Enter", "Escape", "Backspace", "Tab", "Space",
              "Home", "End", "PageUp", "PageDown", "Insert", "Delete")
SYMBOL_KEYS = ("+", "-", "*", "/", "?", ".", ",", "=", "#")
KEY_NAMES = (*NAMED_KEYS, *(f"F{n}" for n in range(1, 25)), *"ABCDEFGHIJKLMNOPQRSTUVWXYZ", *"0123456789",
             *SYMBOL_KEYS)
KEY_LIST = ", ".join(NAMED_KEYS) + ", F1 to F24, A to Z, 0 to 9, " + " ".join(SYMBOL_KEYS)
KEYPAD_KEYS = ("keypad.up", "keypad.down", "keypad.enter", "keypad.back", "keypad.help", "keypad.louder",
               "keypad.quieter")


@dataclass(frozen=True)
class Setting:
    key: str  # "section.name"
    kind: str  # bool, int, float, text, phone, choice, language, languages, folder, keys
    default: Any
    description: str
    low: float | None = None
    high: float | None = None
    choices: tuple = ()
    pattern: str = ""  # text must match it whole (empty: any text up to `high` characters)

    def allowed(self) -> str:
        """What may be written, in words (for errors and the README table)."""
        if self.kind == "bool":
            return "true or false"
        if self.kind in ("int", "float"):
            return f"a number from {self.low:g} to {self.high:g}" + (" (whole)" if self.kind == "int" else "")
        if self.kind == "choice":
            return "one of " + ", ".join(repr(c) if isinstance(c, str) else str(c) for c in self.choices)
        if self.kind == "language":
            return "a language code: " + ", ".join(LANGUAGES)
        if self.kind == "languages":
            return "a non-empty list of language codes from " + ", ".join(LANGUAGES)
        if self.kind == "phone":
            return (f"a phone number of at most {PHONE_MAX} characters: digits, spaces, +, - and letters "
                    "as on a keypad" + (", or empty" if self.default == "" else ""))
        if self.kind == "folder":
            return f"a full folder path of at most {self.high:g} characters, or empty (off)"
        if self.kind == "keys":
            return "a list of key names, or [] for none (the names: docs/keypad.md)"
        if self.pattern:
            return "the text `kiosk set-pin` writes (never a PIN itself)"
        return f"text of at most {self.high:g} characters"


SCHEMA: tuple[Setting, ...] = (
    Setting("site.name", "text", "", "Shown on the admin screen and in the logs (no patient data).", high=80),
    Setting("site.care_team_phone", "phone", "",
            "The number patients call right away, day or night, for a danger sign (the care team or its "
            "24-hour line). Empty: patients are told to ask the nurse for it, and `kiosk --check` warns."),
    Setting("site.after_hours_phone", "phone", "",
            "A second number for nights and weekends, shown after the care team's when set."),
    Setting("site.emergency_number", "phone", "911",
            "The emergency number for signs that need help now, away from the clinic."),
    Setting("languages.enabled", "languages", LANGUAGES,
            "The languages patients may choose, in the order listed."),
    Setting("languages.default", "language", SOURCE_LANGUAGE,
            "The language each session starts in; must be one of `enabled`."),
    Setting("languages.hide_unreviewed", "bool", False,
            "Offer only languages a qualified medical translator has reviewed."),
    Setting("content.allow_unreviewed", "bool", False,
            "Show patients a guide or language not yet reviewed (by a pharmacist, by a qualified medical "
            "translator), each screen marked as a draft. Off: drafts are not offered."),
    Setting("session.idle_timeout_s", "float", 90.0,
            "Seconds without a touch before \"Still there?\" (under 30 is too short for reading).",
            low=1, high=3600),
    Setting("session.warning_s", "float", 20.0,
            "Seconds \"Still there?\" counts down before the reset (WCAG 2.2.1 asks at least 20).",
            low=1, high=300),
    Setting("session.screen_reader_idle_timeout_s", "float", 240.0,
            "Seconds without activity before \"Still there?\" while a screen reader is in use (listening to "
            "a screen reader takes longer than reading, and some of its keys never reach the kiosk).",
            low=1, high=3600),
    Setting("accessibility.screen_reader", "choice", "auto",
            "Is a screen reader used with this kiosk? auto: asked of the system at each session start "
            "(Linux: the accessibility bus's ScreenReaderEnabled; Windows: the screen-reader flag). While one "
            "is in use, the kiosk's own voice never starts by itself and the longer idle time applies.",
            choices=("auto", "yes", "no")),
    Setting("speech.volume", "float", 0.8, "Read-aloud volume each session starts at (0.2 to 1.0).",
            low=0.2, high=1.0),
    Setting("speech.rate", "choice", "normal", "Read-aloud speed each session starts at.",
            choices=("slow", "normal", "fast")),
    Setting("display.text_size", "choice", 100, "Text size (percent) each session starts at.",
            choices=(100, 150, 200)),
    Setting("display.high_contrast", "bool", False, "Start each session in high contrast."),
    Setting("display.panel_diagonal_inches", "float", 0.0,
            "The panel's diagonal in inches, to size the text in millimetres (capitals at least 4.8 mm). "
            "0: as the screen reports it (some panels report no size or a wrong one: then set it).",
            low=0, high=100),
    Setting("display.hide_cursor", "bool", False, "Hide the mouse pointer (touch-only terminals)."),
    Setting("keypad.mode", "choice", "auto",
            "A tactile keypad with a headphone jack (EZ Access style; docs/keypad.md). auto: keypad mode starts "
            "at the first press of one of its keys, and the kiosk speaks each item the keys move to; off: the "
            "keys do only what they do on a keyboard. Never speaks while a screen reader is in use.",
            choices=("auto", "off")),
    Setting("keypad.up", "keys", ("Up",), "Keys that move to the item before, in reading order."),
    Setting("keypad.down", "keys", ("Down",), "Keys that move to the next item, in reading order."),
    Setting("keypad.enter", "keys", ("Return", "Enter"),
            "Keys that press the item (on a text: read from there to the end of the screen)."),
    Setting("keypad.back", "keys", ("Backspace", "Escape"),
            "Keys that go back: the screen before, the topic list, the welcome screen."),
    Setting("keypad.help", "keys", ("?", "F1"), "Keys that say where the patient is and what each key does."),
    Setting("keypad.louder", "keys", ("+",), "Keys that make the voice louder (the number pad's + too)."),
    Setting("keypad.quieter", "keys", ("-",), "Keys that make the voice quieter (the number pad's - too)."),
    Setting("admin.pin_hash", "text", "",
            "No longer read: the PIN's hash lives in its own file, `admin-pin`, readable only by root "
            "and the kiosk (`kiosk set-pin` writes it and removes this line).",
            pattern=PIN_HASH_PATTERN),
    Setting("stats.retention_days", "int", 365, "Days anonymous usage statistics are kept.", low=1, high=3650),
    Setting("metrics.textfile_dir", "folder", "",
            "Where to write `infusion_kiosk.prom`, the kiosk's health figures for Prometheus' node_exporter "
            "(its `--collector.textfile.directory`), at start and every 60 s. Empty: not written.", high=255),
    Setting("card.printer", "text", "",
            "The printer the \"When to get help\" card is printed on: its queue name in the system's print "
            "service (CUPS: `lpstat -p`; docs/printing.md). Empty: no Print button, the card is offered by QR "
            "code only.", high=127),
    Setting("card.paper", "choice", "a4",
            "The paper in that printer: an 80 mm receipt roll (the card as long as its text), A4 or Letter.",
            choices=("receipt-80mm", "a4", "letter")),
)
SETTINGS = {setting.key: setting for setting in SCHEMA}


class ConfigError(Exception):
    """A settings file that cannot be used. str() is one line: file:line: key: problem — fix."""

    def __init__(self, file: Path | str, line: int | None, key: str, problem: str, fix: str):
        self.file, self.line, self.key, self.problem, self.fix = str(file), line, key, problem, fix
        where = f"{file}:{line}" if line else str(file)
        super().__init__(f"{where}: {key}: {problem} — {fix}" if key else f"{where}: {problem} — {fix}")


@dataclass(frozen=True)
class Config:
    values: dict[str, Any] = field(default_factory=lambda: {s.key: s.default for s in SCHEMA})
    file: Path | None = None  # where it came from; None: the built-in defaults

    def __getitem__(self, key: str) -> Any:
        return self.values[key]


def defaults() -> Config:
    return Config()


# --- where -------------------------------------------------------------------------


def system_path() -> Path:
    return resources.site_config_dir() / FILE_NAME


def beside_program_path() -> Path:
    program = Path(sys.executable if getattr(sys, "frozen", False) else sys.argv[0] or ".").resolve()
    return program.parent / FILE_NAME


def find_config(explicit: Path | None = None) -> Path | None:
    """The file to read, by the rule above; None when there is none (built-in defaults)."""
    if explicit is not None:
        return explicit
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    for path in (system_path(), beside_program_path()):
        if path.is_file():
            return path
    return None


# --- reading -----------------------------------------------------------------------


def _key_lines(text: str) -> dict[str, int]:
    """The line of each `section.key` and `section` (tomllib gives values, not positions)."""
    lines: dict[str, int] = {}
    section = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.match(r"^\[\s*([^\]]+?)\s*\]", stripped)
        if header:
            section = header.group(1)
            lines.setdefault(section, number)
            continue
        assignment = re.match(r'^([A-Za-z0-9_"\-]+)\s*=', stripped)
        if assignment:
            name = assignment.group(1).strip('"')
            lines.setdefault(f"{section}.{name}" if section else name, number)
    return lines


def _check_value(setting: Setting, value: Any, fail) -> Any:
    kind = setting.kind
    if kind == "bool":
        if not isinstance(value, bool):
            fail(f"{value!r} is not true or false", "write true or false, without quotes")
        return value
    if kind in ("int", "float"):
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not number or (kind == "int" and isinstance(value, float)):
            fail(f"{value!r} is not a {'whole ' if kind == 'int' else ''}number",
                 f"write {setting.allowed()}, without quotes")
        if not setting.low <= value <= setting.high:
            fail(f"{value:g} is out of range", f"use {setting.allowed()}")
        return float(value) if kind == "float" else value
    if kind == "choice":
        if value not in setting.choices or isinstance(value, bool):
            fail(f"{value!r} is not allowed", f"use {setting.allowed()}")
        return value
    if kind == "language":
        if value not in LANGUAGES:
            fail(f"unknown language {value!r}", f"use {setting.allowed()}")
        return value
    if kind == "languages":
        if not isinstance(value, list) or not value or not all(isinstance(code, str) for code in value):
            fail("is not a list of language codes", f'use {setting.allowed()}, e.g. ["en", "es"]')
        for code in value:
            if code not in LANGUAGES:
                fail(f"unknown language {code!r}", f"use codes from: {', '.join(LANGUAGES)}")
        if len(set(value)) != len(value):
            fail("lists a language twice", "list each language once")
        return tuple(value)
    if kind == "phone":
        if not isinstance(value, str):
            fail(f"{value!r} is not text", 'put the number in double quotes, e.g. "1-555-010-0199"')
        value = value.strip()
        if not value and setting.default == "":
            return value
        if (len(value) > PHONE_MAX or not PHONE_PATTERN.fullmatch(value)
                or not any(ch.isdigit() for ch in value)):
            fail(f"{value!r} is not a phone number", f"use {setting.allowed()}")
        return value
    if kind == "folder":
        if not isinstance(value, str):
            fail(f"{value!r} is not text", 'put the folder in double quotes, e.g. "/var/lib/prometheus/node-exporter"')
        value = value.strip()
        # A relative path would depend on the working folder the service happens to start in.
        if value and (len(value) > setting.high or any(ch in value for ch in "\0\n\r")
                      or not Path(value).is_absolute()):
            fail(f"{value!r} is not a full folder path", f"use {setting.allowed()}")
        return value
    if kind == "keys":
        return _check_keys(setting, value, fail)
    # text
    if not isinstance(value, str):
        fail(f"{value!r} is not text", "put the text in double quotes")
    if setting.pattern and value and not re.fullmatch(setting.pattern, value):
        fail("is not a PIN hash", "run `kiosk set-pin` to write it; never write a PIN here")
    if setting.high is not None and len(value) > setting.high:
        fail(f"is {len(value)} characters long", f"use {setting.allowed()}")
    return value


_KEY_BY_LOWER = {name.lower(): name for name in KEY_NAMES}


def _check_keys(setting: Setting, value: Any, fail) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        fail(f"{value!r} is not a list of key names", f'write them in brackets, e.g. {_example(setting)}')
    names = []
    for written in value:
        name = _KEY_BY_LOWER.get(written.strip().lower())
        if name is None:
            fail(f"unknown key {written!r}", f"use these names: {KEY_LIST}")
        if name in names:
            fail(f"lists the key {name!r} twice", "list each key once")
        names.append(name)
    return tuple(names)


def _example(setting: Setting) -> str:
    return "[" + ", ".join(f'"{name}"' for name in setting.default) + "]"


def _check_keypad(values: dict[str, Any], lines: dict[str, int], file: Path | str) -> None:
    """A key does one thing: two keypad settings never share one. The error names the
    setting written in the file (the other may be a default)."""
    owner: dict[str, str] = {}
    for key in KEYPAD_KEYS:
        for name in values[key]:
            if name in owner:
                here, other = (key, owner[name]) if key in lines or owner[name] not in lines else (owner[name], key)
                kept = "" if other in lines else " (its default)"
                raise ConfigError(file, lines.get(here), here, f"the key {name!r} is also in {other}{kept}",
                                  f"give each key one job: remove it here or from {other}")
            owner[name] = key


def parse_config(text: str, file: Path | str) -> Config:
    """Check every setting in `text` against SCHEMA; raise ConfigError on the first fault."""
    import tomllib  # only when there is a file: most starts find none, or one, once

    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise ConfigError(file, None, "", f"is {len(text.encode('utf-8')) // 1024} KB, far more than settings take",
                          f"check it is the kiosk's settings file (at most {MAX_FILE_BYTES // 1024} KB)")
    text = text.removeprefix("\ufeff")  # a byte order mark, as some Windows editors save UTF-8
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"line (\d+)", str(error))
        raise ConfigError(file, int(found.group(1)) if found else None, "", f"not valid TOML ({error})",
                          "check the quotes, brackets and = signs on that line") from None
    except RecursionError:
        raise ConfigError(file, None, "", "brackets nested too deeply to read",
                          "settings are plain values and lists of words: remove the nesting") from None
    lines = _key_lines(text)
    sections = sorted({key.split(".")[0] for key in SETTINGS})
    values = Config().values
    for section, table in data.items():
        if section not in sections:
            raise ConfigError(file, lines.get(section), section, "unknown section",
                              f"the sections are {', '.join(f'[{s}]' for s in sections)}")
        if not isinstance(table, dict):
            raise ConfigError(file, lines.get(section), section, "must be a section",
                              f"write it as [{section}] with its settings below")
        for name, value in table.items():
            key = f"{section}.{name}"
            line = lines.get(key)
            if key not in SETTINGS:
                known = ", ".join(k.split(".")[1] for k in SETTINGS if k.startswith(section + "."))
                raise ConfigError(file, line, key, "unknown setting", f"[{section}] has: {known}")

            def fail(problem: str, fix: str, key=key, line=line):
                raise ConfigError(file, line, key, problem, fix)

            values[key] = _check_value(SETTINGS[key], value, fail)
    if values["languages.default"] not in values["languages.enabled"]:
        key = "languages.default"
        raise ConfigError(file, lines.get(key) or lines.get("languages.enabled"), key,
                          f"{values[key]!r} is not among the enabled languages",
                          f"pick one of {', '.join(values['languages.enabled'])}, or enable it")
    _check_keypad(values, lines, file)
    return Config(values, Path(file))


def load_config(path: Path | None = None) -> Config:
    """The settings by the rule above; raises ConfigError if the file found is wrong."""
    file = find_config(path)
    if file is None:
        return Config()
    if not file.is_file():
        where = "given with --config" if path is not None else f"named by ${ENV_VAR}"
        raise ConfigError(file, None, "", "file not found", f"check the path {where}")
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(file, None, "", "not UTF-8 text", "save the file as UTF-8") from None
    except OSError as error:
        raise ConfigError(file, None, "", f"cannot be read ({error.strerror})",
                          "check the file's permissions") from None
    return parse_config(text, file)


def schema_table() -> str:
    """The settings as a Markdown table (README; `kiosk --check`)."""
    rows = ["| setting | default | allowed | what it does |", "|---|---|---|---|"]
    for s in SCHEMA:
        default = list(s.default) if isinstance(s.default, tuple) else s.default
        shown = str(default).lower() if isinstance(default, bool) else repr(default) if isinstance(default, str) \
            else default
        rows.append(f"| `{s.key}` | `{shown}` | {s.allowed()} | {s.description} |")
    return "\n".join(rows)
