"""Every applicant-facing text of the rules, keyed by rule code, so a translation can key on the code."""

from __future__ import annotations

# key → (message: what and why, remedy: what to do), filled with str.format. A key is the rule code,
# or "CODE:variant" where one code has differently worded cases; no English is assembled outside.
MESSAGES: dict[str, tuple[str, str]] = {
    "VISA_CLASS_NOT_HANDLED": (
        "Visa class {visa_class} (fiancé(e)s and their children, nonimmigrant spouses, returning "
        "residents) cannot be scheduled or rescheduled with this service.",
        "Please ask at the counter how to proceed with your case.",
    ),
    "ALREADY_INTERVIEWED": (
        "Case {case_number} has already been interviewed, so a new interview cannot be booked.",
        "Submit an inquiry to the Consulate about your case instead of booking.",
    ),
    "PRINCIPAL_NO_CONTACT_1Y": (
        "The last contact with the Consulate about case {case_number} was on {last_contact}, more than "
        "{years} year(s) ago.",
        "Submit an inquiry to the Consulate to reactivate your case instead of booking.",
    ),
    "CASE_NOT_CURRENT": (
        "Case {case_number} ({category}, chargeability {chargeability}) is not current: its priority "
        "date {priority_date} is not earlier than the final action date {final_action} in force this month.",
        "Do not book an interview. Submit an inquiry, or wait until your priority date is current.",
    ),
    "CASE_NOT_CURRENT:unavailable": (
        "Case {case_number} ({category}, chargeability {chargeability}) is not current: no visas are "
        "available in this category this month.",
        "Do not book an interview. Submit an inquiry, or wait until visas are available again.",
    ),
    "CASE_NOT_CURRENT:no_priority_date": (
        "Case {case_number} ({category}) has no priority date on record, so it cannot be found current.",
        "Do not book an interview. Submit an inquiry about your priority date.",
    ),
    "CUTOFF_UNKNOWN": (
        "No cut-off date is recorded for {category}, chargeability {chargeability}, in {month}, so the "
        "kiosk cannot tell whether case {case_number} is current.",
        "Submit an inquiry about whether your case is current; the staff have been notified.",
    ),
    "VISA_CLASS_CHANGED": (
        "The visa class of case {case_number} has been changed.",
        "Submit an inquiry to the Consulate instead of booking.",
    ),
    "ORIGINAL_APPOINTMENT_NOT_MISSED": (
        "Your appointment scheduled by the Consulate on {appointment} has not passed yet. A new "
        "appointment may only be booked after a missed one.",
        "Attend that appointment. If you miss it, you may book a new one from {earliest}.",
    ),
    "CHANGE_WINDOW_CLOSED": (
        "Your appointment on {appointment} can no longer be changed or cancelled: changes were "
        "possible until the end of {deadline} ({working_days} working days before it).",
        "Attend that appointment. If you miss it, you may book a new one from {earliest}.",
    ),
    "CSPA_CHECK_REQUIRED": (
        "{name} is {age} years old and the Consulate has not yet confirmed whether the Child Status "
        "Protection Act (CSPA) protects them. Children over 21 without that confirmation should not "
        "book an interview or take the medical examination.",
        "Submit a CSPA inquiry for {name} before rescheduling.",
    ),
    "CHILD_TURNS_21_SOON": (
        "{name} turns {age_limit} on {birthday}. After that day a child may no longer be able to "
        "derive status unless the Child Status Protection Act (CSPA) protects them.",
        "Choose an early appointment, before {birthday}, or submit a CSPA inquiry first.",
    ),
    "SAME_PETITIONER_GROUP": (
        "Cases {others} have the same petitioner as case {case_number}. Cases with the same petitioner "
        "must not book separate appointments.",
        "Book one appointment for all applicants of cases {group}.",
    ),
    "SAME_PETITIONER_GROUP:join": (
        "Cases {others} have the same petitioner as case {case_number}, and case {join} already holds "
        "an appointment on {appointment}.",
        "Add the applicants of case {case_number} to the appointment of case {join} instead of booking "
        "another one.",
    ),
    "CHILD_MARRIED": (
        "{name} is married. A married child cannot derive immigration status from the principal applicant.",
        "Book the interview for the other applicants. {name} may be able to immigrate on a petition of "
        "their own; please ask at the counter about it.",
    ),
    "CHILD_AGED_OUT": (
        "{name} is {age} years old and the Consulate has found that the Child Status Protection Act "
        "(CSPA) does not protect them.",
        "Book the interview for the other applicants. {name} may be able to immigrate on a petition of "
        "their own; please ask at the counter about it.",
    ),
    "DERIVATIVE_NOT_ON_LETTER": (
        "{name} is not named on the Appointment Letter, so they cannot be added to the interview here.",
        "Submit an inquiry to add {name} to the case, attaching a scanned copy of: {documents_list}.",
    ),
    "LETTER_MISSING": (
        "You need the original Appointment Letter (Packet 4): it carries your case number and the "
        "names of all eligible applicants.",
        "Submit an inquiry to request a copy of your Appointment Letter.",
    ),
    # Calendar codes: refusals of one slot, booking or change.
    "NOT_A_WORKING_DAY": (
        "{day} is not a working day of the post: {holiday}.",
        "Choose another day.",
    ),
    "NOT_A_WORKING_DAY:weekend": (
        "{day} is a weekend day; the post is closed.",
        "Choose another day.",
    ),
    "SLOT_CLOSED": (
        "The appointment at {start} is less than {hours} hours away and can no longer be booked.",
        "Choose a later appointment.",
    ),
    "OUTSIDE_HORIZON": (
        "The appointment at {start} is more than {days} days ahead and cannot be booked yet.",
        "Choose an earlier appointment.",
    ),
    "SLOT_FULL": (
        "The appointment at {start} has {seats_left} seat(s) left, but {needed} applicant(s) must attend.",
        "Choose another appointment.",
    ),
}


def render(key: str, **fields: object) -> tuple[str, str]:
    """The (message, remedy) for a code or "CODE:variant", filled with `fields`."""
    message, remedy = MESSAGES[key]
    return message.format(**fields), remedy.format(**fields)
