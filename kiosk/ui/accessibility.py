"""What assistive technology is told beyond Qt's defaults: roles, and announcements.

Qt gives a label the role "static text" and a plain widget "client" (AT-SPI "filler"), so a
screen reader could not tell a heading from body text, nor which screen is on show, and the
window had no title to speak. Widgets here declare what they are (`set_role`), and an
accessibility factory gives them that role:

    window     the kiosk window: a frame named by its title
    screen     each screen: a panel named by its `accessible_title()` (its heading)
    dialog     "Still there?": a dialog named by its question
    heading    headings, and the action of an urgent box ("Call 911 now")
    group      a named group (the urgent box, the list of languages)
    list       the topic tiles' list
    radio      a language option: a radio button, checked when it is the language in use
    text       plain text, where the style is a heading's but the words are not one
    plain      a container with nothing to say (the stack of screens, which Qt calls a
               "layered pane" and Orca said so at every screen)

A screen reader's reading keys never reach the program (the screen reader takes them), but
what it reads, it asks for: each name asked of these widgets calls `on_read` (at most once a
second), which the window uses as activity, so a patient listening is not reset.

`announce()` tells a screen reader something that happened without a focus change: a new
screen's words, the "Still there?" countdown (docs/accessibility.md says how GNOME Orca
hears it).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtWidgets import QAccessibleWidget, QWidget

# QAccessible is imported where it is used: loading it costs start-up a few milliseconds, and
# nothing of this is needed before the first paint (install() comes after it).
ROLE_PROPERTY = "kioskAccessibleRole"
ROLES = {"window": "Window", "screen": "Grouping", "dialog": "Dialog", "heading": "Heading", "group": "Grouping",
         "list": "List", "radio": "RadioButton", "text": "StaticText", "plain": "Client"}  # QAccessible.Role


READ_EVERY_S = 1.0
on_read: Callable[[], None] | None = None  # set by the window: a screen reader is reading
_last_read = 0.0


def _reading() -> None:
    global _last_read, on_read
    now = time.monotonic()
    if on_read is not None and now - _last_read >= READ_EVERY_S:
        _last_read = now
        try:
            on_read()
        except RuntimeError:  # its window is gone (a test's window closed)
            on_read = None


def set_role(widget: QWidget, role: str) -> None:
    if role not in ROLES:
        raise ValueError(f"unknown accessible role {role!r}; known: {', '.join(ROLES)}")
    widget.setProperty(ROLE_PROPERTY, role)


class _Declared(QAccessibleWidget):
    """A widget with the role it declared; its name from `accessible_title()` where it has one."""

    def __init__(self, widget: QWidget, role: str):
        from PySide6.QtGui import QAccessible

        super().__init__(widget, getattr(QAccessible.Role, ROLES[role]))
        self.kind = role

    def text(self, kind):
        from PySide6.QtGui import QAccessible

        widget = self.widget()
        if kind == QAccessible.Text.Name:
            _reading()
            if widget.accessibleName():
                return widget.accessibleName()
            title = getattr(widget, "accessible_title", None)
            if title is not None:
                return title()
            if self.kind == "window":
                return widget.windowTitle()
            text = getattr(widget, "text", None)
            if callable(text):
                return text()
        return super().text(kind)


class _Radio(_Declared):
    """A checkable button read as one option of several (the language picker)."""

    def state(self):
        state = super().state()
        state.checkable = True
        state.checked = bool(self.widget().isChecked())
        state.focusable = True
        return state

    def actionNames(self) -> list[str]:  # noqa: N802 (Qt API)
        from PySide6.QtGui import QAccessibleActionInterface

        return [QAccessibleActionInterface.pressAction()]

    def doAction(self, name: str) -> None:  # noqa: N802 (Qt API)
        from PySide6.QtGui import QAccessibleActionInterface

        if name == QAccessibleActionInterface.pressAction() and self.widget().isEnabled():
            self.widget().click()


def _factory(_class_name: str, obj):
    role = obj.property(ROLE_PROPERTY) if isinstance(obj, QWidget) else None
    if not role:
        return None
    return _Radio(obj, role) if role == "radio" else _Declared(obj, role)


_installed = False


def install(window: QWidget) -> None:
    """The roles, once per program, just after the first paint (the window asks for it). An
    assistive technology already listening may have been given Qt's own objects for what was
    on show: those are made anew, with their roles."""
    from PySide6.QtGui import QAccessible

    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True
    refresh(window)


def refresh(screen: QWidget) -> None:
    """A screen just shown, told afresh. Qt says "showing" when a widget appears but never
    "visible", and a screen reader keeps the "not visible" it learnt while the screen was
    hidden, so its review skipped the screen on show. Its objects are made anew (new paths
    the screen reader has learnt nothing about), and its parent says its children changed."""
    if not _installed:
        return  # nothing told yet: install() comes after the first paint
    from PySide6.QtGui import QAccessible, QAccessibleEvent

    if not QAccessible.isActive():
        return
    for widget in (screen, *screen.findChildren(QWidget)):
        interface = QAccessible.queryAccessibleInterface(widget)
        if interface is not None:
            QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(interface))
    parent = screen.parentWidget()
    if parent is not None:
        QAccessible.updateAccessibility(QAccessibleEvent(parent, QAccessible.Event.ObjectReorder))


def announce(widget: QWidget, text: str, assertive: bool = False) -> None:
    """Say `text` through the screen reader, from `widget` (the kiosk window or an overlay)."""
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    if not text or not QAccessible.isActive():
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if assertive
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)
