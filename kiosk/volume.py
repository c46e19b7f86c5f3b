"""Is the cache on an encrypted volume? Linux block devices read from sysfs (dm-crypt/LUKS, under LVM or not).

A stolen kiosk's disk is read on another machine: what is at rest on it is only as safe as
its encryption. `kiosk-admin status` warns when the cache's file system is not on dm-crypt.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# File systems that keep nothing on a disk, or encrypt by themselves.
_IN_MEMORY = {"tmpfs", "ramfs"}
_ENCRYPTING = {"ecryptfs"}


@dataclass(frozen=True)
class Volume:
    encrypted: bool | None  # None: cannot tell (not Linux, a network or overlay file system)
    detail: str  # the device chain or the file system, for the operator


def volume_of(path: Path, *, sys_root: Path = Path("/sys"), mountinfo: Path = Path("/proc/self/mountinfo")) -> Volume:
    """Whether `path` (or its nearest existing folder) lies on dm-crypt, as far as sysfs tells."""
    here = path
    while not here.exists() and here != here.parent:
        here = here.parent
    dev = here.stat().st_dev
    major, minor = os.major(dev), os.minor(dev)
    fstype = _fstype(mountinfo, f"{major}:{minor}")
    if fstype in _IN_MEMORY:
        return Volume(True, f"{fstype} (memory only, nothing at rest)")
    if fstype in _ENCRYPTING:
        return Volume(True, fstype)
    block = sys_root / "dev" / "block" / f"{major}:{minor}"
    if not block.exists():
        return Volume(None, f"{fstype or 'unknown'} file system on device {major}:{minor}, not a block device")
    chain: list[str] = []
    found = _crypt_below(block.resolve(), chain, depth=0)
    return Volume(found, " <- ".join(chain))


def _crypt_below(device: Path, chain: list[str], depth: int) -> bool:
    """True when `device`, its whole disk (for a partition) or a device under it is a dm-crypt mapping."""
    if depth > 8:
        return False
    uuid = device / "dm" / "uuid"
    kind = uuid.read_text().strip().split("-", 1)[0] if uuid.exists() else ""
    chain.append(f"{device.name}{f' ({kind})' if kind else ''}")
    if kind == "CRYPT":
        return True
    if (device / "partition").exists():  # sda1 -> sda: a partition's holder is its disk
        return _crypt_below(device.parent, chain, depth + 1)
    slaves = device / "slaves"
    below = sorted(slaves.iterdir()) if slaves.is_dir() else []
    return any(_crypt_below(s.resolve(), chain, depth + 1) for s in below)


def _fstype(mountinfo: Path, device: str) -> str | None:
    try:
        lines = mountinfo.read_text().splitlines()
    except OSError:
        return None
    for line in reversed(lines):  # the newest mount of the device wins
        head, _, tail = line.partition(" - ")
        fields = head.split()
        if len(fields) > 2 and fields[2] == device and tail:
            return tail.split()[0]
    return None
