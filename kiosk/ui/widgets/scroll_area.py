"""A vertical-only scroll area that scrolls by touch, with momentum (kinetic)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QWidget,
)


class KineticScrollArea(QScrollArea):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        # Text wraps to the width: never a sideways scroll.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        viewport = self.viewport()
        # Touch screens send touch events, and many kiosk touch panels present as a mouse.
        QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.TouchGesture)
        QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        scroller = QScroller.scroller(viewport)
        props = scroller.scrollerProperties()
        off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
        props.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, off)
        props.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy, off)
        # Deliver taps on buttons inside the area at once, not after a "is it a drag?" pause.
        props.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0.0)
        scroller.setScrollerProperties(props)


class ScrollContent(QWidget):
    """The widget inside a KineticScrollArea.

    Its height comes from heightForWidth (wrapped text at the real width), not from its
    children's minimum sizes, which Qt measures at their narrowest and which would make
    a screen scroll when its text fits.
    """

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(super().minimumSizeHint().width(), 0)
