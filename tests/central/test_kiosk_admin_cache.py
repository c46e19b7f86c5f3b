"""`kiosk-admin --config FILE …` through the real service: answers from the cache, one booking per key, offline
from the kiosk's own loan when central cannot be reached, and that booking on central after the next sync."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.cli.main import main
from kiosk.store.models import Booking, BookingStatus
from tests.central.harness import Service, add_cases, bookable_slots
from tests.pdf.pdfcheck import pdf_text
from tests.ui.central_fixtures import write_service_config

pytestmark = pytest.mark.postgres
DOB = "1988-07-30"  # tests.factories.add_case's principal


def _run(capsys, *argv: str) -> tuple[int, dict]:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    code = main([*argv, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else {}


def _bookings(service: Service, number: str) -> list[Booking]:
    with service.central.session() as s:
        return list(s.scalars(select(Booking).where(Booking.case_number == number,
                                                    Booking.status == BookingStatus.ACTIVE)).all())


def test_kiosk_admin_answers_from_its_cache_books_once_per_key_and_offline_from_its_loan(
        service: Service, tmp_path, capsys) -> None:
    # Eight working days out, the last one stays changeable (3 working days) on any day the test runs.
    slots = bookable_slots(service.central, 8, seats=4)
    numbers = add_cases(service.central, 501, 3)
    path = write_service_config(tmp_path, service.url, service.tls)
    config = str(path)
    code, synced = _run(capsys, "--config", config, "sync")
    assert code == 0 and synced["central_reachable"], synced
    # The cache keeps each case sealed: without the principal's date of birth central evaluates it (read only),
    # the same evaluation as on central's own database; add_case's date of birth opens it in the cache.
    owner = service.central.engine.url.render_as_string(hide_password=False)
    for what_if in ((), ("--today", "2031-02-03")):
        code, ev = _run(capsys, "--config", config, "eligibility", numbers[0], *what_if)
        assert ev["case_number"] == numbers[0] and ev["decision"] == ("inquiry" if what_if else "schedule"), ev
        assert _run(capsys, "--db", owner, "eligibility", numbers[0], *what_if) == (code, ev)
    code, ev = _run(capsys, "--config", config, "eligibility", numbers[0], "--dob", "1988-07-31")
    assert code == 2 and "does not open" in ev["message"], ev
    code, ev = _run(capsys, "--config", config, "eligibility", numbers[0], "--dob", DOB)
    assert code == 0 and ev["case_number"] == numbers[0] and ev["decision"] == "schedule"

    argv = ("--config", config, "book", numbers[0], slots[-1], "--key", "visit-1")
    code, first = _run(capsys, *argv)
    assert code == 0 and first["offline"] is False, first
    code, again = _run(capsys, *argv)  # the same key: the same booking, not a second one
    assert code == 0 and again["booking"] == first["booking"]
    assert [b.reference for b in _bookings(service, numbers[0])] == [first["booking"]]
    # The confirmation comes from central, signed there: the cache has no booking of its own yet.
    out = tmp_path / "confirmation.pdf"
    code, wrote = _run(capsys, "--config", config, "confirmation", numbers[0], "--out", str(out))
    assert code == 0 and wrote["file"] == str(out), wrote
    assert first["booking"] in pdf_text(out.read_bytes()) and "DEMO" not in pdf_text(out.read_bytes())
    # Loading the post's data belongs on central: a kiosk's cache would hold the cases in the clear.
    case_file = tmp_path / "cases.json"
    case_file.write_text(json.dumps({"format": "kiosk-cases/1", "cases": []}), "utf-8")
    for argv in (("import", str(case_file)), ("demo",)):
        code, refused = _run(capsys, "--config", config, *argv)
        assert code == 2 and refused["field"] == "--config" and "--db URL" in refused["message"], refused

    code, status = _run(capsys, "--config", config, "status")
    lent = {loan["slot_id"] for loan in status["loans"]}
    assert code == 0 and lent, status
    # Central cannot be reached: the same kiosk (cache, certificate) with its central where nothing listens.
    path.write_text(path.read_text("utf-8").replace(service.url, "https://127.0.0.1:1"), "utf-8")
    loan_slot = sorted(lent)[0]
    code, ev = _run(capsys, "--config", config, "eligibility", numbers[2])  # nothing to ask: the cache's words
    assert code == 2 and ev["field"] == "--dob" and "--dob" in ev["message"], ev
    code, offline = _run(capsys, "--config", config, "book", numbers[1], loan_slot)
    assert code == 2 and offline["field"] == "--dob"  # from its loan the kiosk judges the case: it must open it
    code, offline = _run(capsys, "--config", config, "book", numbers[1], loan_slot, "--dob", DOB)
    assert code == 0 and offline["offline"] is True and offline["kiosk"] == "hall-1", offline
    unlent = [s for s in slots if s not in lent]
    if unlent:  # no seat of that time here: nothing booked, and it says so
        code, refused = _run(capsys, "--config", config, "book", numbers[2], unlent[0], "--dob", DOB)
        assert code == 1 and refused["error"] == "OFFLINE"
    code, status = _run(capsys, "--config", config, "status")
    assert status["central_reachable"] is False and status["offline_pending"] == 1
    out = tmp_path / "offline.pdf"  # booked from the loan: printed here, signed with the kiosk's key
    code, wrote = _run(capsys, "--config", config, "confirmation", numbers[1], "--out", str(out))
    assert code == 0 and "Issued offline by this kiosk" in pdf_text(out.read_bytes()), wrote
    code, refused = _run(capsys, "--config", config, "confirmation", numbers[0], "--out", str(out))
    assert code == 1 and refused["error"] == "OFFLINE", refused  # central signs that one, and is away
    code, ev = _run(capsys, "--config", config, "eligibility", numbers[2], "--dob", DOB)
    assert code == 0 and ev["case_number"] == numbers[2] and ev["decision"] == "schedule"  # still from the cache

    Path(config).write_text(path.read_text("utf-8").replace("https://127.0.0.1:1", service.url), "utf-8")
    code, synced = _run(capsys, "--config", config, "sync")
    assert code == 0 and synced["outbox"] == 0
    [booked] = _bookings(service, numbers[1])  # the offline booking, on central once the link is back
    assert booked.reference == offline["booking"] and booked.issued_offline and booked.kiosk_id == "hall-1"
    assert _bookings(service, numbers[2]) == []
