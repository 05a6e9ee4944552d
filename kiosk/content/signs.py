"""One action per danger sign, across the whole guide. No Qt here.

The loader already refuses a screen whose declared signs need another action. This check
reads the English words themselves, so a sign cannot slip onto a screen undeclared: every
item an action screen lists must be one of the signs it declares (or one they cover), and a
sign's words in any other screen's list, or on a screen whose action differs, are a conflict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kiosk.content.model import Guide, Screen, Sign

# Screens whose list names a sign's word without meaning the sign, and why.
NOT_SIGNS = {
    "before-each-dose": "its list names medicines given before each dose (\"a medicine for fever\"), not signs",
}


@dataclass(frozen=True)
class Conflict:
    screen: str
    text: str
    problem: str

    def __str__(self) -> str:
        return f"{self.screen}: {self.text!r}: {self.problem}"


@lru_cache(maxsize=512)
def _pattern(word: str) -> re.Pattern:
    # From the start of a word, so "bruise" finds "Bruises" and "faint" finds "fainting".
    return re.compile(rf"\b{re.escape(word)}", re.IGNORECASE)


def signs_named(text: str, signs: tuple[Sign, ...]) -> list[Sign]:
    """The signs whose words appear in `text` (English)."""
    return [sign for sign in signs if any(_pattern(word).search(text) for word in sign.words)]


def allowed_signs(screen: Screen, guide: Guide) -> set[str]:
    """The signs a screen may name: those it declares and those they cover."""
    by_id = {sign.id: sign for sign in guide.signs}
    allowed = set(screen.signs)
    for sign_id in screen.signs:
        allowed.update(by_id[sign_id].covers)
    return allowed


def conflicts(guide: Guide, not_signs: dict[str, str] | None = None) -> list[Conflict]:
    """Every place a sign is named without its one action.

    `not_signs`: screen id -> why its list names a sign's word without meaning the sign
    (a medicine "for fever" given before each dose); those lists are not read.
    """
    not_signs = NOT_SIGNS if not_signs is None else not_signs
    found: list[Conflict] = []
    for screen in guide.screens():
        allowed = allowed_signs(screen, guide)
        texts = [*screen.items]
        if screen.signs:  # the lead-in of an action screen names its signs too
            texts.append(screen.text)
        elif screen.id in not_signs:
            continue
        for text in texts:
            named = signs_named(text, guide.signs)
            for sign in named:
                if sign.id in allowed:
                    continue
                if screen.action is None:
                    problem = f"names the sign '{sign.id}' but the screen has no action (needs '{sign.tier.value}')"
                elif sign.tier is not screen.action:
                    problem = (f"names the sign '{sign.id}' (action '{sign.tier.value}') on a screen whose action "
                               f"is '{screen.action.value}'")
                else:
                    problem = f"names the sign '{sign.id}', which the screen does not declare in `signs`"
                found.append(Conflict(screen.id, text, problem))
            if screen.signs and text in screen.items and not named:
                found.append(Conflict(screen.id, text, "a listed item on an action screen that is none of its signs"))
    return found


def tiers_by_sign(guide: Guide) -> dict[str, set[str]]:
    """Each sign id -> the actions of the screens that name it (one, when all is well)."""
    tiers: dict[str, set[str]] = {}
    for screen in guide.screens():
        for sign_id in screen.signs:
            tiers.setdefault(sign_id, set()).add(screen.action.value if screen.action else "none")
    return tiers
