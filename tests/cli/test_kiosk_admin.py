"""`kiosk-admin` as operators' scripts call it: DATA.md's commands, JSON shapes and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from kiosk.cli.main import main

TODAY = "2026-11-25"
NOW = "2026-11-25T09:00"


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'demo.db'}"
    assert main(["--db", url, "demo", "--today", TODAY]) == 0
    return url


@pytest.fixture
def fresh_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert main(["--db", url, "demo", "--today", TODAY]) == 0
    return url


def run(capsys, *argv):
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if "--json" in argv and out.strip() else out), err


def test_eligibility_json_has_the_data_md_shape(capsys, demo_url):
    code, out, _ = run(capsys, "--db", demo_url, "eligibility", "GUZ2019000013", "--today", TODAY, "--json")
    assert code == 0
    assert {"case_number", "decision", "codes", "attending", "group", "earliest_date", "findings"} <= out.keys()
    assert out["decision"] == "schedule" and out["codes"] == ["CHILD_TURNS_21_SOON"]
    assert out["earliest_date"] == TODAY and out["group"] == ["GUZ2019000013"]
    assert out["findings"][0]["applicant"] == "GUZ2019000013-2"
    assert {"code", "applicant", "message", "remedy"} <= out["findings"][0].keys()


@pytest.mark.parametrize(("case", "decision", "exit_code"), [
    ("GUZ2019000002", "reschedule", 0), ("GUZ2019000003", "wait", 1),
    ("GUZ2019000005", "inquiry", 1), ("GUZ2019000010", "not_handled", 1),
])
def test_eligibility_exits_1_when_the_answer_is_no(capsys, demo_url, case, decision, exit_code):
    code, out, _ = run(capsys, "--db", demo_url, "eligibility", case, "--today", TODAY, "--json")
    assert (code, out["decision"]) == (exit_code, decision)
    assert (out["earliest_date"] is None) == (decision in ("inquiry", "not_handled"))


def test_eligibility_accepts_a_case_number_typed_with_spaces_and_lower_case(capsys, demo_url):
    code, out, _ = run(capsys, "--db", demo_url, "eligibility", "guz 2019 000001", "--today", TODAY, "--json")
    assert code == 0 and out["case_number"] == "GUZ2019000001"


def test_no_letter_is_an_inquiry(capsys, demo_url):
    code, out, _ = run(capsys, "--db", demo_url, "eligibility", "GUZ2019000001", "--no-letter", "--today", TODAY,
                       "--json")
    assert code == 1 and "LETTER_MISSING" in out["codes"]


def test_slots_lists_only_bookable_slots_with_seats_in_time_order(capsys, demo_url):
    code, out, _ = run(capsys, "--db", demo_url, "slots", "--now", NOW, "--json")
    assert code == 0 and out
    starts = [s["start"] for s in out]
    assert starts == sorted(starts)
    assert starts[0] >= "2026-11-27T09:00"  # 48 hours after now; the 26th is Thanksgiving
    assert all(date.fromisoformat(s[:10]).weekday() < 5 for s in starts)
    assert max(starts) <= "2027-03-25T23:59"  # 120-day horizon
    assert all(set(s) == {"id", "start", "seats", "seats_left"} and s["seats_left"] > 0 for s in out)


def test_book_then_retry_with_the_same_key_answers_the_same_booking(capsys, fresh_url):
    argv = ("--db", fresh_url, "book", "GUZ2019000001", "2026-12-07T08:30", "--key", "k-1", "--now", NOW, "--json")
    code, first, _ = run(capsys, *argv)
    assert code == 0 and first["slot"] == "2026-12-07T08:30"
    assert first["applicants"] == ["GUZ2019000001-1", "GUZ2019000001-2", "GUZ2019000001-3"]
    code, again, _ = run(capsys, *argv)
    assert code == 0 and again["booking"] == first["booking"]
    code, slots, _ = run(capsys, "--db", fresh_url, "slots", "--now", NOW, "--from", "2026-12-07", "--to",
                         "2026-12-07", "--json")
    assert next(s for s in slots if s["id"] == "2026-12-07T08:30")["seats_left"] == 3


def test_book_refusals_exit_1_with_the_rule_code(capsys, fresh_url):
    cases = {
        ("GUZ2019000005", "2026-12-07T08:30"): "ALREADY_INTERVIEWED",
        ("GUZ2019000001", "2026-11-26T08:30"): None,  # Thanksgiving: no such slot exists
        ("GUZ2019000001", "2026-11-27T08:30"): "SLOT_CLOSED",
    }
    for (case, slot), expected in cases.items():
        code, out, _ = run(capsys, "--db", fresh_url, "book", case, slot, "--now", NOW, "--json")
        if expected is None:
            assert code == 2 and out["error"] == "BAD_INPUT"
        else:
            assert code == 1 and out["error"] == expected, out


def test_a_full_slot_answers_slot_full(capsys, fresh_url):
    for case in ("GUZ2019000001", "GUZ2019000025"):  # 3 + 2 of 6 seats
        assert run(capsys, "--db", fresh_url, "book", case, "2026-12-08T08:30", "--now", NOW, "--json")[0] == 0
    code, out, _ = run(capsys, "--db", fresh_url, "book", "GUZ2019000028", "2026-12-08T08:30", "--now", NOW, "--json")
    assert code == 1 and out["error"] == "SLOT_FULL"


def test_cancel_inside_and_outside_the_change_window(capsys, fresh_url):
    assert run(capsys, "--db", fresh_url, "book", "GUZ2019000020", "2026-12-10T09:30", "--now", NOW, "--json")[0] == 0
    code, out, _ = run(capsys, "--db", fresh_url, "cancel", "GUZ2019000020", "--now", "2026-12-08T08:00", "--json")
    assert code == 1 and out["error"] == "CHANGE_WINDOW_CLOSED"  # Thursday 10th → deadline Monday 7th
    code, out, _ = run(capsys, "--db", fresh_url, "cancel", "GUZ2019000020", "--now", "2026-12-07T23:00", "--json")
    assert code == 0 and out["released"] == 1


def test_import_of_a_bad_file_exits_2_naming_case_and_field(capsys, tmp_path, fresh_url):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "kiosk-cases/1", "cases": [
        {"case_number": "GUZ2020000001", "petitioner_id": "P", "visa_class": "XX9", "applicants": [
            {"role": "principal", "surname": "A", "given_names": "B", "date_of_birth": "1990-01-01"}]}]}))
    code, out, err = run(capsys, "--db", fresh_url, "import", str(bad), "--json")
    assert code == 2 and "GUZ2020000001" in out["message"] and "visa_class" in out["message"]
    assert "visa_class" in err


def test_unknown_command_and_bad_dates_are_usage_errors(capsys, demo_url):
    with pytest.raises(SystemExit) as exit_:
        main(["--db", demo_url, "eligibility", "GUZ2019000001", "--today", "25/11/2026"])
    assert exit_.value.code == 2
    with pytest.raises(SystemExit) as exit_:
        main(["frobnicate"])
    assert exit_.value.code == 2


def test_a_usage_error_with_json_also_answers_json_on_standard_output(capsys, demo_url):
    """Scripts read standard output: a usage error there is `BAD_INPUT` naming the argument, exit 2 as before."""
    for argv, field in ((["eligibility", "GUZ2019000001", "--today", "25/11/2026", "--json"], "--today"),
                        (["--json", "frobnicate"], "COMMAND"), (["book", "--json"], None)):
        capsys.readouterr()
        with pytest.raises(SystemExit) as exit_:
            main(["--db", demo_url, *argv])
        out, err = capsys.readouterr()
        assert exit_.value.code == 2 and "usage: kiosk-admin" in err
        answer = json.loads(out)
        assert answer["error"] == "BAD_INPUT" and answer["field"] == field and answer["message"].startswith("kiosk-admin")
    with pytest.raises(SystemExit):
        main(["--db", demo_url, "eligibility", "GUZ2019000001", "--today", "25/11/2026"])
    assert capsys.readouterr().out == ""  # without --json, nothing on standard output


@pytest.mark.parametrize(("argv", "field", "says"), [
    (["eligibility", "GUZ2019000001", "--today", "0001-01-01"], "--today", "outside 1900-01-01 to 2199-12-31"),
    (["slots", "--now", "9999-12-31T23:59"], "--now", "outside 1900-01-01 to 2199-12-31"),
    (["slots", "--need", "1" + "0" * 20], "--need", "must be from 1 to 1,000 seats"),
    (["import", "cases.json", "--max-bytes", "1" + "0" * 22], "--max-bytes", "must be from 1 to 1,073,741,824"),
    (["book", "GUZ2019000001", "2026-12-07T08:30", "--key", "k" * 101], "--key", "longer than 100 characters"),
    (["book", "GUZ2019000001", "2026-12-07T08:30", "--key", "a\x1b[2Jb"], "--key", "control character (U+001B)"),
    (["demo", "--today", "9" * 5000], "--today", "'" + "9" * 37 + "'… is not a date"),
])
def test_arguments_beyond_reason_are_usage_errors_not_internal_ones(capsys, demo_url, argv, field, says):
    """Each of these once ended in exit 3 (an overflow in date arithmetic or SQLite, a PostgreSQL column too short)."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_:
        main(["--db", demo_url, *argv, "--json"])
    answer = json.loads(capsys.readouterr().out)
    assert exit_.value.code == 2 and answer["field"] == field and says in answer["message"], answer
    assert len(answer["message"]) < 300  # a hostile argument is not echoed whole


def test_confirmation_never_writes_over_a_device_or_a_folder(capsys, fresh_url, tmp_path):
    """The PDF is renamed into place: as root, `--out /dev/null` replaced the device with a PDF."""
    code, booked, _ = run(capsys, "--db", fresh_url, "book", "GUZ2019000001", "2026-12-07T08:30", "--now", NOW, "--json")
    assert code == 0, booked
    link = tmp_path / "printer.pdf"
    link.symlink_to("/dev/null")
    for out in (str(link), str(tmp_path)):
        code, answer, _ = run(capsys, "--db", fresh_url, "confirmation", "GUZ2019000001", "--out", out, "--json")
        assert code == 2 and answer["field"] == "--out" and "is not a file" in answer["message"], answer
    assert link.is_symlink() and Path("/dev/null").is_char_device()
    code, answer, _ = run(capsys, "--db", fresh_url, "confirmation", "GUZ2019000001", "--out", "/proc/c.pdf", "--json")
    assert code == 2 and answer["field"] == "--out" and answer["message"].startswith("field '--out': cannot write")


def test_a_configured_kiosk_is_never_answered_from_the_demo(capsys, monkeypatch, demo_url, tmp_path):
    """$KIOSK_CONFIG (kiosk.env sets it) is read as the kiosk reads it; --config beats $KIOSK_DB_URL; not both flags."""
    config = tmp_path / "kiosk.toml"  # plain http is refused: the answer shows which configuration was read
    config.write_text('[post]\ncode = "GUZ"\n[kiosk]\nid = "hall-1"\n[central]\nurl = "http://central.example"\n')
    monkeypatch.delenv("KIOSK_DB_URL", raising=False)
    monkeypatch.setenv("KIOSK_CONFIG", str(config))
    for argv in (("status", "--json"), ("eligibility", "GUZ2019000001", "--json")):
        code, out, _ = run(capsys, *argv)
        assert code == 2 and "https://" in out["message"], out
    monkeypatch.setenv("KIOSK_DB_URL", demo_url)
    code, out, _ = run(capsys, "eligibility", "GUZ2019000001", "--today", TODAY, "--json")
    assert code == 0 and out["case_number"] == "GUZ2019000001"  # $KIOSK_DB_URL before $KIOSK_CONFIG
    code, out, _ = run(capsys, "--config", str(config), "eligibility", "GUZ2019000001", "--json")
    assert code == 2 and "https://" in out["message"], out  # an explicit --config before $KIOSK_DB_URL
    code, out, _ = run(capsys, "--db", demo_url, "--config", str(config), "slots", "--json")
    assert code == 2 and out["field"] == "--db" and "not both" in out["message"]


def test_a_url_of_no_known_database_is_bad_input_not_internal(capsys):
    code, out, _ = run(capsys, "--db", "foo://bar", "init", "--json")
    assert code == 2 and out["field"] == "--db" and "cannot open database foo://bar" in out["message"]


def test_an_unreachable_database_is_a_clear_error_without_the_password(capsys):
    code, out, _ = run(capsys, "--db", "postgresql+psycopg://u:secret@127.0.0.1:1/none", "init", "--json")
    assert code == 2 and "cannot open database" in out["message"] and "secret" not in out["message"]


def test_the_installed_entry_point_runs(demo_url):
    proc = subprocess.run([sys.executable, "-m", "kiosk.cli.main", "--db", demo_url, "eligibility",
                           "GUZ2019000010", "--today", TODAY, "--json"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and json.loads(proc.stdout)["decision"] == "not_handled"


def test_the_closing_time_is_elapsed_time_where_the_clocks_change(capsys, tmp_path):
    """RULES.md: 48 hours elapsed. A New York post: the slot 47.5 wall-clock hours ahead across the autumn change
    (48.5 elapsed) is offered and booked; 48.5 wall-clock hours ahead across the spring change (47.5) is not."""
    doc = {"format": "kiosk-cases/1",
           "post": {"code": "NYC", "name": "Test post", "country": "US", "timezone": "America/New_York"},
           "cutoffs": [{"month": m, "category": "F2A", "chargeability": "ALL", "final_action": "C"}
                       for m in ("2026-10", "2027-03")],
           "slots": [{"id": "FALL", "start": "2026-11-02T08:30", "seats": 5},
                     {"id": "SPRING", "start": "2027-03-15T08:30", "seats": 5}],
           "cases": [{"case_number": "NYC2019000001", "petitioner_id": "P-1", "visa_class": "F21",
                      "priority_date": "2019-03-14", "last_contact": "2026-10-01", "appointment": None,
                      "applicants": [{"role": "principal", "surname": "LIN", "date_of_birth": "1988-07-30"}]}]}
    path = tmp_path / "ny.json"
    path.write_text(json.dumps(doc), "utf-8")
    url = f"sqlite:///{tmp_path / 'ny.db'}"
    assert main(["--db", url, "import", str(path)]) == 0
    code, listed, _ = run(capsys, "--db", url, "slots", "--now", "2026-10-31T09:00", "--json")
    assert [s["id"] for s in listed] == ["FALL"]
    code, refused, _ = run(capsys, "--db", url, "book", "NYC2019000001", "SPRING", "--now", "2027-03-13T08:00", "--json")
    assert code == 1 and refused["error"] == "SLOT_CLOSED", refused
    code, booked, _ = run(capsys, "--db", url, "book", "NYC2019000001", "FALL", "--now", "2026-10-31T09:00", "--json")
    assert code == 0 and booked["slot"] == "FALL", booked


def test_a_reader_that_leaves_early_gets_no_traceback(demo_url):
    """`kiosk-admin slots | head -1`: the pipe closes before the answer is written (was a BrokenPipeError)."""
    proc = subprocess.Popen([sys.executable, "-m", "kiosk.cli.main", "--db", demo_url, "slots", "--now", NOW],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # before the child has started up: its answer meets a closed pipe
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0 and "Traceback" not in err, err
