"""Nachfrage dialog and reminders driven through the real widgets."""

from __future__ import annotations

from datetime import date

from docx import Document
from PySide6.QtCore import Qt

from anfrage_desk.model import Inquiry, InquiryKind, Question
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.services.common import set_clock
from anfrage_desk.services.example import load_example
from anfrage_desk.store import followups, inquiries
from anfrage_desk.ui.followup_dialog import FollowupDialog
from anfrage_desk.ui.main_window import MainWindow


def test_untick_edit_export_creates_linked_inquiry(qtbot, db, tmp_path, no_dialogs):
    inquiry_id, _ = load_example(db)
    window = MainWindow(db, features=["followups"])
    qtbot.addWidget(window)
    dialog = FollowupDialog(db, inquiry_id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    rows = {row.item.label: row for row in dialog.rows}
    assert [label for label, row in rows.items() if row.check.isChecked()] == ["3", "4", "6"]
    rows["4"].check.setFocus()
    qtbot.keyClick(rows["4"].check, Qt.Key.Key_Space)
    assert not rows["4"].check.isChecked()
    rows["6"].editor.selectAll()
    qtbot.keyClicks(rows["6"].editor, "Welche Fachdienste sind bis Ende 2024 im Team?")
    assert "Welche Fachdienste" in dialog.preview.toPlainText()
    out = tmp_path / "nachfrage.docx"
    assert dialog.create_followup(out)
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "Welche Fachdienste sind bis Ende 2024 im Team?" in text
    assert "Siehe Antwort zu 3" not in text  # Q4 unticked
    assert "Zeitplanung kann aktuell nicht benannt werden" in text
    child = inquiries.get_inquiry(db, dialog.created_id)
    assert (
        child is not None and child.kind == InquiryKind.NACHFRAGE and child.parent_id == inquiry_id
    )
    assert [q.text for q in child.questions][1] == "Welche Fachdienste sind bis Ende 2024 im Team?"
    assert followups.followups_for(db, inquiry_id)[0].child_inquiry_id == dialog.created_id
    window.broadcast(dialog.changes)
    window.open_inquiry(inquiry_id, tab="followups")
    tab = window.inquiry_page.tab_widgets["followups"]
    assert tab.list.count() == 1 and "Nachfrage vom" in tab.list.item(0).text()
    window.open_inquiry(dialog.created_id, tab="followups")
    assert tab.parent_label.isVisibleTo(window) and "Strategie" in tab.parent_label.text()


def test_batch_reminders_run_as_operation(qtbot, db, tmp_path, no_dialogs):
    set_clock(lambda: date(2024, 6, 1))
    ids = []
    for title in ("Radwege", "Kita: Plätze?"):
        inquiry_id, _ = inquiry_service.create_inquiry(
            db, Inquiry(None, title, questions=(Question(None, "1", "Wie viele?"),))
        )
        inquiry_service.submit_inquiry(db, inquiry_id, date(2024, 3, 1))
        ids.append(inquiry_id)
    window = MainWindow(db, features=["followups"])
    qtbot.addWidget(window)
    folder = tmp_path / "erinnerungen"
    folder.mkdir()
    operation = window.followup_commands.write_reminders(ids, folder)
    with qtbot.waitSignal(operation.finished, timeout=20000):
        pass
    assert len(list(folder.glob("*.docx"))) == 2
    assert no_dialogs and no_dialogs[-1][0] == "notify" and "2 Erinnerung" in no_dialogs[-1][1]


def test_review_tab_offers_the_followup(qtbot, db, monkeypatch, no_dialogs):
    import anfrage_desk.ui.followups as followups_ui

    inquiry_id, _ = load_example(db)
    window = MainWindow(db, features=["answer_review", "followups"])
    qtbot.addWidget(window)
    opened: list[int] = []

    class FakeDialog:  # the real dialog is modal; record what it was opened for
        def __init__(self, db, inquiry_id, parent):
            opened.append(inquiry_id)

        def exec(self):
            return 0

    monkeypatch.setattr(followups_ui, "FollowupDialog", FakeDialog)
    window.open_inquiry(inquiry_id, tab="answers")
    review = window.inquiry_page.tab_widgets["answers"]
    assert review.followup_button.isVisibleTo(window)
    qtbot.mouseClick(review.followup_button, Qt.MouseButton.LeftButton)
    assert opened == [inquiry_id]
