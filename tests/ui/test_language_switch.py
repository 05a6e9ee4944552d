"""Switching language on the running kiosk: at once, in place, mirrored for Arabic."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont, QRawFont
from PySide6.QtWidgets import QApplication

from kiosk.i18n.catalog import catalog_path, load_catalog
from kiosk.i18n.languages import LANGUAGES, language
from kiosk.ui.language_switcher import LanguageSwitcher
from kiosk.ui.theme import font_families, load_fonts

TRANSLATED = [code for code in LANGUAGES if code != "en"]


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def test_picker_lists_every_language_by_its_own_name(make_window, qtbot):
    window = make_window(1280, 800)
    click(qtbot, window.top_bar.language_button)
    assert window.stack.currentWidget() is window.picker
    names = [button.text() for button in window.picker.buttons]
    assert names == [language(code).native_name for code in LANGUAGES]
    assert [b.isChecked() for b in window.picker.buttons] == [True] + [False] * 9


@pytest.mark.parametrize("code", TRANSLATED)
def test_switch_on_a_page_keeps_the_place(make_window, qtbot, guide, code):
    window = make_window(1280, 800)
    window.navigator.open_topic("pregnancy", 2)
    place = window.navigator.place
    click(qtbot, window.top_bar.language_button)
    picker_button = next(b for b in window.picker.buttons if b.property("language") == code)
    click(qtbot, picker_button)
    assert window.navigator.place == place and window.stack.currentWidget() is window.page
    catalog = load_catalog(code)
    screen = guide.topic("pregnancy").screens[2]
    assert window.page.heading.text() == catalog.get(f"guide:pregnancy/{screen.id}:heading", screen.heading)
    assert window.page.topic_label.text() == catalog.get("guide:pregnancy:title", guide.topic("pregnancy").title)
    assert window.nav_bar.next_button.text() == catalog.get("NavBar", "Next")
    assert window.top_bar.language_button.text() == language(code).native_name
    assert not window.page.untranslated_note.isVisible()
    rtl = code == "ar"
    assert (QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft) == rtl
    assert window.display.theme().families == font_families(code)


def test_arabic_mirrors_the_layout(make_window, guide, qtbot):
    window = make_window(1280, 800, language="ar")
    window.navigator.open_topic("pregnancy", 1)
    back, next_ = window.nav_bar.back_button, window.nav_bar.next_button
    x = lambda w: w.mapTo(window, QPoint(0, 0)).x()  # noqa: E731
    assert x(back) > x(next_)  # Back on the right, Next on the left
    assert x(window.top_bar.contrast_button) < x(window.top_bar.read_button)
    assert window.page.heading.layoutDirection() == Qt.LayoutDirection.RightToLeft
    window.set_language("en")
    qtbot.waitUntil(lambda: x(back) < x(next_), timeout=2000)


def test_every_screen_can_switch_and_come_back(make_window, guide):
    """Every place in the guide, to every language and back: same place, its own words."""
    from kiosk.ui.navigator import every_place

    window = make_window(1280, 800)
    places = every_place(guide)
    for index, code in enumerate(TRANSLATED):
        place = places[(index * 7) % len(places)]
        window.navigator.place = place
        window.show_place(place)
        assert window.set_language(code)
        assert window.navigator.place == place
        assert window.set_language("en")
        assert window.navigator.place == place
    assert window.welcome.title.text() == "Learn about your medicine"


def test_tagalog_has_no_voice_and_says_so_in_tagalog(make_window):
    window = make_window(1280, 800, language="tl")
    catalog = load_catalog("tl")
    button = window.top_bar.read_button
    assert button.text() == catalog.get("TopBar", "No voice") == "Walang boses"
    assert not button.isEnabled()
    assert button.accessibleDescription() == catalog.get(
        "TopBar", "Read-aloud is not available in this language. The words stay on the screen.")
    window.set_language("es")
    assert window.top_bar.read_button.isEnabled()


def test_an_untranslated_screen_is_shown_in_english_and_says_so(make_window, qtbot, guide, tmp_path):
    po = polib.pofile(str(catalog_path("es")), wrapwidth=0)
    for entry in po:
        if entry.msgctxt == "guide:pregnancy/breastfeeding:text":
            entry.flags.append("fuzzy")  # the English changed since it was translated
    po.save(str(tmp_path / "es.po"))
    window = make_window(1280, 800)
    window.languages = LanguageSwitcher(guide, catalog_dir=tmp_path, parent=window)
    window.languages.changed.connect(window.take_guide)  # as the window connects its own switcher
    assert window.set_language("es")
    index = [s.id for s in guide.topic("pregnancy").screens].index("breastfeeding")
    window.navigator.open_topic("pregnancy", index)
    english = guide.screen("breastfeeding")
    assert window.page.heading.text() == english.heading and window.page.body.text() == english.text
    assert window.page.untranslated_note.isVisible()
    assert window.page.untranslated_note.text() == load_catalog("es").get(
        "PageScreen", "This page is not translated yet. It is shown in English.")
    window.navigator.next()
    assert not window.page.untranslated_note.isVisible()  # the next screen is translated
    window.set_language("en")


@pytest.mark.expect_log(r"not switched to")
def test_a_language_with_missing_button_words_is_not_offered(guide, tmp_path, qapp):
    po = polib.pofile(str(catalog_path("fr")), wrapwidth=0)
    next(e for e in po if e.msgctxt == "NavBar" and e.msgid == "Next").msgstr = ""
    po.save(str(tmp_path / "fr.po"))
    switcher = LanguageSwitcher(guide, ("en", "fr"), catalog_dir=tmp_path)
    assert [lang.code for lang in switcher.available()] == ["en"]
    assert "1 UI strings or topic names missing" in switcher.why_not("fr")
    assert not switcher.set_language("fr")


def test_a_language_with_a_missing_topic_name_is_not_offered(guide, tmp_path, qapp):
    po = polib.pofile(str(catalog_path("ko")), wrapwidth=0)
    next(e for e in po if e.msgctxt == "guide:liver:title").flags.append("fuzzy")
    po.save(str(tmp_path / "ko.po"))
    switcher = LanguageSwitcher(guide, ("en", "ko"), catalog_dir=tmp_path)
    assert "1 UI strings or topic names missing" in switcher.why_not("ko")


def test_unreviewed_languages_can_be_hidden(guide, qapp):
    switcher = LanguageSwitcher(guide, reviewed_only=True)
    assert [lang.code for lang in switcher.available()] == ["en"]  # every draft hidden
    assert "not reviewed" in switcher.why_not("es")
    offered = LanguageSwitcher(guide, ("en", "es", "ar"))
    assert [lang.code for lang in offered.available()] == ["en", "es", "ar"]


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_character_has_a_glyph_in_the_bundled_fonts(code, kiosk_app):
    """No box (tofu) on a bare terminal: every letter of the language's catalog is in one of
    the fonts the kiosk uses for it, all loaded from assets/fonts."""
    if code == "en":
        texts = [e.msgid for e in polib.pofile(str(catalog_path("es")))]
    else:
        texts = [e.msgstr for e in polib.pofile(str(catalog_path(code)))]
    texts.append(language(code).native_name)
    load_fonts(everything=True)
    raw_fonts = []
    for family in font_families(code):
        font = QFont()
        font.setFamily(family)
        raw = QRawFont.fromFont(font)
        assert raw.familyName() == family, f"{family} is not loaded (got {raw.familyName()})"
        raw_fonts.append(raw)
    missing = sorted({ch for text in texts for ch in text
                      if not ch.isspace() and not any(raw.supportsCharacter(ord(ch)) for raw in raw_fonts)})
    assert not missing, f"{code}: no glyph for {missing}"


def test_picker_names_have_glyphs(kiosk_app):
    """Every language's own name is drawn in the picker with the current language's fonts
    plus Qt's fallback to the other bundled fonts: each name is in some bundled font."""
    load_fonts(everything=True)
    families = {family for code in LANGUAGES for family in font_families(code)}
    raws = []
    for family in families:
        font = QFont()
        font.setFamily(family)
        raws.append(QRawFont.fromFont(font))
    for code in LANGUAGES:
        name = language(code).native_name
        assert all(any(r.supportsCharacter(ord(ch)) for r in raws) for ch in name if not ch.isspace()), name


def test_bundled_fonts_are_recorded_with_their_licence():
    fonts = Path(__file__).resolve().parents[2] / "assets" / "fonts"
    readme = (fonts / "README.md").read_text("utf-8")
    for path in fonts.iterdir():
        if path.suffix in (".ttf", ".otf", ".ttc"):
            assert path.name in readme, f"{path.name} is not recorded in assets/fonts/README.md"
    assert (fonts / "OFL.txt").is_file()
