"""Translator's and reviewer's commands.

    python -m kiosk.i18n update          refresh i18n/kiosk.pot and every i18n/<code>.po
    python -m kiosk.i18n packets DIR     write one HTML review packet per language
    python -m kiosk.i18n check           run the safety checks on every catalog
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.i18n", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("update", help="extract the English strings and update every catalog")
    packets = commands.add_parser("packets", help="write the HTML review packets")
    packets.add_argument("folder", type=Path)
    commands.add_parser("check", help="run the safety checks on every catalog")
    args = parser.parse_args(argv)

    if args.command == "update":
        from kiosk.i18n.extract import update

        for path in update():
            print(f"updated {path}")
        return 0
    if args.command == "packets":
        from kiosk.i18n.packet import write_packets

        for path in write_packets(args.folder):
            print(f"wrote {path}")
        return 0
    from kiosk.i18n.checks import check_all, report

    results = check_all()
    print(report(results))
    return 1 if any(result.problems for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
