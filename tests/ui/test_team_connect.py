"""Datei → Mit Server verbinden …, and copying the local file onto the server and back, acted
out on a real PostgreSQL server."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt

from anfrage_desk.store import inquiries, open_db
from anfrage_desk.store.pg import ServerAddress, password_for
from anfrage_desk.ui.main_window import MainWindow
from anfrage_desk.ui.team_connect import ConnectDialog, TeamCommands, launch_command


def _fill(qtbot, dialog: ConnectDialog, office, user: str, password: str) -> None:  # type: ignore[no-untyped-def]
    address = ServerAddress(office.seat_uri(user))
    for edit, text in (
        (dialog.host_edit, address.host),
        (dialog.database_edit, address.database),
        (dialog.user_edit, user),
        (dialog.password_edit, password),
    ):
        edit.clear()
        qtbot.keyClicks(edit, text)
    dialog.port_spin.setValue(address.port or 5432)


def test_connect_dialog_logs_in_or_says_why_not(qtbot, office) -> None:  # type: ignore[no-untyped-def]
    office.add_seat("jana")
    dialog = ConnectDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog, office, "jana", "falsch")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.address is None
    assert "Benutzername oder Passwort stimmen nicht" in dialog.error_label.text()

    _fill(qtbot, dialog, office, "jana", "geheim-42")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert dialog.address is not None and dialog.address.user == "jana"
    assert "geheim" not in str(dialog.address)  # the address keeps no password …
    assert password_for(dialog.address) == "geheim-42"  # … the process's memory does
    assert launch_command(str(dialog.address))[-2:] == ["--db", str(dialog.address)]
    assert launch_command(str(dialog.address))[0] == sys.executable


def test_local_database_copied_to_the_server_and_back(
    qtbot, office, tmp_path: Path, no_dialogs
) -> None:  # type: ignore[no-untyped-def]
    local = open_db(tmp_path / "lokal.sqlite")
    window = MainWindow(local, features=["inquiry_editor", "team_connect"])
    qtbot.addWidget(window)
    window.load_example()
    commands = window.findChild(TeamCommands)
    assert commands is not None and commands.upload_action.isEnabled()
    assert not commands.download_action.isEnabled()
    office.add_seat("jana")
    op = commands.copy(window.db_path, office.seat_uri("jana"))
    with qtbot.waitSignal(op.finished, timeout=30000):
        pass
    assert commands.last_report is not None
    assert commands.last_report.rows("inquiry") == 1
    assert no_dialogs[-1][0] == "notify" and "Prüfsumme" in no_dialogs[-1][1]
    server = open_db(office.seat_uri("jana"))
    assert [r.title for r in inquiries.list_rows(server)] == [
        r.title for r in inquiries.list_rows(local)
    ]

    server_window = MainWindow(server, features=["team_connect"])
    qtbot.addWidget(server_window)
    back_commands = server_window.findChild(TeamCommands)
    assert back_commands is not None and back_commands.download_action.isEnabled()
    back = tmp_path / "zurueck.sqlite"
    op = back_commands.copy(server_window.db_path, str(back))
    with qtbot.waitSignal(op.finished, timeout=30000):
        pass
    copy = open_db(back)
    assert inquiries.count_live(copy) == 1
    copy.close()
    # a second copy onto the same server is refused: it is not empty any more
    op = commands.copy(window.db_path, office.seat_uri("jana"))
    with qtbot.waitSignal(op.finished, timeout=30000):
        pass
    assert no_dialogs[-1][0] == "error" and "enthält schon Daten" in no_dialogs[-1][1]
