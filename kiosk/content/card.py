"""The "When to get help" card as plain text, for a QR code a phone camera shows. No Qt here.

Made only from what the guide already says: every screen whose action is "now" or "right
away", grouped by that action ("now" first), each group headed by the heading of its first
screen, then the action's words with the site's numbers, then the signs (a screen's list, or
its text when it has no list; a sign already in the group is not repeated), each further
screen's under its heading. The patient's
marked questions follow. For a language other than English the same card in English comes
after a separator line, so a nurse or an emergency worker can read it too.

Every action screen together is too long for one QR code in any language but English (3,900
bytes in Arabic and English; a code holds 2,331 at error correction M). The compact card keeps
every danger sign: the guide's summary topic, then each screen naming a sign it does not.
`card_texts` gives two codes (the patient's language; English) when one cannot hold both.

The text holds no isolate controls (U+2066-U+2069): a phone may show them as boxes. In a
right-to-left line each number or Latin token is instead held between left-to-right marks
(U+200E, known to every bidi renderer), so "+1 555 010 0142" is not drawn "0142 010 555 1+".
"""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.content.actions import SiteNumbers, action_lines
from kiosk.content.model import Action, Guide, Screen
from kiosk.i18n.bidi import has_rtl, strip_controls, token

# The tiers on the card, most urgent first.
TIERS = (Action.NOW, Action.RIGHT_AWAY)
# The card's title is this topic's title, in the card's language.
TITLE_TOPIC = "get-help-now"
# The guide's summary of the danger signs (both actions; tests/unit/test_signs.py): a compact card
# starts from it.
SUMMARY_TOPICS = ("most-important",)
# New UI words (not in the guide): the screen passes them translated (its tr()).
QUESTIONS_HEADING = "My questions"
BULLET = "- "  # ASCII: one byte in the code, where "\u2022" takes three
SEPARATOR = "=" * 24
LRM = "\u200e"
QR_BYTES = 2331  # what one QR code holds at error correction M (version 40, bytes)


def card_text(guide: Guide, numbers: SiteNumbers, questions: Sequence[str] = (), *,
              english: Guide | None = None, english_questions: Sequence[str] = (),
              questions_heading: str = QUESTIONS_HEADING, compact: bool = False) -> str:
    """The card in `guide`'s language, then (not English) in English from `english`.

    `questions` are the patient's marked questions in the guide's language,
    `english_questions` the same in English (needed when the guide is not English).
    `compact`: not every action screen but the guide's summary (SUMMARY_TOPICS) and, after it,
    each screen that names a danger sign the summary does not (see `card_screens`).
    """
    text = card_section(guide, numbers, questions, questions_heading, compact)
    if english is None or english.language == guide.language:
        return text
    if len(english_questions) != len(questions):
        raise ValueError("each marked question needs its English")
    return "\n".join((text, "", SEPARATOR, "",
                      card_section(english, numbers, english_questions, QUESTIONS_HEADING, compact)))


def card_texts(guide: Guide, numbers: SiteNumbers, questions: Sequence[str] = (), *,
               english: Guide | None = None, english_questions: Sequence[str] = (),
               questions_heading: str = QUESTIONS_HEADING, compact: bool = True,
               max_bytes: int = QR_BYTES) -> list[str]:
    """The card as the text of one QR code, or of two (the patient's language; English) when both
    together hold more than `max_bytes` (a screen with less room passes what a smaller code holds).
    Nothing is left out: a text still too long for one code is the QR code's to refuse
    (kiosk/ui/widgets/qr.py, CardTooLong)."""
    whole = card_text(guide, numbers, questions, english=english, english_questions=english_questions,
                      questions_heading=questions_heading, compact=compact)
    if len(whole.encode("utf-8")) <= max_bytes or english is None or english.language == guide.language:
        return [whole]
    return [card_section(guide, numbers, questions, questions_heading, compact),
            card_section(english, numbers, english_questions, QUESTIONS_HEADING, compact)]


def question_texts(guide: Guide, screen_ids: Sequence[str]) -> list[str]:
    """The patient's marked screens as questions for the nurse, in marking order, in `guide`'s
    language: the screen's heading, after its topic's title where the heading alone would not
    say where it was ("Liver problems: Signs to watch for"). Ids the guide lacks are skipped."""
    texts = []
    for screen_id in screen_ids:
        try:
            screen = guide.screen(screen_id)
        except KeyError:
            continue
        title = guide.topic(screen.topic_id).title
        same = title.casefold() == screen.heading.casefold()
        colon = "\uff1a" if guide.language == "zh" else ": "  # Chinese has its own full-width colon
        texts.append(screen.heading if same else f"{title}{colon}{screen.heading}")
    return texts


def card_section(guide: Guide, numbers: SiteNumbers, questions: Sequence[str] = (),
                 questions_heading: str = QUESTIONS_HEADING, compact: bool = False) -> str:
    """The card in one language: title, each tier, the questions."""
    lines = [_title(guide)]
    chosen = card_screens(guide, compact)
    for tier in TIERS:
        screens = [screen for screen in chosen if screen.action is tier]
        if not screens:
            continue
        lines += ["", screens[0].heading]
        lines += _unique(part for screen in screens for part in _action(screen, numbers))
        seen: set[str] = set()
        for number, screen in enumerate(screens):
            signs = _unique(_signs(screen), seen)
            if signs and number:
                # The screen's heading keeps its signs in context ("During your infusion": a fever
                # then is for the nurse now; at home it is a call to the care team).
                lines.append(screen.heading)
            lines += [BULLET + sign for sign in signs]
    if questions:
        lines += ["", questions_heading, *(BULLET + question for question in questions)]
    return "\n".join(_plain(line) for line in lines)


def card_screens(guide: Guide, compact: bool = False) -> list[Screen]:
    """The screens the card is made of, in the guide's order: every "now" and "right away" screen,
    or (compact) the summary topic's and each other one that declares a sign none before it does."""
    screens = [screen for screen in guide.screens() if screen.action in TIERS]
    if not compact:
        return screens
    chosen = [screen for screen in screens if screen.topic_id in SUMMARY_TOPICS]
    named = {sign for screen in chosen for sign in screen.signs}
    for screen in screens:
        if screen not in chosen and not set(screen.signs) <= named:
            chosen.append(screen)
            named.update(screen.signs)
    order = {screen.id: index for index, screen in enumerate(screens)}
    return sorted(chosen, key=lambda screen: order[screen.id])


def _title(guide: Guide) -> str:
    try:
        return guide.topic(TITLE_TOPIC).title
    except KeyError:
        return guide.topics[0].title  # the urgent topic comes first


def _action(screen: Screen, numbers: SiteNumbers) -> list[str]:
    lines = action_lines(screen, numbers)
    return [part for part in (lines.heading, lines.more) if part] if lines else []


def _signs(screen: Screen) -> tuple[str, ...]:
    return screen.items or ((screen.text,) if screen.text else ())


def _unique(texts, seen: set[str] | None = None) -> list[str]:
    """In order, each text once (compared without bidi controls), none of `seen` (which grows)."""
    seen = set() if seen is None else seen
    out = []
    for text in texts:
        key = strip_controls(text)
        if key not in seen:
            seen.add(key)
            out.append(text)
    return out


def _plain(line: str) -> str:
    """The line without isolates; in right-to-left text each left-to-right token between marks."""
    line = strip_controls(line)
    if not has_rtl(line):
        return line
    return token().sub(lambda match: LRM + match.group(0) + LRM, line)
