"""`kiosk --screenshots` through the real command line: the screens around the guide (language
picker, attract, "Still there?", PIN pad, admin), the contact sheets, and Arabic mirrored.

One small run (English and Arabic at 1280x800, one text size) serves every test here.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage

from kiosk.ui.theme import DEFAULT
from tests.conftest import run_kiosk

pytestmark = pytest.mark.slow

WIDTH, HEIGHT = 1280, 800
LANGUAGES = ("en", "ar")
# Named here, not taken from kiosk.screenshots: the screens the requirement asks for (the
# admin screen twice: at its top, and at its end with the usage figures; what a patient takes away).
EXTRA_SCREENS = ("language-picker", "text-and-language", "attract", "still-there", "pin-pad", "admin",
                 "admin-usage", "my-questions", "show-my-nurse", "card", "check", "check-reteach")


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    out = tmp_path_factory.mktemp("screenshots")
    result = run_kiosk("--screenshots", str(out), "--languages", ",".join(LANGUAGES),
                       "--sizes", f"{WIDTH}x{HEIGHT}", timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr  # an error in a slot does not change the exit code
    return out, result.stdout


def image(path) -> QImage:
    loaded = QImage(str(path))
    assert not loaded.isNull(), path
    return loaded.convertToFormat(QImage.Format.Format_RGB32)


def colours(picture: QImage, step: int = 16) -> int:
    return len({picture.pixel(x, y) for x in range(0, picture.width(), step) for y in range(0, picture.height(), step)})


def one(folder, name: str):
    found = sorted(folder.glob(f"[0-9][0-9]-{name}.png"))
    assert len(found) == 1, (name, [path.name for path in folder.iterdir()])
    return found[0]


def test_the_screens_around_the_guide_are_rendered_in_each_language(shots, guide):
    from kiosk.ui.navigator import every_place

    out, stdout = shots
    for code in LANGUAGES:
        folder = out / code / f"{WIDTH}x{HEIGHT}"
        assert len(list(folder.glob("*.png"))) == len(every_place(guide)) + len(EXTRA_SCREENS)
        pictures = {}
        for name in EXTRA_SCREENS:
            picture = image(one(folder, name))
            assert (picture.width(), picture.height()) == (WIDTH, HEIGHT), name
            assert colours(picture) >= 5, f"{code} {name} looks blank"
            pictures[name] = picture
        # Each is its own screen, not the last one shown again.
        for first in EXTRA_SCREENS:
            for second in EXTRA_SCREENS[EXTRA_SCREENS.index(first) + 1:]:
                assert pictures[first] != pictures[second], (code, first, second)
        # "Still there?" lies over a topic's first screen: that screen, with something over it.
        page = image(one(folder, f"{guide.topics[0].id}-1"))
        assert pictures["still-there"] != page
    assert re.search(rf"wrote {2 * (len(every_place(guide)) + len(EXTRA_SCREENS))} screenshots and 2 contact "
                     r"sheets under .* in \d+\.\d s", stdout), stdout


def test_a_contact_sheet_per_language_holds_every_screenshot_in_its_grid(shots, kiosk_app):
    from kiosk.contact_sheet import COLUMNS, ContactSheet

    out, _ = shots
    for code in LANGUAGES:
        files = sorted((out / code / f"{WIDTH}x{HEIGHT}").glob("*.png"))
        sheet = image(out / "contact-sheets" / f"{code}-{WIDTH}x{HEIGHT}.png")
        grid = ContactSheet("", QSize(WIDTH, HEIGHT), len(files))
        assert (grid.columns, grid.rows) == (COLUMNS, -(-len(files) // COLUMNS))
        assert sheet.size() == grid.image.size()
        assert grid.cell(0, 0).width() == 480  # a thumbnail 480 px wide, in its screen's shape
        assert abs(grid.cell(0, 0).height() - 480 * HEIGHT / WIDTH) <= 1
        # The first and last screenshots are in their cells, and nothing is after the last.
        for number in (0, len(files) - 1):
            cell = grid.cell(*grid.position(number))
            # Scaled as the sheet scales (smoothly: a QR code's fine modules would alias otherwise).
            thumb = image(files[number]).scaled(cell.size(), Qt.AspectRatioMode.IgnoreAspectRatio,
                                                Qt.TransformationMode.SmoothTransformation)
            assert mean_difference(sheet.copy(cell), thumb) < 8, (code, files[number].name)
        after = grid.cell(*grid.position(len(files)))
        if after.right() < sheet.width() and after.bottom() < sheet.height():  # (a last row may be full)
            assert colours(sheet.copy(after), 8) == 1  # empty paper


def test_a_sheet_of_every_variant_stays_small_enough_to_open(kiosk_app):
    """Under 32767 px a side (browsers) and 256 MB decoded (Qt's image reader): a portrait
    sheet puts two screens a row, and thumbnails shrink a little where they must."""
    from kiosk.contact_sheet import MAX_PIXELS, MAX_SIDE, ContactSheet

    landscape = ContactSheet("", QSize(1280, 800), 70 * 6, group=6)
    portrait = ContactSheet("", QSize(1080, 1920), 70 * 6, group=6)
    assert (landscape.columns, landscape.rows) == (6, 70)
    assert (portrait.columns, portrait.rows) == (12, 35)
    for sheet in (landscape, portrait):
        assert max(sheet.image.width(), sheet.image.height()) <= MAX_SIDE
        assert sheet.image.width() * sheet.image.height() <= MAX_PIXELS
        assert max(sheet.thumb.width(), sheet.thumb.height()) >= 400  # still legible
    # A screen's six variants side by side, the next screen's after a wider gap.
    assert portrait.position(6) == (0, 6) and portrait.position(12) == (1, 0)
    within = portrait.cell(0, 1).left() - portrait.cell(0, 0).right()
    between = portrait.cell(0, 6).left() - portrait.cell(0, 5).right()
    assert between > within


def mean_difference(first: QImage, second: QImage, step: int = 4) -> float:
    total = count = 0
    for y in range(0, first.height(), step):
        for x in range(0, first.width(), step):
            a, b = QColor(first.pixel(x, y)), QColor(second.pixel(x, y))
            total += abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())
            count += 3
    return total / count


def test_the_arabic_screenshots_are_mirrored(shots, guide):
    """On a topic's second screen Back (a secondary button) and Next (the primary one) swap sides."""
    out, _ = shots
    primary, secondary = QColor(DEFAULT.primary).rgb(), QColor(DEFAULT.secondary).rgb()
    sides = {}
    for code in LANGUAGES:
        page = image(one(out / code / f"{WIDTH}x{HEIGHT}", f"{guide.topics[0].id}-2"))
        bar = range(HEIGHT - 90, HEIGHT, 2)  # the bottom bar: Back, progress, Next
        count = {(colour, half): 0 for colour in (primary, secondary) for half in ("left", "right")}
        for y in bar:
            for x in range(0, WIDTH, 2):
                colour = page.pixel(x, y)
                if colour in (primary, secondary):
                    count[colour, "left" if x < WIDTH // 2 else "right"] += 1
        back = "left" if count[secondary, "left"] > count[secondary, "right"] else "right"
        forward = "left" if count[primary, "left"] > count[primary, "right"] else "right"
        assert min(count[secondary, back], count[primary, forward]) > 1000, (code, count)
        sides[code] = back, forward
    assert sides == {"en": ("left", "right"), "ar": ("right", "left")}


def test_an_unknown_language_code_is_refused_in_one_line(tmp_path):
    result = run_kiosk("--screenshots", str(tmp_path), "--languages", "en,xx", timeout=30)
    assert result.returncode == 2
    assert "'en,xx': use language codes from en, es, zh" in result.stderr
    assert not any(tmp_path.iterdir())
