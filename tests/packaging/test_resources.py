"""kiosk.resources: the packaged copy wins over the source tree; every path the code uses exists."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from kiosk import resources


def test_source_checkout_finds_the_top_level_resources_folder() -> None:
    assert not resources.PACKAGED.exists()  # a checkout never has the packaged copy
    assert resources.resources_root() == resources.SOURCE_TREE
    assert resources.resource("fonts", "wqy-microhei.ttc").is_file()


def test_a_packaged_copy_inside_the_package_is_preferred(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    packaged = tmp_path / "_resources"
    (packaged / "demo").mkdir(parents=True)
    monkeypatch.setattr(resources, "PACKAGED", packaged)
    assert resources.resource("demo", "cases.template.json") == packaged / "demo" / "cases.template.json"


def test_every_resource_the_code_names_exists() -> None:
    from kiosk.pdf.fonts import FONT_FILE
    from kiosk.services.accounts import BLOCKLIST
    from kiosk.services.demo import TEMPLATE
    from ui.i18n import I18N
    from ui.style import FONT_FILE as UI_FONT

    for path in (FONT_FILE, BLOCKLIST, TEMPLATE, UI_FONT):
        assert path.is_file(), path
    assert (I18N / "kiosk_zh_CN.qm").is_file()


@pytest.mark.slow
def test_the_wheel_carries_the_resources_inside_the_package(tmp_path: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("uv") is None:
        pytest.skip("building the wheel needs uv")
    root = Path(__file__).resolve().parents[2]
    subprocess.run(["uv", "build", "--wheel", "-q", "-o", str(tmp_path)], cwd=root, check=True)
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for rel in ("fonts/wqy-microhei.ttc", "demo/cases.template.json", "passwords/common-passwords.txt",
                "i18n/kiosk_zh_CN.qm"):
        assert f"kiosk/_resources/{rel}" in names
    assert "kiosk/store/migrations/script.py.mako" in names
