"""The operator's way out: a key combination opens a PIN prompt inside the window (no dialogs, no files)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui.widgets.common import KioskLineEdit, named, role_label

MAX_TRIES = 3
LOCK_MS = 60_000


class OperatorPanel(QFrame):
    """A PIN prompt drawn over the shell. Without a configured PIN nobody can leave from the screen."""

    exit_requested = Signal()

    def __init__(self, shell: QWidget, pin: str | None) -> None:
        super().__init__(shell)
        self.setObjectName("operatorPanel")
        self.setProperty("role", "card")
        self._pin = pin or ""
        self._tries = 0
        box = QVBoxLayout(self)
        self.title = role_label("subtitle")
        self.message = role_label("error")
        self.pin = named(KioskLineEdit(), "operatorPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        hints = Qt.InputMethodHint  # (after setEchoMode, which sets hints of its own) the digits page first
        self.pin.setInputMethodHints(hints.ImhPreferNumbers | hints.ImhHiddenText | hints.ImhSensitiveData
                                     | hints.ImhNoAutoUppercase | hints.ImhNoPredictiveText | hints.ImhLatinOnly)
        self.pin.setMaxLength(32)
        self.pin.returnPressed.connect(self._check)
        row = QHBoxLayout()
        self.exit_button = named(QPushButton(), "operatorExit")
        self.back_button = named(QPushButton(), "operatorBack")
        self.exit_button.clicked.connect(self._check)
        self.back_button.clicked.connect(self.close_panel)
        row.addWidget(self.exit_button)
        row.addWidget(self.back_button)
        for w in (self.title, self.pin, self.message):
            box.addWidget(w)
        box.addLayout(row)
        self._unlock = QTimer(self, singleShot=True, interval=LOCK_MS)
        self._unlock.timeout.connect(self._unlocked)
        self.hide()
        self.retranslate()

    def place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        w, h = 560, 300
        room = parent.height() - int(getattr(parent, "keyboard_height", 0))  # above the on-screen keyboard
        self.setGeometry((parent.width() - w) // 2, max(0, (room - h) // 2), w, h)

    def open(self) -> None:
        self.pin.clear()
        self.message.setText("" if self._pin else self.tr("No operator PIN is configured on this kiosk."))
        self.place()
        self.raise_()
        self.show()
        self.pin.setFocus()

    def close_panel(self) -> None:
        self.pin.clear()
        self.hide()

    def _check(self) -> None:
        entered = self.pin.text()
        self.pin.clear()
        if self._unlock.isActive() or not self._pin:
            return
        import hmac  # loaded on first use: start-up time matters at a kiosk

        if hmac.compare_digest(entered.encode(), self._pin.encode()):
            self._tries = 0
            self.hide()
            self.exit_requested.emit()
            return
        self._tries += 1
        if self._tries >= MAX_TRIES:
            self.message.setText(self.tr("Too many wrong PINs. Try again in a minute."))
            self.pin.setEnabled(False)
            self._unlock.start()
        else:
            self.message.setText(self.tr("Wrong PIN."))

    def _unlocked(self) -> None:
        self._tries = 0
        self.pin.setEnabled(True)
        self.message.clear()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Operator: enter the PIN to leave the kiosk"))
        self.exit_button.setText(self.tr("Exit the kiosk"))
        self.back_button.setText(self.tr("Back"))
        self.pin.setAccessibleName(self.tr("Operator PIN"))
        self.pin.setAccessibleDescription(self.tr("The PIN that lets staff close the kiosk"))
        self.exit_button.setAccessibleDescription(self.tr("Close the kiosk program"))
        self.back_button.setAccessibleDescription(self.tr("Close this panel and return to the kiosk"))
