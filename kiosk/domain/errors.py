"""Domain errors carry a stable rule code from RULES.md (or an input-error code)."""

from __future__ import annotations

# The input-error code of "no such case" (a letter lookup's miss included): callers branch on it, never on words.
CASE_NOT_FOUND = "CASE_NOT_FOUND"


class RuleError(Exception):
    """A rule refused the request; `code` is the RULES.md code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class InputError(ValueError):
    """Bad input: says what, where, and why; `code` names the kind of refusal where a caller acts on it."""

    def __init__(self, message: str, *, case_number: str | None = None, field: str | None = None,
                 code: str | None = None) -> None:
        where = " ".join(p for p in (case_number and f"case {case_number}", field and f"field '{field}'") if p)
        super().__init__(f"{where}: {message}" if where else message)
        self.case_number = case_number
        self.field = field
        self.reason = message
        self.code = code
