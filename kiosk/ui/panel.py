"""How big the panel is, and so how many pixels the body text needs.

Text is sized in millimetres on the glass, not in pixels: the same 28 px is 5.3 mm capitals
on a 24-inch 1080p panel and 3.2 mm on a 10-inch tablet. Section 508 (402.4) asks for
capital letters at least 4.8 mm tall; the body text is the smallest pixel size whose
capitals reach that on this panel, and never below the 28 px floor (docs/standards.md).

The panel's size comes from the screen (its EDID, through Qt) unless the site's setting
`display.panel_diagonal_inches` gives it: some panels and most video adapters report no
size or a wrong one.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

log = logging.getLogger(__name__)

MIN_CAP_MM = 4.8
FLOOR_PX = 28
# Panels a kiosk is built from; a reported size outside this is taken as wrong.
PLAUSIBLE_INCHES = (7.0, 100.0)
ASSUMED_INCHES = 21.5  # the common kiosk panel, when nothing better is known


@dataclass(frozen=True)
class Panel:
    width_px: int
    height_px: int
    diagonal_in: float
    source: str = "setting"  # "setting", "screen" or "assumed": said in the log and by --check

    @property
    def px_per_mm(self) -> float:
        return math.hypot(self.width_px, self.height_px) / (self.diagonal_in * 25.4)

    def body_px(self, cap_ratio: float) -> int:
        """The smallest whole pixel size whose capitals are at least 4.8 mm tall.

        `cap_ratio` is the font's cap height over its pixel size (about 0.67 for Atkinson
        Hyperlegible, measured with QFontMetricsF.capHeight)."""
        needed = MIN_CAP_MM * self.px_per_mm / cap_ratio
        return max(FLOOR_PX, math.ceil(needed - 1e-9))

    def cap_mm(self, px: int, cap_ratio: float) -> float:
        return px * cap_ratio / self.px_per_mm


def panel_from(width_px: int, height_px: int, physical_mm: tuple[float, float], setting_in: float) -> Panel:
    """The panel from the setting if given (> 0), else from the size the screen reports."""
    if setting_in > 0:
        return Panel(width_px, height_px, setting_in, "setting")
    width_mm, height_mm = physical_mm
    reported = math.hypot(width_mm, height_mm) / 25.4
    low, high = PLAUSIBLE_INCHES
    if low <= reported <= high:
        return Panel(width_px, height_px, round(reported, 1), "screen")
    log.warning("the screen reports a size of %.1f inches, which cannot be right: text is sized for a %.1f-inch "
                "panel; set display.panel_diagonal_inches in the settings to the panel's real diagonal",
                reported, ASSUMED_INCHES)
    return Panel(width_px, height_px, ASSUMED_INCHES, "assumed")


# Qt platforms with no glass behind them (screenshots, tests): no millimetres to honour
# unless the setting names a panel (kiosk/ui/frame.py).
VIRTUAL_PLATFORMS = ("offscreen", "minimal")
