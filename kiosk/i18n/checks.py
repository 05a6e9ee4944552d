"""Safety checks on every translation: what a medical translator would check by eye, by machine.

Per catalog entry: translated and not stale; the same numbers as the English (digits, with
the language's decimal comma allowed), sentence by sentence where the sentences match one to
one, else in the same order (women's 8 months swapped with men's 5 fails); the same
{placeholders}; protected words kept (1-800-FDA-1088, the medicine's names); a limit's
qualifier kept ("at least" must not become "up to"). Teach-back questions and their answers
are entries like a screen's text and get the same checks. Per screen: each must-keep fact of
the guide (docs/content-policy.md) present in the translated screen. Per question: no two
answers that read the same once translated (the patient could not tell them apart).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from kiosk.content import Guide, load_guide
from kiosk.i18n.catalog import Catalog, CatalogError, load_catalog
from kiosk.i18n.languages import LANGUAGES, SOURCE_LANGUAGE, language
from kiosk.i18n.localize import guide_texts, localize, question_texts

NUMBER = re.compile(r"\d+(?:\.\d+)?")
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
# Written exactly as in English in every language (content policy: one name throughout;
# the FDA's number keeps its letters).
PROTECTED = ("1-800-FDA-1088", "inotuzumab ozogamicin", "Besponsa")
# Words that keep a limit's meaning, per language: an English entry with the key must have
# one of them (lower case). "at least 8 months" must never become "up to" or "about" 8.
QUALIFIERS: dict[str, dict[str, tuple[str, ...]]] = {
    "at least": {
        "es": ("al menos", "por lo menos", "como mínimo"),
        "fr": ("au moins", "au minimum"),
        "ht": ("omwen", "pou pi piti", "pi piti"),
        "vi": ("ít nhất", "tối thiểu"),
        "ko": ("이상", "최소", "적어도"),
        "zh": ("至少", "不少于", "以上"),
        "ar": ("على الأقل", "لا تقل عن", "لا يقل عن"),
        "ru": ("не менее", "по крайней мере", "как минимум", "минимум"),
        "tl": ("hindi bababa", "kahit", "pinakakaunti", "hindi kukulangin"),
    },
    "up to": {
        "es": ("hasta",),
        "fr": ("jusqu'à", "jusqu’à"),
        "ht": ("jiska", "jis"),
        "vi": ("đến", "tới"),
        "ko": ("까지", "이내"),
        "zh": ("内", "以内", "长达", "之内"),
        "ar": ("حتى", "خلال", "لغاية", "تصل إلى", "إلى"),
        "ru": ("до", "в течение"),
        "tl": ("hanggang",),
    },
}
SENTENCE_END = re.compile(r"(?<=[.!?。！？؟])\s*")
# A unit may be written as the language writes it (Russian "мг" for "mg").
LOCAL_UNITS = {"mg": {"ru": ("мг",)}}


@dataclass(frozen=True)
class Problem:
    context: str  # msgctxt, or "screen:<id>" for a must-keep fact
    english: str
    kind: str  # untranslated, stale, numbers, placeholders, protected, fact, answers, catalog
    message: str


@dataclass
class LanguageCheck:
    code: str
    catalog: Catalog | None
    problems: list[Problem] = field(default_factory=list)
    checked: int = 0  # entries looked at

    def by_context(self) -> dict[str, list[Problem]]:
        found: dict[str, list[Problem]] = {}
        for problem in self.problems:
            found.setdefault(problem.context, []).append(problem)
        return found


def numbers(text: str, decimal_point: str = ".") -> list[str]:
    """The numbers in `text`, as ASCII digits with "." for decimals, whatever the script."""
    digits = "".join(str(unicodedata.decimal(ch)) if unicodedata.decimal(ch, None) is not None else ch
                     for ch in text)
    if decimal_point != ".":
        digits = re.sub(rf"(?<=\d){re.escape(decimal_point)}(?=\d)", ".", digits)
    return NUMBER.findall(digits)


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def sentences(text: str) -> list[str]:
    return [part for part in SENTENCE_END.split(text.strip()) if part.strip()]


def number_problems(context: str, english: str, translated: str, decimal_point: str) -> list[Problem]:
    """The same numbers as the English, and each in its place: per sentence where the
    translation keeps the English sentences one to one, else in the same order."""
    want, got = sorted(set(numbers(english))), sorted(set(numbers(translated, decimal_point)))
    if want != got:
        missing, extra = sorted(set(want) - set(got)), sorted(set(got) - set(want))
        detail = "; ".join(part for part in (f"missing {', '.join(missing)}" if missing else "",
                                             f"not in the English: {', '.join(extra)}" if extra else "") if part)
        return [Problem(context, english, "numbers", f"numbers differ from the English ({detail})")]
    ours, theirs = sentences(english), sentences(translated)
    if len(ours) == len(theirs) and len(ours) > 1:
        for index, (one, other) in enumerate(zip(ours, theirs), start=1):
            if sorted(numbers(one)) != sorted(numbers(other, decimal_point)):
                return [Problem(context, english, "numbers",
                                f"sentence {index}: numbers {numbers(one)} became {numbers(other, decimal_point)} "
                                f"(\"{one}\")")]
    elif len(numbers(english)) > 1 and numbers(english) != numbers(translated, decimal_point):
        return [Problem(context, english, "numbers",
                        f"numbers in another order: {numbers(english)} became {numbers(translated, decimal_point)}")]
    return []


def qualifier_problems(context: str, english: str, translated: str, code: str) -> list[Problem]:
    """A limit's qualifier kept, sentence by sentence where the sentences match one to one."""
    ours, theirs = sentences(english), sentences(translated)
    pairs = list(zip(ours, theirs)) if len(ours) == len(theirs) else [(english, translated)]
    problems = []
    for qualifier, by_language in QUALIFIERS.items():
        words = by_language.get(code)
        if not words:
            continue
        for one, other in pairs:
            if qualifier in one.lower() and not any(w in other.lower() for w in words):
                problems.append(Problem(context, english, "qualifier",
                                        f"'{qualifier}' is not kept in \"{other}\" (none of: {', '.join(words)})"))
    return problems


def check_entry(context: str, english: str, translated: str, decimal_point: str, code: str = "") -> list[Problem]:
    problems = number_problems(context, english, translated, decimal_point)
    problems.extend(qualifier_problems(context, english, translated, code))
    if placeholders(english) != placeholders(translated):
        became = f"{sorted(placeholders(english))} became {sorted(placeholders(translated))}"
        problems.append(Problem(context, english, "placeholders", f"placeholders {became}"))
    for word in PROTECTED:
        if word.lower() in english.lower() and word not in translated:
            problems.append(Problem(context, english, "protected", f"'{word}' must be kept exactly"))
    return problems


def fact_present(keep: str, text: str, decimal_point: str, code: str = "") -> bool:
    if keep in text or any(unit in text for unit in LOCAL_UNITS.get(keep, {}).get(code, ())):
        return True
    if NUMBER.fullmatch(keep):  # a number: compare as numbers (0,9 is 0.9 in French)
        return keep in numbers(text, decimal_point)
    return False


def check_language(code: str, guide: Guide, catalog: Catalog | None = None) -> LanguageCheck:
    """Every check for one language. `catalog` None: read the kiosk's own."""
    if catalog is None:
        try:
            catalog = load_catalog(code)
        except CatalogError as error:
            return LanguageCheck(code, None, [Problem("", "", "catalog", str(error))])
    result = LanguageCheck(code, catalog)
    point = language(code).locale.decimalPoint()
    keys = set()
    for context, english, _topic, _screen in guide_texts(guide):
        keys.add((context, english))
    keys |= {key for key in (*catalog.translations, *catalog.missing, *catalog.stale)
             if not key[0].startswith("guide:")}
    for context, english in sorted(keys):
        result.checked += 1
        if (context, english) in catalog.stale:
            result.problems.append(Problem(context, english, "stale",
                                           "the English changed since this was translated (fuzzy)"))
            continue
        translated = catalog.get(context, english)
        if translated is None:
            result.problems.append(Problem(context, english, "untranslated", "not translated"))
            continue
        result.problems.extend(check_entry(context, english, translated, point, code))
    result.problems.extend(answer_problems(guide, catalog))
    local = localize(guide, catalog)
    for fact in guide.facts:
        screen = local.screen(fact.screen)
        if screen.language != code:
            continue  # the screen is untranslated: reported above, and shown in English
        text = screen.plain_text()
        for keep in fact.keep:
            if not fact_present(keep, text, point, code):
                result.problems.append(Problem(f"screen:{fact.screen}", fact.fact, "fact",
                                               f"must-keep '{keep}' is missing: {fact.fact}"))
    return result


def answer_problems(guide: Guide, catalog: Catalog) -> list[Problem]:
    """A translated question whose answers read the same cannot be answered: one problem each."""
    problems = []
    for topic in guide.topics:
        for question in topic.questions:
            texts = list(question_texts(topic, question))[1:]
            seen: dict[str, int] = {}
            for number, (context, english) in enumerate(texts, start=1):
                translated = catalog.get(context, english)
                if translated is None:
                    continue
                key = " ".join(translated.casefold().split()).rstrip(".!")
                if key in seen:
                    problems.append(Problem(context, english, "answers",
                                            f"answers {seen[key]} and {number} read the same: \"{translated}\""))
                seen.setdefault(key, number)
    return problems


def check_all(languages: tuple[str, ...] = LANGUAGES, guide: Guide | None = None) -> list[LanguageCheck]:
    guide = guide or load_guide()
    return [check_language(code, guide) for code in languages if code != SOURCE_LANGUAGE]


def report(results: list[LanguageCheck]) -> str:
    lines = []
    for result in results:
        name = language(result.code).english_name
        status = result.catalog.review.describe() if result.catalog else "no usable catalog"
        verdict = "OK" if not result.problems else f"{len(result.problems)} problems"
        lines.append(f"{result.code} {name}: {result.checked} strings, {verdict}; {status}")
        for problem in result.problems[:20]:
            lines.append(f"    {problem.context}: {problem.message}")
        if len(result.problems) > 20:
            lines.append(f"    ... and {len(result.problems) - 20} more")
    return "\n".join(lines)
