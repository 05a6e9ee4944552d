"""Which espeak-ng voice reads each of the kiosk's languages, and whether it is installed."""

from __future__ import annotations

from collections.abc import Iterable

from kiosk.i18n.languages import LOCALES
from kiosk.i18n.languages import language as language_info

# The kiosk's languages and their names come from kiosk.i18n.languages (Qt's CLDR data).

# espeak-ng voice ids, best first. pyttsx3 sets a voice by this id, not by language code:
# plain "en" is British, so American English is "en-us"; Chinese is Mandarin, "cmn".
# espeak-ng has no Tagalog (Filipino) voice at all.
VOICE_CANDIDATES: dict[str, tuple[str, ...]] = {
    "en": ("en-us",),
    "es": ("es-419", "es"),
    "zh": ("cmn",),
    "vi": ("vi",),
    "ko": ("ko",),
    "tl": (),
    "ar": ("ar",),
    "ru": ("ru",),
    "ht": ("ht",),
    "fr": ("fr",),
}


def voice_key(voice_id: str) -> str:
    """espeak's voice id without its language-family folder: "gmw/en-us" -> "en-us"."""
    return voice_id.rsplit("/", 1)[-1].lower()


def choose_voice(language: str, installed: Iterable[str]) -> str | None:
    """The voice id for `language` among the `installed` ones, or None."""
    have = {voice_key(voice) for voice in installed}
    return next((voice for voice in VOICE_CANDIDATES.get(language, ()) if voice in have), None)


def language_name(language: str) -> str:
    return language_info(language).english_name if language in LOCALES else language


def missing_voice_reason(language: str) -> str:
    """Why `choose_voice` found nothing, in plain words."""
    if language not in VOICE_CANDIDATES:
        return f"'{language}' is not one of the kiosk's languages"
    candidates = VOICE_CANDIDATES[language]
    if not candidates:
        return f"no {language_name(language)} voice: espeak-ng has none"
    return f"no {language_name(language)} voice installed (looked for {', '.join(candidates)})"
