"""PySide6.QtQml without PyInstaller's copy of every QML module (WebEngine, 3D, Charts …: hundreds of MB).

ui/keyboard.py needs QtQml and QtQuick only for Qt Virtual Keyboard; kiosk.spec collects the QML
modules the keyboard loads (VKB_QML) and nothing else.
"""

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
