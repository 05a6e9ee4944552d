"""The guide in another language: the English guide with each text replaced from the
language's catalog. No Qt here.

A screen is shown whole in one language: if any of its texts has no usable translation
(missing, or stale because the English changed), the whole screen stays in English and
its `language` says so, so the page can tell the patient in their language. Never a
silent mix of English sentences inside a translated screen. A teach-back question and its
answers follow the same rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from kiosk.content import Guide, Screen, Topic
from kiosk.content.model import Question
from kiosk.i18n.catalog import GUIDE_CONTEXT, Catalog, guide_context


def action_context(key: str) -> str:
    """The msgctxt of an action's words: one translation, shared by every screen with it."""
    return f"{GUIDE_CONTEXT}actions:{key}"


def action_texts(guide: Guide) -> Iterator[tuple[str, str]]:
    """(msgctxt, English) for the words of each action."""
    for key, english in guide.actions.items():
        yield action_context(key), english


def screen_texts(topic: Topic, screen: Screen) -> Iterator[tuple[str, str]]:
    """(msgctxt, English) for each text on a screen, in reading order, then its action's words."""
    yield guide_context(topic.id, screen.id, "heading"), screen.heading
    if screen.text:
        yield guide_context(topic.id, screen.id, "text"), screen.text
    for number, item in enumerate(screen.items, start=1):
        yield guide_context(topic.id, screen.id, f"item{number}"), item
    for key, english in screen.action_words:
        yield action_context(key), english


def question_texts(topic: Topic, question: Question) -> Iterator[tuple[str, str]]:
    """(msgctxt, English) for a teach-back question, then each of its answers in order."""
    yield guide_context(topic.id, question.id, "question"), question.text
    for number, answer in enumerate(question.answers, start=1):
        yield guide_context(topic.id, question.id, f"answer{number}"), answer.text


def guide_texts(guide: Guide) -> Iterator[tuple[str, str, Topic | None, Screen | Question | None]]:
    """(msgctxt, English, topic, screen or question) for all guide text, each once: a topic's
    title (with no screen), its screens, then its questions; the actions' words (shared by
    many screens) come last, with neither."""
    for topic in guide.topics:
        yield guide_context(topic.id), topic.title, topic, None
        for screen in topic.screens:
            for context, english in screen_texts(topic, screen):
                if not context.startswith(action_context("")):
                    yield context, english, topic, screen
        for question in topic.questions:
            for context, english in question_texts(topic, question):
                yield context, english, topic, question
    for context, english in action_texts(guide):
        yield context, english, None, None


def localize_question(topic: Topic, question: Question, catalog: Catalog) -> Question:
    """The question in the catalog's language, or wholly English (and marked so) when any of
    its texts has no usable translation."""
    texts = [catalog.get(context, english) for context, english in question_texts(topic, question)]
    if any(text is None for text in texts):
        return question
    answers = tuple(replace(answer, text=text) for answer, text in zip(question.answers, texts[1:]))
    return replace(question, text=texts[0], answers=answers, language=catalog.language)


def localize(guide: Guide, catalog: Catalog | None) -> Guide:
    if catalog is None or catalog.language == guide.language:
        return guide
    language = catalog.language
    topics = []
    for topic in guide.topics:
        screens = []
        for screen in topic.screens:
            texts = [catalog.get(context, english) for context, english in screen_texts(topic, screen)]
            if any(text is None for text in texts):
                screens.append(screen)  # wholly English, and marked as such by its language
                continue
            heading, rest = texts[0], texts[1:]
            text = rest.pop(0) if screen.text else ""
            items, words = rest[:len(screen.items)], rest[len(screen.items):]
            action_words = tuple((key, said) for (key, _english), said in zip(screen.action_words, words))
            screens.append(replace(screen, heading=heading, text=text, items=tuple(items),
                                   action_words=action_words, language=language))
        title = catalog.get(guide_context(topic.id), topic.title)
        questions = tuple(localize_question(topic, question, catalog) for question in topic.questions)
        topics.append(replace(topic, title=title or topic.title, language=language if title else topic.language,
                              screens=tuple(screens), questions=questions))
    actions = {key: catalog.get(action_context(key), english) or english for key, english in guide.actions.items()}
    return replace(guide, language=language, topics=tuple(topics), actions=actions)
