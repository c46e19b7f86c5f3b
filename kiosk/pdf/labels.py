"""Every word the printed confirmation and inquiry receipt show, in one place; English source, any language by `labels_for`."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from functools import cache

from kiosk.domain.model import InquiryKind
from kiosk.i18n import facts
from kiosk.i18n import DOCUMENTS, PRINTOUT, SOURCE_LANGUAGE, check_language, translate


@dataclass(frozen=True)
class Labels:
    """Fixed text of the printouts; a translation is another instance of this class."""

    confirmation_title: str = "Immigrant visa interview — appointment confirmation"
    copy_banner: str = "COPY — reprinted {printed}. The booking itself is unchanged."
    replaces: str = "This confirmation replaces booking {reference}. That booking is no longer valid."
    case_number: str = "Case number"
    booking_reference: str = "Booking reference"
    joined_cases: str = "Cases booked together"
    interview_date: str = "Date and time"
    issued_at: str = "Issued"
    account: str = "Your user name (to sign in next time)"
    issued_offline: str = (
        "Issued offline by this kiosk. This confirmation is final: the booking is yours, and the "
        "consulate's system records it as soon as the kiosk reconnects."
    )
    applicants: str = "Applicants attending the interview"
    what_to_bring: str = "What to bring"
    change_rule_title: str = "If you cannot attend"
    qr_caption: str = "For the consulate: scan to verify"

    receipt_title: str = "Inquiry receipt"
    inquiry_reference: str = "Inquiry reference"
    inquiry_kind: str = "Inquiry"
    applicant: str = "Applicant"
    submitted_at: str = "Submitted"
    answer_to: str = "The answer goes to"
    answer_by: str = "Expect the answer by"
    your_message: str = "Your message"
    documents: str = "Documents to bring or send"
    document_status: str = "Status"
    no_documents: str = "No documents are needed for this inquiry."
    next_steps: str = "What happens next"
    keep_reference: str = (
        "Keep this receipt. Quote the inquiry reference whenever you contact the consulate "
        "about this inquiry."
    )
    page_of: str = "Page {page} of {pages}"  # the foot of a printout that runs onto more pages
    # A demo kiosk's printouts say so on every page: a demo confirmation must never pass for a real one.
    demo_watermark: str = "DEMO"
    demo_confirmation: str = "DEMO — not a real appointment. Printed by a demonstration kiosk; not valid at the consulate."
    demo_receipt: str = "DEMO — not a real inquiry. Printed by a demonstration kiosk; not valid at the consulate."


    language: str = SOURCE_LANGUAGE  # not a text: which language these labels are in

    def text(self, source: str) -> str:
        """Any other fixed printout text (what to bring, titles, next steps) in this language."""
        return translate(PRINTOUT, source, self.language)

    def document(self, name: str) -> str:
        """A document name as the domain gives it ("birth certificate"), in this language."""
        found = translate(DOCUMENTS, name, self.language)
        if found == name and name[:1].isupper():  # "Marriage certificate" typed by a clerk
            lowered = name[:1].lower() + name[1:]
            found = translate(DOCUMENTS, lowered, self.language)
            return name if found == lowered else found
        return found

    def long_date(self, day: date) -> str:
        return facts.long_date(day, self.language)

    def when(self, moment: datetime, timezone: str) -> str:
        return facts.when(moment, timezone, self.language)

    def kind_title(self, kind: InquiryKind) -> str:
        return self.text(INQUIRY_KIND_TITLES[kind])

    def next_steps_for(self, kind: InquiryKind) -> str:
        return self.text(INQUIRY_NEXT_STEPS[kind])

    def status_title(self, status: str) -> str:
        return self.text(DOCUMENT_STATUS_TITLES[status]) if status in DOCUMENT_STATUS_TITLES else status


LABELS = Labels()
TEXT_FIELDS = tuple(f.name for f in fields(Labels) if f.name != "language")


@cache
def labels_for(language: str = SOURCE_LANGUAGE) -> Labels:
    """The printout labels in `language` ("en", "zh_CN"), from the same catalogue as the screens."""
    if check_language(language) == SOURCE_LANGUAGE:
        return LABELS
    texts = {name: translate(PRINTOUT, getattr(LABELS, name), language) for name in TEXT_FIELDS}
    return replace(LABELS, language=language, **texts)


# What an applicant brings to the interview (the post may replace this list per booking).
DEFAULT_WHAT_TO_BRING: tuple[str, ...] = (
    "This confirmation, printed.",
    "The original Appointment Letter (Packet 4) with your case number.",
    "A valid passport for every applicant attending.",
    "Original civil documents (birth, marriage, police certificates) and a copy of each.",
    "The medical examination results, if the panel physician gave them to you sealed.",
)

INQUIRY_KIND_TITLES: dict[InquiryKind, str] = {
    InquiryKind.LETTER_COPY: "Copy of the Appointment Letter",
    InquiryKind.ADD_DERIVATIVE: "Add a spouse or child to the case",
    InquiryKind.CSPA: "Child Status Protection Act (CSPA) check",
    InquiryKind.INTERVIEWED: "Case already interviewed",
    InquiryKind.NO_CONTACT: "No contact with the consulate for more than a year",
    InquiryKind.NOT_CURRENT: "Case not current under the cut-off dates",
    InquiryKind.CLASS_CHANGED: "Visa class changed",
}

INQUIRY_NEXT_STEPS: dict[InquiryKind, str] = {
    InquiryKind.LETTER_COPY: "The consulate will send you a copy of your Appointment Letter. "
    "Book an appointment once you have it.",
    InquiryKind.ADD_DERIVATIVE: "Bring or send a copy of each document listed above. The consulate "
    "will tell you when the applicant has been added; do not book before then.",
    InquiryKind.CSPA: "Do not book an interview or undertake the visa medical examination for the "
    "child until the consulate has written to you about the child's eligibility.",
    InquiryKind.INTERVIEWED: "Your case has already been interviewed. The consulate will answer "
    "your inquiry; do not book a new appointment.",
    InquiryKind.NO_CONTACT: "The consulate will review your case and tell you how to continue "
    "before any appointment is booked.",
    InquiryKind.NOT_CURRENT: "Your case can be scheduled once it is current. The consulate will "
    "answer your inquiry.",
    InquiryKind.CLASS_CHANGED: "The consulate will review the change of visa class and tell you "
    "how to continue.",
}

DOCUMENT_STATUS_TITLES: dict[str, str] = {
    "expected": "still to bring or send",
    "received": "received",
    "accepted": "accepted",
    "rejected": "not accepted — please send again",
}
