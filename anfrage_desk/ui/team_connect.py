"""Datei → "Mit Server verbinden …", "Lokale Datenbank auf den Server kopieren …" and
"Serverdatenbank in eine lokale Datei kopieren …" (team mode).

The connect dialog asks for host, port, database, login and password and tries the login
before it closes (a wrong password or missing rights are said in the dialog, in German).
The password may go into the system keyring, never into the database or the settings;
QSettings remembers only the address. Switching to the server opens a new window of the app
on it (the same program with ``--db postgresql://…``) and closes this one.
"""

from __future__ import annotations

import getpass
import sys
from typing import TYPE_CHECKING
from urllib.parse import quote

from PySide6.QtCore import QProcess, QProcessEnvironment, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from anfrage_desk.services.transfer import TransferReport, copy_database
from anfrage_desk.store import StoreUnavailable, open_db
from anfrage_desk.store.pg import ServerAddress, password_for, remember_password
from anfrage_desk.ui import messages, team_start
from anfrage_desk.ui.operation import Operation

if TYPE_CHECKING:
    from anfrage_desk.ui.main_window import MainWindow

SETTINGS_KEY = "team/server"


def _default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


class ConnectDialog(QDialog):
    """Server address and login; ``address`` after it was accepted (the login worked)."""

    def __init__(self, parent: QWidget | None, purpose: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mit Server verbinden"))
        self.address: ServerAddress | None = None
        last = ServerAddress(
            str(QSettings().value(SETTINGS_KEY, "") or "postgresql://localhost/anfrage_desk")
        )
        self.host_edit = QLineEdit(last.host)
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(last.port or 5432)
        self.database_edit = QLineEdit(last.database or "anfrage_desk")
        self.user_edit = QLineEdit(last.user or _default_user())
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.keep_check = QCheckBox(self.tr("Passwort im Schlüsselbund des Systems speichern"))
        self.keep_check.setEnabled(team_start.keyring_available())
        if not self.keep_check.isEnabled():
            self.keep_check.setToolTip(
                self.tr("Kein Schlüsselbund verfügbar: Das Passwort wird beim Start erfragt.")
            )
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a40000;")
        form = QFormLayout()
        form.addRow(self.tr("&Server:"), self.host_edit)
        form.addRow(self.tr("&Port:"), self.port_spin)
        form.addRow(self.tr("&Datenbank:"), self.database_edit)
        form.addRow(self.tr("&Anmeldename:"), self.user_edit)
        form.addRow(self.tr("Pass&wort:"), self.password_edit)
        form.addRow("", self.keep_check)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.connect_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.connect_button.setText(self.tr("Verbinden"))
        self.buttons.accepted.connect(self.try_connect)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if purpose:
            intro = QLabel(purpose)
            intro.setWordWrap(True)
            layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def typed_address(self) -> ServerAddress:
        host = self.host_edit.text().strip() or "localhost"
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"
        user = quote(self.user_edit.text().strip(), safe="")
        database = quote(self.database_edit.text().strip() or "anfrage_desk", safe="")
        return ServerAddress(f"postgresql://{user}@{host}:{self.port_spin.value()}/{database}")

    def try_connect(self) -> None:
        """Log in once (and bring a new database's schema up, for its owner); stay open and
        say why when it does not work."""
        address = self.typed_address()
        if self.password_edit.text():
            remember_password(address, self.password_edit.text())
        self.error_label.setText(self.tr("Verbindung wird hergestellt …"))
        try:
            db = open_db(address)
        except StoreUnavailable as exc:
            self.error_label.setText(str(exc))
            return
        db.close()
        password = password_for(address)
        if self.keep_check.isChecked() and password is not None:
            team_start.store_password(address, password)
        QSettings().setValue(SETTINGS_KEY, str(address))
        self.address = address
        self.accept()


def launch_command(address: str) -> list[str]:
    """The program and arguments that start Anfrage-Desk on ``address``."""
    if getattr(sys, "frozen", False):  # the standalone app
        return [sys.executable, "--db", address]
    return [sys.executable, "-m", "anfrage_desk", "--db", address]


def open_in_new_window(address: ServerAddress) -> bool:
    """Start the app on the server; the password (if not in the keyring) goes to the new
    process in its environment only (PGPASSWORD, read by the PostgreSQL client library)."""
    program, *args = launch_command(str(address))
    process = QProcess()
    process.setProgram(program)
    process.setArguments(args)
    env = QProcessEnvironment.systemEnvironment()
    password = password_for(address)
    if password is not None and team_start.stored_password(address) != password:
        env.insert("PGPASSWORD", password)
    process.setProcessEnvironment(env)
    started, _pid = process.startDetached()
    return bool(started)


class TeamCommands(QWidget):
    """The three menu commands; lives hidden in the window (holds the running operation)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.hide()
        self.operation: Operation | None = None
        self.last_report: TransferReport | None = None
        on_server = window.db.engine == "postgres"
        self.connect_action = QAction(self.tr("Mit &Server verbinden …"), window)
        self.connect_action.setStatusTip(
            self.tr("Die gemeinsame Datenbank des Büros auf einem PostgreSQL-Server öffnen")
        )
        self.connect_action.triggered.connect(self.connect_to_server)
        self.upload_action = QAction(self.tr("Lokale Datenbank auf den Server &kopieren …"), window)
        self.upload_action.setEnabled(not on_server and not window.db.read_only)
        self.upload_action.triggered.connect(self.ask_upload)
        self.download_action = QAction(
            self.tr("Serverdatenbank in eine &lokale Datei kopieren …"), window
        )
        self.download_action.setEnabled(on_server)
        self.download_action.triggered.connect(self.ask_download)
        menu = window.menus["Datei"]
        menu.addSeparator()
        for action in (self.connect_action, self.upload_action, self.download_action):
            menu.addAction(action)

    def connect_to_server(self) -> None:
        dialog = ConnectDialog(self.window_)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.address is None:
            return
        if messages.confirm(
            self.window_,
            self.tr(
                "Anfrage-Desk öffnet jetzt die Datenbank {name} in einem neuen Fenster; dieses "
                "Fenster wird geschlossen."
            ).format(name=dialog.address.name),
            title=self.tr("Mit Server verbinden"),
            ok=self.tr("Öffnen"),
            cancel=self.tr("Abbrechen"),
        ):
            if open_in_new_window(dialog.address):
                self.window_.close()
            else:
                messages.show_error(
                    self.window_, self.tr("Das neue Fenster ließ sich nicht starten.")
                )

    def ask_upload(self) -> None:
        dialog = ConnectDialog(
            self.window_,
            self.tr(
                "Die Daten dieser Datei werden in die (leere) Datenbank auf dem Server kopiert "
                "und danach Tabelle für Tabelle geprüft. Die Datei bleibt unverändert."
            ),
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.address is not None:
            self.copy(self.window_.db_path, dialog.address)

    def ask_download(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.window_,
            self.tr("Serverdatenbank als Datei speichern"),
            "anfrage-desk-kopie.sqlite",
            self.tr("Anfrage-Desk-Datenbank (*.sqlite)"),
        )
        if name:
            self.copy(self.window_.db_path, name)

    def copy(self, source: object, target: object) -> Operation:
        """Run the copy as a cancellable operation with progress; report when done."""
        op = Operation(
            self.window_,
            self.tr("Datenbank wird kopiert und geprüft …"),
            lambda progress: copy_database(source, target, progress),  # type: ignore[arg-type]
        )
        op.succeeded.connect(self._copied)
        op.failed.connect(lambda message: messages.show_error(self.window_, message))
        self.operation = op
        op.start()
        return op

    def _copied(self, report: object) -> None:
        if isinstance(report, TransferReport):
            self.last_report = report
            messages.notify(self.window_, report.summary(), title=self.tr("Kopie fertig"))


def install(window: MainWindow) -> None:
    window.team_commands = TeamCommands(window)  # type: ignore[attr-defined]
