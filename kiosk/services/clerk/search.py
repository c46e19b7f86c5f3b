"""Case search for the clerk: by case number, petitioner id, or the start of an applicant's Latin or native name."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, select
from sqlalchemy.orm import Session, selectinload

from kiosk.domain.dates import parse_case_number
from kiosk.domain.errors import InputError
from kiosk.store.accounts import AccountCase
from kiosk.store.models import ApplicantRow, CaseRow
from kiosk.store.staff import GIVEN_SURNAME, PETITIONER_KEY, SURNAME_GIVEN


@dataclass(frozen=True)
class CaseHit:
    case_number: str
    petitioner_id: str
    visa_class: str
    names: str  # every applicant, Latin and native


def _prefix(expr: SQLColumnExpression[str] | SQLColumnExpression[str | None], text: str) -> ColumnElement[bool]:
    """`expr` starts with `text`, as a range an index on `expr` answers (the LIKE only re-checks the range)."""
    upper = text[:-1] + chr(ord(text[-1]) + 1)
    return and_(expr >= text, expr < upper, expr.startswith(text, autoescape=True))


def _numbers(session: Session, query: str, limit: int) -> list[str]:
    """Matching case numbers, in the order of the name that matched (the index order: no sort of every match)."""
    try:
        return [parse_case_number(query)]
    except InputError:
        pass
    fetch = limit * 8  # applicant rows: several people on one case share a surname
    if query.isascii():
        key = query.casefold()
        by_key = [(k, n) for expr in (SURNAME_GIVEN, GIVEN_SURNAME) for n, k in session.execute(
            select(ApplicantRow.case_number, expr).where(_prefix(expr, key)).order_by(expr).limit(fetch))]
        by_key += [("", n) for n in session.scalars(select(CaseRow.case_number).where(PETITIONER_KEY == key))]
        # An applicant's account (its user name, exactly): the cases it looked up, for its booking history.
        by_key += [("", n) for n in session.scalars(select(AccountCase.case_number)
                                                    .where(AccountCase.username == key))]
    else:  # a name in its own script, e.g. 何健: surname first, so a prefix finds it
        by_key = [(k or "", n) for n, k in session.execute(
            select(ApplicantRow.case_number, ApplicantRow.native_name)
            .where(_prefix(ApplicantRow.native_name, query)).order_by(ApplicantRow.native_name).limit(fetch))]
    return list(dict.fromkeys(n for _k, n in sorted(by_key)))[:limit]


def search_cases(session: Session, text: str, limit: int = 50) -> list[CaseHit]:
    """Cases by case number, petitioner id, an applicant's name from its start ("LIN ME", "MEI LIN", "林美"),
    or an applicant's account name (the cases it looked up)."""
    query = " ".join(text.split())
    if not query:
        return []
    numbers = _numbers(session, query, limit)
    rows = {r.case_number: r for r in session.scalars(
        select(CaseRow).options(selectinload(CaseRow.applicants)).where(CaseRow.case_number.in_(numbers)))}
    return [CaseHit(r.case_number, r.petitioner_id, r.visa_class, "; ".join(
        f"{a.surname} {a.given_names}" + (f" {a.native_name}" if a.native_name else "") for a in r.applicants))
        for r in (rows[n] for n in numbers if n in rows)]
