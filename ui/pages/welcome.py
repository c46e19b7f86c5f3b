"""Welcome: what this kiosk is for, the language choice (English, 简体中文) and the display modes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QWizard

from kiosk.app.visit import VisitServices
from ui.i18n import LANGUAGES, current_language, translate_in
from ui.pages.base import KioskPage
from ui.pages.ids import PageId
from ui.style import current_mode, set_display_mode
from ui.widgets.common import ToggleButton, describe, role_label


class WelcomePage(KioskPage):
    def __init__(self, services: VisitServices, set_language: Callable[[str], None]) -> None:
        super().__init__(services)
        self._set_language = set_language
        self.language_button.hide()  # the big buttons below choose the language here
        self._language_shown = False
        self.intro = role_label("subtitle")
        self.steps = role_label("hint")
        self.choose = role_label()
        self.box.addWidget(self.intro)
        self.box.addWidget(self.steps)
        self.box.addStretch(1)
        self.box.addWidget(self.choose)
        row = QHBoxLayout()
        self.language_buttons: dict[str, ToggleButton] = {}
        self._group = QButtonGroup(self)
        for code, name in LANGUAGES.items():  # each name in its own language: never translated
            b = ToggleButton(name)
            b.setMinimumHeight(90)
            b.setObjectName(f"language_{code}")
            b.clicked.connect(lambda _=False, c=code: self.choose_language(c))
            self._group.addButton(b)
            self.language_buttons[code] = b
            row.addWidget(b)
        self.box.addLayout(row)
        # Display modes, for visitors who see poorly: they apply to the whole kiosk at once.
        self.modes_label = role_label("hint")
        self.box.addWidget(self.modes_label)
        modes = QHBoxLayout()
        self.large_text = ToggleButton(objectName="largeText")
        self.high_contrast = ToggleButton(objectName="highContrast")
        self.large_text.toggled.connect(lambda on: set_display_mode(large_text=on))
        self.high_contrast.toggled.connect(lambda on: set_display_mode(high_contrast=on))
        modes.addWidget(self.large_text)
        modes.addWidget(self.high_contrast)
        modes.addStretch(1)
        self.box.addLayout(modes)
        self.box.addStretch(2)
        self.language_buttons["en"].setChecked(True)
        self.retranslate()

    def nextId(self) -> int:
        # Said outright: Sign in may not be made yet when Welcome is first painted (ui/wizard.py), and
        # QWizard would show Finish on a page it thinks is the last.
        return int(PageId.SIGN_IN)

    def choose_language(self, code: str) -> None:
        self.language_buttons[code].setChecked(True)
        self.visit.language = code
        self._set_language(code)

    def initializePage(self) -> None:
        self.language_buttons[self.visit.language].setChecked(True)
        mode = current_mode()
        self.large_text.setChecked(mode.large_text)
        self.high_contrast.setChecked(mode.high_contrast)
        self.language_buttons[self.visit.language].setFocus()

    @staticmethod
    def both(source: str, shown: str) -> str:
        """Before a language is chosen, say it in both: the chosen one first, the other below."""
        other = translate_in("zh_CN", "WelcomePage", source) if current_language() == "en" else source
        return shown if other == shown else f"{shown}\n{other}"

    def retranslate(self) -> None:
        self.title_label.setText(self.both("Missed your immigrant visa interview?",
                                           self.tr("Missed your immigrant visa interview?")))
        self.intro.setText(self.both("Book a new interview at the U.S. Consulate General Guangzhou.",
                                     self.tr("Book a new interview at the U.S. Consulate General Guangzhou.")))
        self.steps.setText(self.tr(
            "You will need your Appointment Letter (it shows your case number) and the date of birth "
            "of the principal applicant. If you do not have the letter, you can ask for a copy here."))
        self.choose.setText(self.both("Choose your language, then touch Start.",
                                      self.tr("Choose your language, then touch Start.")))
        self.modes_label.setText(self.tr("Easier to read:"))
        self.large_text.setText(self.tr("Larger text"))
        self.high_contrast.setText(self.tr("High contrast"))
        describe(self.large_text, self.tr("Larger text"),
                 self.tr("Show all text on the kiosk larger. Touch again for normal text."))
        describe(self.high_contrast, self.tr("High contrast"),
                 self.tr("Show white and yellow text on black. Touch again for normal colours."))
        for code, b in self.language_buttons.items():
            b.setAccessibleDescription(self.tr("Use the kiosk in %1").replace("%1", LANGUAGES[code]))
        self.setButtonText(QWizard.WizardButton.NextButton, self.both("Start", self.tr("Start")).replace("\n", " / "))

    def clear(self) -> None:
        """The next visitor starts with standard text and colours."""
        super().clear()
        self.large_text.setChecked(False)
        self.high_contrast.setChecked(False)
        set_display_mode(large_text=False, high_contrast=False)
