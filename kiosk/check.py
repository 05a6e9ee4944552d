"""`kiosk --check`: validate content and assets, and print each screen's and each teach-back
question's reading grade.

Exits 0 only when everything is right; every problem is printed on its own line
naming the file and what to do. Needs no display.
"""

from __future__ import annotations

import os
import statistics
import sys
from dataclasses import dataclass, field

from kiosk import __version__, resources
from kiosk.admin.report import numbers_line
from kiosk.content import ContentError, Guide, load_guide
from kiosk.content.loader import QUESTIONS_PER_TOPIC
from kiosk.content.model import Question
from kiosk.content.readability import Grades, as_read_text, grade, scored_text
from kiosk.readiness import describe_review, guide_blocked, readiness

MAX_GRADE = 8.0  # NIH: no patient material above 8th grade
MEDIAN_GRADE = 6.0  # AMA: aim at 6th grade
# As a listener hears it (a lead-in and its list one long sentence) grades run higher: SMOG
# at most 9 there (docs/content-policy.md).
MAX_SMOG_AS_READ = 9.0
# A teach-back question is read at a glance and its answers are picture labels
# (docs/content-policy.md, "Teach-back questions").
MAX_QUESTION_WORDS = 12
MAX_ANSWER_WORDS = 8


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def error(self, text: str) -> None:
        self.errors.append(text)


def screen_grades(guide: Guide) -> list[tuple[str, str, Grades]]:
    """(topic id, screen id, grades as shown) for every screen, in guide order."""
    rows = []
    for topic in guide.topics:
        for screen in topic.screens:
            text = scored_text(screen.heading, screen.text, screen.items)
            rows.append((topic.id, screen.id, grade(text, guide.readability_exempt)))
    return rows


def as_read_grades(guide: Guide) -> dict[str, Grades]:
    """Screen id -> its grades as read aloud (no heading, a lead-in and its list one sentence)."""
    return {screen.id: grade(as_read_text(screen.text, screen.items), guide.readability_exempt)
            for screen in guide.screens()}


def check_readability(guide: Guide, report: Report) -> list[str]:
    rows = screen_grades(guide)
    heard = as_read_grades(guide)
    lines = [f"{'topic':<22} {'screen':<28} {'words':>5} {'FK':>5} {'SMOG':>5}   as read: "
             f"{'FK':>5} {'SMOG':>5} {'D-C':>5}"]
    for topic_id, screen_id, g in rows:
        h = heard[screen_id]
        flag = "  <- above grade 8" if max(g.flesch_kincaid, g.smog) > MAX_GRADE else ""
        if h.smog > MAX_SMOG_AS_READ:
            flag += f"  <- SMOG above {MAX_SMOG_AS_READ:g} as read"
        lines.append(f"{topic_id:<22} {screen_id:<28} {g.words:>5} {g.flesch_kincaid:>5.1f} {g.smog:>5.1f}"
                     f"            {h.flesch_kincaid:>5.1f} {h.smog:>5.1f} {h.dale_chall:>5.1f}{flag}")
        if max(g.flesch_kincaid, g.smog) > MAX_GRADE:
            report.error(f"screen '{screen_id}': reading grade FK {g.flesch_kincaid} / SMOG {g.smog} is above "
                         f"{MAX_GRADE:g} — use shorter sentences and shorter words")
        if h.smog > MAX_SMOG_AS_READ:
            report.error(f"screen '{screen_id}': read aloud, SMOG {h.smog} is above {MAX_SMOG_AS_READ:g} — "
                         "fewer long words in the lead-in and its list")
    fk = [g.flesch_kincaid for _, _, g in rows]
    smog = [g.smog for _, _, g in rows]
    lines.append(f"{len(rows)} screens. Flesch-Kincaid median {statistics.median(fk):.1f}, max {max(fk):.1f}; "
                 f"SMOG median {statistics.median(smog):.1f}, max {max(smog):.1f}. As read aloud: FK median "
                 f"{statistics.median(h.flesch_kincaid for h in heard.values()):.1f}, SMOG max "
                 f"{max(h.smog for h in heard.values()):.1f}, Dale-Chall median "
                 f"{statistics.median(h.dale_chall for h in heard.values()):.1f}, max "
                 f"{max(h.dale_chall for h in heard.values()):.1f}. "
                 f"Not graded (drug, disease and mineral names): {', '.join(guide.readability_exempt)}.")
    if statistics.median(fk) > MEDIAN_GRADE:
        report.error(f"median Flesch-Kincaid grade {statistics.median(fk):.1f} is above {MEDIAN_GRADE:g}")
    return lines


def question_grades(guide: Guide) -> list[tuple[Question, Grades]]:
    """Every teach-back question with its grades as shown: the question, then each answer as a sentence."""
    return [(question, grade(scored_text(question.text, "", [answer.text for answer in question.answers]),
                             guide.readability_exempt))
            for question in guide.questions()]


def check_questions(guide: Guide, report: Report) -> list[str]:
    """Grade and list the teach-back questions; each topic needs 2 or 3, each short and plain."""
    low, high = QUESTIONS_PER_TOPIC
    lines = [f"Check what you learned: {len(guide.questions())} questions in "
             f"{sum(bool(t.questions) for t in guide.topics)} of {len(guide.topics)} topics",
             f"{'topic':<22} {'question':<28} {'words':>5} {'FK':>5} {'SMOG':>5}   right answer (answered on)"]
    for topic in guide.topics:
        if not low <= len(topic.questions) <= high:
            report.error(f"topic '{topic.id}': {len(topic.questions)} teach-back questions — write {low} or {high} "
                         "under `check:`, each answered by this topic's screens")
    for question, g in question_grades(guide):
        longest = max(len(answer.text.split()) for answer in question.answers)
        flag = "  <- above grade 8" if max(g.flesch_kincaid, g.smog) > MAX_GRADE else ""
        lines.append(f"{question.topic_id:<22} {question.id:<28} {len(question.text.split()):>2}/{longest:<2} "
                     f"{g.flesch_kincaid:>5.1f} {g.smog:>5.1f}   \"{question.right_answer.text}\" "
                     f"({', '.join(question.teaches)}){flag}")
        if max(g.flesch_kincaid, g.smog) > MAX_GRADE:
            report.error(f"question '{question.id}': reading grade FK {g.flesch_kincaid} / SMOG {g.smog} is above "
                         f"{MAX_GRADE:g} — use shorter words")
        if len(question.text.split()) > MAX_QUESTION_WORDS:
            report.error(f"question '{question.id}': {len(question.text.split())} words — at most "
                         f"{MAX_QUESTION_WORDS}; ask it more simply")
        for number, answer in enumerate(question.answers, start=1):
            if len(answer.text.split()) > MAX_ANSWER_WORDS:
                report.error(f"question '{question.id}', answer {number}: {len(answer.text.split())} words — at "
                             f"most {MAX_ANSWER_WORDS}; it labels a picture")
    lines.append("(words: the question's / its longest answer's; grades of the question and its answers together)")
    return lines


def check_source(guide: Guide, report: Report) -> None:
    guide_file = resources.guide_file(guide.language)
    leaflet_path = guide_file.parent / guide.source_file
    try:
        leaflet = " ".join(leaflet_path.read_text(encoding="utf-8").split())
    except OSError as error:
        report.error(f"{leaflet_path}: cannot read the source leaflet ({error.strerror})")
        return
    for point in guide.source_points:
        if point.text not in leaflet:
            report.error(f"{guide_file}: source point {point.id} is not word for word in {guide.source_file}"
                         " — copy the line exactly")
    for point in guide.uncovered_points():
        report.error(f"{guide_file}: source point {point.id} (\"{point.text[:50]}...\") is on no screen"
                     " — cite it in a screen's `source`")


def check_assets(guide: Guide, report: Report) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtSvg import QSvgRenderer
    from PySide6.QtWidgets import QApplication

    from kiosk.resources import FONT_FAMILY, UI_ICONS

    # Fonts and SVGs need an application object; a widgets one, so whatever runs next in this
    # process (the self-test, a test) can still make windows.
    QApplication.instance() or QApplication(["kiosk --check"])
    fonts = resources.font_files()
    families = set()
    for path in fonts:
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            report.error(f"{path}: Qt cannot load this font — replace it with the file from assets/fonts/README.md")
        else:
            families.update(QFontDatabase.applicationFontFamilies(font_id))
    if FONT_FAMILY not in families:
        report.error(f"{resources.asset('fonts')}: the font '{FONT_FAMILY}' is missing — restore its .ttf files")
    for licence in (resources.asset("fonts", "OFL.txt"), resources.icons_dir() / "LICENSE"):
        if not licence.is_file():
            report.error(f"{licence}: licence file missing — bundled assets must ship with their licence")

    names = {topic.icon for topic in guide.topics} | {screen.icon for screen in guide.screens()}
    names |= {answer.icon for question in guide.questions() for answer in question.answers}
    names |= set(UI_ICONS.values())
    for name in sorted(names):
        path = resources.icon_file(name)
        if not path.is_file():
            report.error(f"{path}: icon '{name}' is missing — copy it from the healthicons package")
        elif not QSvgRenderer(str(path)).isValid():
            report.error(f"{path}: icon '{name}' is not a valid SVG — copy it again from the healthicons package")
    report.notes.append(f"{len(names)} icons, {len(fonts)} font files checked")


def check_voices(guide: Guide, report: Report) -> list[str]:
    """The voice for each language and whether it really speaks (one sentence each)."""
    from kiosk.i18n.languages import LANGUAGES
    from kiosk.speech.diagnostics import voice_report

    lines = [f"{'language':<9} {'voice':<8} {'speaks':<6} detail"]
    for check in voice_report(LANGUAGES):
        lines.append(f"{check.language:<9} {check.voice or '-':<8} {'yes' if check.ok else 'no':<6} {check.detail}")
        if check.language == guide.language and not check.ok:
            report.error(f"read-aloud does not work for the guide's language ({check.language}): {check.detail}")
    return lines


def check_languages(guide, config, report: Report, offered_unreviewed: list[str]) -> list[str]:
    """Each language: offered or not (and why), review status, safety checks."""
    from kiosk.i18n.checks import check_language
    from kiosk.i18n.languages import LANGUAGES, SOURCE_LANGUAGE, language
    from kiosk.i18n.offer import LanguageOffer

    enabled, hide = config["languages.enabled"], config["languages.hide_unreviewed"]
    allow = config["content.allow_unreviewed"]
    lines = [f"Languages (settings: {config.file or 'built-in defaults, no settings file'}; "
             f"hide_unreviewed = {str(hide).lower()}; allow_unreviewed = {str(allow).lower()}):"]
    offer = LanguageOffer(guide, enabled, reviewed_only=hide or not allow)
    for code in LANGUAGES:
        lang = language(code)
        name = f"{code} {lang.english_name} ({lang.native_name})"
        if code == SOURCE_LANGUAGE:
            lines.append(f"  {name}: the source language; the guide is {describe_review(guide)}")
            continue
        result = check_language(code, guide)
        if result.catalog is None:
            report.error(result.problems[0].message)
            lines.append(f"  {name}: NOT USABLE: {result.problems[0].message}")
            continue
        status = result.catalog.review.describe()
        checks = (f"{result.checked} strings pass every check" if not result.problems
                  else f"{len(result.problems)} check problems (python -m kiosk.i18n check)")
        if result.problems:
            report.error(f"{result.catalog.path}: {len(result.problems)} translation check problems, "
                         f"first: {result.problems[0].context}: {result.problems[0].message}")
        if code not in enabled:
            offered = "not offered (settings)"
        else:
            reason = offer.why_not(code)
            offered = f"not offered: {reason}" if reason else "offered"
            if not reason and not result.catalog.review.reviewed:
                offered_unreviewed.append(code)
        lines.append(f"  {name}: {offered}; {status}; {checks}")
    return lines


def run_check(config_file=None, out=sys.stdout, strict: bool = False) -> int:
    """Print the whole check; 0 when all is valid. `strict`: also 1 unless ready for patients
    (everything offered reviewed)."""
    from kiosk.config import Config, ConfigError, load_config

    report = Report()
    print(f"kiosk {__version__}: checking content and assets", file=out)
    try:
        guide = load_guide()
    except ContentError as error:
        print(f"ERROR {error}", file=out)
        return 1
    try:
        config = load_config(config_file)
    except ConfigError as error:
        report.error(str(error))
        config = Config()
    print(f"guide: {guide.generic_name} ({guide.brand_name}), language {guide.language}, "
          f"content version {guide.content_version}, {describe_review(guide)}", file=out)
    print(f"{len(guide.topics)} topics, {len(guide.screens())} screens, {len(guide.questions())} teach-back "
          f"questions, {len(guide.source_points)} leaflet points, {len(guide.corrections)} corrections", file=out)
    check_source(guide, report)
    check_assets(guide, report)
    print(file=out)
    for line in check_readability(guide, report):
        print(line, file=out)
    print(file=out)
    for line in check_questions(guide, report):
        print(line, file=out)
    print(file=out)
    offered_unreviewed: list[str] = []
    for line in check_languages(guide, config, report, offered_unreviewed):
        print(line, file=out)
    print(file=out)
    for line in check_signs(guide, report):
        print(line, file=out)
    print(file=out)
    print("Read-aloud voices (one sentence synthesised per language):", file=out)
    for line in check_voices(guide, report):
        print(line, file=out)
    print(file=out)
    for note in report.notes:
        print(note, file=out)
    for error in report.errors:
        print(f"ERROR {error}", file=out)
    print("OK: content and assets are valid" if not report.errors else f"{len(report.errors)} error(s)", file=out)
    ready = readiness(guide, offered_unreviewed, config["site.care_team_phone"])
    print(numbers_line(config), file=out)  # as the admin screen says it
    print(staff_pin_line(config), file=out)
    for warning in ready.warnings:
        print(f"WARNING {warning}", file=out)
    if guide_blocked(guide, config["content.allow_unreviewed"]):
        print("NOTE patients now see \"ask a member of staff\": the guide is not reviewed and the settings do "
              "not allow drafts (content.allow_unreviewed)", file=out)
    print(ready.line(), file=out)
    if report.errors:
        return 1
    return 1 if strict and not ready.ready else 0


def check_signs(guide: Guide, report: Report) -> list[str]:
    """Every danger sign with one action across the guide (kiosk/content/signs.py)."""
    from kiosk.content.signs import conflicts, tiers_by_sign

    tiers = tiers_by_sign(guide)
    lines = [f"Danger signs: {len(guide.signs)}, each with one action: " +
             ", ".join(f"{sign.id} ({sign.tier.value})" for sign in guide.signs)]
    for sign in guide.signs:
        if sign.id not in tiers:
            report.error(f"sign '{sign.id}' is on no screen — remove it from `signs`, or list it where it belongs")
    for conflict in conflicts(guide):
        report.error(f"screen {conflict}")
    return lines


def staff_pin_line(config) -> str:
    """Whether staff can open the admin screen, and if not, why (the PIN file's one line)."""
    from kiosk.admin.pin_file import PinFileError, pin_path, read_pin_hash

    path = pin_path(config.file)
    try:
        stored = read_pin_hash(path)
    except PinFileError as error:
        return f"WARNING staff access is off: {error}"
    old_line = " (the settings file's old pin_hash line is not read: `kiosk set-pin` removes it)" \
        if config["admin.pin_hash"] else ""
    if not stored:
        return f"Staff access: off, no PIN set ({path}; `kiosk set-pin` as root sets one){old_line}"
    return f"Staff access: PIN set in {path}{old_line}"
