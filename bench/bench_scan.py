"""One page scanned, compressed into its PDF and queued sealed in the outbox, as a ratio to the scan alone.

Baseline (same run): the `scanimage` call alone (SANE's test backend, its page piped into memory).
Measured: the same call plus the page's JPEG PDF (kiosk.scan.pdf) and the sealed, chunked outbox
commands in a SQLite cache (kiosk.sync.documents). The test backend scans at most 200 x 200 mm, so
the page is 200 x 200 mm, 150 dpi colour (an A4 page is 210 x 297 mm: ~1.5 times the pixels).
A real scanner's mechanics take seconds a page; the test backend makes its pixels in milliseconds,
so this ratio is the kiosk's own work against the cheapest possible scan (the worst case for it).
Usage: uv run python bench/bench_scan.py [REPEATS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from kiosk.scan.pdf import document_pdf
from kiosk.scan.scanner import RESOLUTION, Scanner
from kiosk.sealing import new_key_pair
from kiosk.store.db import Database, sqlite_url
from kiosk.sync.documents import ScannedDocument, queue_documents
from kiosk.sync.sealed import remember_key

NOW = datetime(2026, 11, 25, 9, 0)
SCANNER = Scanner("test", resolution=RESOLUTION, extra=("-x", "200", "-y", "200", "--test-picture", "Color pattern"))


def main(repeats: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cache = Database(sqlite_url(Path(tmp) / "cache.db"))
        cache.init_schema()
        with cache.transaction() as s:
            remember_key(s, new_key_pair()[1])
        scan_only, whole, sizes = [], [], []
        for _ in range(repeats):
            t0 = time.perf_counter()
            SCANNER.scan_page()
            scan_only.append(time.perf_counter() - t0)

            t0 = time.perf_counter()
            pdf = document_pdf("Birth certificate", [SCANNER.scan_page()])
            with cache.transaction() as s:
                queue_documents(s, "INQ-GUZ-7K3M9Q", [ScannedDocument("Birth certificate", pdf, 1)], now=NOW)
            whole.append(time.perf_counter() - t0)
            sizes.append(len(pdf))
        cache.dispose()
    base, total = statistics.median(scan_only), statistics.median(whole)
    print(f"page 200x200 mm at {RESOLUTION} dpi colour, {repeats} repeats (medians)")
    print(f"scanimage alone:                 {base * 1000:8.1f} ms")
    print(f"scanned + PDF + queued sealed:   {total * 1000:8.1f} ms   (PDF {statistics.median(sizes) / 1024:.0f} KiB)")
    print(f"ratio (whole / scanimage alone): {total / base:8.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
