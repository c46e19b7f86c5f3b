"""A stolen kiosk reveals nobody: after a sync, a day of visits and a backup, no file it wrote holds a name or a DOB.

The post has CASES cases (issue 15 asks for 10,000; a few hundred keep the suite quick: every case goes
through the same sealing. KIOSK_STOLEN_DISK_CASES=10000 runs the issue's size). Every name is distinctive
(Latin and native script), so a hit is a leak, not a coincidence. The day: look-ups (right and wrong
dates of birth), online bookings, printouts, a print failure, inquiries, then central out of reach:
look-ups and bookings from the kiosk's seat loan, offline confirmations; then the link back and a sync;
then an encrypted backup. Scanned: every file under the kiosk's data folder (cache, WAL, backups, logs)
and the print folder once its printouts' few minutes are over.

Encodings: UTF-8, UTF-16 (LE, BE), which are also how SQLite's record format stores TEXT (a UTF-8
database here; UTF-16 databases store it as UTF-16); dates of birth as ISO text (how the store keeps a
Date), digits only (YYYYMMDD, as a value of its own: eight digits inside a longer run of letters and
digits, such as a base64 record, are no date), and the common written forms (YYYY/MM/DD, DD/MM/YYYY,
MM/DD/YYYY, DD.MM.YYYY).
"""

from __future__ import annotations

import logging
import os
import random
import re
import shutil
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.app.in_process import InProcessCentral
from kiosk.app.visit import VisitServices, new_key
from kiosk.backup import make_backup, restore_backup
from kiosk.domain.errors import InputError
from kiosk.logs import setup_logging, stop_logging
from kiosk.printed import KEEP_SECONDS, purge
from kiosk.services.case_keys import ensure_keys
from kiosk.store.db import Database, sqlite_url
from kiosk.store.models import ApplicantRow, CaseRow
from kiosk.sync.link import sync_once
from tests.clock import Clock
from tests.conftest import PG_URL_VAR, pg_url
from tests.escrow.helpers import DOWN, POLICY, at, seed
from tests.factories import add_slot, case_number
from tests.pg_scratch import scratch_database

pytestmark = pytest.mark.postgres
CASES = int(os.environ.get("KIOSK_STOLEN_DISK_CASES", "300"))  # 10000: the post, in a few minutes
SYLLABLES = ("OUYANG", "SIMA", "ZHUGE", "DUANMU", "SHANGGUAN", "HUANGFU", "XIAHOU", "LINGHU", "ZHONGLI", "YUWEN")
GIVEN = ("XIAOMEI", "JIANGUO", "WEIQIANG", "SHUFEN", "ZHIYUAN", "YUTONG", "HAORAN", "MEILING", "ZIXUAN", "JUNJIE")
HAN = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏傅方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文施洪"
WRONG_DOB = "1901-01-01"
DAYS = (4, 5, 6, 9)  # working days after NOW (Tuesday 2026-11-03) with slots to book online


def _people(rng: random.Random, number: str, n: int) -> list[ApplicantRow]:
    """Principal, maybe a spouse, children: each with a name found nowhere else and a date of its own."""
    rows = []
    for i in range(n):
        role = "principal" if i == 0 else "spouse" if i == 1 and rng.random() < 0.5 else "child"
        born = (date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 45))) if role != "child" \
            else date(2006, 1, 1) + timedelta(days=rng.randrange(365 * 12))
        surname = f"{rng.choice(SYLLABLES)}{rng.choice(SYLLABLES)}"
        rows.append(ApplicantRow(
            id=f"{number}-{i + 1}", position=i, role=role, surname=surname,
            given_names=f"{rng.choice(GIVEN)}-{rng.choice(GIVEN)}", date_of_birth=born,
            marital_status="married" if role != "child" else "single", on_letter=True, cspa=None,
            native_name="".join(rng.choice(HAN) for _ in range(4))))
    return rows


def _post(central: Database) -> dict[str, date]:
    """The escrow tests' post and loan policy, CASES cases of distinctive people; each case's principal's DOB."""
    seed(central, seats=12, cases=0, policy={**POLICY, "loan_seats": 6})
    for day in DAYS:
        add_slot(central, datetime(2026, 11, day, 9, 0), 40)
    rng = random.Random(15)
    principals: dict[str, date] = {}
    with central.transaction() as s:
        for n in range(1, CASES + 1):
            number = case_number(n)
            people = _people(rng, number, 1 + rng.randrange(4))
            principals[number] = people[0].date_of_birth  # type: ignore[assignment]
            petitioner = f"PET-{n // 2}"  # pairs of cases share a petitioner: group records
            s.add(CaseRow(case_number=number, post_code="GUZ", petitioner_id=petitioner, visa_class="IR1",
                          priority_date=date(2019, 3, 14), chargeability="CHINA", petition_filed=date(2019, 3, 14),
                          petition_approved=date(2020, 2, 3), interviewed=False, visa_class_changed=False,
                          last_contact=date(2026, 6, 2), appointment_start=datetime(2026, 10, 12, 8, 30),
                          appointment_booked_via="consulate", imported_at=datetime(2026, 11, 1, 12, 0),
                          applicants=people))
    assert ensure_keys(central) == CASES  # as `kiosk-admin import` does: the sealing cost, on central
    return principals


def _secrets(central: Database) -> tuple[set[str], set[str], set[date]]:
    """Every imported Latin name part, native name and date of birth."""
    with central.session() as s:
        people = s.query(ApplicantRow).all()
        latin = {t for a in people for t in (a.surname, a.given_names, *a.given_names.split("-"))}
        native = {a.native_name for a in people if a.native_name}
        born = {a.date_of_birth for a in people if a.date_of_birth}
    return latin, native, born


_LATIN = re.compile(r"[A-Z][A-Z-]{3,}")
_HAN = re.compile(r"[\u4e00-\u9fff]{2,}")
_DATES = re.compile(r"(?<![0-9])(\d{4})([-/.])(\d{2})\2(\d{2})(?![0-9])|(?<![0-9])(\d{2})([/.])(\d{2})\6(\d{4})(?![0-9])"
                    r"|(?<![A-Za-z0-9+/])(\d{4})(\d{2})(\d{2})(?![A-Za-z0-9+/])")


def _texts(content: bytes) -> Iterator[str]:
    """The bytes read as UTF-8 and as UTF-16 (both byte orders, both alignments): how TEXT is stored."""
    yield content.decode("utf-8", errors="ignore")
    for encoding in ("utf-16-le", "utf-16-be"):
        for start in (0, 1):
            yield content[start:].decode(encoding, errors="ignore")


def _day(*parts: str) -> date | None:
    try:
        return date(*(int(p) for p in parts))
    except ValueError:
        return None


def leaks(content: bytes, latin: set[str], native: set[str], born: set[date]) -> list[str]:
    """The names and dates of birth found in `content`, in any of the encodings and forms the scan tries.

    Names: any run of Latin capitals holding a name part, any run of Han characters holding a native
    name. Dates: ISO (and with / or .), day-month-year and month-day-year, digits only (as a value of its
    own: eight digits inside a run of letters and digits, such as a base64 record, are no date).
    """
    found: list[str] = []
    for text in _texts(content):
        for token in set(_LATIN.findall(text)):
            found += [name for name in latin if name in token]
        for token in set(_HAN.findall(text)):
            found += [name for name in native if name in token]
        for m in _DATES.finditer(text):
            g = m.groups()
            if g[0]:
                days = [_day(g[0], g[2], g[3])]
            elif g[4]:
                days = [_day(g[7], g[6], g[4]), _day(g[7], g[4], g[6])]  # day-month-year or month-day-year
            else:
                days = [_day(g[8], g[9], g[10])]
            found += [d.isoformat() for d in days if d is not None and d in born]
    return found


def _files(*places: Path) -> Iterator[Path]:
    for place in places:
        yield from [place] if place.is_file() else (p for p in place.rglob("*") if p.is_file())


@pytest.fixture
def central() -> Iterator[Database]:
    url = pg_url()
    if url is None:
        pytest.skip(f"the stolen-disk test needs PostgreSQL as central: set {PG_URL_VAR}")
    with scratch_database(url, "kiosk_stolen_disk") as scratch:
        db = Database(scratch.render_as_string(hide_password=False))
        db.init_schema()
        yield db
        db.dispose()


def test_no_file_the_kiosk_wrote_names_anyone_or_a_date_of_birth(central: Database, tmp_path: Path) -> None:
    principals = _post(central)
    data, prints = tmp_path / "data", tmp_path / "run" / "confirmations"
    data.mkdir()
    setup_logging("kiosk", directory=data / "logs", level=logging.DEBUG)  # DEBUG: more than a kiosk logs
    cache_path = data / "cache.db"
    cache = Database(sqlite_url(cache_path))
    cache.init_schema()
    clock = Clock(at("09:00"))
    try:
        sync_once(central, cache, kiosk_id="hall-1", now=at("09:00"))  # the cases, loans, central's key
        online = VisitServices(db=cache, kiosk_id="hall-1", clock=clock, central=InProcessCentral(
            central, kiosk_id="hall-1"), print_dir=prints)
        numbers = list(principals)
        for i, number in enumerate(numbers[:8]):  # the morning: look-ups, bookings, printouts, inquiries
            if i < 2:  # a wrong date of birth does not open the record: a miss (the budgets allow a few)
                with pytest.raises(InputError):
                    online.look_up_letter(number, WRONG_DOB, visit=f"v{i}")
            found = online.look_up_letter(number, principals[number].isoformat(), visit=f"v{i}")
            assert found.evaluation.may_book and all(found.names.values())  # opened: names to show
            slot = found.join.slot_id if found.join else f"2026-11-{DAYS[i % len(DAYS)]:02d}T09:00"
            booked = online.book(number, slot, new_key())
            assert not booked.offline
            target = online.confirmation_file(booked.result.reference)
            assert target is not None
            target.write_bytes(online.confirmation_pdf(number, "zh_CN" if i % 2 else "en"))
            if i % 3 == 0:
                online.record_print_failure(number, "printer", "out of paper")
            inquiry = online.submit_inquiry(case_number=number, kind="not_current", text="请问 <&> when?")
            assert online.inquiry_receipt_pdf(inquiry.reference).startswith(b"%PDF")
            sync_once(central, cache, kiosk_id="hall-1", now=at("09:30"))  # the link syncs soon after a write
        down = VisitServices(db=cache, kiosk_id="hall-1", clock=clock, central=InProcessCentral(
            Database(DOWN), kiosk_id="hall-1"), print_dir=prints)
        clock.now = at("10:00")
        assert not down.sync().central_reachable
        offline = 0
        for i, number in enumerate(numbers[20:40]):  # central out of reach: the seat loan
            if i == 0:
                with pytest.raises(InputError):
                    down.look_up_letter(number, WRONG_DOB, visit=f"o{i}")
            found = down.look_up_letter(number, principals[number].isoformat(), visit=f"o{i}")
            offer = down.calendar_slots(found.need)
            if not found.evaluation.may_book or found.join or not offer.slots:
                continue  # joining a group's booking, or more people than the loan's seats left: needs central
            booked = down.book(number, offer.slots[0].id, new_key())
            assert booked.offline
            offline += 1
            pdf = down.confirmation_pdf(number, "en", reference=booked.result.reference)
            target = down.confirmation_file(booked.result.reference)
            assert target is not None
            target.write_bytes(pdf)
            down.record_print_failure(number, "printer", "paper jam")
        assert offline >= 2
        clock.now = at("11:00")
        report = sync_once(central, cache, kiosk_id="hall-1", now=at("11:00"))  # the link is back
        assert report.central_reachable and report.pushed >= 2
        backups = data / "backups"
        if shutil.which("systemd-creds") is not None:
            backup = make_backup(cache_path, backups, keep=2)
        else:
            backup = None  # no systemd credentials on this machine: no backup to scan
    finally:
        cache.dispose()
        stop_logging()
    purge(prints, now=time.time() + KEEP_SECONDS + 1)  # the printouts' few minutes in the runtime folder are over
    if backup is not None:  # and what a backup holds, once opened by this machine's credential
        restore_backup(backup, tmp_path / "restored.db")
    assert (data / "logs" / "kiosk.log").stat().st_size > 0 and cache_path.stat().st_size > 0
    latin, native, born = _secrets(central)
    scanned, hits = 0, []
    for path in _files(data, prints.parent, *([tmp_path / "restored.db"] if backup else [])):
        scanned += 1
        hits += [(path.name, leak) for leak in leaks(path.read_bytes(), latin, native, born)]
    assert scanned >= 4 and hits == [], hits[:10]


def test_the_scan_finds_what_it_looks_for() -> None:
    """Each form of a name and a date is found where it was written, in each encoding."""
    latin, native, born = {"OUYANGSIMA", "XIAOMEI"}, {"王李张刘"}, {date(1988, 7, 30)}
    for text, expected in (("OUYANGSIMA", "OUYANGSIMA"), ("王李张刘", "王李张刘"), ("1988-07-30", "1988-07-30"),
                           ("30/07/1988", "1988-07-30"), ("07/30/1988", "1988-07-30"), ("30.07.1988", "1988-07-30"),
                           ('{"dob": 19880730}', "1988-07-30"), ("ZHUGEXIAOMEI", "XIAOMEI")):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            for pad in (b"", b"\x01"):  # at either alignment
                assert expected in leaks(pad + f"x {text} y".encode(encoding), latin, native, born), (text, encoding)
    assert leaks(b"AbC19880730xYz 1988-07-31 OUYANG", latin, native, born) == []  # a base64 run, another day
