"""Which characters a name, id or other imported text may hold, and how to show any text on a terminal.

A case file comes from another system and may be hostile: a NUL byte, an ANSI/OSC escape that
retitles the operator's terminal, a right-to-left override that shows "GUZ…" backwards, a zero-width
space that makes two names look equal. Those are refused at import; whatever still reaches a
terminal is shown escaped (`for_terminal`).
"""

from __future__ import annotations

import unicodedata

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
ZERO_WIDTH_JOINERS = frozenset("\u200c\u200d")  # ZWNJ, ZWJ: part of spelling in Indic, Arabic, Persian scripts
# Cc control, Cf format (zero-width space, BOM, soft hyphen …), Cs surrogate, Co private use,
# Cn unassigned, Zl/Zp line and paragraph separators.
_REFUSED_CATEGORIES = {"Cc": "a control character", "Cs": "a surrogate", "Co": "a private-use character",
                       "Cn": "an unassigned code point", "Zl": "a line separator", "Zp": "a paragraph separator",
                       "Cf": "an invisible formatting character"}


def _describe(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def _native_letter(ch: str) -> bool:
    """A letter or mark of a script other than Latin (where ZWJ/ZWNJ can be part of the spelling)."""
    if not unicodedata.category(ch).startswith(("L", "M")) or ch.isascii():
        return False
    return "LATIN" not in unicodedata.name(ch, "LATIN")


def text_problem(text: str, *, max_length: int, newlines: bool = False, joiners: bool = False) -> str | None:
    """Why `text` may not be stored (None when it may).

    `newlines`: a line break is allowed (a postal address). `joiners`: ZWJ/ZWNJ are allowed
    between two letters of a non-Latin script (a name in the applicant's own script).
    """
    if len(text) > max_length:
        return f"longer than {max_length} characters ({len(text)})"
    if (text.replace("\n", "") if newlines else text).isprintable():
        return None  # the common case, at C speed: every refused category is non-printable
    for i, ch in enumerate(text):
        if ch == "\n" and newlines:
            continue
        if ch in BIDI_CONTROLS:
            return f"holds a bidirectional control character ({_describe(ch)}) at position {i + 1}"
        if ch in ZERO_WIDTH_JOINERS:
            inside = 0 < i < len(text) - 1 and _native_letter(text[i - 1]) and _native_letter(text[i + 1])
            if joiners and inside:
                continue
            return f"holds a zero-width joiner ({_describe(ch)}) at position {i + 1}"
        kind = _REFUSED_CATEGORIES.get(unicodedata.category(ch))
        if kind:
            return f"holds {kind} ({_describe(ch)}) at position {i + 1}"
    return None


def acts_on_terminal(ch: str) -> bool:
    """True for a character a terminal may act on or hide: controls, bidi and format characters …"""
    return ch not in "\n\t" and unicodedata.category(ch) in _REFUSED_CATEGORIES


def for_terminal(text: str) -> str:
    """`text` with every character a terminal could act on (escapes, bidi controls …) written as \\uXXXX.

    Line breaks, tabs and everything visible (Chinese, accents, wide spaces) stay as they are.
    """
    return "".join(_escape(ch) if acts_on_terminal(ch) else ch for ch in text)


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
