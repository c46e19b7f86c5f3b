#!/usr/bin/env bash
# Keep the kiosk's TLS private key only as an encrypted systemd credential, never in the clear on the disk.
#   sudo packaging/linux/seal-tls-key.sh [ETC]          ETC: /etc/consular-kiosk (install.sh runs it too)
# The key that kiosk.toml's `[central] key` names (a plain PEM file) is encrypted with systemd-creds (the
# machine's TPM2 where it has one, its host key otherwise) into ETC/tls/kiosk-tls-key.cred (root, 0600),
# the plain file is overwritten and removed, and kiosk.toml then says key = "credential:kiosk-tls-key".
# consular-kiosk.service loads it (LoadCredentialEncrypted=kiosk-tls-key:…): systemd decrypts it into the
# unit's credentials folder in memory, and the kiosk's TLS layer reads it from there.
# Better still, never put the plain key on the kiosk's disk: encrypt it straight from where it comes
#   systemd-creds encrypt --name=kiosk-tls-key /media/usb/hall-1.key /etc/consular-kiosk/tls/kiosk-tls-key.cred
# and set the kiosk.toml line by hand (docs/operating.md: "Configure a kiosk for the service").
set -euo pipefail

etc="${1:-/etc/consular-kiosk}"
toml="$etc/kiosk.toml"
name=kiosk-tls-key
cred="$etc/tls/$name.cred"
[[ -f "$toml" ]] || { echo "$toml: not there" >&2; exit 2; }
# [central] is the only table with a `key =` line (kiosk.toml.example).
value="$(sed -n 's/^[[:space:]]*key[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' "$toml" | head -n 1)"
if [[ -z "$value" ]]; then echo "$toml: no [central] key line" >&2; exit 2; fi
if [[ "$value" == "credential:$name" ]]; then
  [[ -e "$cred" ]] || { echo "$toml names the credential $name but $cred is not there" >&2; exit 2; }
  echo "the TLS key is already the encrypted credential $cred"
  exit 0
fi
[[ "$value" == /* ]] || value="$(dirname "$toml")/$value"  # relative to kiosk.toml, as the kiosk reads it
[[ -f "$value" ]] || { echo "$value (kiosk.toml's [central] key): not there" >&2; exit 2; }
command -v systemd-creds >/dev/null || { echo "systemd-creds (systemd 250 or newer) is needed" >&2; exit 2; }
install -d -m 0750 "$etc/tls"
umask 0077
systemd-creds encrypt --name="$name" "$value" "$cred.new"
chmod 0600 "$cred.new"
mv -f "$cred.new" "$cred"
shred -u "$value" 2>/dev/null || rm -f "$value"
sed -i.bak "s|^\([[:space:]]*\)key[[:space:]]*=[[:space:]]*\"[^\"]*\"|\1key = \"credential:$name\"|" "$toml"
rm -f "$toml.bak"
echo "the TLS key is now the encrypted credential $cred; $value removed"
