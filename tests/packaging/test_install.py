"""packaging/linux/install.sh laid out under a staging root: releases, the `current` switch, operator files kept."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

LINUX = Path(__file__).resolve().parents[2] / "packaging" / "linux"


def fake_package(where: Path, commit: str) -> Path:
    pkg = where / f"pkg-{commit[:4]}"
    pkg.mkdir()
    (pkg / "kiosk").write_text("#!/bin/sh\necho kiosk\n")
    (pkg / "kiosk").chmod(0o755)
    for name in ("kiosk-admin", "kiosk-clerk"):
        os.symlink("kiosk", pkg / name)
    (pkg / "COMMIT").write_text(commit + "\n")
    return pkg


def install(root: Path, pkg: Path) -> None:
    subprocess.run(["bash", str(LINUX / "install.sh"), "--root", str(root), str(pkg)], check=True,
                   capture_output=True, text=True)


def test_an_update_switches_the_release_and_keeps_the_operators_configuration(tmp_path: Path) -> None:
    root = tmp_path / "root"
    install(root, fake_package(tmp_path, "a" * 40))
    toml = root / "etc/consular-kiosk/kiosk.toml"
    toml.write_text('[post]\ncode = "GUZ"\n# edited by the operator\n')
    install(root, fake_package(tmp_path, "b" * 40))
    opt = root / "opt/consular-kiosk"
    assert os.readlink(opt / "current") == "releases/" + "b" * 12
    assert sorted(p.name for p in (opt / "releases").iterdir()) == ["a" * 12, "b" * 12]  # a rollback is one switch
    assert "edited by the operator" in toml.read_text()
    assert os.readlink(root / "usr/local/bin/kiosk-admin") == "/opt/consular-kiosk/current/kiosk-admin"
    assert (root / "etc/systemd/system/consular-kiosk.service").read_text() == (LINUX / "consular-kiosk.service").read_text()
    assert (root / "etc/pam.d/consular-kiosk").is_file()
    assert os.access(root / "usr/local/sbin/kiosk-unit-run", os.X_OK)  # kiosk-admin with the unit's credentials


def test_only_the_newest_three_releases_are_kept(tmp_path: Path) -> None:
    root = tmp_path / "root"
    for n in "abcd":
        install(root, fake_package(tmp_path, n * 40))
    assert sorted(p.name for p in (root / "opt/consular-kiosk/releases").iterdir()) == ["b" * 12, "c" * 12, "d" * 12]


@pytest.mark.skipif(not (shutil.which("systemd-analyze") and Path("/usr/bin/cage").exists()),
                    reason="needs systemd-analyze and cage (the unit's ExecStart)")
def test_systemd_accepts_the_unit() -> None:
    done = subprocess.run(["systemd-analyze", "verify", str(LINUX / "consular-kiosk.service")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_kiosk_unit_run_runs_a_command_as_the_unit_with_its_encrypted_credentials(tmp_path: Path) -> None:
    """What kiosk-unit-run hands systemd-run (a stand-in here that prints its arguments; the real one needs a
    running systemd): the kiosk user, kiosk.env, UMask=0077, each credential file that exists, the command."""
    bin_dir, etc = tmp_path / "bin", tmp_path / "etc"
    (etc / "tls").mkdir(parents=True)
    bin_dir.mkdir()
    (bin_dir / "systemd-run").write_text('#!/bin/sh\nprintf "%s\\n" "$@"\n')
    (bin_dir / "systemd-run").chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "KIOSK_ETC": str(etc)}

    def run() -> list[str]:
        done = subprocess.run(["bash", str(LINUX / "kiosk-unit-run"), "ls", "-l"], env=env, check=True,
                              capture_output=True, text=True)
        return done.stdout.splitlines()

    assert "LoadCredentialEncrypted=kiosk-tls-key:" not in " ".join(run())  # no credential file: none loaded
    (etc / "cache-key.cred").touch()
    (etc / "tls" / "kiosk-tls-key.cred").touch()
    args = run()
    assert args[:5] == ["--quiet", "--pipe", "--wait", "--collect", "--service-type=exec"]
    props = [args[i + 1] for i, a in enumerate(args) if a == "-p"]
    assert props == ["User=kiosk", "UMask=0077", f"EnvironmentFile={etc}/kiosk.env",
                     f"LoadCredentialEncrypted=cache-key:{etc}/cache-key.cred",
                     f"LoadCredentialEncrypted=kiosk-tls-key:{etc}/tls/kiosk-tls-key.cred"]
    assert args[args.index("--") + 1:] == [shutil.which("ls"), "-l"]
