"""Team mode on the inquiry page and in the window.

- The tab "Verlauf": who changed what of this inquiry and when (the change log), and, on a
  server, which other seats have the inquiry open right now.
- On a server the window listens for the other seats' changes (``store.team.Listener``): a
  socket notifier reads the notifications as they arrive and broadcasts them as the same
  ``Changes`` a local use case emits, so every view refreshes within moments.

Signals: TeamSync.notified(Notified) — after other seats' changes were broadcast;
TeamSync.listening() — listening again after the server was away (everything refreshed,
since notifications sent meanwhile are lost).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSocketNotifier, QTimer, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from anfrage_desk.services import Changes
from anfrage_desk.store import StoreUnavailable, change_log, team
from anfrage_desk.ui.inquiry_page import register_tab

if TYPE_CHECKING:
    from anfrage_desk.ui.main_window import MainWindow

TAB_KEY = "history"
RECONNECT_MS = 2000


def _when(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp).strftime("%d.%m.%Y %H:%M")
    except ValueError:
        return stamp


class HistoryTab(QWidget):
    """Change log and the other seats on this inquiry. Tab: load(id), refresh(changes)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window_ = window
        self.inquiry_id: int | None = None
        self.presence_label = QLabel()
        self.presence_label.setWordWrap(True)
        self.presence_label.setVisible(window.db.engine == "postgres")
        self.log_list = QListWidget()
        self.log_list.setAccessibleName(self.tr("Verlauf der Änderungen"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.presence_label)
        layout.addWidget(QLabel(self.tr("Wer hat wann was geändert:")))
        layout.addWidget(self.log_list, 1)

    def load(self, inquiry_id: int) -> None:
        self.inquiry_id = inquiry_id
        try:
            team.announce_open(self.window_.db, inquiry_id)
        except StoreUnavailable as exc:
            self.presence_label.setText(str(exc))
        self._fill()

    def refresh(self, changes: Changes) -> None:
        if self.inquiry_id is not None and (
            changes.everything or self.inquiry_id in changes.inquiries
        ):
            self._fill()

    def refresh_presence(self) -> None:
        if self.inquiry_id is None or self.window_.db.engine != "postgres":
            return
        try:
            others = team.others_with_open(self.window_.db, self.inquiry_id)
        except StoreUnavailable as exc:
            self.presence_label.setText(str(exc))
            return
        self.presence_label.setText(
            self.tr("Ebenfalls geöffnet von: {names}").format(names=", ".join(others))
            if others
            else self.tr("Kein anderer Platz hat diese Anfrage gerade geöffnet.")
        )

    def _fill(self) -> None:
        if self.inquiry_id is None:
            return
        self.log_list.clear()
        try:
            entries = change_log.entries(self.window_.db, self.inquiry_id)
        except StoreUnavailable as exc:
            self.log_list.addItem(str(exc))
            return
        for entry in entries:
            who = entry.who or self.tr("unbekannt")
            self.log_list.addItem(f"{_when(entry.at)} – {who} – {entry.what}")
        self.refresh_presence()


class TeamSync(QObject):
    """Listens for the other seats' changes on the server and broadcasts them."""

    notified = Signal(object)
    listening = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.listener: team.Listener | None = None
        self.notifier: QSocketNotifier | None = None
        self._retry = QTimer(self)
        self._retry.setInterval(RECONNECT_MS)
        self._retry.timeout.connect(self.connect_listener)
        self._lost = False
        self._closed = False
        window.installEventFilter(self)
        self.connect_listener()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.window_ and event.type() == QEvent.Type.Close:
            self.close()  # a closed window listens no more (and retries nothing)
        return False

    def connect_listener(self) -> None:
        self._drop()
        if self._closed:
            return
        try:
            self.listener = team.Listener(self.window_.db)
        except StoreUnavailable:
            self._lost = True
            self._retry.start()  # the server is away: try again, views keep their rows
            return
        self._retry.stop()
        self.notifier = QSocketNotifier(self.listener.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self.read)
        if self._lost:  # what other seats changed meanwhile was not notified: show it all anew
            self._lost = False
            self.window_.broadcast(Changes(everything=True), self)
            self.listening.emit()

    def _drop(self) -> None:
        if self.notifier is not None:
            self.notifier.setEnabled(False)
            self.notifier.deleteLater()
            self.notifier = None
        if self.listener is not None:
            self.listener.close()
            self.listener = None

    def read(self) -> None:
        if self.listener is None:
            return
        news = self.listener.pending()
        if self.listener.broken:  # the server went away (restart): listen again soon
            self._drop()
            self._lost = True
            self._retry.start()
        if news.inquiries or news.bodies:
            self.window_.broadcast(Changes(inquiries=news.inquiries, bodies=news.bodies), self)
        if news.opened:
            tab = self.window_.inquiry_page.tab_widgets.get(TAB_KEY)
            if isinstance(tab, HistoryTab):
                tab.refresh_presence()
        if not news.empty:
            self.notified.emit(news)

    def close(self) -> None:
        self._closed = True
        self._retry.stop()
        self._drop()


register_tab(TAB_KEY, "Verlauf", HistoryTab)


def install(window: MainWindow) -> None:
    if window.db.engine == "postgres":
        window.team_sync = TeamSync(window)  # type: ignore[attr-defined]
