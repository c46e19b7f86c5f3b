"""Inquiry: what the Consulate will be asked, the documents to bring, an optional message; Send records it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QCheckBox, QFormLayout, QPlainTextEdit, QWizard

from kiosk.app.visit import VisitServices
from kiosk.domain.model import InquiryKind
from kiosk.pdf.labels import labels_for
from ui.i18n import current_language, finding_texts, translate_document
from ui.pages.base import KioskPage, name_of
from ui.pages.ids import PageId
from ui.style import SCREENS, current_mode
from ui.widgets.common import Card, KioskLineEdit, check_row, clear_layout, describe, named, numeric_hints, role_label

MAX_TEXT = 1000  # the service allows 4000; a kiosk message stays short


class InquiryPage(KioskPage):
    def __init__(self, services: VisitServices) -> None:
        super().__init__(services)
        self.setCommitPage(True)
        self.about = Card()
        self.box.addWidget(self.about)
        form = QFormLayout()
        self.case_number = KioskLineEdit(objectName="inquiryCaseNumber")
        self.case_number.setMaxLength(40)
        self.date_of_birth = KioskLineEdit(objectName="inquiryDateOfBirth")
        self.date_of_birth.setMaxLength(20)
        numeric_hints(self.case_number)
        numeric_hints(self.date_of_birth, date=True)
        self.case_label, self.dob_label, self.text_label = role_label(), role_label(), role_label()
        form.addRow(self.case_label, self.case_number)
        form.addRow(self.dob_label, self.date_of_birth)
        self.text = named(QPlainTextEdit(), "inquiryText")
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.text.setAcceptDrops(False)
        self.text.setTabChangesFocus(True)  # keyboard users must be able to leave the box with Tab
        form.addRow(self.text_label, self.text)
        # Where the answer goes: asked, and kept only with the applicant's consent.
        self.contact_label = role_label()
        self.contact = KioskLineEdit(objectName="inquiryContact")
        self.contact.setMaxLength(300)
        form.addRow(self.contact_label, self.contact)
        form.addRow("", self.field_error("contact", self.contact))
        self.consent = named(QCheckBox(), "contactConsent")
        self.consent.toggled.connect(self.clear_error_when)
        # Across both columns, its words wrapping to the room there is: one line where the screen allows.
        consent_row, self.consent_label = check_row(self.consent)
        form.addRow(consent_row)
        self.box.addLayout(form)
        self.case_number.returnPressed.connect(self.date_of_birth.setFocus)
        self.date_of_birth.returnPressed.connect(self.text.setFocus)
        for w in (self.case_number, self.date_of_birth):
            w.textChanged.connect(self.completeChanged)
        self.text.textChanged.connect(self._limit)
        self.box.addStretch(1)
        self.add_status_labels()
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._size_text()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._size_text()
        super().resizeEvent(event)

    def _size_text(self) -> None:
        """Three lines tall (two in larger text on a short screen, where the whole page must fit above the
        fold): it fits above the on-screen keyboard too."""
        mode = current_mode()
        lines = 2 if mode.large_text and mode.screen == SCREENS["compact"] else 3
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * lines + 20)

    def nextId(self) -> int:  # Send leads to Done, never straight to Finish
        return PageId.DONE

    @property
    def without_letter(self) -> bool:
        return self.wizard() is not None and self.visit.lookup is None

    def inputs(self) -> list[Any]:
        return [self.case_number, self.date_of_birth, self.text, self.contact, self.consent]

    def ready(self) -> bool:
        if self.without_letter:
            return bool(self.case_number.text().strip() and self.date_of_birth.text().strip())
        return True

    def _limit(self) -> None:
        if len(self.text.toPlainText()) > MAX_TEXT:
            self.text.setPlainText(self.text.toPlainText()[:MAX_TEXT])

    def initializePage(self) -> None:
        self.render_page()
        QTimer.singleShot(0, (self.case_number if self.without_letter else self.text).setFocus)

    def render_page(self) -> None:
        clear_layout(self.about.layout())
        if self.wizard() is None:
            return
        visit = self.visit
        for w in (self.case_number, self.date_of_birth, self.case_label, self.dob_label):
            w.setVisible(self.without_letter)
        finding = visit.notes.get("inquiry_finding")
        self.about.add_line(self.kind_title(visit.inquiry_kind), "subtitle")
        if self.without_letter:
            self.about.add_line(self.tr(
                "The Consulate will send a copy of your Appointment Letter. Enter the case number from "
                "any letter or e-mail about your case (from the Consulate or the National Visa Center) "
                "and the principal applicant's date of birth. If you have no case number at all, please "
                "ask at the counter."))
            return
        self.about.add_line(self.tr("Case %1").replace("%1", visit.case_number), "hint")
        if finding is not None:
            if finding.applicant:
                self.about.add_line(name_of(visit.lookup, finding.applicant))
            self.about.add_line(finding_texts(finding)[0])
            scans = visit.scans
            scanned = [d for d in finding.documents if scans is not None and d in scans.names and scans.pages(d)]
            if scanned:
                self.about.add_line(self.tr("Scanned here, sent with this inquiry:"), "hint")
                for doc in scanned:
                    self.about.add_line("  ✓ " + translate_document(doc))
            if any(d not in scanned for d in finding.documents):
                self.about.add_line(self.tr("Please bring or send a scanned copy of:"), "hint")
                for doc in finding.documents:
                    if doc not in scanned:
                        self.about.add_line("  • " + translate_document(doc))

    def kind_title(self, kind: str) -> str:
        """One name per inquiry kind: the receipt's (kiosk.pdf.labels), in the visit's language."""
        try:
            return labels_for(current_language()).kind_title(InquiryKind(kind))
        except ValueError:
            return self.tr("Inquiry")

    def start_validation(self) -> bool:
        visit = self.visit
        kind, text = visit.inquiry_kind, self.text.toPlainText().strip()
        contact, consent = self.contact.text().strip(), self.consent.isChecked()
        self.show_error("")
        if not contact:
            self.mark_field("contact", self.tr("Enter an e-mail address or a postal address for the answer."))
            self.show_error(self.tr("Enter an e-mail address or a postal address for the answer."))
            return False
        if not consent:
            self.show_error(self.tr("Tick the box to let the Consulate keep this address for its answer."))
            return False
        if self.without_letter:
            case_text, dob_text = self.case_number.text(), self.date_of_birth.text()
            fn = lambda: self.services.letter_copy_inquiry(case_text, dob_text, text, contact, consent)  # noqa: E731
        else:
            finding = visit.notes.get("inquiry_finding")
            number = visit.case_number
            applicant = finding.applicant if finding is not None else None
            documents = tuple(finding.documents) if finding is not None else ()
            scans = visit.scans if visit.scans is not None and visit.scans.names == documents else None
            fn = lambda: self.services.submit_inquiry(  # noqa: E731
                case_number=number, kind=kind, applicant_id=applicant, text=text, documents=documents,
                contact=contact, consent=consent, scans=scans)
        self.run(fn, self._sent, busy_text=self.tr("Sending your inquiry…"))
        return False

    def _sent(self, record: Any) -> None:
        self.visit.result = record
        self.approve()

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Submit an inquiry"))
        self.case_label.setText(self.tr("Case number"))
        self.dob_label.setText(self.tr("Date of birth"))
        self.date_of_birth.setPlaceholderText(self.tr("year month day, e.g. 19880730"))
        self.case_number.setPlaceholderText(self.tr("e.g. GUZ2019541234"))
        self.text_label.setText(self.tr("Message (optional)"))
        # The question as the label, the kinds of address as the field's hint: one line on a short screen.
        self.contact_label.setText(self.tr("Where should the answer go?"))
        self.contact.setPlaceholderText(self.tr("E-mail or postal address"))
        self.consent_label.setText(self.tr("I agree that the Consulate keeps this address to answer this inquiry"))
        describe(self.case_number, self.tr("Case number"),
                 self.tr("The case number from any letter or e-mail about your case"))
        describe(self.date_of_birth, self.tr("Date of birth"),
                 self.tr("The principal applicant's date of birth, as year-month-day"))
        describe(self.contact, self.tr("Where should the answer go?"),
                 self.tr("Your e-mail address or postal address, for the Consulate's answer"))
        describe(self.consent, self.consent_label.text(), self.tr("Needed to send the inquiry: the address is kept only "
                                                             "to answer it"))
        describe(self.text, self.tr("Message (optional)"),
                 self.tr("Anything the Consulate should know, at most 1000 characters. Tab leaves this box."))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Send inquiry"))
        self.render_page()

    def clear(self) -> None:
        super().clear()
        self.case_number.clear()
        self.date_of_birth.clear()
        self.text.clear()
        self.contact.clear()
        self.consent.setChecked(False)
        clear_layout(self.about.layout())
