"""Clerk case search over 100,000 cases on SQLite: each kind of query, and its ratio to a primary-key SELECT of the same rows.

Run: uv run python bench/bench_case_search.py [--cases N] [--keep PATH]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import selectinload

from kiosk.services.clerk.search import search_cases
from kiosk.store.db import Database, sqlite_url
from kiosk.store.models import ApplicantRow, CaseRow, Post

SURNAMES = [("WANG", "王"), ("LI", "李"), ("ZHANG", "张"), ("LIU", "刘"), ("CHEN", "陈"), ("YANG", "杨"),
            ("HUANG", "黄"), ("ZHAO", "赵"), ("WU", "吴"), ("ZHOU", "周"), ("XU", "徐"), ("SUN", "孙"),
            ("MA", "马"), ("ZHU", "朱"), ("HU", "胡"), ("GUO", "郭"), ("HE", "何"), ("LIN", "林"),
            ("GAO", "高"), ("LUO", "罗"), ("ZHENG", "郑"), ("LIANG", "梁"), ("XIE", "谢"), ("TANG", "唐")]
GIVEN = [("WEI", "伟"), ("FANG", "芳"), ("NA", "娜"), ("MIN", "敏"), ("JING", "静"), ("LI", "丽"), ("QIANG", "强"),
         ("LEI", "磊"), ("JUN", "军"), ("YANG", "洋"), ("YONG", "勇"), ("YAN", "艳"), ("JIE", "杰"), ("TAO", "涛"),
         ("MING", "明"), ("CHAO", "超"), ("XIU", "秀"), ("HUA", "华"), ("PING", "平"), ("GANG", "刚"),
         ("MEI", "美"), ("JIAN", "健"), ("HAO", "浩"), ("YUE", "月"), ("FENG", "峰"), ("HONG", "红")]
REPEAT = 30


def generate(db: Database, n: int, rng: random.Random) -> None:
    """n cases (principal, maybe a spouse, 0-2 children) in a few bulk INSERTs."""
    cases, people = [], []
    for i in range(n):
        number = f"GUZ{2010000000 + i:010d}"
        cases.append({"case_number": number, "post_code": "GUZ", "petitioner_id": f"PET-{i // 2:06d}",
                      "visa_class": "F21", "priority_date": date(2019, 3, 14), "chargeability": "CHINA",
                      "petition_filed": date(2019, 3, 14), "petition_approved": date(2020, 2, 3),
                      "interviewed": False, "visa_class_changed": False, "last_contact": date(2026, 6, 2),
                      "appointment_start": None, "appointment_booked_via": None,
                      "imported_at": datetime(2026, 11, 1)})
        surname, native = rng.choice(SURNAMES)
        for pos, role in enumerate(["principal"] + ["spouse"] * rng.randint(0, 1) + ["child"] * rng.randint(0, 2)):
            g = [rng.choice(GIVEN) for _ in range(rng.randint(1, 2))]
            people.append({"id": f"{number}-{pos + 1}", "case_number": number, "position": pos, "role": role,
                           "surname": surname, "given_names": "".join(x[0] for x in g),
                           "native_name": native + "".join(x[1] for x in g),
                           "date_of_birth": date(1980 + rng.randint(0, 30), rng.randint(1, 12), rng.randint(1, 28)),
                           "marital_status": "single", "on_letter": True, "cspa": None})
    with db.transaction() as s:
        s.add(Post(code="GUZ", name="U.S. Consulate General Guangzhou", country="CN", timezone="Asia/Shanghai"))
        for chunk in range(0, n, 20_000):
            s.execute(insert(CaseRow), cases[chunk:chunk + 20_000])
        for chunk in range(0, len(people), 20_000):
            s.execute(insert(ApplicantRow), people[chunk:chunk + 20_000])


def timed(fn) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(REPEAT):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--cases", type=int, default=100_000)
    p.add_argument("--keep", type=Path, help="write the database here instead of a temporary folder")
    args = p.parse_args()
    rng = random.Random(20261102)
    path = args.keep or Path(tempfile.mkdtemp()) / "search.db"
    path.unlink(missing_ok=True)
    db = Database(sqlite_url(path))
    db.init_schema()
    t = time.perf_counter()
    generate(db, args.cases, rng)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        applicants = conn.exec_driver_sql("SELECT count(*) FROM applicants").scalar_one()
    print(f"generated {args.cases:,} cases, {applicants:,} applicants in {time.perf_counter() - t:.1f} s")

    with db.session() as s:
        probe = s.scalars(select(ApplicantRow).where(ApplicantRow.case_number == "GUZ2010054321")
                          .order_by(ApplicantRow.position)).first()
        queries = {
            "case number (typed with spaces)": "guz 2010 054321",
            "Latin name prefix": f"{probe.surname} {probe.given_names[:3]}",
            "Latin name, given first": f"{probe.given_names} {probe.surname}",
            "Chinese name": probe.native_name,
            "petitioner id": "pet-027160",
            "broad prefix (a fifth of all)": "l",
        }
        print(f"{'query':34} {'text':18} {'hits':>5} {'search ms':>10} {'baseline ms':>12} {'ratio':>6}")
        worst = 0.0
        for label, text in queries.items():
            search_s, hits = timed(lambda text=text: search_cases(s, text))
            numbers = [h.case_number for h in hits]
            # The baseline: the same rows (cases and their applicants) fetched by primary key.
            base_s, _ = timed(lambda numbers=numbers: s.scalars(select(CaseRow).options(selectinload(CaseRow.applicants))
                                                .where(CaseRow.case_number.in_(numbers))).all())
            worst = max(worst, search_s)
            print(f"{label:34} {text:18} {len(hits):5d} {search_s * 1e3:10.2f} {base_s * 1e3:12.2f} "
                  f"{search_s / base_s:6.2f}")
            assert hits, f"{label}: no hit for {text!r}"
    print(f"slowest search: {worst * 1e3:.1f} ms (goal: at most 100 ms)")
    db.dispose()


if __name__ == "__main__":
    main()
