"""The "When to get help" card's text: only the guide's words, every danger sign, the site's
numbers, the patient's language first and English beside it, numbers in order in Arabic."""

from __future__ import annotations

import pytest
from bidi import get_display

from kiosk.content import Action
from kiosk.content.actions import SiteNumbers, action_lines
from kiosk.content.card import (
    BULLET,
    LRM,
    QR_BYTES,
    QUESTIONS_HEADING,
    SEPARATOR,
    SUMMARY_TOPICS,
    card_screens,
    card_section,
    card_text,
    card_texts,
    question_texts,
)
from kiosk.content.signs import signs_named
from kiosk.i18n.bidi import CONTROLS, strip_controls, token
from kiosk.i18n.codes import LANGUAGES
from kiosk.i18n.offer import LanguageOffer

SITE = SiteNumbers("1-555-010-0199", "+1 555 010 0142", "911")
SITES = (SITE, SiteNumbers("", "", "112"), SiteNumbers("1-800-CARE-NOW", "555 0142", "999"))


@pytest.fixture(scope="module")
def offer(guide):
    return LanguageOffer(guide)


def tier_screens(guide, tier):
    return [screen for screen in guide.screens() if screen.action is tier]


def tiers_of(section: str) -> list[list[str]]:
    """The section's blocks (split at blank lines): title, each tier, the questions."""
    return [block.splitlines() for block in section.split("\n\n")]


def test_the_english_card_is_the_guides_words_in_its_order(guide):
    text = card_text(guide, SITE)
    title, now, right_away = tiers_of(text)
    assert title == [guide.topic("get-help-now").title]
    for block, tier in ((now, Action.NOW), (right_away, Action.RIGHT_AWAY)):
        screens = tier_screens(guide, tier)
        lines = action_lines(screens[0], SITE)
        assert block[0] == screens[0].heading
        assert block[1:2 + bool(lines.more)] == [strip_controls(line) for line in (lines.heading, lines.more) if line]
        expected: list[str] = []  # every list item (or the text of a screen with no list), each once
        seen: set[str] = set()
        for number, screen in enumerate(screens):
            new = [sign for sign in screen.items or (screen.text,) if sign not in seen]
            seen.update(new)
            if new and number:
                expected.append(screen.heading)  # after the first, each screen under its heading
            expected += [BULLET + sign for sign in new]
        assert block[2 + bool(lines.more):] == expected
    assert now.count(BULLET + "Trouble breathing") == 1  # on three "now" screens
    assert "- Fever" in now and "- Fever" in right_away  # a different tier keeps its own
    assert "call 911" in now[1] and "1-555-010-0199" in right_away[1] and "+1 555 010 0142" in right_away[2]
    assert SEPARATOR not in text  # English once


def test_a_site_with_no_care_team_number_gets_the_guides_words_for_it(guide):
    block = tiers_of(card_text(guide, SiteNumbers("", "", "112")))[2]
    assert block[1] == guide.actions["right-away-no-number"]
    assert not block[2].startswith("After hours")


def test_the_compact_card_names_every_danger_sign(guide):
    text = card_text(guide, SITE, compact=True)
    assert {sign.id for sign in signs_named(text, guide.signs)} == {sign.id for sign in guide.signs}
    screens = [screen.id for screen in card_screens(guide, compact=True)]
    assert screens[:3] == [screen.id for screen in guide.topic(SUMMARY_TOPICS[0]).screens if screen.action]
    assert len(text) < len(card_text(guide, SITE)) * 0.7


def test_the_whole_card_in_one_code_or_two(guide, offer):
    assert card_texts(guide, SITE) == [card_text(guide, SITE, compact=True)]
    spanish = offer.guide("es")
    assert card_texts(spanish, SITE, english=guide) == [card_text(spanish, SITE, english=guide, compact=True)]
    arabic = offer.guide("ar")
    assert len(card_text(arabic, SITE, english=guide, compact=True).encode()) > QR_BYTES
    assert card_texts(arabic, SITE, english=guide) == [card_section(arabic, SITE, compact=True),
                                                      card_section(guide, SITE, compact=True)]
    assert len(card_texts(spanish, SITE, english=guide, max_bytes=1200)) == 2  # a smaller code


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_first_then_english(guide, offer, code):
    local = offer.guide(code)
    questions = ("Q1 " + code, "Q2 " + code)
    english_questions = ("Question one?", "Question two?")
    text = card_text(local, SITE, questions, english=guide, english_questions=english_questions,
                     questions_heading="H " + code)
    assert not set(text) & set(CONTROLS.replace(LRM, "")), "no isolates: a phone may draw them as boxes"
    if code == "en":
        assert text == card_section(guide, SITE, questions, "H en")
        return
    own, english = text.split(f"\n\n{SEPARATOR}\n\n")
    assert english == card_section(guide, SITE, english_questions, QUESTIONS_HEADING)
    assert own == card_section(local, SITE, questions, "H " + code)
    blocks = tiers_of(own)
    assert blocks[0] == [local.topic("get-help-now").title]
    assert blocks[-1] == ["H " + code, *(BULLET + q for q in questions)]
    plain = strip_controls(own)
    for tier in (Action.NOW, Action.RIGHT_AWAY):
        for screen in tier_screens(local, tier):
            for sign in screen.items or (screen.text,):
                assert BULLET + strip_controls(sign) in plain.splitlines(), (code, screen.id, sign)
    for screen in tier_screens(local, Action.NOW):
        assert screen.language == code, f"{screen.id} fell back to English in {code}"


def test_each_marked_question_needs_its_english(guide, offer):
    with pytest.raises(ValueError, match="English"):
        card_text(offer.guide("es"), SITE, ("¿Pregunta?",), english=guide)


def visual_tokens_in_order(line: str) -> list[str]:
    """The left-to-right tokens of a line that the bidi algorithm draws out of order."""
    shown = get_display(line).replace(LRM, "")
    return [m.group(0) for m in token().finditer(strip_controls(line)) if m.group(0) not in shown]


@pytest.mark.parametrize("site", SITES)
def test_numbers_read_in_order_in_arabic_on_a_phone(guide, offer, site):
    text = card_text(offer.guide("ar"), site, english=guide)
    lines = [line for line in text.splitlines() if any(ch.isdigit() for ch in line)]
    assert any(site.emergency in line for line in lines)
    for line in lines:
        assert visual_tokens_in_order(line) == [], line


def test_the_order_check_sees_a_number_drawn_backwards(guide, offer):
    # Without its left-to-right marks the Arabic right-away line draws the number reversed.
    text = card_section(offer.guide("ar"), SITE).replace(LRM, "")
    broken = [bad for line in text.splitlines() for bad in visual_tokens_in_order(line)]
    assert "1-555-010-0199" in broken and "+1 555 010 0142" in broken


def test_a_marked_page_is_named_by_its_topic_and_heading(guide, offer):
    assert question_texts(guide, ["liver-signs", "no-such-screen"]) == ["Liver problems: Signs of liver problems"]
    chinese = offer.guide("zh")
    (text,) = question_texts(chinese, ["liver-signs"])
    assert text == f"{chinese.topic('liver').title}\uff1a{chinese.screen('liver-signs').heading}"
