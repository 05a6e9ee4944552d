"""How the staff screens look: in English whatever language the kiosk is in (IT staff's
screens; patients never reach them without the PIN), drawn in the Latin fonts, in the
patient's text size and theme (kiosk/ui/screens/pin_pad.py, admin.py).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QBoxLayout, QWidget

from kiosk.ui.theme import LATIN, Theme
from kiosk.ui.widgets.scroll_area import KineticScrollArea, ScrollContent


def staff(text: str) -> str:
    """Staff-only words: English on purpose, not sent to translators."""
    return text


def staff_theme(theme: Theme) -> Theme:
    """The patient's colours and text size, in the fonts of the staff screens' English."""
    return replace(theme, families=LATIN)


def latin_labels(theme: Theme) -> str:
    """Overrides the window's fonts (the patient's language's) for this screen's labels."""
    families = ", ".join(f'"{family}"' for family in theme.families)
    return f"QLabel {{ font-family: {families}; }}"


def scrolling(content_layout: QBoxLayout) -> tuple[KineticScrollArea, QWidget]:
    """`content_layout` in a scroll area (only scrolls where large text leaves no other way)."""
    content = ScrollContent()
    content.setLayout(content_layout)
    area = KineticScrollArea()
    area.setWidget(content)
    return area, content
