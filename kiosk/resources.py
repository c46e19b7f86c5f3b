"""Where the shipped resources (fonts, demo data, password blocklist, translations) are found."""

from __future__ import annotations

from pathlib import Path

# Installed wheels and frozen builds carry them inside the package (pyproject's force-include,
# packaging/kiosk.spec); a source checkout has them in the top-level resources/ folder.
PACKAGED = Path(__file__).resolve().parent / "_resources"
SOURCE_TREE = Path(__file__).resolve().parents[1] / "resources"


def resources_root() -> Path:
    """The resources folder of this installation: the packaged copy if there is one, else the source tree's."""
    return PACKAGED if PACKAGED.is_dir() else SOURCE_TREE


def resource(*parts: str) -> Path:
    """A path inside the resources folder, e.g. `resource("fonts", "wqy-microhei.ttc")`."""
    return resources_root().joinpath(*parts)
