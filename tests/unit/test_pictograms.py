"""The pictograms: one style, one message each, a do-not mark where the words say "do not",
and every file's source and licence recorded. That every icon named is bundled and every
bundled icon is used: tests/unit/test_content.py."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections import defaultdict

import pytest

from kiosk import resources

ICONS = resources.icons_dir()
SVG = "{http://www.w3.org/2000/svg}"
DO_NOT = re.compile(r"\b(do not|don't|don’t)\b", re.IGNORECASE)
# Screens whose words say "do not" but whose picture must not: the mark would say the opposite.
DO_NOT_EXCEPTIONS = {
    # "Do not stop any drug on your own": a do-not mark over medicines would read "take none".
    "heart-risk",
}


def shipped() -> list[str]:
    return sorted(p.relative_to(ICONS).with_suffix("").as_posix() for p in ICONS.rglob("*.svg"))


def svg_root(name: str) -> ET.Element:
    return ET.parse(resources.icon_file(name)).getroot()


def has_do_not_mark(name: str) -> bool:
    return svg_root(name).get("data-mark") == "do-not"


def words(screen) -> str:
    return " ".join([screen.heading, screen.text, *screen.items])


def usages(guide) -> list[tuple[str, str, str]]:
    """(icon, message, where) for every tile and screen; a screen's message is its heading, a
    tile's its title, except that a tile showing its first screen's picture says what it says."""
    found = []
    for topic in guide.topics:
        first = topic.screens[0]
        message = first.heading if topic.icon == first.icon else topic.title
        found.append((topic.icon, message, f"tile {topic.id}"))
        found += [(screen.icon, screen.heading, f"screen {screen.id}") for screen in topic.screens]
    return found


def pictures_for_two_messages(guide) -> dict[str, list[str]]:
    messages, places = defaultdict(set), defaultdict(list)
    for icon, message, where in usages(guide):
        messages[icon].add(message.casefold())
        places[icon].append(f"{where} ({message})")
    return {icon: places[icon] for icon, said in messages.items() if len(said) > 1}


# --- one picture, one message --------------------------------------------------------


def test_no_picture_is_used_for_two_different_messages(guide):
    assert pictures_for_two_messages(guide) == {}


def test_a_reused_picture_is_found(guide):
    """The check above sees a picture shown for two headings, and a tile's picture reused
    further into its topic."""
    from dataclasses import replace

    topics = list(guide.topics)
    liver = next(i for i, t in enumerate(topics) if t.id == "liver")
    screens = list(topics[liver].screens)
    screens[2] = replace(screens[2], icon=screens[1].icon)  # two liver screens, one picture
    topics[liver] = replace(topics[liver], screens=tuple(screens))
    assert set(pictures_for_two_messages(replace(guide, topics=tuple(topics)))) == {screens[1].icon}

    topics = list(guide.topics)
    other = next(i for i, t in enumerate(topics) if t.id == "other-medicines")
    topics[other] = replace(topics[other], icon=topics[other].screens[1].icon)  # not its first screen
    assert set(pictures_for_two_messages(replace(guide, topics=tuple(topics)))) == {topics[other].icon}


# --- "do not" ----------------------------------------------------------------------------


def test_every_do_not_screen_shows_the_do_not_mark(guide):
    saying = {s.id: s.icon for s in guide.screens() if DO_NOT.search(words(s))}
    assert "breastfeeding" in saying  # the check reads the real words
    missing = {sid: icon for sid, icon in saying.items()
               if sid not in DO_NOT_EXCEPTIONS and not has_do_not_mark(icon)}
    assert missing == {}, "a 'do not' screen whose picture has no do-not mark"
    # An exception stays only while its screen still says "do not".
    assert set(saying) >= DO_NOT_EXCEPTIONS


def test_the_do_not_mark_appears_only_where_the_words_say_do_not(guide):
    used = usages(guide)
    marked = {icon for icon, _, _ in used if has_do_not_mark(icon)}
    assert marked, "no picture carries the do-not mark"
    for icon, message, where in used:
        if icon in marked:
            screens = [s for s in guide.screens() if s.icon == icon]
            assert all(DO_NOT.search(words(s)) for s in screens), f"{where}: {message}"


def test_do_not_files_are_named_so():
    for name in shipped():
        assert has_do_not_mark(name) == name.endswith("_not"), name


def test_the_do_not_mark_is_drawn(qapp):
    """A file that says it carries the mark shows a ring round its edge and a slash from top
    left to bottom right: read on its painted pixels, and missing from a picture without it."""
    marked = [name for name in shipped() if has_do_not_mark(name)]
    assert marked
    for name in marked:
        assert ring_and_slash_share(name) > 0.95, name
    assert ring_and_slash_share("people/pregnant") < 0.5


def ring_and_slash_share(name: str) -> float:
    image = rendered(name, 96)
    scale = 96 / 48
    points = [(24 + 19.5 * math.cos(a), 24 + 19.5 * math.sin(a))
              for a in (i * math.pi / 18 for i in range(36))]  # on the ring
    points += [(15 + i * 2.4, 15 + i * 2.4) for i in range(8)]  # along the slash, inside
    inked = sum(image.pixelColor(round(x * scale), round(y * scale)).alpha() > 128 for x, y in points)
    return inked / len(points)


# --- the files -----------------------------------------------------------------------------


def rendered(name: str, size: int):
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(resources.icon_file(name)))
    assert renderer.isValid(), name
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


@pytest.mark.parametrize("name", shipped())
def test_each_icon_is_a_48_square_that_draws(qapp, name):
    root = svg_root(name)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 48 48" and root.get("width") == root.get("height") == "48"
    # One tint: every shape is filled with currentColor (the kiosk replaces it), no strokes.
    shapes = [e for e in root.iter() if e.tag != f"{SVG}svg"]
    assert shapes and all(e.get("fill") == "currentColor" and e.get("stroke") is None for e in shapes)
    image = rendered(name, 48)
    inked = sum(image.pixelColor(x, y).alpha() > 128 for x in range(48) for y in range(48))
    assert 0.03 < inked / 48**2 < 0.8, f"{name}: {inked} of {48 * 48} pixels inked"


# --- where each file came from -------------------------------------------------------------


def readme_rows() -> dict[str, list[str]]:
    rows = {}
    for line in (ICONS / "README.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"\|\s*`([^`]+)\.svg`\s*\|(.*)\|\s*$", line)
        if match:
            assert match.group(1) not in rows, f"{match.group(1)} listed twice"
            rows[match.group(1)] = [cell.strip() for cell in match.group(2).split("|")]
    return rows


def test_readme_lists_every_shipped_file_with_source_and_licence():
    rows = readme_rows()
    assert set(rows) == set(shipped())
    drawn = set(re.findall(r'write\("([^"]+)"', (ICONS / "make_drawn.py").read_text(encoding="utf-8")))
    for name, (source, licence, *_) in rows.items():
        if name in drawn:
            assert source.startswith("drawn for this project") and "project's own" in licence, name
        else:
            assert source == f"healthicons 2.0.0 `public/icons/svg/filled/{name}.svg`, unmodified", name
            assert licence.startswith("MIT"), name
    assert drawn <= set(rows), "make_drawn.py draws a file the README does not list"
    assert "MIT License" in (ICONS / "LICENSE").read_text(encoding="utf-8")

