"""Sizes, colours and fonts in one place: the default theme, high contrast, and text sizes.

Numbers come from docs/standards.md: body text sized to the panel so its capitals are at
least 4.8 mm tall (Section 508 402.4; kiosk/ui/panel.py), never below 28 px; headings at
least 1.4 times the body at every text size; lines of at most about 65 characters, 1.5
apart (WCAG 1.4.8); touch targets at least 72 px with space between them; text contrast
at least 7:1 (WCAG 1.4.6); text up to 200 % (WCAG 1.4.4).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QFontDatabase

from kiosk import resources
from kiosk.resources import FONT_FAMILY

# The bundled fonts (assets/fonts) each language is drawn with, first choice first; Qt takes
# a glyph from the next family only where the first has none (Latin words in Arabic text).
# Atkinson Hyperlegible has no Vietnamese or Cyrillic letters: those use Noto Sans, so a word
# is never drawn in two fonts.
LATIN = (FONT_FAMILY, "Noto Sans")
FONTS_BY_LANGUAGE = {
    "vi": ("Noto Sans",),
    "ru": ("Noto Sans",),
    "ar": ("Noto Sans Arabic", FONT_FAMILY, "Noto Sans"),
    "zh": ("Noto Sans CJK SC", FONT_FAMILY),
    "ko": ("Noto Sans CJK KR", FONT_FAMILY),
}


def font_families(language: str) -> tuple[str, ...]:
    return FONTS_BY_LANGUAGE.get(language, LATIN)

# The three text sizes a patient can choose (the text-size button cycles through them).
TEXT_SCALES = (1.0, 1.5, 2.0)

BODY_PX = 28  # the floor; on most panels the body is sized from the panel (kiosk/ui/panel.py)
HEADING_RATIO = 1.43  # 40 px over 28: clearly a heading at every text size
TITLE_RATIO = 2.0
LINE_SPACING = 1.5  # line height over text size (WCAG 1.4.8)
MEASURE_CHARS = 65  # the longest line a text column holds, in average characters
MIN_TARGET_PX = 72
TARGET_GAP_PX = 16
# Button labels grow with the text size but stop at 150 %: the bars keep room for the
# screen's own text at 200 % (and the bars fit their height to the window: widgets/bars.py).
CONTROL_SCALE_CAP = 1.5


@dataclass(frozen=True)
class Colors:
    name: str
    background: str
    text: str
    muted: str  # secondary text, still 7:1
    surface: str  # tiles and cards
    border: str  # control borders, 3:1 at least
    primary: str  # main buttons (Next, Touch to start)
    on_primary: str
    secondary: str  # other buttons
    on_secondary: str
    warning: str  # heading of the "call right away" box
    on_warning: str
    warning_border: str  # the "call right away" box's border, 3:1 at least
    urgent: str  # heading and border of the "tell your nurse now" box
    on_urgent: str
    focus: str  # keyboard focus ring
    icon: str  # pictogram tint on background/surface
    highlight: str  # the word being read aloud, and the tile being read
    on_highlight: str


DEFAULT = Colors(
    name="default",
    background="#F6F4EF",
    text="#1A1A1A",
    muted="#3D3D3D",
    surface="#FFFFFF",
    border="#5A5A5A",
    primary="#0B3D91",
    on_primary="#FFFFFF",
    secondary="#E4E8F0",
    on_secondary="#0B2A66",
    warning="#FFD966",
    on_warning="#1A1A1A",
    warning_border="#7A5600",
    urgent="#A4161A",
    on_urgent="#FFFFFF",
    focus="#C75000",
    icon="#1A1A1A",  # the words' ink: pictures never compete with the urgent box or Next
    highlight="#0B3D91",
    on_highlight="#FFFFFF",
)

HIGH_CONTRAST = Colors(
    name="high-contrast",
    background="#000000",
    text="#FFFFFF",
    muted="#FFFFFF",
    surface="#000000",
    border="#FFFFFF",
    # White, not the yellow of the "now" box: a button never looks like urgent content.
    primary="#FFFFFF",
    on_primary="#000000",
    secondary="#000000",
    on_secondary="#FFFF00",
    warning="#000000",
    on_warning="#FFFF00",
    warning_border="#FFFF00",
    urgent="#FFFF00",
    on_urgent="#000000",
    focus="#00FFFF",
    icon="#FFFFFF",
    highlight="#00FFFF",
    on_highlight="#000000",
)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two colours."""

    def luminance(color: str) -> float:
        c = QColor(color)
        channels = []
        for value in (c.redF(), c.greenF(), c.blueF()):
            channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        r, g, b = channels
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_pairs(colors: Colors) -> dict[str, tuple[str, str]]:
    """Every (text colour, background) pair the theme draws text with."""
    return {
        "text on background": (colors.text, colors.background),
        "muted on background": (colors.muted, colors.background),
        "text on surface": (colors.text, colors.surface),
        "primary button": (colors.on_primary, colors.primary),
        "secondary button": (colors.on_secondary, colors.secondary),
        "right-away box heading": (colors.on_warning, colors.warning),
        "now box heading": (colors.on_urgent, colors.urgent),
        "word read aloud": (colors.on_highlight, colors.highlight),
        "button that is off": (colors.muted, colors.background),
    }


def graphic_pairs(colors: Colors) -> dict[str, tuple[str, str]]:
    """Non-text pairs (icons, borders, focus ring), held to 3:1 (WCAG 1.4.11)."""
    return {
        "icon on background": (colors.icon, colors.background),
        "icon on surface": (colors.icon, colors.surface),
        "border on background": (colors.border, colors.background),
        "focus ring on background": (colors.focus, colors.background),
        "read-aloud mark on background": (colors.highlight, colors.background),
        "now box border on background": (colors.urgent, colors.background),
        "right-away box border on background": (colors.warning_border, colors.background),
        "dashed edge of a button that is off": (colors.border, colors.background),
    }


FIT_STEP = 0.125  # how much smaller each step of a fitted boxed screen is


def fit_scales(scale: float) -> list[float]:
    """The smaller scales a boxed screen may be drawn at, largest first, down to 100 %."""
    steps = []
    while scale > 1.0:
        scale = max(1.0, round(scale - FIT_STEP, 3))
        steps.append(scale)
    return steps


def fit_key(scale: float) -> str:
    return str(round(scale * 1000))


@dataclass(frozen=True)
class Theme:
    """What the screens draw with: colours plus pixel sizes for one text size."""

    colors: Colors
    scale: float
    families: tuple[str, ...] = LATIN
    base_px: int = BODY_PX  # body text at 100 % on this panel (kiosk/ui/panel.py)

    @property
    def body_px(self) -> int:
        return round(self.base_px * self.scale)

    @property
    def heading_px(self) -> int:
        return round(self.body_px * HEADING_RATIO)

    @property
    def title_px(self) -> int:
        # The welcome title is already large: past 150 % it would push "Touch to start"
        # off a small screen, so it stops growing there (still above the heading size).
        return max(round(self.base_px * TITLE_RATIO * min(self.scale, CONTROL_SCALE_CAP)), self.heading_px)

    @property
    def control_px(self) -> int:
        return round(self.base_px * min(self.scale, CONTROL_SCALE_CAP))

    @property
    def target_px(self) -> int:
        return max(MIN_TARGET_PX, round(self.control_px * 2.6))

    @property
    def gap_px(self) -> int:
        return TARGET_GAP_PX

    def font(self, px: int, bold: bool = False) -> QFont:
        font = QFont()
        font.setFamilies(list(self.families))
        font.setPixelSize(px)
        font.setBold(bold)
        return font

    def at_scale(self, scale: float) -> Theme:
        """The same colours, fonts and panel at another text size (a screen drawn a step smaller)."""
        return Theme(self.colors, scale, self.families, self.base_px)

    def fitted_sizes(self) -> str:
        """Text sizes for a boxed screen drawn a step smaller (kiosk/ui/screens/page.py): one
        rule per step, chosen by the words' `fit` property, so fitting restyles nothing new."""
        rules = []
        for fit in fit_scales(self.scale):
            smaller = self.at_scale(fit)
            key = fit_key(fit)
            rules.append(f"""
        #Words[fit="{key}"] QLabel {{ font-size: {smaller.body_px}px; }}
        #Words[fit="{key}"] QLabel[role="heading"] {{ font-size: {smaller.heading_px}px; }}
        #Words[fit="{key}"] QLabel[role="control"] {{ font-size: {smaller.control_px}px; }}""")
        return "".join(rules)

    def stylesheet(self) -> str:
        """Colours and text sizes for plain Qt widgets; custom widgets paint from `colors`."""
        c = self.colors
        families = ", ".join(f'"{family}"' for family in self.families)
        return f"""
        #KioskWindow, #KioskWindow QWidget#Screen, QScrollArea, QScrollArea > QWidget > QWidget {{
            background: {c.background};
        }}
        QLabel {{ color: {c.text}; font-family: {families}; font-size: {self.body_px}px; }}
        QLabel[role="heading"] {{ font-size: {self.heading_px}px; font-weight: bold; }}
        QLabel[role="question"] {{ font-weight: bold; }}
        QLabel[role="title"] {{ font-size: {self.title_px}px; font-weight: bold; }}
        QLabel[role="muted"] {{ color: {c.muted}; }}
        QLabel[role="control"] {{ font-size: {self.control_px}px; }}
        QLabel[role="progress"] {{ font-size: {self.control_px}px; font-weight: bold; }}
        QWidget#Bar {{ background: {c.background}; border-color: {c.border}; }}
        QLabel[role="action-now"] {{ color: {c.on_urgent}; font-weight: bold; }}
        QLabel[role="action-right-away"] {{ color: {c.on_warning}; font-weight: bold; }}
        QLabel[role="ask"] {{ border: 3px solid {c.border}; border-radius: 12px; padding: 12px; font-weight: bold; }}
        QLabel[role="draft"] {{
            color: {c.text}; font-size: {self.control_px}px; border: 3px dashed {c.border}; padding: 2px 12px;
        }}
        """ + self.fitted_sizes()


_loaded_fonts: dict[str, list[str]] = {}  # file name -> families it registered
BOLD_CJK = {"zh": "NotoSansCJKsc-Bold-subset.otf", "ko": "NotoSansCJKkr-Bold-subset.otf"}
_all_loaded = False


def load_fonts(everything: bool = False, language: str = "") -> list[str]:
    """Register the bundled fonts with Qt; returns the families loaded so far.

    At start only the Latin fonts (Atkinson Hyperlegible): the first screen is English and
    the other scripts' fonts (13 MB) would add to start-up. The rest load just after the
    first paint, and at the latest when a language or the language list needs them. The
    Chinese and Korean bold faces (5.7 MB, several MB of memory) load only when one of those
    languages is chosen (`language`); until then a bold CJK word is drawn emboldened.
    """
    global _all_loaded
    wanted_bold = BOLD_CJK.get(language, "")
    if everything and _all_loaded and (not wanted_bold or wanted_bold in _loaded_fonts):
        return _all_families()  # every language switch asks: no need to list the folder again
    for path in resources.font_files():
        if path.name in _loaded_fonts or not (everything or path.name.startswith("Atkinson")):
            continue
        if path.name in BOLD_CJK.values() and path.name != wanted_bold:
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        _loaded_fonts[path.name] = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if everything:
        _all_loaded = True
    return _all_families()


def _all_families() -> list[str]:
    return sorted({family for families in _loaded_fonts.values() for family in families})
