#!/usr/bin/env bash
# Build the one-folder package dist/consular-kiosk/ (kiosk, kiosk-clerk, kiosk-admin), then smoke-test it.
#   packaging/build.sh            build + smoke test
#   packaging/build.sh --no-test  build only
set -euo pipefail
cd "$(dirname "$0")/.."

# Reproducible: the same commit and lock give the same tree (timestamps from the commit, fixed hash seed).
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 315532800)}"
export PYTHONHASHSEED=0

start=$(date +%s)
uv sync --locked --group packaging --inexact -q
uv run --locked --group packaging pyinstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/kiosk.spec
out=dist/consular-kiosk
ln -sfn kiosk "$out/kiosk-clerk"  # one executable, three programs: packaging/frozen_main.py picks by name
ln -sfn kiosk "$out/kiosk-admin"
git rev-parse HEAD > "$out/COMMIT" 2>/dev/null || true
echo "built $out in $(( $(date +%s) - start )) s, $(du -sh "$out" | cut -f1)"

[[ "${1:-}" == "--no-test" ]] || packaging/smoke-test.sh "$out"
