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
from kiosk.i18n.catalog import Catalog
from kiosk.i18n.languages import LANGUAGES, SOURCE_LANGUAGE, Language, language
from kiosk.i18n.offer import HIDDEN_UNREVIEWED, LanguageOffer
from kiosk.ui.theme import load_fonts

__all__ = ["HIDDEN_UNREVIEWED", "LanguageSwitcher"]

log = logging.getLogger(__name__)


class CatalogTranslator(QTranslator):
    """Qt's tr() answered from a PO catalog. A stale or missing string answers None, and a
    language whose UI strings are not all translated is never offered (see usable())."""

    def __init__(self, catalog: Catalog, parent: QObject | None = None):
        super().__init__(parent)
        self.catalog = catalog

    def translate(self, context, source_text, disambiguation=None, n=-1):
        return self.catalog.get(context, source_text)

    def isEmpty(self) -> bool:  # noqa: N802 (Qt API)
        return False

    def language(self) -> str:
        return self.catalog.language


class LanguageSwitcher(QObject):
    # The one signal of a language change: (code, the guide in it). Emitted after the translator
    # is in and before Qt's LanguageChange is delivered, so every part holding guide text has
    # the new guide when the screens retranslate.
    changed = Signal(str, object)

    def __init__(self, guide: Guide, offered: tuple[str, ...] = LANGUAGES, *,
                 reviewed_only: bool = False, catalog_dir: Path | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.offer = LanguageOffer(guide, offered, reviewed_only=reviewed_only, catalog_dir=catalog_dir)
        self.code = SOURCE_LANGUAGE
        self._translator: CatalogTranslator | None = None
        self._translators: dict[str, CatalogTranslator] = {}

    # --- what can be offered -------------------------------------------------------

    @property
    def english(self) -> Guide:
        return self.offer.english

    @property
    def offered(self) -> tuple[str, ...]:
        return self.offer.offered

    def catalog(self, code: str) -> Catalog | None:
        return self.offer.catalog(code)

    def why_not(self, code: str) -> str:
        """Why a language is not offered ("" when it is): kiosk/i18n/offer.py."""
        return self.offer.why_not(code)

    def available(self) -> list[Language]:
        """The languages a patient can choose, in the picker's order."""
        return [language(code) for code in self.offer.available()]

    def preload(self) -> None:
        """Read the offered catalogs in idle time, one per event-loop turn (~6 ms each, not
        ~55 ms at once after the first paint), so the first switch is as fast as any."""
        pending = [code for code in self.offered if not self.offer.has_guide(code)]

        def next_one() -> None:
            if pending:
                code = pending.pop(0)
                if not self.why_not(code):
                    self.guide(code)
                QTimer.singleShot(0, next_one)

        next_one()

    # --- the current language ------------------------------------------------------

    def guide(self, code: str | None = None) -> Guide:
        return self.offer.guide(code or self.code)

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
        load_fonts(everything=True, language=code)  # no-op once loaded (after the first paint)
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
        self.changed.emit(code, self.guide(code))
        # Qt posts LanguageChange to every widget; deliver it now, so every word is the new
        # language's before anything is measured or laid out again.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        log.info("language now %s (%s)", code, language(code).english_name)
        return True
