"""Issue 15 (a staffer's first day) through the real widgets: received date, Nachfrage flow,
duplicates, one letter date, Qt's own German."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMenu,
)

from anfrage_desk.model import InquiryKind, Status
from anfrage_desk.services import answers as answer_service
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.services.common import set_clock
from anfrage_desk.services.example import EXAMPLE_DIR, load_example
from anfrage_desk.store import answers, inquiries
from anfrage_desk.ui.actions import Action
from anfrage_desk.ui.answer_import import AnswerImportDialog
from anfrage_desk.ui.followup_dialog import FollowupDialog
from anfrage_desk.ui.inquiry_dialogs import SubmitDialog
from anfrage_desk.ui.main_window import MainWindow

LETTER = EXAMPLE_DIR / "antwort-2024-05-15.txt"


def _window(qtbot, db, features=None) -> MainWindow:
    window = MainWindow(db, features=features)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _new_example_inquiry(db) -> int:
    inquiry_id, _ = inquiry_service.create_inquiry(
        db, inquiry_service.inquiry_from_file(EXAMPLE_DIR / "anfrage-2024-04-29.txt")
    )
    inquiry_service.submit_inquiry(db, inquiry_id, date(2024, 4, 29))
    return inquiry_id


def test_import_dialog_received_follows_letter_date(qtbot, db, no_dialogs) -> None:
    set_clock(lambda: date(2024, 6, 3))
    inquiry_id = _new_example_inquiry(db)
    window = _window(qtbot, db, ["answer_review"])
    dialog = AnswerImportDialog(window, inquiry_id)
    qtbot.addWidget(dialog)
    assert dialog.received_edit.text() == "03.06.2024"  # nothing read yet
    with qtbot.waitSignal(dialog.file_loaded, timeout=10000):
        dialog.load_file(LETTER)
    assert dialog.received_edit.text() == "15.05.2024"
    assert "Datum des Schreibens" in dialog.received_hint.text()
    with qtbot.waitSignal(window.data_changed):
        dialog.save()
    assert answers.letters_for(db, inquiry_id)[0].received_on == date(2024, 5, 15)


def test_import_dialog_keeps_a_typed_received_date(qtbot, db, no_dialogs) -> None:
    set_clock(lambda: date(2024, 6, 3))
    inquiry_id = _new_example_inquiry(db)
    window = _window(qtbot, db, ["answer_review"])
    dialog = AnswerImportDialog(window, inquiry_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.received_edit.selectAll()
    qtbot.keyClicks(dialog.received_edit, "17.5.24")
    with qtbot.waitSignal(dialog.file_loaded, timeout=10000):
        dialog.load_file(LETTER)
    assert dialog.received_edit.value() == date(2024, 5, 17)
    with qtbot.waitSignal(window.data_changed):
        dialog.save()
    assert answers.letters_for(db, inquiry_id)[0].received_on == date(2024, 5, 17)


def test_same_letter_twice_asks_first(qtbot, db, monkeypatch, no_dialogs) -> None:
    from anfrage_desk.ui import messages

    inquiry_id = _new_example_inquiry(db)
    answer_service.import_answer(db, inquiry_id, answer_service.read_letter(LETTER))
    window = _window(qtbot, db, ["answer_review"])
    asked: list[str] = []
    monkeypatch.setattr(
        messages, "confirm", lambda parent, msg, *a, **k: asked.append(msg) or False
    )
    dialog = AnswerImportDialog(window, inquiry_id)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.file_loaded, timeout=10000):
        dialog.load_file(LETTER)
    dialog.save()
    assert asked and "bereits erfasst" in asked[0] and "15.05.2024" in asked[0]
    assert len(answers.letters_for(db, inquiry_id)) == 1
    assert dialog.letter_id is None


def test_nachfrage_created_is_confirmed_and_opens_on_its_letter(
    qtbot, db, monkeypatch, no_dialogs
) -> None:
    set_clock(lambda: date(2024, 6, 3))
    inquiry_id, _ = load_example(db)
    window = _window(qtbot, db)
    window.open_inquiry(inquiry_id)

    def run(dialog: FollowupDialog) -> int:
        cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel.text() == "Abbrechen"  # Qt's own German
        assert dialog.create_followup(None)
        return 1

    monkeypatch.setattr(FollowupDialog, "exec", run)
    window.actions_[Action.NEW_FOLLOWUP].trigger()
    child_id = window.inquiry_page.inquiry_id
    child = inquiries.get_inquiry(db, child_id)
    assert child is not None and child.kind == InquiryKind.NACHFRAGE
    assert window.inquiry_page.tabs.currentWidget() is window.inquiry_page.tab_widgets["inquiry"]
    message = window.statusBar().currentMessage()
    assert "Nachfrage angelegt" in message and "Einreichen" in message
    # The shortcut reaches Einreichen; submitting on a typed date dates the letter that day.
    typed: list[str] = []

    def submit(dialog: SubmitDialog) -> int:
        dialog.date_edit.selectAll()
        qtbot.keyClicks(dialog.date_edit, "5.6.24")
        typed.append(dialog.date_edit.text())
        return 1

    monkeypatch.setattr(SubmitDialog, "exec", submit)
    editor = window.inquiry_page.tab_widgets["inquiry"]
    qtbot.keyClick(
        editor.title_edit,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert typed == ["5.6.24"]
    child = inquiries.get_inquiry(db, child_id)
    assert child is not None and child.status == Status.SUBMITTED
    assert child.submitted_on == child.drafted_on == date(2024, 6, 5)
    assert editor.date_edit.text() == "05.06.2024"


def test_qt_dialogs_and_menus_speak_german(qtbot) -> None:
    from anfrage_desk.ui.app import create_app

    app = create_app()
    assert app is not None
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(box)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"Speichern", "Abbrechen"}
    edit = QLineEdit("Text")
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    assert isinstance(menu, QMenu)
    actions = [a.text().replace("&", "").split("\t")[0] for a in menu.actions() if a.text()]
    assert "Rückgängig" in actions and "Einfügen" in actions and "Kopieren" in actions
    dialog = QFileDialog(None, "Speichern")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert "Look in:" not in labels and any("Suche in" in t or "Suchen in" in t for t in labels)


def test_counted_words_reminder_info_and_sent_reminders(qtbot, db, tmp_path, no_dialogs) -> None:
    from anfrage_desk.model import Inquiry, Question
    from anfrage_desk.services import followups as followup_service

    set_clock(lambda: date(2024, 6, 3))
    answered, _ = load_example(db)
    late, _ = inquiry_service.create_inquiry(
        db, Inquiry(None, "Radwege", questions=(Question(None, "1", "Wie viele?"),))
    )
    inquiry_service.submit_inquiry(db, late, date(2024, 5, 3))  # due 31.05.2024 (4 weeks)
    due = inquiries.get_inquiry(db, late).due_on
    set_clock(lambda: date.fromordinal(due.toordinal() + 1))
    window = _window(qtbot, db)
    assert window.count_label.text().startswith("2 Anfragen")
    page = window.overview
    assert page.model.index(0, 4).data() == "1 Tag"
    assert page.model.index(0, 5).data() == "noch keine"
    assert "1 Anfrage ist überfällig" in page.banner.findChild(QLabel).text()

    reminder = window.actions_[Action.EXPORT_REMINDER]
    window.open_inquiry(answered)
    assert not reminder.isEnabled()  # answered: nothing to remind of
    window.followup_commands.export_reminder()
    assert no_dialogs and no_dialogs[-1][0] == "notify"  # information, not a red "Fehler"
    assert "nicht nötig" in no_dialogs[-1][1]
    window.open_inquiry(late)
    assert reminder.isEnabled()
    followup_service.export_reminder(db, late, tmp_path / "e.docx")
    window.broadcast(inquiry_service.Changes.of(late))
    assert page.model.index(0, 5).data().startswith("gesendet am ")


def test_meeting_brief_summary_counts_one_inquiry(qtbot, db, no_dialogs) -> None:
    from anfrage_desk.store import bodies
    from anfrage_desk.ui.meeting_brief import BodyChoiceDialog

    load_example(db)
    window = _window(qtbot, db)
    dialog = BodyChoiceDialog(window, bodies.list_bodies(db))
    qtbot.addWidget(dialog)
    assert "1 Anfrage mit unklaren Antworten" in dialog.summary.text()


def test_first_start_declined_shows_a_way_forward(qtbot, db, monkeypatch) -> None:
    from anfrage_desk.ui import app, messages

    asked: list[dict] = []
    monkeypatch.setattr(messages, "confirm", lambda parent, msg, **kw: asked.append(kw) or False)
    window = _window(qtbot, db)
    app.offer_example(window)
    assert asked and asked[0]["cancel"] == "Leer beginnen" and asked[0]["ok"] == "Beispiel laden"
    page = window.overview
    assert page.list_stack.currentWidget() is page.welcome
    assert page.welcome.isVisible() and not page.empty_label.isVisible()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert window.inquiry_page.isVisible() and window.inquiry_page.inquiry_id is not None


def test_first_start_example_opens_the_review(qtbot, db, monkeypatch) -> None:
    from anfrage_desk.ui import app, messages

    monkeypatch.setattr(messages, "confirm", lambda parent, msg, **kw: True)
    window = _window(qtbot, db)
    app.offer_example(window)
    assert window.inquiry_page.isVisible()
    assert window.inquiry_page.tabs.currentWidget() is window.inquiry_page.tab_widgets["answers"]
    assert "Beispiel geladen" in window.statusBar().currentMessage()
    window.show_page("overview")
    assert window.overview.list_stack.currentWidget() is not window.overview.welcome


def test_layout_keeps_what_matters_in_view(qtbot, db, no_dialogs) -> None:
    inquiry_id, _ = load_example(db)
    window = _window(qtbot, db)
    window.resize(1280, 800)
    window.open_inquiry(inquiry_id, "inquiry")
    QApplication.processEvents()
    editor = window.inquiry_page.tab_widgets["inquiry"]
    viewport = editor.scroll_area.viewport()
    first_question = editor.questions.rows[0].edit
    top = first_question.mapTo(viewport, first_question.rect().topLeft()).y()
    assert 0 <= top < viewport.height() - 20  # the questions are in view without scrolling
    line = editor.preamble_edit.fontMetrics().lineSpacing()
    assert editor.preamble_edit.height() <= line * 10 + 14
    assert editor.title_edit.width() > editor.width() * 0.8  # long titles are not clipped

    window.open_inquiry(inquiry_id, "answers")
    QApplication.processEvents()
    table = window.inquiry_page.tab_widgets["answers"].table
    last = table.visualRect(table.model().index(5, 0))
    assert last.isValid() and last.bottom() <= table.viewport().height()  # all 6 rows

    dialog = FollowupDialog(db, inquiry_id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    tops = {r.item.label: r.y() for r in dialog.rows}
    unclear = [tops[label] for label in ("3", "4", "6")]
    clear = [tops[label] for label in ("1", "2", "5")]
    assert max(unclear) < min(clear)  # the pre-selected ones come first
    assert dialog.clear_label.isVisibleTo(dialog)
    assert [i.label for i in dialog.items()] == ["1", "2", "3", "4", "5", "6"]  # letter order
    dialog.reject()


def test_import_preview_counts_one_question(qtbot, db, no_dialogs) -> None:
    from anfrage_desk.model import Inquiry, Question

    one, _ = inquiry_service.create_inquiry(
        db, Inquiry(None, "Radwege", questions=(Question(None, "1", "Wie viele?"),))
    )
    window = _window(qtbot, db, ["answer_review"])
    dialog = AnswerImportDialog(window, one)
    qtbot.addWidget(dialog)
    dialog.text_edit.setPlainText("1. Wie viele?\nZwölf.")
    dialog.update_preview()
    assert dialog.preview_summary.text().startswith("1 von 1 Frage beantwortet")
