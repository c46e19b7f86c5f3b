"""README.md and docs/*.md link only inside the repository, to files (and headings) that exist.

A clone of the repository is all a user has: a link to ../shared or to a file that was moved is dead.
Web addresses (https://…) are allowed; every other target is a path that must stay inside the checkout.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
WEB = ("https://", "http://", "mailto:")

_FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
_INDENTED = re.compile(r"^(?: {4}|\t).*$", re.M)  # indented code blocks
_CODE = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE = re.compile(r"^\s*\[[^\]]+\]:\s*(\S+)", re.M)
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.M)


def _prose(text: str) -> str:
    """The text without code, where brackets and parentheses are not links."""
    return _CODE.sub("", _INDENTED.sub("", _FENCE.sub("", text)))


def links(text: str) -> list[str]:
    prose = _prose(text)
    return [m.group(1) for m in _LINK.finditer(prose)] + [m.group(1) for m in _REFERENCE.finditer(prose)]


def anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    plain = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", r"\1", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", plain).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    return {anchor(h) for h in _HEADING.findall(_FENCE.sub("", path.read_text(encoding="utf-8")))}


def problems(document: Path, root: Path = ROOT) -> list[str]:
    """Every link of `document` that leaves `root` or names a missing file or heading."""
    found = []
    for target in links(document.read_text(encoding="utf-8")):
        if target.startswith(WEB):
            continue
        if ":" in target.split("/")[0]:
            found.append(f"{target}: not a path inside the repository")
            continue
        path_part, _, fragment = target.partition("#")
        resolved = (document.parent / path_part).resolve() if path_part else document
        if not resolved.is_relative_to(root):
            found.append(f"{target}: outside the repository")
        elif not resolved.exists():
            found.append(f"{target}: no such file")
        elif fragment and resolved.suffix == ".md" and fragment not in anchors(resolved):
            found.append(f"{target}: no heading #{fragment} in {resolved.relative_to(root)}")
    return found


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_links_stay_inside_the_repository_and_resolve(document: Path) -> None:
    assert problems(document) == []


def test_the_documents_that_link_are_seen_to() -> None:
    names = {p.name for p in DOCUMENTS}
    assert {"README.md", "rules.md", "case-file.md"} <= names
    for document in DOCUMENTS:
        if document.name in ("README.md", "rules.md", "case-file.md"):
            assert links(document.read_text(encoding="utf-8")), f"{document.name}: no link found"


def test_the_check_sees_links_that_leave_or_are_dead(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "there.md").write_text("# A heading\n", encoding="utf-8")
    page = tmp_path / "README.md"
    page.write_text(
        "See [rules](../shared/spec/RULES.md), [gone](docs/gone.md), [ok](docs/there.md),\n"
        "[ok too](docs/there.md#a-heading), [bad anchor](docs/there.md#nowhere), [home](/etc/passwd),\n"
        "[web](https://example.org/x), ![picture](docs/missing.png), [file](file:///etc/hosts),\n"
        "`[not a link](../code.md)`\n\n    [indented code](../also-code.md)\n",
        encoding="utf-8",
    )
    assert problems(page, root=tmp_path) == [
        "../shared/spec/RULES.md: outside the repository",
        "docs/gone.md: no such file",
        "docs/there.md#nowhere: no heading #nowhere in docs/there.md",
        "/etc/passwd: outside the repository",
        "docs/missing.png: no such file",
        "file:///etc/hosts: not a path inside the repository",
    ]
