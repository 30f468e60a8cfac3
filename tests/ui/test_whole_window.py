"""The shipped window (all features, as `make run` builds it), driven like a staffer's first
day, with the keyboard: Strg+N, typing, Einreichen with a typed date, Antwort erfassen,
checking the verdicts, Nachfrage created, submitted and exported, an Erinnerung for another
overdue inquiry, the search, the Papierkorb and back. Each step asserts what the user sees."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from anfrage_desk.model import Inquiry, InquiryKind, Question, Status
from anfrage_desk.services import drafting
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.services.common import set_clock
from anfrage_desk.services.example import EXAMPLE_DIR
from anfrage_desk.store import answers, inquiries
from anfrage_desk.ui.answer_import import AnswerImportDialog
from anfrage_desk.ui.drafting_commands import DraftingCommands
from anfrage_desk.ui.followup_dialog import FollowupDialog
from anfrage_desk.ui.inquiry_dialogs import PasteQuestionsDialog, SubmitDialog
from anfrage_desk.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
QUESTIONS = (EXAMPLE_DIR / "anfrage-2024-04-29.txt").read_text(encoding="utf-8")
LETTER = EXAMPLE_DIR / "antwort-2024-05-15.txt"


def _numbered(text: str) -> str:
    """The numbered questions of the example inquiry file, as a staffer would copy them."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("1."))
    return "\n".join(lines[start:])


def test_a_staffers_first_day(qtbot, db, tmp_path: Path, monkeypatch, no_dialogs) -> None:
    set_clock(lambda: date(2024, 6, 3))
    drafting.save_sender(
        db,
        drafting.SenderSettings(
            faction="Kreistagsfraktion Bündnis 90 / Die Grünen",
            address="Kurt-Schumacher-Allee 1\n45657 Recklinghausen",
            signatories=("Dr. Wagener\nFraktionsvorsitzender",),
        ),
    )
    late, _ = inquiry_service.create_inquiry(
        db,
        Inquiry(
            None,
            "Radwege im Kreis",
            addressee_name="Herrn Landrat Bodo Klimpel",
            addressee_office="Kreis Recklinghausen",
            questions=(Question(None, "1", "Wie viele Kilometer Radweg wurden 2023 gebaut?"),),
        ),
    )
    inquiry_service.submit_inquiry(db, late, date(2024, 3, 1))
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.current_page() == "overview"
    assert window.overview.counts()["overdue"] == 1

    # -- Strg+N: a new inquiry, the title has the focus
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    editor = window.inquiry_page.tab_widgets["inquiry"]
    qtbot.waitUntil(editor.title_edit.hasFocus)
    assert "Neue Anfrage angelegt" in window.statusBar().currentMessage()
    qtbot.keyClicks(editor.title_edit, "Strategie zur KI")
    inquiry_id = window.inquiry_page.inquiry_id
    for field, text in (
        (editor.addressee_office_edit, "Kreis Recklinghausen"),
        (editor.addressee_name_edit, "Herrn Landrat Bodo Klimpel"),
    ):
        field.setFocus()
        qtbot.keyClicks(field, text)

    # -- Fragen einfügen … (Alt+I): the pasted block becomes six questions
    def paste(dialog: PasteQuestionsDialog) -> int:
        dialog.text_edit.setPlainText(_numbered(QUESTIONS))
        assert "6 Fragen erkannt" in dialog.result_label.text()
        return 1

    monkeypatch.setattr(PasteQuestionsDialog, "exec", paste)
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_I, ALT)
    qtbot.waitUntil(lambda: len([r for r in editor.questions.rows if r.edit.toPlainText()]) == 6)

    # -- Einreichen (Strg+Umschalt+R) with a typed date
    def submit(dialog: SubmitDialog) -> int:
        dialog.date_edit.selectAll()
        qtbot.keyClicks(dialog.date_edit, "29.4.24")
        qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return)
        assert "27.05.2024" in dialog.due_label.text()
        return 1

    monkeypatch.setattr(SubmitDialog, "exec", submit)
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_R, CTRL | SHIFT)
    assert "Eingereicht am 29.04.2024" in window.statusBar().currentMessage()
    assert "eingereicht am 29.04.2024" in editor.status_label.text()
    assert editor.date_edit.text() == "29.04.2024"  # the letter's date, not today

    # -- Antwort erfassen (Strg+Umschalt+A): the received date is the letter's
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_A, CTRL | SHIFT)
    dialog = window.findChild(AnswerImportDialog)
    assert dialog is not None and dialog.isVisible()
    with qtbot.waitSignal(dialog.file_loaded, timeout=10000):
        dialog.load_file(LETTER)
    assert "6 von 6 Fragen beantwortet" in dialog.preview_summary.text()
    assert dialog.received_edit.text() == "15.05.2024"
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.received_edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(dialog.received_edit.hasFocus)
    with qtbot.waitSignal(window.data_changed):
        qtbot.keyClick(dialog.received_edit, Qt.Key.Key_Return)  # Eingabe: Speichern und prüfen
    review = window.inquiry_page.tab_widgets["answers"]
    qtbot.waitUntil(lambda: window.inquiry_page.tabs.currentWidget() is review)
    window.activateWindow()  # offscreen: no window manager hands activation back
    qtbot.waitUntil(window.isActiveWindow)
    verdicts = [review.table.model().index(r, 3).data() for r in range(6)]
    assert verdicts == ["klar", "klar", "ausweichend", "ausweichend", "klar", "ausweichend"]
    review.table.setFocus()
    qtbot.keyClick(review.table, Qt.Key.Key_Return, CTRL)  # Prüfung abschließen
    assert "Prüfung abgeschlossen" in window.statusBar().currentMessage()

    # -- Nachfrage erstellen (Strg+Umschalt+N), then einreichen and exportieren
    def followup(dialog: FollowupDialog) -> int:
        assert [r.item.label for r in dialog.shown_rows[:3]] == ["3", "4", "6"]
        assert dialog.create_followup(None)
        return 1

    monkeypatch.setattr(FollowupDialog, "exec", followup)
    qtbot.keyClick(review.table, Qt.Key.Key_N, CTRL | SHIFT)
    child_id = window.inquiry_page.inquiry_id
    assert child_id != inquiry_id
    assert window.inquiry_page.tabs.currentWidget() is editor
    assert "Nachfrage angelegt (Entwurf)" in window.statusBar().currentMessage()
    assert window.overview.counts()["open_followups"] == 0  # a draft is not yet open

    def submit_followup(dialog: SubmitDialog) -> int:
        dialog.date_edit.selectAll()
        qtbot.keyClicks(dialog.date_edit, "03062024")
        return 1

    monkeypatch.setattr(SubmitDialog, "exec", submit_followup)
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_R, CTRL | SHIFT)
    child = inquiries.get_inquiry(db, child_id)
    assert child is not None and child.kind == InquiryKind.NACHFRAGE
    assert child.status == Status.SUBMITTED and child.submitted_on == date(2024, 6, 3)
    assert window.overview.counts()["open_followups"] == 1
    asked: list[str] = []

    def letter_path(name: str) -> Path:
        asked.append(name)
        return tmp_path / name

    commands = window.findChild(DraftingCommands)
    monkeypatch.setattr(commands, "_ask_letter_path", letter_path)
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_E, CTRL)
    assert asked == ["2024-06-03 Nachfrage Strategie zur KI.docx"]
    paragraphs = [p.text for p in Document(str(tmp_path / asked[0])).paragraphs]
    assert any(p.startswith("Nachfrage zu unserer Anfrage „Strategie zur KI“") for p in paragraphs)
    assert any("Zeitplanung kann aktuell nicht benannt werden" in p for p in paragraphs)  # quoted

    # -- Übersicht (Strg+1): the other inquiry is overdue; open it with Return, Erinnerung
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    assert window.current_page() == "overview"
    page = window.overview
    assert page.model.index(0, 1).data() == "Radwege im Kreis"
    assert page.model.index(0, 5).data() == "noch keine"
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.inquiry_page.inquiry_id == late
    reminder_file = tmp_path / "erinnerung.docx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(reminder_file), "")
    )
    qtbot.keyClick(window.inquiry_page.tabs, Qt.Key.Key_E, CTRL | SHIFT)
    assert reminder_file.exists()
    assert "Erinnerung gespeichert" in window.statusBar().currentMessage()
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    assert page.model.index(0, 5).data().startswith("gesendet am ")  # stored time of writing

    # -- Suche (Strg+K): an inflected compound finds the answer
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
    view = window.search_view
    assert view.field.hasFocus()
    with qtbot.waitSignal(view.searched, timeout=3000) as blocker:
        qtbot.keyClicks(view.field, "Zeitplanungen")
    found = {g.inquiry_id for g in blocker.args[0].groups}
    assert inquiry_id in found

    # -- Papierkorb and back, with the keyboard
    window.activateWindow()  # offscreen: a popup of the search field leaves no active window
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    assert window.current_page() == "inquiries"
    window.inquiry_list.select_id(late)
    window.inquiry_list.table.setFocus()
    qtbot.keyClick(window.inquiry_list.table, Qt.Key.Key_Delete)
    assert late not in window.inquiry_list.visible_ids()
    assert "in den Papierkorb gelegt" in window.statusBar().currentMessage()
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    trash = window.trash_list
    assert trash.visible_ids() == [late]
    trash.table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(trash.table, Qt.Key.Key_W, ALT)
    qtbot.waitUntil(lambda: late in window.inquiry_list.visible_ids())
    assert trash.model.rowCount() == 0
    assert answers.letters_for(db, inquiry_id)[0].received_on == date(2024, 5, 15)
    assert [kind for kind, _ in no_dialogs] == ["confirm"]  # only "In den Papierkorb?"
    QApplication.processEvents()
