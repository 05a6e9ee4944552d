"""Is what patients would see reviewed? The guide by a pharmacist, each language by a
qualified medical translator. No Qt here.

A draft is offered to patients only when the site's settings allow it
(`content.allow_unreviewed`); every patient screen then carries a Draft mark. `kiosk --check`
says "ready for patients: yes/no, because ..." from the same answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.content import Guide


@dataclass
class Readiness:
    drafts: list[str] = field(default_factory=list)  # what is offered but not reviewed
    warnings: list[str] = field(default_factory=list)  # settings a patient would miss

    @property
    def ready(self) -> bool:
        return not self.drafts

    def line(self) -> str:
        if self.ready:
            return "ready for patients: yes, because the guide and every language offered are reviewed"
        return "ready for patients: no, because " + "; ".join(self.drafts)


def describe_review(guide: Guide) -> str:
    """The guide's review in words that cannot contradict themselves."""
    review = guide.review
    if review.status == "reviewed":
        return f"reviewed on {review.date}" + (f" by {review.by}" if review.by else "")
    return f"a draft, not yet reviewed by a pharmacist (last edited {review.date})"


def guide_blocked(guide: Guide, allow_unreviewed: bool) -> str:
    """Why patients may not see this guide, or "" when they may."""
    if guide.review.status == "reviewed" or allow_unreviewed:
        return ""
    return (f"the guide (content {guide.content_version}) is {describe_review(guide)} — have it reviewed, "
            "or set allow_unreviewed = true under [content] in the settings file to show it with a Draft mark")


def readiness(guide: Guide, offered_unreviewed: list[str], care_team_phone: str) -> Readiness:
    """`offered_unreviewed`: the codes of languages offered whose catalog is not reviewed."""
    result = Readiness()
    if guide.review.status != "reviewed":
        result.drafts.append(f"the guide (content {guide.content_version}) is {describe_review(guide)}")
    if offered_unreviewed:
        result.drafts.append(f"{len(offered_unreviewed)} languages offered are machine drafts not reviewed by a "
                             f"qualified medical translator ({', '.join(offered_unreviewed)})")
    if not care_team_phone:
        result.warnings.append("no care-team number is set (site.care_team_phone): danger-sign screens tell "
                               "patients to ask the nurse for it — set the number patients call day or night")
    return result
