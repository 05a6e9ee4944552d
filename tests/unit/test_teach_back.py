"""The teach-back questions ("Check what you learned"): written only from their topic's screens,
refused when malformed or unsafe, translated whole or not at all, checked and reviewed like
screen text, graded and listed by `kiosk --check`."""

from __future__ import annotations

import re
from dataclasses import replace

import polib
import pytest

from kiosk import resources
from kiosk.check import MAX_ANSWER_WORDS, MAX_QUESTION_WORDS, Report, check_questions
from kiosk.content import Action, ContentError, load_guide
from kiosk.content.model import Question
from kiosk.i18n.catalog import guide_context, load_catalog
from kiosk.i18n.checks import check_language
from kiosk.i18n.extract import guide_entries
from kiosk.i18n.localize import guide_texts, localize, question_texts
from kiosk.i18n.packet import packet_html

REAL = resources.guide_file("en").read_text(encoding="utf-8")

# Words that carry no content of their own: a right answer's other words must be on its screens.
FUNCTION_WORDS = {"a", "an", "and", "at", "can", "for", "in", "is", "it", "of", "or", "the", "them", "this", "to",
                  "too", "with", "you", "your", "yes", "no"}
# The words that say each tier's action in English (the guide's `actions` and the screens).
TIER_PHRASES = {Action.NOW: ("now", "at once"), Action.RIGHT_AWAY: ("right away",)}


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9][a-z0-9'-]*", text.lower()))


def says(text: str, phrases: tuple[str, ...]) -> bool:
    return any(re.search(rf"\b{phrase}\b", text.lower()) for phrase in phrases)


def cited_text(guide, question: Question) -> str:
    """Everything the cited screens say, their actions' words included."""
    screens = [guide.screen(screen_id) for screen_id in question.teaches]
    return "\n".join(part for s in screens for part in (s.plain_text(), *(said for _, said in s.action_words)))


def unsupported_words(guide, question: Question, answer_text: str) -> set[str]:
    return words(answer_text) - FUNCTION_WORDS - words(cited_text(guide, question))


# --- the real guide ------------------------------------------------------------------


def test_every_topic_has_two_or_three_questions(guide):
    assert len(guide.topics) == 13
    for topic in guide.topics:
        assert 2 <= len(topic.questions) <= 3, topic.id
        assert all(question.topic_id == topic.id for question in topic.questions)
    first = guide.questions()[0]
    assert guide.question(first.id) is first
    with pytest.raises(KeyError):
        guide.question("no-such-question")


def test_every_question_is_short_with_one_right_picture_answer(guide):
    for question in guide.questions():
        assert 2 <= len(question.answers) <= 3, question.id
        assert sum(answer.right for answer in question.answers) == 1, question.id
        assert len(question.text.split()) <= MAX_QUESTION_WORDS, question.id
        assert all(len(answer.text.split()) <= MAX_ANSWER_WORDS for answer in question.answers), question.id
        assert all(resources.icon_file(answer.icon).is_file() for answer in question.answers), question.id
        assert len({answer.text for answer in question.answers}) == len(question.answers), question.id
        topic = question.topic_id
        assert {guide.screen(screen_id).topic_id for screen_id in question.teaches} == {topic}, question.id


def test_each_right_answer_says_what_a_cited_screen_says(guide):
    for question in guide.questions():
        assert unsupported_words(guide, question, question.right_answer.text) == set(), question.id


def test_the_right_answer_check_catches_an_answer_the_screens_do_not_give(guide):
    fever = guide.question("check-fever-at-home")
    assert unsupported_words(guide, fever, "Call your care team tomorrow") == {"tomorrow"}
    assert unsupported_words(guide, guide.question("check-birth-control-women"), "At least 6 months") == {"6"}


def test_a_question_about_danger_signs_answers_with_their_action(guide):
    tiers = {sign.id: sign.tier for sign in guide.signs}
    asked = [question for question in guide.questions() if question.signs]
    assert len(asked) >= 10
    for question in asked:
        (tier,) = {tiers[sign_id] for sign_id in question.signs}
        first = guide.screen(question.teaches[0])
        assert set(question.signs) <= set(first.signs) and first.action is tier, question.id
        assert question.right_answer.action is tier, question.id
        assert says(f"{question.text} {question.right_answer.text}", TIER_PHRASES[tier]), question.id
        for answer in question.answers:
            if not answer.right:
                assert answer.action is not tier, (question.id, answer.text)
                assert not says(answer.text, TIER_PHRASES[tier]), (question.id, answer.text)
                # a wrong answer restates none of its screen's words as a whole
                assert answer.text.lower() not in cited_text(guide, question).lower(), (question.id, answer.text)


def test_most_important_asks_three_scenarios_now_right_away_and_liver_later(guide):
    questions = guide.topic("most-important").questions
    assert len(questions) == 3
    tiers = {sign.id: sign.tier for sign in guide.signs}
    asked = [{tiers[sign_id] for sign_id in question.signs} for question in questions]
    assert {Action.NOW} in asked and {Action.RIGHT_AWAY} in asked
    assert any("main-liver-later" in question.teaches for question in questions)
    assert all(question.text.endswith(("What do you do?", "What now?")) for question in questions)


def test_check_grades_and_lists_every_question(guide):
    report = Report()
    lines = "\n".join(check_questions(guide, report))
    assert report.errors == []
    for question in guide.questions():
        assert question.id in lines and question.right_answer.text in lines


def test_check_fails_on_a_hard_or_long_question_and_a_topic_without_questions(guide):
    topics = list(guide.topics)
    liver = next(i for i, t in enumerate(topics) if t.id == "liver")
    questions = list(topics[liver].questions)
    questions[0] = replace(questions[0], text="Hepatotoxicity manifestations necessitate which immediate "
                                              "intervention from you?")
    questions[1] = replace(questions[1], answers=(replace(questions[1].answers[0], text=" ".join(["word"] * 9)),
                                                  *questions[1].answers[1:]))
    topics[liver] = replace(topics[liver], questions=tuple(questions))
    topics[0] = replace(topics[0], questions=())
    report = Report()
    check_questions(replace(guide, topics=tuple(topics)), report)
    assert any("question 'check-yellow-skin': reading grade" in error for error in report.errors)
    assert any("question 'check-liver-signs-when', answer 1: 9 words" in error for error in report.errors)
    assert any("topic 'most-important': 0 teach-back questions" in error for error in report.errors)


# --- refused when malformed or unsafe ------------------------------------------------


def line_of(text: str, needle: str, occurrence: int | str = 1) -> int:
    """The line of `needle`'s n-th occurrence, or of its first one after the text `occurrence`."""
    if isinstance(occurrence, str):
        index = text.index(needle, text.index(occurrence))
    else:
        index = -1
        for _ in range(occurrence):
            index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1


def changed(old: str, new: str) -> str:
    assert REAL.count(old) == 1, old
    return REAL.replace(old, new)


HOW_GIVEN = '''        teaches: [infusion]
        answers:
          - text: "A drip into your vein"
            icon: devices/infusion_chair
            right: true
          - text: "Pills you take at home"
            icon: medications/pills_2
'''
CHEST_PAIN = '''        signs: [chest-pain]
        answers:
          - text: "Stay home and wait"
            icon: places/home
            action: wait
          - text: "Get help at once"
            icon: symbols/emergency_light
            action: now
            right: true
'''
FOOD_LIMITS = REAL[REAL.index("      - id: check-food-limits"):REAL.index("\n\n  - id: report-side-effects") + 1]

# (case, broken file text, the text on the line the error names (or (text, its occurrence or the text it
#  follows)), words in the message)
CASES = [
    ("duplicate question id",
     changed("- id: check-condoms-men", "- id: check-birth-control-women"),
     ("- id: check-birth-control-women", 2), ["duplicate id 'check-birth-control-women'", "unique"]),
    ("question id is a screen's id",
     changed("- id: check-how-given", "- id: infusion"),
     ("- id: infusion\n", 2), ["duplicate id 'infusion'", ".screens[0]"]),
    ("one answer",
     changed(HOW_GIVEN, HOW_GIVEN.replace('          - text: "Pills you take at home"\n'
                                          '            icon: medications/pills_2\n', "")),
     '          - text: "A drip into your vein"', ["(check-how-given).answers", "expected 2 or 3 answers, found 1"]),
    ("four answers",
     changed(HOW_GIVEN, HOW_GIVEN + '          - text: "A shot"\n            icon: devices/vial\n'
                                    '          - text: "A patch"\n            icon: devices/vial\n'),
     '          - text: "A drip into your vein"', ["expected 2 or 3 answers, found 4"]),
    ("no right answer",
     changed(HOW_GIVEN, HOW_GIVEN.replace("            right: true\n", "")),
     '          - text: "A drip into your vein"', ["0 answers are marked `right: true`", "exactly one"]),
    ("two right answers",
     changed(HOW_GIVEN, HOW_GIVEN + "            right: true\n"),
     '          - text: "A drip into your vein"', ["2 answers are marked `right: true`"]),
    ("right is not true or false",
     changed(HOW_GIVEN, HOW_GIVEN + '            right: "no"\n'),
     '            right: "no"', ["answers[1].right", "expected true or false"]),
    ("a screen of another topic",
     changed("teaches: [infusion]", "teaches: [infusion-signs]"),
     ("teaches: [infusion-signs]", 2), ["'infusion-signs' is not a screen of this topic (it is in another topic)",
                                   "blood-tests"]),
    ("an unknown screen",
     changed("teaches: [infusion]", "teaches: [infusions]"),
     "teaches: [infusions]", ["'infusions' is not a screen of this topic", "ask only what"]),
    ("no screens named",
     changed(HOW_GIVEN, HOW_GIVEN.replace("        teaches: [infusion]\n", "")),
     "      - id: check-how-given", ["(check-how-given).teaches: missing"]),
    ("an unknown icon",
     changed('"Pills you take at home"\n            icon: medications/pills_2',
             '"Pills you take at home"\n            icon: medications/pill'),
     "icon: medications/pill\n", ["answers[1].icon", "unknown icon 'medications/pill'"]),
    ("an unknown sign",
     changed("signs: [chest-pain]", "signs: [chest-pains]"),
     "signs: [chest-pains]", ["unknown sign 'chest-pains'"]),
    ("an unknown action",
     changed(CHEST_PAIN, CHEST_PAIN.replace("action: wait", "action: later")),
     "action: later", ["unknown action 'later'", "now, right-away, ask, or wait"]),
    ("one question in a topic",
     changed(FOOD_LIMITS, ""),
     "      - id: check-missed-visit", ["(missed-visit).check", "expected 2 or 3 questions, found 1"]),
    ("four questions in a topic",
     changed(FOOD_LIMITS, FOOD_LIMITS + FOOD_LIMITS.replace("check-food-limits", "check-food-limits-2")
             + FOOD_LIMITS.replace("check-food-limits", "check-food-limits-3")),
     "      - id: check-missed-visit", ["expected 2 or 3 questions, found 4"]),
    # the safety rule: a question about danger signs
    ("an answer that does not say what it does",
     changed(CHEST_PAIN, CHEST_PAIN.replace("            action: wait\n", "")),
     '          - text: "Stay home and wait"\n            icon: places/home\n          - text: "Get help',
     ["answers[0].action", "missing: the question asks about danger signs"]),
    ("the right answer does another tier",
     changed(CHEST_PAIN, CHEST_PAIN.replace("action: now", "action: right-away")),
     ("action: right-away", "- id: check-chest-pain"),
     ["(check-chest-pain).answers[1].action",
      "the right answer does 'right-away', but the sign 'chest-pain' needs 'now'"]),
    ("a wrong answer does the signs' tier",
     changed(CHEST_PAIN, CHEST_PAIN.replace("action: wait", "action: now")),
     ("action: now", "- id: check-chest-pain"),
     ["(check-chest-pain).answers[0].action", "a wrong answer does 'now', the action the sign 'chest-pain' needs"]),
    # the right answer cannot do two tiers' actions, and no screen lists signs of two tiers
    ("signs of two tiers",
     changed("signs: [chest-pain]", "signs: [chest-pain, infection]"),
     "teaches: [emergency-signs]", ["does not list the sign 'infection'"]),
    ("the re-taught screen does not list the sign",
     changed("teaches: [infusion-signs]\n        signs: [infusion-reaction]",
             "teaches: [staff-watch-you, infusion-signs]\n        signs: [infusion-reaction]"),
     "teaches: [staff-watch-you, infusion-signs]",
     ["its first screen 'staff-watch-you' (shown again after a wrong answer) does not list the sign "
      "'infusion-reaction'"]),
]


@pytest.mark.parametrize("name,text,needle,expected", CASES, ids=[case[0] for case in CASES])
def test_a_bad_question_is_refused_in_one_line(tmp_path, name, text, needle, expected):
    path = tmp_path / "guide.en.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_guide(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:") and "\n" not in message, message
    if needle is not None:
        needle, occurrence = needle if isinstance(needle, tuple) else (needle, 1)
        assert message.startswith(f"{path}:{line_of(text, needle, occurrence)}:"), message
    for words_expected in expected:
        assert words_expected in message, message


# --- translation --------------------------------------------------------------------


def write_catalog(path, code: str, translations: dict[tuple[str, str], str], fuzzy=()) -> None:
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Language": code, "Content-Type": "text/plain; charset=UTF-8",
                   "X-Review-Status": "machine-drafted"}
    for (context, english), text in translations.items():
        po.append(polib.POEntry(msgctxt=context, msgid=english, msgstr=text,
                                flags=["fuzzy"] if (context, english) in fuzzy else []))
    po.save(str(path))


def spanish(guide, question_ids: tuple[str, ...]) -> dict[tuple[str, str], str]:
    """Stand-in 'translations' of whole questions: the English with a mark, numbers kept."""
    found = {}
    for question_id in question_ids:
        question = guide.question(question_id)
        for context, english in question_texts(guide.topic(question.topic_id), question):
            found[(context, english)] = f"ES {english}"
    return found


def test_a_question_is_translated_whole_or_stays_english(tmp_path, guide):
    whole, gap, stale = "check-fever-at-home", "check-how-given", "check-birth-control-women"
    translations = spanish(guide, (whole, gap, stale))
    missing = guide_context("how-you-get-it", gap, "answer2")
    del translations[(missing, "Pills you take at home")]
    stale_key = (guide_context("pregnancy", stale, "answer2"), "At least 8 months")
    write_catalog(tmp_path / "es.po", "es", translations, fuzzy={stale_key})
    local = localize(guide, load_catalog("es", tmp_path / "es.po"))

    fever = local.question(whole)
    assert fever.language == "es" and fever.text == "ES You get a fever at home. What do you do?"
    assert [a.text for a in fever.answers] == [f"ES {a.text}" for a in guide.question(whole).answers]
    assert [(a.right, a.action, a.icon) for a in fever.answers] == \
        [(a.right, a.action, a.icon) for a in guide.question(whole).answers]
    for english_only in (gap, stale):  # one missing or stale answer: the whole question in English
        assert local.question(english_only) == guide.question(english_only)
        assert local.question(english_only).language == "en"
    assert local.question("check-liver-late").language == "en"


def test_questions_follow_their_topics_screens_in_extraction_order(guide):
    entries = guide_entries(guide, resources.guide_file("en"))
    contexts = [entry.msgctxt for entry in entries]
    assert contexts == [context for context, *_ in guide_texts(guide)]
    for topic in guide.topics:
        title = contexts.index(guide_context(topic.id))
        after_screens = max(i for i, c in enumerate(contexts) if c.startswith(f"guide:{topic.id}/")
                            and any(c.startswith(f"guide:{topic.id}/{s.id}:") for s in topic.screens))
        expected = [context for question in topic.questions for context, _ in question_texts(topic, question)]
        assert contexts[after_screens + 1:after_screens + 1 + len(expected)] == expected, topic.id
        assert title < after_screens
    fever = {entry.msgctxt.rsplit(":", 1)[1]: entry for entry in entries
             if entry.msgctxt.startswith("guide:most-important/check-fever-at-home:")}
    assert list(fever) == ["question", "answer1", "answer2", "answer3"]
    # each its own line in the guide file: a catalog sorted by file keeps this order
    lines = [int(entry.occurrences[0][1]) for entry in fever.values()]
    assert lines == sorted(set(lines)), lines
    assert fever["question"].msgid == "You get a fever at home. What do you do?"
    assert "The RIGHT answer" in fever["answer3"].comment and "A WRONG answer" in fever["answer1"].comment
    assert "infection: right-away" in fever["question"].comment
    assert "main-call-right-away" in fever["answer2"].comment


def test_question_texts_get_the_translation_checks(tmp_path, guide):
    translations = spanish(guide, ("check-birth-control-women", "check-report-to-fda", "check-how-given"))
    numbers_key = (guide_context("pregnancy", "check-birth-control-women", "answer2"), "At least 8 months")
    translations[numbers_key] = "Al menos 6 meses"
    fda_key = (guide_context("report-side-effects", "check-report-to-fda", "answer2"), "Call 1-800-FDA-1088")
    translations[fda_key] = "Llame al 1-800-332-1088"
    same = guide_context("how-you-get-it", "check-how-given", "answer")
    translations[(f"{same}1", "A drip into your vein")] = "Un goteo"
    translations[(f"{same}2", "Pills you take at home")] = "un goteo."
    write_catalog(tmp_path / "es.po", "es", translations)
    result = check_language("es", guide, load_catalog("es", tmp_path / "es.po"))
    by_context = result.by_context()
    assert [p.kind for p in by_context[numbers_key[0]]] == ["numbers"]
    assert "protected" in [p.kind for p in by_context[fda_key[0]]]
    assert [p.message for p in by_context[f"{same}2"]] == ['answers 1 and 2 read the same: "un goteo."']
    untranslated = guide_context("most-important", "check-fever-at-home", "question")
    assert [p.kind for p in by_context[untranslated]] == ["untranslated"]
    assert result.checked >= len(guide.questions()) * 3


def test_the_review_packet_shows_each_question_after_its_topics_screens(tmp_path, guide):
    translations = spanish(guide, ("check-fever-at-home",))
    write_catalog(tmp_path / "es.po", "es", translations)
    catalog = load_catalog("es", tmp_path / "es.po")
    html = packet_html("es", guide, check_language("es", guide, catalog))
    section = html[html.index("Check what you learned: most-important/check-fever-at-home"):]
    section = section[:section.index("</table>")]
    assert "main-call-right-away" in section and "infection (right-away)" in section
    assert "ES Call your care team right away" in section
    right_row = section[section.index('<tr class="right">'):]
    assert "RIGHT answer, action: right-away" in right_row and "Call your care team right away" in right_row
    assert section.count("<b>wrong answer") == 2 and "action: wait" in section
    # after the topic's last screen, before the next topic
    assert html.index("main-who-to-call") < html.index("check-fever-at-home") < html.index("<h2>Get help right away")
    untranslated = html[html.index("Check what you learned: most-important/check-liver-late"):]
    assert untranslated.index("the whole question is shown in English") < untranslated.index("</table>")
