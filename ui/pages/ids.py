"""The wizard's page ids, in the order of a visit."""

from __future__ import annotations

from enum import IntEnum


class PageId(IntEnum):
    WELCOME = 0
    SIGN_IN = 1
    LETTER = 2
    ELIGIBILITY = 3
    CALENDAR = 4
    REVIEW = 5
    DONE = 6
    INQUIRY = 7
    SCAN = 8  # the inquiry's documents, scanned (between Your case and the inquiry; only with a scanner)
