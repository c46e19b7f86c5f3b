"""The message catalogue: every refusal the applicant can meet, by its code, in words and a remedy.

Callers branch on codes (RuleError.code, InputError.code / field), never on words; the
words live here alone. English is the source; translations live in the `.ts` (context
"refusals"), which `scripts/i18n.py` fills from `TEXTS`, and are read back with `kiosk.i18n`.

In English a rule's refusal keeps the core's own detailed message (it names the time, the
seats, the deadline); other languages get the code's meaning from this catalogue. A refusal
caused by the lost link (OFFLINE…) reads the same in every language.
"""

from __future__ import annotations

from kiosk.domain.errors import CASE_NOT_FOUND, InputError, RuleError
from kiosk.i18n import SOURCE_LANGUAGE, render

REFUSALS = "refusals"  # the .ts context

# The codes a kiosk adds when central cannot be reached.
OFFLINE = "OFFLINE"  # a booking or cancellation: nothing was changed
OFFLINE_SIGN_IN = "OFFLINE_SIGN_IN"  # an account kept on central cannot be checked now
OFFLINE_PRINT = "OFFLINE_PRINT"  # the confirmation is signed with central's key
# A booking or cancellation sent to central whose answer was lost: it may have happened. The next sync
# asks central by the command's id; until then the applicant is never told "nothing was booked".
OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN"
CANCEL_OUTCOME_UNKNOWN = "CANCEL_OUTCOME_UNKNOWN"  # the same for a cancellation: never "nothing was cancelled"
LINK_CODES = frozenset({OFFLINE, OFFLINE_SIGN_IN, OFFLINE_PRINT, OUTCOME_UNKNOWN, CANCEL_OUTCOME_UNKNOWN})

# code → (what happened, what to do); "" when the first says it all.
RULES: dict[str, tuple[str, str]] = {
    "SLOT_FULL": ("This time has no seats left for all your applicants.", "Please choose another time."),
    "SLOT_CLOSED": ("This time closes for booking 48 hours before it starts.", "Please choose a later time."),
    "NOT_A_WORKING_DAY": ("The Consulate is closed on that day.", "Please choose another day."),
    "OUTSIDE_HORIZON": ("That day is too far ahead to book yet.", "Please choose an earlier day."),
    "CHANGE_WINDOW_CLOSED": ("This appointment can no longer be changed or cancelled: the change deadline "
                             "(three working days before it) has passed.", ""),
    "NO_BOOKING": ("There is no appointment to cancel for this case.", ""),
    OFFLINE: ("The consulate's booking system cannot be reached right now, so nothing was booked or changed. "
              "You can still check your case and send an inquiry.",
              "Please try again in a few minutes, or ask at the counter."),
    OUTCOME_UNKNOWN: ("Your booking could not be confirmed yet.", "Please do not leave: ask at the counter."),
    CANCEL_OUTCOME_UNKNOWN: ("Your cancellation could not be confirmed yet.",
                             "Please do not leave: ask at the counter."),
    OFFLINE_SIGN_IN: ("Existing accounts cannot be checked right now because this kiosk has lost its connection "
                      "to the consulate.", "You can create a new account here, or ask at the counter."),
    OFFLINE_PRINT: ("Your confirmation cannot be printed right now because this kiosk has lost its connection to "
                    "the consulate. Your booking is saved.", "Please ask a clerk at the counter to print it."),
}
ANY_RULE = ("The Consulate's rules do not allow this ({code}).", "Please ask at the counter.")

# Input refusals: by code first, else by the field at fault.
INPUTS: dict[str, tuple[str, str]] = {
    CASE_NOT_FOUND: ("We could not find this case number with this date of birth.",
                     "Please check both: three letters and ten digits, and the principal applicant's date of birth."),
    "case_number": ("We could not find this case number with this date of birth.",
                    "Please check both: three letters and ten digits, and the principal applicant's date of birth."),
    "date_of_birth": ("", "Please type the date of birth as year, month and day, e.g. 19880730."),
    "text": ("The message is too long or contains characters that cannot be sent.", ""),
}
ANY_INPUT = ("", "Please check what you typed and try again.")
UNEXPECTED = ("Something went wrong on our side.", "Please try again, or ask a member of staff.")

TEXTS: tuple[str, ...] = tuple(dict.fromkeys(
    text for pair in (*RULES.values(), ANY_RULE, *INPUTS.values(), ANY_INPUT, UNEXPECTED) for text in pair if text))


def words(exc: BaseException) -> tuple[tuple[str, str], dict[str, str]]:
    """The catalogue's (words, remedy) for `exc`, and the fields they name."""
    if isinstance(exc, RuleError):
        return RULES.get(exc.code, ANY_RULE), {"code": exc.code}
    if isinstance(exc, InputError):
        return INPUTS.get(exc.code or "") or INPUTS.get(exc.field or "", ANY_INPUT), {}
    return UNEXPECTED, {}


def refusal_text(exc: BaseException, language: str) -> str:
    """What the applicant reads for `exc` in `language` (an unexpected error: "something went wrong")."""
    if language == SOURCE_LANGUAGE:  # the core's own words, with their details; the link's from here
        if isinstance(exc, RuleError) and exc.code not in LINK_CODES:
            return exc.message
        if isinstance(exc, InputError):
            return exc.reason
    (what, remedy), fields = words(exc)
    parts = [render(text, language, REFUSALS, fields) for text in (what, remedy) if text]
    return ("" if language.startswith("zh") else " ").join(parts)
