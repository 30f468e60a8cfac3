"""Refresh the window when another program changed the database while it is open.

The CLI refuses to write while a window holds the database lock, but other tools (a script
with the sqlite3 shell, a writing command that ran just before the window took the lock) may
still commit. SQLite's ``data_version`` tells, cheaply, whether anybody else committed; then
every view reloads through the usual ``Changes`` broadcast.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from anfrage_desk.services import Changes
from anfrage_desk.services.watch import change_token
from anfrage_desk.store import StoreUnavailable

if TYPE_CHECKING:
    from anfrage_desk.ui.main_window import MainWindow

log = logging.getLogger("anfrage_desk")
POLL_MS = 1500


class ExternalChanges(QObject):
    """Polls the change counter of ``window.db``; broadcasts ``Changes(everything=True)``."""

    def __init__(self, window: MainWindow, interval_ms: int = POLL_MS) -> None:
        super().__init__(window)
        self.window_ = window
        self._token = self._read()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def _read(self) -> int | None:
        try:
            return change_token(self.window_.db)
        except StoreUnavailable as exc:
            log.warning("Änderungszähler nicht lesbar: %s", exc)
            return None

    def check(self) -> bool:
        """True (and a broadcast) when another program committed since the last check."""
        token = self._read()
        if token is None or token == self._token:
            return False
        self._token = token
        self.window_.broadcast(Changes(bodies=True, everything=True))
        return True
