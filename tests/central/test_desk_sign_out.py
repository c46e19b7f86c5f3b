"""Signing out of the clerk console ends the session on central (kiosk.central.desk_routes: POST /v1/desk/sign-out),
over the real service and mutual TLS: a copied token is refused from then on, other sessions hold."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.central import desk_codec, grants
from kiosk.central.remote_desk import RemoteDesk, SessionExpired
from kiosk.store.staff import EndedDeskSession
from tests.central.desk_setup import PASSWORD, audit as _audit, raw as _raw, remote as _remote
from tests.central.harness import Service, post_now
from tests.central.hub import DOWN_URL, Hub

pytestmark = pytest.mark.postgres


def _ended(svc: Service) -> list[EndedDeskSession]:
    with svc.central.session() as s:
        return list(s.scalars(select(EndedDeskSession).order_by(EndedDeskSession.ended_at)))


def test_after_sign_out_the_sessions_token_is_refused_and_other_sessions_hold(
        desk_central: Service, desk: RemoteDesk, service_hub: Hub, tmp_path: Path) -> None:
    with desk_central.central.transaction() as s:  # a sign-out of yesterday's morning: pruned by the next one
        s.add(EndedDeskSession(session_id="0" * 32, username="wang", console_id="desk-1",
                               started_at=post_now() - timedelta(hours=13), ended_at=post_now() - timedelta(hours=5)))
    desk.staff = desk.sign_in("wang", PASSWORD)
    first = desk._session
    others: dict[str, RemoteDesk] = {}
    try:
        service_hub.set_clock(post_now() + timedelta(minutes=1), speed=1.0)
        assert desk.search("GUZ0") == [] and desk._session != first  # a fresh token of the same session
        refreshed = desk._session
        for who, console in (("zhao", "desk-2"), ("wang", "desk-2")):  # another clerk, and wang, at the other console
            others[who] = RemoteDesk(_remote(desk_central, console, service_hub), tmp_path / who)
            others[who].staff = others[who].sign_in(who, PASSWORD)
        service_hub.set_clock(post_now() + timedelta(minutes=20), speed=1.0)  # central's time, not the console's
        end = desk.sign_out()
        assert desk._session is None and desk.staff is None and end is not None  # forgotten here before any call
        end()
        for token in (first, refreshed):
            status, answer = _raw(desk.remote, "/v1/desk/search", {"session": token, "args": ["GUZ0"]})
            assert (status, answer["error"]) == (401, "SESSION_EXPIRED") and "signed out" in answer["message"]
        [signed_out] = _audit(desk_central, "staff.signed_out")
        assert signed_out.actor == "staff:wang" and json.loads(signed_out.detail) == {"console": "desk-1"}
        assert abs(signed_out.at - (post_now() + timedelta(minutes=20))) < timedelta(minutes=2)
        [row] = _ended(desk_central)  # yesterday's is gone
        assert (row.username, row.console_id, row.ended_at) == ("wang", "desk-1", signed_out.at)
        for other in others.values():  # neither the other clerk nor wang's own session at desk-2 ended
            assert other.search("GUZ0") == []
        # Signing out again with the old token: refused like any ended session, nothing written twice.
        assert _raw(desk.remote, "/v1/desk/sign-out", {"session": first})[0] == 401
        assert len(_audit(desk_central, "staff.signed_out")) == 1 and len(_ended(desk_central)) == 1
        desk.staff = desk.sign_in("wang", PASSWORD)  # a new sign-in, even within the same second, is a new session
        assert desk.search("GUZ0") == []
    finally:
        service_hub.set_clock(post_now(), speed=1.0)
        for other in others.values():
            other.close()


def test_sign_out_with_a_forged_or_other_consoles_token_changes_nothing(desk_central: Service, desk: RemoteDesk,
                                                                       service_hub: Hub) -> None:
    desk.staff = desk.sign_in("zhao", PASSWORD)
    token = desk._session
    assert token
    body, mac = token.split(".")
    forged_mac = grants._b64(bytes(b ^ 1 for b in grants._unb64(mac)))
    before = (len(_audit(desk_central, "staff.signed_out")), len(_ended(desk_central)))
    for bad in ("", "x.y", f"{body}.{forged_mac}", {"not": "a token"}):
        status, answer = _raw(desk.remote, "/v1/desk/sign-out", {"session": bad})
        assert (status, answer["error"]) == (401, "SESSION_EXPIRED")
    other = _remote(desk_central, "desk-2", service_hub)
    try:  # desk-1's token, sent from desk-2's certificate
        assert _raw(other, "/v1/desk/sign-out", {"session": token})[0] == 401
    finally:
        other.close()
    assert (len(_audit(desk_central, "staff.signed_out")), len(_ended(desk_central))) == before
    assert desk.search("GUZ0") == []  # the session holds
    with desk_central.central.session() as s:
        assert s.scalar(select(func.count()).select_from(EndedDeskSession).where(
            EndedDeskSession.username == "zhao")) == 0


def test_the_console_signs_out_on_central_from_its_worker_locally_when_central_is_away_and_when_closed(
        qtbot, desk_central: Service, desk: RemoteDesk, service_hub: Hub) -> None:  # type: ignore[no-untyped-def]
    from tests.clerk.conftest import settle
    from ui.clerk.window import ClerkWindow
    from ui.worker import Runner

    runner = Runner()
    window = ClerkWindow(desk, runner)
    qtbot.addWidget(window)
    window.show()
    reachable, away = desk.remote, _remote(desk_central, "desk-1", service_hub, urls=[DOWN_URL])
    before = len(_audit(desk_central, "staff.signed_out"))
    try:
        for who in ("wang", "chen"):
            window.enter(desk.sign_in(who, PASSWORD))
            settle(qtbot, window)
            token = desk._session
            if who == "chen":  # central cannot be reached at sign-out
                desk.remote = away
            window.sign_out_action.trigger()
            assert window.stack.currentWidget() is window.signin and desk.staff is None and desk._session is None
            assert runner.busy  # the call to central is the worker's, not the GUI thread's
            settle(qtbot, window)
            assert window.stack.currentWidget() is window.signin and window.signin.message.text() == ""
            status, answer = _raw(reachable, "/v1/desk/search", {"session": token, "args": desk_codec.encode(["GUZ0"]),
                                                                  "kwargs": desk_codec.encode({})})
            # wang's session ended on central; chen's console is signed out all the same, and her token holds
            # on central until its idle expiry (the documented limit when central is away at sign-out).
            assert status == (401 if who == "wang" else 200), answer
        assert [r.actor for r in _audit(desk_central, "staff.signed_out")[before:]] == ["staff:wang"]
        with pytest.raises(SessionExpired):  # and the console holds no session
            desk.search("GUZ0")
        desk.remote = reachable  # closing the console signed in signs out, on central too
        window.enter(desk.sign_in("zhao", PASSWORD))
        settle(qtbot, window)
        window.close()
        runner.wait_for_done()
        assert desk.staff is None and _audit(desk_central, "staff.signed_out")[-1].actor == "staff:zhao"
    finally:
        runner.wait_for_done()
        desk.remote = reachable
        away.close()
