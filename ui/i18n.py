"""Language switch: installs the kiosk's and Qt's own translators; widgets retranslate on LanguageChange."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from kiosk.resources import resource

I18N = resource("i18n")
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}


class Languages:
    """Owns the installed translators; `set_language` swaps them and every widget retranslates."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.current = "en"

    def set_language(self, code: str) -> None:
        if code not in LANGUAGES:
            raise ValueError(f"unknown language {code!r}")
        if code == self.current:
            return
        for t in self._installed:
            self._app.removeTranslator(t)
        self._installed = []
        if code != "en":
            ours = QTranslator(self._app)
            if ours.load(f"kiosk_{code}", str(I18N)):
                self._installed.append(ours)
            qt = QTranslator(self._app)  # Qt's own strings (wizard buttons, shortcuts)
            if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                self._installed.append(qt)
            for t in self._installed:
                self._app.installTranslator(t)
        self.current = code
        QLocale.setDefault(QLocale(code))
        # Installing an empty translator sends no LanguageChange; send one so the switch always shows.
        if isinstance(self._app, QApplication):
            for w in self._app.topLevelWidgets():
                QCoreApplication.sendEvent(w, QEvent(QEvent.Type.LanguageChange))
