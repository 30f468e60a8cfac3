"""Start-up after the database could not be opened: explain, offer a backup, never overwrite.

``app.open_database`` calls ``recover_database(db_path, exc)``. A damaged file (SQLite's
quick_check fails, or it is no database at all) gets a dialog that explains what happened and
offers the newest intact backup, another backup file, or quitting. The damaged file is moved
aside (``<name>.beschädigt-<Zeit>.sqlite``) before the backup takes its place. Every other
problem (newer version, locked, no access) is shown as a plain German message.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from anfrage_desk.paths import backup_dir
from anfrage_desk.services import ServiceError
from anfrage_desk.services import backups as service
from anfrage_desk.store import Database, StoreUnavailable
from anfrage_desk.ui import messages

RESTORE_SELECTED = "selected"
CHOOSE_FILE = "file"


def describe(choice: service.BackupChoice) -> str:
    """One line per backup: date and time, inquiries, file name (or why it is unusable)."""
    if choice.info is None:
        return f"{choice.path.name} – unbrauchbar: {choice.problem}"
    info = choice.info
    count = "1 Anfrage" if info.inquiries == 1 else f"{info.inquiries} Anfragen"
    return f"{info.modified.strftime('%d.%m.%Y, %H:%M')} Uhr – {count} – {choice.path.name}"


class RecoveryDialog(QDialog):
    """Explains the damage and lets the user pick a backup, another file, or quit.

    After ``exec()``, ``choice`` is (RESTORE_SELECTED, path), (CHOOSE_FILE, None) or None.
    """

    def __init__(
        self,
        db_path: Path,
        detail: str,
        choices: list[service.BackupChoice],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.choice: tuple[str, Path | None] | None = None
        self.setWindowTitle(self.tr("Anfrage-Desk – Datenbank beschädigt"))
        self.setMinimumWidth(620)

        icon = QLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(48, 48)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        headline = QLabel(self.tr("Die Datenbank ist beschädigt und kann nicht geöffnet werden."))
        headline.setStyleSheet("font-size: 15px; font-weight: 600;")
        headline.setWordWrap(True)
        explanation = QLabel(
            self.tr(
                "Das kann nach einem Absturz, einem Stromausfall oder einem Fehler des "
                "Datenträgers passieren. Sie können den Stand einer Sicherung zurückholen; "
                "Änderungen nach dem Zeitpunkt der Sicherung fehlen danach.\n\n"
                "Die beschädigte Datei wird dabei nicht überschrieben: Anfrage-Desk benennt sie "
                "in „{name}.beschädigt-…“ um und lässt sie im selben Ordner liegen."
            ).format(name=db_path.stem)
        )
        explanation.setWordWrap(True)
        path_label = QLabel(self.tr("Datei: {path}").format(path=db_path))
        path_label.setWordWrap(True)
        path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        path_label.setStyleSheet("color: palette(placeholder-text);")
        path_label.setToolTip(detail)

        self.list = QListWidget()
        self.list.setAlternatingRowColors(True)
        first_good = None
        for choice in choices:
            item = QListWidgetItem(describe(choice))
            item.setData(Qt.ItemDataRole.UserRole, str(choice.path))
            if choice.info is None:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
            elif first_good is None:
                first_good = item
            self.list.addItem(item)
        if first_good is not None:
            self.list.setCurrentItem(first_good)
        list_label = QLabel(
            self.tr("Sicherungen im Ordner {folder}:").format(folder=backup_dir(db_path))
            if choices
            else self.tr(
                "Im Ordner {folder} gibt es keine Sicherung. Wenn Sie eine Sicherungskopie an "
                "anderer Stelle haben, wählen Sie sie mit „Andere Sicherungsdatei …“."
            ).format(folder=backup_dir(db_path))
        )
        list_label.setWordWrap(True)
        list_label.setBuddy(self.list)
        self.list.setVisible(bool(choices))
        self.list.itemDoubleClicked.connect(lambda _item: self._restore_selected())

        self.restore_button = QPushButton(self.tr("Ausgewählte Sicherung &wiederherstellen"))
        self.restore_button.setEnabled(first_good is not None)
        self.restore_button.clicked.connect(self._restore_selected)
        self.file_button = QPushButton(self.tr("&Andere Sicherungsdatei …"))
        self.file_button.clicked.connect(self._choose_file)
        self.quit_button = QPushButton(self.tr("&Beenden"))
        self.quit_button.clicked.connect(self.reject)
        if first_good is not None:
            self.restore_button.setDefault(True)
        else:
            self.file_button.setDefault(True)
        self.list.currentItemChanged.connect(
            lambda item, _prev: self.restore_button.setEnabled(
                item is not None and bool(item.flags() & Qt.ItemFlag.ItemIsEnabled)
            )
        )

        text = QVBoxLayout()
        text.addWidget(headline)
        text.addWidget(explanation)
        text.addWidget(path_label)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.file_button)
        buttons.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addWidget(list_label)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def selected_path(self) -> Path | None:
        item = self.list.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        return Path(str(item.data(Qt.ItemDataRole.UserRole)))

    def _restore_selected(self) -> None:
        path = self.selected_path()
        if path is not None:
            self.choice = (RESTORE_SELECTED, path)
            self.accept()

    def _choose_file(self) -> None:
        self.choice = (CHOOSE_FILE, None)
        self.accept()


def ask(dialog: RecoveryDialog) -> tuple[str, Path | None] | None:
    """Show the dialog modally (tests replace this)."""
    dialog.exec()
    return dialog.choice


def choose_backup_file(db_path: Path) -> Path | None:
    """The file dialog for another backup (tests replace this)."""
    folder = backup_dir(db_path)
    name, _ = QFileDialog.getOpenFileName(
        None,
        "Sicherungsdatei wählen",
        str(folder if folder.is_dir() else db_path.parent),
        "Anfrage-Desk-Datenbanken (*.sqlite *.db);;Alle Dateien (*)",
    )
    return Path(name) if name else None


def recover_database(db_path: Path, exc: StoreUnavailable) -> Database | None:
    """Offer a backup when the file is damaged; otherwise show the message. None = quit."""
    db_path = Path(db_path)
    if not service.is_damaged(db_path):
        messages.show_error(None, str(exc), title="Datenbank nicht verfügbar")
        return None
    while True:
        dialog = RecoveryDialog(db_path, str(exc), service.choices(db_path))
        answer = ask(dialog)
        dialog.deleteLater()
        if answer is None:
            return None
        kind, source = answer
        if kind == CHOOSE_FILE:
            source = choose_backup_file(db_path)
        if source is None:
            continue
        app = QApplication.instance()
        if isinstance(app, QApplication):
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            db, moved = service.recover_from_backup(db_path, source)
        except ServiceError as error:
            messages.show_error(None, str(error), title="Sicherung nicht wiederhergestellt")
            continue
        finally:
            if isinstance(app, QApplication):
                QApplication.restoreOverrideCursor()
        where = f"\n\nDie beschädigte Datei liegt jetzt unter:\n{moved}" if moved else ""
        messages.notify(
            None,
            f"Die Sicherung „{source.name}“ wurde wiederhergestellt.{where}",
            title="Sicherung wiederhergestellt",
        )
        return db
