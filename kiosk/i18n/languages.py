"""The languages the kiosk speaks, named and directed by Qt's locale data (CLDR).

The order is the picker's: English, then by the number of US patients with limited
English who speak each (design/standards.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QLocale, Qt

SOURCE_LANGUAGE = "en"

# Catalog code -> the CLDR locale whose data names the language and gives its direction.
# English is named from "en_001" (world English): "en_US" calls itself "American English".
# CLDR files Tagalog under Filipino ("fil"), its standard form.
LOCALES = {
    "en": "en_001",
    "es": "es_US",
    "zh": "zh_CN",
    "vi": "vi_VN",
    "ko": "ko_KR",
    "tl": "fil_PH",
    "ar": "ar",
    "ru": "ru_RU",
    "ht": "ht_HT",
    "fr": "fr_FR",
}
LANGUAGES = tuple(LOCALES)
# Names patients and interpreter services use where CLDR's differs: US Tagalog speakers
# look for "Tagalog"; CLDR says "Filipino" (both names are shown).
NAMES = {"tl": ("Tagalog (Filipino)", "Tagalog (Filipino)")}  # code -> (native, English)


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


@lru_cache(maxsize=None)
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
