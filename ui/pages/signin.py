"""Sign in, or create an account (NIST rules explained; failures slowed down by the service's delay)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QButtonGroup, QCheckBox, QFormLayout, QHBoxLayout, QLineEdit

from kiosk.app.visit import VisitServices
from ui.i18n import fmt_time, sentences
from ui.pages.base import KioskPage
from ui.widgets.common import KioskLineEdit, ToggleButton, describe, latin_hints, named, role_label

KIOSK_BUDGET_CODES = ("SIGN_IN_SLOWED", "SIGN_UP_LIMIT")  # kiosk.services.budgets (not imported at start-up)
NEW_USERNAME = "new_username"  # visit.notes: the tagged name sign-up gave, said on the letter page


class SignInPage(KioskPage):
    def __init__(self, services: VisitServices) -> None:
        super().__init__(services)
        modes = QHBoxLayout()
        self.sign_in_mode = ToggleButton(objectName="signInMode")
        self.create_mode = ToggleButton(objectName="createMode")
        group = QButtonGroup(self)
        for b in (self.sign_in_mode, self.create_mode):
            group.addButton(b)
            modes.addWidget(b)
            b.toggled.connect(self._mode_changed)
        modes.addStretch(1)
        self.box.addLayout(modes)
        form = QFormLayout()
        form.setVerticalSpacing(12)
        self.username = KioskLineEdit(objectName="username")
        self.password = KioskLineEdit(objectName="password")
        self.repeat = KioskLineEdit(objectName="repeat")
        for w in (self.password, self.repeat):
            w.setEchoMode(QLineEdit.EchoMode.Password)
            w.setMaxLength(1024)  # the service's MAX_LENGTH; far above the 64 NIST asks to accept
        self.username_label, self.password_label, self.repeat_label = role_label(), role_label(), role_label()
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        form.addRow("", self.field_error("password", self.password))
        form.addRow(self.repeat_label, self.repeat)
        self.box.addLayout(form)
        self.show_password = named(QCheckBox(), "showPassword")
        self.show_password.setMinimumHeight(48)
        self.show_password.toggled.connect(self._echo)
        self.box.addWidget(self.show_password)
        self.rules = role_label("hint")
        self.box.addWidget(self.rules)
        self.box.addStretch(1)
        self.add_status_labels()
        for w in (self.username, self.password, self.repeat):
            w.textChanged.connect(self.completeChanged)
        latin_hints(self.username)
        self._password_hints()
        # Enter moves on, field by field; on the last field it presses Next (keyboard-only visitors).
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(lambda: self.repeat.setFocus() if self.needs_repeat else self._enter())
        self.repeat.returnPressed.connect(self._enter)
        self._wait_left = 0
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._count_down)
        self.sign_in_mode.setChecked(True)
        self.retranslate()

    @property
    def creating(self) -> bool:
        return self.create_mode.isChecked()

    @property
    def needs_repeat(self) -> bool:
        """A new password typed unseen is typed twice; shown on screen (the default when creating), once."""
        return self.creating and not self.show_password.isChecked()

    def inputs(self) -> list[Any]:
        return [self.username, self.password, self.repeat, self.sign_in_mode, self.create_mode]

    def ready(self) -> bool:
        filled = bool(self.username.text().strip() and self.password.text())
        return filled and self._wait_left == 0 and (not self.needs_repeat or bool(self.repeat.text()))

    def initializePage(self) -> None:
        QTimer.singleShot(0, self.username.setFocus)  # keyboard users start typing at once

    def _enter(self) -> None:
        if self.isComplete():
            self.kiosk().next()

    def _mode_changed(self) -> None:
        # NIST SP 800-63B-4: offer to show the password instead of asking for it twice.
        self.show_password.setChecked(self.creating)
        self._show_repeat()
        self.show_error("")
        self.retranslate()
        self.completeChanged.emit()

    def _echo(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.password.setEchoMode(mode)
        self.repeat.setEchoMode(mode)
        self._password_hints()  # setEchoMode(Normal) drops them: the keyboard would capitalise "My garden …"
        self._show_repeat()
        self.completeChanged.emit()

    def _password_hints(self) -> None:
        """Typed exactly as at the next sign-in, shown or not: no capital first letter, no word guessing."""
        hints = Qt.InputMethodHint
        for w in (self.password, self.repeat):
            w.setInputMethodHints(hints.ImhSensitiveData | hints.ImhNoAutoUppercase | hints.ImhNoPredictiveText
                                  | hints.ImhLatinOnly | (hints.ImhNone if self.show_password.isChecked()
                                                          else hints.ImhHiddenText))

    def _show_repeat(self) -> None:
        self.repeat.setVisible(self.needs_repeat)
        self.repeat_label.setVisible(self.needs_repeat)

    def start_validation(self) -> bool:
        user, pw = self.username.text(), self.password.text()
        if self.creating:
            if self.needs_repeat and pw != self.repeat.text():
                self.show_error(self.tr("The two passwords are not the same. Please type them again."))
                return False
            self.run(lambda: self.services.create_account(user, pw), self._signed_in, self._refused,
                     busy_text=self.tr("Creating your account…"))
        else:
            self.run(lambda: self.services.sign_in(user, pw), self._signed_in, self._refused,
                     busy_text=self.tr("Signing in…"))
        return False

    def _signed_in(self, account: Any) -> None:
        self.visit.account = account
        self.password.clear()  # the password never outlives the check
        self.repeat.clear()
        if self.creating:  # sign-up tagged the name (it never says whether one exists): the letter page says it
            self.visit.notes[NEW_USERNAME] = account.username
            self.approve()
            return
        # A returning applicant: their cases and appointments, shown on the next page.
        name = account.username

        def found(cases: Any) -> None:
            self.visit.notes["your_cases"] = cases
            self.approve()

        self.run(lambda: self.services.your_cases(name), found, lambda _exc: found([]),
                 busy_text=self.tr("Signing in…"))

    def _refused(self, exc: BaseException) -> None:
        acc = _accounts()
        if getattr(exc, "code", None) in KIOSK_BUDGET_CODES:  # kiosk.services.budgets: this kiosk is slowed
            self.show_error(self.tr("Too many tries at this kiosk. Please wait %n second(s), or ask at the "
                                    "counter.", "", exc.wait_seconds))  # type: ignore[attr-defined]
            self._wait_left = exc.wait_seconds  # type: ignore[attr-defined]
            self._tick.start()
            self.completeChanged.emit()
            return
        if not isinstance(exc, acc.AccountError):
            self.show_failure(exc)
            return
        rules = (acc.PASSWORD_TOO_SHORT, acc.PASSWORD_TOO_LONG, acc.PASSWORD_BLOCKLISTED, acc.PASSWORD_IS_USERNAME)
        if self.creating and exc.code in (*rules, acc.USERNAME_INVALID, acc.USERNAME_TAKEN):
            # What was typed for a new account stays, to be made longer or changed: never typed again.
            self.show_error(self.account_message(exc))
            if exc.code in rules:
                self.mark_field("password", self.account_message(exc))
            return
        self.password.clear()  # a password that failed to sign in does not stay on screen
        self.repeat.clear()
        self.show_error(self.account_message(exc))
        if exc.delay_seconds:
            self._wait_left = exc.delay_seconds
            self._tick.start()
            self.completeChanged.emit()

    def _count_down(self) -> None:
        self._wait_left = max(0, self._wait_left - 1)
        if self._wait_left == 0:
            self._tick.stop()
        self.completeChanged.emit()

    def account_message(self, exc: Any) -> str:
        """The service's refusal (an AccountError) in the applicant's language, keyed by its code."""
        acc = _accounts()
        code = exc.code
        if code == acc.PASSWORD_TOO_SHORT:
            return self.tr("A password needs at least %n characters. Spaces count: a short sentence "
                           "you can remember works well.", "", acc.MIN_LENGTH)
        if code == acc.PASSWORD_BLOCKLISTED:
            return self.tr("This password is on a list of common or leaked passwords. Please choose another one.")
        if code == acc.PASSWORD_IS_USERNAME:
            return self.tr("The password must not be the same as the user name.")
        if code == acc.PASSWORD_TOO_LONG:
            return self.tr("This password is too long.")
        if code == acc.USERNAME_INVALID:
            return self.tr("A user name or e-mail address has 3 to 254 characters and no spaces.")
        if code == acc.USERNAME_TAKEN:
            return self.tr("This user name is already taken. Sign in instead, or choose another one.")
        if code == acc.SIGN_IN_TOO_SOON:
            return self.tr("Please wait %n second(s) before trying again.", "", exc.delay_seconds)
        if code == acc.ACCOUNT_LOCKED:
            if exc.locked_until is None or exc.locked_until >= acc.HARD_LOCK_UNTIL:
                return self.tr("This account is locked after too many failed sign-ins. "
                               "Please ask a member of staff to unlock it.")
            return self.tr("This account is locked after too many failed sign-ins, until %1. "
                           "Please come back then, or ask a member of staff.").replace(
                "%1", fmt_time(exc.locked_until))
        if code == acc.SIGN_IN_FAILED:
            text = self.tr("The user name or the password is not right.")
            if exc.attempts_left is not None and exc.attempts_left <= 3:
                text = sentences(text, self.tr("After %n more failed attempt(s) the account will be locked "
                                               "for a while.", "", exc.attempts_left))
            return text
        return exc.message

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Create an account") if self.creating else self.tr("Sign in"))
        self.sign_in_mode.setText(self.tr("I have an account"))
        self.create_mode.setText(self.tr("Create an account"))
        self.username_label.setText(self.tr("User name or e-mail"))
        self.password_label.setText(self.tr("Password"))
        self.repeat_label.setText(self.tr("Password again"))
        self.show_password.setText(self.tr("Show the password on screen"))
        describe(self.sign_in_mode, self.tr("I have an account"), self.tr("Sign in with your user name and password"))
        describe(self.create_mode, self.tr("Create an account"), self.tr("Make a new account for this and later visits"))
        describe(self.username, self.tr("User name or e-mail"),
                 self.tr("Your user name or e-mail address, 3 to 254 characters, no spaces"))
        describe(self.password, self.tr("Password"), self.tr("Your password; it is hidden unless you choose to show it"))
        describe(self.repeat, self.tr("Password again"), self.tr("Type the same password once more"))
        describe(self.show_password, self.tr("Show the password on screen"),
                 self.tr("Shows the password as you type it; anyone near you can read it"))
        if self.creating:
            acc = _accounts()
            self.rules.setText(self.tr(
                "Choose a password of at least %n characters. Spaces are allowed: a short sentence you "
                "can remember works well, such as \"my garden has three lemon trees\". Common passwords "
                "are refused. No special characters are required.", "", acc.MIN_LENGTH))
        else:
            self.rules.setText(self.tr(
                "After 10 failed attempts in a row the account is locked for 15 minutes."))

    def clear(self) -> None:
        super().clear()
        self._tick.stop()
        self._wait_left = 0
        for w in (self.username, self.password, self.repeat):
            w.clear()
        self.show_password.setChecked(False)
        self.sign_in_mode.setChecked(True)


def _accounts() -> Any:
    """kiosk.services.accounts, loaded on first use: Argon2 and SQLAlchemy stay out of start-up."""
    from kiosk.services import accounts

    return accounts
