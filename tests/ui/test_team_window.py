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
