"""The structure drawing (docs/structure.md, scripts/structure.py) finds no import cycle between the parts of kiosk and ui."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("structure", ROOT / "scripts" / "structure.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_part_of_kiosk_or_ui_imports_itself_round_a_circle() -> None:
    structure = _script()
    text, found = structure.document()
    assert found == []
    assert "Import cycles: none." in text and "kiosk.services" in text


def test_the_cycle_finder_sees_a_cycle() -> None:
    structure = _script()
    assert structure.cycles({("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")}) == [["a", "b", "c"]]
    assert structure.reduced({("a", "b"), ("b", "c"), ("a", "c")}) == {("a", "b"), ("b", "c")}
