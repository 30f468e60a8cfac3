"""Starting on a server database (team mode): the password, the window, no lock file.

The password comes from the system keyring when one is there and holds it (saved by
"Datei → Mit Server verbinden …"), else the app asks at start. It stays in this process's
memory; it is never written to the database, the settings or the log.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from anfrage_desk.paths import data_dir
from anfrage_desk.store import Database, StoreUnavailable, open_db
from anfrage_desk.store.pg import ServerAddress, password_for, remember_password
from anfrage_desk.store.pg_errors import NO_RIGHTS
from anfrage_desk.ui import messages

log = logging.getLogger("anfrage_desk")
KEYRING_SERVICE = "Anfrage-Desk"


def _keyring() -> Any | None:
    """The keyring module when it has a usable backend (not the "fail" one of a headless
    Linux without a secret service)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring setup means: no keyring
        return None
    return None if isinstance(backend, fail.Keyring) else keyring


def keyring_available() -> bool:
    return _keyring() is not None


def stored_password(address: str) -> str | None:
    ring = _keyring()
    if ring is None:
        return None
    with contextlib.suppress(Exception):
        value = ring.get_password(KEYRING_SERVICE, str(ServerAddress(address)))
        return str(value) if value is not None else None
    return None


def store_password(address: str, password: str) -> bool:
    ring = _keyring()
    if ring is None:
        return False
    try:
        ring.set_password(KEYRING_SERVICE, str(ServerAddress(address)), password)
    except Exception:  # noqa: BLE001 - a locked or refusing keyring: ask next time
        return False
    return True


def needs_password(exc: StoreUnavailable) -> bool:
    return exc.kind == NO_RIGHTS and "Passwort" in str(exc)


def ask_password(parent: QWidget | None, address: ServerAddress) -> str | None:
    text, ok = QInputDialog.getText(
        parent,
        parent.tr("Anmeldung am Datenbankserver") if parent else "Anmeldung am Datenbankserver",
        f"Passwort für {address.user or 'Ihre Anmeldung'} ({address.name}):",
        QLineEdit.EchoMode.Password,
    )
    return text if ok else None


def open_server(address: ServerAddress, parent: QWidget | None = None) -> Database | None:
    """Connect, asking for the password as often as it is wrong; None when the user gives up
    or the server is not usable (then a German message was shown)."""
    if password_for(address) is None:
        saved = stored_password(address)
        if saved is not None:
            remember_password(address, saved)
    while True:
        try:
            return open_db(address)
        except StoreUnavailable as exc:
            if not needs_password(exc):
                messages.show_error(parent, str(exc), title="Datenbankserver nicht verfügbar")
                return None
            password = ask_password(parent, address)
            if password is None:
                return None
            remember_password(address, password)


def open_team_window(address: ServerAddress) -> Any | None:
    """The password asked as needed, then the main window on the server, shown (painted
    first, rows read by a worker) with the OParl watch started; None when not possible."""
    from anfrage_desk.ui.main_window import MainWindow
    from anfrage_desk.ui.oparl_watch import start_watch

    db = open_server(address)
    if db is None:
        return None
    window = MainWindow(db, background=True)
    window.show()
    start_watch(window)
    return window


def run_team_gui(address: ServerAddress) -> int:
    """As ``app.run_gui`` for a file, without lock file, integrity check and file backups
    (the server keeps several writers apart; its admin backs it up)."""
    from anfrage_desk.ui.app import start_app

    # logs go to the user data folder's Protokolle
    app = start_app(Path(data_dir()) / "server.sqlite")
    if app is None:
        return 1
    window = open_team_window(address)
    if window is None:
        return 1
    try:
        return int(app.exec())
    finally:
        window.db.close()
