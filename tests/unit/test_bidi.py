"""Right-to-left text as the eye sees it: numbers, doses and names in their own order.

Each Arabic string is laid out by the Unicode bidi algorithm (python-bidi, the same rules Qt
and fribidi follow) as the kiosk draws it, and every protected token must read left to right
in the result, as written. Without the kiosk's isolates "1-800-FDA-1088" comes out
"FDA-1088-800-1" (the last test shows the check sees that).
"""

from __future__ import annotations

import re

import pytest
from bidi import get_display

from kiosk.content.actions import SiteNumbers, action_lines
from kiosk.i18n.bidi import has_rtl, isolate, strip_controls, token
from kiosk.i18n.catalog import load_catalog
from kiosk.i18n.localize import localize

SITES = (SiteNumbers("1-555-010-0199", "+1 555 010 0142", "911"), SiteNumbers("", "", "112"))


def drawn(text: str) -> str:
    """The text as the kiosk draws it, in visual order, left to right."""
    shown, _ = isolate(text)
    return strip_controls(get_display(shown))


def tokens(text: str) -> list[str]:
    return [match.group(0) for match in token().finditer(strip_controls(text))]


def arabic_texts(guide) -> list[str]:
    catalog = load_catalog("ar")
    texts = [t for t in catalog.translations.values() if has_rtl(t)]
    local = localize(guide, catalog)
    for screen in local.screens():
        for site in SITES:
            lines = action_lines(screen, site)
            if lines is not None:
                texts += [lines.heading, lines.more]
    return [t for t in texts if t]


def test_every_protected_token_reads_in_order_in_arabic(guide):
    texts = arabic_texts(guide)
    checked = 0
    for text in texts:
        visual = drawn(text)
        for piece in tokens(text):
            assert piece in visual, f"{piece!r} is drawn out of order in {visual!r}"
            checked += 1
    # The FDA number, the dose, the names, the pronunciation key and the site's numbers are there.
    assert checked > 40
    joined = "\n".join(texts)
    for must in ("1-800-FDA-1088", "0.9 mg", "inotuzumab ozogamicin", "Besponsa", "+1 555 010 0142", "112"):
        assert must in joined


def test_left_to_right_text_is_left_alone(guide):
    for text in ("You can call 1-800-FDA-1088.", "Each vial holds 0.9 mg."):
        assert isolate(text) == (text, list(range(len(text) + 1)))


@pytest.mark.parametrize("text, token", [
    ("يمكنك الاتصال بالرقم 1-800-FDA-1088.", "1-800-FDA-1088"),
    ("اتصل على 1 555 010 0199 الآن", "1 555 010 0199"),
])
def test_the_check_sees_a_number_drawn_backwards(text, token):
    assert token not in strip_controls(get_display(text))  # as a catalog alone would draw it
    assert token in drawn(text)  # as the kiosk draws it


def test_positions_follow_the_isolates():
    text = "اتصل بالرقم 1-800-FDA-1088 الآن"
    shown, positions = isolate(text)
    start = text.index("1-800")
    assert shown[positions[start]:positions[start] + 14] == "1-800-FDA-1088"
    assert shown[positions[len(text) - 4]:] == text[-4:]
    assert re.sub("[\u2066\u2069]", "", shown) == text
