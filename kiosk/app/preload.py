"""What a visit loads on first use, loaded ahead: on the worker, while Welcome waits for its first visitor.

Start-up imports none of this (Welcome is painted before SQLAlchemy, Argon2 or reportlab load). Without
this, the first visit's sign-in, look-up and printout would pay for the imports on the worker (holding
Python's lock against the GUI thread), and the first wipe's garbage collection would walk every object
they made (ui/shell.py freezes what is loaded here once it is done).
"""

from __future__ import annotations


def load_visit_modules() -> None:
    """Import the services, sync steps and printouts a visit uses (idempotent; cheap once loaded)."""
    # Imported here rather than at the top, for start-up cost (not to dodge a cycle): this runs after the
    # database is open, on the worker.
    from sqlalchemy.orm import configure_mappers

    from kiosk.pdf import confirmation as _confirmation_pdf, receipt  # noqa: F401
    from kiosk.services import account_cases, accounts, booking, confirmation, inquiries, letter, slots  # noqa: F401
    from kiosk.sync import heal, offline, outbox, pull  # noqa: F401

    configure_mappers()  # the ORM's first query would do it
