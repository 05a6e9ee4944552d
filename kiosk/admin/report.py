"""What staff are told about this terminal, in plain lines: the admin screen shows them and
`kiosk --check` prints the same facts the same way. No Qt."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kiosk.config import Config
from kiosk.content import Guide
from kiosk.content.actions import SiteNumbers
from kiosk.i18n.codes import LANGUAGES, SOURCE_LANGUAGE
from kiosk.i18n.offer import LanguageOffer
from kiosk.readiness import describe_review


def site_numbers(settings: Config) -> SiteNumbers:
    return SiteNumbers(care_team=settings["site.care_team_phone"], after_hours=settings["site.after_hours_phone"],
                       emergency=settings["site.emergency_number"])


def numbers_line(settings: Config) -> str:
    numbers = site_numbers(settings)
    care_team = numbers.care_team or "(NOT SET: patients are told to ask the nurse)"
    return (f"Numbers patients are given: care team {care_team}; after hours {numbers.after_hours or '(not set)'}; "
            f"emergency {numbers.emergency}")


def terminal_lines(settings: Config, guide: Guide, version: str, speech_engine: str) -> list[str]:
    drafts = "yes (each screen marked Draft)" if settings["content.allow_unreviewed"] else "no"
    return [f"Site: {settings['site.name'] or '(not named)'}",
            numbers_line(settings),
            f"Kiosk {version}; guide content {guide.content_version}, {describe_review(guide)}",
            f"Drafts shown to patients: {drafts}",
            f"Settings: {settings.file or 'built-in defaults'}",
            f"Speech engine: {speech_engine}"]


def language_lines(offer: LanguageOffer, english_names: dict[str, str], voice: Callable[[str], str],
                   offered: Iterable[str] | None = None) -> list[str]:
    """One line per language: offered or why not, its review, its voice (`voice(code)` says)."""
    offered_codes = set(offer.available() if offered is None else offered)
    lines = ["Languages:"]
    for code in LANGUAGES:
        state = "offered" if code in offered_codes else f"not offered ({offer.why_not(code) or 'settings'})"
        catalog = offer.catalog(code) if code != SOURCE_LANGUAGE else None
        review = ("source language" if code == SOURCE_LANGUAGE
                  else catalog.review.describe() if catalog else "no usable catalog")
        lines.append(f"  {code} {english_names[code]}: {state}; {review}; {voice(code)}")
    return lines
