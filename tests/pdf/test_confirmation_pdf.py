"""The printed confirmation: every field readable back, one page, hostile and foreign names intact."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from reportlab.lib.pagesizes import A4

from kiosk.pdf import ApplicantName, ConfirmationData, render_confirmation, verify_payload
from kiosk.pdf.labels import DEFAULT_WHAT_TO_BRING

from .pdfcheck import char_boxes, page_count, page_size, pdf_text, qr_codes, squash

KEY = bytes(range(32))


def sample(**changes: object) -> ConfirmationData:
    data = ConfirmationData(
        post_name="U.S. Consulate General Guangzhou",
        post_address="43 Hua Jiu Road, Zhujiang New Town\nTianhe District, Guangzhou 510623",
        case_number="GUZ2019541234",
        applicants=(ApplicantName("LIN MEI", "林美"), ApplicantName("LIN HAO", "林浩")),
        start=datetime(2026, 12, 7, 8, 30),
        timezone="Asia/Shanghai",
        reference="BK-7K3M9Q",
        issued_at=datetime(2026, 11, 25, 14, 3),
        change_deadline=date(2026, 12, 2),
        kiosk_id="hall-1",
    )
    return replace(data, **changes)


def test_confirmation_prints_every_field_on_one_a4_page() -> None:
    pdf = render_confirmation(sample(), KEY)
    text = pdf_text(pdf)
    assert page_count(pdf) == 1
    assert page_size(pdf) == pytest.approx(A4)
    for expected in (
        "U.S. Consulate General Guangzhou",
        "43 Hua Jiu Road, Zhujiang New Town",
        "Tianhe District, Guangzhou 510623",
        "GUZ2019541234",
        "BK-7K3M9Q",
        "LIN MEI",
        "林美",
        "LIN HAO",
        "林浩",
        "Monday 7 December 2026, 08:30 (Beijing time)",
        "Wednesday 25 November 2026, 14:03 (Beijing time)",
    ):
        assert expected in text
    assert "hall-1" not in text  # no internal ids on the applicant's paper
    flat = squash(text)
    for item in DEFAULT_WHAT_TO_BRING:
        assert squash(item) in flat
    # The change rule with its deadline (three working days before); a final booking names no past day.
    assert squash("You can change or cancel this appointment until the end of Wednesday 2 December 2026.") in flat
    final = squash(pdf_text(render_confirmation(sample(can_change=False), KEY)))
    assert squash("This appointment can no longer be changed or cancelled.") in final
    assert "2December" not in final
    assert "COPY" not in text and "replaces" not in text


def test_qr_code_on_the_page_carries_the_reference_signed_with_the_post_key() -> None:
    pdf = render_confirmation(sample(), KEY)
    (payload,) = qr_codes(pdf)
    result = verify_payload(payload, KEY)
    assert result.ok
    assert result.claims is not None
    assert (result.claims.reference, result.claims.case_number) == ("BK-7K3M9Q", "GUZ2019541234")
    assert result.claims.start == datetime(2026, 12, 7, 8, 30)
    assert not verify_payload(payload, b"another post's key").ok


def test_rebooked_confirmation_names_the_booking_it_replaces() -> None:
    text = pdf_text(render_confirmation(sample(replaces="BK-OLD123"), KEY))
    assert "This confirmation replaces booking BK-OLD123" in text
    assert "COPY" not in text


def test_reprint_is_marked_as_a_copy() -> None:
    text = pdf_text(render_confirmation(sample(is_copy=True, printed_at=datetime(2026, 11, 30, 10, 5)), KEY))
    assert "COPY — reprinted Monday 30 November 2026, 10:05 (Beijing time). The booking itself is unchanged." in " ".join(text.split())
    assert "Wednesday 25 November 2026, 14:03 (Beijing time)" in text  # the original issue time stays on the copy


def test_cases_booked_together_are_listed() -> None:
    text = pdf_text(render_confirmation(sample(joined_cases=("GUZ2019541235", "GUZ2019541236")), KEY))
    assert "Cases booked together" in text and "GUZ2019541235, GUZ2019541236" in text


HOSTILE = [
    "0.1 <A <0.9",
    "Ali </para>",
    "<img src='/etc/passwd'/>",
    "J&C",
    "Ali & <Baba>",
    "O'Brien \"Junior\" &amp; <b>bold</b>",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_name_is_printed_literally(name: str) -> None:
    pdf = render_confirmation(sample(applicants=(ApplicantName(name, "张<伟>&"),)), KEY)
    text = pdf_text(pdf)
    assert name in text
    assert "张<伟>&" in text


def test_chinese_polish_and_vietnamese_names_read_back_exactly() -> None:
    names = (ApplicantName("ŁUKASZ Żółć", "张伟"), ApplicantName("Nguyễn Văn Ánh", "阮文映"), ApplicantName("MÜLLER ßİğ"))
    text = pdf_text(render_confirmation(sample(applicants=names), KEY))
    for name in names:
        assert name.latin in text
        if name.chinese:
            assert name.chinese in text


def test_very_long_names_wrap_inside_the_pages_they_run_onto() -> None:
    long_latin = "WOLFESCHLEGELSTEINHAUSENBERGERDORFF" * 6
    long_spaced = " ".join(["MARIA DE LOS ANGELES"] * 12)
    applicants = tuple(ApplicantName(f"{long_spaced} {i}", "欧阳" * 30) for i in range(14)) + (
        ApplicantName(long_latin),
    )
    pdf = render_confirmation(sample(applicants=applicants), KEY)
    width, height = page_size(pdf)
    for page in range(page_count(pdf)):
        boxes = char_boxes(pdf, page)
        assert boxes
        assert all(0 <= left and right <= width and 0 <= bottom and top <= height for left, bottom, right, top in boxes)
    assert squash(long_latin) in squash(pdf_text(pdf))
    assert qr_codes(pdf), "the QR code stays on page 1"


def test_confirmation_without_applicants_is_refused() -> None:
    with pytest.raises(ValueError, match="applicant"):
        render_confirmation(sample(applicants=()), KEY)
