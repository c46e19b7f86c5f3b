"""Visa class symbol (22 CFR 42.11) → the category whose cut-off applies: the one table."""

from __future__ import annotations

from kiosk.domain.errors import InputError

IMMEDIATE_RELATIVE = "IR"  # always current: no cut-off applies
NOT_HANDLED = "NOT_HANDLED"  # this service is not for these classes (RULES.md)


def _run(prefix: str, first: int, last: int) -> tuple[str, ...]:
    return tuple(f"{prefix}{n}" for n in range(first, last + 1))


# RULES.md "Which cut-off applies", row by row. Edit here and only here.
CATEGORY_SYMBOLS: dict[str, tuple[str, ...]] = {
    IMMEDIATE_RELATIVE: (
        *_run("IR", 1, 5), "IH3", "IH4", "CR1", "CR2", "IW1", "IW2",
        "IB1", "IB2", "IB3", "IB5", "VI5",
    ),
    "F1": ("F11", "F12", "B11", "B12"),
    "F2A": (*_run("F2", 1, 3), *_run("FX", 1, 3), *_run("B2", 1, 3), *_run("BX", 1, 3)),
    "F2B": ("F24", "F25", "B24", "B25"),
    "F3": (*_run("F3", 1, 3), *_run("B3", 1, 3)),
    "F4": _run("F4", 1, 3),
    "EB1": _run("E1", 1, 5),
    "EB2": _run("E2", 1, 3),
    "EB3": ("E31", "E32", "E34", "E35", "EW3", "EW4", "EW5"),
    # "E4x/SD/SR": religious workers and ministers and their families.
    "EB4": (*_run("E4", 1, 9), *_run("SD", 1, 3), *_run("SR", 1, 3)),
    "EB5": (*_run("C5", 1, 3), *_run("T5", 1, 3), *_run("I5", 1, 3), *_run("R5", 1, 3)),
    "DV": ("DV", *_run("DV", 1, 3)),
    NOT_HANDLED: ("K1", "K2", "K3", "K4", "SB1"),
}

_BY_SYMBOL: dict[str, str] = {s: cat for cat, symbols in CATEGORY_SYMBOLS.items() for s in symbols}
assert len(_BY_SYMBOL) == sum(map(len, CATEGORY_SYMBOLS.values())), "a symbol is in two rows"

PREFERENCE_CATEGORIES: tuple[str, ...] = tuple(
    c for c in CATEGORY_SYMBOLS if c not in (IMMEDIATE_RELATIVE, NOT_HANDLED)
)


def _normalise(visa_class: str) -> str:
    return visa_class.strip().upper().replace("-", "") if isinstance(visa_class, str) else ""


def is_known_visa_class(visa_class: str) -> bool:
    """True when the symbol is in the table (case and a hyphen, as in "IR-1", ignored)."""
    return _normalise(visa_class) in _BY_SYMBOL


def category_of(visa_class: str) -> str:
    """The category of a symbol: "IR", "F1" … "EB5", "DV" or "NOT_HANDLED"; unknown → InputError."""
    category = _BY_SYMBOL.get(_normalise(visa_class))
    if category is None:
        raise InputError(f"unknown visa class {visa_class!r} (not a 22 CFR 42.11 symbol this kiosk knows)",
                         field="visa_class")
    return category


def is_preference(category: str) -> bool:
    """True for categories limited by a Visa Bulletin cut-off."""
    return category in PREFERENCE_CATEGORIES
