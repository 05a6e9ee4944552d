""""Still there?": shown over the screen after the idle timeout, counting down to the reset.

A touch anywhere on it, any key, or the big Continue button (pressed by any means: a
screen reader, voice control, a switch) keeps the session; when the count reaches zero the
main window starts over for the next patient.

Everyone must notice it, whatever they use: it is a dialog to assistive technology, named by
its question; focus goes to Continue and stays inside while it asks; the question and the
seconds left are announced (assertive) when it opens and every ANNOUNCE_EVERY_S seconds after.
GNOME Orca 43 ignores announcement events but speaks a change of the focused control's
description, so the same words go there too (docs/accessibility.md).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from kiosk.ui.accessibility import announce, set_role
from kiosk.ui.screens.base import ScreenBase, row, text_label
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.big_button import BigButton

ANNOUNCE_EVERY_S = 5


class StillThereOverlay(ScreenBase):
    continued = Signal()
    expired = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("StillThere")
        set_role(self, "dialog")  # named by its question; focus stays inside while it asks
        self.seconds = 20.0
        self._focus_before: QWidget | None = None
        self.clock = QElapsedTimer()
        self.tick = QTimer(self)
        self.tick.setInterval(250)
        self.tick.timeout.connect(self._on_tick)

        self.panel = QWidget()
        self.panel.setObjectName("StillTherePanel")
        self.panel.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.heading = text_label("title")
        self.message = text_label()
        for label in (self.heading, self.message):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.continue_button = BigButton(glyph="next", variant="primary")
        self.continue_button.clicked.connect(self._continue)
        inner = QVBoxLayout(self.panel)
        inner.setContentsMargins(48, 40, 48, 40)
        inner.setSpacing(24)
        inner.addWidget(self.heading)
        inner.addWidget(self.message)
        inner.addLayout(row(self.continue_button, centered=True))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addStretch(1)
        outer.addWidget(self.panel)
        outer.addStretch(1)
        self.hide()
        self.retranslate()
        if parent is not None:
            parent.installEventFilter(self)  # over all of the window, whatever its size becomes

    def start(self, seconds: float) -> None:
        self.seconds = seconds
        self.clock.start()
        self.tick.start()
        self.retranslate()
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self._announced = None
        self._announce()  # before the focus moves to Continue, or Orca says it twice
        focused = QApplication.focusWidget()
        if focused is not self.continue_button:
            self._focus_before = focused  # given back on Continue: the patient's place in the screen
        self.continue_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def stop(self) -> None:
        self.tick.stop()
        self.hide()

    def remaining(self) -> int:
        return max(0, math.ceil(self.seconds - self.clock.elapsed() / 1000)) if self.clock.isValid() else 0

    def _on_tick(self) -> None:
        if self.remaining() <= 0:
            self.stop()
            self.expired.emit()
        else:
            self.retranslate()
            self._announce()

    def _continue(self) -> None:
        self.stop()
        before, self._focus_before = self._focus_before, None
        try:
            if before is not None and before.isVisible():
                before.setFocus(Qt.FocusReason.OtherFocusReason)
        except RuntimeError:  # that control is gone meanwhile
            pass
        self.continued.emit()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(watched.rect())
        return False

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._continue()  # a touch anywhere keeps the session

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # every key is the answer here, none a shortcut of the screen below
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._continue()  # so does any key (Return and Space reach Continue first)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 (Qt API)
        self.continue_button.setFocus(Qt.FocusReason.TabFocusReason)  # Tab stays on the question
        return True

    def _announce(self) -> None:
        left = self.remaining()
        first = self._announced is None
        if not first and (left % ANNOUNCE_EVERY_S or left >= self._announced):
            return
        self._announced = left
        # At first a screen reader reads the dialog as the focus moves in (its name, its
        # message): the description stays empty then, and carries the countdown after.
        self.continue_button.setAccessibleDescription("" if first else self.message.text())
        announce(self, f"{self.heading.text()} {self.message.text()}" if first else self.message.text(),
                 assertive=True)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Still there?"))
        self.message.setText(self.tr("The screen will start over in {seconds} seconds, for the next patient.")
                             .format(seconds=self.remaining() if self.tick.isActive() else round(self.seconds)))
        self.continue_button.setText(self.tr("Continue"))

    def spoken_parts(self) -> list[QWidget]:
        return [self.heading, self.message, self.continue_button]

    def button_text_px(self, button: BigButton) -> int:
        return self.theme.heading_px

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        c = theme.colors
        self.panel.setStyleSheet(f"#StillTherePanel {{ background: {c.background}; border: 4px solid {c.border};"
                                 " border-radius: 16px; }")

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        # Dim what is behind: the question is the one thing to answer.
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 150))
