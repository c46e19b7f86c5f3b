"""The on-screen keyboard of a touch kiosk: Qt Virtual Keyboard, English (en_US) and Chinese (pinyin).

Qt Virtual Keyboard ships in the PySide6-Addons wheel (platforminputcontexts/
libqtvirtualkeyboardplugin.so, the QML module QtQuick.VirtualKeyboard with the en_US layouts
and the Pinyin plugin with the zh_CN layouts and its dictionary). In a QWidget application it
runs in "desktop" mode: a frameless top-level window along the bottom of the screen, shown
whenever a text field takes focus. The fields say what they expect through input-method hints
(ui/widgets/common.py `numeric_hints`, `latin_hints`): Latin letters for case numbers, user names and
passwords whatever the language, the digits pad for dates, no predictive text.

Needs, beyond the wheel: libpulse.so.0 (Debian `libpulse0`; the keyboard's key-click sounds
link QtMultimedia, and without it the QML module fails to load and no keyboard appears).

This module never imports QtQuick until the keyboard is actually in use.

Qt Quick and QML (and PySide6's own folder) load only when the keyboard is enabled or shown:
a kiosk without a touch screen never pays for them.
"""

from __future__ import annotations

import ctypes.util
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt

log = logging.getLogger(__name__)

IM_MODULE = "qtvirtualkeyboard"
LOCALES = {"en": "en_US", "zh_CN": "zh_CN"}  # visit language → keyboard layout

_SETTINGS_QML = b"""
import QtQuick
import QtQuick.VirtualKeyboard.Settings
QtObject {
    property var locales: []
    property string locale: ""
    function push() {
        VirtualKeyboardSettings.activeLocales = locales
        VirtualKeyboardSettings.locale = locale
    }
    onLocaleChanged: push()
    Component.onCompleted: push()
}
"""


def _qt_dir() -> Path:
    import PySide6

    return Path(PySide6.__file__).resolve().parent / "Qt"


def installed_parts() -> dict[str, bool]:
    """What of the virtual keyboard this installation has (for the operator's self-check and the tests)."""
    qt = _qt_dir()
    vkb = qt / "qml" / "QtQuick" / "VirtualKeyboard"
    return {
        "plugin": (qt / "plugins" / "platforminputcontexts" / "libqtvirtualkeyboardplugin.so").exists(),
        "qml_module": (vkb / "qmldir").exists(),
        "layouts_en_US": (vkb / "Layouts" / "libqtvkblayoutsplugin.so").exists(),
        "pinyin_zh_CN": (vkb / "Plugins" / "Pinyin" / "libqtvkbpinyinplugin.so").exists(),
        "libpulse": ctypes.util.find_library("pulse") is not None,
    }


def available() -> bool:
    return all(installed_parts().values())


def enable_virtual_keyboard() -> bool:
    """Ask Qt for the virtual keyboard; call before the QApplication exists. False when it can't work here."""
    parts = installed_parts()
    if not all(parts.values()):
        log.warning("on-screen keyboard unavailable, missing: %s", ", ".join(k for k, ok in parts.items() if not ok))
        return False
    os.environ["QT_IM_MODULE"] = IM_MODULE
    return True


def active() -> bool:
    return os.environ.get("QT_IM_MODULE") == IM_MODULE


class _Keyboard:
    """Follows the visit's language and keeps the focused field above the keyboard."""

    def __init__(self) -> None:
        self._settings: Any = None
        self._component: Any = None
        self._locale = LOCALES["en"]
        self._hooked = False
        self._release_watch: _ReleaseWatch | None = None  # _ReleaseWatch while a keyboard gone away waits for the touch to end

    def hook(self) -> None:
        if self._hooked or not active():
            return
        from PySide6.QtGui import QGuiApplication

        app = QGuiApplication.instance()
        if not isinstance(app, QGuiApplication):
            return
        self._hooked = True
        app.focusObjectChanged.connect(self._focus_changed)
        QGuiApplication.inputMethod().visibleChanged.connect(self._make_room)

    def _focus_changed(self, obj: object) -> None:
        self._configure()
        self._follow_field(obj)
        self._make_room()  # another field while the keyboard is up: scroll that one into view

    def set_language(self, code: str) -> None:
        self._locale = LOCALES.get(code, LOCALES["en"])
        self.hook()
        from PySide6.QtGui import QGuiApplication

        self._follow_field(QGuiApplication.focusObject() if QGuiApplication.instance() is not None else None)

    def _follow_field(self, obj: object) -> None:
        """The visit's layout, but the English one for a field that takes Latin letters only (user name, password,
        case number): the pinyin layout in its Latin mode shows a blank key where Shift is (seen live)."""
        if self._settings is None:
            return
        hints = obj.inputMethodHints() if hasattr(obj, "inputMethodHints") else Qt.InputMethodHint.ImhNone
        wanted = LOCALES["en"] if hints & Qt.InputMethodHint.ImhLatinOnly else self._locale
        if self._settings.property("locale") != wanted:
            self._settings.setProperty("locale", wanted)

    @property
    def layout_locale(self) -> str:
        """The layout the keyboard shows now (for tests), or "" before the keyboard exists."""
        return str(self._settings.property("locale")) if self._settings is not None else ""

    def panel_window(self) -> Any:
        """The keyboard's own top-level window, once Qt has created it (on the first text field's focus)."""
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtQuick import QQuickView
        from shiboken6 import Shiboken

        for window in QGuiApplication.topLevelWindows():
            if window.metaObject().className().endswith("InputView"):
                return Shiboken.wrapInstance(Shiboken.getCppPointer(window)[0], QQuickView)
        return None

    def _configure(self) -> None:
        if self._settings is not None:
            return
        view = self.panel_window()
        if view is None or view.engine() is None:
            return
        from PySide6.QtCore import QByteArray, QUrl
        from PySide6.QtQml import QQmlComponent

        self._component = QQmlComponent(view.engine())
        self._component.setData(QByteArray(_SETTINGS_QML), QUrl("kiosk-keyboard-settings.qml"))
        settings = self._component.create()
        if settings is None:
            log.warning("on-screen keyboard settings: %s", self._component.errorString())
            return
        settings.setProperty("locales", list(LOCALES.values()))
        settings.setProperty("locale", self._locale)
        settings.metaObject().invokeMethod(settings, "push")
        self._settings = settings
        from PySide6.QtGui import QGuiApplication

        self._follow_field(QGuiApplication.focusObject())

    def _make_room(self) -> None:
        """While the keyboard shows, the window's content ends above it and the focused field scrolls into view.

        A keyboard that goes away on a touch's press (the touch took the focus off the field) keeps its room
        until the touch ends: else the page moves down under the finger, the release misses the button
        touched and nothing happens (seen live on Next and "Create an account": each needed a second touch).
        """
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtWidgets import QApplication

        im = QGuiApplication.inputMethod()
        height = int(im.keyboardRectangle().height()) if im.isVisible() else 0
        app = QApplication.instance()
        if height == 0 and QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton and app is not None:
            if self._release_watch is None:
                self._release_watch = _ReleaseWatch(self._touch_ended)
                app.installEventFilter(self._release_watch)  # only while a touch is down: not on every event
            return
        window = QApplication.activeWindow()
        room = getattr(window, "keyboard_room", None)
        if room is not None:
            room(height)

    def _touch_ended(self) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if self._release_watch is not None and app is not None:
            app.removeEventFilter(self._release_watch)
        self._release_watch = None
        QTimer.singleShot(0, self._make_room)  # after the release has reached the button it was meant for


class _ReleaseWatch(QObject):
    """Calls `ended` once, on the first mouse release or end of a touch anywhere in the application."""

    ENDS = (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel)

    def __init__(self, ended: Callable[[], None]) -> None:
        super().__init__()
        self._ended: Callable[[], None] | None = ended

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() in self.ENDS and self._ended is not None:
            ended, self._ended = self._ended, None
            ended()
        return False


KEYBOARD = _Keyboard()


def follow_language(code: str) -> None:
    """The visit's language changed: the keyboard's layout follows (no-op without the virtual keyboard)."""
    if active():
        KEYBOARD.set_language(code)
