"""`python -m kiosk.i18n update`: gather every English string, refresh every catalog.

UI strings come from Qt's own extractor (pyside6-lupdate, which knows each tr()'s class);
guide text comes from the guide file, keyed by topic and screen id, with the screen's
leaflet source as the translator's note; each topic's teach-back questions follow its
screens, keyed by question id, each answer noted as right or wrong. The template
(i18n/kiosk.pot) is rewritten, then GNU gettext's msgmerge brings each language's catalog
up to date: a changed English sentence keeps its old translation but marked fuzzy (stale,
never shown) with the old English beside it (`#| msgid`), so the translator sees exactly
what changed.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import polib

from kiosk import __version__, resources
from kiosk.content import PRESCRIBING_INFORMATION, Guide, load_guide
from kiosk.content.model import WAIT, Question
from kiosk.i18n.catalog import HEADER_LANGUAGE, MACHINE_DRAFTED, catalog_path, template_path
from kiosk.i18n.languages import LANGUAGES, SOURCE_LANGUAGE, language
from kiosk.i18n.localize import guide_texts

SEVERITY_NOTE = {
    "urgent": "Severity: URGENT (tell the nurse now; away from the clinic, the emergency number).",
    "warning": "Severity: call the care team right away, day or night.",
    "normal": "",
}
ACTION_NOTE = {
    "now": "the heading of the red box around signs that need help now. Patient-safety critical: "
           "it must say to tell the nurse at once, and to call the emergency number away from the clinic.",
    "right-away": "the heading of the box around signs that need a call right away, at any hour, "
                  "with the care team's number.",
    "right-away-no-number": "the same heading where the site has given no number: the patient asks the "
                            "nurse for it today.",
    "after-hours": "a second line under it, with the number for nights and weekends.",
    "ask": "a quiet line after screens that need no call: ask at the next visit.",
}

# What an answer to a question about danger signs tells the patient to do, for the translator.
ANSWER_ACTION_NOTE = {
    "now": "get help at once: the nurse, or the emergency number away from the clinic",
    "right-away": "call the care team right away, day or night",
    "ask": "ask at the next visit",
    WAIT: "do nothing and wait",
}

HEADER_NOTE = """\
Translations of the infusion-center medicine guide kiosk: inotuzumab ozogamicin (Besponsa).
Medical content. Rules for translators (i18n/README.md has them all):
- Keep every number as digits, exactly as in English (8, 5, 2, 21, 28, 1, 0.9). A decimal
  comma is fine where your language uses one (0,9).
- Keep 1-800-FDA-1088 exactly, letters and all. Keep the names inotuzumab ozogamicin and
  Besponsa in Latin letters.
- Keep {placeholders} in braces exactly as they are.
- Plain words for patients (about 6th-grade level). Add nothing, leave nothing out.
- Translator notes (#.) give each screen's leaflet source for the reviewing pharmacist."""


def ui_sources() -> list[Path]:
    return sorted((resources.root() / "kiosk").rglob("*.py"))


def lupdate_tool() -> str:
    tool = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent)) or shutil.which("pyside6-lupdate")
    if not tool:
        raise SystemExit("pyside6-lupdate not found: it comes with PySide6 (run ./dev.sh test once)")
    return tool


def ui_entries() -> list[polib.POEntry]:
    """Every tr() string, by Qt class (msgctxt), with where it is used."""
    root = resources.root()
    with tempfile.TemporaryDirectory() as folder:
        ts = Path(folder) / "ui.ts"
        result = subprocess.run([lupdate_tool(), *map(str, ui_sources()), "-ts", str(ts), "-no-obsolete"],
                                capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise SystemExit(f"pyside6-lupdate failed: {result.stderr.strip()}")
        tree = ET.parse(ts)
    entries: dict[tuple[str, str], polib.POEntry] = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            places = []
            for location in message.iter("location"):
                path = (Path(folder) / location.get("filename", "")).resolve()
                try:
                    path = path.relative_to(root)
                except ValueError:
                    pass
                places.append((path.as_posix(), location.get("line", "")))
            entry = entries.get((name, source))
            if entry is None:
                note = "Words on the kiosk's buttons and screens."
                if "{" in source:
                    note += " Keep each {name} in braces unchanged: the kiosk fills it in."
                extra = message.findtext("extracomment")
                entry = polib.POEntry(msgctxt=name, msgid=source, msgstr="",
                                      comment=f"{extra}\n{note}" if extra else note,
                                      flags=["python-brace-format"] if "{" in source else [])
                entries[(name, source)] = entry
            entry.occurrences.extend(places)
    return sorted(entries.values(), key=lambda e: (e.msgctxt, e.occurrences[:1], e.msgid))


def guide_entries(guide: Guide, guide_file: Path) -> list[polib.POEntry]:
    """Every piece of guide text, with its screen, severity and leaflet source."""
    file = guide_file.resolve().relative_to(resources.root()).as_posix()
    points = {point.id: point.text for point in guide.source_points}
    facts = {}
    for fact in guide.facts:
        facts.setdefault(fact.screen, []).append(fact)
    entries = []
    for context, english, topic, screen in guide_texts(guide):
        if topic is None:
            key = context.rsplit(":", 1)[1]
            notes = [f"Action '{key}': {ACTION_NOTE[key]}",
                     "Keep each {name} in braces unchanged: the kiosk fills in the site's phone number."
                     if "{" in english else ""]
            line = 1
        elif screen is None:
            notes = [f"Topic title (a tile on the topic list): {topic.id}.",
                     SEVERITY_NOTE[topic.severity.value]]
            line = topic.line
        elif isinstance(screen, Question):
            part = context.rsplit(":", 1)[1]
            notes = question_notes(guide, screen, part)
            # each answer its own line, so a catalog sorted by file keeps the question's order
            line = screen.line if part == "question" else screen.answers[int(part.removeprefix("answer")) - 1].line
        else:
            part = context.rsplit(":", 1)[1]
            notes = [f"Screen {topic.id}/{screen.id}, {part}. {SEVERITY_NOTE[screen.severity.value]}"]
            if screen.pi_sections:
                notes.append("Prescribing information sections: " + ", ".join(screen.pi_sections) + ".")
            for ref in screen.source:
                if ref == PRESCRIBING_INFORMATION:
                    notes.append("Source: the official prescribing information (an allowed addition).")
                else:
                    notes.append(f"Source {ref}: {points[ref]}")
            for fact in facts.get(screen.id, []):
                notes.append(f"MUST KEEP on this screen: {fact.fact} (keep: {', '.join(fact.keep)}).")
            line = screen.line
        entries.append(polib.POEntry(msgctxt=context, msgid=english, msgstr="",
                                     comment="\n".join(n.strip() for n in notes if n.strip()),
                                     occurrences=[(file, str(line))]))
    return entries


def question_notes(guide: Guide, question: Question, part: str) -> list[str]:
    """The translator's notes on a teach-back question or one of its answers."""
    notes = [f"\"Check what you learned\" {question.topic_id}/{question.id}, {part}. A question the patient "
             "answers by touching a picture; it asks only what these screens say: " + ", ".join(question.teaches)
             + ". Short and plain, like the screens' words."]
    if part != "question":
        answer = question.answers[int(part.removeprefix("answer")) - 1]
        notes.append("The RIGHT answer: say it in the same words as the screen that teaches it." if answer.right
                     else "A WRONG answer: keep it plainly wrong, as in English.")
        if question.signs:
            said = answer.action.value if answer.action else WAIT
            notes.append(f"What it tells the patient to do: {said} ({ANSWER_ACTION_NOTE[said]}).")
    if question.signs:
        signs = {sign.id: sign.tier.value for sign in guide.signs}
        notes.append("Patient-safety critical: it asks about danger signs ("
                     + ", ".join(f"{sign_id}: {signs[sign_id]}" for sign_id in question.signs) + ").")
    return notes


def build_template(guide: Guide, guide_file: Path) -> polib.POFile:
    pot = polib.POFile(wrapwidth=0)
    pot.header = HEADER_NOTE
    pot.metadata = {
        "Project-Id-Version": f"kiosk {__version__}, guide {guide.content_version}",
        # The guide's date, not today's: the template changes only when the English does.
        "POT-Creation-Date": f"{guide.review.date.isoformat()} 00:00+0000",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for entry in [*ui_entries(), *guide_entries(guide, guide_file)]:
        pot.append(entry)
    return pot


def new_catalog(code: str, pot: polib.POFile) -> polib.POFile:
    po = polib.POFile(wrapwidth=0)
    po.header = pot.header
    po.metadata = {
        "Project-Id-Version": pot.metadata["Project-Id-Version"],
        "PO-Revision-Date": dt.date.today().isoformat(),
        "Language": HEADER_LANGUAGE.get(code, code),
        "Last-Translator": "machine draft, no human translator yet",
        "Language-Team": language(code).english_name,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Review-Status": MACHINE_DRAFTED,
        "X-Reviewed-By": "",
        "X-Review-Date": "",
    }
    for entry in pot:
        po.append(polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid, msgstr="",
                                comment=entry.comment, occurrences=entry.occurrences, flags=list(entry.flags)))
    return po


def msgmerge(po: Path, pot: Path) -> None:
    tool = shutil.which("msgmerge")
    if not tool:
        raise SystemExit("msgmerge not found: install GNU gettext (Debian: apt-get install gettext)")
    result = subprocess.run([tool, "--quiet", "--update", "--backup=none", "--previous", "--no-wrap",
                             "--sort-by-file", str(po), str(pot)], capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise SystemExit(f"msgmerge failed on {po}: {result.stderr.strip()}")


def update(languages: tuple[str, ...] = LANGUAGES, guide_file: Path | None = None,
           folder: Path | None = None) -> list[Path]:
    """Rewrite the template and bring every catalog up to date. Returns the files written."""
    guide_file = guide_file or resources.guide_file(SOURCE_LANGUAGE)
    guide = load_guide(guide_file)
    pot_file = (folder / template_path().name) if folder else template_path()
    pot = build_template(guide, guide_file)
    pot.save(str(pot_file))
    written = [pot_file]
    for code in languages:
        if code == SOURCE_LANGUAGE:
            continue
        po_file = (folder / f"{code}.po") if folder else catalog_path(code)
        if po_file.exists():
            msgmerge(po_file, pot_file)
        else:
            new_catalog(code, pot).save(str(po_file))
        written.append(po_file)
    return written
