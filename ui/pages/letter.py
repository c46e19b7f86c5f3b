"""Letter lookup: case number as printed (typed or scanned) and the principal's date of birth."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QPushButton

from kiosk.app.visit import VisitServices
from kiosk.domain.errors import InputError
from kiosk.domain.model import InquiryKind
from ui.i18n import fmt_change_rule, fmt_datetime, fmt_time, sentences
from ui.pages.base import KioskPage
from ui.pages.ids import PageId
from ui.widgets.common import Card, KioskLineEdit, clear_layout, describe, named, numeric_hints, role_label


class LetterPage(KioskPage):
    def __init__(self, services: VisitServices) -> None:
        super().__init__(services)
        self.intro = role_label("subtitle")
        self.box.addWidget(self.intro)
        self.new_username = role_label("hint")  # after sign-up: the tagged user name to write down
        self.new_username.setObjectName("newUsername")
        self.box.addWidget(self.new_username)
        self.new_username.hide()
        # A returning applicant signed in: their case and appointment, picked without the letter.
        self.yours = Card()
        self.yours.setObjectName("yourCase")
        self.box.addWidget(self.yours)
        self.yours.hide()
        form = QFormLayout()
        form.setVerticalSpacing(12)
        self.case_number = KioskLineEdit(objectName="caseNumber")
        self.case_number.setMaxLength(40)  # room for a scanner's spaces, still bounded
        self.date_of_birth = KioskLineEdit(objectName="dateOfBirth")
        self.date_of_birth.setMaxLength(20)
        numeric_hints(self.case_number)
        numeric_hints(self.date_of_birth, date=True)
        self.case_label, self.dob_label = role_label(), role_label()
        self.case_hint = role_label("hint")  # under its own field, not under the date's
        form.addRow(self.case_label, self.case_number)
        form.addRow(self.case_hint)  # the whole width: one line, as it was below the form
        form.addRow("", self.field_error("case_number", self.case_number))
        form.addRow(self.dob_label, self.date_of_birth)
        form.addRow("", self.field_error("date_of_birth", self.date_of_birth))
        self.box.addLayout(form)
        # A barcode scanner types the number and then Enter: move on, never submit half a form.
        self.case_number.returnPressed.connect(self.date_of_birth.setFocus)
        self.date_of_birth.returnPressed.connect(self._enter_on_date)
        for w in (self.case_number, self.date_of_birth):
            w.textChanged.connect(self.completeChanged)
        self.box.addStretch(1)
        self.no_letter_hint = role_label("hint")
        self.box.addWidget(self.no_letter_hint)
        self.no_letter = named(QPushButton(), "noLetter")
        self.no_letter.clicked.connect(self._without_letter)
        self.sign_out = named(QPushButton(), "signOut")
        self.sign_out.setProperty("role", "small")
        self.sign_out.clicked.connect(self._sign_out)
        actions = QHBoxLayout()  # one row: a short screen keeps both above the fold
        actions.addWidget(self.no_letter, 1)
        actions.addWidget(self.sign_out)
        self.box.addLayout(actions)
        self.sign_out.hide()
        self.add_status_labels()
        self.retranslate()

    def inputs(self) -> list[Any]:
        return [self.case_number, self.date_of_birth, self.no_letter]

    def ready(self) -> bool:
        return True  # Next is never a dead button: touched with a field empty, it says which

    def initializePage(self) -> None:
        self.visit.has_letter = True
        self._say_new_username()
        self._show_yours()
        # After the wizard has placed its own focus: a scanner or a keyboard types into the case number.
        QTimer.singleShot(0, self.case_number.setFocus)

    def _say_new_username(self) -> None:
        made = self.visit.notes.get("new_username") if self.wizard() is not None else None  # ui.pages.signin
        self.new_username.setVisible(bool(made))
        if made:
            self.new_username.setText(self.tr("Your account is ready. Your user name is %1 — please write it "
                                              "down: you need it and your password to sign in next time.")
                                      .replace("%1", made))

    def nextId(self) -> int:
        return PageId.INQUIRY if not self.visit.has_letter else PageId.ELIGIBILITY

    def _enter_on_date(self) -> None:
        if self.isComplete() and self.case_number.text().strip():
            self.kiosk().next()

    def _without_letter(self) -> None:
        self.visit.has_letter = False
        self.visit.inquiry_kind = InquiryKind.LETTER_COPY.value
        self._approved = True  # no lookup: the letter-copy inquiry needs no case found
        self.kiosk().next()

    def start_validation(self) -> bool:
        case_text, dob_text, visit = self.case_number.text(), self.date_of_birth.text(), self.visit.id
        self.show_error("")
        missing = [(name, text) for name, typed, text in (
            ("case_number", case_text, self.tr("Enter the case number from your Appointment Letter.")),
            ("date_of_birth", dob_text, self.tr("Enter the principal applicant's date of birth.")))
            if not typed.strip()]
        if missing:
            for name, text in missing:
                self.mark_field(name, text)
            self.show_error("\n".join(text for _, text in missing))
            return False
        account = self.visit.account
        username = account.username if account is not None else None
        services = self.services

        def look_up_and_link() -> tuple[Any, BaseException | None]:
            # One worker job: the account remembers the case before the answer comes back, so the GUI
            # thread turns once (no second busy round trip between the look-up and the next page).
            lookup = services.look_up_letter(case_text, dob_text, visit)
            if username is None:
                return lookup, None
            try:
                services.link_case(username, lookup.case.case_number)
            except Exception as exc:  # noqa: BLE001 — remembering the case is a convenience: never blocks booking
                return lookup, exc
            return lookup, None

        self.run(look_up_and_link, self._found, self._refused, busy_text=self.tr("Looking up your case…"))
        return False

    def _refused(self, exc: BaseException) -> None:
        from kiosk.services.budgets import LOOKUP_AT_COUNTER, Throttled  # loaded on use: SQLAlchemy stays out
        from kiosk.services.letter import LookupLocked  # of start-up

        if isinstance(exc, Throttled):
            self.date_of_birth.clear()
            self.show_error(self.tr("We could not find this case after several tries. Please ask at the counter: "
                                    "staff there can help you now.") if exc.code == LOOKUP_AT_COUNTER else
                            self.tr("Look-ups are slowed down at the moment. Please try again in %n second(s), "
                                    "or ask at the counter.", "", exc.wait_seconds))
            return
        if not isinstance(exc, LookupLocked):
            self._miss(exc)
            return
        self.date_of_birth.clear()  # it may be someone else's: it does not stay on screen
        # Names nothing typed: the next visitor may read it, and it must not confirm that the case exists.
        self.show_error(self.tr("Too many attempts with this case number. For your security it cannot be "
                                "looked up again until %1. Please ask at the counter: staff there can "
                                "help you now.").replace("%1", fmt_time(exc.until)))

    def _miss(self, exc: BaseException) -> None:
        """The summary at the top, the message at the field(s), and the tries left before a lock."""
        self.show_failure(exc)
        if not isinstance(exc, InputError) or exc.field not in ("case_number", "date_of_birth"):
            return
        text = self.error_label.text().removeprefix("▲ ")
        tries = getattr(exc, "tries_left", None)
        if tries is not None:
            if getattr(exc, "to_counter", False):  # the visit's budget ends first (kiosk.services.budgets)
                text = sentences(text, self.tr("After %n more wrong try(s) we will ask you to go to the counter.", "",
                                               tries))
            else:
                text = sentences(text, self.tr("You have 1 try left before this case number is locked for 15 minutes.")
                               if tries == 1 else self.tr("You have %1 tries left before this case number is "
                                                          "locked for 15 minutes.").replace("%1", str(tries)))
            self.show_error(text)
            self.mark_field("case_number", self.tr("Check the case number."))
            self.mark_field("date_of_birth", self.tr("Check the date of birth."))
        else:
            self.show_error(text)
            self.mark_field(exc.field, text)

    def _found(self, answer: tuple[Any, BaseException | None]) -> None:
        lookup, link_failed = answer
        if link_failed is not None:
            self.services.cache_failed(link_failed)  # a damaged cache: the link checks and heals it soon
        self.visit.lookup = lookup
        self.visit.case_number = lookup.case.case_number
        self.approve()

    def _show_yours(self) -> None:
        clear_layout(self.yours.layout())
        cases = (self.visit.notes.get("your_cases") or []) if self.wizard() is not None else []
        self.yours.setVisible(bool(cases))
        for i, c in enumerate(cases):
            self.yours.add_line(self.tr("Your case %1").replace("%1", c.case_number), "subtitle")
            if c.appointment is not None:
                self.yours.add_line(self.tr("Your appointment: %1").replace("%1", fmt_datetime(c.appointment.start)))
                self.yours.add_line(fmt_change_rule(c.appointment), "hint")
                text = (self.tr("Change or cancel this appointment") if c.appointment.can_change
                        else self.tr("Continue with this case"))
            else:
                text = self.tr("Continue with this case")
            b = named(QPushButton(text), f"yourCase_{i}")
            b.clicked.connect(lambda _=False, number=c.case_number: self._use_case(number))
            self.yours.add_widget(b)
        if cases:
            self.yours.add_line(self.tr("For your safety we ask for the date of birth every time."), "hint")
        self.sign_out.setVisible(self.wizard() is not None and self.visit.account is not None)

    def _use_case(self, number: str) -> None:
        """The case number from the account, not from the letter; the date of birth is still asked."""
        self.case_number.setText(number)
        self.show_error("")
        self.date_of_birth.setFocus()

    def _sign_out(self) -> None:
        self.kiosk().visit_finished.emit()

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Your Appointment Letter"))
        self.intro.setText(self.tr("Type the case number exactly as printed on your letter, or scan "
                                   "its barcode, and the principal applicant's date of birth."))
        self.case_label.setText(self.tr("Case number"))
        self.dob_label.setText(self.tr("Date of birth"))
        self.case_number.setPlaceholderText(self.tr("e.g. GUZ2019541234"))
        self.date_of_birth.setPlaceholderText(self.tr("year month day, e.g. 19880730"))
        self.case_hint.setText(self.tr("Three letters and ten digits. Spaces and small letters are fine."))
        self.no_letter_hint.setText(self.tr("No letter with you? The case number is printed on it, so "
                                            "we need it to book. You can ask the Consulate for a copy."))
        self.no_letter.setText(self.tr("I don't have my letter"))
        self.sign_out.setText(self.tr("Sign out"))
        self._say_new_username()
        describe(self.sign_out, self.tr("Sign out"), self.tr("Ends this visit; nothing you typed stays on screen"))
        if self.wizard() is not None and self.yours.isVisible():
            self._show_yours()
        describe(self.case_number, self.tr("Case number"),
                 self.tr("The case number on your Appointment Letter: three letters and ten digits"))
        describe(self.date_of_birth, self.tr("Date of birth"),
                 self.tr("The principal applicant's date of birth, as year-month-day"))
        describe(self.no_letter, self.tr("I don't have my letter"),
                 self.tr("Ask the Consulate for a copy of your Appointment Letter instead of booking"))

    def clear(self) -> None:
        super().clear()
        self.case_number.clear()
        self.date_of_birth.clear()
        clear_layout(self.yours.layout())
        self.yours.hide()
        self.sign_out.hide()
        self.new_username.clear()
        self.new_username.hide()
