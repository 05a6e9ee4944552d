"""A vertical-only scroll area that scrolls by touch, with momentum (kinetic).

Where the words run below the screen's edge a thick handle at the right shows it. The
handle is painted here, not a QScrollBar: with any QScrollBar on screen, a screen reader
walking the kiosk over AT-SPI crashed Qt 6.11 (a segmentation fault in its accessibility
cache, about one walk in two; tests/e2e/test_atspi.py). The hidden scroll bar still holds the
position, so keys, code and the voice's "keep the line in view" scroll as before.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QWidget,
)

HANDLE_PX = 14  # wide enough to see from a chair
MIN_HANDLE_PX = 60


class ScrollIndicator(QWidget):
    """Where the view is in the content: drawn only when there is more to see."""

    def __init__(self, area: QScrollArea):
        super().__init__(area)
        self.area = area
        self.color = "#5A5A5A"
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        bar = area.verticalScrollBar()
        bar.rangeChanged.connect(lambda *_: self.update())
        bar.valueChanged.connect(lambda *_: self.update())

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        bar = self.area.verticalScrollBar()
        if bar.maximum() <= bar.minimum():
            return
        total = bar.maximum() - bar.minimum() + bar.pageStep()
        height = max(MIN_HANDLE_PX, round(self.height() * bar.pageStep() / total))
        top = round((self.height() - height) * (bar.value() - bar.minimum()) / (bar.maximum() - bar.minimum()))
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.color))
        painter.drawRoundedRect(QRectF(0, top, self.width(), height), HANDLE_PX / 2, HANDLE_PX / 2)


class KineticScrollArea(QScrollArea):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # Not a tab stop: it has no words of its own (a screen reader said "layered pane" on
        # every screen); keys scroll through the focused control's ensureVisible instead.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        # Text wraps to the width: never sideways. The vertical position shows as the
        # painted indicator (see the module's note), not as a scroll bar.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.indicator = ScrollIndicator(self)
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

    def set_indicator_color(self, color: str) -> None:
        self.indicator.color = color
        self.indicator.update()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.indicator.setGeometry(self.width() - HANDLE_PX - 3, 4, HANDLE_PX, max(0, self.height() - 8))
        self.indicator.raise_()


class ScrollContent(QWidget):
    """The widget inside a KineticScrollArea.

    Its height comes from heightForWidth (wrapped text at the real width), not from its
    children's minimum sizes, which Qt measures at their narrowest and which would make
    a screen scroll when its text fits.
    """

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(super().minimumSizeHint().width(), 0)
