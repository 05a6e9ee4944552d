"""Which languages a patient may choose, and why not the others (no Qt).

A language is offered when the site enables it, its catalog loads, the kiosk's own words and
the topic names are all translated (they are how a patient finds the way; a guide screen can
fall back whole), and, where the site shows only reviewed translations, a qualified medical
translator has reviewed it. The language switcher (kiosk/ui/language_switcher.py), the admin
screen and `kiosk --check` all ask here.
"""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk.content import Guide
from kiosk.i18n.catalog import Catalog, CatalogError, load_catalog
from kiosk.i18n.codes import LANGUAGES, SOURCE_LANGUAGE
from kiosk.i18n.localize import localize

log = logging.getLogger(__name__)

# why_not() for a language hidden only because it is not reviewed (the site's choice, not a fault)
HIDDEN_UNREVIEWED = "not reviewed by a qualified medical translator (hidden by the site's settings)"


class LanguageOffer:
    def __init__(self, guide: Guide, offered: tuple[str, ...] = LANGUAGES, *, reviewed_only: bool = False,
                 catalog_dir: Path | None = None):
        self.english = guide
        self.catalog_dir = catalog_dir  # None: the kiosk's own i18n/ folder
        self.offered = tuple(code for code in offered if code in LANGUAGES)
        self.reviewed_only = reviewed_only
        self._catalogs: dict[str, Catalog] = {}
        self._problems: dict[str, str] = {}  # code -> why it is not offered
        self._guides: dict[str, Guide] = {SOURCE_LANGUAGE: guide}

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
        ui_gaps = catalog.gaps(guide=False) | {key for key in catalog.gaps(guide=True) if key[0].endswith(":title")}
        if ui_gaps:
            return f"{len(ui_gaps)} UI strings or topic names missing or stale in {catalog.path}"
        if self.reviewed_only and not catalog.review.reviewed:
            return HIDDEN_UNREVIEWED
        return ""

    def available(self) -> list[str]:
        """The codes a patient can choose, in the picker's order (English always)."""
        codes = [code for code in self.offered if not self.why_not(code)]
        if SOURCE_LANGUAGE not in codes:
            codes.insert(0, SOURCE_LANGUAGE)
        return codes

    def guide(self, code: str) -> Guide:
        """The guide in `code` (made once, then kept)."""
        if code not in self._guides:
            self._guides[code] = localize(self.english, self.catalog(code))
        return self._guides[code]

    def has_guide(self, code: str) -> bool:
        return code in self._guides
