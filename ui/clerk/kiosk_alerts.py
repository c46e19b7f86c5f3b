"""On the Kiosks tab: alerts from the visitor budgets, and outbox commands central could not apply."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.app.desk import Desk
from kiosk.services.budgets import AlertView
from kiosk.sync.failures import FailedView, FailureState
from ui.clerk.base import ClerkPage, fill_table, make_table
from ui.widgets.common import named
from ui.worker import Runner


class KioskAlertsPanel(ClerkPage):
    """Two short tables and their actions; `reason` is the Kiosks tab's reason field (retry/resolve need one)."""

    def __init__(self, services: Desk, runner: Runner, reason: QLineEdit,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, runner, parent)
        self.reason = reason
        self.alerts = make_table([self.tr("Raised"), self.tr("Kiosk"), self.tr("What"), self.tr("Misses")])
        self.alerts.setObjectName("alerts")
        self.failed = make_table([self.tr("Kiosk"), self.tr("Command"), self.tr("Queued"), self.tr("Failed"),
                                  self.tr("Tries"), self.tr("State"), self.tr("Error")])
        self.failed.setObjectName("failedCommands")
        self._alert_ids: list[int] = []
        self._command_ids: list[str] = []
        ack = named(QPushButton(self.tr("&Acknowledge alert"), self), "acknowledgeAlert")
        ack.clicked.connect(self.acknowledge)
        retry = named(QPushButton(self.tr("Re&try command"), self), "retryCommand")
        retry.clicked.connect(lambda: self.decide(FailureState.RETRY))
        resolve = named(QPushButton(self.tr("Mark command resol&ved"), self), "resolveCommand")
        resolve.clicked.connect(lambda: self.decide(FailureState.RESOLVED))
        alerts_row, failed_row = QHBoxLayout(), QHBoxLayout()
        alerts_row.addWidget(QLabel(self.tr("Alerts: look-ups, sign-ins or sign-ups over a kiosk's or the "
                                            "post's budget (someone may be guessing)"), self), 1)
        alerts_row.addWidget(ack)
        failed_row.addWidget(QLabel(self.tr("Commands central could not apply (later ones about the same case "
                                            "wait)"), self), 1)
        failed_row.addWidget(retry)
        failed_row.addWidget(resolve)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(alerts_row)
        box.addWidget(self.alerts, 1)
        box.addLayout(failed_row)
        box.addWidget(self.failed, 1)
        box.addWidget(self.message)

    def kinds(self) -> dict[str, str]:
        return {"lookup_kiosk": self.tr("Letter look-ups missed at this kiosk"),
                "lookup_post": self.tr("Letter look-ups missed at the post"),
                "sign_in_kiosk": self.tr("Failed sign-ins at this kiosk"),
                "sign_up_kiosk": self.tr("Accounts created at this kiosk")}

    def reload(self) -> None:
        self.run(self.services.alerts, self.show_data)

    def show_data(self, data: tuple[list[AlertView], list[FailedView]]) -> None:
        alerts, failed = data
        self._alert_ids = [a.id for a in alerts]
        self._command_ids = [f.command_id for f in failed]
        kinds, states = self.kinds(), {"open": self.tr("needs a clerk"), "retry": self.tr("retry asked")}
        fill_table(self.alerts, [(f"{a.raised_at:%Y-%m-%d %H:%M}", a.kiosk_id or self.tr("all kiosks"),
                                  kinds.get(a.kind, a.kind), a.count) for a in alerts])
        fill_table(self.failed, [(f.kiosk_id, f"{f.kind} {f.command_id[:8]}", f"{f.created_at:%Y-%m-%d %H:%M}",
                                  f"{f.failed_at:%Y-%m-%d %H:%M}", f.attempts, states.get(f.state, f.state), f.error)
                                 for f in failed])

    def acknowledge(self) -> None:
        row = self.alerts.currentRow()
        if not 0 <= row < len(self._alert_ids):
            self.say(self.tr("Choose an alert first."), error=True)
            return
        alert, desk = self._alert_ids[row], self.services
        self.run(lambda: desk.acknowledge_alert(alert), lambda _r: self._written(self.tr("Alert acknowledged.")))

    def decide(self, state: FailureState) -> None:
        row = self.failed.currentRow()
        if not 0 <= row < len(self._command_ids):
            self.say(self.tr("Choose a failed command first."), error=True)
            return
        desk, command, why = self.services, self._command_ids[row], self.reason.text()
        done = (self.tr("The kiosk sends it again at its next sync.") if state is FailureState.RETRY
                else self.tr("Resolved: the kiosk will not send it again."))
        self.run(lambda: desk.decide_command(command, state, why), lambda _r: self._written(done))

    def _written(self, text: str) -> None:
        self.reason.clear()
        self.say(text)
        self.changed.emit()
        self.reload()
