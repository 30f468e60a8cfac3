"""The inquiry list sorts its row cache itself (fast for 10 000 rows) and keeps the selection."""

from __future__ import annotations

from PySide6.QtCore import Qt

from anfrage_desk.model import Inquiry, Question
from anfrage_desk.services import Changes
from anfrage_desk.services import inquiries as service
from anfrage_desk.ui.main_window import MainWindow


def _add(db, title: str) -> int:
    inquiry_id, _ = service.create_inquiry(
        db, Inquiry(None, title, questions=(Question(None, "1", "Wie viele?"),))
    )
    return inquiry_id


def _titles(window: MainWindow) -> list[str]:
    proxy = window.inquiry_list.proxy
    return [proxy.index(r, 1).data() for r in range(proxy.rowCount())]


def test_header_sort_selection_and_new_rows(qtbot, db, no_dialogs) -> None:
    ids = {t: _add(db, t) for t in ("Bäder", "Radwege", "Kita", "Ampeln")}
    window = MainWindow(db, features=[])
    qtbot.addWidget(window)
    table = window.inquiry_list.table
    table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert _titles(window) == ["Ampeln", "Bäder", "Kita", "Radwege"]
    window.inquiry_list.select_id(ids["Kita"])
    table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert _titles(window) == ["Radwege", "Kita", "Bäder", "Ampeln"]
    header = table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        1,
        Qt.SortOrder.DescendingOrder,
    )
    assert window.inquiry_list.selected_ids() == [ids["Kita"]]
    new_id = _add(db, "Schulen")
    window.broadcast(Changes.of(new_id))
    assert _titles(window) == ["Schulen", "Radwege", "Kita", "Bäder", "Ampeln"]
    inquiry = service.load_inquiry(db, ids["Ampeln"])
    window.run_service(
        lambda: service.save_inquiry(
            db, inquiry.__class__(**{**inquiry.__dict__, "title": "Zebrastreifen"})
        )
    )
    assert _titles(window)[0] == "Zebrastreifen"
    window.inquiry_list.filter_edit.setText("a")
    assert "Zebrastreifen" in _titles(window) and "Schulen" not in _titles(window)
