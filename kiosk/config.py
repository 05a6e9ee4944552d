"""The site's settings: one TOML file that IT staff edit.

Where: `kiosk --config FILE`, else $KIOSK_CONFIG, else `kiosk.toml` in the system's site
configuration folder (platformdirs: /etc/xdg/infusion-kiosk on Linux, C:\\ProgramData\\...
on Windows). No file: the defaults. A broken file is refused with one line naming the file,
the place and the fix; the kiosk then starts with the defaults and logs that line.

    [languages]
    offer = ["en", "es", "zh"]   # which languages patients may choose, in this order
    hide_unreviewed = true       # offer only catalogs a medical translator has reviewed
    start = "en"                 # the language each session starts in
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from kiosk.i18n.languages import LANGUAGES, SOURCE_LANGUAGE

APP_DIR_NAME = "infusion-kiosk"
FILE_NAME = "kiosk.toml"


class ConfigError(Exception):
    def __init__(self, file: Path | str, line: int | None, place: str, problem: str, fix: str):
        self.file, self.line, self.place, self.problem, self.fix = str(file), line, place, problem, fix
        where = f"{file}:{line}" if line else str(file)
        super().__init__(f"{where}: {place}: {problem} — {fix}" if place else f"{where}: {problem} — {fix}")


@dataclass(frozen=True)
class LanguageSettings:
    offer: tuple[str, ...] = LANGUAGES
    hide_unreviewed: bool = False
    start: str = SOURCE_LANGUAGE


@dataclass(frozen=True)
class Config:
    languages: LanguageSettings = field(default_factory=LanguageSettings)
    file: Path | None = None  # where it came from; None: the defaults


def default_path() -> Path:
    return platformdirs.site_config_path(APP_DIR_NAME, appauthor=False) / FILE_NAME


def config_path(explicit: Path | None = None) -> Path:
    if explicit is not None:
        return explicit
    if os.environ.get("KIOSK_CONFIG"):
        return Path(os.environ["KIOSK_CONFIG"])
    return default_path()


def _line_of(text: str, section: str, key: str) -> int | None:
    """The line a key is on (tomllib gives values, not positions)."""
    in_section = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_section = stripped == f"[{section}]"
        elif in_section and re.match(rf"{re.escape(key)}\s*=", stripped):
            return number
    return None


def load_config(path: Path | None = None, *, required: bool = False) -> Config:
    """The settings from `path` (or the usual place). Raises ConfigError if the file is wrong."""
    file = config_path(path)
    if not file.is_file():
        if required or path is not None:
            raise ConfigError(file, None, "", "file not found", "check the path given with --config")
        return Config()
    try:
        text = file.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise ConfigError(file, None, "", "not UTF-8 text", "save the file as UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"line (\d+)", str(error))
        raise ConfigError(file, int(found.group(1)) if found else None, "", f"not valid TOML ({error})",
                          "check the quotes and brackets on that line") from None

    unknown = sorted(set(data) - {"languages"})
    if unknown:
        raise ConfigError(file, None, unknown[0], "unknown section or key", "the known section is [languages]")
    raw = data.get("languages", {})
    if not isinstance(raw, dict):
        raise ConfigError(file, None, "languages", "must be a section", "write it as [languages]")
    known = {"offer", "hide_unreviewed", "start"}
    for key in raw:
        if key not in known:
            raise ConfigError(file, _line_of(text, "languages", key), f"languages.{key}", "unknown setting",
                              f"use one of: {', '.join(sorted(known))}")
    offer = raw.get("offer", list(LANGUAGES))
    line = _line_of(text, "languages", "offer")
    if not isinstance(offer, list) or not offer or not all(isinstance(code, str) for code in offer):
        raise ConfigError(file, line, "languages.offer", "must be a non-empty list of language codes",
                          f'e.g. offer = ["en", "es"]; the kiosk has {", ".join(LANGUAGES)}')
    for code in offer:
        if code not in LANGUAGES:
            raise ConfigError(file, line, "languages.offer", f"unknown language '{code}'",
                              f"use codes from: {', '.join(LANGUAGES)}")
    hide = raw.get("hide_unreviewed", False)
    if not isinstance(hide, bool):
        raise ConfigError(file, _line_of(text, "languages", "hide_unreviewed"), "languages.hide_unreviewed",
                          "must be true or false", "write hide_unreviewed = true (no quotes)")
    start = raw.get("start", SOURCE_LANGUAGE)
    if start not in offer and start != SOURCE_LANGUAGE:
        raise ConfigError(file, _line_of(text, "languages", "start"), "languages.start",
                          f"'{start}' is not among the offered languages", "pick one from `offer`")
    return Config(LanguageSettings(tuple(offer), hide, start), file)
