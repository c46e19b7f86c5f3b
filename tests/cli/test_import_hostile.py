"""Hostile case files through `kiosk-admin import`: exit 2 naming the case and field, nothing stored.

A valid file is imported first; after each hostile one the database must read back exactly as
before. Inputs that once reached the database differently on each engine (NUL, over-long names,
huge seat counts, lone surrogates) run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import copy
import json
import os

import pytest
from sqlalchemy import select

from kiosk.cli.main import main
from kiosk.services.casefile_json import DEFAULT_MAX_BYTES
from kiosk.store.db import Database, sqlite_url
from kiosk.store.models import ApplicantRow, CaseRow, Closure, CutoffRow, Post, SlotRow
from tests.conftest import PG_SCHEMA, _execute, pg_url, reset_pg_schema
from tests.pg_scratch import pg_server_url
from tests.services.test_importer import EXAMPLE

CASE = "case GUZ2019541234"
PRINCIPAL = f"{CASE} applicants[0]"


def _set(path: str, value: object):
    """A mutation of the example: `cases.0.applicants.0.surname` = value."""
    def mutate(doc: dict) -> None:
        *parents, last = path.split(".")
        node: object = doc
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]  # type: ignore[index]
        node[int(last) if isinstance(node, list) else last] = value  # type: ignore[index]
    return mutate


SURNAME = "cases.0.applicants.0.surname"
GIVEN = "cases.0.applicants.0.given_names"
# (id, mutation, where, field); the ids in BOTH_ENGINES also run on PostgreSQL.
HOSTILE = [
    ("nul", _set(SURNAME, "LIN\x00"), PRINCIPAL, "surname"),
    ("name_10000", _set(SURNAME, "A" * 10_000), PRINCIPAL, "surname"),
    ("bidi_override", _set(GIVEN, "MEI\u202eNIL"), PRINCIPAL, "given_names"),
    ("bidi_isolate", _set("cases.0.petitioner_id", "PET\u2066-1"), CASE, "petitioner_id"),
    ("zero_width_space", _set(SURNAME, "LI\u200bN"), PRINCIPAL, "surname"),
    ("zwj_in_latin", _set(SURNAME, "LI\u200dN"), PRINCIPAL, "surname"),
    ("ansi_clear", _set(GIVEN, "\x1b[2J\x1b[HMEI"), PRINCIPAL, "given_names"),
    ("osc_title", _set(SURNAME, "\x1b]0;pwned\x07LIN"), PRINCIPAL, "surname"),
    ("c1_csi", _set(SURNAME, "LIN\x9b2J"), PRINCIPAL, "surname"),
    ("private_use", _set("cases.0.applicants.0.native_name", "林\ue000美"), PRINCIPAL, "native_name"),
    ("object_name", _set(GIVEN, {"evil": [1, 2]}), PRINCIPAL, "given_names"),
    ("number_name", _set(SURNAME, 12345), PRINCIPAL, "surname"),
    ("list_petitioner", _set("cases.0.petitioner_id", ["PET"]), CASE, "petitioner_id"),
    ("number_slot_id", _set("slots.0.id", 7), "slots[0]", "id"),
    ("slot_id_escape", _set("slots.0.id", "S\x1b[2J"), "slots[0]", "id"),
    ("dob_2999", _set("cases.0.applicants.0.date_of_birth", "2999-01-01"), PRINCIPAL, "date_of_birth"),
    ("dob_year_1", _set("cases.0.applicants.0.date_of_birth", "0001-01-01"), PRINCIPAL, "date_of_birth"),
    ("appointment_9999", _set("cases.0.appointment.start", "9999-12-31T23:59"), CASE, "appointment.start"),
    ("slot_year_1", _set("slots.0.start", "0001-01-01T08:30"), "slots[0]", "start"),
    ("closure_2999", _set("closures.0.date", "2999-12-24"), "closures[0]", "date"),
    ("cutoff_month_9999", _set("cutoffs.0.month", "9999-12"), "cutoffs[0]", "month"),
    ("seats_1e12", _set("slots.0.seats", 10**12), "slots[0]", "seats"),
    ("seats_1e30", _set("slots.0.seats", 10**30), "slots[0]", "seats"),
    ("too_many_applicants", _set("cases.0.applicants", [EXAMPLE["cases"][0]["applicants"][0]] * 31), CASE,
     "applicants"),
    ("lone_surrogate", _set(SURNAME, "LIN\ud800"), PRINCIPAL, "surname"),
    # Falsy values of the wrong type were read as "absent" (no petition, single).
    ("petition_zero", _set("cases.0.petition", 0), CASE, "petition"),
    ("petition_list", _set("cases.0.petition", []), CASE, "petition"),
    ("marital_empty", _set("cases.0.applicants.0.marital_status", ""), PRINCIPAL, "marital_status"),
    ("marital_object", _set("cases.0.applicants.0.marital_status", {}), PRINCIPAL, "marital_status"),
    ("applicant_id_markup", _set("cases.0.applicants.0.id", "<b>&'"), PRINCIPAL, "id"),
    ("applicant_id_space", _set("cases.0.applicants.0.id", "GUZ 1"), PRINCIPAL, "id"),
    ("cutoff_category_typo", _set("cutoffs.0.category", "F2 A"), "cutoffs[0]", "category"),
]
BOTH_ENGINES = {"nul", "name_10000", "seats_1e12", "seats_1e30", "lone_surrogate"}


def _tables(db: Database) -> dict[str, list[tuple]]:
    with db.session() as s:
        return {m.__tablename__: sorted(tuple(str(v) for v in row) for row in s.execute(select(*m.__table__.c)))
                for m in (Post, CutoffRow, SlotRow, Closure, CaseRow, ApplicantRow)}


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def loaded(request, tmp_path_factory):
    """A database holding the valid example file, once per engine for the whole module."""
    folder = tmp_path_factory.mktemp("hostile")
    schema = f"{PG_SCHEMA}_hostile"
    if request.param == "sqlite":
        url = sqlite_url(folder / "kiosk.db")
    else:
        url = reset_pg_schema(pg_server_url("importing on PostgreSQL"), schema)
    good = folder / "good.json"
    good.write_text(json.dumps(EXAMPLE), "utf-8")
    assert main(["--db", url, "import", str(good), "--json"]) == 0
    db = Database(url)
    yield request.param, url, db, _tables(db)
    db.dispose()
    if request.param == "postgresql":
        _execute(pg_url(), f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def refused(capsys, loaded, tmp_path, content: str | bytes, *extra: str) -> dict:
    """Import `content`; assert exit 2, one JSON refusal, no traceback, the database unchanged."""
    _, url, db, before = loaded
    path = tmp_path / "hostile.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    capsys.readouterr()
    code = main(["--db", url, "import", str(path), *extra, "--json"])
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert "Traceback" not in out + err and "\x1b" not in out + err
    answer = json.loads(out)
    assert answer["error"] == "BAD_INPUT" and "nothing imported" in answer["message"]
    assert _tables(db) == before
    return answer


def _refused_naming(capsys, loaded, tmp_path, mutate, where, field) -> None:
    doc = copy.deepcopy(EXAMPLE)
    mutate(doc)
    answer = refused(capsys, loaded, tmp_path, json.dumps(doc))  # ensure_ascii: \u escapes, as other systems write
    assert f"{where}, field '{field}'" in answer["message"], answer["message"]


@pytest.mark.parametrize("loaded", ["sqlite"], indirect=True)
@pytest.mark.parametrize(("name", "mutate", "where", "field"), [pytest.param(*h, id=h[0]) for h in HOSTILE])
def test_hostile_value_is_refused_naming_case_and_field(capsys, loaded, tmp_path, name, mutate, where, field):
    _refused_naming(capsys, loaded, tmp_path, mutate, where, field)


@pytest.mark.parametrize("loaded", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
@pytest.mark.parametrize(("name", "mutate", "where", "field"),
                         [pytest.param(*h, id=h[0]) for h in HOSTILE if h[0] in BOTH_ENGINES])
def test_what_postgresql_once_stored_or_crashed_on_is_refused_too(capsys, loaded, tmp_path, name, mutate, where,
                                                                  field):
    _refused_naming(capsys, loaded, tmp_path, mutate, where, field)


def test_duplicate_keys_are_refused_naming_case_and_field(capsys, loaded, tmp_path):
    text = json.dumps(EXAMPLE).replace('"visa_class": "F21"', '"visa_class": "F21", "visa_class": "IR1"')
    text = text.replace('"seats": 12', '"seats": 12, "seats": 1')
    message = refused(capsys, loaded, tmp_path, text)["message"]
    assert f"{CASE}, field 'visa_class': the key appears more than once" in message
    assert "slots[0], field 'seats'" in message


def test_deep_nesting_is_refused_before_parsing(capsys, loaded, tmp_path):
    deep = '{"format": "kiosk-cases/1", "cases": [' + "[" * 100_000 + "]" * 100_000 + "]}"
    message = refused(capsys, loaded, tmp_path, deep)["message"]
    assert "file, field '-': nested deeper than 16 levels" in message


def test_a_file_over_the_size_limit_is_refused_before_reading(capsys, loaded, tmp_path):
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as f:  # sparse: 32 MiB + 1 byte on paper, nothing on disk
        f.truncate(DEFAULT_MAX_BYTES + 1)
    _, url, db, before = loaded
    capsys.readouterr()
    assert main(["--db", url, "import", str(huge), "--json"]) == 2
    answer = json.loads(capsys.readouterr().out)
    assert "larger than the limit of 33,554,432 bytes" in answer["message"] and "--max-bytes" in answer["message"]
    assert _tables(db) == before


def test_the_size_limit_can_be_lowered_and_raised(capsys, loaded, tmp_path):
    size = len(json.dumps(EXAMPLE))
    refused(capsys, loaded, tmp_path, json.dumps(EXAMPLE), "--max-bytes", str(size - 1))
    path = tmp_path / "good.json"
    path.write_text(json.dumps(EXAMPLE), "utf-8")
    assert main(["--db", sqlite_url(tmp_path / "k.db"), "import", str(path), "--max-bytes", str(size)]) == 0


def test_bad_bytes_and_numbers_beyond_reason_are_refused(capsys, loaded, tmp_path):
    raw = json.dumps(EXAMPLE).encode().replace(b'"LIN"', b'"LI\xed\xa0\x80N"', 1)  # an encoded surrogate
    assert "not UTF-8" in refused(capsys, loaded, tmp_path, raw)["message"]
    text = json.dumps(EXAMPLE).replace('"seats": 12', '"seats": ' + "9" * 5000)
    assert "file, field '-'" in refused(capsys, loaded, tmp_path, text)["message"]


def test_native_script_names_keep_their_joiners_and_a_byte_order_mark_is_fine(tmp_path):
    doc = copy.deepcopy(EXAMPLE)
    doc["cases"][0]["applicants"][0]["native_name"] = "क्\u200dष मेई"  # Devanagari conjunct with ZWJ
    path = tmp_path / "ok.json"
    path.write_text(json.dumps(doc), "utf-8-sig")  # with a byte-order mark, as some editors write
    url = sqlite_url(tmp_path / "k.db")
    assert main(["--db", url, "import", str(path)]) == 0
    db = Database(url)
    with db.session() as s:
        assert s.get(ApplicantRow, "GUZ2019541234-1").native_name == "क्\u200dष मेई"
    db.dispose()


def test_what_is_not_a_regular_file_is_refused_at_once(capsys, loaded, tmp_path):
    """A FIFO would block the read forever; /dev/zero and /dev/urandom never end; a folder is no file."""
    fifo = tmp_path / "cases.json"
    os.mkfifo(fifo)
    zero, folder = tmp_path / "zero.json", tmp_path / "folder.json"
    zero.symlink_to("/dev/zero")
    folder.mkdir()
    _, url, db, before = loaded
    for path, kind in ((fifo, "a FIFO"), (zero, "a character device"), (folder, "a directory")):
        capsys.readouterr()
        assert main(["--db", url, "import", str(path), "--json"]) == 2
        message = json.loads(capsys.readouterr().out)["message"]
        assert f"file, field '-': not a regular file (it is {kind}" in message, message
    assert _tables(db) == before


@pytest.mark.parametrize(("encoding", "says"), [
    ("utf-16", "written in UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8"),
    ("utf-32", "written in UTF-32"),
    ("utf-16-le", "holds a NUL byte at byte 1: UTF-16/UTF-32 text or binary data"),  # no byte-order mark
])
def test_utf16_and_utf32_files_are_named_as_such(capsys, loaded, tmp_path, encoding, says):
    assert says in refused(capsys, loaded, tmp_path, json.dumps(EXAMPLE).encode(encoding))["message"]


def test_unknown_fields_are_refused_and_notes_are_not(capsys, loaded, tmp_path):
    """A misspelt optional field ("cpsa") would silently change the evaluation, so any unknown field is refused."""
    doc = copy.deepcopy(EXAMPLE)
    doc["cases"][0]["applicants"][1]["cpsa"] = "protected"
    doc["slots"][0]["sets"] = 3
    doc["extra"] = {"x": 1}
    message = refused(capsys, loaded, tmp_path, json.dumps(doc))["message"]
    assert "3 problem(s)" in message
    assert f"{CASE} applicants[1], field 'cpsa': unknown field, not part of kiosk-cases/1" in message
    answer = refused(capsys, loaded, tmp_path, json.dumps(doc))  # each problem apart too, for scripts
    assert answer["count"] == 3 and {"where": f"{CASE} applicants[1]", "case_number": "GUZ2019541234",
                                     "field": "cpsa"}.items() <= answer["problems"][2].items(), answer["problems"]
    assert "slots[0], field 'sets': unknown field" in message and "file, field 'extra': unknown field" in message
    doc = copy.deepcopy(EXAMPLE)
    doc["_about"] = "made by hand"
    doc["cases"][0]["_note"] = {"any": ["thing"]}
    path = tmp_path / "noted.json"
    path.write_text(json.dumps(doc), "utf-8")
    assert main(["--db", sqlite_url(tmp_path / "k.db"), "import", str(path)]) == 0


def test_a_file_of_many_tiny_values_is_refused_before_parsing(capsys, loaded, tmp_path):
    """32 MiB of `{},` parses into 11 million objects (several GB): values are counted on the bytes first."""
    tiny = '{"format": "kiosk-cases/1", "slots": [' + ",".join(["{}"] * 2_000) + "]}"
    message = refused(capsys, loaded, tmp_path, tiny, "--max-bytes", "20000")["message"]
    assert "file, field '-': holds about 2,003 values, more than the 1,666" in message
    assert "--max-bytes raises both" in message
