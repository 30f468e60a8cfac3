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


def test_the_view_gets_rows_as_it_scrolls(qtbot, db, no_dialogs, monkeypatch) -> None:
    """All rows are in memory (counts), the view is given them a batch at a time."""
    from anfrage_desk.ui.models import InquiryTableModel

    monkeypatch.setattr(InquiryTableModel, "FETCH_BATCH", 4)
    ids = [_add(db, f"Anfrage {n:02d}") for n in range(40)]
    window = MainWindow(db, features=[])
    qtbot.addWidget(window)
    window.resize(900, 360)
    window.show()
    window.show_page("inquiries")
    model = window.inquiry_list.model
    assert len(model.rows()) == 40 and window.count_label.text() == "40 Anfragen"
    qtbot.waitUntil(lambda: window.inquiry_list.table.verticalScrollBar().maximum() > 0)
    shown = model.rowCount()
    assert shown < 40  # not all given to the view at once
    table = window.inquiry_list.table
    table.verticalScrollBar().setValue(table.verticalScrollBar().maximum())  # to the bottom
    qtbot.waitUntil(lambda: model.rowCount() > shown)

    removed = [i for i in ids if i not in window.inquiry_list.visible_ids()][-1]
    window.inquiry_list.select_id(removed)  # a row not given yet is given when asked for
    assert window.inquiry_list.selected_ids() == [removed]
    window.inquiry_list.filter_edit.setText("Anfrage")  # a filter sees every row
    assert sorted(window.inquiry_list.visible_ids()) == sorted(ids)
    service.trash_inquiries(db, [ids[0]])
    window.broadcast(Changes.of(ids[0]))
    assert sorted(window.inquiry_list.visible_ids()) == sorted(ids[1:])
