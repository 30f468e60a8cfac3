"""Reads off the GUI thread: a function of a database connection runs in a worker thread on a
connection of its own; its result arrives on the GUI thread. Used where the window must paint
first and fill in later (the start's 10 000 list rows, the promises overview, search).

A newer request of the same ``Reader`` makes older results stale: they are dropped, never shown.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger("anfrage_desk")

POOL = QThreadPool()
POOL.setMaxThreadCount(2)


class _Relay(QObject):
    done = Signal(int, object)
    failed = Signal(int, str)


class _Read(QRunnable):
    def __init__(
        self, db_path: Path, work: Callable[[Any], Any], relay: _Relay, serial: int
    ) -> None:
        super().__init__()
        self.db_path = db_path
        self.work = work
        self.relay = relay
        self.serial = serial

    def run(self) -> None:
        from anfrage_desk.store import open_db

        try:
            db = open_db(self.db_path, migrate=False)
            try:
                result = self.work(db)
            finally:
                db.close()
        except Exception as exc:  # reported on the GUI thread
            log.warning("Lesen im Hintergrund fehlgeschlagen: %s", exc)
            self._emit(self.relay.failed, str(exc))
            return
        self._emit(self.relay.done, result)

    def _emit(self, signal: Any, value: object) -> None:
        with contextlib.suppress(RuntimeError):  # the consumer was closed: nobody waits
            signal.emit(self.serial, value)


class Reader(QObject):
    """Runs reads for one consumer; only the newest request's result is delivered."""

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self._serial = 0
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[str], None] | None]] = {}
        self._relay = _Relay(self)
        self._relay.done.connect(self._done)
        self._relay.failed.connect(self._failed)

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def read(
        self,
        work: Callable[[Any], Any],
        done: Callable[[Any], None],
        failed: Callable[[str], None] | None = None,
    ) -> None:
        self._serial += 1
        self._callbacks[self._serial] = (done, failed)
        POOL.start(_Read(self.db_path, work, self._relay, self._serial))

    def _take(self, serial: int) -> tuple[Callable[[Any], None], Callable[[str], None] | None]:
        callbacks = self._callbacks.pop(serial)
        if serial != self._serial:
            raise LookupError  # stale: a newer request is under way or done
        return callbacks

    def _done(self, serial: int, result: object) -> None:
        try:
            done, _ = self._take(serial)
        except LookupError:
            return
        done(result)

    def _failed(self, serial: int, message: str) -> None:
        try:
            _, failed = self._take(serial)
        except LookupError:
            return
        if failed is not None:
            failed(message)
