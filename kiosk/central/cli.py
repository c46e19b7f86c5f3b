"""`kiosk-central`: run the central service and keep its certificates and registry of kiosks.

    kiosk-central serve --bind HOST:PORT --tls-dir DIR [--workers N] [--threads N]
    kiosk-central migrate                                   (as the tables' owner)
    kiosk-central db-role ROLE                              (as the owner; password on stdin)
    kiosk-central pki init-ca --ca-dir DIR --post CODE
    kiosk-central pki issue-server NAME… --ca-dir DIR --out DIR
    kiosk-central pki issue KIOSK_ID --ca-dir DIR --out DIR [--loan-cap N]    (and registers it)
    kiosk-central pki renew KIOSK_ID --ca-dir DIR --out DIR                   (new cert; the old one stops)
    kiosk-central pki issue|renew CONSOLE_ID --console --ca-dir DIR --out DIR (a clerk console's: kiosk.central.desk_routes)
    kiosk-central pki revoke KIOSK_ID
    kiosk-central kiosk list

Central's database URL: $KIOSK_CENTRAL_DB_URL or the systemd credential `central-db-url`.
Exit 0 done, 2 bad usage or input (the message says what and where).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from kiosk.central import pki, registry
from kiosk.central.role import ensure_role
from kiosk.central.serve import database_url, serve
from kiosk.domain.appointment import to_post_time
from kiosk.domain.errors import InputError
from kiosk.store.db import Database
from kiosk.store.post_zone import post_zone

EXIT_OK, EXIT_BAD = 0, 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kiosk-central", description="The consular kiosks' central service.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    s = sub.add_parser("serve", help="run the HTTPS service (mutual TLS)")
    s.add_argument("--bind", default="0.0.0.0:8443", help="HOST:PORT (default 0.0.0.0:8443)")
    s.add_argument("--tls-dir", type=Path, required=True,
                   help="folder with server.pem, server.key and the post's ca.pem")
    s.add_argument("--workers", type=int, default=2)
    s.add_argument("--threads", type=int, default=8)
    sub.add_parser("migrate", help="create or migrate central's schema (run as the tables' owner)")
    r = sub.add_parser("db-role", help="create/refresh the service's least-privilege role (password on stdin)")
    r.add_argument("role")

    pki = sub.add_parser("pki", help="the post's CA and certificates").add_subparsers(dest="pki", required=True)
    ca = pki.add_parser("init-ca", help="make the post's CA (once)")
    ca.add_argument("--ca-dir", type=Path, required=True)
    ca.add_argument("--post", required=True, help="the post's three-letter code")
    sv = pki.add_parser("issue-server", help="the service's certificate for these host names / IP addresses")
    sv.add_argument("names", nargs="+")
    for name, help_ in (("issue", "issue a kiosk's certificate and register the kiosk"),
                        ("renew", "issue a kiosk a new certificate; its previous one stops working")):
        k = pki.add_parser(name, help=help_)
        k.add_argument("kiosk_id")
        k.add_argument("--loan-cap", type=int, default=None, help="seats it may hold on loan at once")
        k.add_argument("--console", action="store_true",
                       help="a clerk console's certificate (the clerk-console role; no loans): it may use only "
                            "the console's routes, and a kiosk's certificate none of them")
    for k in (sv, pki.choices["issue"], pki.choices["renew"]):
        k.add_argument("--ca-dir", type=Path, required=True)
        k.add_argument("--out", type=Path, required=True, help="folder for NAME.pem and NAME.key")
    rv = pki.add_parser("revoke", help="refuse a kiosk from now on; its loans go back to their slots")
    rv.add_argument("kiosk_id")
    kiosk = sub.add_parser("kiosk", help="the registry of kiosks").add_subparsers(dest="kiosk", required=True)
    kiosk.add_parser("list", help="every registered kiosk, its status and loan cap")
    return p


def _db() -> Database:
    return Database(database_url())


def _now(db: Database) -> datetime:
    """Now on the post's wall clock, to the second: central keeps every time post-local (as the service's clock)."""
    with db.session() as s:
        zone = post_zone(s)
    return to_post_time(datetime.now(UTC), zone or "UTC").replace(microsecond=0)


def run(args: argparse.Namespace) -> dict:
    if args.command == "serve":
        d = args.tls_dir
        serve(bind=args.bind, cert=d / "server.pem", key=d / "server.key", ca=d / pki.CA_CERT,
              db_url=database_url(), workers=args.workers, threads=args.threads)
        return {}
    if args.command == "migrate":
        _db().init_schema()
        return {"migrated": True}
    if args.command == "db-role":
        return {"role": args.role, "statements": ensure_role(database_url(), args.role, sys.stdin.readline().strip())}
    if args.command == "kiosk":
        return {"kiosks": [{**e.__dict__, "registered_at": e.registered_at.isoformat(),
                            "revoked_at": e.revoked_at.isoformat() if e.revoked_at else None}
                           for e in registry.listing(_db())]}
    if args.pki == "init-ca":
        return {"ca": str(pki.init_ca(args.ca_dir, args.post))}
    if args.pki == "issue-server":
        issued = pki.issue_server(args.ca_dir, args.out, args.names)
        return {"cert": str(issued.cert_path), "key": str(issued.key_path), "serial": issued.serial}
    if args.pki in ("issue", "renew"):
        db = _db()
        known = {e.kiosk_id: e for e in registry.listing(db)}
        if args.pki == "issue" and args.kiosk_id in known:
            raise InputError(f"kiosk {args.kiosk_id} is registered already; `renew` gives it a new certificate",
                             field="kiosk")
        if args.pki == "renew" and args.kiosk_id not in known:
            raise InputError(f"no kiosk {args.kiosk_id!r} is registered; `issue` registers it", field="kiosk")
        issue = pki.issue_console if args.console else pki.issue_kiosk
        issued = issue(args.ca_dir, args.out, args.kiosk_id)
        cap = 0 if args.console else args.loan_cap if args.loan_cap is not None else (
            known[args.kiosk_id].loan_cap if args.kiosk_id in known else registry.DEFAULT_LOAN_CAP)
        entry = registry.register(db, issued.cert_path, now=_now(db), loan_cap=cap)
        return {"kiosk_id": entry.kiosk_id, "serial": entry.cert_serial, "loan_cap": entry.loan_cap,
                "cert": str(issued.cert_path), "key": str(issued.key_path),
                "not_after": issued.not_after.isoformat(timespec="seconds")}
    db = _db()
    entry, released = registry.revoke(db, args.kiosk_id, now=_now(db))
    return {"kiosk_id": entry.kiosk_id, "status": entry.status, "loan_seats_released": released}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        out = run(args)
    except InputError as exc:
        print(f"kiosk-central: {exc}", file=sys.stderr)
        return EXIT_BAD
    if out:
        print(json.dumps(out, indent=2, default=str))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
