"""The kiosk's languages as plain data (no Qt): settings, checks and tools read these.

The order is the picker's: English, then by the number of US patients with limited English
who speak each (docs/standards.md). kiosk/i18n/languages.py adds their names and
directions from Qt's locale data.
"""

from __future__ import annotations

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
