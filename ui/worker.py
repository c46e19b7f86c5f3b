"""Runs service calls off the GUI thread, one at a time, and brings the answer back on it."""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

log = logging.getLogger(__name__)

WORKER_NICE = 10  # a worker thread's CPU priority, below the GUI thread's 0 (see _yield_to_gui)

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


class _Relay(QObject):
    """Lives in the GUI thread; a signal emitted from the pool thread is queued onto it.

    Only the job id crosses the signal: the answer waits in `answers` (a dict is safe to
    fill from another thread under the GIL). Passing Python objects (None among them)
    through queued `object` signals hit a reference-count bug in PySide6 6.12 on Python 3.11.
    """

    done = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.answers: dict[int, tuple[Any, BaseException | None]] = {}


def _yield_to_gui() -> None:
    """The worker thread (and the threads it starts, which inherit it: Argon2's four lanes) gets less CPU than
    the GUI thread whenever both want it. On a two-core kiosk a password hash otherwise holds both cores for
    its length and the GUI thread waits for one: the busy state's paint stalled 40-80 ms (issue 19).

    Linux only: there a thread has its own nice value (setpriority with the thread's id); elsewhere the call
    would lower the whole process, GUI included. Lowering needs no privilege and is never undone.
    """
    if sys.platform != "linux":
        return
    tid = threading.get_native_id()
    try:
        if os.getpriority(os.PRIO_PROCESS, tid) < WORKER_NICE:
            os.setpriority(os.PRIO_PROCESS, tid, WORKER_NICE)
    except OSError:
        log.debug("could not lower the worker thread's priority", exc_info=True)


class _Job(QRunnable):
    def __init__(self, job_id: int, fn: Callable[[], Any], relay: _Relay, below_gui: bool = True) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._id, self._relay, self._below_gui = job_id, relay, below_gui
        self._fn: Callable[[], Any] | None = fn

    def run(self) -> None:
        fn, self._fn = self._fn, None  # drop the closure (it may hold applicant data) as soon as it runs
        if fn is None:
            return
        if self._below_gui:
            _yield_to_gui()  # on every job: the pool makes a new thread after one sat idle for 30 s
        try:
            answer: tuple[Any, BaseException | None] = (fn(), None)
        except BaseException as exc:  # noqa: BLE001 — every failure goes back to the GUI thread
            answer = (None, exc)
        del fn
        self._relay.answers[self._id] = answer
        self._relay.done.emit(self._id)


class Runner(QObject):
    """The one place that runs work in the background: a single pool thread serialises DB work.

    `forget()` (the idle wipe) drops every pending callback, so an answer that arrives after
    the wipe is thrown away instead of reaching a page that has been cleared.
    """

    busy_changed = Signal(bool)
    finished = Signal()  # after every job's callback ran (tests wait on it)

    def __init__(self, parent: QObject | None = None, *, below_gui: bool = True) -> None:
        super().__init__(parent)
        self._below_gui = below_gui  # False: a thread whose jobs hold Python's lock in short Qt calls (printing)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one writer at a time, in submission order (Anki's taskman)
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver)
        self._callbacks: dict[int, tuple[Success, Failure | None]] = {}
        self._next_id = 0

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def op(self, fn: Callable[[], Any]) -> Op:
        return Op(self, fn)

    def submit(self, fn: Callable[[], Any], on_success: Success, on_failure: Failure | None, *,
               after_paint: bool = False) -> None:
        """`after_paint`: the work starts two event-loop turns later, once Qt has painted what it was asked to
        (a paint is posted at low priority, so it comes between the two): asked for while a page is being
        shown, the worker's Python work would otherwise compete with the page change for the interpreter's
        lock. The job counts as pending (busy) from now."""
        self._next_id += 1
        was_busy = self.busy
        self._callbacks[self._next_id] = (on_success, on_failure)
        job = _Job(self._next_id, fn, self._relay, self._below_gui)
        if after_paint:
            QTimer.singleShot(0, self, lambda: QTimer.singleShot(0, self, lambda: self._pool.start(job)))
        else:
            self._pool.start(job)
        if not was_busy:
            self.busy_changed.emit(True)

    def forget(self) -> None:
        """Drop every pending callback (the work itself still finishes: it may be a booking)."""
        had = self.busy
        self._callbacks.clear()
        if had:
            self.busy_changed.emit(False)

    def wait_for_done(self, msecs: int = 30_000) -> bool:
        """Let running work finish (shutdown, tests) so no thread outlives the window."""
        return self._pool.waitForDone(msecs)

    @Slot(int)
    def _deliver(self, job_id: int) -> None:
        result, error = self._relay.answers.pop(job_id, (None, None))
        callbacks = self._callbacks.pop(job_id, None)
        try:
            if callbacks is None:
                return  # forgotten by a wipe
            on_success, on_failure = callbacks
            if error is None:
                on_success(result)
            elif on_failure is not None:
                on_failure(error)
            else:
                log.error("background job failed", exc_info=error)
        finally:
            if not self.busy:
                self.busy_changed.emit(False)
            self.finished.emit()


class Op:
    """`runner.op(fn).success(cb).failure(cb).run()` — Anki's QueryOp, without globals."""

    def __init__(self, runner: Runner, fn: Callable[[], Any]) -> None:
        self._runner, self._fn = runner, fn
        self._success: Success = lambda _result: None
        self._failure: Failure | None = None

    def success(self, cb: Success) -> Op:
        self._success = cb
        return self

    def failure(self, cb: Failure) -> Op:
        self._failure = cb
        return self

    def run(self, *, after_paint: bool = False) -> None:
        self._runner.submit(self._fn, self._success, self._failure, after_paint=after_paint)

