from datetime import date

from anfrage_desk.model import Inquiry, Question
from anfrage_desk.services import inquiries as service
from anfrage_desk.services.common import set_clock
from anfrage_desk.store import open_db
from anfrage_desk.ui.main_window import MainWindow


def _add(db, title, reference="", submitted=None):
    inquiry_id, _ = service.create_inquiry(
        db,
        Inquiry(None, title, reference=reference, questions=(Question(None, "1", "Wie viele?"),)),
    )
    if submitted:
        service.submit_inquiry(db, inquiry_id, submitted)
    return inquiry_id


def test_list_shows_rows_from_store_and_filters(qtbot, db, no_dialogs):
    _add(db, "Radwege in der Innenstadt", "20/123", date(2024, 3, 1))
    _add(db, "Kita-Plätze 2025")
    _add(db, "Sanierung Hallenbad")
    window = MainWindow(db, features=[])
    qtbot.addWidget(window)
    view = window.inquiry_list
    assert view.proxy.rowCount() == 3
    titles = {view.proxy.index(r, 1).data() for r in range(3)}
    assert titles == {"Radwege in der Innenstadt", "Kita-Plätze 2025", "Sanierung Hallenbad"}
    qtbot.keyClicks(view.filter_edit, "kita")
    assert view.proxy.rowCount() == 1
    assert view.proxy.index(0, 1).data() == "Kita-Plätze 2025"
    view.filter_edit.clear()
    qtbot.keyClicks(view.filter_edit, "20/123")
    assert view.proxy.rowCount() == 1
    assert view.proxy.index(0, 4).data() == "01.03.2024"
    assert "3 Anfragen" in window.count_label.text()


def test_empty_database_shows_honest_empty_state(qtbot, db):
    window = MainWindow(db, features=[])
    qtbot.addWidget(window)
    window.show()
    assert window.inquiry_list.stack.currentWidget() is window.inquiry_list.empty_label
    assert "Strg+N" in window.inquiry_list.empty_label.text()


def test_overdue_status_follows_clock_and_trash_undo(qtbot, db, no_dialogs):
    set_clock(lambda: date(2024, 3, 10))
    inquiry_id = _add(db, "Radwege", submitted=date(2024, 3, 1))
    window = MainWindow(db, features=[])
    qtbot.addWidget(window)
    assert window.inquiry_list.proxy.index(0, 6).data() == "Eingereicht"
    set_clock(lambda: date(2024, 5, 10))
    window.inquiry_list.reload()
    assert window.inquiry_list.proxy.index(0, 6).data() == "Überfällig"
    window.inquiry_list.select_id(inquiry_id)
    with qtbot.waitSignal(window.data_changed):
        window.list_commands.trash_selected()
    assert window.inquiry_list.proxy.rowCount() == 0
    window.show_page("trash")
    assert window.trash_list.proxy.rowCount() == 1
    window.list_commands.undo_trash()
    assert window.inquiry_list.proxy.rowCount() == 1
    assert window.trash_list.proxy.rowCount() == 0


def test_geometry_is_kept(qtbot, db_path):
    db = open_db(db_path)
    window = MainWindow(db, features=[])
    qtbot.addWidget(window)
    window.show()
    window.resize(770, 530)
    qtbot.waitUntil(lambda: window.width() == 770)
    window.close()
    again = MainWindow(db, features=[])
    qtbot.addWidget(again)
    again.show()
    assert (again.width(), again.height()) == (770, 530)
    db.close()


def test_help_menu_loads_the_example(qtbot, db, no_dialogs):
    from anfrage_desk.ui.actions import Action

    window = MainWindow(db, features=[])
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.data_changed):
        window.actions_[Action.LOAD_EXAMPLE].trigger()
    assert window.inquiry_list.proxy.rowCount() == 1
    assert window.current_page() == "inquiry"
    assert "Strategie zur Künstlichen Intelligenz" in window.inquiry_page.title_label.text()


def test_mark_done_and_reopen(qtbot, db, no_dialogs):
    from anfrage_desk.model import Status
    from anfrage_desk.services.example import load_example
    from anfrage_desk.store import inquiries
    from anfrage_desk.ui.actions import Action

    inquiry_id, _ = load_example(db)
    window = MainWindow(db, features=[])
    qtbot.addWidget(window)
    window.inquiry_list.select_id(inquiry_id)
    window.actions_[Action.MARK_DONE].trigger()
    assert inquiries.get_inquiry(db, inquiry_id).status == Status.DONE
    assert window.inquiry_list.proxy.index(0, 6).data().startswith("Erledigt")
    window.actions_[Action.REOPEN].trigger()
    assert inquiries.get_inquiry(db, inquiry_id).status == Status.ANSWERED


def test_untouched_new_draft_is_dropped_but_typed_one_kept(qtbot, db, no_dialogs):
    from anfrage_desk.services import inquiries as service
    from anfrage_desk.store import inquiries

    window = MainWindow(db, features=["inquiry_editor"])
    qtbot.addWidget(window)
    empty_id, _ = service.create_inquiry(db, Inquiry(None, "", faction="Fraktion X"))
    window.open_inquiry(empty_id)
    window.show_page("inquiries")
    assert inquiries.get_inquiry(db, empty_id) is None
    typed_id, _ = service.create_inquiry(db, Inquiry(None, "", preamble="Sehr geehrte"))
    window.open_inquiry(typed_id)
    window.show_page("inquiries")
    assert inquiries.get_inquiry(db, typed_id) is not None
