"""Arabic and CJK on screen: the text-size glyph whole in every language's fonts, Chinese and
Korean bold drawn from the bundled Bold fonts (not thickened Regular), and no English
pronunciation key inside right-to-left text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFontDatabase, QFontInfo, QImage, QPainter, QRawFont

from kiosk import resources
from kiosk.i18n.bidi import has_rtl
from kiosk.i18n.catalog import load_catalog
from kiosk.i18n.languages import LANGUAGES
from kiosk.i18n.localize import localize
from kiosk.screenshots import show_place
from kiosk.ui.navigator import PAGE, Place
from kiosk.ui.theme import DEFAULT, TEXT_SCALES, Theme, font_families, load_fonts
from kiosk.ui.widgets.big_button import BigButton

INK = "#000000"


def ink_box(image: QImage) -> QRect:
    """The bounds of every pixel painted (not transparent) on `image`."""
    left, top, right, bottom = image.width(), image.height(), -1, -1
    for y in range(image.height()):
        for x in range(image.width()):
            if image.pixelColor(x, y).alpha() > 24:
                left, top, right, bottom = min(left, x), min(top, y), max(right, x), max(bottom, y)
    return QRect(QPoint(left, top), QPoint(right, bottom))


def paint_glyph(button: BigButton, rect: QRectF, rtl: bool = False) -> QImage:
    """The button's glyph drawn into `rect` on a canvas three times its size, unclipped."""
    image = QImage(round(rect.width() * 3), round(rect.height() * 3), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    button._draw_glyph(painter, rect, INK, rtl)
    painter.end()
    return image


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_text_size_glyph_stays_inside_its_box(qtbot, kiosk_app, language):
    """Drawn with each language's fonts at each text size, both letters are painted and no
    pixel falls outside the glyph's box (where the button clips it)."""
    load_fonts(everything=True)
    button = BigButton(glyph="text-size")
    qtbot.addWidget(button)
    for scale in TEXT_SCALES:
        theme = Theme(DEFAULT, scale, font_families(language))
        button.set_theme(theme)
        side = button._graphic_px()
        rect = QRectF(side, side, side, side)
        for rtl in (False, True):
            image = paint_glyph(button, rect, rtl)
            ink = ink_box(image)
            inside = rect.toAlignedRect().adjusted(-1, -1, 1, 1)  # anti-aliasing's half pixel
            assert inside.contains(ink), (language, scale, rtl, ink, rect)
            # Not cut: the letters keep clear of the box's top edge (drawText clips to its box).
            assert ink.top() >= rect.top() + 2, (language, scale, rtl, ink, rect)
            # The large A is most of the box's height; the small one sits at its left.
            assert ink.height() >= side * 0.55, (language, scale, ink)
            left_half = image.copy(QRect(round(rect.left()), round(rect.top()), side // 3, side))
            assert not ink_box(left_half).isEmpty(), "the small A is missing"


def test_the_text_size_glyph_is_whole_on_the_arabic_top_bar(make_window, monkeypatch):
    """In the real Arabic window at every text size, the glyph's box lies inside the button's
    border and the large A is whole: its top is painted, not cut off."""
    drawn = []
    original = BigButton._draw_glyph

    def record(self, painter, rect, color, rtl):
        if self._glyph == "text-size":
            drawn.append(QRectF(rect))
        original(self, painter, rect, color, rtl)

    monkeypatch.setattr(BigButton, "_draw_glyph", record)
    for step in range(len(TEXT_SCALES)):
        window = make_window(1280, 800, text_step=step, language="ar")
        button = window.top_bar.text_size_button
        drawn.clear()
        image = button.grab().toImage()
        assert drawn, "the glyph was not drawn"
        rect = drawn[-1].toAlignedRect()
        border = 8  # the focus margin and the 3 px border
        assert button.rect().adjusted(border, border, -border, -border).contains(rect), (step, rect)
        background = image.pixelColor(button.width() // 2, button.height() - border - 2)
        # Inside the border, the glyph's first row of ink is its own top, clear of its box's edge
        # (where drawing clips it) and of the button's border.
        ink_rows = [y for y in range(border, button.height() - border) for x in range(rect.left(), rect.right() + 1)
                    if abs(image.pixelColor(x, y).lightness() - background.lightness()) > 100]
        assert ink_rows and min(ink_rows) >= rect.top() + 2, (step, min(ink_rows), rect)


def ink_mask(draw) -> set[tuple[int, int]]:
    image = QImage(220, 220, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    draw(painter)
    painter.end()
    return {(x, y) for y in range(image.height()) for x in range(image.width())
            if image.pixelColor(x, y).lightness() < 128}


@pytest.mark.parametrize("language, face, character", [("zh", "sc", "药"), ("ko", "kr", "약")])
def test_cjk_bold_is_drawn_from_the_bold_font(kiosk_app, language, face, character):
    """Bold Chinese and Korean (headings, buttons) are the Bold font's own outlines: the
    pixels the kiosk paints are the Bold file's glyph, not the Regular one (synthetic bold)."""
    load_fonts(everything=True, language=language)  # (loaded when the language is chosen)
    family = font_families(language)[0]
    assert "Bold" in QFontDatabase.styles(family)
    font = Theme(DEFAULT, 1.0, font_families(language)).font(80, bold=True)
    assert QFontInfo(font).styleName() == "Bold"

    def text(painter):
        painter.setFont(font)
        painter.setPen(QColor("black"))
        painter.drawText(QPointF(20, 160), character)

    def outline(weight):
        raw = QRawFont(str(resources.asset("fonts") / f"NotoSansCJK{face}-{weight}-subset.otf"), 80)
        assert raw.isValid(), weight
        path = raw.pathForGlyph(raw.glyphIndexesForString(character)[0])
        return lambda painter: painter.fillPath(path.translated(20, 160), QColor("black"))

    painted, bold, regular = ink_mask(text), ink_mask(outline("Bold")), ink_mask(outline("Regular"))

    def overlap(a, b):
        return len(a & b) / len(a | b)

    assert overlap(painted, bold) > 0.95
    assert overlap(painted, regular) < 0.8  # the check tells the two weights apart


def cjk_characters(language: str) -> set[str]:
    wanted = {ch for text in load_catalog(language).translations.values() for ch in text if not ch.isspace()}
    if language == "zh":  # GB 2312, the subset's Chinese set
        for first in range(0xB0, 0xF8):
            for second in range(0xA1, 0xFF):
                try:
                    wanted.add(bytes((first, second)).decode("gb2312"))
                except UnicodeDecodeError:
                    pass
    else:  # every modern Hangul syllable
        wanted |= {chr(code) for code in range(0xAC00, 0xD7A4)}
    return wanted


@pytest.mark.parametrize("language, face", [("zh", "sc"), ("ko", "kr")])
def test_both_weights_have_the_same_characters(kiosk_app, language, face):
    """A bold heading never needs a character the Bold font lacks (it would fall back to
    another font, or a box)."""
    fonts = resources.asset("fonts")
    regular = QRawFont(str(fonts / f"NotoSansCJK{face}-Regular-subset.otf"), 28)
    bold = QRawFont(str(fonts / f"NotoSansCJK{face}-Bold-subset.otf"), 28)
    assert regular.isValid() and bold.isValid()
    characters = cjk_characters(language)
    assert len(characters) > 6000
    differ = sorted(ch for ch in characters if regular.supportsCharacter(ord(ch)) != bold.supportsCharacter(ord(ch)))
    assert not differ, "".join(differ[:40])
    assert all(bold.supportsCharacter(ord(ch)) for ch in characters)


def right_to_left_languages() -> list[str]:
    return [code for code in LANGUAGES if code != "en"
            and sum(has_rtl(text) for text in load_catalog(code).translations.values()) > 10]


def test_no_pronunciation_key_inside_right_to_left_text(guide):
    """An English sound-it-out key ("IN-oh-TOOZ-ue-mab ...") means nothing to a reader of
    Arabic, and dropped into an Arabic sentence it broke across lines in a jumbled order."""
    keys = [written for written, _ in guide.spoken]
    assert keys and right_to_left_languages() == ["ar"]
    for code in right_to_left_languages():
        local = localize(guide, load_catalog(code))
        for screen in local.screens():
            for part in (screen.heading, screen.text, *screen.items):
                if has_rtl(part):
                    assert not any(key in part for key in keys), (code, screen.id, part)


def test_the_arabic_medicine_screen_names_it_without_the_key(make_window, guide):
    window = make_window(1280, 800, language="ar")
    show_place(window, Place(PAGE, "what-it-is", 0))
    body = window.page.body.text()
    assert "inotuzumab ozogamicin" in body and "Besponsa" in body
    assert "TOOZ" not in body
