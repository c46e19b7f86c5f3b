"""The applicant's visit without Qt: on one database (each engine), and as a kiosk linked to central."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.app.in_process import InProcessCentral
from kiosk.app.visit import VisitServices, new_key
from kiosk.domain.errors import CASE_NOT_FOUND, InputError, RuleError
from kiosk.i18n.refusals import OFFLINE, OFFLINE_PRINT, OFFLINE_SIGN_IN
from kiosk.services import letter
from kiosk.services.booking import current_booking
from kiosk.store.db import Database
from kiosk.store.inquiries import Inquiry
from kiosk.store.sync_tables import OutboxCommand
from tests.app.conftest import CASE, DOB, SLOT
from tests.clock import Clock
from tests.pdf.pdfcheck import pdf_text, squash


def test_a_visit_on_one_database_looks_up_books_prints_and_cancels(demo: Database, clock: Clock, tmp_path) -> None:
    visit = VisitServices(db=demo, demo=True, kiosk_id="hall-1", clock=clock, print_dir=tmp_path)
    account = visit.create_account("meilin", "a long enough passphrase here")  # the name gets a tag
    assert visit.sign_in(account.username, "a long enough passphrase here") == account
    found = visit.look_up_letter(CASE, DOB)
    assert found.case.case_number == CASE and found.evaluation.may_book
    offer = visit.calendar_slots(found.need)
    assert not offer.offline and SLOT in [s.id for s in offer.slots]
    booked = visit.book(CASE, SLOT, new_key())
    assert not booked.offline and booked.result.slot_id == SLOT
    assert "演示—并非真实预约" in squash(pdf_text(visit.confirmation_pdf(CASE, "zh_CN")))  # the demo says so
    real = VisitServices(db=demo, kiosk_id="hall-2", clock=clock, print_dir=tmp_path)  # `--db`: not the demo
    assert "DEMO" not in pdf_text(real.confirmation_pdf(CASE, "en"))
    with demo.session() as s:
        assert current_booking(s, CASE).reference == booked.result.reference
    assert visit.cancel(CASE).reference == booked.result.reference
    inquiry = visit.submit_inquiry(case_number=CASE, kind="not_current", text="何时面谈 <&>")
    assert "DEMO — not a real inquiry" in pdf_text(visit.inquiry_receipt_pdf(inquiry.reference))
    assert "DEMO" not in pdf_text(real.inquiry_receipt_pdf(inquiry.reference, "en"))


def test_a_linked_visit_books_on_central_and_prints_central_s_confirmation(link: InProcessCentral, cache: Database,
                                                                          central_db: Database, clock: Clock) -> None:
    writes: list[int] = []
    visit = VisitServices(db=cache, kiosk_id="hall-1", clock=clock, central=link, on_write=lambda: writes.append(1))
    assert visit.configured and visit.link_state == "central"
    assert visit.sync().central_reachable and not visit.offline()
    booked = visit.book(CASE, SLOT, new_key())
    assert not booked.offline and writes
    with central_db.session() as s:
        assert current_booking(s, CASE).reference == booked.result.reference
    assert "DEMO" not in pdf_text(visit.confirmation_pdf(CASE, "en"))  # central's: a real post's


def test_the_letter_lookup_asks_central_for_a_case_the_cache_lacks_by_code_not_by_wording(
        link: InProcessCentral, cache: Database, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    # Reworded: the fallback must not depend on the sentence (it compares the refusal's code).
    monkeypatch.setattr(letter, "NOT_FOUND", "No such letter here; please check both numbers.")
    visit = VisitServices(db=cache, kiosk_id="hall-1", clock=clock, central=link)  # never synced: empty cache
    assert visit.look_up_letter(CASE, DOB).case.case_number == CASE
    with pytest.raises(InputError) as missing:
        visit.look_up_letter("GUZ2099000001", DOB)  # on neither
    assert missing.value.code == CASE_NOT_FOUND and missing.value.reason == letter.NOT_FOUND


def test_an_unreachable_central_refuses_with_the_offline_codes(down: InProcessCentral, cache: Database,
                                                               clock: Clock) -> None:
    visit = VisitServices(db=cache, kiosk_id="hall-1", clock=clock, central=down)
    report = visit.sync()
    assert not report.central_reachable and report.error == "central is not configured" and visit.offline()
    for call, code in ((lambda: visit.book(CASE, SLOT, new_key()), OFFLINE),
                       (lambda: visit.cancel(CASE), OFFLINE),
                       (lambda: visit.sign_in("someone@example.cn", "a long enough passphrase"), OFFLINE_SIGN_IN),
                       (lambda: visit.confirmation_pdf(CASE), OFFLINE_PRINT)):
        with pytest.raises(RuleError) as refused:
            call()
        assert refused.value.code == code
    # An account made offline is kept in the cache and queued for central; it signs in offline too.
    made = visit.create_account("newcomer", "a long enough passphrase here")
    assert visit.sign_in(made.username, "a long enough passphrase here") == made
    assert visit.calendar_slots(1).offline and visit.calendar_slots(2, group=True).group_needs_central


def test_a_linked_kiosk_keeps_an_inquiry_s_words_only_sealed_and_in_the_visit_s_memory(
        link: InProcessCentral, cache: Database, central_db: Database, clock: Clock) -> None:
    visit = VisitServices(db=cache, kiosk_id="hall-1", clock=clock, central=link)
    assert visit.sync().central_reachable  # the case, and central's public key to seal to
    words, contact = "LIN MEI lost the letter 何时面谈", "lin.mei@example.cn"
    record = visit.submit_inquiry(case_number=CASE, kind="not_current", text=words, contact=contact, consent=True)
    assert (record.text, record.contact) == (words, contact)  # what the Done page says
    with cache.session() as s:  # before any push: the cache's row keeps neither, the outbox only sealed
        row = s.get(Inquiry, record.reference)
        assert row is not None and (row.text, row.contact) == ("", None)
        queued = " ".join(s.scalars(select(OutboxCommand.payload)))
    assert "LIN MEI" not in queued and "lin.mei" not in queued
    assert "LIN MEI lost the letter" in pdf_text(visit.inquiry_receipt_pdf(record.reference))  # printed in the visit
    assert visit.sync().central_reachable
    with central_db.session() as s:
        held = s.get(Inquiry, record.reference)
        assert held is not None and (held.text, held.contact) == (words, contact)
    visit.forget_opened()  # the visit is over: the words are gone from the kiosk
    assert "LIN MEI" not in pdf_text(visit.inquiry_receipt_pdf(record.reference))
