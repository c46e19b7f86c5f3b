"""Evaluate one case against RULES.md: the decision, every finding, who attends, the group, the date."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from kiosk.domain.calendar import PostCalendar
from kiosk.domain.categories import NOT_HANDLED, category_of, is_preference
from kiosk.domain.cutoffs import cutoff_in_force, is_current, month_of
from kiosk.domain.dates import age_on, birthday_on_year, day_after, more_than_years_before
from kiosk.domain.messages import render
from kiosk.domain.model import (
    Applicant,
    BookedVia,
    Case,
    Cspa,
    Cutoff,
    Decision,
    Evaluation,
    Finding,
    InquiryKind,
    Policy,
    Role,
)

log = logging.getLogger(__name__)

NOT_HANDLED_CODES = frozenset({"VISA_CLASS_NOT_HANDLED"})
INQUIRY_CODES = frozenset({
    "ALREADY_INTERVIEWED", "PRINCIPAL_NO_CONTACT_1Y", "CASE_NOT_CURRENT", "CUTOFF_UNKNOWN",
    "VISA_CLASS_CHANGED", "CSPA_CHECK_REQUIRED", "LETTER_MISSING",
})
WAIT_CODES = frozenset({"ORIGINAL_APPOINTMENT_NOT_MISSED", "CHANGE_WINDOW_CLOSED"})
# Applicant-level rules: the applicant stays home, the rest of the case goes on.
REMOVES_APPLICANT = frozenset({"CHILD_MARRIED", "CHILD_AGED_OUT", "DERIVATIVE_NOT_ON_LETTER"})

DOCUMENTS_TO_ADD = {
    Role.CHILD: ("birth certificate",),
    Role.SPOUSE: ("marriage certificate", "spouse's birth certificate"),
}


class _Findings:
    """Findings in RULES.md order, plus the dates the wait rules give."""

    def __init__(self) -> None:
        self.items: list[Finding] = []
        self.wait_until: list[date] = []

    def add(self, key: str, applicant: Applicant | None = None, *, inquiry: InquiryKind | None = None,
            documents: tuple[str, ...] = (), shared: Mapping[str, object] | None = None,
            **fields: object) -> None:
        fields = {**(shared or {}), **fields}
        if applicant is not None:
            fields.setdefault("name", applicant.full_name)
        message, remedy = render(key, **fields)
        self.items.append(Finding(code=key.partition(":")[0], applicant=None if applicant is None else applicant.id,
                                  message=message, remedy=remedy, inquiry=inquiry, documents=documents,
                                  key=key, fields=tuple((k, str(v)) for k, v in sorted(fields.items()))))


def _when(start: datetime) -> str:
    return start.strftime("%Y-%m-%d %H:%M")


def _is_married(a: Applicant) -> bool:
    return a.marital_status.strip().lower() == "married"


def _cutoff_rules(case: Case, category: str, cutoffs: Sequence[Cutoff], today: date, out: _Findings) -> None:
    where = {"case_number": case.case_number, "category": category, "chargeability": case.chargeability or "ALL"}
    if case.priority_date is None:
        out.add("CASE_NOT_CURRENT:no_priority_date", inquiry=InquiryKind.NOT_CURRENT, shared=where)
        return
    row = cutoff_in_force(cutoffs, category, case.chargeability, today)
    if row is None:
        # RULES.md: also an operator warning; the import is missing a bulletin row.
        log.warning("no cut-off for %s / %s in %s (case %s)", category, case.chargeability,
                    month_of(today), case.case_number)
        out.add("CUTOFF_UNKNOWN", inquiry=InquiryKind.NOT_CURRENT, month=month_of(today), shared=where)
    elif not is_current(case.priority_date, row.final_action):
        if isinstance(row.final_action, date):
            out.add("CASE_NOT_CURRENT", inquiry=InquiryKind.NOT_CURRENT, priority_date=case.priority_date,
                    final_action=row.final_action.isoformat(), shared=where)
        else:  # "U": "C" is always current
            out.add("CASE_NOT_CURRENT:unavailable", inquiry=InquiryKind.NOT_CURRENT, shared=where)


def _appointment_rules(case: Case, today: date, policy: Policy, calendar: PostCalendar, out: _Findings) -> None:
    appointment = case.appointment
    if appointment is None or appointment.start.date() < today:
        return
    day = appointment.start.date()
    earliest = day_after(day)  # "wait until the appointment date has passed"
    if appointment.booked_via is BookedVia.CONSULATE:
        out.add("ORIGINAL_APPOINTMENT_NOT_MISSED", appointment=_when(appointment.start), earliest=earliest)
        out.wait_until.append(earliest)
    else:
        deadline = calendar.change_deadline(day, policy)
        if today > deadline:
            out.add("CHANGE_WINDOW_CLOSED", appointment=_when(appointment.start), deadline=deadline,
                    working_days=policy.change_window_working_days, earliest=earliest)
            out.wait_until.append(earliest)


def _child_age_rules(case: Case, today: date, policy: Policy, out: _Findings) -> None:
    """CSPA_CHECK_REQUIRED and CHILD_TURNS_21_SOON: unmarried children without a CSPA decision."""
    limit = policy.child_age_limit
    for child in case.applicants:
        if child.role is not Role.CHILD or child.date_of_birth is None or _is_married(child) or child.cspa:
            continue
        age = age_on(child.date_of_birth, today)
        if age >= limit:
            out.add("CSPA_CHECK_REQUIRED", child, inquiry=InquiryKind.CSPA, age=age)
        else:
            birthday = birthday_on_year(child.date_of_birth, child.date_of_birth.year + limit)
            if birthday <= today + timedelta(days=policy.child_warning_days):
                out.add("CHILD_TURNS_21_SOON", child, age_limit=limit, birthday=birthday)


def _group_rule(case: Case, group: Sequence[Case], today: date, out: _Findings) -> tuple[tuple[str, ...], str | None]:
    """SAME_PETITIONER_GROUP: the open cases of the petitioner, and a system booking to join."""
    others = sorted(
        (g for g in group
         if g.case_number != case.case_number and not g.interviewed
         and case.petitioner_id and g.petitioner_id == case.petitioner_id),
        key=lambda g: g.case_number,
    )
    members = tuple(sorted({case.case_number, *(g.case_number for g in others)}))
    if not others:
        return members, None
    booked = [(g.appointment.start, g.case_number) for g in others
              if g.appointment is not None and g.appointment.booked_via is BookedVia.SYSTEM
              and g.appointment.start.date() >= today]
    fields = {"case_number": case.case_number, "others": ", ".join(g.case_number for g in others),
              "group": ", ".join(members)}
    if not booked:
        out.add("SAME_PETITIONER_GROUP", shared=fields)
        return members, None
    join_start, join_number = min(booked)
    out.add("SAME_PETITIONER_GROUP:join", join=join_number, appointment=_when(join_start), shared=fields)
    return members, join_number


def _applicant_rules(case: Case, today: date, policy: Policy, out: _Findings) -> None:
    for a in case.applicants:
        if a.role is Role.CHILD and _is_married(a):
            out.add("CHILD_MARRIED", a)
        if (a.role is Role.CHILD and a.cspa is Cspa.NOT_PROTECTED and a.date_of_birth is not None
                and age_on(a.date_of_birth, today) >= policy.child_age_limit):
            out.add("CHILD_AGED_OUT", a, age=age_on(a.date_of_birth, today))
        if a.is_derivative and not a.on_letter:
            documents = DOCUMENTS_TO_ADD[a.role]
            out.add("DERIVATIVE_NOT_ON_LETTER", a, inquiry=InquiryKind.ADD_DERIVATIVE, documents=documents,
                    documents_list=", ".join(documents))


def _decide(case: Case, codes: set[str], wait_until: list[date], today: date) -> tuple[Decision, date | None]:
    """not_handled > inquiry > wait > schedule/reschedule."""
    if codes & NOT_HANDLED_CODES:
        return Decision.NOT_HANDLED, None
    if codes & INQUIRY_CODES:
        return Decision.INQUIRY, None
    if wait_until:
        return Decision.WAIT, max(wait_until)
    appointment = case.appointment
    never_booked = (appointment is None or appointment.booked_via is BookedVia.CONSULATE)
    if never_booked and not case.booked_via_system_before:
        return Decision.SCHEDULE, today
    return Decision.RESCHEDULE, today


def evaluate(case: Case, *, today: date, policy: Policy, cutoffs: Sequence[Cutoff], calendar: PostCalendar,
             group: Sequence[Case] = (), has_letter: bool = True) -> Evaluation:
    """Every rule of RULES.md on one case. `group`: the other cases of the same petitioner."""
    out = _Findings()
    category = category_of(case.visa_class)
    if category == NOT_HANDLED:
        out.add("VISA_CLASS_NOT_HANDLED", visa_class=case.visa_class)
    if case.interviewed:
        out.add("ALREADY_INTERVIEWED", inquiry=InquiryKind.INTERVIEWED, case_number=case.case_number)
    if case.last_contact is not None and more_than_years_before(case.last_contact, today, policy.no_contact_years):
        out.add("PRINCIPAL_NO_CONTACT_1Y", inquiry=InquiryKind.NO_CONTACT, case_number=case.case_number,
                last_contact=case.last_contact, years=policy.no_contact_years)
    if is_preference(category):  # immediate relatives are always current; K/SB1 are not handled at all
        _cutoff_rules(case, category, cutoffs, today, out)
    if case.visa_class_changed:
        out.add("VISA_CLASS_CHANGED", inquiry=InquiryKind.CLASS_CHANGED, case_number=case.case_number)
    _appointment_rules(case, today, policy, calendar, out)
    _child_age_rules(case, today, policy, out)
    members, join = _group_rule(case, group, today, out)
    _applicant_rules(case, today, policy, out)
    if not has_letter:
        out.add("LETTER_MISSING", inquiry=InquiryKind.LETTER_COPY)

    findings = tuple(out.items)
    removed = {f.applicant for f in findings if f.code in REMOVES_APPLICANT}
    decision, earliest = _decide(case, {f.code for f in findings}, out.wait_until, today)
    return Evaluation(
        case_number=case.case_number,
        decision=decision,
        findings=findings,
        attending=tuple(a.id for a in case.applicants if a.id not in removed),
        group=members,
        earliest_date=earliest,
        join_booking_of=join,
    )


def evaluation_to_dict(ev: Evaluation) -> dict[str, Any]:
    """The `kiosk-admin eligibility --json` object of DATA.md (plus inquiry, documents, join_booking_of)."""
    return {
        "case_number": ev.case_number,
        "decision": ev.decision.value,
        "codes": ev.codes,
        "attending": list(ev.attending),
        "group": sorted(ev.group),
        "earliest_date": ev.earliest_date.isoformat() if ev.earliest_date else None,
        "join_booking_of": ev.join_booking_of,
        "findings": [
            {"code": f.code, "applicant": f.applicant, "message": f.message, "remedy": f.remedy,
             "inquiry": f.inquiry.value if f.inquiry else None, "documents": list(f.documents)}
            for f in ev.findings
        ],
    }
