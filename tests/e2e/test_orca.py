"""What GNOME Orca 43 says to a patient who uses the kiosk by keyboard (tests/e2e/orca_session.py).

The kiosk runs on a private desktop with the real screen reader; real key presses go to it and
each test checks the words Orca sends to speech. The walk: start-up (the welcome screen),
Return on "Touch to start" (the topic list), the urgent topic opened, Right (its next screen),
Escape (back a screen).

Most of these steps are silent today: the screens change, but nothing tells Orca to say so.
Those tests state what a patient should hear and are marked xfail(strict=True), each with what
Orca says today in its reason. Once the kiosk makes a change heard, its test passes and, being
strict, is reported as a failure (XPASS): the sign to take its mark off.
"""

from __future__ import annotations

import re
import time

import pytest

from kiosk.admin.report import site_numbers
from kiosk.config import load_config
from kiosk.content import Guide
from kiosk.content.actions import action_lines
from tests.e2e.orca_session import OrcaSession, parse_speech

URGENT = "Get help right away"  # the urgent topic's tile, guide.en.yaml (topic get-help-now)
BIDI_ISOLATES = re.compile("[\u2066-\u2069]")  # around the numbers in an action's words (kiosk.i18n.bidi)


@pytest.fixture
def orca(tmp_path):
    with OrcaSession(tmp_path) as session:
        yield session


def heard(said: list[str]) -> str:
    """Everything said, as one text (isolates out), to look for a sentence in."""
    return BIDI_ISOLATES.sub("", " ".join(said))


def urgent_topic(guide: Guide):
    topics = [topic for topic in guide.topics if topic.title == URGENT]
    assert len(topics) == 1, f"no topic titled {URGENT!r}: {[topic.title for topic in guide.topics]}"
    assert len(topics[0].screens) >= 2
    return topics[0]


def open_urgent_topic(orca: OrcaSession) -> list[str]:
    """From start-up, by keys alone: Tab to "Touch to start", Return, Tab to the urgent
    topic's tile, Return. What Orca said on that last Return."""
    orca.start_kiosk()
    orca.press_until("Tab", "Touch to start push button")
    orca.press("Return")
    orca.press_until("Tab", f"{URGENT} push button")
    return orca.press("Return")


# --- the parser, on lines Orca 43.1 wrote (no Orca needed) ----------------------------

def test_the_parser_reads_what_orca_logged():
    log = [
        "11:41:32.556120 - SCRIPT MANAGER: Setting active script: default (module=orca.scripts.default)",
        "11:41:32.556814 - SPEECH OUTPUT: 'Screen reader on.'{'established': False}",
        "11:41:33.757156 - SPEECH OUTPUT: 'Read aloud push button.'{'established': False}",
        "11:41:36.625412 - SPEECH OUTPUT: 'return ' {'established': False}",
        # Flat review speaks a line with a voice per part: a list after the text.
        "13:03:48.840842 - SPEECH OUTPUT: 'Back Next'[{'established': False}]",
        # A text with a line break: the rest is indented by the time stamp's width.
        "11:54:44.561666 - SPEECH OUTPUT: 'First line of the text",
        "                  Second line of the text 1'{'established': False}",
        "11:54:44.563084 - SPEECH DISPATCHER: Speaking '<speak><mark name=\"0:5\"/>First </speak>' ",
        "                  ORCA rate 5.0, pitch 5.0, volume 5.0, language en, punctuation: MOST ",
    ]
    said = parse_speech(log)
    assert [utterance.text for utterance in said] == [
        "Screen reader on.", "Read aloud push button.", "return ", "Back Next",
        "First line of the text\nSecond line of the text 1"]
    assert said[0].time == "11:41:32.556814"
    with pytest.raises(ValueError, match="does not know"):
        parse_speech(["11:41:36.625412 - SPEECH OUTPUT: 'unterminated"])


# --- what a patient hears, by keys alone -----------------------------------------------

WALK_SETTINGS = """
[site]
name = "Orca walk (development drafts)"
care_team_phone = "1-555-010-0199"
after_hours_phone = "1-555-010-0142"
[content]
allow_unreviewed = true
[accessibility]
screen_reader = "auto"
[session]
idle_timeout_s = 90
screen_reader_idle_timeout_s = 12
warning_s = 11
"""


def hear(orca: OrcaSession, words: str, since: int, timeout: float) -> str:
    """Wait until Orca has spoken `words` (its log names them before it speaks them: only
    what went to speech counts); everything spoken since `since`."""
    deadline = time.monotonic() + timeout
    while True:
        said = heard([utterance.text for utterance in orca.utterances(since)])
        if words in said:
            return said
        if time.monotonic() > deadline:
            pytest.fail(f"Orca did not say {words!r} within {timeout} s; it said: {said}")
        time.sleep(0.1)


def signs_of(screen) -> list[str]:
    return [BIDI_ISOLATES.sub("", item) for item in screen.items]


@pytest.mark.slow
def test_a_blind_patient_reaches_the_urgent_signs_by_keys_alone(orca, guide, tmp_path):
    """Start-up, Return, the urgent topic, Right, Escape, then "Still there?" and its answer, then
    the topic's check, all in one Orca session (each start of Orca costs seconds)."""
    settings = tmp_path / "walk.toml"
    settings.write_text(WALK_SETTINGS)
    topic = urgent_topic(guide)
    first, second = topic.screens[0], topic.screens[1]
    action = action_lines(first, site_numbers(load_config(settings)))
    assert action is not None, f"{first.id} has no action"

    said = heard(orca.start_kiosk(settings=settings))
    # The welcome screen by name, its words, and the focus on "Touch to start".
    assert "Learn about your medicine panel" in said and "Touch to start push button" in said, said
    assert "inotuzumab ozogamicin" in said, said

    # Tab and Shift+Tab: Orca hears the keys as a keyboard user's (their echo first) and speaks
    # each control the focus reaches, with its role.
    said = orca.press("Tab")
    assert said[0] == "tab " and "Listen push button." in said, said
    said = orca.press("shift+Tab")
    assert "Touch to start push button." in said, said

    said = heard(orca.press("Return"))
    assert "Choose a topic panel" in said and "list" in said and "1 of 13" in said, said

    said = heard(orca.press_until("Tab", f"{URGENT} push button"))
    assert "Urgent" in said, said  # the tile says how urgent its topic is

    said = heard(orca.press("Return"))
    # The screen's heading, its action with the site's number, and every sign, in that order.
    assert first.heading in said and BIDI_ISOLATES.sub("", action.heading) in said, said
    assert said.index(first.heading) < said.index(BIDI_ISOLATES.sub("", action.heading)), said
    for sign in signs_of(first):
        assert sign in said, (sign, said)
    assert f"1 of {len(topic.screens)}" in said, said

    said = heard(orca.press("Right"))
    assert second.heading in said, said
    for sign in signs_of(second):
        assert sign in said, (sign, said)  # one- and two-word signs too ("Fainting")
    # Orca's flat review (the number pad's 7: the line above) reads the screen now on show,
    # line by line up from Back / Next: signs of this page, not the page before's (on a small
    # panel the signs stand in two columns, so the lines go by rows, not by the list's order).
    said = heard(orca.press("KP_Home"))
    # The line just above the bar is the page's own toggle, said with its state.
    assert "not checked I have a question about this" in said, said
    said = heard(orca.press("KP_Home"))
    last = [sign for sign in signs_of(second) if sign in said]
    assert last, said
    said = heard(orca.press("KP_Home"))
    above = [sign for sign in signs_of(second) if sign in said and sign not in last]
    assert above, said
    orca.press("KP_Subtract")  # out of flat review

    said = heard(orca.press("Escape"))
    assert first.heading in said, said

    # Left alone, the patient is asked before anything is reset, and hears the countdown.
    since = len(orca.lines())
    hear(orca, "Still there?", since, timeout=30)
    asked = hear(orca, "start over in 5 seconds", since, timeout=15)  # the countdown's last step
    assert "Still there? dialog" in asked and "Continue push button" in asked, asked
    for seconds in (10, 5):
        assert f"start over in {seconds} seconds" in asked, asked
    # Any key answers; the patient is still on the page they were reading.
    said = heard(orca.press("space"))
    assert "Next push button" in said or first.heading in said, said
    said = heard(orca.press("Right"))
    assert second.heading in said, said

    # The topic's end, then Check what you learned: the question is heard with the focus on the
    # first answer; Tab reaches the others; Return chooses, and the result is heard.
    for _ in topic.screens[2:]:
        orca.press("Right")
    said = heard(orca.press("Right"))  # the end: the topic's action again
    orca.press_until("shift+Tab", "Check what you learned push button")  # just before Next topic
    said = heard(orca.press("Return"))
    question = topic.questions[0]
    assert question.text in said and f"{question.answers[0].text} push button" in said, said
    said = heard(orca.press_until("Tab", f"{question.right_answer.text} push button"))
    said = heard(orca.press("Return"))
    assert "That's right." in said and question.right_answer.text in said, said

    # The kiosk knew a screen reader was in use (so its own voice never started by itself, and
    # the idle time was the screen reader's): Orca sets only IsEnabled; its process told.
    log = (tmp_path / "kiosk-log" / "kiosk.log").read_text()
    assert "screen reader in use: yes" in log, log[-2000:]
