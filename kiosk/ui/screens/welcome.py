"""The first screen a patient sees: what this is, and one big "Touch to start"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from kiosk.content import Guide
from kiosk.ui.accessibility import set_role
from kiosk.ui.screens.base import ScreenBase, row, text_label
from kiosk.ui.theme import CONTROL_SCALE_CAP, HEADING_RATIO, Theme
from kiosk.ui.widgets.big_button import BigButton
from kiosk.ui.widgets.icon import UI_ICONS, Picture


class WelcomeScreen(ScreenBase):
    start = Signal()
    listen = Signal()

    def __init__(self, guide: Guide, parent: QWidget | None = None):
        super().__init__(parent)
        self.guide = guide
        self.picture = Picture()
        self.title = text_label("title")
        self.medicine = text_label("heading")
        # Read as text: Orca 43 reads a screen's words when the focus moves in, but no heading
        # other than the screen's name, and the medicine's name must be heard.
        set_role(self.medicine, "text")
        self.intro = text_label()
        self.start_button = BigButton(icon="", glyph="next", variant="primary")
        # For patients who cannot read: every screen will read itself aloud.
        self.listen_button = BigButton(glyph="speaker", variant="primary")
        self.care_team = text_label("muted")
        for label in (self.title, self.medicine, self.intro, self.care_team):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        layout = self.centered_column()
        layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.title)
        # The buttons straight under the title: with long words, large text and a small
        # panel they stay in view; the medicine's name follows them.
        choices = row(self.start_button, centered=True)
        choices.insertWidget(2, self.listen_button)
        choices.setSpacing(32)
        layout.addLayout(choices)
        layout.addWidget(self.medicine)
        layout.addWidget(self.intro)
        layout.addWidget(self.care_team)
        layout.addStretch(1)
        self.start_button.clicked.connect(self.start)
        self.listen_button.clicked.connect(self.listen)
        self.retranslate()

    def set_guide(self, guide: Guide) -> None:
        self.guide = guide  # its words are set by retranslate(), which the language change brings

    def retranslate(self) -> None:
        self.title.setText(self.tr("Learn about your medicine"))
        self.medicine.setText(f"{self.guide.generic_name} ({self.guide.brand_name})")
        self.intro.setText(self.tr("Short screens with pictures. Go at your own pace."))
        self.start_button.setText(self.tr("Touch to start"))
        self.listen_button.setText(self.tr("Listen"))
        self.listen_button.setAccessibleDescription(self.tr("Every screen is read out loud to you"))
        self.care_team.setText(self.tr(
            "This guide does not take the place of your care team. "
            "Ask your nurse or doctor about anything."))

    def spoken_parts(self) -> list[QWidget]:
        return [self.title, self.start_button, self.listen_button, self.medicine, self.intro, self.care_team]

    def button_text_px(self, button: BigButton) -> int:
        # Heading-sized, but like every control it stops growing at 150 %: at 200 % on a
        # small panel "Touch to start" must still be in view with the bars above it.
        return round(self.theme.base_px * HEADING_RATIO * min(self.theme.scale, CONTROL_SCALE_CAP))

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        self.picture.set_icon(UI_ICONS["welcome"], theme.colors.icon, 120)
        self.relayout()

    def relayout(self) -> None:
        self.fit_picture(self.picture, self.scroll)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        # A touch anywhere starts, not only on the button.
        self.start.emit()
