"""Seed rows for service tests with plain ORM inserts: a post, slots, cases that may book."""

from __future__ import annotations

from datetime import date, datetime

from kiosk.store.db import Database
from kiosk.store.models import ApplicantRow, CaseRow, Closure, CutoffRow, Post, SlotRow

# A Tuesday in a week without US or Chinese holidays; the post's wall clock.
NOW = datetime(2026, 11, 3, 9, 0)


def seed_post(db: Database, *, country: str = "CN", closures: tuple[date, ...] = ()) -> None:
    with db.transaction() as s:
        s.add(Post(code="GUZ", name="U.S. Consulate General Guangzhou", country=country,
                   timezone="Asia/Shanghai", address="43 Huaxia Road"))
        s.add_all(Closure(date=d, reason="Post closed") for d in closures)


def seed_post_sql(db: Database) -> None:
    """The post in plain SQL, for a database migrated to an older schema than the model's."""
    from sqlalchemy import text

    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO posts (code, name, country, timezone, address) "
                          "VALUES ('GUZ', 'U.S. Consulate General Guangzhou', 'CN', 'Asia/Shanghai', '43 Huaxia Road')"))


def add_slot(db: Database, start: datetime, seats: int, *, slot_id: str | None = None, taken: int = 0) -> str:
    slot_id = slot_id or start.strftime("%Y-%m-%dT%H:%M")
    with db.transaction() as s:
        s.add(SlotRow(id=slot_id, start=start, seats=seats, taken=taken))
    return slot_id


def add_cutoff(db: Database, month: str, category: str, chargeability: str, final_action: str) -> None:
    with db.transaction() as s:
        s.add(CutoffRow(month=month, category=category, chargeability=chargeability, final_action=final_action))


def case_number(n: int) -> str:
    return f"GUZ{2019000000 + n:010d}"


def add_case(db: Database, number: str, *, petitioner: str | None = None, visa_class: str = "IR1",
             children: int = 0, spouse: bool = False, interviewed: bool = False,
             appointment: datetime | None = datetime(2026, 10, 12, 8, 30), booked_via: str | None = "consulate",
             last_contact: date = date(2026, 6, 2), priority_date: date = date(2019, 3, 14)) -> list[str]:
    """One case (principal, optional spouse and children) whose consulate appointment was missed."""
    people = [("principal", "LIN", "MEI", date(1988, 7, 30), "married")]
    if spouse:
        people.append(("spouse", "WANG", "LEI", date(1987, 1, 5), "married"))
    people += [("child", "LIN", f"HAO{i}", date(2012 + i, 1, 9), "single") for i in range(children)]
    ids = [f"{number}-{i + 1}" for i in range(len(people))]
    with db.transaction() as s:
        s.add(CaseRow(
            case_number=number, post_code="GUZ", petitioner_id=petitioner or f"PET-{number}",
            visa_class=visa_class, priority_date=priority_date, chargeability="CHINA",
            petition_filed=date(2019, 3, 14), petition_approved=date(2020, 2, 3), interviewed=interviewed,
            visa_class_changed=False, last_contact=last_contact,
            appointment_start=appointment, appointment_booked_via=booked_via if appointment else None,
            imported_at=datetime(2026, 11, 1, 12, 0),
            applicants=[
                ApplicantRow(id=aid, position=i, role=role, surname=sn, given_names=gn, date_of_birth=dob,
                             marital_status=ms, on_letter=True, cspa=None)
                for i, (aid, (role, sn, gn, dob, ms)) in enumerate(zip(ids, people, strict=True))
            ],
        ))
    return ids
