"""Make the kiosk's Chinese and Korean fonts: Noto Sans CJK SC and KR, Regular and Bold, cut
to the characters Simplified Chinese and Korean text uses, from Debian's full collections
(19.5 MB and 20.1 MB -> ~5.5 MB a weight).

    apt-get install fonts-noto-cjk
    .venv/bin/pip install -c requirements.lock -e ".[fonts]"
    .venv/bin/python packaging/subset_cjk_fonts.py [--source NotoSansCJK-Regular.ttc] \
        [--bold-source NotoSansCJK-Bold.ttc]

Writes assets/fonts/NotoSansCJK{sc,kr}-{Regular,Bold}-subset.otf. Both weights keep the same
characters, so a bold heading never falls back to another font for one of them.
Kept: every character of GB 2312 (the 6,763 common Chinese characters and its symbols), every
modern Hangul syllable (11,172) and jamo, Latin, CJK punctuation and full-width forms, and
anything else the zh and ko catalogs use (so a reviewed translation is always covered), with
all OpenType features. Run it again after a catalog gains a character outside these sets:
tests/ui/test_language_switch.py fails, naming the character, until it is covered.
The output is the same for the same input (no timestamps change).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

try:
    from fontTools import subset
    from fontTools.ttLib import TTFont
except ImportError:
    sys.exit('subset_cjk_fonts.py needs fontTools: .venv/bin/pip install -c requirements.lock -e ".[fonts]"')

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "assets" / "fonts"
DEBIAN_FOLDER = Path("/usr/share/fonts/opentype/noto")
# The collections fonts-noto-cjk 1:20220127+repack1-1 (Debian 12) installs.
SOURCE_SHA256 = {"Regular": "b76b0433203017ca80401b2ee0dd69350349871c4b19d504c34dbdd80541690a",
                 "Bold": "faa5f3656a78b2e2d450d27fe8382c778bc2b6bb5ea29c986664a6a435056ceb"}
COLLECTION_INDEX = {"sc": 2, "kr": 1}  # fonts in the collection: JP, KR, SC, TC, HK, then Mono


def chars(*ranges: tuple[int, int]) -> set[str]:
    return {chr(code) for start, end in ranges for code in range(start, end + 1)}


def double_byte(codec: str, lead: range) -> set[str]:
    """Every character a double-byte (EUC) character set encodes with these lead bytes."""
    found = set()
    for first in lead:
        for second in range(0xA1, 0xFF):
            try:
                found.add(bytes((first, second)).decode(codec))
            except UnicodeDecodeError:
                pass
    return found


# Latin and Latin-1, general punctuation, CJK symbols and punctuation, full-width forms.
COMMON = chars((0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFFEF))
WANTED = {
    "sc": COMMON | double_byte("gb2312", range(0xA1, 0xF8)),
    # Hangul syllables, Hangul Jamo, compatibility jamo.
    "kr": COMMON | chars((0xAC00, 0xD7A3), (0x1100, 0x11FF), (0x3130, 0x318F)),
}
CATALOG = {"sc": "zh.po", "kr": "ko.po"}


def catalog_chars(name: str) -> set[str]:
    import polib

    catalog = polib.pofile(str(ROOT / "i18n" / name))
    return {ch for entry in catalog for ch in entry.msgstr if not ch.isspace()}


def make(source: Path, face: str, weight: str) -> Path:
    font = TTFont(source, fontNumber=COLLECTION_INDEX[face], recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = ["*"]  # vertical forms, locale forms, kerning: all kept
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(ch) for ch in WANTED[face] | catalog_chars(CATALOG[face])))
    subsetter.subset(font)
    out = FONTS / f"NotoSansCJK{face}-{weight}-subset.otf"
    font.save(out)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEBIAN_FOLDER / "NotoSansCJK-Regular.ttc")
    parser.add_argument("--bold-source", type=Path, default=DEBIAN_FOLDER / "NotoSansCJK-Bold.ttc")
    args = parser.parse_args()
    sources = {"Regular": args.source, "Bold": args.bold_source}
    for source in sources.values():
        if not source.is_file():
            print(f"{source}: not found; install Debian's fonts-noto-cjk or give --source and --bold-source",
                  file=sys.stderr)
            return 1
    for weight, source in sources.items():
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        if digest != SOURCE_SHA256[weight]:
            print(f"note: {source} is not the collection the shipped fonts were made from "
                  f"(sha256 {digest}); say so in assets/fonts/README.md", file=sys.stderr)
        for face in COLLECTION_INDEX:
            out = make(source, face, weight)
            print(f"{out.relative_to(ROOT)}: {out.stat().st_size / 1e6:.1f} MB, "
                  f"sha256 {hashlib.sha256(out.read_bytes()).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
