"""Read and validate a case file (`kiosk-cases/1`, DATA.md) into plain values, collecting every problem."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

from kiosk.domain.categories import category_of
from kiosk.domain.cutoffs import parse_final_action
from kiosk.domain.dates import parse_case_number
from kiosk.domain.errors import InputError
from kiosk.domain.model import Applicant, Appointment, BookedVia, Case, Cspa, Cutoff, FinalAction, Role

FORMAT = "kiosk-cases/1"
MARITAL_STATUSES = ("single", "married", "divorced", "widowed", "separated")


@dataclass(frozen=True)
class Problem:
    where: str  # "case GUZ2019541234", "slots[3]", "post"
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}, field '{self.field}': {self.reason}"


class CaseFileError(InputError):
    """The file was rejected as a whole; `problems` lists every one found."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{source}: {len(problems)} problem(s), nothing imported:\n{lines}")
        self.problems = problems


@dataclass(frozen=True)
class PostData:
    code: str
    name: str
    country: str
    timezone: str
    address: str = ""


@dataclass(frozen=True)
class SlotData:
    id: str
    start: datetime
    seats: int


@dataclass
class CaseFile:
    post: PostData | None = None
    cutoffs: list[Cutoff] = field(default_factory=list)
    slots: list[SlotData] = field(default_factory=list)
    closures: list[tuple[date, str]] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)


def load_case_file(path: Path | str) -> CaseFile:
    """Read a case file from disk; any problem raises CaseFileError naming what and where."""
    source = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror}") from exc
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise CaseFileError(source, [Problem("file", "-", f"not UTF-8 at byte {exc.start}")]) from exc
    except json.JSONDecodeError as exc:
        raise CaseFileError(source, [Problem("file", "-", f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")]) from exc
    return parse_case_file(data, source=source)


def parse_case_file(data: Any, *, source: str = "case file") -> CaseFile:
    reader = _Reader()
    result = reader.read(data)
    if reader.problems:
        raise CaseFileError(source, reader.problems)
    return result


class _Reader:
    """Walks the JSON once, turning each section into values and noting each problem."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def bad(self, where: str, field_: str, reason: str) -> None:
        self.problems.append(Problem(where, field_, reason))

    # -- small typed getters: each returns None (and notes a problem) when the value is wrong
    def text(self, obj: dict, key: str, where: str, *, required: bool = True) -> str | None:
        value = obj.get(key)
        if value is None:
            if required:
                self.bad(where, key, "missing")
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            self.bad(where, key, f"expected a non-empty text, got {value!r}")
            return None
        return value.strip()

    def day(self, obj: dict, key: str, where: str, *, required: bool = False) -> date | None:
        value = obj.get(key)
        if value is None:
            if required:
                self.bad(where, key, "missing (a date YYYY-MM-DD is required)")
            return None
        try:
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            self.bad(where, key, f"{value!r} is not a date (YYYY-MM-DD)")
            return None

    def moment(self, obj: dict, key: str, where: str) -> datetime | None:
        value = obj.get(key)
        try:
            if not isinstance(value, str) or len(value) != 16 or value[10] != "T":
                raise ValueError
            return datetime.fromisoformat(value)
        except ValueError:
            self.bad(where, key, f"{value!r} is not a local time (YYYY-MM-DDTHH:MM)")
            return None

    def flag(self, obj: dict, key: str, where: str) -> bool:
        value = obj.get(key, False)
        if not isinstance(value, bool):
            self.bad(where, key, f"expected true or false, got {value!r}")
            return False
        return value

    def section(self, data: dict, key: str) -> list:
        value = data.get(key) or []
        if not isinstance(value, list):
            self.bad(key, "-", "expected a list")
            return []
        return value

    # -- sections
    def read(self, data: Any) -> CaseFile:
        out = CaseFile()
        if not isinstance(data, dict):
            self.bad("file", "-", "expected a JSON object at the top level")
            return out
        fmt = data.get("format", FORMAT)
        if fmt != FORMAT:
            self.bad("file", "format", f"expected {FORMAT!r}, got {fmt!r}")
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
            if not isinstance(row, dict):
                self.bad(where, "-", "expected an object")
                continue
            day = self.day(row, "date", where, required=True)
            if day:
                out.closures.append((day, str(row.get("reason") or "")))
        seen_cases: set[str] = set()
        seen_applicants: set[str] = set()
        for i, row in enumerate(self.section(data, "cases")):
            case = self.case(row, i, seen_cases, seen_applicants)
            if case is not None:
                out.cases.append(case)
        return out

    def post(self, obj: Any) -> PostData | None:
        if not isinstance(obj, dict):
            self.bad("post", "-", "expected an object")
            return None
        code, name = self.text(obj, "code", "post"), self.text(obj, "name", "post")
        country, tz = self.text(obj, "country", "post"), self.text(obj, "timezone", "post")
        if code and not (len(code) == 3 and code.isalpha()):
            self.bad("post", "code", f"{code!r} is not three letters")
        if country and country.upper() not in holidays.list_supported_countries():
            self.bad("post", "country", f"{country!r} is not a country code the holiday calendar knows")
        if tz:
            try:
                ZoneInfo(tz)
            except (ZoneInfoNotFoundError, ValueError):
                self.bad("post", "timezone", f"{tz!r} is not a time zone name")
        address = obj.get("address") or ""
        if None in (code, name, country, tz):
            return None
        return PostData(code.upper(), name, country.upper(), tz, str(address))

    def cutoff(self, obj: Any, where: str) -> Cutoff | None:
        if not isinstance(obj, dict):
            self.bad(where, "-", "expected an object")
            return None
        month = self.text(obj, "month", where)
        if month:
            try:
                date.fromisoformat(month + "-01")
                if len(month) != 7:
                    raise ValueError
            except ValueError:
                self.bad(where, "month", f"{month!r} is not a month (YYYY-MM)")
                month = None
        category = self.text(obj, "category", where)
        chargeability = self.text(obj, "chargeability", where)
        final = obj.get("final_action")
        value: FinalAction | None = None
        try:
            value = parse_final_action(final)
        except (InputError, TypeError, AttributeError):
            self.bad(where, "final_action", f"{final!r} is not a date, 'C' or 'U'")
        if None in (month, category, chargeability, value):
            return None
        return Cutoff(month, category.upper(), chargeability.upper(), value)

    def slot(self, obj: Any, where: str) -> SlotData | None:
        if not isinstance(obj, dict):
            self.bad(where, "-", "expected an object")
            return None
        start = self.moment(obj, "start", where)
        slot_id = obj.get("id") or (start.strftime("%Y-%m-%dT%H:%M") if start else None)
        seats = obj.get("seats")
        if not isinstance(seats, int) or isinstance(seats, bool) or seats < 0:
            self.bad(where, "seats", f"expected a whole number of seats >= 0, got {seats!r}")
            return None
        if start is None or not isinstance(slot_id, str):
            return None
        return SlotData(slot_id, start, seats)

    def case(self, obj: Any, index: int, seen_cases: set[str], seen_applicants: set[str]) -> Case | None:
        where = f"cases[{index}]"
        if not isinstance(obj, dict):
            self.bad(where, "-", "expected an object")
            return None
        raw_number = obj.get("case_number")
        try:
            number = parse_case_number(raw_number if isinstance(raw_number, str) else "")
        except InputError:
            self.bad(where, "case_number", f"{raw_number!r} is not a case number (three letters and ten digits)")
            return None
        where = f"case {number}"
        if number in seen_cases:
            self.bad(where, "case_number", "duplicate case number in this file")
            return None
        seen_cases.add(number)
        before = len(self.problems)
        visa_class = self.text(obj, "visa_class", where)
        if visa_class:
            try:
                category_of(visa_class)
            except InputError:
                self.bad(where, "visa_class", f"unknown visa class {visa_class!r}")
        petitioner = self.text(obj, "petitioner_id", where)
        chargeability = self.text(obj, "chargeability", where, required=False) or "ALL"
        petition = obj.get("petition") or {}
        if not isinstance(petition, dict):
            self.bad(where, "petition", "expected an object")
            petition = {}
        appointment = self.appointment(obj.get("appointment"), where)
        applicants = self.applicants(obj.get("applicants"), where, number, seen_applicants)
        case = Case(
            case_number=number,
            petitioner_id=petitioner or "",
            visa_class=(visa_class or "").upper(),
            priority_date=self.day(obj, "priority_date", where),
            chargeability=chargeability.upper(),
            applicants=tuple(applicants),
            petition_filed=self.day(petition, "filed", where),
            petition_approved=self.day(petition, "approved", where),
            interviewed=self.flag(obj, "interviewed", where),
            visa_class_changed=self.flag(obj, "visa_class_changed", where),
            last_contact=self.day(obj, "last_contact", where),
            appointment=appointment,
            booked_via_system_before=appointment is not None and appointment.booked_via is BookedVia.SYSTEM,
        )
        return case if len(self.problems) == before else None

    def appointment(self, obj: Any, where: str) -> Appointment | None:
        if obj is None:
            return None
        if not isinstance(obj, dict):
            self.bad(where, "appointment", "expected an object or null")
            return None
        start = self.moment(obj, "start", where)
        via = obj.get("booked_via")
        if via not in ("consulate", "system"):
            self.bad(where, "appointment.booked_via", f"expected 'consulate' or 'system', got {via!r}")
            return None
        return Appointment(start, BookedVia(via)) if start else None

    def applicants(self, rows: Any, where: str, number: str, seen: set[str]) -> list[Applicant]:
        if not isinstance(rows, list) or not rows:
            self.bad(where, "applicants", "expected a non-empty list")
            return []
        out: list[Applicant] = []
        for i, obj in enumerate(rows):
            spot = f"{where} applicants[{i}]"
            if not isinstance(obj, dict):
                self.bad(spot, "-", "expected an object")
                continue
            applicant_id = self.text(obj, "id", spot, required=False) or f"{number}-{i + 1}"
            if applicant_id in seen:
                self.bad(spot, "id", f"duplicate applicant id {applicant_id!r}")
            seen.add(applicant_id)
            role = obj.get("role")
            if role not in ("principal", "spouse", "child"):
                self.bad(spot, "role", f"expected principal, spouse or child, got {role!r}")
                continue
            dob = self.day(obj, "date_of_birth", spot, required=role == "child")
            marital = obj.get("marital_status") or "single"
            if marital not in MARITAL_STATUSES:
                self.bad(spot, "marital_status", f"expected one of {', '.join(MARITAL_STATUSES)}, got {marital!r}")
            cspa = obj.get("cspa")
            if cspa not in (None, "protected", "not_protected"):
                self.bad(spot, "cspa", f"expected null, 'protected' or 'not_protected', got {cspa!r}")
                cspa = None
            on_letter = obj.get("on_letter", True)
            if not isinstance(on_letter, bool):
                self.bad(spot, "on_letter", f"expected true or false, got {on_letter!r}")
            surname = self.text(obj, "surname", spot)
            given = obj.get("given_names") or ""
            native = obj.get("native_name")
            if native is not None and not isinstance(native, str):
                self.bad(spot, "native_name", "expected a text or null")
                native = None
            out.append(Applicant(
                id=applicant_id, role=Role(role), surname=surname or "", given_names=str(given).strip(),
                date_of_birth=dob, marital_status=marital, on_letter=on_letter is not False,
                cspa=Cspa(cspa) if cspa else None, native_name=native or None,
            ))
        principals = sum(a.role is Role.PRINCIPAL for a in out)
        if out and principals != 1:
            self.bad(where, "applicants", f"expected exactly one principal applicant, found {principals}")
        return out
