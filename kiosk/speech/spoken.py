"""What the voice is given for a text shown on screen: its spoken form.

The shown text is not always what should be heard. espeak-ng reads "1-800-FDA-1088" as
"one dash eight hundred F D A one thousand eighty-eight", spells a pronunciation key letter
by letter and says "mg" as "em gee". So, in every language:

- identifiers and phone numbers (digit groups joined by "-" or spaces, with keypad letters,
  and any number the kiosk isolated, such as the site's numbers) are read one digit or
  letter at a time, with a pause between groups: "1, 8 0 0, F D A, 1 0 8 8";
- a number's unit is read as its word ("0.9 mg": "milligrams" in the screen's language);
- the guide's own spoken forms replace what they name (the pronunciation key is read as the
  medicine's name).

Each character of the spoken text remembers which characters of the shown text it came
from, so the word the voice is on can still be marked on screen. No Qt here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.i18n.bidi import CONTROLS, LRI, PDI

# "mg" as said in each language, after a number (espeak-ng otherwise spells it: "em gee").
UNIT_WORDS: dict[str, dict[str, str]] = {
    "mg": {
        "en": "milligrams", "es": "miligramos", "fr": "milligrammes", "ht": "miligram", "tl": "milligram",
        "vi": "miligam", "ru": "миллиграмма", "ar": "ملليغرام", "zh": "毫克", "ko": "밀리그램",
    },
}
# A number read as an identifier: digit (and keypad letter) groups joined by "-" or spaces,
# with at least one "-" or letter ("1-800-FDA-1088"; "911" alone stays a number unless isolated).
IDENTIFIER = re.compile(r"\+?\d[\dA-Z]*(?:[- ][\dA-Z]+)*")
# Not \b: a Korean particle can follow the unit directly ("0.9 mg이").
UNIT = re.compile(r"(?<=\d)(\s?)(mg|мг)(?![A-Za-zА-Яа-я])")
UNIT_SPELLINGS = {"мг": "mg"}  # a unit as some languages write it -> its key above
ISOLATED = re.compile(f"{LRI}([^{PDI}]*){PDI}")


@dataclass(frozen=True)
class Spoken:
    text: str
    # For each character of `text`: the [start, end) of the shown characters it stands for.
    spans: tuple[tuple[int, int], ...]

    def shown_range(self, start: int, length: int) -> tuple[int, int]:
        """The shown characters behind spoken characters [start, start+length)."""
        picked = self.spans[max(0, start):max(start + 1, start + length)]
        if not picked:
            end = self.spans[-1][1] if self.spans else 0
            return end, 0
        first = min(span[0] for span in picked)
        last = max(span[1] for span in picked)
        return first, last - first


def spell(identifier: str) -> str:
    """ "1-800-FDA-1088" -> "1, 8 0 0, F D A, 1 0 8 8" """
    groups = [group for group in re.split(r"[- ]+", identifier) if group]
    return ", ".join(" ".join(group) for group in groups)


def _is_identifier(token: str, isolated: bool) -> bool:
    if not IDENTIFIER.fullmatch(token) or not any(ch.isdigit() for ch in token):
        return False
    return isolated or "-" in token or " " in token or any(ch.isalpha() for ch in token)


def spoken_form(shown: str, language: str, say: tuple[tuple[str, str], ...] = ()) -> Spoken:
    """The text for the voice, and where each of its characters is on screen."""
    replacements: list[tuple[int, int, str]] = []  # (start, end, spoken) in `shown`, not overlapping

    def claim(start: int, end: int, spoken: str) -> None:
        if all(end <= s or start >= e for s, e, _ in replacements):
            replacements.append((start, end, spoken))

    for match in ISOLATED.finditer(shown):
        inner = match.group(1)
        if _is_identifier(inner.strip(), True):
            claim(match.start(), match.end(), spell(inner.strip()))
    for written, spoken in say:
        for match in re.finditer(re.escape(written), shown):
            claim(match.start(), match.end(), spoken)
    for match in IDENTIFIER.finditer(shown):
        if _is_identifier(match.group(0), False):
            claim(match.start(), match.end(), spell(match.group(0)))
    words = {unit: names.get(language, names["en"]) for unit, names in UNIT_WORDS.items()}
    for match in UNIT.finditer(shown):
        unit = UNIT_SPELLINGS.get(match.group(2), match.group(2))
        claim(match.start(), match.end(), " " + words[unit])

    text: list[str] = []
    spans: list[tuple[int, int]] = []
    index = 0
    for start, end, spoken in sorted(replacements):
        _copy(shown, index, start, text, spans)
        text.append(spoken)
        spans.extend([(start, end)] * len(spoken))
        index = end
    _copy(shown, index, len(shown), text, spans)
    return Spoken("".join(text), tuple(spans))


def _copy(shown: str, start: int, end: int, text: list[str], spans: list[tuple[int, int]]) -> None:
    for position in range(start, end):
        if shown[position] not in CONTROLS:  # direction marks are for the eye only
            text.append(shown[position])
            spans.append((position, position + 1))
