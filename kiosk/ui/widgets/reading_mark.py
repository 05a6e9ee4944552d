"""The "being read aloud" mark shared by painted widgets (buttons, the severity band)."""

from __future__ import annotations


class ReadingMark:
    """Mixin for a QWidget that paints a thick mark while read-aloud reads it."""

    _reading = False

    def set_reading(self, reading: bool) -> None:
        if reading != self._reading:
            self._reading = reading
            self.update()

    def is_reading(self) -> bool:
        return self._reading
