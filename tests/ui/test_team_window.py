"""The whole window on a server database, as a seat without DDL rights uses it."""

from __future__ import annotations

from anfrage_desk.services import search as search_service
from anfrage_desk.store import inquiries, open_db
from anfrage_desk.ui.main_window import MainWindow


def test_every_page_works_on_the_server(qtbot, office, no_dialogs) -> None:  # type: ignore[no-untyped-def]
    db = open_db(office.add_seat("jana"))
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle().endswith(f"{office.office.database} auf 127.0.0.1")
    assert "geheim" not in window.path_label.text()
    window.load_example()
    (row,) = inquiries.list_rows(db)
    window.open_inquiry(row.id)
    for key in list(window.pages):
        window.show_page(key)
    window.open_inquiry(row.id, "history")
    result = search_service.run_search(db, "Zeitplanung")
    assert [g.inquiry_id for g in result.groups] == [row.id]
    assert [kind for kind, _ in no_dialogs if kind == "error"] == []


def test_backup_of_the_server_is_a_checked_copy_in_a_file(
    qtbot, office, tmp_path, no_dialogs
) -> None:  # type: ignore[no-untyped-def]
    from anfrage_desk.ui.actions import Action

    db = open_db(office.add_seat("jana"))
    window = MainWindow(db, features=["backup_actions"])
    qtbot.addWidget(window)
    window.load_example()
    assert not window.actions_[Action.RESTORE].isEnabled()
    target = tmp_path / "sicherung" / "server.sqlite"
    op = window.backup_actions.create_backup(target)  # type: ignore[attr-defined]
    with qtbot.waitSignal(op.finished, timeout=30000):
        pass
    assert no_dialogs[-1] == ("notify", f"Die Sicherung wurde gespeichert:\n{target}")
    copy = open_db(target)
    assert [r.title for r in inquiries.list_rows(copy)] == [
        r.title for r in inquiries.list_rows(db)
    ]
    copy.close()


def test_started_window_loads_its_rows_in_a_worker_on_the_server(qtbot, office) -> None:  # type: ignore[no-untyped-def]
    """As run_team_gui starts it: painted first, the list read on a worker's own connection
    (which finds the seat's password in memory, not in the address)."""
    from anfrage_desk.model import Inquiry
    from anfrage_desk.services import inquiries as service

    uri = office.add_seat("jana")
    setup = open_db(uri)
    for n in range(3):
        service.create_inquiry(setup, Inquiry(None, f"Anfrage {n}"))
    window = MainWindow(open_db(uri), background=True)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.rows_loaded, timeout=20000):
        window.show()
    assert window.inquiry_list.model.row_total() == 3
    setup.close()


def test_start_on_a_server_address_asks_for_the_password(qtbot, office, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`anfrage-desk --db postgresql://jana@…` without a stored password: asked (a wrong one
    again), then the window opens on the server; the settings hold no password."""
    from PySide6.QtCore import QSettings

    from anfrage_desk.paths import resolve_db_path
    from anfrage_desk.ui import team_start

    office.add_seat("jana")
    address = resolve_db_path(office.seat_uri("jana").replace(":geheim-42", ""))
    answers = iter(["falsch", "geheim-42"])
    asked: list[str] = []
    monkeypatch.setattr(team_start, "stored_password", lambda address: None)
    monkeypatch.setattr(
        team_start, "ask_password", lambda parent, addr: asked.append(addr.name) or next(answers)
    )
    window = team_start.open_team_window(address)  # type: ignore[arg-type]
    assert window is not None
    qtbot.addWidget(window)
    assert asked == [address.name, address.name]
    assert window.windowTitle() == f"Anfrage-Desk – {address.name}"
    with qtbot.waitSignal(window.rows_loaded, timeout=20000):
        pass
    assert not any("geheim" in str(QSettings().value(k)) for k in QSettings().allKeys())
    # giving up at the prompt opens nothing
    monkeypatch.setattr(team_start, "ask_password", lambda parent, addr: None)
    other = resolve_db_path(office.seat_uri("lena").replace(":geheim-42", ""))
    assert team_start.open_team_window(other) is None  # type: ignore[arg-type]
