"""What every screen shares: the theme, retranslation, and a text label."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ui.accessibility import set_role
from kiosk.ui.theme import DEFAULT, Theme
from kiosk.ui.widgets.big_button import BigButton
from kiosk.ui.widgets.reading_label import ReadingLabel
from kiosk.ui.widgets.scroll_area import KineticScrollArea, ScrollContent


class ScreenBase(QWidget):
    """A full screen of the kiosk. Subclasses fill `retranslate()` and `apply_theme()`."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.theme = Theme(DEFAULT, 1.0)
        set_role(self, "screen")  # a panel named by its heading: a screen reader says which screen

    def accessible_title(self) -> str:
        """The screen's name for assistive technology: its heading."""
        for name in ("heading", "title"):
            label = getattr(self, name, None)
            if isinstance(label, QLabel) and label.text():
                return label.accessibleName() or label.text()
        return ""

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        for button in self.findChildren(BigButton):
            button.set_theme(theme, self.button_text_px(button))
        for label in self.findChildren(ReadingLabel):
            label.set_mark_colors(theme.colors.highlight, theme.colors.on_highlight)
        for area in self.findChildren(KineticScrollArea):
            area.set_indicator_color(theme.colors.border)

    def spoken_parts(self) -> list[QWidget]:
        """What "Read aloud" reads on this screen, in order: labels and buttons shown."""
        return []

    def button_text_px(self, button: BigButton) -> int:
        return self.theme.control_px

    def retranslate(self) -> None:
        """Set every visible string; called at start and when the language changes."""

    def centered_column(self) -> QVBoxLayout:
        """A centred, scrolling column filling the screen (welcome, closing screens).

        Add widgets to the returned layout, then `addStretch(1)` to keep them centred.
        """
        column = ScrollContent()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(24)
        layout.addStretch(1)
        self.scroll = KineticScrollArea()
        self.scroll.setWidget(column)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        return layout

    def fit_picture(self, picture: QWidget, scroll) -> None:
        """Drop a decorative picture when the screen's words and buttons would not fit
        without scrolling (large text on a small panel): the words matter more.

        `scroll` fills this screen; its own viewport is not resized yet when this runs
        from resizeEvent, so the screen's size is the one to measure against.
        """
        layout = scroll.widget().layout()
        picture.setVisible(True)
        layout.invalidate()  # the layout caches heights measured without the picture
        needed = layout.totalHeightForWidth(self.width())
        picture.setVisible(needed <= self.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.relayout()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        # Fitted while hidden (a screen is filled before it is shown), a picture hidden then
        # left its room in the layout: fit again now that the screen is on show.
        self.relayout()

    def relayout(self) -> None:
        """Adapt to the screen's size; called on resize, after a theme change and when shown."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def text_label(role: str = "", parent: QWidget | None = None) -> ReadingLabel:
    """A word-wrapping label; `role` picks its size and colour from the theme's stylesheet.

    It can mark the word being read aloud. Headings and titles are headings for assistive
    technology too.
    """
    label = ReadingLabel(role, parent)
    if role in ("heading", "title"):
        set_role(label, "heading")
    return label


def fill_grid(grid: QGridLayout, widgets: list[QWidget], columns: int, max_columns: int) -> None:
    """Lay `widgets` out in `columns` equal columns, row by row (tiles, language names)."""
    for widget in widgets:
        grid.removeWidget(widget)
    for index, widget in enumerate(widgets):
        grid.addWidget(widget, index // columns, index % columns)
    for column in range(max_columns):
        grid.setColumnStretch(column, 1 if column < columns else 0)


def scroll_above_close(screen: QWidget, scroll: QWidget, close: QWidget, margin: int) -> None:
    """A screen of choices: they scroll, and Close stays below them in view (the language
    picker, Text and language)."""
    close_row = QHBoxLayout()
    close_row.setContentsMargins(margin, 0, margin, 0)
    close_row.addWidget(close)
    close_row.addStretch(1)
    layout = QVBoxLayout(screen)
    layout.setContentsMargins(0, 8, 0, 16)
    layout.setSpacing(8)
    layout.addWidget(scroll, 1)
    layout.addLayout(close_row)


def row(widget: QWidget, centered: bool = False) -> QHBoxLayout:
    """A button on its own line, at its natural width, wrapping only when it must.

    (Aligning a word-wrapping widget inside a vertical layout makes Qt size its height
    for the full line width, and a wrapped label gets cut; a row with stretch does not.)
    """
    line = QHBoxLayout()
    line.setContentsMargins(0, 0, 0, 0)
    if centered:
        line.addStretch(1)
    line.addWidget(widget)
    line.addStretch(1)
    return line
