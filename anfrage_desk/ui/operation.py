"""Long work off the GUI thread, with a cancellable progress dialog after ~400 ms.

Signals of Operation: progressed(int done, int total), succeeded(object result),
failed(str message), finished().
"""

from __future__ import annotations

import sqlite3
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from anfrage_desk.progress import Cancelled, Progress

DB_POOL = QThreadPool()
DB_POOL.setMaxThreadCount(1)
SHOW_AFTER_MS = 400


class _Relay(QObject):
    progressed = Signal(int, int)
    done = Signal(object)
    error = Signal(str, bool)


class _Job(QRunnable):
    def __init__(
        self,
        work: Callable[[Progress], Any],
        relay: _Relay,
        cancel: threading.Event,
        db_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.work = work
        self.relay = relay
        self.cancel = cancel
        self.db_path = db_path

    def run(self) -> None:
        progress = Progress(report=self.relay.progressed.emit, cancelled=self.cancel.is_set)
        try:
            result = self.work(progress)
        except Cancelled:
            self.relay.error.emit("", True)
        except Exception as exc:  # reported to the GUI thread, shown there
            from anfrage_desk.services.common import ServiceError
            from anfrage_desk.store import StoreUnavailable, translate_error

            if isinstance(exc, (ServiceError, StoreUnavailable)):
                self.relay.error.emit(str(exc), False)
            elif isinstance(exc, (sqlite3.Error, OSError)) and self.db_path is not None:
                # disk full, read-only, locked …: the store's German sentence, not SQLite's text
                self.relay.error.emit(str(translate_error(exc, self.db_path)), False)
            else:
                self.relay.error.emit(
                    "Ein unerwarteter Fehler ist aufgetreten:\n"
                    + "".join(traceback.format_exception_only(exc)).strip(),
                    False,
                )
        else:
            self.relay.done.emit(result)


class Operation(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(
        self, parent: QWidget, label: str, work: Callable[[Progress], Any], quiet: bool = False
    ) -> None:
        """``quiet``: background work the user did not ask for (no progress dialog)."""
        super().__init__(parent)
        self._quiet = quiet
        self._parent = parent
        self._label = label
        self._work = work
        self._cancel = threading.Event()
        self._relay = _Relay()
        self._relay.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._relay.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._relay.error.connect(self._on_error, Qt.ConnectionType.QueuedConnection)
        self._dialog: QProgressDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)
        self._last = (0, 0)

    def start(self) -> None:
        if not self._quiet:
            self._timer.start(SHOW_AFTER_MS)
        db_path = getattr(self._parent.window(), "db_path", None)
        job = _Job(self._work, self._relay, self._cancel, db_path)
        DB_POOL.start(job)

    def cancel(self) -> None:
        self._cancel.set()

    def _show_dialog(self) -> None:
        dialog = QProgressDialog(self._label, "Abbrechen", 0, 0, self._parent)
        dialog.setWindowTitle("Bitte warten")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(self.cancel)
        done, total = self._last
        if total:
            dialog.setMaximum(total)
            dialog.setValue(done)
        dialog.show()
        self._dialog = dialog

    def _on_progress(self, done: int, total: int) -> None:
        self._last = (done, total)
        self.progressed.emit(done, total)
        if self._dialog is not None and total:
            self._dialog.setMaximum(total)
            self._dialog.setValue(done)

    def _close(self) -> None:
        self._timer.stop()
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.cancel)
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None

    def _on_done(self, result: object) -> None:
        self._close()
        self.succeeded.emit(result)
        self.finished.emit()
        self.deleteLater()

    def _on_error(self, message: str, was_cancelled: bool) -> None:
        self._close()
        if was_cancelled:
            self.cancelled.emit()
        else:
            self.failed.emit(message)
        self.finished.emit()
        self.deleteLater()
