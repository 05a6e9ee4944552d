"""The list of topics as large tiles, urgent topics first and in their own colour."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.content import Guide, Severity
from kiosk.ui.accessibility import set_role
from kiosk.ui.screens.base import ScreenBase, fill_grid, text_label
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.big_button import BigButton
from kiosk.ui.widgets.icon import UI_ICONS
from kiosk.ui.widgets.scroll_area import KineticScrollArea, ScrollContent

MARGIN = 32
MAX_COLUMNS = 4
VARIANT = {Severity.URGENT: "urgent", Severity.WARNING: "warning", Severity.NORMAL: "tile"}


class HomeScreen(ScreenBase):
    topic_chosen = Signal(str)
    card_wanted = Signal()  # the "When to get help" card (kiosk/ui/take_home.py)
    questions_wanted = Signal()

    def __init__(self, guide: Guide, parent: QWidget | None = None):
        super().__init__(parent)
        self.guide = guide
        self.heading = text_label("heading")
        self.tiles: list[BigButton] = []
        for topic in guide.topics:
            tile = BigButton(topic.title, icon=topic.icon, variant=VARIANT[topic.severity], icon_on_top=True)
            tile.setProperty("topic_id", topic.id)
            tile.clicked.connect(lambda _=False, tid=topic.id: self.topic_chosen.emit(tid))
            tile.installEventFilter(self)  # arrow keys, before the scroll area takes them
            self.tiles.append(tile)

        self.grid_host = ScrollContent()
        set_role(self.grid_host, "list")  # named by the heading (retranslate)
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(MARGIN, 8, MARGIN, 16)
        self._columns = 0
        self.scroll = KineticScrollArea()
        self.scroll.setWidget(self.grid_host)

        # What to take away, always in view under the topics: the card, and the pages marked
        # with "I have a question about this".
        self.card_button = BigButton(icon=UI_ICONS["card"])
        self.card_button.clicked.connect(self.card_wanted)
        self.questions_button = BigButton(icon=UI_ICONS["question"])
        self.questions_button.clicked.connect(self.questions_wanted)
        self.question_count = 0
        take_away = QHBoxLayout()
        take_away.setContentsMargins(0, 0, MARGIN, 8)
        take_away.setSpacing(16)
        take_away.addWidget(self.card_button)
        take_away.addWidget(self.questions_button)
        take_away.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, 8, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(take_away)
        self.retranslate()
        self._reflow()

    def set_guide(self, guide: Guide) -> None:
        """The same topics in another language: new names on the same tiles."""
        self.guide = guide
        for tile, topic in zip(self.tiles, guide.topics):
            tile.setText(topic.title)
        self._describe_tiles()
        self._reflow(force=True)

    def set_question_count(self, count: int) -> None:
        self.question_count = count
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Choose a topic"))
        self.card_button.setText(self.tr("Card to take home"))
        self.questions_button.setText(self.tr("My questions: {count}").format(count=self.question_count))
        self.grid_host.setAccessibleName(self.heading.text())
        self._describe_tiles()

    def _describe_tiles(self) -> None:
        """Each tile's place in the list and how urgent its topic is, for screen readers."""
        urgency = {Severity.URGENT: self.tr("Urgent"), Severity.WARNING: self.tr("Important"),
                   Severity.NORMAL: ""}
        count = len(self.tiles)
        for index, (tile, topic) in enumerate(zip(self.tiles, self.guide.topics), start=1):
            place = self.tr("{index} of {count}").format(index=index, count=count)
            tile.setAccessibleDescription(". ".join(part for part in (urgency[topic.severity], place) if part))

    def spoken_parts(self) -> list[QWidget]:
        return [self.heading, *self.tiles, self.card_button, self.questions_button]

    def button_text_px(self, button: BigButton) -> int:
        return self.theme.body_px  # topic names are the screen's text: they grow to 200 %

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        self.grid.setSpacing(theme.gap_px)
        self._reflow(force=True)

    def columns_for(self, width: int) -> int:
        tile_min = max(280, 10 * self.theme.body_px)  # ~14 characters of label a line
        return max(1, min(MAX_COLUMNS, (width - 2 * MARGIN) // tile_min))

    def _reflow(self, force: bool = False) -> None:
        columns = self.columns_for(self.width())
        if columns != self._columns or force:
            self._columns = columns
            fill_grid(self.grid, self.tiles, columns, MAX_COLUMNS)
            rows = (len(self.tiles) + columns - 1) // columns
            for row in range(len(self.tiles) + 1):
                self.grid.setRowStretch(row, 1 if row == rows else 0)  # rows packed at the top
        # Every tile as tall as the tallest, so the grid reads as a calm, even table.
        spacing = self.grid.spacing()
        # The screen's own margin, the grid's two margins and the scroll bar (20 px) around
        # the columns: the tiles' real width, so no label is measured wider than it is.
        width = (self.width() - 3 * MARGIN - 24 - spacing * (columns - 1)) // columns
        needed = max((tile.heightForWidth(width) for tile in self.tiles), default=0)
        # Spare height on a tall screen makes the tiles (and their pictures) larger, up to
        # 1.6x; the screen's own size is used, the scroll area is not resized yet.
        rows = (len(self.tiles) + columns - 1) // columns
        heading = self.heading.heightForWidth(max(1, self.width() - MARGIN))
        take_away = self.card_button.heightForWidth(self.card_button.sizeHint().width()) + 8 + 8
        spare = self.height() - heading - take_away - 8 - 8 - 8 - 16 - spacing * (rows - 1)
        height = max(needed, min(round(needed * 1.6), spare // max(1, rows)))
        for tile in self.tiles:
            tile.setFixedHeight(height)

    def relayout(self) -> None:
        self._reflow()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.KeyPress and obj in self.tiles:
            return self._move_focus(obj, event.key())
        return super().eventFilter(obj, event)

    def _move_focus(self, tile: BigButton, key: int) -> bool:
        """Arrow keys move between tiles as on a grid (keypad terminals)."""
        moves = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1,
                 Qt.Key.Key_Up: -self._columns, Qt.Key.Key_Down: self._columns}
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            moves[Qt.Key.Key_Left], moves[Qt.Key.Key_Right] = 1, -1
        step = moves.get(key)
        if step is None:
            return False
        target = self.tiles.index(tile) + step
        if 0 <= target < len(self.tiles):
            self.tiles[target].setFocus(Qt.FocusReason.TabFocusReason)
            self.scroll.ensureWidgetVisible(self.tiles[target])
        return True
