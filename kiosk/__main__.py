"""The `kiosk` command: start the kiosk, or check, or render screenshots."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from kiosk import __version__


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1920x1080") from None
    return width, height


def _sizes(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(_size(part) for part in text.split(",") if part.strip())


def _languages(text: str) -> tuple[str, ...]:
    from kiosk.i18n.codes import LANGUAGES

    codes = tuple(code.strip() for code in text.split(",") if code.strip())
    unknown = [code for code in codes if code not in LANGUAGES]
    if unknown or not codes:
        raise argparse.ArgumentTypeError(f"'{text}': use language codes from {', '.join(LANGUAGES)}")
    return codes


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="Patient-education kiosk: a touch-screen medicine guide.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("command", nargs="?", choices=("set-pin", "stats"),
                        help="set-pin: write the admin PIN's salted hash into the settings file; "
                             "stats: print the anonymous usage statistics")
    parser.add_argument("--csv", type=Path, metavar="FILE", help="with stats: also export every event to FILE")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true",
                      help="validate the content and assets, print every screen's reading grade, and exit")
    mode.add_argument("--self-test", action="store_true",
                      help="off-screen: every screen in every enabled language, one sentence per voice, "
                           "the log and statistics folders; exit 0 only when all is well")
    mode.add_argument("--screenshots", metavar="DIR", type=Path,
                      help="render every screen, the language picker, attract screen, \"Still there?\", PIN pad "
                           "and admin screen at 1920x1080, 1080x1920, 1366x768 and 1280x800 to PNG files, with a "
                           "contact sheet per language and resolution (DIR/contact-sheets)")
    parser.add_argument("--strict", action="store_true",
                        help="with --check: also exit 1 unless ready for patients (the guide and every "
                             "language offered reviewed)")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="the site's settings file (default: $KIOSK_CONFIG, else the system's kiosk.toml)")
    parser.add_argument("--windowed", action="store_true", help="run in a window (for development)")
    parser.add_argument("--size", type=_size, metavar="WxH", help="window size with --windowed, e.g. 1080x1920")
    parser.add_argument("--all-languages", action="store_true",
                        help="with --screenshots: every language, one folder each")
    parser.add_argument("--all-text-sizes", action="store_true",
                        help="with --screenshots: also render at 150%% and 200%% text and in high contrast")
    parser.add_argument("--languages", type=_languages, metavar="CODES",
                        help="with --screenshots: only these languages, e.g. en,ar (a folder each when more "
                             "than one)")
    parser.add_argument("--sizes", type=_sizes, metavar="WxH,...",
                        help="with --screenshots: only these resolutions, e.g. 1280x800,1080x1920")
    parser.add_argument("--quit-after", type=int, metavar="MS", help=argparse.SUPPRESS)
    # For bench/: print "first_paint <monotonic seconds>" once the welcome screen is painted, then exit.
    parser.add_argument("--report-first-paint", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.command == "stats":
        from kiosk.stats import print_stats

        return print_stats(args.csv)
    if args.command == "set-pin":
        from kiosk.admin.set_pin import set_pin

        return set_pin(args.config)
    if args.self_test:
        from kiosk.self_test import run_self_test

        return run_self_test(args.config)
    if args.check:
        from kiosk.check import run_check

        return run_check(args.config, strict=args.strict)
    if args.screenshots:
        from kiosk.i18n.languages import LANGUAGES
        from kiosk.screenshots import RESOLUTIONS, render_all

        languages = args.languages or (LANGUAGES if args.all_languages else ("en",))
        return render_all(args.screenshots, all_variants=args.all_text_sizes, languages=languages,
                          sizes=args.sizes or RESOLUTIONS, config_file=args.config)

    from kiosk.app import has_display, run

    if not has_display():
        print("kiosk: no display found (DISPLAY and WAYLAND_DISPLAY are not set): start it from the "
              "terminal's desktop session, or use --check / --screenshots DIR, which need none.",
              file=sys.stderr)
        return 2
    from kiosk.logs import setup_logging

    setup_logging()  # the start line follows once the settings are read (kiosk/app.py: it names the site)
    return run(windowed=args.windowed or bool(args.size), size=args.size, quit_after_ms=args.quit_after,
               config_file=args.config, report_first_paint=args.report_first_paint)


if __name__ == "__main__":
    sys.exit(main())
