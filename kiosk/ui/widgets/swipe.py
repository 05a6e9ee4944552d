"""Swipe left/right to page, on top of touch scrolling.

Watches presses and releases (touch, or a touch panel that acts as a mouse) inside a
widget without taking them, so buttons and kinetic scrolling work as before; a mostly
horizontal drag longer than the threshold is a swipe. It sees events through the window's
input route (kiosk/ui/input_route.py).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtWidgets import QWidget

MIN_DISTANCE_PX = 100
MIN_FRACTION = 0.08  # of the area's width
HORIZONTAL_RATIO = 1.5  # |dx| must beat |dy| by this much


class SwipeDetector(QObject):
    """Emits swiped(+1) for "forward" (right-to-left finger in LTR) and swiped(-1) for back."""

    swiped = Signal(int)

    def __init__(self, area: QWidget):
        super().__init__(area)
        self.area = area
        self._start: QPointF | None = None

    def _inside(self, obj: QObject) -> bool:
        return isinstance(obj, QWidget) and (obj is self.area or self.area.isAncestorOf(obj)) \
            and self.area.isVisible()

    def handle(self, obj: QObject, event: QEvent) -> bool:
        """Follows presses and releases; never takes an event (always False)."""
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin) and self._inside(obj):
            if kind == QEvent.Type.MouseButtonPress and event.button() != Qt.MouseButton.LeftButton:
                return False
            self._start = self._position(event)
        elif kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd) and self._start is not None:
            start, self._start = self._start, None
            end = self._position(event)
            if end is not None:
                self._judge(end - start)
        return False

    @staticmethod
    def _position(event: QEvent) -> QPointF | None:
        points = event.points() if hasattr(event, "points") else []
        if points:
            return points[0].globalPosition()
        if hasattr(event, "globalPosition"):
            return event.globalPosition()
        return None

    def _judge(self, delta: QPointF) -> None:
        dx, dy = delta.x(), delta.y()
        threshold = max(MIN_DISTANCE_PX, self.area.width() * MIN_FRACTION)
        if abs(dx) < threshold or abs(dx) < HORIZONTAL_RATIO * abs(dy):
            return
        forward = dx < 0  # finger moves left: the next page comes in from the right
        if self.area.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            forward = not forward
        self.swiped.emit(1 if forward else -1)
