"""`kiosk-admin status` warns when the cache is not on an encrypted volume (sysfs read as the kernel lays it out)."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.volume import volume_of


def _device(sys_root: Path, name: str, *, dm: str | None = None, slaves: tuple[str, ...] = (),
            partition_of: str | None = None) -> Path:
    where = sys_root / "devices/virtual/block" / (f"{partition_of}/{name}" if partition_of else name)
    where.mkdir(parents=True, exist_ok=True)
    if dm:
        (where / "dm").mkdir()
        (where / "dm/uuid").write_text(f"{dm}-0123456789abcdef-name\n")
    if partition_of:
        (where / "partition").write_text("1\n")
    (where / "slaves").mkdir(exist_ok=True)
    for s in slaves:
        (where / "slaves" / s).symlink_to(sys_root / "devices/virtual/block" / s)
    return where


def _layout(tmp_path: Path, top: Path) -> tuple[Path, Path, Path]:
    """A fake /sys whose dev/block entry for the test folder's device points at `top`; a mountinfo for it."""
    sys_root = tmp_path / "sys"
    dev = (tmp_path).stat().st_dev
    (sys_root / "dev/block").mkdir(parents=True, exist_ok=True)
    (sys_root / "dev/block" / f"{os.major(dev)}:{os.minor(dev)}").symlink_to(top)
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(f"27 1 {os.major(dev)}:{os.minor(dev)} / / rw,relatime - ext4 /dev/x rw\n")
    return sys_root, mountinfo, tmp_path / "cache.db"


def test_luks_under_lvm_counts_as_encrypted_and_a_plain_partition_does_not(tmp_path: Path) -> None:
    sys_root = tmp_path / "sys"
    _device(sys_root, "sda")
    _device(sys_root, "sda2", partition_of="sda")
    crypt = _device(sys_root, "dm-0", dm="CRYPT-LUKS2", slaves=())
    lvm = _device(sys_root, "dm-1", dm="LVM", slaves=("dm-0",))
    root, mountinfo, cache = _layout(tmp_path, lvm)
    v = volume_of(cache, sys_root=root, mountinfo=mountinfo)
    assert v.encrypted is True and "dm-1 (LVM)" in v.detail and "dm-0 (CRYPT)" in v.detail
    assert crypt.exists()

    other = tmp_path / "plain"
    other.mkdir()
    root2, mountinfo2, cache2 = _layout(other, sys_root / "devices/virtual/block/sda/sda2")
    plain = volume_of(cache2, sys_root=root2, mountinfo=mountinfo2)
    assert plain.encrypted is False and plain.detail == "sda2 <- sda"


def test_memory_file_systems_keep_nothing_at_rest_and_unknown_ones_are_said_so(tmp_path: Path) -> None:
    dev = tmp_path.stat().st_dev
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(f"27 1 {os.major(dev)}:{os.minor(dev)} / / rw - tmpfs tmpfs rw\n")
    assert volume_of(tmp_path / "cache.db", sys_root=tmp_path / "none", mountinfo=mountinfo).encrypted is True
    mountinfo.write_text(f"27 1 {os.major(dev)}:{os.minor(dev)} / / rw - nfs4 host:/x rw\n")
    unknown = volume_of(tmp_path / "cache.db", sys_root=tmp_path / "none", mountinfo=mountinfo)
    assert unknown.encrypted is None and "nfs4" in unknown.detail
