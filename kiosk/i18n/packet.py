"""Review packets: one self-contained HTML file per language, for sign-off.

Each screen shows its English beside the translation, its leaflet source, the must-keep
facts and the automatic checks' results; after a topic's screens, its teach-back questions
with the right answer marked; then the words on the kiosk's buttons; then a sign-off block
for the medical translator and the pharmacist. No scripts, no links out:
the file can be mailed, opened offline and printed.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from kiosk import __version__
from kiosk.content import PRESCRIBING_INFORMATION, Guide, Topic, load_guide
from kiosk.content.model import WAIT, Question
from kiosk.i18n.catalog import GUIDE_CONTEXT
from kiosk.i18n.checks import LanguageCheck, check_language
from kiosk.i18n.languages import LANGUAGES, SOURCE_LANGUAGE, language
from kiosk.i18n.localize import question_texts, screen_texts

STYLE = """
body { font-family: "Noto Sans", "Atkinson Hyperlegible", system-ui, sans-serif; margin: 2em; color: #1a1a1a; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 2px solid #0d3b8c; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #999; padding: 0.4em 0.6em; vertical-align: top; text-align: start; }
th { background: #e8edf7; } td.part { width: 6em; color: #555; } td.text { width: 40%; }
.ok { color: #0a5d1e; font-weight: bold; } .bad { color: #a3000b; font-weight: bold; }
.source { color: #444; font-size: 0.9em; } .urgent { background: #fde8e8; } .warning { background: #fff6d6; }
.status { padding: 0.6em; border: 2px solid #a3000b; } .status.reviewed { border-color: #0a5d1e; }
.sign td { height: 3em; } tr.right td { background: #e6f4ea; }
"""


def _result_cell(problems) -> str:
    if not problems:
        return '<td class="ok">✓ checks pass</td>'
    return '<td class="bad">' + "<br>".join(f"✗ {escape(p.message)}" for p in problems) + "</td>"


def packet_html(code: str, guide: Guide, result: LanguageCheck) -> str:
    lang = language(code)
    catalog = result.catalog
    review = catalog.review if catalog else None
    by_context = result.by_context()
    direction = "rtl" if lang.rtl else "ltr"
    points = {point.id: point.text for point in guide.source_points}
    out = [f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
           f"<title>Review packet: {escape(lang.english_name)} ({code})</title><style>{STYLE}</style></head><body>",
           f"<h1>Review packet: {escape(lang.english_name)} — {escape(lang.native_name)} ({code})</h1>",
           f"<p>Guide: {escape(guide.generic_name)} ({escape(guide.brand_name)}), content version "
           f"{escape(guide.content_version)}. Catalog: <code>i18n/{code}.po</code>. Kiosk {__version__}. "
           f"Written {dt.date.today().isoformat()} by <code>python -m kiosk.i18n packets</code>.</p>"]
    status_class = "status reviewed" if review and review.reviewed else "status"
    status_text = review.describe() if review else "no usable catalog"
    out.append(f'<p class="{status_class}"><b>Review status:</b> {escape(status_text)}</p>')
    verdict = ('<span class="ok">all checks pass</span>' if not result.problems
               else f'<span class="bad">{len(result.problems)} problems</span>')
    out.append(f"<p><b>Automatic checks</b> ({result.checked} strings): {verdict}. Checked: translated and "
               "not stale; the same numbers as the English (a decimal comma allowed); the same {placeholders}; "
               "1-800-FDA-1088 and the medicine's names kept; each must-keep fact on its screen; no two answers of "
               "a question alike.</p>")
    general = [p for p in result.problems if not p.context]
    for problem in general:
        out.append(f'<p class="bad">✗ {escape(problem.message)}</p>')

    facts: dict[str, list] = {}
    for fact in guide.facts:
        facts.setdefault(fact.screen, []).append(fact)
    translated = catalog.get if catalog else (lambda _c, _e: None)
    for topic in guide.topics:
        out.append(f"<h2>{escape(topic.title)}</h2>")
        title_context = f"{GUIDE_CONTEXT}{topic.id}:title"
        out.append('<table><tr><th>part</th><th>English</th><th>' + escape(lang.english_name) +
                   "</th><th>checks</th></tr>")
        out.append(_row("topic title", topic.title, translated(title_context, topic.title), direction, code,
                        by_context.get(title_context, [])))
        out.append("</table>")
        for screen in topic.screens:
            severity = screen.severity.value
            sources = []
            for ref in screen.source:
                text = "official prescribing information (allowed addition)" if ref == PRESCRIBING_INFORMATION \
                    else points.get(ref, "")
                sources.append(f"<b>{escape(ref)}</b>: {escape(text)}")
            out.append(f'<h3 class="{severity}">Screen {escape(topic.id)}/{escape(screen.id)} — severity '
                       f"{escape(severity)}</h3>")
            out.append(f'<p class="source">Source: {"<br>".join(sources)}</p>')
            out.append('<table><tr><th>part</th><th>English</th><th>' + escape(lang.english_name) +
                       "</th><th>checks</th></tr>")
            for context, english in screen_texts(topic, screen):
                part = context.rsplit(":", 1)[1]
                out.append(_row(part, english, translated(context, english), direction, code,
                                by_context.get(context, [])))
            out.append("</table>")
            for fact in facts.get(screen.id, []):
                missing = [p for p in by_context.get(f"screen:{screen.id}", []) if p.english == fact.fact]
                mark = '<span class="bad">✗ missing</span>' if missing else '<span class="ok">✓ present</span>'
                out.append(f"<p>Must keep: {escape(fact.fact)} ({escape(', '.join(fact.keep))}) — {mark}</p>")
        for question in topic.questions:
            out.extend(_question_table(guide, topic, question, lang.english_name, direction, code, translated,
                                       by_context))

    out.append("<h2>Words on the kiosk's buttons and screens</h2>")
    out.append('<table><tr><th>where</th><th>English</th><th>' + escape(lang.english_name) +
               "</th><th>checks</th></tr>")
    if catalog:
        ui_keys = sorted(key for key in (*catalog.translations, *catalog.missing, *catalog.stale)
                         if not key[0].startswith(GUIDE_CONTEXT))
        for context, english in ui_keys:
            out.append(_row(context, english, catalog.get(context, english), direction, code,
                            by_context.get(context, [])))
    out.append("</table>")
    out.append("<h2>Sign-off</h2><table class=\"sign\"><tr><th>role</th><th>name and qualification</th>"
               "<th>date</th><th>signature</th></tr><tr><td>Medical translator</td><td></td><td></td><td></td></tr>"
               "<tr><td>Pharmacist</td><td></td><td></td><td></td></tr></table>"
               "<p>When signed, record the review in the catalog's header (<code>X-Review-Status: reviewed</code>, "
               "<code>X-Reviewed-By</code>, <code>X-Review-Date</code>); i18n/README.md explains.</p>")
    out.append("</body></html>")
    return "\n".join(out)


def _question_table(guide: Guide, topic: Topic, question: Question, name: str, direction: str, code: str,
                    translated, by_context) -> list[str]:
    """A teach-back question: what it cites, then the question and each answer, the right one marked."""
    tiers = {sign.id: sign.tier.value for sign in guide.signs}
    about = ("; asks about danger signs: " + ", ".join(f"{s} ({tiers[s]})" for s in question.signs)
             if question.signs else "")
    whole = ("" if all(translated(c, e) for c, e in question_texts(topic, question))
             else '<p class="bad">Until every part is translated, the whole question is shown in English.</p>')
    out = [f"<h3>Check what you learned: {escape(topic.id)}/{escape(question.id)}</h3>",
           f'<p class="source">Answered on the screens: {escape(", ".join(question.teaches))} (a wrong answer '
           f"shows the first again){escape(about)}</p>", whole,
           f"<table><tr><th>part</th><th>English</th><th>{escape(name)}</th><th>checks</th></tr>"]
    for context, english in question_texts(topic, question):
        part = context.rsplit(":", 1)[1]
        label, right = "", False
        if part != "question":
            answer = question.answers[int(part.removeprefix("answer")) - 1]
            label, right = ("RIGHT answer" if answer.right else "wrong answer"), answer.right
            if question.signs:
                label += f", action: {answer.action.value if answer.action else WAIT}"
        out.append(_row(part, english, translated(context, english), direction, code, by_context.get(context, []),
                        label=label, right=right))
    out.append("</table>")
    return out


def _row(part: str, english: str, translation: str | None, direction: str, code: str, problems,
         label: str = "", right: bool = False) -> str:
    shown = (f'<td class="text" dir="{direction}" lang="{code}">{escape(translation)}</td>' if translation
             else '<td class="text bad">(no usable translation: shown in English)</td>')
    said = f"<br><b>{escape(label)}</b>" if label else ""
    row = '<tr class="right">' if right else "<tr>"
    return (f'{row}<td class="part">{escape(part)}{said}</td>'
            f'<td class="text" lang="en">{escape(english)}</td>{shown}{_result_cell(problems)}</tr>')


def write_packets(folder: Path, languages: tuple[str, ...] = LANGUAGES, guide: Guide | None = None) -> list[Path]:
    guide = guide or load_guide()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for code in languages:
        if code == SOURCE_LANGUAGE:
            continue
        path = folder / f"review-{code}.html"
        path.write_text(packet_html(code, guide, check_language(code, guide)), encoding="utf-8")
        written.append(path)
    return written
