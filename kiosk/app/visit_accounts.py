"""The visit's account: sign in, sign up, and the cases an account remembers (kept on central).

No Qt, and no SQLAlchemy at import time: the kiosk paints Welcome before the database layer
loads, so the core is imported inside the methods, which run on the worker thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.app.visit_state import VisitState
from kiosk.domain.errors import RuleError
from kiosk.i18n.refusals import OFFLINE_SIGN_IN

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from kiosk.services.account_cases import YourCase
    from kiosk.services.accounts import AccountView
    from kiosk.store.accounts import Account


class VisitAccounts(VisitState):
    """Accounts on central; offline, one made at this kiosk meanwhile (queued for central with it)."""

    # -- accounts -------------------------------------------------------------------------------
    def sign_in(self, username: str, password: str) -> AccountView:
        """Central checks the password; offline, only an account made at this kiosk meanwhile can be."""
        from kiosk.services.accounts import find_account, sign_in
        from kiosk.sync.errors import CentralUnreachable
        from kiosk.sync.outbox import alerts_via_outbox

        kiosk = self.kiosk_id or "local"
        if self.central is None:
            return sign_in(self.store, username, password, now=self.now(), kiosk_id=kiosk)
        try:
            return self.central.sign_in(username, password, now=self.now())
        except CentralUnreachable:
            pass
        if find_account(self.store, username) is None:
            raise RuleError(OFFLINE_SIGN_IN, "Accounts cannot be checked while the kiosk is offline.")
        return sign_in(self.store, username, password, now=self.now(), kiosk_id=kiosk,
                       on_alert=alerts_via_outbox(self.now()))

    # -- the account's cases (kept on central; offline a returning applicant types the case number) --------
    def link_case(self, username: str, case_number: str) -> None:
        """The signed-in account found this case's letter: remember it for the next visit."""
        from kiosk.services import account_cases
        from kiosk.sync.errors import CentralUnreachable

        if self.central is None:
            with self.store.transaction() as s:
                account_cases.link_case(s, username, case_number, now=self.now())
            return
        try:
            self.central.link_case(username, case_number, now=self.now())
        except CentralUnreachable:
            pass  # not remembered this time; nothing else depends on it

    def your_cases(self, username: str) -> list[YourCase]:
        """The account's cases and their appointments (empty when central cannot be reached)."""
        from kiosk.services import account_cases
        from kiosk.sync.errors import CentralUnreachable

        if self.central is None:
            with self.store.session() as s:
                return account_cases.cases_of(s, username, now=self.now())
        try:
            return self.central.cases_of(username, now=self.now())
        except CentralUnreachable:
            return []

    def create_account(self, username: str, password: str) -> AccountView:
        """A new account under the chosen name with a random tag (sign_up): it never says a name is taken.

        On central; offline, in the cache with the command that takes it to central (one transaction).
        """
        from kiosk.services.accounts import sign_up
        from kiosk.sync.errors import CentralUnreachable
        from kiosk.sync.outbox import alerts_via_outbox, enqueue

        kiosk = self.kiosk_id or "local"
        if self.central is None:
            return sign_up(self.store, username, password, now=self.now(), kiosk_id=kiosk)
        try:
            return self.central.create_account(username, password, now=self.now())
        except CentralUnreachable:
            pass
        now = self.now()

        def queue(session: Session, account: Account) -> None:  # in the cache transaction that stores the account
            enqueue(session, "account", {"username": account.username, "password_hash": account.password_hash,
                                         "now": now.isoformat()}, now=now)

        view = sign_up(self.store, username, password, now=now, kiosk_id=kiosk, also=queue,
                       on_alert=alerts_via_outbox(now))
        self._wrote()
        return view
