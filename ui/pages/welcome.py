"""Welcome: what this kiosk is for, and the language choice (English, 简体中文)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWizard

from ui.i18n import LANGUAGES
from ui.pages.base import KioskPage
from ui.services import VisitServices
from ui.widgets.common import role_label


class WelcomePage(KioskPage):
    def __init__(self, services: VisitServices, set_language: Callable[[str], None]) -> None:
        super().__init__(services)
        self._set_language = set_language
        self.intro = role_label("subtitle")
        self.steps = role_label("hint")
        self.choose = role_label()
        self.box.addWidget(self.intro)
        self.box.addWidget(self.steps)
        self.box.addStretch(1)
        self.box.addWidget(self.choose)
        row = QHBoxLayout()
        self.language_buttons: dict[str, QPushButton] = {}
        self._group = QButtonGroup(self)
        for code, name in LANGUAGES.items():  # each name in its own language: never translated
            b = QPushButton(name)
            b.setCheckable(True)
            b.setMinimumHeight(90)
            b.setObjectName(f"language_{code}")
            b.clicked.connect(lambda _=False, c=code: self.choose_language(c))
            self._group.addButton(b)
            self.language_buttons[code] = b
            row.addWidget(b)
        self.box.addLayout(row)
        self.box.addStretch(2)
        self.language_buttons["en"].setChecked(True)
        self.retranslate()

    def choose_language(self, code: str) -> None:
        self.language_buttons[code].setChecked(True)
        self.visit.language = code
        self._set_language(code)

    def initializePage(self) -> None:  # noqa: N802 (Qt name)
        self.language_buttons[self.visit.language].setChecked(True)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Missed your immigrant visa interview?"))
        self.intro.setText(self.tr("Book a new interview at the U.S. Consulate General Guangzhou."))
        self.steps.setText(self.tr(
            "You will need your Appointment Letter (it shows your case number) and the date of birth "
            "of the principal applicant. If you do not have the letter, you can ask for a copy here."))
        self.choose.setText(self.tr("Choose your language, then touch Start."))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Start"))
