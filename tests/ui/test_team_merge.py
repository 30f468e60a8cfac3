"""Two seats edit the same inquiry on one real PostgreSQL server: the second save opens the
merge dialog (theirs / mine / field by field) instead of overwriting; the change log on the
inquiry page says who changed what."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from anfrage_desk.model import Inquiry, Question
from anfrage_desk.services import inquiries as service
from anfrage_desk.services.edit_merge import MINE, THEIRS
from anfrage_desk.store import change_log, inquiries, open_db
from anfrage_desk.ui.inquiry_editor import InquiryEditor
from anfrage_desk.ui.main_window import MainWindow
from anfrage_desk.ui.merge_dialog import MergeDialog


def _seat(qtbot, uri: str) -> tuple[MainWindow, InquiryEditor]:  # type: ignore[no-untyped-def]
    window = MainWindow(open_db(uri), features=["inquiry_editor"])
    qtbot.addWidget(window)
    window.show()
    editor = window.inquiry_page.tab_widgets["inquiry"]
    assert isinstance(editor, InquiryEditor)
    return window, editor


def _retype(qtbot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def _when_dialog(act: Callable[[MergeDialog], None], seen: list[MergeDialog]) -> None:
    """Act on the merge dialog as soon as it is shown (it runs its own event loop)."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, MergeDialog) and dialog.isVisible():
            seen.append(dialog)
            act(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def test_two_seats_same_field_opens_merge_dialog_field_by_field(qtbot, office) -> None:  # type: ignore[no-untyped-def]
    jana_uri, tom_uri = office.add_seat("jana"), office.add_seat("tom")
    setup = open_db(jana_uri)
    inquiry_id, _ = service.create_inquiry(
        setup,
        Inquiry(None, "Radwege", preamble="Alt.", questions=(Question(None, "1", "Wie viele?"),)),
    )
    jana_window, jana = _seat(qtbot, jana_uri)
    tom_window, tom = _seat(qtbot, tom_uri)
    jana_window.open_inquiry(inquiry_id)
    tom_window.open_inquiry(inquiry_id)

    _retype(qtbot, tom.title_edit, "Radwege - Toms Titel")
    _retype(qtbot, tom.reference_edit, "DS 17/4")
    assert tom.save()
    _retype(qtbot, jana.title_edit, "Radwege - Janas Titel")
    _retype(qtbot, jana.faction_edit, "Fraktion B")

    seen: list[MergeDialog] = []

    def keep_mine(dialog: MergeDialog) -> None:
        assert list(dialog.combos) == ["title"]  # only the field both changed is asked
        assert dialog.table.item(0, 2).text() == "Radwege - Toms Titel"
        assert "tom" in dialog.windowTitle() + dialog.table.horizontalHeaderItem(2).text()
        dialog.choose("title", MINE)
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)

    _when_dialog(keep_mine, seen)
    assert jana.save()
    assert len(seen) == 1
    stored = inquiries.get_inquiry(setup, inquiry_id)
    assert stored is not None
    assert (stored.title, stored.reference, stored.faction) == (
        "Radwege - Janas Titel",
        "DS 17/4",  # Tom's change to a field Jana did not touch is kept
        "Fraktion B",
    )
    assert jana.reference_edit.text() == "DS 17/4"  # and shown in Jana's form
    who = [e.who for e in change_log.entries(setup, inquiry_id)]
    assert who[:2] == ["jana", "tom"]

    # Tom, still on his old state, changes the title again: he takes Jana's this time
    _retype(qtbot, tom.title_edit, "Radwege - noch ein Titel")
    _when_dialog(
        lambda dialog: qtbot.mouseClick(dialog.all_theirs_button, Qt.MouseButton.LeftButton), seen
    )
    assert tom.save()
    assert len(seen) == 2
    assert seen[1].choices() == {"title": THEIRS}
    stored = inquiries.get_inquiry(setup, inquiry_id)
    assert stored is not None and stored.title == "Radwege - Janas Titel"
    assert tom.title_edit.text() == "Radwege - Janas Titel"
    setup.close()  # the windows close their own connections when qtbot closes them


def test_other_seats_see_changes_and_who_has_the_inquiry_open(qtbot, office) -> None:  # type: ignore[no-untyped-def]
    from anfrage_desk.ui.team_tab import TAB_KEY, HistoryTab

    jana_uri, tom_uri = office.add_seat("jana"), office.add_seat("tom")
    jana_window = MainWindow(open_db(jana_uri), features=["inquiry_editor", "team_tab"])
    tom_window = MainWindow(open_db(tom_uri), features=["inquiry_editor", "team_tab"])
    for window in (jana_window, tom_window):
        qtbot.addWidget(window)
        window.show()
    # a new inquiry on Jana's seat appears in Tom's list without any action of his
    with qtbot.waitSignal(tom_window.team_sync.notified, timeout=2000):
        inquiry_id, changes = service.create_inquiry(jana_window.db, Inquiry(None, "Schulbau"))
        jana_window.broadcast(changes)
    assert tom_window.inquiry_list.model.row_of(inquiry_id) is not None

    tom_window.open_inquiry(inquiry_id)
    with qtbot.waitSignal(tom_window.team_sync.notified, timeout=2000):
        jana_window.open_inquiry(inquiry_id)
    tom_tab = tom_window.inquiry_page.tab_widgets[TAB_KEY]
    assert isinstance(tom_tab, HistoryTab)
    assert tom_tab.presence_label.text() == "Ebenfalls geöffnet von: jana"

    # Jana saves a new title: Tom's form shows it and his history says who did it
    jana = jana_window.inquiry_page.tab_widgets["inquiry"]
    tom = tom_window.inquiry_page.tab_widgets["inquiry"]
    assert isinstance(jana, InquiryEditor) and isinstance(tom, InquiryEditor)
    _retype(qtbot, jana.title_edit, "Schulbau am Markt")
    with qtbot.waitSignal(tom_window.team_sync.notified, timeout=2000):
        assert jana.save()
    assert tom.title_edit.text() == "Schulbau am Markt"
    assert tom_tab.log_list.item(0).text().endswith("– jana – Geändert: Titel")


def test_two_seats_override_the_same_answer_and_the_second_is_asked(
    qtbot, office, no_dialogs
) -> None:  # type: ignore[no-untyped-def]
    from anfrage_desk.model import Verdict
    from anfrage_desk.services.example import load_example
    from anfrage_desk.store import answers
    from anfrage_desk.ui.answer_review import AnswerReviewTab

    jana_uri, tom_uri = office.add_seat("jana"), office.add_seat("tom")
    setup = open_db(jana_uri)
    inquiry_id, _ = load_example(setup)
    tabs = []
    for uri in (jana_uri, tom_uri):
        window = MainWindow(open_db(uri), features=["answer_review"])
        qtbot.addWidget(window)
        window.show()
        window.open_inquiry(inquiry_id, "answers")
        tab = window.inquiry_page.tab_widgets["answers"]
        assert isinstance(tab, AnswerReviewTab)
        tab.step(4)  # question 5
        tabs.append(tab)
    jana, tom = tabs
    tom.override_combo.setCurrentIndex(2)  # teilweise
    assert tom.save()
    jana.override_combo.setCurrentIndex(4)  # fehlt
    assert jana.save()  # asked (confirm: "Meinen Stand speichern"), then saved
    kind, text = no_dialogs[-1]
    assert kind == "confirm" and "tom hat die Antwort zu Frage 5 geändert" in text
    assert "Bewertung: jetzt „teilweise“, bei Ihnen „fehlt“" in text
    letter = answers.letters_for(setup, inquiry_id)[0]
    fifth = answers.answers_for_letter(setup, letter.id or 0)[4]
    assert fifth.user_verdict == Verdict.MISSING
    setup.close()


def test_listening_survives_a_server_restart(qtbot, office) -> None:  # type: ignore[no-untyped-def]
    jana = open_db(office.add_seat("jana"))
    tom_window = MainWindow(open_db(office.add_seat("tom")), features=["team_tab"])
    qtbot.addWidget(tom_window)
    # Tom's listener notices the lost connection and listens again (every 2 s until it can)
    with qtbot.waitSignal(tom_window.team_sync.listening, timeout=15000):
        office.server.restart()
    with qtbot.waitSignal(tom_window.team_sync.notified, timeout=8000):
        service.create_inquiry(jana, Inquiry(None, "Nach dem Neustart"))
    jana.close()
