"""The "When to get help" card to take home: a QR code that holds the card's words, the words
themselves beside it, and Print where the site has a printer.

The code holds the text itself (kiosk/content/card.py makes it; kiosk/ui/widgets/qr.py draws
it): a phone's camera shows the words, nothing is sent anywhere. One code holds the patient's
language and English when it fits the room; otherwise two codes, one at a time, chosen by
"In your language" and "In English". The code is drawn after the screen is shown (a large
code takes 50-200 ms) and kept for the next showing. Landscape: the words beside the code;
portrait: under it. The code keeps a white ground in every theme: cameras need dark modules
on light.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QBoxLayout, QButtonGroup, QLabel, QVBoxLayout, QWidget

from kiosk.ui.accessibility import set_role
from kiosk.ui.screens.base import ScreenBase, row, text_label
from kiosk.ui.widgets.big_button import BigButton
from kiosk.ui.widgets.qr import CardTooLong, screen_code
from kiosk.ui.widgets.scroll_area import KineticScrollArea, ScrollContent

MARGIN = 24
CACHE = 4  # codes kept: both halves of a card, in two sizes


class CardScreen(ScreenBase):
    closed = Signal()
    print_wanted = Signal()
    drawn = Signal()  # the code is on show (or the screen said why not)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.whole = ""  # the card in one code: the patient's language, then English
        self.parts: list[str] = []  # the same in two codes, when one does not fit
        self.two_codes = False
        self._codes: dict[tuple[str, int], QPixmap] = {}

        self.heading = text_label("heading")
        self.how = text_label()
        self.choice = QButtonGroup(self)
        self.choice.setExclusive(True)
        self.own_button = BigButton()
        self.english_button = BigButton()
        for index, button in enumerate((self.own_button, self.english_button)):
            button.setCheckable(True)
            set_role(button, "radio")
            self.choice.addButton(button, index)
        self.own_button.setChecked(True)
        self.choice.idClicked.connect(lambda _index: self._show_code())
        self.print_button = BigButton()
        self.print_button.clicked.connect(self.print_wanted)
        self.print_button.setVisible(False)
        self.status = text_label()  # what the printer did, or why there is no code
        self.status.setVisible(False)
        self.words = text_label()  # the code's words, as the phone will show them
        self.close_button = BigButton(variant="primary")
        self.close_button.clicked.connect(self.closed)

        self.code = QLabel()  # the QR code on its white ground
        self.code.setObjectName("QrCode")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setStyleSheet("QLabel#QrCode { background: #FFFFFF; }")
        # Never a minimum: the screens share one stack, whose least height is the largest any of
        # them asks for, so a code drawn for 100 % text would push the window past the screen at
        # 200 % (larger bars). The code is redrawn to the room it gets (relayout).
        self.code.setMinimumSize(1, 1)

        text = ScrollContent()
        column = QVBoxLayout(text)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        # What the patient acts on comes first, so it stays in view at the largest text beside
        # a large code: the choice of code, Print and what the printer did, then how to scan.
        column.addWidget(self.heading)
        for button in (self.own_button, self.english_button, self.print_button):
            column.addLayout(row(button))  # one under the other: two side by side need a wide column
        column.addWidget(self.status)
        column.addWidget(self.how)
        column.addWidget(self.words)
        column.addStretch(1)
        self.scroll = KineticScrollArea()
        self.scroll.setWidget(text)
        # The words and Close share one column, so the code can take the screen's whole height.
        words_column = QVBoxLayout()
        words_column.setSpacing(8)
        words_column.addWidget(self.scroll, 1)
        words_column.addLayout(row(self.close_button))
        self.words_column = QWidget()
        self.words_column.setLayout(words_column)
        words_column.setContentsMargins(0, 0, 0, 0)

        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)  # turned for portrait in relayout()
        self.body.setSpacing(MARGIN)
        self.body.addWidget(self.words_column, 1)
        self.body.addWidget(self.code, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, 8, MARGIN, 16)
        layout.addLayout(self.body, 1)
        self.retranslate()

    # --- content ------------------------------------------------------------------

    def show_card(self, whole: str, parts: list[str], can_print: bool) -> None:
        """`whole`: the card for one code; `parts`: the patient's language and English, for two
        codes when one cannot hold both (a single part: English only)."""
        self.whole, self.parts = whole, parts
        self.print_button.setVisible(can_print)
        self.status.setVisible(False)
        self.own_button.setChecked(True)
        self.two_codes = False
        self._set_choice_shown()
        self.words.setText(whole)
        self.code.clear()
        self.scroll.verticalScrollBar().setValue(0)
        QTimer.singleShot(0, self._show_code)  # after the screen is painted

    def printed(self, done: bool) -> None:
        """What the printer did, under Print."""
        self.say(self.tr("Your card is printing. Please take it from the printer.") if done else
                 self.tr("The printer is not working. Please use the code, or ask the staff."))

    def say(self, message: str) -> None:
        self.status.setText(message)
        self.status.setVisible(bool(message))

    def shown_text(self) -> str:
        """The words in the code on show."""
        if not self.two_codes:
            return self.whole
        return self.parts[self.choice.checkedId()] if self.choice.checkedId() >= 0 else self.parts[0]

    def _set_choice_shown(self) -> None:
        for button in (self.own_button, self.english_button):
            button.setVisible(self.two_codes)

    def _show_code(self) -> None:
        if not self.whole:
            return
        side = self.code_side()
        try:
            if not self.two_codes:
                try:
                    pixmap = self._code(self.whole, side)
                except CardTooLong:
                    if len(self.parts) < 2:
                        raise
                    self.two_codes = True
                    self._set_choice_shown()
            if self.two_codes:
                pixmap = self._code(self.shown_text(), side)
        except CardTooLong:
            self.code.clear()
            self.code.setVisible(False)
            self.say(self.tr("The card is too long for a code on this screen. Please ask the staff for it."))
            self.drawn.emit()
            return
        self.code.setVisible(True)
        self.code.setPixmap(pixmap)
        self.code.setMaximumSize(side, side)
        self.words.setText(self.shown_text())
        self._label_code()
        self.drawn.emit()

    def _code(self, text: str, side: int) -> QPixmap:
        key = (text, side)
        if key not in self._codes:
            if len(self._codes) >= CACHE:
                self._codes.pop(next(iter(self._codes)))
            self._codes[key] = QPixmap.fromImage(screen_code(text, side))
        return self._codes[key]

    def code_side(self) -> int:
        """The code's side: the screen's height in landscape (at most 55 % of its width), its
        width in portrait (at most 55 % of its height, the words and Close under it)."""
        margins = self.layout().contentsMargins()
        height = self.height() - margins.top() - margins.bottom()
        width = self.width() - margins.left() - margins.right()
        if self.portrait():
            return max(100, min(width, height * 55 // 100))
        return max(100, min(height, width * 55 // 100))

    def portrait(self) -> bool:
        return self.height() > self.width()

    def _label_code(self) -> None:
        # Which code is on show: the checked choice says it on screen, the description to a screen reader.
        label = ""
        if self.two_codes:
            label = self.own_button.text() if self.choice.checkedId() == 0 else self.english_button.text()
        self.code.setAccessibleName(self.tr("QR code with the card's words"))
        self.code.setAccessibleDescription(label)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Your card: when to get help"))
        self.how.setText(self.tr("Point your phone's camera at the code. Your phone shows the words below. "
                                 "Nothing about you is sent or kept."))
        self.own_button.setText(self.tr("In your language"))
        self.english_button.setText(self.tr("In English"))
        self.print_button.setText(self.tr("Print the card"))
        self.close_button.setText(self.tr("Close"))
        self._label_code()

    def spoken_parts(self) -> list[QWidget]:
        parts = [self.heading, self.own_button, self.english_button, self.print_button, self.status, self.how,
                 self.words, self.close_button]
        return [part for part in parts if part.isVisibleTo(self)]

    def announced_parts(self) -> list[QWidget]:
        """What a screen reader is told on arrival: not the card's words (Read aloud reads those)."""
        return [self.heading, self.how]

    def relayout(self) -> None:
        direction = QBoxLayout.Direction.TopToBottom if self.portrait() else QBoxLayout.Direction.LeftToRight
        if self.body.direction() != direction:
            self.body.setDirection(direction)
            # Portrait: the code first (it is what the phone needs), the words under it.
            self.body.removeWidget(self.words_column)
            self.body.insertWidget(1 if self.portrait() else 0, self.words_column, 1)
        if self.whole and self.code.isVisible() and self.code.width() != self.code_side():
            QTimer.singleShot(0, self._show_code)

    def focus_target(self) -> QWidget:
        return self.close_button
