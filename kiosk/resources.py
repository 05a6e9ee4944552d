"""Where the kiosk's files live. The only module that knows.

From source the data folders (assets/, i18n/) sit beside the `kiosk` package, at the
project root; inside a PyInstaller bundle they sit at the same relative place under the
bundle's folder (sys._MEIPASS). Every other module asks here, so both cases work alike.
"""

from __future__ import annotations

import sys
from pathlib import Path


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
    return sorted(p for p in asset("fonts").iterdir() if p.suffix in (".ttf", ".otf", ".ttc"))


def i18n_dir() -> Path:
    return root() / "i18n"
