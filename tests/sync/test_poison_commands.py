"""A command central cannot apply (here: a permission error) is held as failed, visible, retried; the rest flow."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from kiosk.central import pki
from kiosk.cli.main import main
from kiosk.services.clerk.staff import StaffRole, StaffView
from kiosk.store.inquiries import Inquiry
from kiosk.store.sync_tables import OutboxCommand, OutboxStatus
from kiosk.sync.failures import FailureState, decide, failed_commands, failed_on_kiosk, held_count
from kiosk.sync.outbox import enqueue
from tests.factories import NOW, add_case, case_number, seed_post
from tests.sync.via import sync_once
from tests.ui.central_fixtures import write_service_config

pytestmark = pytest.mark.postgres

C1, C2, C3 = case_number(1), case_number(2), case_number(3)
CLERK = StaffView("wang", "Wang Li", StaffRole.CLERK)


def refusing_inquiries(number: str) -> str:
    """A database that refuses one case's inquiries, as a revoked grant or a policy would (SQLSTATE 42501).

    (Central's schema outlives a test: the session's service keeps its database, emptied between tests.)
    """
    return f"""
CREATE OR REPLACE FUNCTION refuse_inquiry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.case_number = '{number}' THEN RAISE EXCEPTION 'permission denied for table inquiries'
    USING ERRCODE = 'insufficient_privilege'; END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS refuse_inquiry ON inquiries;
CREATE TRIGGER refuse_inquiry BEFORE INSERT ON inquiries FOR EACH ROW EXECUTE FUNCTION refuse_inquiry();
"""


REFUSE = refusing_inquiries(C1)


def _inquiry(cache, number: str, minutes: int) -> str:
    at = NOW + timedelta(minutes=minutes)
    with cache.transaction() as s:
        return enqueue(s, "inquiry", {"case_number": number, "kind": "letter_copy", "text": "lost my letter",
                                      "now": at.isoformat()}, now=at)


def _inquiries(central) -> list[str]:
    with central.session() as s:
        return sorted(s.scalars(select(Inquiry.case_number)))


def _status(tmp_path, capsys) -> dict:
    """`kiosk-admin --config … status --json` on the test's cache (tests/sync/conftest.py: cache-hall-1.db).

    The kiosk's central is the service (here nowhere: the status is the cache's); its TLS files exist.
    """
    tls = tmp_path / "tls"
    pki.init_ca(tls, "GUZ")
    pki.issue_kiosk(tls, tls, "hall-1")
    path = write_service_config(tmp_path, tls=tls)
    path.write_text(path.read_text("utf-8").replace('cache = "cache.db"', 'cache = "cache-hall-1.db"'), "utf-8")
    capsys.readouterr()
    assert main(["--config", str(path), "status", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_failing_command_is_held_visible_and_retried_while_the_others_flow(central, cache, tmp_path, monkeypatch,
                                                                             capsys):
    seed_post(central)
    for n in (C1, C2, C3):
        add_case(central, n)
    with central.engine.begin() as conn:
        conn.execute(text(REFUSE))
    poison = _inquiry(cache, C1, 1)
    behind = _inquiry(cache, C1, 2)  # about the same case: waits for the first
    _inquiry(cache, C2, 3)  # queued after the failure: goes through

    report = sync_once(central, cache, kiosk_id="hall-1", now=NOW + timedelta(minutes=5))
    assert report.central_reachable and report.pushed == 2
    assert _inquiries(central) == [C2]
    [failed] = failed_on_kiosk(cache)
    assert (failed["id"], failed["kind"]) == (poison, "inquiry")
    assert "InsufficientPrivilege" in failed["error"] and C1 not in failed["error"]
    assert held_count(cache) == 1 and report.outbox_depth == 1  # `behind` still pending, not lost
    status = _status(tmp_path, capsys)
    assert [c["id"] for c in status["failed"]] == [poison] and status["held"] == 1 and status["outbox"] == 1
    with central.session() as s:
        [shown] = failed_commands(s)  # what the Kiosks tab lists
    assert (shown.command_id, shown.kiosk_id, shown.state, shown.attempts) == (poison, "hall-1", "open", 1)

    # Fixed on central; a clerk asks for a retry; the next sync sends it and the one behind it.
    with central.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER refuse_inquiry ON inquiries"))
    with pytest.raises(Exception, match="reason"):
        decide(central, CLERK, poison, FailureState.RETRY, "", now=NOW)
    decide(central, CLERK, poison, FailureState.RETRY, "grant restored by the DBA", now=NOW)
    report = sync_once(central, cache, kiosk_id="hall-1", now=NOW + timedelta(minutes=10))
    assert report.outbox_depth == 0 and _inquiries(central) == [C1, C1, C2]
    assert failed_on_kiosk(cache) == [] and held_count(cache) == 0
    with central.session() as s:
        assert failed_commands(s) == []
    with cache.session() as s:
        assert s.get(OutboxCommand, behind).status == OutboxStatus.DONE.value


def test_a_clerk_resolves_a_failed_command_and_it_is_never_sent(central, cache):
    seed_post(central)
    add_case(central, C1)
    with central.engine.begin() as conn:
        conn.execute(text(REFUSE))
    poison = _inquiry(cache, C1, 1)
    sync_once(central, cache, kiosk_id="hall-1", now=NOW)
    decide(central, CLERK, poison, FailureState.RESOLVED, "letter copy posted by hand", now=NOW)
    with central.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER refuse_inquiry ON inquiries"))
    sync_once(central, cache, kiosk_id="hall-1", now=NOW + timedelta(minutes=1))
    with cache.session() as s:
        row = s.get(OutboxCommand, poison)
    assert row.status == OutboxStatus.REFUSED.value and "RESOLVED" in row.result
    assert _inquiries(central) == []
