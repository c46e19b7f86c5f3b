"""A stolen kiosk reveals nobody: after a sync, a day of visits and a backup, no file it wrote holds a name or a DOB.

The post has the issue's 10,000 cases (KIOSK_STOLEN_DISK_CASES: fewer for a quick look). Every name is
distinctive (Latin and native script), so a hit is a leak, not a coincidence. The day: look-ups
(right and wrong dates of birth), online bookings, printouts, print failures, inquiries, then central
out of reach: look-ups and bookings from the kiosk's seat loan, offline confirmations; then the link
back and a sync; then an encrypted backup. The kiosk is linked as in a hall: through the real
kiosk-central service (tests.central.hub), with its own kiosk.toml, TLS certificate and its
`cache-key` systemd credential, laid out as install.sh and the operator do; its TLS private key is
sealed by packaging/linux/seal-tls-key.sh (as install.sh runs it) into the `kiosk-tls-key` credential,
and the kiosk's TLS layer reads it from the credentials folder systemd decrypts it into (memory).

Scanned: every file under the kiosk's configuration folder (kiosk.toml, kiosk.env, the TLS files,
the encrypted credentials), under its data folder (cache, WAL, backups, logs) as a thief would image
it while the kiosk runs and again once it stopped, the backup restored, and the print folder once
its printouts' few minutes are over.

The scan (tests.security.disk_scan): every imported Latin name part, native name and date of birth,
in UTF-8 and UTF-16 (SQLite's record format stores TEXT as one of them), dates as ISO, digits only,
day/month/year and month/day/year; also central's private keys (never pulled), the kiosk's signing
key (wrapped in its cache by the credential), as raw bytes, hex and base64, and the kiosk's TLS private
key (its PEM body, its DER forms, its private number). One Aho-Corasick pass per file. It is shown to
work on the same files: one name, one native name and one date planted in the cache and in a UTF-16
SQLite database, the signing key in hex in the cache, and the TLS key as the plain PEM file the operator
copied and as DER bytes, are found, and nothing else.
"""

from __future__ import annotations

import base64
import logging
import os
import random
import secrets
import shutil
import sqlite3
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import insert, select

from kiosk.app.visit import VisitServices, new_key
from kiosk.backup import make_backup, restore_backup
from kiosk.central import pki, registry
from kiosk.central.client import RemoteCentral
from kiosk.central.link import sync_once
from kiosk.central.remote_port import RemoteKioskCentral
from kiosk.config import KioskConfig, load_config
from kiosk.sync.link import SyncReport
from kiosk.domain.errors import InputError
from kiosk.logs import setup_logging, stop_logging
from kiosk.printed import KEEP_SECONDS, purge
from kiosk.secrets import CREDENTIALS_VAR, STORAGE_CREDENTIAL, TLS_KEY_CREDENTIAL
from kiosk.services.case_keys import ensure_keys
from kiosk.store.db import Database, sqlite_url
from kiosk.store.loans import KioskKey
from kiosk.store.models import ApplicantRow, CaseRow
from kiosk.store.sync_tables import SealingKey
from tests.central.harness import ROOT
from tests.central.hub import DOWN_URL, Hub
from tests.clock import Clock
from tests.escrow.helpers import POLICY, at, seed
from tests.factories import NOW, add_slot, case_number
from tests.security.disk_scan import ENCODINGS, Scanner, files

pytestmark = pytest.mark.postgres
CASES = int(os.environ.get("KIOSK_STOLEN_DISK_CASES", "10000"))  # the issue's post
SYLLABLES = ("OUYANG", "SIMA", "ZHUGE", "DUANMU", "SHANGGUAN", "HUANGFU", "XIAHOU", "LINGHU", "ZHONGLI", "YUWEN")
GIVEN = ("XIAOMEI", "JIANGUO", "WEIQIANG", "SHUFEN", "ZHIYUAN", "YUTONG", "HAORAN", "MEILING", "ZIXUAN", "JUNJIE")
HAN = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏傅方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文施洪"
WRONG_DOB = "1901-01-01"
TLS_KEY = "the kiosk's TLS private key"
SEAL = ROOT / "packaging" / "linux" / "seal-tls-key.sh"
DAYS = (4, 5, 6, 9)  # working days after NOW (Tuesday 2026-11-03) with slots to book online


def _people(rng: random.Random, number: str, n: int) -> list[dict]:
    """Principal, maybe a spouse, children: each with a native name found nowhere else and a date of its own."""
    rows = []
    for i in range(n):
        role = "principal" if i == 0 else "spouse" if i == 1 and rng.random() < 0.5 else "child"
        born = (date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 45))) if role != "child" \
            else date(2006, 1, 1) + timedelta(days=rng.randrange(365 * 12))
        rows.append({"id": f"{number}-{i + 1}", "case_number": number, "position": i, "role": role,
                     "surname": f"{rng.choice(SYLLABLES)}{rng.choice(SYLLABLES)}",
                     "given_names": f"{rng.choice(GIVEN)}-{rng.choice(GIVEN)}", "date_of_birth": born,
                     "marital_status": "married" if role != "child" else "single", "on_letter": True, "cspa": None,
                     "native_name": "".join(rng.choice(HAN) for _ in range(4))})
    return rows


def _post(central: Database) -> dict[str, date]:
    """The escrow tests' post and loan policy, CASES cases of distinctive people; each case's principal's DOB."""
    seed(central, seats=12, cases=0, policy={**POLICY, "loan_seats": 6})
    for day in DAYS:
        add_slot(central, datetime(2026, 11, day, 9, 0), 40)
    rng = random.Random(15)
    cases, people = [], []
    for n in range(1, CASES + 1):
        number = case_number(n)
        mine = _people(rng, number, 1 + rng.randrange(4))
        people += mine
        cases.append({"case_number": number, "post_code": "GUZ", "petitioner_id": f"PET-{n // 2}",  # pairs: groups
                      "visa_class": "IR1", "priority_date": date(2019, 3, 14), "chargeability": "CHINA",
                      "petition_filed": date(2019, 3, 14), "petition_approved": date(2020, 2, 3),
                      "interviewed": False, "visa_class_changed": False, "last_contact": date(2026, 6, 2),
                      "appointment_start": datetime(2026, 10, 12, 8, 30), "appointment_booked_via": "consulate",
                      "imported_at": datetime(2026, 11, 1, 12, 0)})
    with central.transaction() as s:  # one executemany per table: an import's rows, without the ORM's unit of work
        s.execute(insert(CaseRow), cases)
        s.execute(insert(ApplicantRow), people)
    assert ensure_keys(central) == CASES  # as `kiosk-admin import` does: the sealing cost, on central
    return {p["case_number"]: p["date_of_birth"] for p in people if p["position"] == 0}


def _secrets(central: Database) -> tuple[set[str], set[date]]:
    """Every imported Latin name part, native name and date of birth, as central holds them."""
    with central.session() as s:
        rows = s.execute(select(ApplicantRow.surname, ApplicantRow.given_names, ApplicantRow.native_name,
                                ApplicantRow.date_of_birth)).all()
    names = {t for r in rows for t in (r.surname, r.given_names, *r.given_names.split("-"), r.native_name) if t}
    return names, {r.date_of_birth for r in rows if r.date_of_birth}


def _keys(central: Database) -> list[tuple[str, bytes]]:
    """Central's private keys (never pulled) and the kiosk's signing key (wrapped in its cache), as a file could
    hold them: hex (either case), base64 and raw bytes; each labelled by what it is."""
    with central.session() as s:
        keys = [(f"central's {name} key", bytes.fromhex(k)) for name, k in s.execute(
            select(SealingKey.name, SealingKey.private_key))]
        keys += [(f"kiosk {kiosk}'s signing key", bytes.fromhex(k)) for kiosk, k in s.execute(
            select(KioskKey.kiosk_id, KioskKey.hmac_key))]
    assert len(keys) >= 3  # the outbox's sealing key, the petitioner digest's key, hall-1's signing key
    forms = []
    for label, key in keys:
        forms.append((label, key))
        for text in (key.hex(), key.hex().upper(), base64.b64encode(key).decode()[:40]):
            forms += [(label, text.encode(encoding)) for encoding in ENCODINGS]
    return forms


def _tls_key_forms(pem: bytes) -> list[tuple[str, bytes]]:
    """The kiosk's TLS private key as a file could hold it: the PEM body (its first base64 line), the DER
    encodings (PKCS#8 as issued, SEC1) raw and in base64, and the private number raw and in hex."""
    key = serialization.load_pem_private_key(pem, password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    body = next(line for line in pem.splitlines() if line and not line.startswith(b"-----"))
    scalar = key.private_numbers().private_value.to_bytes(32, "big")
    forms = [(TLS_KEY, body), (TLS_KEY, scalar)]
    for fmt in (serialization.PrivateFormat.PKCS8, serialization.PrivateFormat.TraditionalOpenSSL):
        der = key.private_bytes(serialization.Encoding.DER, fmt, serialization.NoEncryption())
        forms += [(TLS_KEY, der), (TLS_KEY, base64.b64encode(der)[:40])]
    for text in (scalar.hex(), scalar.hex().upper()):
        forms += [(TLS_KEY, text.encode(encoding)) for encoding in ENCODINGS]
    return forms


def _scan(scanners: tuple[Scanner, ...], *places: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """The files scanned (relative names) and every hit in them (file, what was found)."""
    scanned, hits = [], []
    for path in files(*places):
        scanned.append(path.name)
        content = path.read_bytes()
        hits += [(path.name, leak) for scanner in scanners for leak in scanner.leaks(content)]
    return scanned, hits


def _plant(database: Path, values: list[str], *, encoding: str = "UTF-8") -> None:
    """Values written into a SQLite database as TEXT (its record format), in the database's encoding."""
    with sqlite3.connect(database) as conn:
        conn.execute(f"PRAGMA encoding = '{encoding}'")  # a new database's; an existing one keeps its own
        conn.execute("CREATE TABLE planted (value TEXT)")
        conn.executemany("INSERT INTO planted VALUES (?)", [(v,) for v in values])
    conn.close()


def _install(hub: Hub, etc: Path, credentials: Path) -> tuple[KioskConfig, bytes]:
    """The kiosk's own files as install.sh and the operator lay them: kiosk.toml, its TLS files, its credentials;
    and the TLS private key as issued (PEM), for the scan.

    The certificate is issued by the post's CA and registered on central; the operator copies the key beside
    it and names it in kiosk.toml, and seal-tls-key.sh (install.sh runs it) encrypts it with systemd-creds
    into the `kiosk-tls-key` credential, removes the plain file and names the credential in kiosk.toml. The
    `cache-key` credential (which wraps the kiosk's signing key in its cache) is encrypted into etc too.
    Their decrypted copies are where systemd puts them for the unit ($CREDENTIALS_DIRECTORY, memory in a hall).
    """
    tls = etc / "tls"
    tls.mkdir(parents=True, mode=0o750)
    pki.issue_kiosk(hub.tls, tls, "hall-1")
    shutil.copy(hub.tls / pki.CA_CERT, tls / pki.CA_CERT)
    registry.register(hub.central, tls / "hall-1.pem", now=NOW)
    shutil.copy(ROOT / "packaging" / "linux" / "kiosk.env", etc / "kiosk.env")
    (etc / "kiosk.toml").write_text(f"""[post]\ncode = "GUZ"\n[kiosk]\nid = "hall-1"\ncache = "../data/cache.db"
[central]\nurl = "{hub.url}"\nca = "tls/ca.pem"\ncert = "tls/hall-1.pem"\nkey = "tls/hall-1.key"\n""")
    pem = (tls / "hall-1.key").read_bytes()
    if shutil.which("systemd-creds") is not None:
        credentials.mkdir(parents=True)
        subprocess.run(["bash", str(SEAL), str(etc)], check=True, capture_output=True)
        assert not (tls / "hall-1.key").exists() and 'key = "credential:kiosk-tls-key"' in (etc / "kiosk.toml").read_text()
        subprocess.run(["systemd-creds", "decrypt", f"--name={TLS_KEY_CREDENTIAL}", str(tls / f"{TLS_KEY_CREDENTIAL}.cred"),
                        str(credentials / TLS_KEY_CREDENTIAL)], check=True, capture_output=True)  # as systemd does
        key = secrets.token_hex(32)
        subprocess.run(["systemd-creds", "encrypt", f"--name={STORAGE_CREDENTIAL}", "-",
                        str(etc / f"{STORAGE_CREDENTIAL}.cred")], input=key.encode(), check=True, capture_output=True)
        (credentials / STORAGE_CREDENTIAL).write_text(key)
    return load_config(etc / "kiosk.toml"), pem


def _link(hub: Hub, config: KioskConfig, cache: Database, *, url: str | None = None) -> RemoteKioskCentral:
    """The kiosk's link to central with its own TLS files; its clock is central's (as NTP keeps a hall's)."""
    link = config.link
    remote = RemoteCentral([url or hub.url], ca=link.ca, cert=link.cert, key=link.key, clock=hub.now,
                           connect=1.0 if url else 3.0)
    return RemoteKioskCentral(remote, cache, kiosk_id=config.kiosk_id)


@pytest.fixture
def central(service_hub: Hub) -> Hub:
    """Central behind the session's real service (tests.central.hub), emptied for this test."""
    service_hub.reset()
    return service_hub


def test_no_file_the_kiosk_wrote_names_anyone_or_a_date_of_birth(central: Hub, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    principals = _post(central.central)
    names, born = _secrets(central.central)
    assert len(born) > CASES and len(names) > CASES  # a date and a native name of each person, nearly all distinct
    building = ThreadPoolExecutor(max_workers=1)  # the scan's automaton is built while the kiosk works
    people = building.submit(Scanner, names, born)
    building.shutdown(wait=False)
    etc, data, prints = tmp_path / "etc", tmp_path / "data", tmp_path / "run" / "confirmations"
    monkeypatch.setenv(CREDENTIALS_VAR, str(tmp_path / "run" / "credentials"))
    config, tls_pem = _install(central, etc, tmp_path / "run" / "credentials")
    sealed = (etc / "tls" / f"{TLS_KEY_CREDENTIAL}.cred").exists()  # no systemd-creds here: the key stays plain
    assert not sealed or config.link.key == tmp_path / "run" / "credentials" / TLS_KEY_CREDENTIAL
    data.mkdir()
    setup_logging("kiosk", directory=data / "logs", level=logging.DEBUG)  # DEBUG: more than a kiosk logs
    cache_path = config.cache_path
    cache = Database(sqlite_url(cache_path))
    cache.init_schema()
    clock = Clock(at("09:00"))

    link = _link(central, config, cache)

    def sync(now: datetime) -> SyncReport:  # the link's round, as the kiosk's timer runs it
        central.set_clock(now)
        return sync_once(link.remote, cache, kiosk_id="hall-1", now=now)

    try:
        online = VisitServices(db=cache, kiosk_id="hall-1", clock=clock, central=link, print_dir=prints)
        sync(at("09:00"))  # the cases, loans, central's key
        numbers = list(principals)
        for i, number in enumerate(numbers[:8]):  # the morning: look-ups, bookings, printouts, inquiries
            if i < 2:  # a wrong date of birth does not open the record: a miss (the budgets allow a few)
                with pytest.raises(InputError):
                    online.look_up_letter(number, WRONG_DOB, visit=f"v{i}")
            found = online.look_up_letter(number, principals[number].isoformat(), visit=f"v{i}")
            assert found.evaluation.may_book and all(found.names.values())  # opened: names to show
            slot = found.join.slot_id if found.join else f"2026-11-{DAYS[i % len(DAYS)]:02d}T09:00"
            booked = online.book(number, slot, new_key())
            assert not booked.offline
            target = online.confirmation_file(booked.result.reference)
            assert target is not None
            target.write_bytes(online.confirmation_pdf(number, "zh_CN" if i % 2 else "en"))
            if i % 3 == 0:
                online.record_print_failure(number, "printer", "out of paper")
            inquiry = online.submit_inquiry(case_number=number, kind="not_current", text="请问 <&> when?")
            assert online.inquiry_receipt_pdf(inquiry.reference).startswith(b"%PDF")
            sync(at("09:30"))  # the link syncs soon after a write
        down = VisitServices(db=cache, kiosk_id="hall-1", clock=clock,
                             central=_link(central, config, cache, url=DOWN_URL), print_dir=prints)
        clock.now = at("10:00")
        central.set_clock(clock.now)
        assert not down.sync().central_reachable
        offline = 0
        for i, number in enumerate(numbers[20:40]):  # central out of reach: the seat loan
            if i == 0:
                with pytest.raises(InputError):
                    down.look_up_letter(number, WRONG_DOB, visit=f"o{i}")
            found = down.look_up_letter(number, principals[number].isoformat(), visit=f"o{i}")
            offer = down.calendar_slots(found.need)
            if not found.evaluation.may_book or found.join or not offer.slots:
                continue  # joining a group's booking, or more people than the loan's seats left: needs central
            booked = down.book(number, offer.slots[0].id, new_key())
            assert booked.offline
            offline += 1
            pdf = down.confirmation_pdf(number, "en", reference=booked.result.reference)
            target = down.confirmation_file(booked.result.reference)
            assert target is not None
            target.write_bytes(pdf)
            down.record_print_failure(number, "printer", "paper jam")
        assert offline >= 2
        clock.now = at("11:00")
        report = sync(at("11:00"))  # the link is back
        assert report.central_reachable and report.pushed >= 2
        shutil.copytree(data, tmp_path / "imaged")  # the disk as a thief images it while the kiosk runs (WAL)
        backups = data / "backups"
        if shutil.which("systemd-creds") is not None:
            backup = make_backup(cache_path, backups, keep=2)
        else:
            backup = None  # no systemd credentials on this machine: no backup to scan
    finally:
        cache.dispose()
        stop_logging()
    purge(prints, now=time.time() + KEEP_SECONDS + 1)  # the printouts' few minutes in the runtime folder are over
    if backup is not None:  # and what a backup holds, once opened by this machine's credential
        restore_backup(backup, tmp_path / "restored.db")
    assert (data / "logs" / "kiosk.log").stat().st_size > 0 and cache_path.stat().st_size > 0
    keys = _keys(central.central)
    tls_forms = _tls_key_forms(tls_pem) if sealed else []
    scanners = (people.result(), Scanner((), (), raw=keys + tls_forms))
    places = (etc, data, prints, tmp_path / "imaged", *([tmp_path / "restored.db"] if backup else []))
    scanned, hits = _scan(scanners, *places)
    key_file = f"{TLS_KEY_CREDENTIAL}.cred" if sealed else "hall-1.key"
    assert {"cache.db", "kiosk.log", key_file, "kiosk.toml", "kiosk.env"} <= set(scanned) and hits == [], (scanned, hits[:10])
    assert backup is None or "cache-key.cred" in scanned

    # The scan finds what is there: a name, a native name and a date of birth planted as the cache stores
    # TEXT (UTF-8) and in a UTF-16 database, the kiosk's signing key in hex in the cache, and its TLS key
    # as the plain PEM file the operator copied (before sealing) and as DER bytes, among the same files,
    # are found there and nothing else is.
    latin = next(n for n in sorted(names) if n.isascii())
    native = next(n for n in sorted(names) if not n.isascii())
    dob = min(born)
    signing = next((label, key) for label, key in keys if label.startswith("kiosk hall-1") and len(key) == 32)
    _plant(cache_path, [latin, native, dob.isoformat(), signing[1].hex()])
    _plant(data / "utf16.db", [f"{latin} {native}", dob.strftime("%Y%m%d")], encoding="UTF-16le")
    if sealed:
        (etc / "tls" / "hall-1.key").write_bytes(tls_pem)
        der = serialization.load_pem_private_key(tls_pem, password=None).private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        (data / "hall-1.der").write_bytes(der)
    _scanned, planted = _scan(scanners, *places)
    expected = {(f, v) for f in ("cache.db", "utf16.db") for v in (latin, native, dob.isoformat())}
    expected.add(("cache.db", signing[0]))
    if sealed:
        expected |= {("hall-1.key", TLS_KEY), ("hall-1.der", TLS_KEY)}
    assert set(planted) == expected, planted


def test_the_scan_finds_what_it_looks_for() -> None:
    """Each form of a name and a date is found where it was written, in each encoding, at either alignment."""
    scanner = Scanner({"OUYANGSIMA", "XIAOMEI", "王李张刘"}, {date(1988, 7, 30)})
    for text, expected in (("OUYANGSIMA", "OUYANGSIMA"), ("王李张刘", "王李张刘"), ("1988-07-30", "1988-07-30"),
                           ("1988/07/30", "1988-07-30"), ("30/07/1988", "1988-07-30"), ("07/30/1988", "1988-07-30"),
                           ("30.07.1988", "1988-07-30"), ('{"dob": 19880730}', "1988-07-30"),
                           ("ZHUGEXIAOMEI", "XIAOMEI"), ("陈王李张刘杨", "王李张刘")):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            for pad in (b"", b"\x01"):  # at either alignment
                assert expected in scanner.leaks(pad + f"x {text} y".encode(encoding)), (text, encoding)
    # Eight digits inside a base64 run or a longer number are no date; another day is no hit.
    for text in ("AbC19880730xYz", "+19880730/", "1198807301", "1988-07-31 OUYANG"):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert scanner.leaks(text.encode(encoding)) == [], (text, encoding)
