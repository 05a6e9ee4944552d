"""The guide's content: complete, faithful to the leaflet, readable; bad files refused."""

from __future__ import annotations

import re
import statistics

import pytest

from kiosk import resources
from kiosk.check import MAX_GRADE, MEDIAN_GRADE, screen_grades
from kiosk.content import PRESCRIBING_INFORMATION, Severity

LEAFLET = resources.asset("guide", "source-leaflet.txt")


def norm(text: str) -> str:
    return " ".join(text.split())


def screen_text(guide, screen_id: str) -> str:
    return next(s.plain_text() for s in guide.screens() if s.id == screen_id)


# --- the real guide -------------------------------------------------------------------


def test_guide_loads_with_metadata(guide):
    assert guide.language == "en"
    assert re.fullmatch(r"\d+\.\d+\.\d+", guide.content_version)
    assert guide.review.status in ("draft", "reviewed")
    assert guide.generic_name == "inotuzumab ozogamicin" and guide.brand_name == "Besponsa"
    assert len(guide.topics) >= 10
    assert all(topic.screens for topic in guide.topics)


def test_ids_are_unique_and_stable_format(guide):
    ids = [t.id for t in guide.topics] + [s.id for s in guide.screens()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def test_every_leaflet_line_is_a_point_and_every_point_is_on_a_screen(guide):
    """Every paragraph and bullet of the source reaches the patient (docs/content-policy.md, 1)."""
    leaflet_lines = [norm(line.lstrip(" •")) for line in LEAFLET.read_text(encoding="utf-8").splitlines()]
    leaflet_lines = [line for line in leaflet_lines if line]
    headings = set(guide.source_headings)
    points = {p.text for p in guide.source_points}
    missing = [line for line in leaflet_lines if line not in headings and line not in points]
    assert not missing, f"leaflet lines with no source point: {missing}"
    whole = norm(LEAFLET.read_text(encoding="utf-8"))
    assert all(p.text in whole for p in guide.source_points)
    assert all(h in whole for h in headings)
    assert guide.uncovered_points() == [], "leaflet points cited by no screen"


def test_every_correction_is_shown_somewhere(guide):
    used = {c for s in guide.screens() for c in s.corrections}
    assert {c.id for c in guide.corrections} <= used


@pytest.mark.parametrize("garbled", [
    "IGO", "carer", "a cold", "shot", "vaginal bruising", "coffee ground ", "ekg", "suppress",
    "Inotuzumab-ozogamicin", "certain types of acute leukemia", "swelling of your arms or legs",
])
def test_garbled_source_wording_is_not_shown(guide, garbled):
    for screen in guide.screens():
        assert garbled.lower() not in screen.plain_text().lower() + " ", (screen.id, garbled)


# The facts that must survive every translation (docs/content-policy.md), each with words
# that identify its screen. Held here, independently of the content file.
MUST_KEEP = [
    ("birth control for women", "8 months", ("women", "birth control")),
    ("condoms for men", "5 months", ("men", "condoms")),
    ("no breastfeeding", "2 months", ("breastfeed",)),
    ("treatment cycles", "21 or 28 days", ("cycles",)),
    ("reactions after the infusion", "1 hour", ("infusion",)),
    ("report to the FDA", "1-800-FDA-1088", ("FDA",)),
    ("dosage form", "0.9 mg", ("powder",)),
]


@pytest.mark.parametrize("name,numeral,context", MUST_KEEP, ids=[m[0] for m in MUST_KEEP])
def test_must_keep_facts_are_on_a_screen_as_numerals(guide, name, numeral, context):
    carriers = [s for s in guide.screens()
                if numeral in s.plain_text() and all(word.lower() in s.plain_text().lower() for word in context)]
    assert carriers, f"no screen states '{numeral}' about {name}"


def test_numbers_are_numerals(guide):
    spelled = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred)\b", re.I)
    for screen in guide.screens():
        assert not spelled.search(screen.plain_text()), screen.id


def test_additions_are_marked_with_prescribing_information(guide):
    # Facts that are not in the leaflet: additions from the prescribing information, each
    # marked (docs/content-policy.md, "Where every statement comes from").
    additions = {"veno-occlusive": "liver-disease", "days 1, 8 and 15": "treatment-cycles",
                 "at least 1 hour after": "staff-watch-you", "harder to have a baby": "fertility",
                 "risk of death after the transplant is higher": "transplant-risk", "steroid": "before-each-dose",
                 "weeks after your last dose": "liver-signs", "Nosebleeds": "bleeding-signs",
                 "Feeling lightheaded": "heart-signs", "A rash": "infusion-signs",
                 "ECGs before and during treatment": "heart-tests", "at least 2 months": "breastfeeding",
                 "Low blood counts can be life-threatening": "blood-tests"}
    for phrase, screen_id in additions.items():
        screen = next(s for s in guide.screens() if s.id == screen_id)
        assert phrase in screen.plain_text()
        assert PRESCRIBING_INFORMATION in screen.source, screen_id
        assert screen.pi_sections, f"{screen_id}: which sections of the prescribing information?"


def test_urgent_content_comes_first(guide):
    assert guide.topics[0].severity is Severity.URGENT
    assert guide.topics[0].screens[0].severity is Severity.URGENT
    for topic in guide.topics:
        ranks = [s.severity.rank for s in topic.screens]
        assert ranks[0] == max(ranks), f"{topic.id}: its most urgent screen is not first"


def test_drug_name_is_explained(guide):
    assert any("a medicine for a type of blood cancer called leukemia" in s.text for s in guide.screens())


def test_reading_grade(guide):
    rows = screen_grades(guide)
    fk = [g.flesch_kincaid for _, _, g in rows]
    too_hard = [(sid, g) for _, sid, g in rows if max(g.flesch_kincaid, g.smog) > MAX_GRADE]
    assert not too_hard
    assert statistics.median(fk) <= MEDIAN_GRADE


def test_grading_can_fail():
    """The grader is not a formality: hard text scores above grade 8."""
    from kiosk.content.readability import grade

    hard = ("Administration of immunosuppressive pharmacotherapy necessitates comprehensive "
            "hematological monitoring. Hepatotoxicity manifestations require immediate evaluation. "
            "Concomitant medications potentially exacerbate cardiovascular complications.")
    result = grade(hard)
    assert result.flesch_kincaid > MAX_GRADE and result.smog > MAX_GRADE
    exempt = grade("You get inotuzumab ozogamicin.", ["inotuzumab ozogamicin"])
    assert exempt.flesch_kincaid < grade("You get inotuzumab ozogamicin.").flesch_kincaid


def test_bundled_icons_are_exactly_the_ones_used(guide):
    from kiosk.ui.widgets.icon import UI_ICONS

    used = ({t.icon for t in guide.topics} | {s.icon for s in guide.screens()} | set(UI_ICONS.values())
            | {answer.icon for question in guide.questions() for answer in question.answers})
    folder = resources.icons_dir()
    files = {path.relative_to(folder).with_suffix("").as_posix() for path in folder.rglob("*.svg")}
    assert used - files == set(), "icons used but not bundled"
    assert files - used == set(), "icons bundled but not used (copy only what is used)"
    assert (folder / "LICENSE").is_file() and (resources.asset("fonts") / "OFL.txt").is_file()


def test_as_read_aloud_every_screen_stays_within_smog_9(guide):
    """A listener hears a lead-in and its list as one sentence, and no heading: graded that way
    too (the harder reading), every screen stays at SMOG 9 or below."""
    from kiosk.check import MAX_SMOG_AS_READ, as_read_grades
    from kiosk.content.readability import as_read_text, grade

    heard = as_read_grades(guide)
    assert {sid: g.smog for sid, g in heard.items() if g.smog > MAX_SMOG_AS_READ} == {}
    assert as_read_text("Watch for:", ("Fever", "Chills")) == "Watch for: Fever, Chills."
    # It can fail: the leaflet's own heart-risk sentence, read as a listener hears it.
    hard = grade(as_read_text("The risk is higher if you are also taking other medications for:",
                              ("asthma", "depression", "mental illness", "cancer")))
    assert hard.smog > MAX_SMOG_AS_READ and hard.dale_chall > 0


def test_review_status_never_contradicts_itself(guide):
    import dataclasses

    from kiosk.readiness import describe_review, guide_blocked, readiness

    assert describe_review(guide) == "a draft, not yet reviewed by a pharmacist (last edited 2026-12-02)"
    assert guide_blocked(guide, allow_unreviewed=False).startswith("the guide (content 1.2.0) is a draft")
    assert guide_blocked(guide, allow_unreviewed=True) == ""
    reviewed = dataclasses.replace(guide, review=dataclasses.replace(guide.review, status="reviewed",
                                                                      by="clinical pharmacist"))
    assert describe_review(reviewed) == "reviewed on 2026-12-02 by clinical pharmacist"
    assert readiness(reviewed, [], "1-555-010-0199").line().startswith("ready for patients: yes")
    not_ready = readiness(reviewed, ["es", "ar"], "")
    assert not_ready.line() == ("ready for patients: no, because 2 languages offered are machine drafts not "
                                "reviewed by a qualified medical translator (es, ar)")
    assert not_ready.warnings and "site.care_team_phone" in not_ready.warnings[0]
