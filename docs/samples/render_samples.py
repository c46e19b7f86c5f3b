"""Render the sample confirmation and inquiry receipt to PDF and PNG (needs pdftoppm from poppler-utils).

Usage: uv run python docs/samples/render_samples.py
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

import pypdf  # noqa: E402

from kiosk.domain.model import InquiryKind  # noqa: E402
from kiosk.pdf import ApplicantName, ConfirmationData, InquiryReceiptData  # noqa: E402
from kiosk.pdf import render_confirmation, render_inquiry_receipt  # noqa: E402

ADDRESS = "43 Hua Jiu Road, Zhujiang New Town\nTianhe District, Guangzhou 510623"
NAME_ZH, ADDRESS_ZH = "美国驻广州总领事馆", "广州市天河区珠江新城华夏路43号，邮编510623"
CONFIRMATION = ConfirmationData(
    post_name="U.S. Consulate General Guangzhou", post_address=ADDRESS, post_name_zh=NAME_ZH, post_address_zh=ADDRESS_ZH, case_number="GUZ2019541234",
    applicants=(ApplicantName("LIN MEI", "林美"), ApplicantName("LIN HAO", "林浩"),
                ApplicantName("ŻÓŁĆ ŁUKASZ"), ApplicantName("O'BRIEN & <SONS> MARIA DE LOS ANGELES", "欧阳娜娜")),
    start=datetime(2026, 12, 10, 8, 30), timezone="Asia/Shanghai", reference="GUZ-7K3M9QX2",
    issued_at=datetime(2026, 11, 25, 9, 41), change_deadline=date(2026, 12, 7), kiosk_id="hall-1",
    joined_cases=("GUZ2019541299",),
)  # fmt: skip
REBOOKED_COPY = dataclasses.replace(
    CONFIRMATION, reference="GUZ-Q4W8ZP3T", replaces="GUZ-7K3M9QX2", is_copy=True,
    printed_at=datetime(2026, 11, 28, 16, 20), start=datetime(2026, 12, 14, 9, 0), change_deadline=date(2026, 12, 9),
)  # fmt: skip
# A petitioner's family booked together, names as long as passports allow: the list runs onto page 2.
MANY = dataclasses.replace(CONFIRMATION, applicants=tuple(
    ApplicantName(f"{i:02d} GARCIA DE LA CRUZ MARIA DE LOS ANGELES GUADALUPE ESPERANZA " * 3, "欧阳娜娜" if i % 3 else None)
    for i in range(1, 41)))
RECEIPT = InquiryReceiptData(
    post_name="U.S. Consulate General Guangzhou", post_address=ADDRESS, post_name_zh=NAME_ZH, post_address_zh=ADDRESS_ZH, reference="INQ-GUZ-7K3M9Q",
    kind=InquiryKind.ADD_DERIVATIVE, case_number="GUZ2019541234", created_at=datetime(2026, 11, 25, 9, 52),
    timezone="Asia/Shanghai", applicant_name="LIN MEI 林美", kiosk_id="hall-1",
    text="Please add my husband 王磊 (WANG LEI) to the case. We married in 2024; he is not on the letter.",
    documents=(("Marriage certificate", "expected"), ("Spouse's birth certificate", "expected")),
)  # fmt: skip


def main() -> None:
    key = b"sample key, not a post's key...."
    for name, pdf in (
        ("confirmation", render_confirmation(CONFIRMATION, key)),
        ("confirmation-rebooked-copy", render_confirmation(REBOOKED_COPY, key)),
        ("confirmation-40-applicants", render_confirmation(MANY, key)),
        ("inquiry-receipt", render_inquiry_receipt(RECEIPT)),
        # the same printouts for a visit in Chinese (labels, dates, what to bring, next steps)
        ("confirmation-zh", render_confirmation(CONFIRMATION, key, language="zh_CN")),
        ("confirmation-rebooked-copy-zh", render_confirmation(REBOOKED_COPY, key, language="zh_CN")),
        ("inquiry-receipt-zh", render_inquiry_receipt(RECEIPT, language="zh_CN")),
    ):
        (HERE / f"{name}.pdf").write_bytes(pdf)
        # Page 1 as NAME.png; a printout of more pages also as NAME-2.png, NAME-3.png …
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(HERE / f"{name}.pdf"), str(HERE / name)],
                       check=True)  # fmt: skip
        for page in range(2, len(pypdf.PdfReader(HERE / f"{name}.pdf").pages) + 1):
            subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", "-f", str(page), "-l", str(page),
                            str(HERE / f"{name}.pdf"), str(HERE / f"{name}-{page}")], check=True)  # fmt: skip
        print(HERE / f"{name}.png")


if __name__ == "__main__":
    main()
