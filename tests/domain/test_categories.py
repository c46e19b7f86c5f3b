"""The visa class → category table of RULES.md, one test per row."""

from __future__ import annotations

import pytest

from kiosk.domain.categories import CATEGORY_SYMBOLS, category_of, is_known_visa_class, is_preference
from kiosk.domain.errors import InputError

IMMEDIATE_RELATIVES = ["IR1", "IR2", "IR3", "IR4", "IR5", "IH3", "IH4", "CR1", "CR2", "IW1", "IW2",
                       "IB1", "IB2", "IB3", "IB5", "VI5"]


@pytest.mark.parametrize("symbol", IMMEDIATE_RELATIVES)
def test_immediate_relative_classes_are_always_current_ir(symbol):
    assert category_of(symbol) == "IR"
    assert not is_preference("IR")


@pytest.mark.parametrize("symbol", ["F11", "F12", "B11", "B12"])
def test_f1_row(symbol):
    assert category_of(symbol) == "F1"


@pytest.mark.parametrize("symbol", ["F21", "F22", "F23", "FX1", "FX2", "FX3", "B21", "B22", "B23",
                                    "BX1", "BX2", "BX3"])
def test_f2a_row(symbol):
    assert category_of(symbol) == "F2A"


@pytest.mark.parametrize("symbol", ["F24", "F25", "B24", "B25"])
def test_f2b_row(symbol):
    assert category_of(symbol) == "F2B"


@pytest.mark.parametrize("symbol", ["F31", "F32", "F33", "B31", "B32", "B33"])
def test_f3_row(symbol):
    assert category_of(symbol) == "F3"


@pytest.mark.parametrize("symbol", ["F41", "F42", "F43"])
def test_f4_row(symbol):
    assert category_of(symbol) == "F4"


@pytest.mark.parametrize(("symbol", "category"), [
    *[(s, "EB1") for s in ("E11", "E12", "E13", "E14", "E15")],
    *[(s, "EB2") for s in ("E21", "E22", "E23")],
    *[(s, "EB3") for s in ("E31", "E32", "E34", "E35", "EW3", "EW4", "EW5")],
    *[(s, "EB4") for s in ("E41", "E49", "SD1", "SD2", "SD3", "SR1", "SR2", "SR3")],
    *[(s, "EB5") for s in ("C51", "C52", "C53", "T51", "T52", "T53", "I51", "I52", "I53",
                           "R51", "R52", "R53")],
    *[(s, "DV") for s in ("DV", "DV1", "DV2", "DV3")],
])
def test_employment_and_diversity_rows(symbol, category):
    assert category_of(symbol) == category
    assert is_preference(category)


@pytest.mark.parametrize("symbol", ["K1", "K2", "K3", "K4", "SB1"])
def test_fiance_and_returning_resident_classes_are_not_handled(symbol):
    assert category_of(symbol) == "NOT_HANDLED"
    assert not is_preference("NOT_HANDLED")


@pytest.mark.parametrize("typed", ["f21", " F21 ", "ir-1", "Cr1\n"])
def test_symbols_are_read_regardless_of_case_hyphen_and_surrounding_space(typed):
    assert is_known_visa_class(typed)
    assert category_of(typed) in CATEGORY_SYMBOLS


@pytest.mark.parametrize("symbol", ["", "F26", "IR6", "H1B", "E33", "K5", "XYZ", "F2 1"])
def test_unknown_symbol_is_an_input_error_never_a_guess(symbol):
    assert not is_known_visa_class(symbol)
    with pytest.raises(InputError) as raised:
        category_of(symbol)
    assert raised.value.field == "visa_class"


def test_every_symbol_is_in_exactly_one_row():
    symbols = [s for row in CATEGORY_SYMBOLS.values() for s in row]
    assert len(symbols) == len(set(symbols))
