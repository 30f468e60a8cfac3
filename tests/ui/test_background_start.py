"""The start paints first: list rows, counts, overview and promises fill in from a worker thread."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from anfrage_desk.model import Inquiry, Question, Status
from anfrage_desk.services import Changes
from anfrage_desk.services import answers as answer_service
from anfrage_desk.services.common import set_clock
from anfrage_desk.store import Database, inquiries
from anfrage_desk.ui.actions import Action
from anfrage_desk.ui.background import Reader
from anfrage_desk.ui.main_window import MainWindow


def _inquiries(db: Database, count: int) -> list[int]:
    ids = []
    with db.atomic():
        for n in range(count):
            ids.append(
                inquiries.insert_inquiry(
                    db,
                    Inquiry(
                        None,
                        f"Anfrage {n}",
                        submitted_on=date(2024, 1, 2),
                        due_on=date(2024, 2, 1),
                        status=Status.SUBMITTED,
                        questions=(Question(None, "1", "Bis wann wird saniert?", 0),),
                    ),
                )
            )
    return ids


def test_window_is_built_before_the_rows_and_fills_them_in(qtbot: QtBot, db: Database) -> None:
    _inquiries(db, 12)
    set_clock(lambda: date(2024, 3, 1))
    window = MainWindow(db, features=["overview", "promises_panel"], background=True)
    qtbot.addWidget(window)
    assert not window.rows_ready
    assert window.inquiry_list.model.rowCount() == 0
    assert window.count_label.text() == "Anfragen werden geladen …"
    overview = window.pages["overview"]
    assert overview.list_stack.currentWidget() is not overview.welcome  # not "database empty"
    with qtbot.waitSignal(window.rows_loaded, timeout=10000):
        window.show()
    assert window.rows_ready
    assert window.inquiry_list.model.rowCount() == 12
    assert window.count_label.text() == "12 Anfragen · 12 überfällig"
    assert overview.model.rowCount() == 12
    assert overview.list_stack.currentWidget() is overview.table


def test_promises_are_computed_off_the_gui_thread(qtbot: QtBot, db: Database) -> None:
    (inquiry_id,) = _inquiries(db, 1)
    letter = "Musterstadt, 15.05.2024\n\nZu Frage 1:\nDie Sanierung wird derzeit geprüft.\n"
    answer_service.import_answer(
        db, inquiry_id, answer_service.pasted_letter(letter), date(2024, 5, 16)
    )
    set_clock(lambda: date(2025, 1, 2))
    window = MainWindow(db, features=["overview", "promises_panel"], background=True)
    qtbot.addWidget(window)
    window.show()
    panel = window.promises_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=10000)
    assert panel.title.text() == "Zugesagte Antworten fällig (1)"
    window.broadcast(Changes())  # a refresh while one may run: the newest result stays
    qtbot.waitUntil(lambda: not panel._reader.busy, timeout=10000)
    assert panel.model.rowCount() == 1


def test_a_stale_read_is_dropped(qtbot: QtBot, db_path: Path, db: Database) -> None:
    reader = Reader(db_path)
    release = threading.Event()
    shown: list[str] = []

    def slow(_db: Database) -> str:
        release.wait(10)
        return "alt"

    reader.read(slow, shown.append)
    reader.read(lambda _db: "neu", shown.append)
    qtbot.waitUntil(lambda: shown == ["neu"], timeout=10000)
    release.set()
    qtbot.waitUntil(lambda: not reader.busy, timeout=10000)
    assert shown == ["neu"]


def _nav(window: MainWindow) -> list[str]:
    return [window.nav.item(row).text() for row in range(window.nav.count())]


def test_the_features_follow_the_first_paint(qtbot: QtBot, db: Database) -> None:
    """The start builds the Übersicht only; the other features install after the paint."""
    (inquiry_id,) = _inquiries(db, 1)
    window = MainWindow(db, background=True)
    qtbot.addWidget(window)
    assert _nav(window) == ["Übersicht", "Anfragen", "Papierkorb"]
    assert set(window.pages) == {"overview"}  # the list too is built after the paint
    quit_action = window.actions_[Action.QUIT]
    assert quit_action not in window.menus["Datei"].actions()
    window.show()
    qtbot.waitUntil(lambda: quit_action in window.menus["Datei"].actions(), timeout=10000)
    assert _nav(window) == ["Übersicht", "Anfragen", "Suche", "Statistik", "Papierkorb"]
    assert window.actions_[Action.NEW_FOLLOWUP] in window.menus["Datei"].actions()
    built = set(window.pages)  # pages are built when first shown
    assert {"overview", "inquiries"} <= built and not built & {"search", "statistics", "trash"}
    window.actions_[Action.SHOW_STATISTICS].trigger()
    assert window.current_page() == "statistics"
    window.actions_[Action.FIND].trigger()
    assert window.current_page() == "search"
    window.actions_[Action.SHOW_TRASH].trigger()
    assert window.current_page() == "trash"
    window.open_inquiry(inquiry_id, "answers")  # the inquiry page is built on first use
    assert window.current_page() == "inquiry"
    assert list(window.inquiry_page.tab_widgets) == ["inquiry", "answers", "followups", "history"]


def test_a_page_asked_for_before_the_paint_installs_the_features(
    qtbot: QtBot, db: Database
) -> None:
    window = MainWindow(db, background=True)
    qtbot.addWidget(window)
    assert "Suche" not in _nav(window)
    window.show_page("search")  # e.g. a command run at once
    assert window.current_page() == "search"
    assert "Suche" in _nav(window)
    assert window.actions_[Action.QUIT] in window.menus["Datei"].actions()
