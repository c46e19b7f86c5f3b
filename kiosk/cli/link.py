"""`kiosk-admin --config FILE sync | status | backup | restore-backup`: handlers return (exit code, JSON payload, text).

A kiosk's central is the kiosk-central service (kiosk.config refuses a database URL): it holds no
central password, so there is nothing to store for it.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk import volume as volumes
from kiosk.backup import make_backup, restore_backup
from kiosk.app.clock import PostClock
from kiosk.app.opening import open_cache, open_remote
from kiosk.config import KioskConfig, load_config
from kiosk.sync.errors import CentralUnreachable
from kiosk.sync.failures import failed_on_kiosk, held_count
from kiosk.sync.heal import rebuild_status
from kiosk.sync.link import resync_status, status
from kiosk.sync.loans import held_loans, pending_offline
from kiosk.sync.pull import set_state

Result = tuple[int, Any, str]
CONFIG_HELP = "the kiosk's kiosk.toml (default: the platform config folder); work through its cache and central"


def add_commands(subparsers: argparse._SubParsersAction, common_parent: argparse.ArgumentParser) -> None:
    """Add `sync`, `status`, `backup` and `restore-backup`; `common_parent` carries --config (and --json)."""
    def cmd(name: str, help_: str) -> argparse.ArgumentParser:
        return subparsers.add_parser(name, parents=[common_parent], help=help_, description=help_)

    cmd("sync", "pull central's changes into the kiosk's cache and push its outbox, once")
    cmd("status", "the kiosk's link to central: reachable, last sync, commands waiting")
    backup = cmd("backup", "write an encrypted backup of the kiosk's cache (0600 in a 0700 folder) and prune old ones")
    backup.add_argument("--to", required=True, metavar="DIR", help="the backup folder (made 0700)")
    backup.add_argument("--keep", type=int, default=3, metavar="N", help="backups kept, newest first (default 3)")
    restore = cmd("restore-backup", "decrypt a backup made on this machine into a new cache file")
    restore.add_argument("backup", metavar="FILE")
    restore.add_argument("--to", required=True, metavar="PATH", help="the cache file to write (must not exist)")


def _config(args: argparse.Namespace) -> KioskConfig:
    return load_config(getattr(args, "config", None))


def cmd_sync(args: argparse.Namespace) -> Result:
    config = _config(args)
    cache = open_cache(config)
    try:
        from kiosk.central import link as service_link  # the kiosk-central service (its TLS client loads only here)

        with open_remote(config) as remote:  # to the second: the last sync's time is kept with its seconds
            r = service_link.sync_once(remote, cache, kiosk_id=config.kiosk_id,
                                       now=PostClock(seconds=True).learn(cache)())
    finally:
        cache.dispose()
    payload = {"kiosk": config.kiosk_id, "central_reachable": r.central_reachable, "pulled": r.pulled,
               "pushed": r.pushed, "outbox": r.outbox_depth,
               "last_sync": r.last_sync.isoformat() if r.last_sync else None, "error": r.error,
               "loan_seats": r.loan_seats, "resynced": r.resynced, "requeued": r.requeued}
    if not r.central_reachable:
        return 1, payload, f"central unreachable ({r.error}); {r.outbox_depth} command(s) wait in the outbox"
    text = f"synced: {r.pulled} row(s) pulled, {r.pushed} command(s) pushed, {r.outbox_depth} waiting"
    if r.resynced:
        text += f"\ncentral no longer matched the cache ({r.resynced}): copied it whole"
    if r.requeued:
        text += f"\n{r.requeued} command(s) central had lost were sent again"
    return 0, payload, text


def cmd_status(args: argparse.Namespace) -> Result:
    config = _config(args)
    cache = open_cache(config)
    try:
        reachable, why = _probe_service(config), ""
        with cache.transaction() as s:
            set_state(s, "kiosk", config.kiosk_id)
            set_state(s, "central_reachable", "true" if reachable else "false")
        payload = status(cache, kiosk_id=config.kiosk_id)
        # Added to DATA.md's fields: the seat loans this kiosk may book from offline (kiosk.escrow).
        payload["loans"] = held_loans(cache, config.kiosk_id)
        payload["offline_pending"] = pending_offline(cache)
        payload.update(resync_status(cache))  # added: which central the cache copies, full copies made
        # Added: commands central could not apply (a clerk retries or resolves them), and those waiting behind.
        payload["failed"], payload["held"] = failed_on_kiosk(cache), held_count(cache)
        with cache.session() as s:  # added: the cache's last rebuild after damage (kiosk.sync.heal)
            payload.update(rebuild_status(s))
        volume = volumes.volume_of(config.cache_path)  # added: a stolen disk is only as safe as its encryption
        payload["cache_volume"] = {"encrypted": volume.encrypted, "detail": volume.detail}
    finally:
        cache.dispose()
    seats = sum(loan["seats"] for loan in payload["loans"])
    text = (f"kiosk {payload['kiosk']}: central {'reachable' if reachable else 'unreachable' + why}; "
            f"last sync {payload['last_sync'] or 'never'}; {payload['outbox']} command(s) waiting; "
            f"loans: {seats} seat(s) in {len(payload['loans'])} slot(s), "
            f"{payload['offline_pending']} offline booking(s) not yet on central")
    text += "".join(f"\n  {loan['slot_id']}: {loan['seats']} seat(s), expires {loan['expires_at']}"
                    for loan in payload["loans"])
    if payload["failed"]:
        text += (f"\n{len(payload['failed'])} command(s) FAILED on central (a clerk retries or resolves them on the "
                 f"Kiosks tab); {payload['held']} waiting behind them")
        text += "".join(f"\n  {c['id']} {c['kind']} queued {c['created_at']}: {c['error']}" for c in payload["failed"])
    if payload["last_resync"]:
        last = payload["last_resync"]
        text += f"\nlast full copy from central: {last['at']} ({last['reason']}), {payload['resyncs']} in all"
    if not payload["cache_volume"]["encrypted"]:
        text += (f"\nWARNING: the cache {config.cache_path} is not on an encrypted volume "
                 f"({'cannot tell: ' if volume.encrypted is None else ''}{volume.detail}); "
                 "use full-disk encryption (LUKS) on this machine")
    if payload["out_of_order"]:
        text += "\nOUT OF ORDER: the cache was damaged and is made again from central at the next sync"
    elif payload["cache_rebuilt"]:
        text += f"\ncache found damaged and rebuilt: {payload['cache_rebuilt']['at']}"
    if payload["resync_needed"]:
        text += f"\nnext sync copies central whole: {payload['resync_needed']}"
    return 0, payload, text


def _probe_service(config: KioskConfig) -> bool:
    """Whether the service answers this kiosk now (a refusal of its certificate or clock counts as no)."""
    from kiosk.central.client import CentralRefused  # the TLS client loads only for a kiosk whose central is the service

    try:
        with open_remote(config) as remote:
            remote.hello()
        return True
    except (CentralUnreachable, CentralRefused):
        return False


def cmd_backup(args: argparse.Namespace) -> Result:
    config = _config(args)
    path = make_backup(config.cache_path, Path(args.to), keep=args.keep)
    return 0, {"backup": str(path)}, f"cache backed up, encrypted, to {path}"


def cmd_restore(args: argparse.Namespace) -> Result:
    path = restore_backup(Path(args.backup), Path(args.to))
    return 0, {"restored": str(path)}, f"backup decrypted into {path}; stop the kiosk and move it into place"


HANDLERS = {"sync": cmd_sync, "status": cmd_status, "backup": cmd_backup,
            "restore-backup": cmd_restore}


def run(args: argparse.Namespace) -> Result:
    return HANDLERS[args.command](args)
