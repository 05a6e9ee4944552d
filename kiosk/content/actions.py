"""The words of a screen's action with the site's numbers in them. No Qt here.

A number goes in wrapped in a left-to-right isolate, so it keeps its order inside
right-to-left text and the voice knows to read it digit by digit (kiosk/speech/spoken.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.content.model import Action, Screen
from kiosk.i18n.bidi import wrap


@dataclass(frozen=True)
class SiteNumbers:
    """The site's numbers (settings `site.*`): empty where the site has not set one."""

    care_team: str = ""
    after_hours: str = ""
    emergency: str = "911"


@dataclass(frozen=True)
class ActionLines:
    action: Action
    heading: str  # the action itself: the heading of the box around the screen's signs
    more: str = ""  # a second line (the after-hours number), or ""


def action_lines(screen: Screen, numbers: SiteNumbers) -> ActionLines | None:
    """What the screen tells the patient to do, in the screen's language; None: no action."""
    if screen.action is None:
        return None
    words = dict(screen.action_words)
    if screen.action is Action.NOW:
        return ActionLines(Action.NOW, _fill(words["now"], "emergency_number", numbers.emergency))
    if screen.action is Action.RIGHT_AWAY:
        if not numbers.care_team:
            return ActionLines(Action.RIGHT_AWAY, words["right-away-no-number"])
        more = _fill(words["after-hours"], "after_hours_phone", numbers.after_hours) if numbers.after_hours else ""
        return ActionLines(Action.RIGHT_AWAY, _fill(words["right-away"], "care_team_phone", numbers.care_team), more)
    return ActionLines(Action.ASK, words["ask"])


def _fill(words: str, name: str, number: str) -> str:
    # Not str.format: a stray brace in a translation must not take the screen down.
    return words.replace("{" + name + "}", wrap(number))
