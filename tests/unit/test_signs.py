"""Every danger sign has one action across the whole guide, and every action screen is whole."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.content import Action, ContentError, load_guide
from kiosk.content.signs import conflicts, signs_named, tiers_by_sign

# The groups the guide must send for help "now" and "right away" (and nothing else decides it).
NOW = {"trouble-breathing", "allergic-reaction", "fainting", "chest-pain", "blood-coughed-or-vomited"}
RIGHT_AWAY = {"infection", "bleeding", "liver", "heart-rhythm"}


def test_one_action_per_sign_across_the_guide(guide):
    tiers = tiers_by_sign(guide)
    assert {sign_id: tier for sign_id, tier in tiers.items() if len(tier) != 1} == {}
    by_id = {sign.id: sign for sign in guide.signs}
    assert {s for s in NOW if by_id[s].tier is Action.NOW} == NOW
    assert {s for s in RIGHT_AWAY if by_id[s].tier is Action.RIGHT_AWAY} == RIGHT_AWAY
    assert set(tiers) == set(by_id), "every sign is on some screen"
    assert conflicts(guide) == []


def test_every_danger_sign_screen_says_what_to_do(guide):
    for screen in guide.screens():
        if signs_named("\n".join(screen.items), guide.signs) and screen.id != "before-each-dose":
            assert screen.action in (Action.NOW, Action.RIGHT_AWAY), screen.id
        if screen.action in (Action.NOW, Action.RIGHT_AWAY):
            assert screen.signs and screen.action_words, screen.id


def test_the_most_important_topic_comes_first_with_both_tiers(guide):
    first = guide.topics[0]
    assert first.id == "most-important"
    actions = [screen.action for screen in first.screens]
    assert actions[:2] == [Action.NOW, Action.RIGHT_AWAY]
    named = {sign for screen in first.screens for sign in screen.signs}
    assert named >= NOW | RIGHT_AWAY


@pytest.mark.parametrize("item, expected", [
    ("Fever", "names the sign 'infection'"),  # the leaflet's "harmless" fever, with no action
    ("Chest pain", "names the sign 'chest-pain'"),
])
def test_a_sign_on_a_screen_without_its_action_is_caught(guide, item, expected):
    common = guide.screen("common-list")
    changed = dataclasses.replace(common, items=(*common.items, item))
    topics = tuple(dataclasses.replace(t, screens=tuple(changed if s.id == common.id else s for s in t.screens))
                   for t in guide.topics)
    found = conflicts(dataclasses.replace(guide, topics=topics))
    assert [c.screen for c in found] == ["common-list"] and expected in found[0].problem


def test_the_loader_refuses_a_sign_under_another_action(tmp_path):
    from kiosk import resources

    text = resources.guide_file("en").read_text("utf-8")
    bad = text.replace("        action: right-away\n        signs: [infection]\n        source: [L09, L10",
                       "        action: ask\n        signs: [infection]\n        source: [L09, L10", 1)
    assert bad != text
    path = resources.guide_file("en").with_name("guide.test-signs.yaml")
    path.write_text(bad, "utf-8")
    try:
        with pytest.raises(ContentError) as caught:
            load_guide(path)
    finally:
        path.unlink()
    assert "'infection' needs the action 'right-away', but this screen's action is 'ask'" in str(caught.value)
