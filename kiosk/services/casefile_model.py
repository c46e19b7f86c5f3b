"""What reading a case file yields: its sections as plain values, or every problem found."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from kiosk.domain.errors import InputError
from kiosk.domain.model import Case, Cutoff


@dataclass(frozen=True)
class Problem:
    where: str  # "case GUZ2019541234", "slots[3]", "post"
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}, field '{self.field}': {self.reason}"

    def to_dict(self) -> dict[str, str | None]:
        """As `import --json` lists it: where, the case number when a case, the field and the reason."""
        case_number = self.where.split()[1] if self.where.startswith("case ") else None
        return {"where": self.where, "case_number": case_number, "field": self.field, "reason": self.reason}


class CaseFileError(InputError):
    """The file was rejected as a whole; `problems` lists every one found."""

    def __init__(self, source: str, problems: list[Problem], total: int | None = None) -> None:
        total = len(problems) if total is None else total
        lines = "\n".join(f"  - {p}" for p in problems)
        more = f"\n  … and {total - len(problems)} more" if total > len(problems) else ""
        super().__init__(f"{source}: {total} problem(s), nothing imported:\n{lines}{more}")
        self.problems, self.count = problems, total


@dataclass(frozen=True)
class PostData:
    code: str
    name: str
    country: str
    timezone: str
    address: str = ""
    name_zh: str | None = None  # optional: the post's name and address in Chinese
    address_zh: str | None = None


@dataclass(frozen=True)
class SlotData:
    id: str
    start: datetime
    seats: int


@dataclass
class CaseFile:
    post: PostData | None = None
    cutoffs: list[Cutoff] = field(default_factory=list)
    slots: list[SlotData] = field(default_factory=list)
    closures: list[tuple[date, str]] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
