"""On every new screen: focus inside it, and a screen reader told what it says.

A patient using keys or a screen reader must not be left on a control of the screen before,
nor hear nothing when the screen changes:
- focus goes to the screen's first control: "Touch to start" on the welcome screen, the tile
  of the topic the patient came back from on the topic list (else the first), Next on a topic
  page (Back on the last), the first topic on a topic's closing screen;
- a screen reader is told the screen's words: its title, and on a topic page everything read
  aloud there (the urgent action and its signs first).

How it is told (docs/accessibility.md has what GNOME Orca 43 was heard to say):
- Moving into a new screen's panel, a screen reader says the panel's name (the heading) and
  the focused control. That is enough for the welcome screen, the topic list and a topic's
  end.
- A topic page's words go in the focused control's description (Next, or Back), set just
  before the focus moves there: Orca 43 speaks a focused control's new description, and says
  it once when it is set before the focus arrives. Paging leaves the focus on Next, so the
  description change alone is spoken. It is put back when the focus leaves, so Tab back to
  Next says only "Next". (Orca would also read the panel's own labels, but skips those of
  one or two words, like "Fainting": the description carries every sign.)
- An announcement event too (`announce()`), for screen readers that hear those.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from kiosk.i18n.bidi import strip_controls
from kiosk.ui.accessibility import announce
from kiosk.ui.navigator import HOME, PAGE, WELCOME, Place
from kiosk.ui.read_aloud import sentence, spoken_text_of


class Orientation(QObject):
    def __init__(self, window, parent: QObject | None = None):
        super().__init__(parent)
        self.window = window
        self.topic_id = ""  # the last topic shown: Back to the list lands on its tile
        self._pending: Place | None = None
        self._described: tuple[QWidget, str] | None = None  # a control lent a page's words, its own
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def place_shown(self, place: Place) -> None:
        if place.kind == PAGE:
            self.topic_id = place.topic_id
        target = self.focus_target(place)
        if target is not None:
            if place.kind == PAGE:
                self._describe(target, self.words(place))  # before the focus moves: said once
            reason = (Qt.FocusReason.TabFocusReason if self.window.keyboard_user
                      else Qt.FocusReason.OtherFocusReason)
            target.setFocus(reason)
        # Announced once the screen is laid out and shown (a language switch shows it again).
        if self._pending is None:
            QTimer.singleShot(0, self._announce)
        self._pending = place

    def focus_target(self, place: Place) -> QWidget | None:
        window, nav = self.window, self.window.navigator
        if place.kind == WELCOME:
            return window.welcome.start_button
        if place.kind == HOME:
            tiles = window.home.tiles
            came_from = [tile for tile in tiles if tile.property("topic_id") == self.topic_id]
            return (came_from or tiles or [None])[0]
        if nav.screen() is None:  # a topic's closing screen
            end = window.topic_end
            return end.next_button if end.next_button.isVisibleTo(end) else end.all_button
        return window.nav_bar.next_button if nav.can_go_next() else window.nav_bar.back_button

    def words(self, place: Place) -> str:
        """What a screen reader is told of the screen now shown."""
        screen = self.window.stack.currentWidget()
        title = screen.accessible_title() if hasattr(screen, "accessible_title") else ""
        if place.kind != PAGE:
            return title
        parts = [strip_controls(spoken_text_of(part)).strip() for part in screen.spoken_parts()]
        parts.append(self.window.nav_bar.progress.label.accessibleName())
        return " ".join(sentence(part) for part in parts if part)  # each sign heard apart

    def screen_shown(self, screen: QWidget) -> None:
        """A screen shown outside the navigator's places (Check what you learned, My questions,
        the card), once the event loop has shown what it just made (Qt shows new children
        queued): its words (`announced_parts()` if it has them, else the texts it reads aloud,
        not its buttons) go in its `focus_target()`'s description, then the focus goes there,
        as on a topic page."""
        QTimer.singleShot(0, lambda: self._orient(screen))

    def _orient(self, screen: QWidget) -> None:
        if self.window.stack.currentWidget() is not screen:
            return  # left already
        parts = screen.announced_parts() if hasattr(screen, "announced_parts") else None
        self.show_words(screen, screen.focus_target(), parts)

    def show_words(self, screen: QWidget, target: QWidget, parts: list[QWidget] | None = None) -> None:
        words = " ".join(sentence(text) for text in (strip_controls(spoken_text_of(part)).strip()
                                                     for part in (parts or screen.spoken_parts())
                                                     if not isinstance(part, QAbstractButton)) if text)
        self._describe(target, words)
        reason = (Qt.FocusReason.TabFocusReason if self.window.keyboard_user
                  else Qt.FocusReason.OtherFocusReason)
        target.setFocus(reason)
        QTimer.singleShot(0, lambda: announce(self.window, words))

    def _describe(self, control: QWidget, words: str) -> None:
        if self._described is not None and self._described[0] is not control:
            self._give_back()
        if self._described is None:
            self._described = (control, control.accessibleDescription())
        control.setAccessibleDescription(words)

    def _give_back(self) -> None:
        control, own = self._described
        self._described = None
        try:
            control.setAccessibleDescription(own)
        except RuntimeError:  # the control is gone
            pass

    def _focus_changed(self, old, new) -> None:
        if self._described is not None and old is self._described[0] and new is not old:
            self._give_back()

    def _announce(self) -> None:
        place, self._pending = self._pending, None
        if place is None or self.window.session.between_patients or self.window.session_view.asking():
            return
        announce(self.window, self.words(place))
