"""Backups in the main window: "Sicherung erstellen …", "Sicherung wiederherstellen …", the
automatic daily backup after start, and the read-only banner.

Restoring replaces the content of the open database through the same connection (SQLite's
backup API with the live connection as destination), so every view keeps its ``db`` and shows
the restored data after a broadcast of ``Changes(everything=True)``. The previous state is saved
into the backup folder first.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QVBoxLayout, QWidget

from anfrage_desk import words
from anfrage_desk.paths import backup_dir, data_dir
from anfrage_desk.progress import Progress
from anfrage_desk.services import ServiceError
from anfrage_desk.services import backups as service
from anfrage_desk.services.common import today
from anfrage_desk.services.transfer import copy_database
from anfrage_desk.ui import messages
from anfrage_desk.ui.actions import Action
from anfrage_desk.ui.operation import DB_POOL, Operation

if TYPE_CHECKING:
    from anfrage_desk.ui.main_window import MainWindow

log = logging.getLogger("anfrage_desk")

# Commands that only change the database; disabled when it is opened read-only.
WRITE_ACTIONS = (
    Action.NEW_INQUIRY,
    Action.DELETE_INQUIRY,
    Action.UNDO_DELETE,
    Action.MARK_DONE,
    Action.REOPEN,
    Action.IMPORT_ANSWER,
    Action.NEW_FOLLOWUP,
    Action.MANAGE_BODIES,
    Action.REBUILD_INDEX,
    Action.LOAD_EXAMPLE,
    Action.RESTORE,
)


def _de(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _backup_on_own_connection(db_path: Path, target: Path | None) -> Path | None:
    """Worker: a connection of its own; a named backup, or today's automatic one."""
    from anfrage_desk.store import open_db

    db = open_db(db_path, migrate=False)
    try:
        if target is None:
            return service.daily_backup(db)
        return service.create_backup(db, target)
    finally:
        db.close()


class BackupActions(QObject):
    """The backup commands of one main window (``window.backup_actions``)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.banner: QLabel | None = None
        actions = window.actions_
        actions[Action.BACKUP].triggered.connect(self.ask_create_backup)
        actions[Action.RESTORE].triggered.connect(self.ask_restore)
        menu = window.menus["Datei"]
        menu.addSeparator()
        menu.addAction(actions[Action.BACKUP])
        menu.addAction(actions[Action.RESTORE])
        if window.db.read_only:
            self._show_read_only()
        if window.db.engine == "postgres":
            # Team mode: a backup is the server's data copied into a file (consistent, checked);
            # restoring the server is the admin's (pg_restore) or a copy onto an empty database.
            actions[Action.RESTORE].setEnabled(False)
            actions[Action.RESTORE].setStatusTip(
                self.tr("Auf dem Server stellt die IT-Betreuung Sicherungen wieder her")
            )

    # -- read-only mode
    def _show_read_only(self) -> None:
        window = self.window_
        banner = QLabel(
            self.tr(
                "<b>Nur-Lese-Modus:</b> Die Datenbank liegt an einem schreibgeschützten Ort "
                "({folder}). Sie können alles ansehen, suchen und exportieren, aber nichts "
                "ändern. Zum Bearbeiten kopieren Sie die Datei an einen beschreibbaren Ort."
            ).format(folder=window.db_path.parent)
        )
        banner.setWordWrap(True)
        banner.setTextFormat(Qt.TextFormat.RichText)
        banner.setStyleSheet(
            "QLabel { background: #fff4ce; color: #3d3000; border: 1px solid #e0c45c;"
            " border-radius: 4px; padding: 8px 10px; }"
        )
        banner.setAccessibleName(self.tr("Nur-Lese-Modus"))
        old = window.takeCentralWidget()
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.setSpacing(0)
        layout.addWidget(banner)
        if old is not None:
            layout.addWidget(old, 1)
        window.setCentralWidget(holder)
        self.banner = banner
        for key in WRITE_ACTIONS:
            action = window.actions_[key]
            action.setEnabled(False)
            action.setStatusTip(self.tr("Im Nur-Lese-Modus nicht verfügbar"))

    # -- create
    def ask_create_backup(self) -> None:
        db_path = self.window_.db_path
        if self.window_.db.engine == "postgres":
            name = str(getattr(db_path, "database", "") or "anfrage-desk")
            suggestion = (
                data_dir() / "Sicherungen" / f"{name}-Sicherung-{today().isoformat()}.sqlite"
            )
        else:
            folder = backup_dir(db_path)
            suggestion = folder / f"{db_path.stem}-Sicherung-{today().isoformat()}.sqlite"
        name, _ = QFileDialog.getSaveFileName(
            self.window_,
            self.tr("Sicherung erstellen"),
            str(suggestion),
            self.tr("Anfrage-Desk-Datenbanken (*.sqlite)"),
        )
        if name:
            self.create_backup(Path(name))

    def create_backup(self, target: Path) -> Operation:
        """Write a backup to ``target`` off the GUI thread; report the result."""
        self._flush_pages()
        if self.window_.db.engine == "postgres":
            source = self.window_.db_path

            def export(progress: Progress) -> Path:
                target.parent.mkdir(parents=True, exist_ok=True)
                copy_database(source, target, progress)
                return target

            op = Operation(self.window_, self.tr("Sicherung wird erstellt …"), export)
        else:
            op = Operation(
                self.window_,
                self.tr("Sicherung wird erstellt …"),
                lambda _progress: _backup_on_own_connection(self.window_.db_path, target),
            )
        op.succeeded.connect(self._backup_done)
        op.failed.connect(lambda message: messages.show_error(self.window_, message))
        op.start()
        return op

    def _backup_done(self, path: object) -> None:
        messages.notify(
            self.window_,
            self.tr("Die Sicherung wurde gespeichert:\n{path}").format(path=path),
            title=self.tr("Sicherung erstellt"),
        )

    def start_daily_backup(self) -> Operation | None:
        """After start: today's automatic backup (at most one per day) and rotation."""
        if self.window_.db.read_only:
            return None
        op = Operation(
            self.window_,
            self.tr("Tägliche Sicherung …"),
            lambda _progress: _backup_on_own_connection(self.window_.db_path, None),
        )
        op.succeeded.connect(self._daily_done)
        op.failed.connect(self._daily_failed)
        op.start()
        return op

    def _daily_done(self, path: object) -> None:
        if path is not None:
            log.info("Tägliche Sicherung: %s", path)
            self.window_.statusBar().showMessage(
                self.tr("Tägliche Sicherung gespeichert: {path}").format(path=path), 8000
            )

    def _daily_failed(self, message: str) -> None:
        log.warning("Tägliche Sicherung fehlgeschlagen: %s", message)
        self.window_.statusBar().showMessage(
            self.tr("Die tägliche Sicherung ist fehlgeschlagen: {message}").format(message=message),
            30000,
        )

    # -- restore
    def ask_restore(self) -> None:
        db_path = self.window_.db_path
        folder = backup_dir(db_path)
        name, _ = QFileDialog.getOpenFileName(
            self.window_,
            self.tr("Sicherung wiederherstellen"),
            str(folder if folder.is_dir() else db_path.parent),
            self.tr("Anfrage-Desk-Datenbanken (*.sqlite *.db);;Alle Dateien (*)"),
        )
        if name:
            self.restore_from(Path(name))

    def restore_from(self, source: Path) -> bool:
        """Check the file, ask, save the current state, then replace the database."""
        window = self.window_
        try:
            info = service.inspect(source)
        except ServiceError as exc:
            messages.show_error(window, str(exc), title=self.tr("Sicherung nicht verwendbar"))
            return False
        count = words.count(info.inquiries, "Anfrage")
        if not messages.confirm(
            window,
            self.tr(
                "Die Sicherung „{name}“ vom {when} Uhr ({count}) ersetzt den aktuellen Stand "
                "der Datenbank. Änderungen seit dieser Sicherung gehen dabei verloren.\n\n"
                "Der aktuelle Stand wird vorher als Sicherung im Ordner {folder} gespeichert, "
                "so dass Sie ihn wieder zurückholen können."
            ).format(
                name=source.name,
                when=info.modified.strftime("%d.%m.%Y, %H:%M"),
                count=count,
                folder=backup_dir(window.db_path),
            ),
            title=self.tr("Sicherung wiederherstellen"),
            ok=self.tr("Wiederherstellen"),
        ):
            return False
        if window.current_page() == "inquiry":
            window.show_page("inquiries")  # the editor saves and lets go of its inquiry
        self._flush_pages()
        DB_POOL.waitForDone()
        previous: list[Path] = []

        def restore() -> object:
            path, changes = service.restore_backup(window.db, source)
            previous.append(path)
            return changes

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            ok = window.run_service(restore)  # type: ignore[arg-type]
        finally:
            QApplication.restoreOverrideCursor()
        if not ok:
            return False
        window.statusBar().showMessage(
            self.tr("Sicherung wiederhergestellt. Der vorherige Stand liegt in {path}").format(
                path=previous[0]
            ),
            20000,
        )
        return True

    def _flush_pages(self) -> None:
        """Save what the user is typing before the database is copied or replaced."""
        for widget in self.window_.pages.values():
            flush = getattr(widget, "flush", None)
            if flush is not None:
                flush()


def install(window: MainWindow) -> None:
    window.backup_actions = BackupActions(window)  # type: ignore[attr-defined]
