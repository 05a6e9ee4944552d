"""A screen's danger signs kept in view: the action and every sign of a "now" or "right
away" box inside the screen without scrolling, at every panel, text size and language.

When they would not fit, the page (kiosk/ui/screens/page.py) makes room in this order until
they do: no breadcrumb; no picture and the box across the screen's width (a list of signs
may run wider than prose); the words a step smaller (12.5 % steps, never under 100 %, as
style sheet rules the theme holds: kiosk/ui/theme.py `fitted_sizes`); the list in two
columns; its lines closer; last the heading left out (the box's action heads the screen;
read-aloud, the keypad and screen readers still say it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from kiosk.ui.theme import fit_key, fit_scales


class SignsInView:
    def __init__(self, page):
        self.page = page
        self._fit_key: tuple | None = None  # what the room was last made for

    def _words_width(self) -> int:
        page = self.page
        margins, gap = page.content_layout.contentsMargins(), page.content_layout.spacing()
        room = page.scroll.viewport().width() if page.scroll.isVisible() else page.width() - gap
        if page.picture.isVisibleTo(page):
            room -= page.picture.width() + gap
        return max(1, min(room - margins.left() - margins.right(), page.words_host.maximumWidth()))

    def _height_through_box(self) -> int:
        """How far down the box's bottom edge is, laid out at the words' width now."""
        top = self.page.content_layout.contentsMargins().top()
        return height_through(self.page.words, self.page.box, self._words_width(), top)

    def box_fits(self) -> bool:
        return self._height_through_box() <= self._room()

    def _room(self) -> int:
        margins = self.page.layout().contentsMargins()
        return self.page.height() - margins.top() - margins.bottom()

    def fit(self) -> None:
        """On a boxed screen whose action or signs would be out of view, make room (in the
        order the module says) until they fit; once per screen, size and theme."""
        if self.page.screen_data is None or not self.page.isVisible():
            return
        # Once per screen, size and theme: the room made resizes the words, which must not
        # start the fitting again.
        page = self.page
        key = (page.width(), page.height(), page.theme, id(page.screen_data), page.screen_data.heading)
        if key == self._fit_key:
            return
        self._fit_key = key
        try:
            self._make_room()
        finally:
            # Fonts changed through a style sheet, and labels moved between columns, do not
            # tell the layouts around them: have every one measure again.
            forget_sizes(self.page.content_layout)
            self.page.items_host.updateGeometry()
            QApplication.postEvent(self.page.scroll, QEvent(QEvent.Type.LayoutRequest))

    def _make_room(self) -> None:
        if self.page._fitted_scale:
            self.page._fitted_scale = 0.0
            self._restyle_words("")  # back to the window's sizes
            self.page.box.apply_theme(self.page.theme)
            self.page._set_item_spacing(self.page.theme.body_px)
        self.page._set_split(0)
        self.page._set_item_spacing(self.page.theme.body_px)
        self.page.box.content.setSpacing(20)
        self.page.box.outer.setSpacing(20)
        self.page.heading.setVisible(True)
        self.page._place_picture()
        self.page.topic_row_shown(True)
        if not self.page.box.tier() or self.box_fits():
            return
        for stage in (self._without_breadcrumb, self._across, *self._smaller_steps(), self._in_two_columns,
                      self._closer, self._without_heading):
            stage()
            if self.box_fits():
                return

    def _without_breadcrumb(self) -> None:
        self.page.topic_row_shown(False)  # the signs matter more

    def _across(self) -> None:
        self.page.picture.setVisible(False)
        self.page.words_host.setMaximumWidth(16777215)  # a list of signs may run wider than prose

    def _smaller_steps(self):
        return [lambda s=scale: self._draw_at(s) for scale in fit_scales(self.page.theme.scale)]

    def _restyle_words(self, key: str) -> None:
        restyle_words(self.page.words_host, key)

    def _draw_at(self, scale: float) -> None:
        self.page._fitted_scale = scale
        fitted = self.page.theme.at_scale(scale)
        self._restyle_words(fit_key(scale))
        self.page.box.apply_theme(fitted)
        self.page._set_item_spacing(fitted.body_px)

    def _in_two_columns(self) -> None:
        if len(self.page._shown_items()) > 2:
            self.page._set_split((len(self.page._shown_items()) + 1) // 2)

    def _closer(self) -> None:
        """The signs and the box's parts a little closer together (still a clear gap)."""
        body = self.page.theme.base_px * self.page.fitted_scale()
        for column in self.page.item_columns:
            column.setSpacing(round(body * 0.25))
        self.page.box.content.setSpacing(10)
        self.page.box.outer.setSpacing(10)

    def _without_heading(self) -> None:
        self.page.heading.setVisible(False)


def restyle_words(words: QWidget, key: str) -> None:
    """The sizes of the labels in `words` (named "Words") from the window's style sheet rule for
    `key` (`fit_key`; "": the theme's own)."""
    words.setProperty("fit", key)
    for widget in (words, *words.findChildren(QLabel)):  # (the rule matches by an ancestor's property)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def height_through(layout, last: QWidget, width: int, top: int) -> int:
    """How far down `last` ends in the column `layout`, laid out at `width` now, from `top`."""
    forget_sizes(layout)
    height = top
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item.isEmpty():
            continue
        height += item.heightForWidth(width) if item.hasHeightForWidth() else item.sizeHint().height()
        if item.widget() is last:
            return height
        height += layout.spacing()
    return height


def forget_sizes(layout) -> None:
    """Drop the sizes `layout` and every layout inside it remember (Qt renews them only
    when the top layout next activates, which a style sheet's font change does not ask)."""
    layout.invalidate()
    for index in range(layout.count()):
        item = layout.itemAt(index)
        item.invalidate()
        if item.layout() is not None:
            forget_sizes(item.layout())
        elif item.widget() is not None and item.widget().layout() is not None:
            forget_sizes(item.widget().layout())
            item.widget().updateGeometry()  # its size as its parent's layout remembers it
