"""The search page, driven as a user: type, filter, open a hit, rebuild the index."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from anfrage_desk.model import Inquiry, Question
from anfrage_desk.services import answers as answer_service
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.store import Database, search
from anfrage_desk.ui.actions import Action
from anfrage_desk.ui.main_window import MainWindow
from anfrage_desk.ui.search_view import HTML_ROLE, INQUIRY_ROLE, TAB_ROLE, SearchView

LETTER = """Stadt Münster

15.05.2024

1. Bis wann wird die Kaiserstraße saniert?
Eine konkrete Zeitplanung kann aktuell nicht benannt werden.

2. Wie viele Unfälle gab es?
Im Jahr 2023 gab es 17 Unfälle mit Radfahrenden.
"""


def _add(db: Database, title: str, *questions: str) -> int:
    inquiry_id, _ = inquiry_service.create_inquiry(
        db,
        Inquiry(
            None,
            title,
            questions=tuple(Question(None, str(i + 1), q, i) for i, q in enumerate(questions)),
        ),
    )
    return inquiry_id


def _window(qtbot, db: Database) -> tuple[MainWindow, SearchView]:
    window = MainWindow(db, features=["search_view"])
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = window.pages["search"]
    assert isinstance(view, SearchView)
    return window, view


def _texts(view: SearchView) -> list[str]:
    out = []
    for row in range(view.model.rowCount()):
        group = view.model.item(row)
        out.append(group.text())
        out.extend(group.child(c).text() for c in range(group.rowCount()))
    return out


def test_typing_finds_strasse_prefix_phrase_and_answers(qtbot, db, no_dialogs) -> None:
    street = _add(
        db,
        "Sanierung der Kaiserstraße",
        "Bis wann wird die Kaiserstraße saniert?",
        "Wie viele Unfälle gab es?",
    )
    _add(db, "Kita-Plätze im Südviertel", "Wie viele Kinder warten auf einen Platz?")
    inquiry_service.submit_inquiry(db, street, date(2024, 4, 29))
    answer_service.import_answer(
        db, street, answer_service.pasted_letter(LETTER), date(2024, 5, 16)
    )
    window, view = _window(qtbot, db)
    window.actions_[Action.FIND].trigger()
    assert window.current_page() == "search" and view.field.hasFocus()

    with qtbot.waitSignal(view.searched, timeout=3000) as blocker:
        qtbot.keyClicks(view.field, "kaiserstrasse")
    result = blocker.args[0]
    assert [g.inquiry_id for g in result.groups] == [street]
    assert "Kaiserstraße" in view.model.item(0).data(HTML_ROLE)
    assert (
        '<span style="background-color:#ffe08a; color:#1a1a1a;">Kaiserstraße</span>'
        in view.model.item(0).data(HTML_ROLE)
    )
    assert view.count_label.text().endswith("in 1 Anfrage")

    assert [g.inquiry_id for g in view.search("kita pla").groups] != []  # prefix of the last word
    assert view.search('"gab es"').total_hits >= 1
    assert view.search('"es gab"').groups == ()  # phrases keep their word order

    result = view.search("radfahrende")
    answer_hits = [h for g in result.groups for h in g.hits if h.kind == "answer"]
    assert [h.label.split(" (")[0] for h in answer_hits] == ["Antwort zu 2"]
    assert any(t.startswith("Antwort zu 2") and "Radfahrenden" in t for t in _texts(view))
    group = view.model.item(0)
    rows = [group.child(c).data(HTML_ROLE) for c in range(group.rowCount())]
    assert any(  # the hit row's snippet, cut and marked when the view asks for it
        "Antwort zu 2" in row
        and '<span style="background-color:#ffe08a; color:#1a1a1a;">Radfahrenden</span>' in row
        for row in rows
    )


def test_malformed_queries_and_no_hits_are_honest(qtbot, db, no_dialogs) -> None:
    _add(db, "Radwege", "Wie viele Radwege gibt es?")
    window, view = _window(qtbot, db)
    for bad in ['"', "AND", "*", "NEAR(", "-", '"radwege', "OR OR", "^"]:
        view.search(bad)
    assert view.search('"radwege').groups  # a lone quote falls back to a plain search
    view.search("Seilbahn")
    assert view.stack.currentWidget() is view.message
    assert "Keine Treffer für „Seilbahn“" in view.message.text()
    assert no_dialogs == []


def test_index_follows_edits_and_deletion_in_the_window(qtbot, db, no_dialogs) -> None:
    inquiry_id = _add(db, "Hallenbad", "Wann öffnet das Hallenbad wieder?")
    window, view = _window(qtbot, db)
    window.show_page("search")
    assert view.search("hallenbad").groups
    inquiry = inquiry_service.load_inquiry(db, inquiry_id)
    question = inquiry.questions[0].__class__(
        inquiry.questions[0].id, "1", "Wann öffnet das Freibad?", 0
    )
    with qtbot.waitSignal(view.searched, timeout=3000):
        window.run_service(
            lambda: inquiry_service.save_inquiry(
                db,
                inquiry.__class__(
                    **{**inquiry.__dict__, "title": "Bäder", "questions": (question,)}
                ),
            )
        )
    assert view.result.groups == ()  # re-run after the change: the old words are gone
    assert view.search("freibad").groups[0].inquiry_id == inquiry_id
    window.inquiry_list.select_id(inquiry_id)
    window.show_page("inquiries")
    window.list_commands.trash_selected()
    window.show_page("search")  # stale results are refreshed when the page comes back
    assert view.result.groups == ()
    window.list_commands.undo_trash()
    assert view.search("freibad").groups


def test_opening_a_hit_opens_the_inquiry(qtbot, db, no_dialogs) -> None:
    inquiry_id = _add(
        db,
        "Sanierung der Kaiserstraße",
        "Bis wann wird die Kaiserstraße saniert?",
        "Wie viele Unfälle gab es?",
    )
    _add(db, "Anderes Thema", "Was ist mit der Kaiserstraße?")
    window, view = _window(qtbot, db)
    result = view.search("saniert kaiserstrasse")
    assert [g.inquiry_id for g in result.groups] == [inquiry_id]
    view.field.setFocus()
    qtbot.keyClick(view.field, Qt.Key.Key_Return)  # Return: search and go to the first hit
    assert view.tree.hasFocus()
    index = view.tree.currentIndex()
    assert index.data(INQUIRY_ROLE) == inquiry_id
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert window.current_page() == "inquiry"
    assert window.inquiry_page.inquiry_id == inquiry_id

    window.show_page("search")
    group = view.model.index(0, 0)
    child = view.model.index(0, 0, group)
    assert child.data(TAB_ROLE) == "answers"
    view.open_index(child)  # no "answers" tab registered here: opens the inquiry as it is
    assert window.current_page() == "inquiry"


def test_filters_narrow_the_results(qtbot, db, no_dialogs) -> None:
    body_id, _ = inquiry_service.save_body(db, inquiry_service.Body(None, "Kreistag Unna"))
    a = _add(db, "Radweg Nord", "Wie lang ist der Radweg?")
    b = _add(db, "Radweg Süd", "Wie breit ist der Radweg?")
    inquiry = inquiry_service.load_inquiry(db, b)
    inquiry_service.save_inquiry(db, inquiry.__class__(**{**inquiry.__dict__, "body_id": body_id}))
    window, view = _window(qtbot, db)
    assert {g.inquiry_id for g in view.search("radweg").groups} == {a, b}
    with qtbot.waitSignal(view.searched):
        view.body_combo.setCurrentIndex(view.body_combo.findData(body_id))
    assert [g.inquiry_id for g in view.result.groups] == [b]
    assert view.reset_button.isEnabled()
    view.search("breit lang")
    assert "Filter zurücksetzen" in view.message.text()
    view.search("radweg")
    view.reset_filters()
    assert {g.inquiry_id for g in view.result.groups} == {a, b}


def test_rebuild_index_from_the_extras_menu(qtbot, db, no_dialogs) -> None:
    _add(db, "Radweg Nord", "Wie lang ist der Radweg?")
    with db.atomic():
        search.clear(db)
    window, view = _window(qtbot, db)
    assert view.search("radweg").groups == ()
    action = window.actions_[Action.REBUILD_INDEX]
    assert action in window.menus["Extras"].actions()
    with qtbot.waitSignal(view.searched, timeout=10000):
        action.trigger()
    assert view.result.groups
    assert "Suchindex neu aufgebaut" in window.statusBar().currentMessage()
    assert action.isEnabled()


def test_typing_in_the_started_app_searches_off_the_gui_thread(qtbot, db, no_dialogs) -> None:
    """Each pause in typing starts a query in a worker; only the text in the field is shown."""
    street = _add(db, "Sanierung der Kaiserstraße", "Bis wann wird die Kaiserstraße saniert?")
    kita = _add(db, "Kita-Plätze im Südviertel", "Wie viele Kinder warten auf einen Platz?")
    window = MainWindow(db, features=["search_view"], background=True)
    qtbot.addWidget(window)
    window.show()
    view = window.pages["search"]
    assert isinstance(view, SearchView)
    window.show_page("search")
    shown: list[str] = []
    view.searched.connect(lambda result: shown.append(result.query))
    qtbot.keyClicks(view.field, "kaiser")
    view._timer.timeout.emit()  # the pause: the query goes to the worker, the GUI goes on
    view._timer.stop()
    assert view.result.query == ""  # nothing shown yet: the GUI thread did not search
    view.field.setText("kita")  # typing on before the first result arrives
    view._timer.timeout.emit()
    view._timer.stop()
    qtbot.waitUntil(lambda: view.result.query == "kita", timeout=10000)
    qtbot.waitUntil(lambda: not view._reader.busy, timeout=10000)
    assert shown == ["kita"]  # the result for "kaiser" came late and was dropped
    assert [g.inquiry_id for g in view.result.groups] == [kita]
    assert street not in [g.inquiry_id for g in view.result.groups]


def test_more_hits_come_a_page_at_a_time(qtbot, db, no_dialogs) -> None:
    """A result shows the best 50 hits; "Weitere Treffer zeigen" adds the next 50."""
    for n in range(60):
        _add(db, f"Radweg {n}")
    window, view = _window(qtbot, db)
    window.show_page("search")
    first = view.search("radweg")
    assert (first.total_hits, first.shown_hits) == (60, 50)
    assert view.count_label.text().startswith("Die besten 50 von 60 Treffern")
    assert view.more_button.isVisible()
    with qtbot.waitSignal(view.searched, timeout=3000) as blocker:
        qtbot.mouseClick(view.more_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].shown_hits == 60
    assert view.model.rowCount() == 60
    assert not view.more_button.isVisible()
    assert view.search("radweg").shown_hits == 50  # a new search starts with one page again
