"""Read and validate a case file (`kiosk-cases/1`, DATA.md) into plain values, collecting every problem."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

from kiosk.domain.appointment import wall_clock
from kiosk.domain.categories import PREFERENCE_CATEGORIES, category_of
from kiosk.domain.cutoffs import parse_final_action
from kiosk.domain.dates import parse_case_number
from kiosk.domain.errors import InputError
from kiosk.domain.model import (
    Applicant,
    Appointment,
    BookedVia,
    Case,
    Cspa,
    Cutoff,
    FinalAction,
    Role,
)
from kiosk.services.casefile_model import CaseFile, CaseFileError, PostData, Problem, SlotData
from kiosk.services.casefile_reader import Getters
from kiosk.services.casefile_json import (
    DEFAULT_MAX_BYTES,
    JsonLimitError,
    parse_limited,
    read_limited,
)
from kiosk.services.casefile_limits import (
    MAX_APPLICANTS,
    MAX_SEATS,
    SLOT_ID,
    TEXT_LIMITS,
    Windows,
    shown,
)  # fmt: skip

__all__ = ["CaseFile", "CaseFileError", "PostData", "Problem", "SlotData", "file_now", "load_case_file", "parse_case_file"]

FORMAT = "kiosk-cases/1"
MARITAL_STATUSES = ("single", "married", "divorced", "widowed", "separated")
# The fields of each object of the format (DATA.md, plus the README's additions); any other is refused.
FIELDS = {
    "file": frozenset({"format", "post", "cutoffs", "slots", "closures", "cases"}),
    "post": frozenset({"code", "name", "country", "timezone", "address", "name_zh", "address_zh"}),
    "cutoff": frozenset({"month", "category", "chargeability", "final_action"}),
    "slot": frozenset({"id", "start", "seats"}),
    "closure": frozenset({"date", "reason"}),
    "case": frozenset({"case_number", "petitioner_id", "visa_class", "priority_date", "chargeability", "petition",
                       "interviewed", "visa_class_changed", "last_contact", "appointment", "applicants"}),
    "petition": frozenset({"filed", "approved"}),
    "appointment": frozenset({"start", "booked_via"}),
    "applicant": frozenset({"id", "role", "surname", "given_names", "date_of_birth", "marital_status", "on_letter",
                            "cspa", "native_name"}),
}


def load_case_file(path: Path | str, *, today: date | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> CaseFile:
    """Read a case file from disk; any problem raises CaseFileError naming what and where.

    The size (`max_bytes`) and nesting depth are checked before the JSON is parsed; dates are
    judged against `today` (the post's date of the import; default: the date at the post the file
    names).
    """
    source = str(path)
    try:
        data = parse_limited(read_limited(path, max_bytes), max_bytes)
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror}") from exc
    except JsonLimitError as exc:
        raise CaseFileError(source, [Problem("file", "-", str(exc))]) from None
    return parse_case_file(data, source=source, today=today)


def parse_case_file(data: Any, *, source: str = "case file", today: date | None = None) -> CaseFile:
    """Validate parsed JSON; dates are judged against `today`, by default the date at the post the file names."""
    reader = _Reader(Windows.around(today or file_now(data).date()))
    result = reader.read(data)
    reader.leftover_duplicates(data)
    if reader.problems:
        raise CaseFileError(source, reader.problems, reader.count)
    return result


def file_now(data: Any) -> datetime:
    """Now on the wall clock of the post the file names (a database before its first import knows none).

    A file naming no valid zone leaves only the machine's clock (the file is refused anyway
    when its zone is not a zone).
    """
    post = data.get("post") if isinstance(data, dict) else None
    zone = post.get("timezone") if isinstance(post, dict) else None
    if isinstance(zone, str):
        try:
            return wall_clock(zone.strip())
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return wall_clock(None)


class _Reader(Getters):
    """Walks the JSON once, turning each section into values and noting each problem."""

    # -- sections
    def read(self, data: Any) -> CaseFile:
        out = CaseFile()
        data = self.obj(data, "file", known=FIELDS["file"])
        if data is None:
            return out
        fmt = data.get("format", FORMAT)
        if fmt != FORMAT:
            self.bad("file", "format", f"expected {FORMAT!r}, got {shown(fmt)}")
        if data.get("post") is not None:
            out.post = self.post(data["post"])
        for i, row in enumerate(self.section(data, "cutoffs")):
            cutoff = self.cutoff(row, f"cutoffs[{i}]")
            if cutoff:
                out.cutoffs.append(cutoff)
        seen_slots: set[str] = set()
        for i, row in enumerate(self.section(data, "slots")):
            slot = self.slot(row, f"slots[{i}]")
            if slot and slot.id in seen_slots:
                self.bad(f"slots[{i}]", "id", f"duplicate slot id {slot.id!r}")
            elif slot:
                seen_slots.add(slot.id)
                out.slots.append(slot)
        for i, row in enumerate(self.section(data, "closures")):
            where = f"closures[{i}]"
            if (row := self.obj(row, where, known=FIELDS["closure"])) is None:
                continue
            day = self.day(row, "date", where, self.windows.schedule, required=True)
            reason = self.text(row, "reason", where, "closure.reason", required=False)
            if day and (reason is not None or row.get("reason") is None):
                out.closures.append((day, reason or ""))
        seen_cases: set[str] = set()
        seen_applicants: set[str] = set()
        rows = self.section(data, "cases")
        for i, row in enumerate(rows):
            case = self.case(row, i, seen_cases, seen_applicants)
            self.leftover_duplicates(row, f"cases[{i}]")
            rows[i] = None  # memory: each case's JSON goes as soon as it is read
            if case is not None:
                out.cases.append(case)
        return out

    def post(self, obj: Any) -> PostData | None:
        if (obj := self.obj(obj, "post", known=FIELDS["post"])) is None:
            return None
        code = obj.get("code")
        if not (isinstance(code, str) and len(code) == 3 and code.isascii() and code.isalpha()):
            self.bad("post", "code", f"{shown(code)} is not three letters")
            code = None
        country = obj.get("country")
        if not (isinstance(country, str) and country.upper() in holidays.list_supported_countries()):
            self.bad("post", "country", f"{shown(country)} is not a country code the holiday calendar knows")
            country = None
        name = self.text(obj, "name", "post", "post.name")
        tz = self.text(obj, "timezone", "post", "post.timezone")
        if tz:
            try:
                ZoneInfo(tz)
            except (ZoneInfoNotFoundError, ValueError):
                self.bad("post", "timezone", f"{tz!r} is not a time zone name")
        address = self.text(obj, "address", "post", "post.address", required=False, newlines=True)
        name_zh = self.text(obj, "name_zh", "post", "post.name_zh", required=False)
        address_zh = self.text(obj, "address_zh", "post", "post.address_zh", required=False, newlines=True)
        if code is None or name is None or country is None or tz is None:
            return None
        if any(v is None and obj.get(k) is not None
               for k, v in (("address", address), ("name_zh", name_zh), ("address_zh", address_zh))):
            return None
        return PostData(code.upper(), name, country.upper(), tz, address or "", name_zh or None, address_zh or None)

    def cutoff(self, obj: Any, where: str) -> Cutoff | None:
        if (obj := self.obj(obj, where, known=FIELDS["cutoff"])) is None:
            return None
        month = obj.get("month")
        try:
            if not isinstance(month, str) or len(month) != 7:
                raise ValueError
            first = date.fromisoformat(month + "-01")
        except ValueError:
            self.bad(where, "month", f"{shown(month)} is not a month (YYYY-MM)")
            month = None
        else:
            low, high = self.windows.schedule
            if not self._within(first, (low.replace(day=1), high), where, "month", month):
                month = None
        category = self.text(obj, "category", where, "cutoff.category")
        if category is not None and category.upper() not in PREFERENCE_CATEGORIES:
            # A misspelt category ("F2 A") would never match a case: its cases would all go to inquiry.
            self.bad(where, "category", f"{shown(category)} is not a preference category "
                                        f"({', '.join(PREFERENCE_CATEGORIES)})")
            category = None
        chargeability = self.text(obj, "chargeability", where, "cutoff.chargeability")
        final = obj.get("final_action")
        value: FinalAction | None = None
        try:
            if not isinstance(final, str):
                raise TypeError
            value = parse_final_action(final)
        except (InputError, TypeError, AttributeError, ValueError):
            self.bad(where, "final_action", f"{shown(final)} is not a date, 'C' or 'U'")
        if isinstance(value, date) and not self._within(value, self.windows.history, where, "final_action",
                                                        str(final)):
            value = None
        if month is None or category is None or chargeability is None or value is None:
            return None
        return Cutoff(month, category.upper(), chargeability.upper(), value)

    def slot(self, obj: Any, where: str) -> SlotData | None:
        if (obj := self.obj(obj, where, known=FIELDS["slot"])) is None:
            return None
        start = self.moment(obj, "start", where)
        slot_id = obj.get("id")
        if slot_id is None and start is not None:
            slot_id = start.strftime("%Y-%m-%dT%H:%M")
        elif slot_id is not None and not (isinstance(slot_id, str) and SLOT_ID.fullmatch(slot_id)
                                          and len(slot_id) <= TEXT_LIMITS["slot.id"]):
            self.bad(where, "id", f"expected a text id like '2026-12-07T08:30' (letters, digits, . _ : -; "
                                  f"at most {TEXT_LIMITS['slot.id']}), got {shown(slot_id)}")
            slot_id = None
        seats = obj.get("seats")
        if not isinstance(seats, int) or isinstance(seats, bool) or not 0 <= seats <= MAX_SEATS:
            self.bad(where, "seats", f"expected a whole number of seats from 0 to {MAX_SEATS}, got {shown(seats)}")
            return None
        if start is None or slot_id is None:
            return None
        return SlotData(slot_id, start, seats)

    def case(self, obj: Any, index: int, seen_cases: set[str], seen_applicants: set[str]) -> Case | None:
        where = f"cases[{index}]"
        if not isinstance(obj, dict):
            self.bad(where, "-", f"expected an object, got {shown(obj)}")
            return None
        raw_number = obj.get("case_number")
        try:
            number = parse_case_number(raw_number if isinstance(raw_number, str) else "")
        except InputError:
            self.bad(where, "case_number", f"{shown(raw_number)} is not a case number (three letters and ten digits)")
            return None
        where = f"case {number}"
        if number in seen_cases:
            self.bad(where, "case_number", "duplicate case number in this file")
            return None
        seen_cases.add(number)
        before = self.count
        self.obj(obj, where, known=FIELDS["case"])
        visa_class = self.text(obj, "visa_class", where, "case.visa_class")
        if visa_class:
            try:
                category_of(visa_class)
            except InputError:
                self.bad(where, "visa_class", f"unknown visa class {visa_class!r}")
        petitioner = self.text(obj, "petitioner_id", where, "case.petitioner_id")
        chargeability = self.text(obj, "chargeability", where, "case.chargeability", required=False) or "ALL"
        petition = obj.get("petition")  # 0, "" or [] is a wrong type, not "no petition"
        petition = {} if petition is None else self.obj(petition, where, "petition", known=FIELDS["petition"]) or {}
        appointment = self.appointment(obj.get("appointment"), where)
        applicants = self.applicants(obj.get("applicants"), where, number, seen_applicants)
        history = self.windows.history
        case = Case(
            case_number=number,
            petitioner_id=petitioner or "",
            visa_class=(visa_class or "").upper(),
            priority_date=self.day(obj, "priority_date", where, history),
            chargeability=chargeability.upper(),
            applicants=tuple(applicants),
            petition_filed=self.day(petition, "filed", where, history),
            petition_approved=self.day(petition, "approved", where, history),
            interviewed=self.flag(obj, "interviewed", where),
            visa_class_changed=self.flag(obj, "visa_class_changed", where),
            last_contact=self.day(obj, "last_contact", where, history),
            appointment=appointment,
            booked_via_system_before=appointment is not None and appointment.booked_via is BookedVia.SYSTEM,
        )
        return case if self.count == before else None

    def appointment(self, obj: Any, where: str) -> Appointment | None:
        if obj is None:
            return None
        if (obj := self.obj(obj, where, "appointment", known=FIELDS["appointment"])) is None:
            return None
        start = self.moment(obj, "start", where, "appointment.start")
        via = obj.get("booked_via")
        if via not in ("consulate", "system"):
            self.bad(where, "appointment.booked_via", f"expected 'consulate' or 'system', got {shown(via)}")
            return None
        return Appointment(start, BookedVia(via)) if start else None

    def applicants(self, rows: Any, where: str, number: str, seen: set[str]) -> list[Applicant]:
        if not isinstance(rows, list) or not rows:
            self.bad(where, "applicants", "expected a non-empty list")
            return []
        if len(rows) > MAX_APPLICANTS:
            self.bad(where, "applicants", f"{len(rows)} applicants; a case holds at most {MAX_APPLICANTS}")
            return []
        out = [a for i, row in enumerate(rows) if (a := self.applicant(row, f"{where} applicants[{i}]",
                                                                       f"{number}-{i + 1}", seen))]
        principals = sum(a.role is Role.PRINCIPAL for a in out)
        if out and principals != 1:
            self.bad(where, "applicants", f"expected exactly one principal applicant, found {principals}")
        return out

    def applicant(self, obj: Any, spot: str, default_id: str, seen: set[str]) -> Applicant | None:
        if (obj := self.obj(obj, spot, known=FIELDS["applicant"])) is None:
            return None
        applicant_id = self.text(obj, "id", spot, "applicant.id", required=False) or default_id
        if not SLOT_ID.fullmatch(applicant_id):  # an id, printed and scanned: no spaces, markup or other scripts
            self.bad(spot, "id", f"expected an id of letters, digits and . _ : - like 'GUZ2019541234-1', "
                                 f"got {shown(applicant_id)}")
        if applicant_id in seen:
            self.bad(spot, "id", f"duplicate applicant id {applicant_id!r}")
        seen.add(applicant_id)
        role = obj.get("role")
        if role not in ("principal", "spouse", "child"):
            self.bad(spot, "role", f"expected principal, spouse or child, got {shown(role)}")
            return None
        dob = self.day(obj, "date_of_birth", spot, self.windows.birth, required=role == "child")
        marital = obj.get("marital_status", "single")  # absent or null: single; 0, "" or [] is refused
        marital = "single" if marital is None else marital
        if marital not in MARITAL_STATUSES:
            self.bad(spot, "marital_status", f"expected one of {', '.join(MARITAL_STATUSES)}, got {shown(marital)}")
        cspa = obj.get("cspa")
        if cspa not in (None, "protected", "not_protected"):
            self.bad(spot, "cspa", f"expected null, 'protected' or 'not_protected', got {shown(cspa)}")
            cspa = None
        on_letter = obj.get("on_letter", True)
        if not isinstance(on_letter, bool):
            self.bad(spot, "on_letter", f"expected true or false, got {shown(on_letter)}")
        surname = self.text(obj, "surname", spot, "applicant.surname")
        given = self.text(obj, "given_names", spot, "applicant.given_names", required=False)
        native = self.text(obj, "native_name", spot, "applicant.native_name", required=False, joiners=True)
        return Applicant(
            id=applicant_id, role=Role(role), surname=surname or "", given_names=given or "",
            date_of_birth=dob, marital_status=marital if marital in MARITAL_STATUSES else "single",
            on_letter=on_letter is not False, cspa=Cspa(cspa) if cspa else None, native_name=native or None,
        )
