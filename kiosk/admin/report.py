"""What staff are told about this terminal: the admin screen shows it in parts (facts, languages,
usage) and `kiosk --check` prints the site's numbers the same way. No Qt."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kiosk.config import Config
from kiosk.content import Guide
from kiosk.content.actions import SiteNumbers
from kiosk.i18n.codes import LANGUAGES, SOURCE_LANGUAGE
from kiosk.i18n.offer import LanguageOffer
from kiosk.readiness import describe_review


def site_numbers(settings: Config) -> SiteNumbers:
    return SiteNumbers(care_team=settings["site.care_team_phone"], after_hours=settings["site.after_hours_phone"],
                       emergency=settings["site.emergency_number"])


NO_CARE_TEAM = "(NOT SET: patients are told to ask the nurse)"


def numbers_line(settings: Config) -> str:
    numbers = site_numbers(settings)
    care_team = numbers.care_team or NO_CARE_TEAM
    return (f"Numbers patients are given: care team {care_team}; after hours {numbers.after_hours or '(not set)'}; "
            f"emergency {numbers.emergency}")


def _drafts(settings: Config) -> str:
    return "yes (each screen marked Draft)" if settings["content.allow_unreviewed"] else "no"


def terminal_facts(settings: Config, guide: Guide, version: str, speech_engine: str) -> list[tuple[str, str]]:
    """The terminal's facts as (name, value) pairs: the first part of the admin screen."""
    numbers = site_numbers(settings)
    return [("Site", settings["site.name"] or "(not named)"),
            ("Care team number", numbers.care_team or NO_CARE_TEAM),
            ("After-hours number", numbers.after_hours or "(not set)"),
            ("Emergency number", numbers.emergency),
            ("Guide content", f"{guide.content_version}, {describe_review(guide)}"),
            ("Drafts shown to patients", _drafts(settings)),
            ("Kiosk version", version),
            ("Settings", str(settings.file or "built-in defaults")),
            ("Speech engine", speech_engine)]


@dataclass(frozen=True)
class LanguageRow:
    code: str
    name: str  # in English
    offered: bool
    state: str  # "offered", or "not offered (why)"
    review: str
    voice: str

    def line(self) -> str:
        return f"  {self.code} {self.name}: {self.state}; {self.review}; {self.voice}"


def language_rows(offer: LanguageOffer, english_names: dict[str, str], voice: Callable[[str], str],
                  offered: Iterable[str] | None = None) -> list[LanguageRow]:
    """One row per language: offered or why not, its review, its voice (`voice(code)` says)."""
    offered_codes = set(offer.available() if offered is None else offered)
    rows = []
    for code in LANGUAGES:
        state = "offered" if code in offered_codes else f"not offered ({offer.why_not(code) or 'settings'})"
        catalog = offer.catalog(code) if code != SOURCE_LANGUAGE else None
        review = ("source language" if code == SOURCE_LANGUAGE
                  else catalog.review.describe() if catalog else "no usable catalog")
        rows.append(LanguageRow(code, english_names[code], code in offered_codes, state, review, voice(code)))
    return rows


@dataclass
class AdminReport:
    """What the admin screen shows, in parts: the terminal's facts, the languages, the usage."""

    facts: list[tuple[str, str]]
    languages: list[LanguageRow]
    usage: list[tuple[str, str]] = field(default_factory=list)  # (name, value), or one ("", why not)
    per_day: list[tuple[str, int]] | None = None  # sessions per day, the last 14 days, oldest first

    def lines(self) -> list[str]:
        """Everything in plain lines (what a test or a log reads)."""
        lines = [f"{name}: {value}" for name, value in self.facts]
        lines += ["", "Languages:", *(row.line() for row in self.languages)]
        if self.usage:
            lines += ["", "Usage (anonymous):", *(f"{name}: {value}" if name else value for name, value in self.usage)]
        return lines
