"""`kiosk --screenshots DIR`: every screen at every supported resolution, as PNG files, and a
contact sheet per language and resolution for review.

Every screen of the guide (welcome, the topic list, each topic's screens and its closing
screen), then the screens around them: the language picker, the attract screen (in the
language being rendered), "Still there?" over a topic's first screen, the PIN pad (a made-up
PIN set, a few digits typed), the admin screen, at its top and scrolled to its end (made-up
usage figures in a temporary statistics file, never the terminal's own), My questions, Show my
nurse and the card (two sample pages marked), and "Check what you learned" after the first topic:
its first question, then that question answered wrong (the page taught again).

One window per language and resolution: the text size and theme are switched in it, as the
patient's buttons do, rather than a window built per variant.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

RESOLUTIONS = ((1920, 1080), (1080, 1920), (1366, 768), (1280, 800))
EXTRA_SCREENS = ("language-picker", "text-and-language", "attract", "still-there", "pin-pad", "admin", "admin-usage",
                 "my-questions", "show-my-nurse", "card", "check", "check-reteach")
SAMPLE_PIN = "402817"  # made up: the pad's keys are enabled only when a PIN is set
TYPED = "4028"  # shown on the pad as dots
# Made-up anonymous usage for the admin screen: sessions a day, the last 14 days, oldest first.
SAMPLE_SESSIONS_PER_DAY = (3, 5, 0, 4, 6, 2, 7, 5, 3, 8, 4, 6, 5, 2)
SAMPLE_LANGUAGES = ("en", "es", "en", "zh", "en", "vi", "es", "ar")
SAMPLE_SCREENS = ("most-important-1", "get-help-now-1", "liver-1", "common-side-effects-2")
# Pages marked "I have a question about this" for My questions, Show my nurse and the card.
SAMPLE_QUESTIONS = ("liver-signs", "main-who-to-call")


def variants(all_variants: bool) -> list[tuple[int, bool]]:
    """(text step, high contrast) pairs: 100 %, 150 %, 200 %, then the same in high contrast."""
    from kiosk.ui.theme import TEXT_SCALES

    if not all_variants:
        return [(0, False)]
    return [(step, contrast) for contrast in (False, True) for step in range(len(TEXT_SCALES))]


def variant_folder(step: int, contrast: bool) -> str:
    from kiosk.ui.theme import TEXT_SCALES

    return f"text{round(TEXT_SCALES[step] * 100)}{'-contrast' if contrast else ''}"


def variant_label(step: int, contrast: bool) -> str:
    from kiosk.ui.theme import TEXT_SCALES

    return f"text {round(TEXT_SCALES[step] * 100)} %, {'high contrast' if contrast else 'default theme'}"


def render_all(out_dir: Path, *, all_variants: bool = False, languages: tuple[str, ...] = ("en",),
               sizes: tuple[tuple[int, int], ...] = RESOLUTIONS, config_file: Path | None = None) -> int:
    """Every screen of the guide and the screens around it; with more than one language, a
    folder per language. With a settings file, its numbers and draft mark are shown."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.app import create_application, load_or_explain
    from kiosk.config import Config, ConfigError, load_config
    from kiosk.ui.theme import load_fonts

    began = time.monotonic()
    create_application()
    # Every script's fonts, as the kiosk has them just after its first paint: a Latin screen
    # takes a few glyphs from Noto Sans, which changes its line heights.
    load_fonts(everything=True)
    try:
        settings = load_config(config_file) if config_file else Config()
    except ConfigError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 1
    guide, reason = load_or_explain()
    if guide is None:
        print(f"kiosk: the guide cannot be shown: {reason}", file=sys.stderr)
        return 1
    count = sheets = 0
    with tempfile.TemporaryDirectory(prefix="kiosk-screenshots-") as temporary:
        stats = sample_statistics(Path(temporary))
        try:
            for code in languages:
                for width, height in sizes:
                    folder = out_dir / code if len(languages) > 1 else out_dir
                    made = render_window(guide, settings, stats, code, (width, height),
                                         folder / f"{width}x{height}", variants(all_variants),
                                         out_dir / "contact-sheets" / f"{code}-{width}x{height}.png")
                    if made is None:
                        return 1
                    count += made
                    sheets += 1
        finally:
            stats.close()
    print(f"wrote {count} screenshots and {sheets} contact sheet{'s' * (sheets != 1)} under {out_dir} "
          f"in {time.monotonic() - began:.1f} s")
    return 0


def render_window(guide, settings, stats, code: str, size: tuple[int, int], folder: Path,
                  shown_variants: list[tuple[int, bool]], sheet_file: Path) -> int | None:
    """One window in `code` at `size`: every screen in every variant, and their contact sheet.
    The number of screenshots, or None (said on stderr) when the language cannot be shown."""
    from PySide6.QtCore import QEvent, QSize
    from PySide6.QtWidgets import QApplication

    from kiosk import __version__
    from kiosk.admin.pin import PinGate, hash_pin
    from kiosk.contact_sheet import PNG_QUALITY, ContactSheet
    from kiosk.i18n.languages import all_languages
    from kiosk.ui.display import Display
    from kiosk.ui.main_window import MainWindow

    began = time.monotonic()
    width, height = size
    display = Display()
    window = MainWindow(guide, display, settings=settings, pin_gate=PinGate(hash_pin(SAMPLE_PIN)))
    window.resize(width, height)
    window.show()
    try:
        if not window.set_language(code):
            print(f"kiosk: {code} cannot be shown: {window.languages.why_not(code)}", file=sys.stderr)
            return None
        shots = screens(window, stats)
        several = len(shown_variants) > 1
        name = {language.code: language.english_name for language in all_languages()}.get(code, code)
        total = len(shots) * len(shown_variants)
        sheet = ContactSheet(f"{name} ({code}), {width}x{height}: {total} screenshots. Kiosk {__version__}, "
                             f"guide content {guide.content_version}", QSize(width, height), total, len(shown_variants))
        for which, (step, contrast) in enumerate(shown_variants):
            display.set_text_step(step)
            display.set_high_contrast(contrast)
            target = folder / variant_folder(step, contrast) if several else folder
            target.mkdir(parents=True, exist_ok=True)
            for number, (shot, show) in enumerate(shots):
                show()
                image = window.grab().toImage()
                image.save(str(target / f"{number:02d}-{shot}.png"), "PNG", PNG_QUALITY)
                window.session_view.stop_asking()  # "Still there?" lies over the window: gone for the next
                sheet.add(image, number * len(shown_variants) + which, f"{number:02d} {shot}",
                          variant_label(step, contrast))
        sheet.save(sheet_file)
        print(f"{code} {width}x{height}: {total} screenshots in {time.monotonic() - began:.1f} s", flush=True)
        return total
    finally:
        window.set_language("en")  # the translator is the application's: English for the next window
        settle()  # what that queued (a screen reader's words) runs while the window is still there
        window.close()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def screens(window, stats) -> list[tuple[str, Callable[[], None]]]:
    """(file name, how to show it) for every screenshot of a window, in order."""
    from functools import partial

    from kiosk.ui.navigator import every_place, place_name

    shots = [(place_name(place), partial(show_place, window, place)) for place in every_place(window.guide)]
    extras = {"language-picker": show_language_picker, "text-and-language": show_display_settings,
              "attract": show_attract, "still-there": show_still_there,
              "pin-pad": show_pin_pad, "admin": partial(show_admin, stats=stats), "admin-usage": show_admin_end,
              "my-questions": partial(show_take_home, what="questions"),
              "show-my-nurse": partial(show_take_home, what="nurse"), "card": partial(show_take_home, what="card"),
              "check": show_check, "check-reteach": show_check_reteach}
    return shots + [(name, partial(extras[name], window)) for name in EXTRA_SCREENS]


def settle() -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    # Layouts settle over a few passes (wrapping text, reflowed tiles, a screen with danger
    # signs making room for them): the event loop would run them within a frame.
    for _ in range(8):
        QApplication.processEvents()
        # Widgets a screen replaced (deleteLater) are gone by now in the running kiosk; here
        # nothing returns to an event loop, and they would still show behind the new ones.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def show_place(window, place) -> None:
    """Move the window's navigator to `place` and let Qt lay it out."""
    from kiosk.ui.navigator import HOME, WELCOME

    nav = window.navigator
    if place.kind == WELCOME:
        nav.welcome()
    elif place.kind == HOME:
        nav.home()
    else:
        nav.open_topic(place.topic_id, place.index)
    settle()


def show_language_picker(window) -> None:
    window.open_language_picker()
    settle()


def show_display_settings(window) -> None:
    """The folded top bar's "Text and language" screen (made when first needed)."""
    from kiosk.ui.wiring import open_display_settings

    open_display_settings(window)
    settle()


def show_attract(window) -> None:
    """The attract screen, showing the window's language (it shows each in turn)."""
    code = window.languages.code
    window.session.to_attract()
    attract = window.session_view.attract
    for _ in attract.languages:
        if attract.current() == code:
            break
        attract.next_language()
    window.session_view.stop_attract()  # no turning to the next language mid-shot
    settle()


def show_still_there(window) -> None:
    """"Still there?" over a topic's first screen, as it comes after the idle time."""
    from kiosk.ui.navigator import PAGE, Place

    show_place(window, Place(PAGE, window.guide.topics[0].id, 0))
    window.session_view.ask_still_there(window.settings["session.warning_s"])
    settle()


def show_pin_pad(window) -> None:
    window.staff.open_pin_pad()
    for digit in TYPED:
        window.staff.pad.press(digit)
    settle()


def show_admin(window, stats) -> None:
    """The admin screen with the made-up usage figures (attached only while it is made)."""
    window.session.attach_stats(stats)
    try:
        window.staff.open_admin()
    finally:
        window.session.attach_stats(None)
    settle()


def show_admin_end(window) -> None:
    """The admin screen (just shown) scrolled to its end: the usage figures and their chart."""
    from PySide6.QtWidgets import QAbstractScrollArea

    for area in window.staff.admin.findChildren(QAbstractScrollArea):
        area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    settle()


def show_take_home(window, what: str) -> None:
    """My questions, Show my nurse or the card, with the sample pages marked."""
    take_home = window.take_home
    for screen_id in SAMPLE_QUESTIONS:
        take_home.set_marked(screen_id, True)
    {"questions": take_home.open_questions, "nurse": take_home.open_nurse, "card": take_home.open_card}[what]()
    settle()  # (the card's code is drawn just after the screen is shown)
    settle()


def show_check(window) -> None:
    """"Check what you learned" after the first topic (the most important signs): its first question."""
    window.teach_back.open(window.guide.topics[0].id)
    settle()


def show_check_reteach(window) -> None:
    """That question (just shown) answered wrong: the page that answers it, taught again."""
    screen = window.teach_back.screen
    wrong = next(index for index, answer in enumerate(screen.question().answers) if not answer.right)
    screen.answer_buttons[wrong].click()
    settle()


def sample_statistics(folder: Path):
    """A statistics file in `folder` with made-up anonymous sessions over the last 14 days, some
    with first answers to "Check what you learned" questions (a kiosk.stats.UsageStats: the
    admin screen reads its summary)."""
    from kiosk.stats import DB_FILE, UsageStats

    # (question id, how often of every 10 first answers were right): made up
    answered = (("check-fever-at-home", 4), ("check-trouble-breathing", 9), ("check-liver-late", 5),
                ("check-gums-bleed", 7), ("check-chest-pain", 8), ("check-what-it-treats", 10))
    stats = UsageStats(folder / DB_FILE)
    noon = dt.datetime.now(dt.UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    made = 0
    for days_ago, sessions in zip(range(len(SAMPLE_SESSIONS_PER_DAY) - 1, -1, -1), SAMPLE_SESSIONS_PER_DAY):
        for n in range(sessions):
            started = noon - dt.timedelta(days=days_ago, minutes=41 * n)
            ended = started + dt.timedelta(minutes=3 + made % 6)
            row = stats.db.execute(
                "INSERT INTO sessions (started, ended, end_reason, language, listen_mode, read_aloud) "
                "VALUES (?, ?, 'idle', ?, ?, ?)",
                (started.isoformat(), ended.isoformat(), SAMPLE_LANGUAGES[made % len(SAMPLE_LANGUAGES)],
                 int(made % 7 == 0), int(made % 3 == 0))).lastrowid
            for screen in SAMPLE_SCREENS[:1 + made % len(SAMPLE_SCREENS)]:
                stats.db.execute("INSERT INTO events (session_id, at, kind, detail) VALUES (?, ?, 'screen', ?)",
                                 (row, started.isoformat(), screen))
            for question, right_of_10 in answered[:made % (len(answered) + 1)]:
                result = "right" if (made * 3) % 10 < right_of_10 else "wrong"
                stats.db.execute("INSERT INTO events (session_id, at, kind, detail) VALUES (?, ?, 'answer', ?)",
                                 (row, started.isoformat(), f"{question}:{result}"))
            made += 1
    return stats
