"""Confirmation PDF time as a ratio to a bare reportlab page with a QR code, measured in the same run.

Usage: uv run python bench/bench_confirmation.py [--rounds N]   (goal: ratio <= 1.5)
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.graphics import renderPDF
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from kiosk.pdf import ApplicantName, ConfirmationData, render_confirmation, sign_payload
from kiosk.pdf.confirmation import qr_flowable

KEY = bytes(32)
DATA = ConfirmationData(
    post_name="U.S. Consulate General Guangzhou",
    post_address="43 Hua Jiu Road, Zhujiang New Town\nTianhe District, Guangzhou 510623",
    case_number="GUZ2019541234",
    applicants=(ApplicantName("LIN MEI", "林美"), ApplicantName("LIN HAO", "林浩"), ApplicantName("ŁUKASZ ŻÓŁĆ")),
    start=datetime(2026, 12, 7, 8, 30), timezone="Asia/Shanghai", reference="GUZ-7K3M9QX2",
    issued_at=datetime(2026, 11, 25, 9, 41), change_deadline=date(2026, 12, 2), kiosk_id="hall-1",
)  # fmt: skip


def bare_page() -> bytes:
    """The floor: one reportlab page, a line of Helvetica and the same signed QR code."""
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 770, f"Booking {DATA.reference} for case {DATA.case_number}")
    renderPDF.draw(qr_flowable(sign_payload(DATA.claims(), KEY)), canvas, 420, 700)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def confirmation() -> bytes:
    return render_confirmation(DATA, KEY)


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    cold_bare, cold_conf = timed(bare_page), timed(confirmation)  # first call registers the font
    bare: list[float] = []
    conf: list[float] = []
    for _ in range(args.rounds):  # interleaved, so drift in machine speed hits both alike
        bare.append(timed(bare_page))
        conf.append(timed(confirmation))
    b, c = statistics.median(bare), statistics.median(conf)
    print(f"first call      : bare page {cold_bare * 1000:7.1f} ms   confirmation {cold_conf * 1000:7.1f} ms")
    print(f"median of {args.rounds:3d}  : bare page {b * 1000:7.1f} ms   confirmation {c * 1000:7.1f} ms")
    print(f"sizes           : bare page {len(bare_page()):7d} B    confirmation {len(confirmation()):7d} B")
    print(f"ratio confirmation / bare page: {c / b:.2f}x (goal <= 1.5x)")


if __name__ == "__main__":
    main()
