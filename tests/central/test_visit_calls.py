"""A visit's calls to central through the service: accounts made and checked on central, the confirmation signed there."""

from __future__ import annotations

import io
import time
import uuid

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from kiosk.domain.errors import InputError, RuleError
from kiosk.services.accounts import HASHER, AccountError
from kiosk.store.accounts import Account
from kiosk.store.models import Post, SlotRow
from kiosk.store.sync_tables import OutboxStatus
from tests.central.harness import Service, add_cases, bookable_slots

pytestmark = pytest.mark.postgres
PASSWORD = "correct horse battery staple"


def test_an_account_is_made_and_hashed_on_central_with_its_own_parameters(service: Service) -> None:
    with service.client("hall-1") as c:
        made = c.create_account("lin.mei@example.com", PASSWORD)
        with pytest.raises((InputError, RuleError)):
            c.create_account("short.one@example.com", "short")  # central's 15-character rule
        assert made.username.startswith("lin.mei-") and c.sign_in(made.username, PASSWORD).id == made.id
    with service.central.session() as s:
        stored = s.scalar(select(Account.password_hash).where(Account.id == made.id))
    assert stored.startswith(f"$argon2id$v=19$m={HASHER.memory_cost},t={HASHER.time_cost},p={HASHER.parallelism}$")


def test_a_wrong_password_is_counted_on_central_and_the_kiosk_learns_when_to_allow_a_retry(service: Service) -> None:
    with service.client("hall-1") as c:
        c.create_account("wang.lei@example.com", PASSWORD)
        with pytest.raises(AccountError) as refused:
            c.sign_in("wang.lei@example.com", "not the password at all")
    assert refused.value.attempts_left is not None and refused.value.code


def test_the_confirmation_is_signed_on_central_and_the_kiosk_gets_only_the_pdf(service: Service) -> None:
    [slot] = bookable_slots(service.central, 1, seats=3)
    [number] = add_cases(service.central, 501, 1)
    with service.client("hall-1") as c:
        assert c.push(str(uuid.uuid4()), "book", {"case_number": number, "slot_id": slot}).status is OutboxStatus.DONE
        pdf = c.confirmation_pdf(number, language="en")
        with pytest.raises(InputError, match="no active booking"):
            c.confirmation_pdf(add_cases(service.central, 502, 1)[0], language="en")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert pdf.startswith(b"%PDF") and number in text.replace(" ", "")
    assert "Your user name" not in text  # no account signed in at this visit


def test_the_user_name_on_centrals_confirmation_is_the_one_its_grant_names_never_one_the_kiosk_says(
        service: Service) -> None:
    [slot] = bookable_slots(service.central, 1, seats=3) if not _has_post(service) else _slots(service)
    [number] = add_cases(service.central, 503, 1)

    def text(pdf: bytes) -> str:
        return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)

    with service.client("hall-1") as c:
        made = c.create_account("zhou.yan@example.com", PASSWORD)
        assert c.push(str(uuid.uuid4()), "book", {"case_number": number, "slot_id": slot}).status is OutboxStatus.DONE
        signed_in = text(c.confirmation_pdf(number, language="en", account=made.username))
        not_this_visits = text(c.confirmation_pdf(number, language="en", account="someone.else-1234"))
        forged = c._send("POST", "/v1/confirmations", {"case_number": number, "language": "en",
                                                        "account": "zhou.yan-0000@example.com"},
                         time.monotonic() + 15)
    assert "Your user name" in signed_in and made.username in signed_in
    assert "Your user name" not in not_this_visits and "someone.else" not in not_this_visits
    assert forged.status_code == 200 and "zhou.yan-0000" not in text(forged.content)


def _has_post(service: Service) -> bool:  # the module's service is shared: the post may be seeded already
    with service.central.session() as s:
        return s.get(Post, "GUZ") is not None


def _slots(service: Service) -> list[str]:
    with service.central.session() as s:
        return [s.scalars(select(SlotRow.id).where(SlotRow.taken < SlotRow.seats).order_by(SlotRow.start)).first()]


def test_guessing_through_the_service_is_slowed_and_alerted_under_the_certificates_kiosk(service: Service) -> None:
    from kiosk.services import budgets
    from kiosk.services.letter import LookupMissed
    from tests.factories import case_number

    with service.client("hall-1") as c:
        for n in range(budgets.KIOSK.burst):  # one date of birth, a new visit for each guess
            with pytest.raises((LookupMissed, budgets.Throttled)):
                c.check_letter(case_number(7000 + n), "1970-01-01", visit=f"v{n}")
        with pytest.raises(budgets.Throttled) as slowed:
            c.check_letter(case_number(7999), "1970-01-01", visit="next")
    assert slowed.value.code == budgets.LOOKUP_SLOWED and slowed.value.wait_seconds > 0
    with service.central.session() as s:
        assert [(a.kind, a.kiosk_id) for a in budgets.open_alerts(s)] == [(budgets.LOOKUP_KIOSK_ALERT, "hall-1")]
