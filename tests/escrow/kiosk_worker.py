"""One kiosk process of the randomized offline-booking test: books online and offline while its link flaps.

`python -m tests.escrow.kiosk_worker SPEC_JSON` prints one JSON line per confirmation it printed
(made final to the caller), then a summary line. It talks to the session's real central service
(tests.central.hub) with its own certificate, through a CuttableProxy it cuts and restores at
random; its clock is simulated: T0 + (wall time - t0) x speed (central's clock file runs the same).
"""

from __future__ import annotations

import json
import random
import sys
import time
from datetime import datetime, timedelta

from pathlib import Path

from kiosk.central import pki
from kiosk.central.client import RemoteCentral
from kiosk.central.link import sync_once
from kiosk.central.remote_port import RemoteKioskCentral
from kiosk.domain.errors import InputError, RuleError
from kiosk.i18n.refusals import OUTCOME_UNKNOWN
from kiosk.sync import offline
from kiosk.sync.offline import offline_bookable_slots
from kiosk.services.slots import bookable_slots
from kiosk.store.db import Database, sqlite_url
from kiosk.sync.link import status
from kiosk.sync.outbox import pending_count
from tests.escrow.helpers import looked_up
from tests.escrow.proxy import CuttableProxy


def main(spec: dict) -> None:
    rng = random.Random(spec["seed"])
    t0, speed, T0 = spec["t0"], spec["speed"], datetime.fromisoformat(spec["T0"])
    kiosk_id = spec["kiosk"]
    if spec.get("ignore_expiry"):
        # The deliberately broken kiosk: it uses its loans whatever their expiry says.
        offline.loan_usable = lambda loan, policy, now: True

    def now() -> datetime:
        return (T0 + timedelta(seconds=(time.time() - t0) * speed)).replace(microsecond=0)

    proxy = CuttableProxy("127.0.0.1", spec["service_port"])
    tls = Path(spec["tls"])
    # A short deadline: a reply lost in a cut is asked for again within it, or stays "outcome unknown".
    remote = RemoteCentral([f"https://127.0.0.1:{proxy.port}"], ca=tls / pki.CA_CERT, cert=tls / f"{kiosk_id}.pem",
                           key=tls / f"{kiosk_id}.key", clock=now, deadline=4.0, connect=2.0)
    cache = Database(sqlite_url(spec["cache"]))
    cache.init_schema()
    central = RemoteKioskCentral(remote, cache, kiosk_id=kiosk_id)
    sync_once(remote, cache, kiosk_id=kiosk_id, now=now())
    queue = list(spec["cases"])
    chosen: dict[str, str] = {}  # case → the slot it asks for (a retry with the same key asks the same)
    tries: dict[str, int] = {}  # case → how many times the applicant has picked a time
    stats = {"online": 0, "offline": 0, "refused": 0, "retries": 0, "syncs": 0}
    deadline = t0 + spec["seconds"]
    toggle_at = time.time() + rng.uniform(0.2, 1.0)

    def attempt(number: str) -> bool:
        """One booking attempt; True when the case has its definite answer."""
        at = now()
        if number not in chosen:
            # As the wizard does: with the link known to be down, only the times the loans cover.
            ids = [o.id for o in offline_bookable_slots(cache, kiosk_id, at, 1)]
            if status(cache)["central_reachable"] or not ids:
                # Online, or the link looks down and the loans cover nothing: any time the calendar
                # allows (central gives the answer, or says OFFLINE).
                with cache.session() as s:
                    ids += [v.id for v in bookable_slots(s, now=at, need=1)]
            if not ids:
                return False
            chosen[number] = rng.choice(sorted(set(ids)))
        try:
            k = central.book(cache, looked_up(cache, number), chosen[number], now=at, key=f"{kiosk_id}:{number}:{tries.get(number, 0)}")
        except RuleError as exc:
            # Nothing printed; central may have it (an unknown outcome is resolved by the next sync):
            # the applicant asks again later with the same key, which books once.
            if exc.code in ("OFFLINE", OUTCOME_UNKNOWN):
                stats["retries"] += 1
                return False
            stats["refused"] += 1
            if exc.code in ("SLOT_FULL", "SLOT_CLOSED") and tries.get(number, 0) < 30:
                tries[number] = tries.get(number, 0) + 1  # the applicant picks another time
                del chosen[number]
                return False
            return True
        except InputError:
            stats["refused"] += 1
            return True
        stats["offline" if k.offline else "online"] += 1
        print(json.dumps({"kiosk": kiosk_id, "case": number, "reference": k.result.reference,
                          "slot": k.result.slot_id, "offline": k.offline, "at": at.isoformat()}), flush=True)
        return True

    while time.time() < deadline:
        if time.time() >= toggle_at:
            if proxy.up:
                proxy.cut()
                toggle_at = time.time() + rng.uniform(*spec["down"])
            else:
                proxy.restore()
                toggle_at = time.time() + rng.uniform(*spec["up"])
        if rng.random() < 0.2:
            sync_once(remote, cache, kiosk_id=kiosk_id, now=now())
            stats["syncs"] += 1
        elif queue:
            number = queue.pop(0)
            if not attempt(number):
                queue.append(number)
        time.sleep(rng.uniform(0.02, 0.12))
    proxy.restore()
    for _ in range(50):  # reconnect for good: drain the outbox and settle every open attempt
        report = sync_once(remote, cache, kiosk_id=kiosk_id, now=now())
        queue = [n for n in queue if n in chosen and not attempt(n)]
        with cache.session() as s:
            if report.central_reachable and pending_count(s) == 0 and not queue:
                break
    else:
        raise SystemExit(f"{kiosk_id}: could not drain: {queue}")
    print(json.dumps({"kiosk": kiosk_id, "summary": stats, "cuts": proxy.cuts}), flush=True)
    proxy.close()


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
