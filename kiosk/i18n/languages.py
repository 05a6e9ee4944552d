"""The languages the kiosk speaks (kiosk/i18n/codes.py), named and directed by Qt's locale
data (CLDR)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QLocale, Qt

from kiosk.i18n.codes import LANGUAGES, LOCALES, NAMES, SOURCE_LANGUAGE

__all__ = ["LANGUAGES", "LOCALES", "SOURCE_LANGUAGE", "Language", "all_languages", "language"]


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str  # "Español", "中文", "العربية"
    english_name: str  # for staff: logs, `kiosk --check`, review packets
    direction: Qt.LayoutDirection
    locale: QLocale

    @property
    def rtl(self) -> bool:
        return self.direction == Qt.LayoutDirection.RightToLeft


@cache
def language(code: str) -> Language:
    if code not in LOCALES:
        raise KeyError(f"unknown language {code!r}; the kiosk has {', '.join(LANGUAGES)}")
    locale = QLocale(LOCALES[code])
    name = locale.nativeLanguageName()
    # CLDR writes some names in lower case ("español", "русский"); on a button, as a
    # heading, the first letter is a capital (CLDR's own rule for menus in these languages).
    name = locale.toUpper(name[:1]) + name[1:]
    english = QLocale.languageToString(locale.language())
    name, english = NAMES.get(code, (name, english))
    return Language(code, name, english, locale.textDirection(), locale)


def all_languages() -> list[Language]:
    return [language(code) for code in LANGUAGES]
