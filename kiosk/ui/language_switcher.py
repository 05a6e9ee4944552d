"""The kiosk's language at this moment: the Qt translator, the layout direction, the guide.

Catalogs are read once, when first chosen (or by `preload()` in idle time after start), so a
switch only swaps a translator and re-sets the words of the screens already built.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from kiosk.content import Guide
from kiosk.i18n.catalog import Catalog, CatalogError, load_catalog
from kiosk.i18n.languages import LANGUAGES, SOURCE_LANGUAGE, Language, language
from kiosk.i18n.localize import localize
from kiosk.ui.theme import load_fonts

log = logging.getLogger(__name__)


class CatalogTranslator(QTranslator):
    """Qt's tr() answered from a PO catalog. A stale or missing string answers None, and a
    language whose UI strings are not all translated is never offered (see usable())."""

    def __init__(self, catalog: Catalog, parent: QObject | None = None):
        super().__init__(parent)
        self.catalog = catalog

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: ARG002 (Qt API)
        return self.catalog.get(context, source_text)

    def isEmpty(self) -> bool:  # noqa: N802 (Qt API)
        return False

    def language(self) -> str:
        return self.catalog.language


# why_not() for a language hidden only because it is not reviewed (the site's choice, not a fault)
HIDDEN_UNREVIEWED = "not reviewed by a qualified medical translator (hidden by the site's settings)"


class LanguageSwitcher(QObject):
    changed = Signal(str)  # the new language code

    def __init__(self, guide: Guide, offered: tuple[str, ...] = LANGUAGES, *,
                 reviewed_only: bool = False, catalog_dir: Path | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.catalog_dir = catalog_dir  # None: the kiosk's own i18n/ folder
        self.english = guide
        self.offered = tuple(code for code in offered if code in LANGUAGES)
        self.reviewed_only = reviewed_only
        self.code = SOURCE_LANGUAGE
        self._catalogs: dict[str, Catalog] = {}
        self._problems: dict[str, str] = {}  # code -> why it is not offered
        self._guides: dict[str, Guide] = {SOURCE_LANGUAGE: guide}
        self._translator: CatalogTranslator | None = None
        self._translators: dict[str, CatalogTranslator] = {}

    # --- what can be offered -------------------------------------------------------

    def catalog(self, code: str) -> Catalog | None:
        if code == SOURCE_LANGUAGE or code in self._problems:
            return None
        if code not in self._catalogs:
            try:
                path = self.catalog_dir / f"{code}.po" if self.catalog_dir else None
                self._catalogs[code] = load_catalog(code, path)
            except CatalogError as error:
                self._problems[code] = str(error)
                log.error("language %s not offered: %s", code, error)
                return None
        return self._catalogs[code]

    def why_not(self, code: str) -> str:
        """Why a language is not offered ("" when it is)."""
        if code == SOURCE_LANGUAGE:
            return ""
        catalog = self.catalog(code)
        if catalog is None:
            return self._problems.get(code, "no catalog")
        # The kiosk's own words and the topic names are how a patient finds the way: with any
        # of them missing the language is not offered (a guide screen can fall back whole).
        ui_gaps = catalog.gaps(guide=False) | {key for key in catalog.gaps(guide=True) if key[0].endswith(":title")}
        if ui_gaps:
            return f"{len(ui_gaps)} UI strings or topic names missing or stale in {catalog.path}"
        if self.reviewed_only and not catalog.review.reviewed:
            return HIDDEN_UNREVIEWED
        return ""

    def available(self) -> list[Language]:
        """The languages a patient can choose, in the picker's order."""
        codes = [code for code in self.offered if not self.why_not(code)]
        if SOURCE_LANGUAGE not in codes:
            codes.insert(0, SOURCE_LANGUAGE)
        return [language(code) for code in codes]

    def preload(self) -> None:
        """Read the offered catalogs in idle time, one per event-loop turn (~6 ms each, not
        ~55 ms at once after the first paint), so the first switch is as fast as any."""
        pending = [code for code in self.offered if code not in self._guides]

        def next_one() -> None:
            if pending:
                code = pending.pop(0)
                if not self.why_not(code):
                    self.guide(code)
                QTimer.singleShot(0, next_one)

        next_one()

    # --- the current language ------------------------------------------------------

    def guide(self, code: str | None = None) -> Guide:
        code = code or self.code
        if code not in self._guides:
            self._guides[code] = localize(self.english, self.catalog(code))
        return self._guides[code]

    def language(self) -> Language:
        return language(self.code)

    def set_language(self, code: str) -> bool:
        """Switch the whole application; False (and nothing changes) if not offered."""
        if code == self.code:
            return True
        reason = self.why_not(code)
        if reason:
            log.warning("language %s not switched to: %s", code, reason)
            return False
        load_fonts(everything=True)  # no-op once loaded (after the first paint)
        app = QApplication.instance()
        if self._translator is not None:
            app.removeTranslator(self._translator)
            self._translator = None
        catalog = self.catalog(code)
        if catalog is not None:
            if code not in self._translators:  # one per language, kept: a switch makes nothing new
                self._translators[code] = CatalogTranslator(catalog, self)
            self._translator = self._translators[code]
            app.installTranslator(self._translator)  # Qt sends LanguageChange to every widget
        self.code = code
        app.setLayoutDirection(language(code).direction)  # mirrors every layout for Arabic
        # Qt posts LanguageChange to every widget; deliver it now, so every word is the new
        # language's before anything is measured or laid out again.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        self.guide(code)
        log.info("language now %s (%s)", code, language(code).english_name)
        self.changed.emit(code)
        return True
