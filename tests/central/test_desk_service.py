"""The clerk console through the real central service over mutual TLS: staff sign in to it, and every desk call
runs on central as the session's staff member, at central's time (kiosk.central.desk_routes, remote_desk)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

import pytest

from kiosk.central import grants, pki, registry
from kiosk.central.client import CentralRefused
from kiosk.central.remote_desk import CENTRAL_REFUSED, CENTRAL_UNREACHABLE, RemoteDesk, SessionExpired
from kiosk.domain.cspa import CspaStatus
from kiosk.domain.errors import InputError, RuleError
from kiosk.services.clerk import CaseView, StaffView
from kiosk.services.confirmation import ConfirmationState
from kiosk.services.evaluation import load_policy, post_calendar
from kiosk.services.inquiries import submit_inquiry
from kiosk.store.alerts import FailureState
from kiosk.store.documents import DocumentScan
from kiosk.store.sync_tables import OutboxCommand
from kiosk.sync import failures
from kiosk.store.staff import StaffRole
from tests.central.desk_setup import PASSWORD, audit as _audit, raw as _raw, remote as _remote
from tests.central.harness import Service, add_cases, post_now
from tests.central.hub import DOWN_URL, Hub
from tests.factories import add_case, add_slot, case_number

pytestmark = pytest.mark.postgres


def _far_slot(central, name: str, days: int = 21) -> str:  # type: ignore[no-untyped-def]
    """A slot three weeks out (or `days`): booked and cancelled again well inside its change window."""
    now = post_now()
    with central.session() as s:
        policy, calendar = load_policy(s), post_calendar(s)
    day = now.date() + timedelta(days=days)
    while calendar.slot_refusal(datetime.combine(day, datetime.min.time()).replace(hour=10), now, policy):
        day += timedelta(days=1)
    return add_slot(central, datetime.combine(day, datetime.min.time()).replace(hour=10), 3, slot_id=name)


def test_a_clerk_signs_in_through_the_service_and_books_reprints_and_cancels(desk_central: Service,
                                                                            desk: RemoteDesk) -> None:
    slot = _far_slot(desk_central.central, "desk-book")
    [number] = add_cases(desk_central.central, 801, 1)
    staff = desk.sign_in("wang", PASSWORD)
    assert staff == StaffView("wang", "Wang", StaffRole.CLERK)
    desk.staff = staff
    [hit] = desk.search(number)
    assert hit.case_number == number
    view = desk.case_view(number)
    assert isinstance(view, CaseView) and view.applicants[0].surname == "LIN"
    assert slot in {s.id for s in desk.slots()}
    booked = desk.act("book", number, "asked at the counter", slot_id=slot)
    assert booked.slot_id == slot and booked.case_number == number
    printed = desk.act("reprint", number, "lost the paper", language="zh_CN")
    assert printed.parent == desk.out_dir and printed.read_bytes().startswith(b"%PDF")
    check = desk.check_qr("not a code")
    assert check.state is ConfirmationState.NOT_GENUINE
    cancelled = desk.act("cancel", number, "applicant asked to cancel")
    assert cancelled.reference == booked.reference and cancelled.released == 1
    # Every row names the signed-in clerk, at central's time.
    for action in ("clerk.booked", "clerk.reprinted", "clerk.cancelled"):
        [row] = _audit(desk_central, action, number)
        assert row.actor == "staff:wang"
        assert abs(row.at - post_now()) < timedelta(minutes=2)
    [signed_in] = _audit(desk_central, "staff.signed_in")[-1:]
    assert signed_in.actor == "staff:wang" and json.loads(signed_in.detail) == {"console": "desk-1"}


def test_a_supervisors_screens_read_and_write_through_the_service(desk_central: Service, desk: RemoteDesk,
                                                                  tmp_path: Path) -> None:
    central = desk_central.central
    _far_slot(central, "desk-lend", days=5)
    with desk_central.client("hall-1") as kiosk:  # a kiosk borrows seats, and one request of it is 10 minutes off
        kiosk.loans(None)
        kiosk.clock = lambda: post_now().astimezone() + timedelta(minutes=10)
        with pytest.raises(CentralRefused):
            kiosk.hello()
    [number] = add_cases(central, 841, 1)
    with central.transaction() as s:
        asked = submit_inquiry(s, case_number=number, kind="add_derivative", text="add my son <&>",
                               documents=["birth certificate"], now=post_now())
    desk.staff = desk.sign_in("chen", PASSWORD)
    today = post_now().date()
    far = today + timedelta(days=40)
    made = desk.generate(far, far + timedelta(days=6), [dtime(9, 0), dtime(14, 30)], 4, "more interviews")
    days = desk.days(far, far + timedelta(days=6))
    assert made == sum(len(d.slots) for d in days) > 0 and all(s.free == 4 for d in days for s in d.slots)
    first = days[0].slots[0]
    desk.shrink(first.id, 2, "one officer away")
    assert desk.block(first.id, "room repainted") == 0 and desk.slot_contacts(first.id) == []
    desk.close_day(days[-1].day, "national holiday")
    assert desk.day_contacts(days[-1].day) == [] and desk.days(days[-1].day, days[-1].day)[0].closed
    overview = desk.kiosks()
    [hall] = [h for h in overview.health if h.kiosk_id == "hall-1"]
    assert hall.seats > 0 and {k for k, _loan in overview.loans} == {"hall-1"}
    alerts, failed = desk.alerts()
    assert (alerts, failed) == overview.alerts and [a.kiosk_id for a in alerts] == ["hall-1"]
    desk.acknowledge_alert(alerts[0].id)
    assert desk.alerts()[0] == []
    with pytest.raises(RuleError, match="may still book"):  # a rule's refusal comes back as the rule says it
        desk.write_off_loans("hall-1", "kiosk taken away for repair")
    [inquiry] = desk.open_inquiries(None)
    assert inquiry.reference == asked.reference and inquiry.text == "add my son <&>"
    assert desk.receive_document(asked.reference, "birth certificate", "brought to counter 3").reference == asked.reference
    assert desk.scans(asked.reference) == []
    assert desk.resolve(asked.reference, "added the son to the case").status != asked.status
    added = desk.add_clerk("li.na", PASSWORD, "Li Na", "new colleague at counter 4")
    assert added.username == "li.na" and added.role is StaffRole.CLERK
    assert desk.unlock("li.na", "checked her identity").username == "li.na"
    for action in ("clerk.slots_generated", "clerk.slot_shrunk", "clerk.closure_recorded",
                   "clerk.inquiry_resolved", "staff.unlocked"):
        assert {r.actor for r in _audit(desk_central, action)} == {"staff:chen"}, action
    assert _audit(desk_central, "staff.added")[-1].actor == "staff:chen"
    assert {"wang", "chen", "zhao"} <= {line.username for line in desk.staff_list()}
    assert desk.applicant_locks() == [] and desk.open_inquiries(None) == []
    report = desk.report("bookings_per_day", today, today + timedelta(days=7))
    path, rows = desk.export("bookings_per_day", today, today + timedelta(days=7), str(tmp_path / "out" / "b.csv"))
    assert path == tmp_path / "out" / "b.csv" and rows == len(report.rows)
    assert path.read_text(encoding="utf-8").splitlines()[0]
    [exported] = _audit(desk_central, "clerk.report_exported")[-1:]
    assert exported.actor == "staff:chen"


def test_actor_and_time_in_a_payload_change_nothing(desk_central: Service, desk: RemoteDesk) -> None:
    slot = _far_slot(desk_central.central, "desk-payload")
    [number] = add_cases(desk_central.central, 811, 1)
    desk.staff = desk.sign_in("wang", PASSWORD)
    body = {"session": desk._session, "args": [], "actor": "staff:chen", "now": "2020-01-01T09:00:00",
            "staff": {"username": "chen", "role": "supervisor"},
            "kwargs": {"$m": [["action", "book"], ["number", number], ["reason", "asked at the counter"],
                              ["slot_id", slot]]}}
    status, answer = _raw(desk.remote, "/v1/desk/act", body)
    assert status == 200, answer
    [row] = _audit(desk_central, "clerk.booked", number)
    assert row.actor == "staff:wang" and abs(row.at - post_now()) < timedelta(minutes=2)
    # As a keyword of the call itself: refused, nothing done.
    for extra in (["actor", "staff:chen"], ["now", {"$dt": "2020-01-01T09:00:00"}]):
        body["kwargs"] = {"$m": [["action", "cancel"], ["number", number], ["reason", "moved"], extra]}
        status, answer = _raw(desk.remote, "/v1/desk/act", body)
        assert (status, answer["error"]) == (400, "BAD_INPUT")
    assert _audit(desk_central, "clerk.cancelled", number) == []


def test_an_expired_forged_or_other_consoles_session_is_refused(desk_central: Service, desk: RemoteDesk,
                                                               service_hub: Hub) -> None:
    desk.staff = desk.sign_in("wang", PASSWORD)
    token = desk._session
    assert token
    body, mac = token.split(".")
    username, started, session_id = json.loads(json.loads(grants._unb64(body))[1])
    forged_subject = json.dumps(["chen", started, session_id])
    forged_body = grants._unb64(body).replace(json.dumps(json.dumps([username, started, session_id]))[1:-1].encode(),
                                             json.dumps(forged_subject)[1:-1].encode())
    assert forged_body != grants._unb64(body)
    forged = grants._b64(forged_body) + "." + mac
    for bad in ("", "x.y", forged):
        status, answer = _raw(desk.remote, "/v1/desk/staff_list", {"session": bad, "args": []})
        assert (status, answer["error"]) == (401, "SESSION_EXPIRED")
    other = _remote(desk_central, "desk-2", service_hub)
    try:  # desk-1's session is worth nothing at desk-2
        assert _raw(other, "/v1/desk/search", {"session": token, "args": ["GUZ"]})[0] == 401
    finally:
        other.close()
    # Every answer starts the idle time again; unused for longer than central allows (its clock, moved on), or
    # 12 hours after sign-in however busy, the session ends and the console is sent back to sign-in.
    try:
        for minutes in range(25, 12 * 60, 25):
            service_hub.set_clock(post_now() + timedelta(minutes=minutes), speed=1.0)
            assert desk.search("GUZ0") == []
        service_hub.set_clock(post_now() + timedelta(hours=12, minutes=5), speed=1.0)
        with pytest.raises(SessionExpired, match="12 hours"):
            desk.search("GUZ0")
        desk.staff = desk.sign_in("wang", PASSWORD)
        service_hub.set_clock(service_hub.now() + timedelta(minutes=31), speed=1.0)
        with pytest.raises(SessionExpired):
            desk.search("GUZ0")
        with pytest.raises(SessionExpired):  # and it holds no session any more
            desk.search("GUZ0")
    finally:
        service_hub.set_clock(post_now(), speed=1.0)


def test_a_kiosk_certificate_gets_no_desk_route_and_a_console_no_kiosk_route(desk_central: Service,
                                                                          desk: RemoteDesk) -> None:
    with desk_central.client("hall-1") as kiosk:
        status, answer = _raw(kiosk, "/v1/desk/sign-in", {"username": "wang", "password": PASSWORD})
        assert (status, answer["error"]) == (403, "WRONG_ROLE")
        assert _raw(kiosk, "/v1/desk/search", {"session": "x", "args": ["GUZ"]})[0] == 403
    for path, body in (("/v1/loans", {"reported_at": None}), ("/v1/pull", {"seen": {"revision": 0}}),
                       ("/v1/accounts/sign-in", {"username": "wang", "password": PASSWORD})):
        status, answer = _raw(desk.remote, path, body)
        assert (status, answer["error"]) == (403, "WRONG_ROLE"), path


def test_a_clerk_cannot_do_what_only_a_supervisor_may(desk_central: Service, desk: RemoteDesk) -> None:
    slot = _far_slot(desk_central.central, "desk-override")
    [number] = add_cases(desk_central.central, 821, 1)
    desk.staff = StaffView("wang", "Wang", StaffRole.SUPERVISOR)  # what the console thinks changes nothing
    desk.sign_in("wang", PASSWORD)
    for call in (lambda: desk.act("override_book", number, "supervisor said so", slot_id=slot),
                 lambda: desk.write_off_loans("hall-1", "kiosk was stolen"),
                 lambda: desk.add_clerk("li", PASSWORD, "Li", "new colleague"),
                 lambda: desk.unlock("chen", "forgot the password"),
                 desk.staff_list):
        with pytest.raises(RuleError) as refused:
            call()
        assert refused.value.code == "SUPERVISOR_ONLY"
    assert _audit(desk_central, "clerk.override_booked", number) == []


def test_bad_arguments_and_an_unreachable_service_are_said_plainly(desk_central: Service, desk: RemoteDesk,
                                                                   service_hub: Hub, tmp_path: Path) -> None:
    desk.staff = desk.sign_in("wang", PASSWORD)
    with pytest.raises(InputError):
        desk.days("2026-11-01", date(2026, 11, 2))  # type: ignore[arg-type]
    status, answer = _raw(desk.remote, "/v1/desk/__init__", {"session": desk._session})
    assert (status, answer["error"]) == (400, "BAD_INPUT")
    with pytest.raises(RuleError) as wrong:
        desk.sign_in("nobody-at-all", "not the password at all")
    assert wrong.value.code != CENTRAL_UNREACHABLE
    issued = pki.issue_console(desk_central.tls, desk_central.tls, "desk-lost")
    registry.register(desk_central.central, issued.cert_path, now=post_now(), loan_cap=0)
    lost = RemoteDesk(_remote(desk_central, "desk-lost", service_hub), tmp_path)
    lost.staff = lost.sign_in("zhao", PASSWORD)
    registry.revoke(desk_central.central, "desk-lost", now=post_now())
    for call in (lambda: lost.search("GUZ0"), lambda: lost.sign_in("zhao", PASSWORD)):  # revoked: nothing more
        with pytest.raises(RuleError) as refused:
            call()
        assert refused.value.code == CENTRAL_REFUSED
    lost.close()
    down = RemoteDesk(_remote(desk_central, "desk-1", service_hub, urls=[DOWN_URL]), tmp_path)
    with pytest.raises(RuleError) as unreachable:
        down.sign_in("wang", PASSWORD)
    assert unreachable.value.code == CENTRAL_UNREACHABLE and "nothing was done" in unreachable.value.message
    down.close()


def test_the_console_window_on_the_service_signs_in_books_reprints_and_is_sent_back_when_the_session_ends(
        qtbot, desk_central: Service, desk: RemoteDesk, service_hub: Hub) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from tests.clerk.conftest import settle
    from tests.pdf.pdfcheck import pdf_text, squash
    from ui.clerk.window import ClerkWindow
    from ui.worker import Runner

    slot = _far_slot(desk_central.central, "desk-console")
    [number] = add_cases(desk_central.central, 831, 1)
    runner = Runner()
    window = ClerkWindow(desk, runner)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    try:
        window.signin.username.setText("nobody")
        window.signin.password.setText("not the password at all")
        window.signin.button.click()
        settle(qtbot, window)
        assert window.stack.currentWidget() is window.signin and window.signin.message.text()
        window.signin.username.setText("zhao")
        window.signin.password.setText(PASSWORD)
        window.signin.button.click()
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.tabs, timeout=15_000)
        settle(qtbot, window)
        window.cases.query.setText(number)
        qtbot.keyClick(window.cases.query, Qt.Key.Key_Return)
        settle(qtbot, window)
        actions = window.cases.case_actions
        actions.reason.setText("applicant at counter 3")
        actions.slot.setCurrentIndex(actions.slot.findData(slot))
        actions.buttons["book"].click()
        assert actions.confirm_button.isVisibleTo(window), actions.message.text()
        actions.confirm_button.click()
        settle(qtbot, window)
        assert [window.cases.bookings.item(r, 1).text() for r in range(window.cases.bookings.rowCount())] == ["active"]
        actions.reason.setText("print for the applicant")
        actions.buttons["reprint"].click()
        settle(qtbot, window)
        path = Path(actions.message.text().removeprefix("Confirmation written to "))
        assert path.parent == desk.out_dir
        text = squash(pdf_text(path.read_bytes()))
        assert number in text and "DEMO" not in text.upper()  # central is never the demo
        [booked] = _audit(desk_central, "clerk.booked", number)
        assert booked.actor == "staff:zhao"
        # Central's clock moves past the idle expiry: the next call sends the console back to sign-in.
        service_hub.set_clock(post_now() + timedelta(minutes=31), speed=1.0)
        window.tabs.setCurrentWidget(window.cases)
        window.cases.query.setText(number)
        qtbot.keyClick(window.cases.query, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.signin, timeout=15_000)
        assert "session on central has ended" in window.signin.message.text()
        assert desk.staff is None and desk._session is None
    finally:
        service_hub.set_clock(post_now(), speed=1.0)
        runner.wait_for_done()


def test_the_console_window_says_when_central_cannot_be_reached(qtbot, desk_central: Service, service_hub: Hub,
                                                               tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.clerk.conftest import settle
    from ui.clerk.window import ClerkWindow
    from ui.worker import Runner

    down = RemoteDesk(_remote(desk_central, "desk-1", service_hub, urls=[DOWN_URL]), tmp_path)
    runner = Runner()
    window = ClerkWindow(down, runner)
    qtbot.addWidget(window)
    window.show()
    try:
        window.signin.username.setText("zhao")
        window.signin.password.setText(PASSWORD)
        window.signin.button.click()
        settle(qtbot, window)
        assert window.stack.currentWidget() is window.signin
        said = window.signin.message.text()
        assert said.startswith("CENTRAL_UNREACHABLE: Central cannot be reached") and "nothing was done" in said
        assert window.signin.button.isEnabled()
    finally:
        runner.wait_for_done()
        down.close()


def test_the_case_actions_scans_and_failed_commands_go_through_the_service(desk_central: Service,
                                                                           desk: RemoteDesk) -> None:
    central = desk_central.central
    number = case_number(851)
    add_case(central, number, children=1)
    with central.transaction() as s:
        asked = submit_inquiry(s, case_number=number, kind="add_derivative", text="add my son",
                               documents=["birth certificate"], now=post_now())
        s.add(DocumentScan(id="scan-851", inquiry_reference=asked.reference, name="birth certificate", pages=1,
                           size=9, sha256="0" * 64, pdf=b"%PDF-1.7\n", kiosk_id="hall-1", received_at=post_now()))
    failures.record_on_central(central, OutboxCommand(id="cmd-851", kind="book", created_at=post_now()), "hall-1",
                               "slot is gone", post_now())
    desk.staff = desk.sign_in("zhao", PASSWORD)
    for action in ("contact", "interviewed", "class_changed"):
        assert desk.act(action, number, f"{action} at counter 2") is None
    child = desk.case_view(number).applicants[1]
    cspa = desk.cspa(number, child.id)  # the calculator's answer, its CSPA age typed back
    assert (cspa.applicant_id, cspa.recorded) == (child.id, None) and cspa.age.status in CspaStatus
    [scan] = desk.scans(asked.reference)
    assert (scan.id, scan.pages) == ("scan-851", 1) and desk.scan_pdf(scan.id) == b"%PDF-1.7\n"
    judged = desk.judge_document(asked.reference, "birth certificate", "accepted", "original seen at counter")
    assert judged.reference == asked.reference
    [failed] = [f for f in desk.alerts()[1] if f.command_id == "cmd-851"]
    desk.decide_command(failed.command_id, FailureState.RESOLVED, "booked by hand at the counter")
    assert [f for f in desk.alerts()[1] if f.command_id == "cmd-851"] == []
    for action in ("clerk.contact_recorded", "clerk.document_accepted", "clerk.command_resolved"):
        rows = _audit(desk_central, action)
        assert rows and rows[-1].actor == "staff:zhao", action
