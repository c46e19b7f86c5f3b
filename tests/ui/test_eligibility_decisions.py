"""The demo cases that used to say two things at once: each page now shows one decision and one primary action,
and an applicant-level finding says what to do next and offers it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QWizard

from tests.ui.helpers import look_up, press, start_and_sign_up
from ui.pages.ids import PageId


def _shown(kiosk):  # type: ignore[no-untyped-def]
    page = kiosk.wizard.page_of(PageId.ELIGIBILITY)
    labels = [w.text() for w in page.findChildren(QLabel) if w.isVisible()]
    buttons = [b for b in page.findChildren(QPushButton) if b.isVisible() and b.objectName().startswith("inquiry_")]
    primary = [b for b in page.findChildren(QPushButton) if b.isVisible() and b.property("role") == "primary"]
    wiz = kiosk.wizard
    actions = [wiz.button(w) for w in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton,
                                       QWizard.WizardButton.FinishButton) if wiz.button(w).isVisible()]
    assert not primary and len(actions) == 1, [b.text() for b in primary + actions]  # one primary action
    return page.decision_label.text(), "\n".join(labels), buttons, actions[0].text()


@pytest.mark.parametrize(("case", "dob"), [("GUZ2019000012", "1975-08-08"), ("GUZ2019000013", "1974-02-14"),
                                           ("GUZ2019000016", "1970-05-05"), ("GUZ2019000019", "1989-03-21")])
def test_one_decision_and_one_primary_action(qtbot, kiosk, case: str, dob: str) -> None:
    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, case, dob)
    decision, text, buttons, action = _shown(kiosk)
    if case.endswith("12"):  # a son of 22 without a CSPA decision: do not book; Next makes the inquiry
        assert "do not book" in decision and action == "Submit an inquiry"
        assert "May attend" not in text and "Good news" not in text and buttons == []
    elif case.endswith("13"):  # a daughter turns 21 soon: book early, or make the CSPA inquiry offered here
        assert "Good news" in decision and action == "Choose a date"
        (cspa,) = buttons
        assert cspa.text().startswith("Submit a CSPA inquiry for GAO YUE")
        press(qtbot, cspa)
        qtbot.waitUntil(lambda: kiosk.wizard.currentId() == PageId.INQUIRY, timeout=10_000)
        assert kiosk.wizard.visit.inquiry_kind == "cspa"
    elif case.endswith("16"):  # a married daughter: the others book; the remedy says what she can do
        assert decision.startswith("You may book a new interview appointment for LIANG WEI") and "FANG" not in decision
        assert "Book the interview for the other applicants" in text and "ask at the counter" in text
        assert action == "Choose a date" and buttons == []
    else:  # a spouse not on the letter: the principal books; adding her is a secondary, named action
        assert decision.startswith("You may book a new interview appointment for FENG YU") and "Good news" not in decision
        (add,) = buttons
        assert add.text().startswith("Ask to add DENG NA") and action == "Choose a date"
