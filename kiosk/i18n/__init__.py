"""Translations for code without Qt (the printouts): read from the same `.ts` file Qt Linguist edits.

Why the `.ts` and not a generated Python table: one source of truth. Translators work in one
file (Qt Linguist or any XML editor); `scripts/i18n.py` refreshes it from the code and compiles
the `.qm` the Qt side loads; the printouts read the very same translations here with the
standard library's XML parser, so the two can never drift apart. Only finished translations
count: an unfinished or missing one falls back to the English source.
"""

from __future__ import annotations

import string
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from kiosk.domain.messages import MESSAGES
from kiosk.domain.model import Finding

SOURCE_LANGUAGE = "en"
LANGUAGES = ("en", "zh_CN")

# Translation contexts of the texts that kiosk/ (not Qt) renders.
FINDINGS = "findings"  # kiosk.domain.messages templates, keyed by their English text
DOCUMENTS = "documents"  # names of the documents an inquiry asks for
PRINTOUT = "printout"  # every fixed text of the confirmation and the inquiry receipt
LIST_SEPARATOR = ", "  # joins document names; its translation is in the "documents" context


def _i18n_dir() -> Path:
    try:
        from kiosk.resources import resource
    except ImportError:  # pragma: no cover — a tree without the packaging helper
        return Path(__file__).resolve().parents[2] / "resources" / "i18n"
    return resource("i18n")


def ts_path(language: str) -> Path:
    return _i18n_dir() / f"kiosk_{language}.ts"


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r} (one of {', '.join(LANGUAGES)})")
    return language


def parse_ts(path: Path) -> dict[tuple[str, str], str]:
    """(context, source) → translation, finished translations only (numerus forms: the first)."""
    table: dict[tuple[str, str], str] = {}
    root = ET.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source")
            tr = message.find("translation")
            if source is None or tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            forms = tr.findall("numerusform")
            text = forms[0].text if forms else tr.text
            if text:
                table[(name, source)] = text
    return table


@cache
def catalog(language: str) -> Mapping[tuple[str, str], str]:
    """The finished translations of `language` (empty for English, the source language)."""
    if check_language(language) == SOURCE_LANGUAGE:
        return {}
    path = ts_path(language)
    return parse_ts(path) if path.is_file() else {}


def translate(context: str, source: str, language: str) -> str:
    """`source` in `language`; the English source when there is no finished translation."""
    return catalog(language).get((context, source), source)


def placeholders(text: str) -> set[str]:
    """The `{name}` fields of a format string (what a translation must keep)."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def render(template: str, language: str, context: str, fields: Mapping[str, str] | Iterable[tuple[str, str]]) -> str:
    """Translate a format template and fill it; a broken translation falls back to the English template."""
    values = dict(fields)
    translated = translate(context, template, language)
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):
        return template.format(**values)


def finding_texts(finding: Finding, language: str) -> tuple[str, str]:
    """A domain Finding's (message, remedy) in `language`, re-rendered from its key and fields."""
    key = finding.key
    if check_language(language) == SOURCE_LANGUAGE or key not in MESSAGES:
        return finding.message, finding.remedy
    fields = dict(finding.fields)
    documents = finding.documents
    if documents and "documents_list" in fields:
        fields["documents_list"] = translate(DOCUMENTS, LIST_SEPARATOR, language).join(translate(DOCUMENTS, d, language) for d in documents)
    message, remedy = MESSAGES[key]
    return render(message, language, FINDINGS, fields), render(remedy, language, FINDINGS, fields)
