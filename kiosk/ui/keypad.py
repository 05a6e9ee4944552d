"""Keypad mode: a tactile keypad with a headphone jack (EZ Access style) for a patient who
cannot see the screen and has no screen reader (Section 508 402, 407.3). The kiosk speaks
what the keys reach, in its own voice and the screen's language.

- Up and Down move through everything on the screen in reading order: the top bar, the
  screen's parts (its `spoken_parts()`, text blocks too; an urgent action box is one item,
  its action then its signs), then Back, the progress and Next. Each item is spoken with its
  role and state ("Next, button"; "High contrast, switch, on"; a text: its words).
- Enter presses a button; on a text it reads from there to the end of the screen.
- Back: on a topic page the page before; on the topic list the welcome screen; it closes the
  language list and answers "Still there?".
- Help says where the patient is and what each key does; + and - change the volume.
- On a new screen the cursor starts on the screen's first part (its heading), spoken.

Which keys do what is set in the settings (`keypad.*`, kiosk/config.py; docs/keypad.md).
`keypad.mode` "auto" starts keypad mode at the first press of one of its keys (on the
attract screen, the press also starts the session); it ends at the session's reset. It
never speaks while a screen reader is in use: the keys then do what they do on a keyboard.

The item is drawn large for a sighted helper (a thick frame in the theme's colours, kept in
view); real focus follows where the item can take it. A touch moves nothing of the keypad's.
The controller sees events through the window's input route (its "keypad" step).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QLabel, QScrollArea, QWidget

from kiosk.config import KEYPAD_KEYS, Config
from kiosk.speech.types import SpeechState
from kiosk.ui.navigator import HOME, PAGE
from kiosk.ui.read_aloud import sentence
from kiosk.ui.screens.still_there import StillThereOverlay
from kiosk.ui.theme import DEFAULT
from kiosk.ui.widgets.action_box import ActionBox
from kiosk.ui.widgets.big_button import BigButton
from kiosk.ui.widgets.progress import Progress
from kiosk.ui.widgets.reading_label import ReadingLabel

FRAME_PX = 8  # the frame's ring; a 2 px edge in the background colour runs either side of it
FRAME_OUTSET = 6  # drawn around the item, a little over its edge
VOLUME_STEP = 0.2  # as the speech bar's Quieter and Louder
SYMBOLS = {"+": Qt.Key.Key_Plus, "-": Qt.Key.Key_Minus, "*": Qt.Key.Key_Asterisk, "/": Qt.Key.Key_Slash,
           "?": Qt.Key.Key_Question, ".": Qt.Key.Key_Period, ",": Qt.Key.Key_Comma, "=": Qt.Key.Key_Equal,
           "#": Qt.Key.Key_NumberSign}
# Events that can move or hide the item on screen: the frame follows (once per turn of the loop).
MOVES = (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.LayoutRequest)
KEYS = (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)
# Focus that comes back with the window or goes with a touch is not a move the keypad follows.
NOT_FOLLOWED = (Qt.FocusReason.MouseFocusReason, Qt.FocusReason.ActiveWindowFocusReason,
                Qt.FocusReason.PopupFocusReason, Qt.FocusReason.MenuBarFocusReason)


def qt_key(name: str) -> Qt.Key:
    """A key name from the settings (kiosk.config.KEY_NAMES) as Qt's key."""
    return SYMBOLS.get(name) or getattr(Qt.Key, f"Key_{name}")


class KeypadFrame(QWidget):
    """The thick frame around the keypad's item, drawn over the window; never takes a touch."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.ring, self.edge = DEFAULT.focus, DEFAULT.background
        self.hide()

    def set_colors(self, ring: str, edge: str) -> None:
        if (ring, edge) != (self.ring, self.edge):
            self.ring, self.edge = ring, edge
            self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inset = (FRAME_PX + 4) / 2
        rect = QRectF(self.rect()).adjusted(inset, inset, -inset, -inset)
        # The edge under the ring keeps it visible on any colour beneath (a blue button, the red box).
        painter.setPen(QPen(QColor(self.edge), FRAME_PX + 4))
        painter.drawRoundedRect(rect, 16, 16)
        painter.setPen(QPen(QColor(self.ring), FRAME_PX))
        painter.drawRoundedRect(rect, 16, 16)


class KeypadController(QObject):
    def __init__(self, window, settings: Config, screen_reader: Callable[[], bool] = lambda: False,
                 parent: QObject | None = None):
        """`window` is the MainWindow: its bars, stack, navigator, session, read-aloud and display.
        `screen_reader()` says whether a screen reader is in use (then keypad mode stays quiet)."""
        super().__init__(parent)
        self.window = window
        self.mode = settings["keypad.mode"]
        self.screen_reader = screen_reader
        self.keys: dict[Qt.Key, str] = {}  # Qt's key -> "up", "down", "enter", "back", "help", "louder", "quieter"
        for setting in KEYPAD_KEYS:
            for name in settings[setting]:
                self.keys[qt_key(name)] = setting.split(".")[1]
        self.active = False
        self.current: QWidget | None = None  # the item the keys are on
        self._starting = False  # a key on the attract screen: keypad mode begins with the first screen
        self._before_question: QWidget | None = None  # the item before "Still there?" came up
        self._returning = False  # "Still there?" is going: the focus it gives back is not followed
        self._screens = 0  # counts new screens: a press that led to one says nothing more
        self._said_last = False  # the voice is saying the keypad's words, not reading the screen
        self.frame = KeypadFrame(window)
        self._new_screen_soon = QTimer(self, singleShot=True, interval=0, timeout=self._new_screen)
        self._follow_soon = QTimer(self, singleShot=True, interval=0, timeout=self.follow)

    # --- the input route's step ---------------------------------------------------------

    def handle(self, obj: QObject, event: QEvent) -> bool:
        """The "keypad" step of the input route (kiosk/ui/input_route.py): True when it took a key."""
        kind = event.type()
        if kind in MOVES:
            if self.active and obj is not self.frame and obj.isWidgetType():
                if isinstance(obj, StillThereOverlay) and kind in (QEvent.Type.Show, QEvent.Type.Hide):
                    self._question(kind == QEvent.Type.Show)
                self._follow_soon.start()
            return False
        if kind == QEvent.Type.FocusIn:
            self._focus_moved(obj, event)
            return False
        if kind not in KEYS or self.mode == "off":
            return False
        action = self.keys.get(event.key())
        if action is None or not obj.isWidgetType() or obj.window() is not self.window:
            return False
        if self.window.session.between_patients:
            # The "keys" step starts the session; keypad mode begins on its first screen.
            if kind == QEvent.Type.KeyPress:
                self._starting = not self.screen_reader()
            return False
        if self.window.staff.showing() or self.screen_reader():
            self.end()
            return False  # the keys do what they do on a keyboard
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # the keypad's key: no shortcut (Escape = Back on a page) takes it too
            return True
        if event.isAutoRepeat() and action not in ("up", "down"):
            return True
        self.press(action)
        return True

    def press(self, action: str) -> None:
        """What a keypad key does; the first press starts keypad mode."""
        if not self.active:
            self.active = True
            items = self.items()
            focused = QApplication.focusWidget()
            # Enter presses what a keyboard user sees focused; the other keys start on the heading.
            self.current = focused if action == "enter" and focused in items else self._first(items)
            if action in ("up", "down"):
                self._show_current(say=True)  # first, where the patient is
                return
            self._show_current(say=False)
        {"up": lambda: self.move(-1), "down": lambda: self.move(1), "enter": self.enter, "back": self.back,
         "help": self.help, "louder": lambda: self.change_volume(VOLUME_STEP),
         "quieter": lambda: self.change_volume(-VOLUME_STEP)}[action]()

    def end(self) -> None:
        """Keypad mode off (the session's reset, a screen reader, the staff screens)."""
        self.active = self._starting = False
        self.current = self._before_question = None
        self._new_screen_soon.stop()
        self.frame.hide()

    # --- what the window tells it (kiosk/ui/wiring.py) -------------------------------------

    def screen_changed(self, *_args) -> None:
        """Another place or screen is on show."""
        if self.window.session.between_patients:
            self.end()  # the attract screen: the session was reset
            return
        if self._starting:
            self._starting, self.active = False, True
        if self.active:
            self._screens += 1
            self.current = None
            self.frame.hide()
            self._new_screen_soon.start()  # once it is laid out

    def _new_screen(self) -> None:
        if not self.active or self.window.session.between_patients:
            return
        if self.window.staff.showing() or self.screen_reader():
            self.end()
            return
        self.current = self._first(self.items())
        # In listen mode the screen reads itself from its heading: the cursor is there already.
        self._show_current(say=not self.window.read_aloud.listen_mode)

    def _question(self, shown: bool) -> None:
        """"Still there?" came up (the cursor goes to its Continue) or went (it comes back)."""
        overlay = self._overlay()
        if shown and overlay is not None:
            self._before_question, self.current = self.current, overlay.continue_button
            QTimer.singleShot(0, self._ask_aloud)  # after its words are set
        elif not shown:
            self.current, self._before_question = self._before_question, None
            # The question gives the focus back to the control it took it from: the keypad
            # stays on its own item (a text has no focus of its own).
            self._returning = True
            QTimer.singleShot(0, lambda: setattr(self, "_returning", False))

    def _ask_aloud(self) -> None:
        overlay = self._overlay()
        if overlay is not None:
            self._say(" ".join(self.describe(part) for part in overlay.spoken_parts()))

    def _focus_moved(self, obj: QObject, event) -> None:
        # Focus moved by keys (Tab, the arrows between tiles) or by the program: the keypad goes
        # there too, so Enter presses what is seen focused. A touch moves nothing of the keypad's.
        if not self.active or obj is self.current or event.reason() in NOT_FOLLOWED or self._returning:
            return
        if obj in self.items():
            self.current = obj
            self._follow_soon.start()
            QTimer.singleShot(0, lambda: self._say_moved_focus(obj))

    def _say_moved_focus(self, item: QWidget) -> None:
        if self.current is item and not self._new_screen_soon.isActive():  # (a new screen says its own)
            self._say(self.describe(item))

    # --- the items, in reading order ------------------------------------------------------

    def items(self) -> list[QWidget]:
        """Everything the keys move through now, in reading order."""
        window = self.window
        overlay = self._overlay()
        if overlay is not None:
            return [part for part in overlay.spoken_parts() if part.isVisible()]
        found = self._bar(window.top_bar)
        if window.draft_mark.isVisible():
            found.append(window.draft_mark)
        if window.read_aloud.listen_mode:  # (else it comes and goes with the voice: not a place to be)
            found += self._bar(window.speech_bar)
        found += self.content()
        return found + self._bar(window.nav_bar)

    def content(self) -> list[QWidget]:
        """The screen's own parts; an urgent action box is one part (its action, then its signs)."""
        screen = self.window.stack.currentWidget()
        parts = screen.spoken_parts() if hasattr(screen, "spoken_parts") else []
        found: list[QWidget] = []
        for part in parts:
            if not part.isVisible():
                continue
            box = self._box_of(part)
            item = box if box is not None else part
            if item not in found:
                found.append(item)
        return found

    def _bar(self, bar: QWidget) -> list[QWidget]:
        if not bar.isVisible():
            return []
        layout = bar.layout()
        widgets = [layout.itemAt(index).widget() for index in range(layout.count())]
        return [w for w in widgets if isinstance(w, (BigButton, Progress)) and w.isVisible()]

    def _box_of(self, part: QWidget) -> ActionBox | None:
        parent = part.parentWidget()
        while parent is not None and not isinstance(parent, ActionBox):
            parent = parent.parentWidget()
        return parent if parent is not None and parent.tier() else None

    def _first(self, items: list[QWidget]) -> QWidget | None:
        content = [item for item in self.content() if item in items]
        return (content or items or [None])[0]

    def _overlay(self) -> StillThereOverlay | None:
        overlay = self.window.findChild(StillThereOverlay)
        return overlay if overlay is not None and overlay.isVisible() else None

    # --- what is said ------------------------------------------------------------------

    def describe(self, item: QWidget) -> str:
        """The item as spoken when the keys reach it: a text's words; a button's name, role, state."""
        if not isinstance(item, QAbstractButton):
            return " ".join(sentence(text) for text in map(self._words, self._parts(item)) if text.strip())
        name = item.accessibleName() or item.text()
        #: A role, said after a button's name: "Next, button".
        role = self.tr("button")
        state = ""
        if item.isCheckable() and item in self.window.picker.buttons:  # one language of several
            #: Said after the name of the language in use, in the list of languages: "English, button, selected".
            state = self.tr("selected") if item.isChecked() else ""
        elif item.isCheckable():
            #: A role: a button that is on or off, said after its name: "High contrast, switch, on".
            role = self.tr("switch")
            #: A switch's state: "High contrast, switch, on".
            on = self.tr("on")
            #: A switch's state: "High contrast, switch, off".
            off = self.tr("off")
            state = on if item.isChecked() else off
        if not item.isEnabled():
            #: Said after a button that cannot be pressed now: "Listen, button, unavailable".
            state = self.tr("unavailable")
        if state:
            #: How the keypad says a button: its name, its role (button, switch), its state (on, off).
            return self.tr("{name}, {role}, {state}").format(name=name, role=role, state=state)
        #: How the keypad says a button: its name, then its role (button, switch).
        return self.tr("{name}, {role}").format(name=name, role=role)

    def _parts(self, item: QWidget) -> list[QWidget]:
        if isinstance(item, ActionBox):
            screen = self.window.stack.currentWidget()
            inside = [part for part in screen.spoken_parts() if item.isAncestorOf(part) and part.isVisible()]
            # A heading left out to keep the signs in view (screens/page.py) is said with its box.
            heading = getattr(screen, "heading", None)
            left_out = [heading] if heading is not None and heading.text() and not heading.isVisible() else []
            return left_out + inside
        return [item]

    def _words(self, widget: QWidget) -> str:
        if isinstance(widget, ReadingLabel):
            return widget.spoken_text()  # numbers kept isolated: the voice reads them digit by digit
        if isinstance(widget, Progress):
            return widget.label.text()
        if isinstance(widget, QAbstractButton):
            return widget.accessibleName() or widget.text()
        return widget.text() if isinstance(widget, QLabel) else ""

    def where(self) -> str:
        """Where the patient is: the screen's name, and "screen 2 of 5" in a topic."""
        window, nav = self.window, self.window.navigator
        overlay = self._overlay()
        if overlay is not None:
            return overlay.heading.text()
        if window.stack.currentWidget() is window.picker:
            return window.picker.heading.text()
        topic = nav.topic()
        if nav.place.kind == PAGE and topic is not None:
            if nav.at_topic_end():
                return self.tr("{topic}, end of the topic").format(topic=topic.title)
            return self.tr("{topic}, screen {current} of {total}").format(
                topic=topic.title, current=nav.place.index + 1, total=len(topic.screens))
        return self.tr("List of topics") if nav.place.kind == HOME else self.tr("Welcome screen")

    def help_text(self) -> str:
        has = set(self.keys.values())  # a site may leave a key out
        lines = [sentence(self.where())]
        if has & {"up", "down"}:
            lines.append(self.tr("The up and down arrows move through the screen."))
        if "enter" in has:
            lines.append(self.tr("The Enter key presses a button. On a text, it reads from there to the end."))
        if "back" in has:
            lines.append(self.tr("The Back key goes back."))
        if has & {"louder", "quieter"}:
            lines.append(self.tr("The plus and minus keys change the volume."))
        if "help" in has:
            lines.append(self.tr("The Help key says this again."))
        return " ".join(lines)

    def _say(self, text: str) -> None:
        read_aloud = self.window.read_aloud
        speech = read_aloud.speech
        # No sound or no voice for the language: the read button says so in words; saying
        # nothing here keeps each press from logging the same failure again.
        if (self.active and text.strip() and not self.screen_reader() and speech is not None
                and speech.has_voice(read_aloud.language)):
            read_aloud.say(text)
            self._said_last = True

    # --- the keys -----------------------------------------------------------------------

    def move(self, step: int) -> None:
        items = self.items()
        if not items:
            return
        if self.current not in items:
            self.current = self._first(items)
            self._show_current(say=True)
            return
        index = items.index(self.current) + step
        if 0 <= index < len(items):
            self.current = items[index]
            self._show_current(say=True)
        else:  # the first or last item stays; the patient hears why
            edge = self.tr("Top of the screen.") if step < 0 else self.tr("End of the screen.")
            self._show_current(say=False)
            self.window.read_aloud.stop()
            self._say(f"{edge} {self.describe(self.current)}")

    def enter(self) -> None:
        item = self.current
        if item is None:
            return
        if not isinstance(item, QAbstractButton):
            self.read_from(item)
            return
        if not item.isEnabled():
            self._say(self.describe(item))
            return
        if self._said_last:
            self.window.read_aloud.stop()  # (so Read aloud reads, rather than pausing these words)
        self._said_last = False
        screens = self._screens
        item.click()
        QTimer.singleShot(0, lambda: self._after_press(screens))

    def _after_press(self, screens: int) -> None:
        """A press that left the patient on this screen: say the item again (its new state)."""
        if not self.active or screens != self._screens or self._new_screen_soon.isActive():
            return  # a new screen says its own first part
        speech = self.window.read_aloud.speech
        if speech is not None and speech.state() in (SpeechState.PREPARING, SpeechState.SPEAKING):
            return  # the press set the voice reading (Read aloud)
        if self.current not in self.items():
            self.current = self._first(self.items())
        self._show_current(say=True)

    def read_from(self, item: QWidget) -> None:
        """Enter on a text: from there to the end of the screen."""
        content = self.content()
        parts = content[content.index(item):] if item in content else [item]
        words = [self._words(part) for piece in parts for part in self._parts(piece)]
        self._say(" ".join(sentence(text) for text in words if text.strip()))

    def back(self) -> None:
        window, nav = self.window, self.window.navigator
        overlay = self._overlay()
        if overlay is not None:
            self._press_button(overlay.continue_button)  # the question's one answer
        elif window.stack.currentWidget() is window.picker:
            window.picker.close_button.click()
        elif nav.place.kind == PAGE:
            nav.back()
        elif nav.place.kind == HOME:
            nav.welcome()
        else:
            self._say(sentence(self.where()))  # the first screen: nothing before it

    def _press_button(self, button: QAbstractButton) -> None:
        self.current = button
        self.enter()

    def help(self) -> None:
        self._say(self.help_text())

    def change_volume(self, step: float) -> None:
        read_aloud = self.window.read_aloud
        speech = read_aloud.speech
        if speech is None:
            return
        read_aloud.change_volume(step)
        self.window.speech_bar.set_levels(speech.rate(), speech.volume())
        if speech.state() not in (SpeechState.PREPARING, SpeechState.SPEAKING):
            # Nothing is playing: say the new level, in the new loudness.
            self._say(self.tr("Volume {percent}%").format(percent=round(speech.volume() * 100)))

    # --- showing where ------------------------------------------------------------------

    def _show_current(self, say: bool) -> None:
        item = self.current
        if item is None:
            self.frame.hide()
            return
        self._keep_in_view(item)
        if item.isEnabled() and item.focusPolicy().value & Qt.FocusPolicy.TabFocus.value:
            item.setFocus(Qt.FocusReason.TabFocusReason)  # its own focus ring too
        self.follow()
        if say:
            self.window.read_aloud.stop()  # first, so the read button is named as it is when quiet
            self._say(self.describe(item))

    def _keep_in_view(self, item: QWidget) -> None:
        area = item.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is None or area.widget() is None:
            return
        margin = FRAME_PX * 3
        top = item.mapTo(area.widget(), QPoint(0, 0)).y()
        if item.height() + 2 * margin > area.viewport().height():
            area.verticalScrollBar().setValue(top - margin)  # a tall item: its start in view
        else:
            area.ensureWidgetVisible(item, 0, margin)

    def follow(self) -> None:
        """Put the frame around the item where it is now (after a scroll, a new text size)."""
        item, window = self.current, self.window
        if not self.active or item is None or not item.isVisible() or not window.isAncestorOf(item):
            self.frame.hide()
            return
        rect = QRect(item.mapTo(window, QPoint(0, 0)), item.size())
        rect.adjust(-FRAME_OUTSET, -FRAME_OUTSET, FRAME_OUTSET, FRAME_OUTSET)
        clip = window.rect()
        parent = item.parentWidget()
        while parent is not None and parent is not window:  # only what shows through a scroll area
            holder = parent.parentWidget()
            if isinstance(holder, QAbstractScrollArea) and parent is holder.viewport():
                clip = clip.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
            parent = holder
        rect = rect.intersected(clip)
        if rect.height() < FRAME_PX * 3 or rect.width() < FRAME_PX * 3:
            self.frame.hide()
            return
        colors = window.display.theme().colors
        self.frame.set_colors(colors.focus, colors.background)
        self.frame.setGeometry(rect)
        self.frame.show()
        self.frame.raise_()
