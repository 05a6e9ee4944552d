"""Load the guide file and refuse it, with one clear message, if anything is wrong.

Every error names the file, the line, the place in the guide (e.g.
`topics[3].screens[2].icon`) and what to do about it. The loader never lets a
YAML or Python traceback through: the kiosk shows it to staff, not to patients.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kiosk import resources
from kiosk.content.model import (
    ACTION_PLACEHOLDERS,
    ACTION_TEXTS,
    ACTION_VARIANTS,
    PRESCRIBING_INFORMATION,
    WAIT,
    Action,
    Answer,
    Correction,
    Fact,
    Guide,
    Question,
    Review,
    Screen,
    Severity,
    Sign,
    SourcePoint,
    Topic,
)

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
POINT_PATTERN = re.compile(r"^L\d{2,3}$")
# A section of the prescribing information: "5.1", "17", or "boxed" (the boxed warning).
PI_SECTION_PATTERN = re.compile(r"^(boxed|\d{1,2}(\.\d{1,2})*)$")
REVIEW_STATUSES = ("draft", "reviewed")


class ContentError(Exception):
    """A guide file that cannot be shown. str() is the one-line message for staff."""

    def __init__(self, file: Path | str, line: int | None, place: str, problem: str, fix: str = ""):
        self.file = str(file)
        self.line = line
        self.place = place
        self.problem = problem
        self.fix = fix
        where = f"{self.file}:{line}" if line else self.file
        text = f"{where}: {place}: {problem}" if place else f"{where}: {problem}"
        super().__init__(f"{text} — {fix}" if fix else text)


# --- YAML with line numbers --------------------------------------------------------


class _Map(dict):
    """A mapping that remembers the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class _Seq(list):
    line: int = 0
    item_lines: list[int]


# libyaml's C parser where PyYAML has it (it keeps line marks too): ~5x faster start-up.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> _Map:
    loader.flatten_mapping(node)
    result = _Map()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise _DuplicateKey(str(key), key_node.start_mark.line + 1)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = value_node.start_mark.line + 1
    return result


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> _Seq:
    result = _Seq(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int):
        super().__init__(key)
        self.key, self.line = key, line


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


# --- Validation --------------------------------------------------------------------


class _Reader:
    """Reads typed fields out of the parsed YAML, raising ContentError with the place."""

    def __init__(self, file: Path, icon_exists: Callable[[str], bool]):
        self.file = file
        self.icon_exists = icon_exists

    def fail(self, line: int | None, place: str, problem: str, fix: str = "") -> ContentError:
        return ContentError(self.file, line, place, problem, fix)

    def mapping(self, value: Any, place: str, line: int | None, allowed: tuple[str, ...]) -> _Map:
        if not isinstance(value, _Map):
            raise self.fail(line, place, "expected a mapping of keys to values",
                            f"write it as `key: value` lines; allowed keys: {', '.join(allowed)}")
        for key in value:
            if key not in allowed:
                raise self.fail(value.key_lines.get(str(key), value.line), f"{place}.{key}",
                                f"unknown key '{key}'", f"allowed keys here: {', '.join(allowed)}")
        return value

    def field(self, data: _Map, key: str, place: str, *, required: bool = True) -> tuple[Any, int]:
        if key not in data or data[key] is None:
            if required:
                raise self.fail(data.line, f"{place}.{key}" if place else key, "missing",
                                f"add `{key}:` to this entry")
            return None, data.line
        return data[key], data.key_lines.get(key, data.line)

    def text(self, data: _Map, key: str, place: str, *, required: bool = True) -> str:
        value, line = self.field(data, key, place, required=required)
        if value is None:
            return ""
        if isinstance(value, (int, float)) and not isinstance(value, bool) and key == "content_version":
            value = str(value)
        if not isinstance(value, str):
            raise self.fail(line, f"{place}.{key}", f"expected text, got {type(value).__name__}",
                            "put the text in quotes")
        value = " ".join(value.split())
        if required and not value:
            raise self.fail(line, f"{place}.{key}", "is empty", "write the text")
        return value

    def text_list(self, data: _Map, key: str, place: str, *, required: bool = False) -> tuple[str, ...]:
        value, line = self.field(data, key, place, required=required)
        if value is None:
            return ()
        if not isinstance(value, _Seq):
            raise self.fail(line, f"{place}.{key}", "expected a list", "write one `- item` per line")
        items = []
        for index, item in enumerate(value):
            item_line = value.item_lines[index]
            if not isinstance(item, str) or not item.strip():
                raise self.fail(item_line, f"{place}.{key}[{index}]", "expected non-empty text",
                                "put the text in quotes")
            items.append(" ".join(item.split()))
        return tuple(items)

    def ident(self, data: _Map, key: str, place: str, pattern: re.Pattern = ID_PATTERN) -> str:
        value = self.text(data, key, place)
        if not pattern.match(value):
            raise self.fail(data.key_lines.get(key, data.line), f"{place}.{key}",
                            f"'{value}' is not a valid id",
                            "use lowercase letters, digits and dashes, e.g. `liver-signs`"
                            if pattern is ID_PATTERN else "use L followed by 2-3 digits, e.g. `L07`")
        return value

    def severity(self, data: _Map, place: str) -> Severity:
        value = self.text(data, "severity", place)
        try:
            return Severity(value)
        except ValueError:
            raise self.fail(data.key_lines.get("severity"), f"{place}.severity",
                            f"unknown severity '{value}'",
                            "use one of: " + ", ".join(s.value for s in Severity)) from None

    def icon(self, data: _Map, place: str) -> str:
        value = self.text(data, "icon", place)
        if not self.icon_exists(value):
            raise self.fail(data.key_lines.get("icon"), f"{place}.icon", f"unknown icon '{value}'",
                            "name an SVG under assets/icons/ without '.svg', e.g. `body/liver`")
        return value


GUIDE_KEYS = ("guide", "source", "corrections", "actions", "signs", "spoken", "topics", "must_keep")
OPTIONAL_GUIDE_KEYS = ("actions", "signs", "spoken", "must_keep")
META_KEYS = ("medicine", "language", "content_version", "review", "readability_exempt")
TOPIC_KEYS = ("id", "title", "icon", "severity", "next", "screens", "check")
SCREEN_KEYS = ("id", "heading", "text", "items", "icon", "action", "signs", "source", "pi", "corrections", "link")
QUESTION_KEYS = ("id", "text", "teaches", "signs", "answers")
ANSWER_KEYS = ("text", "icon", "right", "action")
# A topic's teach-back: 2 or 3 questions, each with 2 or 3 picture answers.
QUESTIONS_PER_TOPIC = (2, 3)
ANSWERS_PER_QUESTION = (2, 3)


def load_guide(path: Path | str | None = None,
               icon_exists: Callable[[str], bool] | None = None) -> Guide:
    """Load and validate a guide file; raise ContentError on anything wrong (the first fault,
    in the file's order: the guide's details, its sources, corrections, actions and signs,
    then the topics, their screens and their questions)."""
    file = Path(path) if path is not None else resources.guide_file("en")
    if icon_exists is None:
        icon_exists = lambda name: resources.icon_file(name).is_file()  # noqa: E731
    read = _Reader(file, icon_exists)
    data = _parse(read, file)
    meta = read.mapping(data["guide"], "guide", data.key_lines["guide"], META_KEYS)
    medicine = read.mapping(read.field(meta, "medicine", "guide")[0], "guide.medicine",
                            meta.key_lines.get("medicine"), ("generic", "brand"))
    review = _review(read, meta)
    source = read.mapping(data["source"], "source", data.key_lines["source"], ("file", "headings", "points"))
    points = _source_points(read, source)
    corrections = _corrections(read, data)
    actions = _actions(read, data)
    signs = _signs(read, data)
    known = _Known(point_ids={p.id for p in points}, correction_ids={c.id for c in corrections},
                   actions=actions, signs={sign.id: sign for sign in signs})
    topics = _topics(read, data, known)
    facts = _facts(read, data, {s.id: s for t in topics for s in t.screens})
    return Guide(
        generic_name=read.text(medicine, "generic", "guide.medicine"),
        brand_name=read.text(medicine, "brand", "guide.medicine"),
        language=read.text(meta, "language", "guide"),
        content_version=read.text(meta, "content_version", "guide"),
        review=review,
        readability_exempt=read.text_list(meta, "readability_exempt", "guide"),
        source_file=read.text(source, "file", "source"),
        source_headings=read.text_list(source, "headings", "source"),
        source_points=tuple(points),
        corrections=tuple(corrections),
        topics=tuple(topics),
        facts=facts,
        actions=actions,
        signs=signs,
        spoken=_spoken(read, data),
    )


def _parse(read: _Reader, file: Path) -> _Map:
    """The file's YAML, its top level checked: every key known, every required key there."""
    try:
        raw_text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise read.fail(None, "", "file not found", "check the path, or reinstall the kiosk") from None
    except (OSError, UnicodeDecodeError) as error:
        raise read.fail(None, "", f"cannot be read ({error})", "save it as UTF-8 text") from None
    try:
        data = yaml.load(raw_text, Loader=_Loader)
    except _DuplicateKey as dup:
        raise read.fail(dup.line, "", f"key '{dup.key}' appears twice in one entry",
                        "remove one of them") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise read.fail(line, "", f"not valid YAML ({error.problem or error.context})",
                        "check the indentation and quotes around this line") from None
    except yaml.YAMLError as error:
        raise read.fail(None, "", f"not valid YAML ({error})", "check the file's syntax") from None
    data = read.mapping(data, "(top level)", 1, GUIDE_KEYS)
    for key in GUIDE_KEYS:
        if key not in OPTIONAL_GUIDE_KEYS:
            read.field(data, key, "")
    return data


def _review(read: _Reader, meta: _Map) -> Review:
    review_map = read.mapping(read.field(meta, "review", "guide")[0], "guide.review",
                              meta.key_lines.get("review"), ("date", "status", "by", "note"))
    review_date, date_line = read.field(review_map, "date", "guide.review")
    if not isinstance(review_date, dt.date):
        raise read.fail(date_line, "guide.review.date", f"'{review_date}' is not a date",
                        "write it as YYYY-MM-DD, e.g. 2026-11-24")
    status = read.text(review_map, "status", "guide.review")
    if status not in REVIEW_STATUSES:
        raise read.fail(review_map.key_lines["status"], "guide.review.status",
                        f"unknown status '{status}'", "use one of: " + ", ".join(REVIEW_STATUSES))
    return Review(date=review_date, status=status,
                  by=read.text(review_map, "by", "guide.review", required=False),
                  note=read.text(review_map, "note", "guide.review", required=False))


def _source_points(read: _Reader, source: _Map) -> list[SourcePoint]:
    points_raw, points_line = read.field(source, "points", "source")
    if not isinstance(points_raw, _Seq) or not points_raw:
        raise read.fail(points_line, "source.points", "expected a list of leaflet points",
                        "list each leaflet paragraph as `- id: L01` with its `text:`")
    points: list[SourcePoint] = []
    for index, raw in enumerate(points_raw):
        place = f"source.points[{index}]"
        item = read.mapping(raw, place, points_raw.item_lines[index], ("id", "text"))
        point = SourcePoint(read.ident(item, "id", place, POINT_PATTERN), read.text(item, "text", place))
        if any(p.id == point.id for p in points):
            raise read.fail(item.line, f"{place}.id", f"duplicate point id '{point.id}'",
                            "give each point its own id")
        points.append(point)
    return points


def _corrections(read: _Reader, data: _Map) -> list[Correction]:
    corrections_raw, corr_line = read.field(data, "corrections", "")
    if not isinstance(corrections_raw, _Seq):
        raise read.fail(corr_line, "corrections", "expected a list", "write one `- id: ...` per correction")
    corrections: list[Correction] = []
    for index, raw in enumerate(corrections_raw):
        place = f"corrections[{index}]"
        item = read.mapping(raw, place, corrections_raw.item_lines[index],
                            ("id", "original", "corrected", "reason"))
        correction = Correction(read.ident(item, "id", place), read.text(item, "original", place),
                                read.text(item, "corrected", place), read.text(item, "reason", place))
        if any(c.id == correction.id for c in corrections):
            raise read.fail(item.line, f"{place}.id", f"duplicate correction id '{correction.id}'",
                            "give each correction its own id")
        corrections.append(correction)
    return corrections


@dataclass
class _Known:
    """What the screens may refer to, read before them; and what they claim as they are read."""
    point_ids: set[str]
    correction_ids: set[str]
    actions: dict[str, str]
    signs: dict[str, Sign]
    ids: dict[str, str] = field(default_factory=dict)  # id -> place, across topics and screens
    links: list[tuple[str, int, str]] = field(default_factory=list)  # (topic id, line, place), checked last

    def claim(self, read: _Reader, identifier: str, place: str, line: int) -> None:
        if identifier in self.ids:
            raise read.fail(line, f"{place}.id", f"duplicate id '{identifier}' (also at {self.ids[identifier]})",
                            "ids must be unique in the whole guide; translations key on them")
        self.ids[identifier] = place


def _topics(read: _Reader, data: _Map, known: _Known) -> list[Topic]:
    topics_raw, topics_line = read.field(data, "topics", "")
    if not isinstance(topics_raw, _Seq) or not topics_raw:
        raise read.fail(topics_line, "topics", "expected a non-empty list of topics",
                        "write one `- id: ...` per topic")
    topics: list[Topic] = []
    for t_index, raw_topic in enumerate(topics_raw):
        t_place = f"topics[{t_index}]"
        topic_map = read.mapping(raw_topic, t_place, topics_raw.item_lines[t_index], TOPIC_KEYS)
        topic_id = read.ident(topic_map, "id", t_place)
        known.claim(read, topic_id, t_place, topic_map.line)
        t_place = f"topics[{t_index}] ({topic_id})"
        next_id = read.text(topic_map, "next", t_place, required=False) or None
        if next_id:
            known.links.append((next_id, topic_map.key_lines["next"], f"{t_place}.next"))
        screens_raw, screens_line = read.field(topic_map, "screens", t_place)
        if not isinstance(screens_raw, _Seq) or not screens_raw:
            raise read.fail(screens_line, f"{t_place}.screens", "expected a non-empty list of screens",
                            "give every topic at least one screen")
        screens = [_screen(read, raw, screens_raw.item_lines[index], f"{t_place}.screens[{index}]", topic_id, known)
                   for index, raw in enumerate(screens_raw)]
        questions = _questions(read, topic_map, t_place, topic_id, {s.id: s for s in screens}, known)
        topics.append(Topic(
            id=topic_id, title=read.text(topic_map, "title", t_place),
            icon=read.icon(topic_map, t_place), severity=read.severity(topic_map, t_place),
            screens=tuple(screens), next_id=next_id, line=topic_map.line, questions=questions,
        ))
    topic_ids = {t.id for t in topics}
    for target, line, place in known.links:
        if target not in topic_ids:
            raise read.fail(line, place, f"unknown topic '{target}'",
                            "link to the id of a topic in this file: " + ", ".join(sorted(topic_ids)))
    return topics


def _screen(read: _Reader, raw: Any, line: int, s_place: str, topic_id: str, known: _Known) -> Screen:
    screen_map = read.mapping(raw, s_place, line, SCREEN_KEYS)
    screen_id = read.ident(screen_map, "id", s_place)
    known.claim(read, screen_id, s_place, screen_map.line)
    s_place = f"{s_place} ({screen_id})"
    text = read.text(screen_map, "text", s_place, required=False)
    items = read.text_list(screen_map, "items", s_place)
    if not text and not items:
        raise read.fail(screen_map.line, s_place, "has neither `text` nor `items`",
                        "give the screen a short text, a list of items, or both")
    refs, pi_sections = _sources(read, screen_map, s_place, known)
    action = _action(read, screen_map, s_place)
    if action is not None and not known.actions:
        raise read.fail(screen_map.key_lines.get("action"), f"{s_place}.action",
                        "the guide has no `actions` table", "add `actions:` with the words of each action")
    screen_signs = read.text_list(screen_map, "signs", s_place)
    _check_signs(read, screen_map, s_place, action, screen_signs, known.signs)
    fixes = read.text_list(screen_map, "corrections", s_place)
    for fix in fixes:
        if fix not in known.correction_ids:
            raise read.fail(screen_map.key_lines["corrections"], f"{s_place}.corrections",
                            f"unknown correction '{fix}'", "name an id from the `corrections` list")
    link = read.text(screen_map, "link", s_place, required=False) or None
    if link:
        known.links.append((link, screen_map.key_lines["link"], f"{s_place}.link"))
    return Screen(
        id=screen_id, topic_id=topic_id,
        heading=read.text(screen_map, "heading", s_place), text=text, items=items,
        icon=read.icon(screen_map, s_place), source=refs, action=action, signs=screen_signs,
        pi_sections=pi_sections, corrections=fixes, link=link, line=screen_map.line,
        action_words=tuple((key, known.actions[key]) for key in ACTION_VARIANTS[action.value]) if action else (),
    )


def _questions(read: _Reader, topic_map: _Map, t_place: str, topic_id: str, screens: dict[str, Screen],
               known: _Known) -> tuple[Question, ...]:
    """A topic's `check:` list (optional here; `kiosk --check` wants one in every topic)."""
    raw, line = read.field(topic_map, "check", t_place, required=False)
    if raw is None:
        return ()
    low, high = QUESTIONS_PER_TOPIC
    if not isinstance(raw, _Seq) or not low <= len(raw) <= high:
        found = len(raw) if isinstance(raw, _Seq) else "no list"
        raise read.fail(line, f"{t_place}.check", f"expected {low} or {high} questions, found {found}",
                        "write 2 or 3 `- id: ...` questions, each answered by this topic's screens")
    return tuple(_question(read, item, raw.item_lines[index], f"{t_place}.check[{index}]", topic_id, screens, known)
                 for index, item in enumerate(raw))


def _question(read: _Reader, raw: Any, line: int, q_place: str, topic_id: str, screens: dict[str, Screen],
              known: _Known) -> Question:
    question_map = read.mapping(raw, q_place, line, QUESTION_KEYS)
    question_id = read.ident(question_map, "id", q_place)
    known.claim(read, question_id, q_place, question_map.line)
    q_place = f"{q_place} ({question_id})"
    text = read.text(question_map, "text", q_place)
    teaches = read.text_list(question_map, "teaches", q_place, required=True)
    teaches_line = question_map.key_lines.get("teaches", question_map.line)
    if not teaches:
        raise read.fail(teaches_line, f"{q_place}.teaches", "is empty",
                        "name the screens of this topic that answer the question, the one to re-teach first")
    for screen_id in teaches:
        if screen_id not in screens:
            elsewhere = " (it is in another topic)" if ".screens[" in known.ids.get(screen_id, "") else ""
            raise read.fail(teaches_line, f"{q_place}.teaches", f"'{screen_id}' is not a screen of this topic"
                            f"{elsewhere}", "ask only what this topic's screens say: " + ", ".join(screens))
    signs = read.text_list(question_map, "signs", q_place)
    signs_line = question_map.key_lines.get("signs", question_map.line)
    for sign_id in signs:
        if sign_id not in known.signs:
            raise read.fail(signs_line, f"{q_place}.signs", f"unknown sign '{sign_id}'",
                            "name an id from the guide's `signs`: " + ", ".join(sorted(known.signs)))
        if sign_id not in screens[teaches[0]].signs:
            raise read.fail(teaches_line, f"{q_place}.teaches",
                            f"its first screen '{teaches[0]}' (shown again after a wrong answer) does not list the "
                            f"sign '{sign_id}'", "put first the screen that lists the sign with its action")
    answers_raw, answers_line = read.field(question_map, "answers", q_place)
    low, high = ANSWERS_PER_QUESTION
    if not isinstance(answers_raw, _Seq) or not low <= len(answers_raw) <= high:
        found = len(answers_raw) if isinstance(answers_raw, _Seq) else "no list"
        raise read.fail(answers_line, f"{q_place}.answers", f"expected {low} or {high} answers, found {found}",
                        "give 2 or 3 picture answers, one of them `right: true`")
    answers = [_answer(read, item, answers_raw.item_lines[index], f"{q_place}.answers[{index}]")
               for index, item in enumerate(answers_raw)]
    if sum(answer.right for answer in answers) != 1:
        raise read.fail(answers_line, f"{q_place}.answers",
                        f"{sum(answer.right for answer in answers)} answers are marked `right: true`",
                        "mark exactly one answer `right: true`")
    _check_answer_actions(read, answers_raw, q_place, signs, answers, known.signs)
    return Question(id=question_id, topic_id=topic_id, text=text, answers=tuple(answers), teaches=teaches,
                    signs=signs, line=question_map.line)


def _answer(read: _Reader, raw: Any, line: int, a_place: str) -> Answer:
    answer_map = read.mapping(raw, a_place, line, ANSWER_KEYS)
    right, right_line = read.field(answer_map, "right", a_place, required=False)
    if right is not None and not isinstance(right, bool):
        raise read.fail(right_line, f"{a_place}.right", f"expected true or false, got {right!r}",
                        "write `right: true` on the right answer and leave it out on the others")
    action_text = read.text(answer_map, "action", a_place, required=False)
    action = None
    if action_text and action_text != WAIT:
        try:
            action = Action(action_text)
        except ValueError:
            raise read.fail(answer_map.key_lines.get("action"), f"{a_place}.action",
                            f"unknown action '{action_text}'",
                            "use one of: " + ", ".join(a.value for a in Action) + f", or {WAIT} (does nothing)"
                            ) from None
    return Answer(text=read.text(answer_map, "text", a_place), icon=read.icon(answer_map, a_place),
                  right=bool(right), action=action, line=line)


def _check_answer_actions(read: _Reader, answers_raw: _Seq, q_place: str, signs: tuple[str, ...],
                          answers: list[Answer], known: dict[str, Sign]) -> None:
    """A question about danger signs: each answer says what it does, the right one the signs'
    own action and no wrong one that action, so a wrong answer can never teach the right thing
    and the right one can never teach a wrong tier."""
    if not signs:
        return
    for index, (raw, answer) in enumerate(zip(answers_raw, answers)):
        place, line = f"{q_place}.answers[{index}]", raw.key_lines.get("action", raw.line)
        if not str(raw.get("action") or "").strip():
            raise read.fail(raw.line, f"{place}.action", "missing: the question asks about danger signs",
                            f"say what this answer does: {', '.join(a.value for a in Action)} or {WAIT}")
        said = answer.action.value if answer.action else WAIT
        for sign_id in signs:
            tier = known[sign_id].tier
            if answer.right and answer.action is not tier:
                raise read.fail(line, f"{place}.action",
                                f"the right answer does '{said}', but the sign '{sign_id}' needs '{tier.value}'",
                                f"make the right answer say the '{tier.value}' action, or ask about another sign")
            if not answer.right and answer.action is tier:
                raise read.fail(line, f"{place}.action",
                                f"a wrong answer does '{said}', the action the sign '{sign_id}' needs",
                                "a wrong answer must do something else (another tier, or wait)")


def _sources(read: _Reader, screen_map: _Map, s_place: str, known: _Known) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A screen's leaflet points and prescribing-information sections, each checked."""
    refs = read.text_list(screen_map, "source", s_place, required=True)
    if not refs:
        raise read.fail(screen_map.key_lines["source"], f"{s_place}.source", "is empty",
                        "cite the leaflet points (e.g. [L07]) or prescribing-information")
    for ref in refs:
        if ref != PRESCRIBING_INFORMATION and ref not in known.point_ids:
            raise read.fail(screen_map.key_lines["source"], f"{s_place}.source", f"unknown source '{ref}'",
                            f"cite a point id from `source.points` or '{PRESCRIBING_INFORMATION}'")
    pi_sections = read.text_list(screen_map, "pi", s_place)
    if (PRESCRIBING_INFORMATION in refs) != bool(pi_sections):
        raise read.fail(screen_map.key_lines.get("pi", screen_map.key_lines["source"]), f"{s_place}.pi",
                        "the prescribing-information sections are missing" if not pi_sections
                        else f"is given, but `source` does not cite {PRESCRIBING_INFORMATION}",
                        f"cite {PRESCRIBING_INFORMATION} in `source` and its sections in `pi`, "
                        "e.g. pi: [\"5.1\", \"17\"]")
    for section in pi_sections:
        if not PI_SECTION_PATTERN.match(section):
            raise read.fail(screen_map.key_lines["pi"], f"{s_place}.pi",
                            f"'{section}' is not a section of the prescribing information",
                            'write a section number in quotes ("5.1", "17") or boxed')
    return refs, pi_sections


def _spoken(read: _Reader, data: _Map) -> tuple[tuple[str, str], ...]:
    if "spoken" not in data:
        return ()
    raw, line = data["spoken"], data.key_lines["spoken"]
    if not isinstance(raw, _Seq):
        raise read.fail(line, "spoken", "expected a list", "write one `- written: ...` with its `say: ...` per entry")
    pairs = []
    for index, raw_pair in enumerate(raw):
        place = f"spoken[{index}]"
        item = read.mapping(raw_pair, place, raw.item_lines[index], ("written", "say"))
        pairs.append((read.text(item, "written", place), read.text(item, "say", place)))
    return tuple(pairs)


def _action(read: _Reader, screen_map: _Map, place: str) -> Action | None:
    value = read.text(screen_map, "action", place, required=False)
    if not value:
        return None
    try:
        return Action(value)
    except ValueError:
        raise read.fail(screen_map.key_lines.get("action"), f"{place}.action", f"unknown action '{value}'",
                        "use one of: " + ", ".join(a.value for a in Action) + ", or leave it out") from None


def _check_signs(read: _Reader, screen_map: _Map, place: str, action: Action | None,
                 screen_signs: tuple[str, ...], known: dict[str, Sign]) -> None:
    """A screen that sends the patient for help names the signs it is about, and each of
    them needs that same action: a sign is never urgent on one screen and not on another."""
    line = screen_map.key_lines.get("signs", screen_map.line)
    if action in (Action.NOW, Action.RIGHT_AWAY) and not screen_signs:
        raise read.fail(screen_map.key_lines.get("action"), f"{place}.signs", "missing",
                        "list the danger signs this screen is about, from the guide's `signs`")
    for sign_id in screen_signs:
        sign = known.get(sign_id)
        if sign is None:
            raise read.fail(line, f"{place}.signs", f"unknown sign '{sign_id}'",
                            "name an id from the guide's `signs`: " + ", ".join(sorted(known)))
        if sign.tier is not action:
            raise read.fail(line, f"{place}.signs",
                            f"'{sign_id}' needs the action '{sign.tier.value}', but this screen's action is "
                            f"'{action.value if action else 'none'}'",
                            "move the sign to a screen with its action, or change the screen's action")


def _actions(read: _Reader, data: _Map) -> dict[str, str]:
    """The words of each action, each with the placeholder for the site's number it needs."""
    if "actions" not in data:
        return {}
    actions = read.mapping(data["actions"], "actions", data.key_lines["actions"], ACTION_TEXTS)
    result = {}
    for key in ACTION_TEXTS:
        text = read.text(actions, key, "actions")
        wanted = ACTION_PLACEHOLDERS.get(key)
        if wanted and wanted not in text:
            raise read.fail(actions.key_lines.get(key), f"actions.{key}", f"does not contain {wanted}",
                            f"write {wanted} where the site's number goes")
        result[key] = text
    return result


def _signs(read: _Reader, data: _Map) -> tuple[Sign, ...]:
    if "signs" not in data:
        return ()
    raw, line = data["signs"], data.key_lines["signs"]
    if not isinstance(raw, _Seq):
        raise read.fail(line, "signs", "expected a list", "write one `- id: ...` with `tier:` and `words:` per sign")
    signs: list[Sign] = []
    for index, raw_sign in enumerate(raw):
        place = f"signs[{index}]"
        item = read.mapping(raw_sign, place, raw.item_lines[index], ("id", "tier", "words", "covers"))
        sign_id = read.ident(item, "id", place)
        if any(s.id == sign_id for s in signs):
            raise read.fail(item.line, f"{place}.id", f"duplicate sign id '{sign_id}'", "give each sign its own id")
        tier_text = read.text(item, "tier", place)
        try:
            tier = Action(tier_text)
        except ValueError:
            raise read.fail(item.key_lines.get("tier"), f"{place}.tier", f"unknown tier '{tier_text}'",
                            "use now or right-away") from None
        words = read.text_list(item, "words", place, required=True)
        signs.append(Sign(sign_id, tier, tuple(word.lower() for word in words),
                          read.text_list(item, "covers", place)))
    ids = {s.id for s in signs}
    for index, sign in enumerate(signs):
        for covered in sign.covers:
            if covered not in ids:
                raise read.fail(raw.item_lines[index], f"signs[{index}].covers", f"unknown sign '{covered}'",
                                "name an id from this list")
    return tuple(signs)


def _facts(read: _Reader, data: _Map, screens: dict[str, Screen]) -> tuple[Fact, ...]:
    """The must-keep facts: each names a screen that really says it, in English."""
    if "must_keep" not in data:
        return ()
    raw, line = data["must_keep"], data.key_lines["must_keep"]
    if not isinstance(raw, _Seq):
        raise read.fail(line, "must_keep", "expected a list",
                        "write one `- screen: ...` with its `fact:` and `keep: [...]` per fact")
    facts = []
    for index, raw_fact in enumerate(raw):
        place = f"must_keep[{index}]"
        item = read.mapping(raw_fact, place, raw.item_lines[index], ("screen", "fact", "keep"))
        screen_id = read.text(item, "screen", place)
        if screen_id not in screens:
            raise read.fail(item.key_lines["screen"], f"{place}.screen", f"unknown screen '{screen_id}'",
                            "name the id of the screen that states this fact")
        keep = read.text_list(item, "keep", place, required=True)
        said = screens[screen_id].plain_text()
        for token in keep:
            if token not in said:
                raise read.fail(item.key_lines["keep"], f"{place}.keep",
                                f"'{token}' is not on screen '{screen_id}'",
                                "keep only what the screen says, written exactly as on the screen")
        facts.append(Fact(screen=screen_id, fact=read.text(item, "fact", place), keep=keep))
    return tuple(facts)
