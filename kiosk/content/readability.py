"""Reading grades for a screen (Flesch-Kincaid, SMOG, Dale-Chall), via textstat.

Drug and disease names are exempt from the measure (docs/content-policy.md): each exempt
term is replaced by a one-syllable stand-in before scoring, so "inotuzumab
ozogamicin" does not push a screen to grade 12 on its own.

Two ways to read a screen: as shown (heading and each list item a sentence: how the eye
takes it) and as read aloud (no heading; a lead-in and its list are one sentence: how a
listener takes it, and the harder of the two). Dale-Chall grades the words themselves
(how many are outside the 3,000 that most fourth-graders know).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import textstat

# A one-syllable, common word: scores like the pronoun a reader would meet instead.
_STAND_IN = "it"


@dataclass(frozen=True)
class Grades:
    flesch_kincaid: float
    smog: float
    words: int
    sentences: int
    dale_chall: float = 0.0


def scored_text(heading: str, text: str, items: tuple[str, ...] | list[str]) -> str:
    """The text a screen is graded on: heading, body and each list item as a sentence."""
    parts = [heading, text, *items]
    sentences = []
    for part in parts:
        part = part.strip()
        if not part:
            continue
        # A heading or list item is read as one sentence even without a full stop.
        sentences.append(part if part[-1] in ".?!" else part + ".")
    return " ".join(sentences)


def as_read_text(text: str, items: tuple[str, ...] | list[str]) -> str:
    """The screen as a listener hears it: no heading; a lead-in ending in ":" runs on into
    its list as one sentence ("Watch for: fever, chills, a feeling like you have the flu.")."""
    text = text.strip()
    if not items:
        return text
    listed = ", ".join(item.strip().rstrip(".") for item in items)
    if text.endswith(":"):
        return f"{text} {listed}."
    return f"{text} {listed}.".strip()


def strip_exempt(text: str, exempt: tuple[str, ...] | list[str]) -> str:
    # Longest first, so "acute lymphoblastic leukemia" wins over "leukemia".
    for term in sorted(exempt, key=len, reverse=True):
        text = re.sub(re.escape(term), _STAND_IN, text, flags=re.IGNORECASE)
    return text


def grade(text: str, exempt: tuple[str, ...] | list[str] = ()) -> Grades:
    plain = strip_exempt(text, exempt)
    sentences = max(1, textstat.sentence_count(plain))
    polysyllables = textstat.polysyllabcount(plain)
    # textstat.smog_index() returns 0 below 3 sentences (SMOG was made for 30-sentence
    # samples); a 0 would hide a hard screen, so apply McLaughlin's formula directly.
    smog = 1.0430 * math.sqrt(polysyllables * (30 / sentences)) + 3.1291
    return Grades(
        flesch_kincaid=round(textstat.flesch_kincaid_grade(plain), 1),
        smog=round(smog, 1),
        words=textstat.lexicon_count(plain),
        sentences=sentences,
        dale_chall=round(textstat.dale_chall_readability_score(plain), 1),
    )
