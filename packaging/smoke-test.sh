#!/usr/bin/env bash
# Smoke-test a built package offscreen: a demo visit through kiosk-admin to a confirmation PDF,
# the kiosk's --self-test on that database and on a fresh demo, a staff account, the bundled Qt parts.
#   packaging/smoke-test.sh dist/consular-kiosk
set -euo pipefail
pkg="$(cd "${1:?usage: smoke-test.sh PACKAGE_DIR}" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# Nothing of this machine's user folders is read or written; no display is needed.
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state"
export KIOSK_LOG_DIR="$tmp/log" QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME"
db="sqlite:///$tmp/smoke.db"
fail() { echo "smoke test FAILED: $*" >&2; exit 1; }
step() { printf '  %-58s' "$1"; }

step "kiosk-admin demo"
"$pkg/kiosk-admin" --db "$db" demo >/dev/null && echo ok
step "kiosk-admin eligibility GUZ2019000001"
answer="$("$pkg/kiosk-admin" --db "$db" eligibility GUZ2019000001 --json 2>/dev/null)"
[[ "$answer" == *'"decision": "schedule"'* ]] && echo ok || fail "eligibility: $answer"
step "kiosk-admin slots"
slots="$("$pkg/kiosk-admin" --db "$db" slots --need 3 --json 2>/dev/null)"
slot="$(grep -m1 -o '"id": "[^"]*"' <<<"$slots" | cut -d'"' -f4 | sed -n 1p)"
[[ -n "$slot" ]] && echo "ok ($slot)" || fail "no slot"
step "kiosk-admin book (twice, one key)"
first="$("$pkg/kiosk-admin" --db "$db" book GUZ2019000001 "$slot" --key smoke-1 --json 2>/dev/null)"
again="$("$pkg/kiosk-admin" --db "$db" book GUZ2019000001 "$slot" --key smoke-1 --json 2>/dev/null)"
[[ "$first" == *'"booking": "GUZ-'* && "$first" == "$again" ]] && echo ok || fail "book: $first / $again"
step "kiosk-admin confirmation -> PDF with the embedded font"
"$pkg/kiosk-admin" --db "$db" confirmation GUZ2019000001 --out "$tmp/confirmation.pdf" >/dev/null
[[ "$(head -c 5 "$tmp/confirmation.pdf")" == "%PDF-" ]] || fail "not a PDF"
grep -aq "/BaseFont /[A-Z]*+WenQuanYiMicroHei" "$tmp/confirmation.pdf" || fail "the PDF does not embed the kiosk font"
echo "ok ($(stat -c %s "$tmp/confirmation.pdf") bytes)"
step "kiosk --self-test --check-db on that database"
out="$("$pkg/kiosk" --self-test --check-db --db "$db")" || fail "kiosk exited $?"
[[ "$out" == *"welcome painted"*"database ready"* ]] && echo "ok (${out#self-test: })" || fail "$out"
step "kiosk --self-test --check-db on a fresh demo"
out="$("$pkg/kiosk" --self-test --check-db)" || fail "kiosk exited $?"
[[ "$out" == *"database ready"* && -f "$XDG_DATA_HOME/consular-kiosk/demo.db" ]] \
  && echo "ok (${out#self-test: })" || fail "$out; $(ls -R "$XDG_DATA_HOME")"
step "kiosk logged 'welcome painted' as JSON"
grep -q '"msg": "welcome painted"' "$KIOSK_LOG_DIR/kiosk.log" && echo ok || fail "no log line"
step "kiosk-clerk --add-staff (Argon2, password blocklist)"
KIOSK_STAFF_PASSWORD="a long and quiet evening by the pearl river" \
  "$pkg/kiosk-clerk" --db "$db" --add-staff smoke.clerk --name "Smoke Clerk" >/dev/null && echo ok
step "kiosk-clerk console starts and stays up"
set +e; timeout 4 "$pkg/kiosk-clerk" --db "$db" --windowed 2>"$tmp/clerk.err"; code=$?; set -e
[[ $code == 124 ]] && echo ok || fail "kiosk-clerk exited $code: $(cat "$tmp/clerk.err")"
step "bundled: Qt platforms, virtual keyboard, translations"
qt="$pkg/_internal/PySide6/Qt"
for f in plugins/platforms/libqxcb.so plugins/platforms/libqwayland.so plugins/platforms/libqoffscreen.so \
         plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so qml/QtQuick/VirtualKeyboard/qmldir \
         translations/qtbase_zh_CN.qm; do
  [[ -e "$qt/$f" ]] || fail "missing $f"
done
[[ -f "$pkg/_internal/kiosk/_resources/i18n/kiosk_zh_CN.qm" ]] || fail "missing the kiosk's translation"
echo ok
echo "smoke test passed: $pkg"
