"""Where the kiosk's files live. The only module that knows.

From source the data folders (assets/, i18n/) sit beside the `kiosk` package, at the
project root; inside a PyInstaller bundle they sit at the same relative place under the
bundle's folder (sys._MEIPASS). Every other module asks here, so both cases work alike.
The machine's own folders for settings, logs and statistics are found here too.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# The kiosk's folder name in the system's configuration, log and data folders.
APP_DIR_NAME = "infusion-kiosk"
# The bundled font every Latin-script screen is drawn in (assets/fonts).
FONT_FAMILY = "Atkinson Hyperlegible"
# The icons the screens themselves use, beside those the guide names (assets/icons).
UI_ICONS = {
    "home": "places/home",
    "urgent": "symbols/alert",
    "warning": "symbols/alert_triangle",
    "welcome": "symbols/health_literacy",
    "topic-done": "symbols/yes",
    "language": "symbols/globe",
    "card": "objects/prescription_document",  # the "When to get help" card
    "question": "objects/health_worker_form",  # "I have a question about this", My questions
    "nurse": "people/nurse",  # Show my nurse
    "marked": "symbols/yes",  # a page on the patient's list of questions
    "check": "symbols/i_exam_multiple_choice",  # Check what you learned
}


def is_frozen() -> bool:
    """True inside a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def root() -> Path:
    if is_frozen():
        return Path(sys._MEIPASS)  # type: ignore[attr-defined]
    return Path(__file__).resolve().parent.parent


def assets_dir() -> Path:
    return root() / "assets"


def asset(*parts: str) -> Path:
    """A file under assets/, e.g. asset("fonts", "AtkinsonHyperlegible-Regular.ttf")."""
    return assets_dir().joinpath(*parts)


def guide_file(language: str = "en") -> Path:
    return asset("guide", f"guide.{language}.yaml")


def icons_dir() -> Path:
    return asset("icons")


def icon_file(name: str) -> Path:
    """An icon by its name in the guide, e.g. "body/liver" -> assets/icons/body/liver.svg."""
    return icons_dir() / f"{name}.svg"


def font_files() -> list[Path]:
    """The bundled fonts; none (said once in the log) when their folder is missing: text is
    then drawn in the system's fonts, which is better than no guide at all."""
    folder = asset("fonts")
    try:
        return sorted(p for p in folder.iterdir() if p.suffix in (".ttf", ".otf", ".ttc"))
    except OSError as error:
        if folder not in _said_missing:
            _said_missing.add(folder)
            import logging

            logging.getLogger(__name__).error("fonts: cannot read %s (%s); text is drawn in the system's fonts "
                                              "-- reinstall the kiosk", folder, error.strerror or error)
        return []


_said_missing: set[Path] = set()


def i18n_dir() -> Path:
    return root() / "i18n"


# --- the machine's folders (platformdirs): settings, logs, statistics ------------------


def site_config_dir() -> Path:
    """Where IT staff put the settings file (/etc/xdg/infusion-kiosk, C:\\ProgramData\\...)."""
    import platformdirs

    return platformdirs.site_config_path(APP_DIR_NAME, appauthor=False)


def log_dir() -> Path:
    """$KIOSK_LOG_DIR, else the platform's log folder for the kiosk's account."""
    if os.environ.get("KIOSK_LOG_DIR"):
        return Path(os.environ["KIOSK_LOG_DIR"])
    import platformdirs

    return platformdirs.user_log_path(APP_DIR_NAME, appauthor=False)


def data_dir() -> Path:
    """$KIOSK_DATA_DIR, else the platform's data folder for the kiosk's account (statistics)."""
    if os.environ.get("KIOSK_DATA_DIR"):
        return Path(os.environ["KIOSK_DATA_DIR"])
    import platformdirs

    return platformdirs.user_data_path(APP_DIR_NAME, appauthor=False)


def speech_dir() -> Path:
    """$KIOSK_SPEECH_DIR, else the platform's runtime folder for the kiosk's account
    ($XDG_RUNTIME_DIR: memory-backed, emptied at logout and reboot), else its cache folder.
    The read-aloud audio lives in a subfolder per running kiosk (kiosk/speech/cache.py)."""
    if os.environ.get("KIOSK_SPEECH_DIR"):
        return Path(os.environ["KIOSK_SPEECH_DIR"])
    import platformdirs

    if os.environ.get("XDG_RUNTIME_DIR") and os.path.isdir(os.environ["XDG_RUNTIME_DIR"]):
        return platformdirs.user_runtime_path(APP_DIR_NAME, appauthor=False)
    return platformdirs.user_cache_path(APP_DIR_NAME, appauthor=False)
