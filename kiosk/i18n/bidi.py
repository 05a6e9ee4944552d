"""Numbers, doses and names drawn in the order the eye expects inside right-to-left text.

In an Arabic sentence the Unicode bidi algorithm splits "1-800-FDA-1088" at its hyphens
and draws "FDA-1088-800-1": a patient copying it dials a wrong number. Wrapped in a
left-to-right isolate (U+2066 ... U+2069) the token is laid out on its own, left to right,
as one piece. The kiosk does this itself for every such token when the text holds
right-to-left letters, so no catalog can get it wrong. No Qt here.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

LRI = "\u2066"  # left-to-right isolate
PDI = "\u2069"  # pop directional isolate
CONTROLS = "\u2066\u2067\u2068\u2069\u200e\u200f\u202a\u202b\u202c\u202d\u202e"

# Left-to-right tokens that must keep their inner order (alternatives tried in order):
# an identifier or phone number made of digit/capital groups joined by - or spaces
# ("1-800-FDA-1088", "+1 555 010 0199"); a number with a Latin unit ("0.9 mg", "0,9 mg");
# a run of Latin words ("inotuzumab ozogamicin", "IN-oh-TOOZ-ue-mab OH-zoe-ga-MYE-sin").
TOKEN_PATTERN = (
    r"\+?\d[\dA-Z]*(?:[- ][\dA-Z]*\d[\dA-Z]*|-[A-Z]+)+"
    r"|\d+(?:[.,]\d+)?\s?[A-Za-z]+(?![A-Za-z])"
    r"|[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*(?:[- ][A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)*"
)


@cache
def token() -> re.Pattern:
    """TOKEN_PATTERN compiled when first needed (not at start-up: the first screen is English)."""
    return re.compile(TOKEN_PATTERN)


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def isolate(text: str) -> tuple[str, list[int]]:
    """`text` with each left-to-right token isolated when the text is right to left.

    Returns the text to draw and, for each character of `text` (and one past its end),
    where it is in the drawn text, so a mark on the words can follow. Text already
    isolated, and left-to-right text, come back unchanged.
    """
    if not has_rtl(text):
        return text, list(range(len(text) + 1))
    out: list[str] = []
    positions: list[int] = []
    last = shift = 0  # shift: isolate marks inserted so far
    depth_at = _isolation_depths(text)
    for match in token().finditer(text):
        start, end = match.span()
        if depth_at[start] > 0:
            continue  # inside an isolate the text already has
        positions.extend(range(last + shift, start + shift))
        positions.extend(range(start + shift + 1, end + shift + 1))
        out += [text[last:start], LRI, text[start:end], PDI]
        last, shift = end, shift + 2
    positions.extend(range(last + shift, len(text) + shift + 1))
    out.append(text[last:])
    return "".join(out), positions


def _isolation_depths(text: str) -> list[int]:
    depths, depth = [], 0
    for ch in text:
        if ch in "\u2066\u2067\u2068":
            depth += 1
        elif ch == PDI and depth:
            depth -= 1
        depths.append(depth)
    depths.append(depth)
    return depths


def wrap(token: str) -> str:
    """One token isolated, whatever text it goes into (a site's phone number)."""
    return LRI + token + PDI


def strip_controls(text: str) -> str:
    return "".join(ch for ch in text if ch not in CONTROLS)
