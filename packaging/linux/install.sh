#!/usr/bin/env bash
# Install or update the kiosk from a built package folder (packaging/build.sh makes dist/consular-kiosk).
#   sudo packaging/linux/install.sh dist/consular-kiosk            install, or update in place
#   packaging/linux/install.sh --root /tmp/stage dist/consular-kiosk   lay the files out under a folder only
# An update stops the kiosk, backs up its cache (the outbox of unsent work lives there), switches the
# release, migrates the cache, checks that the outbox holds the same commands, and starts the kiosk.
set -euo pipefail

root=""
if [[ "${1:-}" == "--root" ]]; then root="${2:?--root needs a folder}"; shift 2; fi
pkg="$(cd "${1:?usage: install.sh [--root DIR] PACKAGE_DIR}" && pwd)"
here="$(cd "$(dirname "$0")" && pwd)"
[[ -x "$pkg/kiosk" && -L "$pkg/kiosk-admin" ]] || { echo "$pkg is not a built package" >&2; exit 2; }

user=kiosk
opt="$root/opt/consular-kiosk"
etc="$root/etc/consular-kiosk"
state="$root/var/lib/consular-kiosk"
backups="$root/var/backups/consular-kiosk"
release="$opt/releases/$(cat "$pkg/COMMIT" 2>/dev/null | cut -c1-12 || date +%Y%m%d%H%M%S)"
live=false  # a real system with systemd running: manage the user and the service
[[ -z "$root" && -d /run/systemd/system ]] && live=true
# kiosk-admin as the kiosk user, with the unit's environment (its config, its log level) and, on a live
# system, the unit's encrypted credentials (its TLS key, its cache key), decrypted by systemd for this one
# command into memory as for the unit (kiosk-unit-run: an operator runs kiosk-admin the same way).
as_kiosk() {
  if $live; then
    KIOSK_ETC="$etc" "$here/kiosk-unit-run" "$@"
  else
    runuser -u "$user" -- bash -c 'set -a; . "$1"; set +a; shift; exec "$@"' sh "$etc/kiosk.env" "$@"
  fi
}

if [[ -z "$root" ]] && ! id "$user" >/dev/null 2>&1; then
  # A system user without a password or a login shell; the unit's PAM session is its only way in.
  useradd --system --create-home --home-dir "/var/lib/consular-kiosk" --shell /usr/sbin/nologin \
          --groups video,input,render,lp "$user" 2>/dev/null \
    || useradd --system --create-home --home-dir "/var/lib/consular-kiosk" --shell /usr/sbin/nologin "$user"
fi
mkdir -p "$opt/releases" "$etc" "$state" "$backups" "$root/etc/systemd/system" "$root/etc/pam.d" \
         "$root/usr/local/bin" "$root/usr/local/sbin"

# 1. Configuration: templates only where nothing is there yet; an operator's files are never overwritten.
[[ -e "$etc/kiosk.env" ]] || install -m 0640 "$here/kiosk.env" "$etc/kiosk.env"
[[ -e "$etc/kiosk.toml" ]] || install -m 0640 "$here/kiosk.toml.example" "$etc/kiosk.toml"
install -m 0644 "$here/kiosk.toml.example" "$etc/kiosk.toml.example"
install -m 0644 "$here/consular-kiosk.service" "$root/etc/systemd/system/consular-kiosk.service"
install -m 0644 "$here/pam-consular-kiosk" "$root/etc/pam.d/consular-kiosk"
install -m 0755 "$here/kiosk-unit-run" "$root/usr/local/sbin/kiosk-unit-run"
if [[ -z "$root" ]]; then chown -R "root:$user" "$etc"; chown "$user:$user" "$state"; chmod 0700 "$state"; fi

# No central password: the kiosk reaches central through the kiosk-central service with its own certificate,
# which the operator puts in $etc/tls (docs/operating.md: "Register a kiosk"). Its private key is kept only
# as an encrypted systemd credential: a plain key that kiosk.toml names is encrypted and removed here.
install -d -m 0750 "$etc/tls"
if [[ -z "$root" ]] && command -v systemd-creds >/dev/null; then
  "$here/seal-tls-key.sh" "$etc" || echo "no TLS key credential yet: the kiosk starts once it is there" \
                                         "(docs/operating.md: \"Configure a kiosk for the service\")" >&2
fi
# The key that wraps the kiosk's own signing key in its cache: random, made once, never shown.
if [[ -z "$root" && ! -e "$etc/cache-key.cred" ]] && command -v systemd-creds >/dev/null; then
  head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' \
    | systemd-creds encrypt --name=cache-key - "$etc/cache-key.cred" && chmod 0600 "$etc/cache-key.cred"
fi

# 2. Stop the kiosk and back up the cache with its outbox: encrypted (kiosk-admin backup: an online copy,
# AES-256-GCM, its key a systemd credential), 0600 files in a 0700 folder, the newest five kept.
$live && systemctl stop consular-kiosk.service || true
chmod 0700 "$backups"
outbox_before=""
if [[ -e "$opt/current" && -z "$root" ]]; then
  backup="$("$pkg/kiosk-admin" --config "$etc/kiosk.toml" backup --to "$backups" --keep 5 --json 2>/dev/null \
            | grep -o '"backup": "[^"]*"' | cut -d'"' -f4 || true)"
  outbox_before="$(as_kiosk "$opt/current/kiosk-admin" --config "$etc/kiosk.toml" status --json 2>/dev/null \
                   | grep -o '"outbox": [0-9]*' || true)"
  echo "cache backed up to ${backup:-nothing (no cache yet)} (${outbox_before:-no outbox count})"
fi

# 3. The new release beside the old ones; `current` switches in one rename (a rollback is the same switch).
rm -rf "$release.tmp"
cp -a "$pkg" "$release.tmp"
rm -rf "$release"
mv "$release.tmp" "$release"
touch "$release"  # install time, not build time, orders the releases kept below
ln -sfn "releases/$(basename "$release")" "$opt/current.new"
mv -T "$opt/current.new" "$opt/current"
cp "$here/../../docs/operating.md" "$release/operating.md" 2>/dev/null || true
ln -sfn /opt/consular-kiosk/current/kiosk-admin "$root/usr/local/bin/kiosk-admin"
ln -sfn /opt/consular-kiosk/current/kiosk-clerk "$root/usr/local/bin/kiosk-clerk"

# 4. Migrate the cache now (the kiosk would at start) and check that no unsent command was lost.
if [[ -z "$root" ]] && grep -q '^\[central\]' "$etc/kiosk.toml"; then
  outbox_after="$(as_kiosk "$opt/current/kiosk-admin" --config "$etc/kiosk.toml" status --json 2>/dev/null \
                  | grep -o '"outbox": [0-9]*' || true)"
  echo "after the update: ${outbox_after:-no outbox count}"
  if [[ -n "$outbox_before" && "$outbox_before" != "$outbox_after" ]]; then
    echo "the outbox changed during the update ($outbox_before -> $outbox_after): restore $backup" \
         "(kiosk-admin restore-backup $backup --to NEW_PATH)" >&2
    exit 1
  fi
fi

# 5. Start on boot, now.
if $live; then
  systemctl daemon-reload
  systemctl enable consular-kiosk.service
  systemctl set-default graphical.target
  systemctl start consular-kiosk.service
fi
# Keep the newest three releases.
ls -1dt "$opt/releases"/*/ | tail -n +4 | xargs -r rm -rf
echo "installed $(basename "$release") into $opt/current"
