"""Start-up benchmark: `kiosk --self-test` vs a bare QWizard, time and peak memory, as ratios.

Each run is a fresh process (what a kiosk does at boot): wall time from spawn to exit, and
the peak resident memory of that child (resource.getrusage(RUSAGE_CHILDREN) after each
wait, read as a running maximum, so every measurement runs in its own helper process).
Absolute times vary about 2x between machines: the ratios are the figures that count.
Goal: kiosk / bare QWizard <= 2x for both time and memory.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("BENCH_RUNS", "7"))

BARE = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWizard, QWizardPage, QVBoxLayout
app = QApplication(sys.argv[:1])
wizard = QWizard()
page = QWizardPage()
QVBoxLayout(page).addWidget(QLabel("Welcome"))
wizard.addPage(page)
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, app.quit)
        return False
watcher = FirstPaint()
wizard.installEventFilter(watcher)
wizard.resize(1280, 800)
wizard.show()
app.exec()
"""

# Runs one command and reports its wall time and the child's peak RSS (a fresh process, so
# RUSAGE_CHILDREN holds exactly that one child).
MEASURE = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
wall = time.perf_counter() - t
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"rc": done.returncode, "wall": wall, "rss_mib": peak_kib / 1024, "out": done.stdout[-300:],
                  "err": done.stderr[-500:]}))
"""


def measure(cmd: list[str], env: dict[str, str]) -> dict:
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], env=env, capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"{cmd} failed with {result['rc']}:\n{result['err']}")
    return result


def main() -> None:
    data_home = tempfile.mkdtemp(prefix="kiosk-bench-")
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "XDG_DATA_HOME": data_home, "PYTHONPATH": str(ROOT)}
    # An installed kiosk runs from compiled bytecode; these machines set PYTHONDONTWRITEBYTECODE,
    # which would make every run recompile the project's own modules (PITFALLS.md, start-up time).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    kiosk = [sys.executable, "-m", "ui.app", "--self-test"]
    bare = [sys.executable, "-c", BARE]
    first = measure([*kiosk, "--check-db"], env)  # the very first start creates and fills the demo
    print(f"first start, creating the demo database: {first['wall']:.2f} s, {first['rss_mib']:.0f} MiB")
    print("   ", first["out"].strip())
    again = measure([*kiosk, "--check-db"], env)
    print(f"a later start that also opens the database: {again['wall']:.2f} s, {again['rss_mib']:.0f} MiB")
    print("   ", again["out"].strip())
    measure(bare, env)  # warm the file cache for both before timing
    rows: dict[str, list[dict]] = {"bare": [], "kiosk": []}
    for _ in range(RUNS):  # interleaved, so drift on the machine hits both alike
        rows["bare"].append(measure(bare, env))
        rows["kiosk"].append(measure(kiosk, env))
    med = {k: {m: statistics.median(r[m] for r in v) for m in ("wall", "rss_mib")} for k, v in rows.items()}
    print(f"runs: {RUNS} each, medians")
    print(f"bare QWizard : {med['bare']['wall']:.3f} s  {med['bare']['rss_mib']:.0f} MiB")
    print(f"kiosk        : {med['kiosk']['wall']:.3f} s  {med['kiosk']['rss_mib']:.0f} MiB")
    t_ratio = med["kiosk"]["wall"] / med["bare"]["wall"]
    m_ratio = med["kiosk"]["rss_mib"] / med["bare"]["rss_mib"]
    print(f"ratio        : time {t_ratio:.2f}x  memory {m_ratio:.2f}x  (goal <= 2x both)")
    print("   ", rows["kiosk"][-1]["out"].strip())


if __name__ == "__main__":
    main()
