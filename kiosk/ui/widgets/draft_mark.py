"""The mark on every patient screen while the site shows content not yet reviewed.

Shown only where the site's settings allow drafts (content.allow_unreviewed) and what is on
screen (the guide, or the language's catalog) is not reviewed: a patient is told, in their
language, that no pharmacist has checked it yet.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui.widgets.reading_label import ReadingLabel


class DraftMark(ReadingLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("draft", parent)
        self.retranslate()

    def retranslate(self) -> None:
        self.set_content(self.tr("Draft: not yet checked by a pharmacist."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
