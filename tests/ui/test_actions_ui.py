"""The action a danger-sign screen owns: the box's heading, with the site's numbers, read first."""

from __future__ import annotations

from kiosk.config import Config, defaults
from kiosk.content import Action
from kiosk.i18n.bidi import LRI, PDI
from kiosk.ui.read_aloud import Script


def settings(**values) -> Config:
    merged = dict(defaults().values)
    merged.update({f"site.{key}": value for key, value in values.items()})
    return Config(merged)


def open_screen(window, guide, screen_id: str) -> None:
    screen = guide.screen(screen_id)
    topic = guide.topic(screen.topic_id)
    window.navigator.open_topic(topic.id, [s.id for s in topic.screens].index(screen_id))


def test_each_tier_says_what_to_do_with_the_sites_numbers(make_window, guide):
    window = make_window(1280, 800, settings=settings(care_team_phone="1-555-010-0199",
                                                      after_hours_phone="1-555-010-0142", emergency_number="911"))
    page = window.page
    open_screen(window, guide, "emergency-signs")
    assert page.box.header.isVisible() and page.box.tier() == "now"
    assert page.box.action.accessibleName() == "Tell your nurse now. If you are not at the clinic, call 911."
    assert not page.box.more.isVisible() and not page.ask.isVisible()
    # The signs sit inside the box, under the action.
    assert page.box.isAncestorOf(page.body) and page.box.isAncestorOf(page.item_labels[0])

    open_screen(window, guide, "infection-signs")
    assert page.box.tier() == "right-away"
    assert page.box.action.accessibleName() == "Call your care team right away, day or night: 1-555-010-0199."
    assert page.box.more.isVisible() and page.box.more.accessibleName() == "After hours, call 1-555-010-0142."
    # Read first, numbers digit by digit.
    script = Script(page.spoken_parts(), "en", guide.spoken)
    assert script.text.startswith("Infection. Call your care team right away, day or night: 1, 5 5 5, 0 1 0, "
                                  "0 1 9 9. After hours, call 1, 5 5 5, 0 1 0, 0 1 4 2. An infection can be deadly.")

    open_screen(window, guide, "common-list")
    assert not page.box.header.isVisible() and page.ask.isVisible()
    assert page.ask.text() == "Ask your nurse or doctor at your next visit."

    open_screen(window, guide, "liver-disease")
    assert not page.box.header.isVisible() and not page.ask.isVisible()


def test_without_a_care_team_number_the_patient_is_told_to_ask_for_it(make_window, guide):
    window = make_window(1280, 800)  # the built-in defaults: no numbers, emergency 911
    open_screen(window, guide, "liver-signs")
    assert window.page.box.action.accessibleName() == ("Call your care team right away, day or night. "
                                                       "Ask your nurse today for the number to call.")
    assert not window.page.box.more.isVisible()


def test_every_danger_screen_has_its_box_in_every_language(make_window, guide):
    window = make_window(1280, 800, settings=settings(care_team_phone="1-555-010-0199"))
    for code in ("es", "zh", "ar"):
        assert window.set_language(code)
        for screen in window.guide.screens():
            if screen.action not in (Action.NOW, Action.RIGHT_AWAY):
                continue
            open_screen(window, window.guide, screen.id)
            action = window.page.box.action
            assert window.page.box.header.isVisible() and screen.language == code, (code, screen.id)
            assert action.spoken_text() == dict(screen.action_words)[screen.action.value].replace(
                "{emergency_number}", f"{LRI}911{PDI}").replace("{care_team_phone}", f"{LRI}1-555-010-0199{PDI}")
            if code == "ar":  # drawn with the number isolated, so it reads left to right
                assert (f"{LRI}911{PDI}" in action.text()) or (f"{LRI}1-555-010-0199{PDI}" in action.text())


def test_the_draft_mark_is_on_every_screen_while_drafts_are_shown(make_window, guide):
    merged = dict(defaults().values, **{"content.allow_unreviewed": True})
    window = make_window(1280, 800, settings=Config(merged))
    assert window.draft_mark.isVisible() and window.draft_mark.text() == "Draft: not yet checked by a pharmacist."
    window.navigator.open_topic("liver", 0)
    assert window.draft_mark.isVisible()
    assert window.set_language("es")
    assert window.draft_mark.text() == "Borrador: todavía no lo ha revisado un farmacéutico."
    plain = make_window(1280, 800)  # drafts not allowed: no mark (the app shows no draft then)
    assert not plain.draft_mark.isVisible()
