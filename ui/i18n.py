"""Language switch (the kiosk's and Qt's translators; widgets retranslate on LanguageChange), dates and findings in the visit's language."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from kiosk.domain.messages import MESSAGES
from kiosk.i18n import facts
from kiosk.resources import resource
from ui.keyboard import follow_language

I18N = resource("i18n")
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
# The language switch at a portrait page's foot, in the language it switches to (never translated): whoever
# needs it reads what it does. "语言 Language: English" read as the language shown now (seen live).
SWITCH_TO = {"en": "Switch to English", "zh_CN": "切换到简体中文"}
_LOCALES = {"en": "en_US", "zh_CN": "zh_CN"}  # dates and times of a U.S. post, or of China


class Languages:
    """Owns the installed translators; `set_language` swaps them and every widget retranslates."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.current = "en"
        QLocale.setDefault(QLocale(_LOCALES["en"]))  # never the machine's own locale
        follow_language("en")
        self._install("en")

    def set_language(self, code: str) -> None:
        if code not in LANGUAGES:
            raise ValueError(f"unknown language {code!r}")
        if code == self.current:
            return
        self._install(code)
        self.current = code
        QLocale.setDefault(QLocale(_LOCALES[code]))
        follow_language(code)  # the on-screen keyboard's layout (English or pinyin), if there is one
        # Installing an empty translator sends no LanguageChange; send one so the switch always shows.
        if isinstance(self._app, QApplication):
            for w in self._app.topLevelWidgets():
                QCoreApplication.sendEvent(w, QEvent(QEvent.Type.LanguageChange))

    def _install(self, code: str) -> None:
        """The kiosk's catalogue (English has one too: its plural forms, "1 seat" / "2 seats") and Qt's own."""
        for t in self._installed:
            self._app.removeTranslator(t)
        self._installed = []
        ours = QTranslator(self._app)
        if ours.load(f"kiosk_{code}", str(I18N)):
            self._installed.append(ours)
        qt = QTranslator(self._app)  # Qt's own strings (wizard buttons, shortcuts)
        if code != "en" and qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            self._installed.append(qt)
        for t in self._installed:
            self._app.installTranslator(t)


_catalogues: dict[str, QTranslator] = {}  # a language's compiled catalogue, for translate_in


def translate_in(code: str, context: str, source: str) -> str:
    """`source` in `code`, whatever language the kiosk shows now (Welcome says its first words in both).

    From the compiled catalogue (.qm, memory-mapped): parsing the .ts instead (kiosk.i18n.translate)
    cost start-up ~25 ms, as Welcome is made.
    """
    if code == "en":
        return source
    catalogue = _catalogues.get(code)
    if catalogue is None:
        catalogue = _catalogues[code] = QTranslator()
        catalogue.load(f"kiosk_{code}", str(I18N))
    return catalogue.translate(context, source) or source


# -- dates and times: the one wording of kiosk.i18n.facts, in the visit's language and the post's zone ----------
_post_zone = {"timezone": "Asia/Shanghai"}  # the demo's post until the database names the real one


def set_post_timezone(timezone: str) -> None:
    """The post's IANA zone, read from the database once it is open (every time on screen is in it)."""
    _post_zone["timezone"] = timezone


def post_timezone() -> str:
    return _post_zone["timezone"]


def current_language() -> str:
    """The visit's language, as set_language left it (QLocale's default follows it)."""
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"


def fmt_date(day: date) -> str:
    """A date in words: "Tuesday 15 December 2026", "2026年12月15日 星期二" (the printout's words too)."""
    return facts.long_date(day, current_language())


def fmt_time(moment: datetime | time) -> str:
    """The time of day, 24-hour in every language: "13:30"."""
    return facts.clock(moment)


def fmt_datetime(moment: datetime) -> str:
    """ "Tuesday 15 December 2026, 13:30 (Beijing time)", "2026年12月15日 星期二 13:30 北京时间"."""
    return facts.when(moment, post_timezone(), current_language())


def fmt_change_rule(appointment: Any) -> str:
    """Whether a booking (kiosk.domain.appointment.AppointmentFacts) can still be changed: the paper's words."""
    return facts.change_rule(appointment, current_language())


def fmt_will_be_final() -> str:
    return facts.will_be_final(current_language())


def fmt_cancelled_old(start: datetime) -> str:
    return facts.cancelled_old(start, post_timezone(), current_language())


def fmt_post(lookup: Any) -> str:
    """The post's name and address for the visit's reader (Chinese first on Chinese screens)."""
    name, address = facts.post_place(lookup.post_name, lookup.post_address, getattr(lookup, "post_name_zh", None),
                                     getattr(lookup, "post_address_zh", None), current_language())
    return f"{name}\n{address}".strip()


def fmt_month(day: date) -> str:
    """ "December 2026", "2026年12月"."""
    return facts.month_title(day, current_language())


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MINUTE = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$")


def localize_value(value: str) -> str:
    """A finding's field as the domain wrote it ("2026-11-17", "2026-11-17 09:00"), in the locale's format."""
    try:
        if _ISO_DAY.match(value):
            return fmt_date(date.fromisoformat(value))
        if _ISO_MINUTE.match(value):
            return fmt_datetime(datetime.fromisoformat(value.replace(" ", "T")))
    except ValueError:
        pass
    return value


def finding_texts(finding: Any) -> tuple[str, str]:
    """A Finding's (message, remedy) in the current language, rendered again from its key and fields.

    The domain keeps English templates keyed by code (kiosk/domain/messages.py); the same template is
    the source text of the "findings" context of the .ts, so the installed translator finds it.
    """
    if not getattr(finding, "key", "") or finding.key not in MESSAGES:
        return finding.message, finding.remedy
    fields = {k: localize_value(v) for k, v in finding.fields}
    if finding.documents and "documents_list" in fields:
        separator = QCoreApplication.translate("documents", ", ")
        fields["documents_list"] = separator.join(translate_document(d) for d in finding.documents)
    out = []
    for template in MESSAGES[finding.key]:
        translated = QCoreApplication.translate("findings", template)
        try:
            out.append(translated.format(**fields))
        except (KeyError, IndexError, ValueError):  # a broken translation: the English, never a crash
            out.append(template.format(**fields))
    return out[0], out[1]


def translate_document(name: str) -> str:
    return QCoreApplication.translate("documents", name)


def sentences(*parts: str) -> str:
    """Sentences one after another: a space after an English one, none after a Chinese full stop
    (seen live: "…可以选择。 预约在…")."""
    out = ""
    for part in filter(None, parts):
        out += part if not out or out.endswith(("。", "！", "？", "）", "”")) else " " + part
    return out
