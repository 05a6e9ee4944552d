"""`kiosk --screenshots DIR`: every screen at every supported resolution, as PNG files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

RESOLUTIONS = ((1920, 1080), (1080, 1920), (1366, 768), (1280, 800))


def render_all(out_dir: Path, *, all_variants: bool = False, languages: tuple[str, ...] = ("en",),
               config_file: Path | None = None) -> int:
    """Every screen of the guide; with more than one language, a folder per language
    (plus its language picker). With a settings file, its numbers and draft mark are shown."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kiosk.app import create_application, load_or_explain
    from kiosk.config import Config, ConfigError, load_config
    from kiosk.ui.display import Display
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.navigator import every_place, place_name
    from kiosk.ui.theme import TEXT_SCALES

    create_application()
    try:
        settings = load_config(config_file) if config_file else Config()
    except ConfigError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 1
    guide, reason = load_or_explain()
    if guide is None:
        print(f"kiosk: the guide cannot be shown: {reason}", file=sys.stderr)
        return 1
    variants = [(0, False)]
    if all_variants:
        variants = [(step, contrast) for contrast in (False, True) for step in range(len(TEXT_SCALES))]
    count = 0
    for code, (width, height), (step, contrast) in (
            (c, r, v) for c in languages for r in RESOLUTIONS for v in variants):
        display = Display(text_step=step, high_contrast=contrast)
        window = MainWindow(guide, display, settings=settings)
        window.resize(width, height)
        window.show()
        if not window.set_language(code):
            print(f"kiosk: {code} cannot be shown: {window.languages.why_not(code)}", file=sys.stderr)
            return 1
        folder = out_dir / code if len(languages) > 1 else out_dir
        folder = folder / f"{width}x{height}"
        if all_variants:
            folder = folder / f"text{round(TEXT_SCALES[step] * 100)}{'-contrast' if contrast else ''}"
        folder.mkdir(parents=True, exist_ok=True)
        for number, place in enumerate(every_place(guide)):
            show_place(window, place)
            window.grab().save(str(folder / f"{number:02d}-{place_name(place)}.png"))
            count += 1
        if len(languages) > 1:
            window.open_language_picker()
            for _ in range(3):
                QApplication.processEvents()
            window.grab().save(str(folder / "language-picker.png"))
            count += 1
        window.set_language("en")
        window.close()
        window.deleteLater()
        QApplication.processEvents()
    print(f"wrote {count} screenshots under {out_dir}")
    return 0


def show_place(window, place) -> None:
    """Move the window's navigator to `place` and let Qt lay it out."""
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.navigator import HOME, WELCOME

    nav = window.navigator
    if place.kind == WELCOME:
        nav.welcome()
    elif place.kind == HOME:
        nav.home()
    else:
        nav.open_topic(place.topic_id, place.index)
    for _ in range(3):  # layouts settle over a few passes (wrapping text, reflowed tiles)
        QApplication.processEvents()
