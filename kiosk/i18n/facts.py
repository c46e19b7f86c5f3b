"""The words for an appointment's facts, one format per language, for screens, paper and the clerk console.

Qt-free on purpose: the screens, the printouts and the clerk console all call these functions,
so a date, a time, a deadline and "can / cannot be changed" read the same everywhere. The texts
live in the "facts" context of the same .ts the screens use (scripts/i18n.py extracts them).

    en: Tuesday 15 December 2026, 13:30 (Beijing time)
    zh: 2026年12月15日 星期二 13:30 北京时间
"""

from __future__ import annotations

from datetime import date, datetime, time

from kiosk.domain.appointment import AppointmentFacts, to_post_time
from kiosk.i18n import translate

FACTS = "facts"

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

# The formats: {weekday} and {month} are names, {day}, {month_number} and {year} numbers.
DATE_FORMAT = "{weekday} {day} {month} {year}"
MONTH_FORMAT = "{month} {year}"
WHEN_FORMAT = "{date}, {time} ({zone})"
# China keeps one time zone; its name in each language (北京时间 is what a reader in China expects).
CHINA_TIME = "Beijing time"
CHINA_ZONES = frozenset({"Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "Asia/Urumqi", "PRC"})
LOCAL_TIME = "{city} time"

CAN_CHANGE = "You can change or cancel this appointment until the end of {deadline}."
FINAL = "This appointment can no longer be changed or cancelled. Please attend it."
WILL_BE_FINAL = (
    "This appointment is less than three working days away. Once it is booked, it cannot be "
    "changed or cancelled."
)
CANCELLED_OLD = "Your previous appointment on {when} is cancelled."

TEXTS = (DATE_FORMAT, MONTH_FORMAT, WHEN_FORMAT, CHINA_TIME, LOCAL_TIME, CAN_CHANGE, FINAL, WILL_BE_FINAL,
         CANCELLED_OLD, *WEEKDAYS, *MONTHS)


def _t(text: str, language: str) -> str:
    return translate(FACTS, text, language)


def long_date(day: date, language: str) -> str:
    """ "Tuesday 15 December 2026", "2026年12月15日 星期二"."""
    return _t(DATE_FORMAT, language).format(
        weekday=_t(WEEKDAYS[day.weekday()], language), day=day.day, month=_t(MONTHS[day.month - 1], language),
        month_number=day.month, year=day.year)


def month_title(day: date, language: str) -> str:
    """ "December 2026", "2026年12月"."""
    return _t(MONTH_FORMAT, language).format(month=_t(MONTHS[day.month - 1], language), month_number=day.month,
                                             year=day.year)


def clock(moment: datetime | time) -> str:
    """The time of day on the 24-hour clock, in every language: "13:30"."""
    return f"{moment:%H:%M}"


def zone_name(timezone: str, language: str) -> str:
    """What the post's time is called: "Beijing time" / 北京时间; elsewhere "Tokyo time"."""
    if timezone in CHINA_ZONES:
        return _t(CHINA_TIME, language)
    city = timezone.rsplit("/", 1)[-1].replace("_", " ")
    return _t(LOCAL_TIME, language).format(city=city)


def when(moment: datetime, timezone: str, language: str) -> str:
    """A moment on the post's clock with its date and zone, the one way every screen and paper says it."""
    local = to_post_time(moment, timezone)
    return _t(WHEN_FORMAT, language).format(date=long_date(local.date(), language), time=clock(local),
                                            zone=zone_name(timezone, language))


def change_rule(facts: AppointmentFacts, language: str) -> str:
    """Whether the appointment can still be changed, and until when (never a day already past)."""
    if facts.can_change:
        return _t(CAN_CHANGE, language).format(deadline=long_date(facts.deadline, language))
    return _t(FINAL, language)


def will_be_final(language: str) -> str:
    """Before booking a time inside the change window: it will be final once booked."""
    return _t(WILL_BE_FINAL, language)


def post_place(name: str, address: str, name_zh: str | None, address_zh: str | None,
               language: str) -> tuple[str, str]:
    """The post's (name, address) for a reader of `language`: in Chinese the Chinese name and address
    first (what a taxi driver reads), the English below; English as it is."""
    if language != "zh_CN" or not (name_zh or address_zh):
        return name, address
    lines = [address_zh or "", name, address]
    return name_zh or name, "\n".join(line for line in lines if line)


def cancelled_old(start: datetime, timezone: str, language: str) -> str:
    return _t(CANCELLED_OLD, language).format(when=when(start, timezone, language))
