"""The Anfrage tab, acted out as a user: type, reorder, close, reopen, export, submit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from anfrage_desk.model import Body, DeadlineRule, Inquiry, InquiryKind, Question, Status
from anfrage_desk.services import drafting
from anfrage_desk.services import inquiries as service
from anfrage_desk.services.common import set_clock
from anfrage_desk.store import Database, inquiries, open_db
from anfrage_desk.ui.actions import Action
from anfrage_desk.ui.body_dialog import BodyDialog
from anfrage_desk.ui.drafting_commands import DraftingCommands
from anfrage_desk.ui.inquiry_dialogs import SubmitDialog
from anfrage_desk.ui.inquiry_editor import InquiryEditor
from anfrage_desk.ui.main_window import MainWindow
from anfrage_desk.ui.question_list import number_labels, split_pasted
from anfrage_desk.ui.settings_dialog import SettingsDialog

ALT = Qt.KeyboardModifier.AltModifier


def type_text(qtbot, widget, text: str) -> None:
    """Type like a user, umlauts included (QTest.keyClicks only knows ASCII)."""
    for char in text:
        if char == "\n":
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        elif char.isascii():
            qtbot.keyClick(widget, char)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click,
                widget,
                Qt.Key.Key_unknown,
                char,
                Qt.KeyboardModifier.NoModifier,
            )


def open_window(qtbot, db: Database) -> MainWindow:
    window = MainWindow(db, features=["inquiry_editor"])
    qtbot.addWidget(window)
    window.show()
    return window


def commands(window: MainWindow) -> DraftingCommands:
    found = window.findChild(DraftingCommands)
    assert found is not None
    return found


def editor_of(window: MainWindow) -> InquiryEditor:
    widget = window.inquiry_page.tab_widgets["inquiry"]
    assert isinstance(widget, InquiryEditor)
    return widget


def type_question(qtbot, editor: InquiryEditor, text: str, sub: bool = False) -> None:
    qtbot.mouseClick(editor.add_question_button, Qt.MouseButton.LeftButton)
    row = editor.questions.rows[-1]
    type_text(qtbot, row.edit, text)
    if sub != row.sub:
        qtbot.mouseClick(row.sub_button, Qt.MouseButton.LeftButton)


def shown(editor: InquiryEditor) -> list[tuple[str, str]]:
    return [(q.label, q.text) for q in editor.questions.questions()]


@pytest.fixture
def sample(db: Database) -> int:
    set_clock(lambda: date(2024, 4, 29))
    body_id, _ = service.save_body(
        db, Body(None, "Kreistag Recklinghausen", rule=DeadlineRule("weeks", 4))
    )
    inquiry_id, _ = service.create_inquiry(
        db,
        Inquiry(
            None,
            "Strategie zur KI",
            body_id=body_id,
            addressee_name="Herrn Landrat Bodo Klimpel",
            addressee_office="Kreis Recklinghausen",
            addressee_address="Kurt-Schumacher-Allee 1\n45657 Recklinghausen",
            signatories=("Dr. Wagener\nFraktionsvorsitzender",),
            questions=(Question(None, "1", "Wie weit ist die Einführung?"),),
        ),
    )
    return inquiry_id


def test_typed_inquiry_survives_closing_and_reopening(qtbot, db_path: Path, no_dialogs) -> None:
    set_clock(lambda: date(2024, 4, 29))
    db = open_db(db_path)
    window = open_window(qtbot, db)
    assert QKeySequence("Ctrl+N") in window.actions_[Action.NEW_INQUIRY].shortcuts()
    window.actions_[Action.NEW_INQUIRY].trigger()
    inquiry_id = window.inquiry_page.inquiry_id
    assert inquiry_id is not None
    editor = editor_of(window)
    assert window.inquiry_page.tabs.currentWidget() is editor

    type_text(qtbot, editor.title_edit, "Strategie zur Künstlichen Intelligenz")
    type_text(qtbot, editor.addressee_name_edit, "Herrn Landrat Bodo Klimpel")
    type_text(qtbot, editor.signatories_edit.boxes[0], "Dr. Wagener")
    qtbot.keyClick(editor.signatories_edit.boxes[0], Qt.Key.Key_Return)
    type_text(qtbot, editor.signatories_edit.boxes[0], "Fraktionsvorsitzender")
    type_text(qtbot, editor.preamble_edit, "Die Verwaltung hat berichtet.")
    qtbot.keyClick(editor.preamble_edit, Qt.Key.Key_Return)
    qtbot.keyClick(editor.preamble_edit, Qt.Key.Key_Return)
    type_text(qtbot, editor.preamble_edit, "Wir fragen:")
    type_question(qtbot, editor, "In welcher Phase ist die Einführung?")
    type_question(qtbot, editor, "Gibt es ein Gesamtkonzept?")
    type_question(qtbot, editor, "Wie sieht die Zeitplanung aus?")
    type_question(qtbot, editor, "Bis wann gibt es ein Konzept?", sub=True)
    type_question(qtbot, editor, "Wer entscheidet darüber?", sub=True)
    type_question(qtbot, editor, "Wer ist federführend?", sub=False)
    assert [label for label, _ in shown(editor)] == ["1", "2", "3", "3a", "3b", "4"]
    assert editor.save_label.text() == "Änderungen werden gespeichert …"

    # The autosave runs once typing pauses, without any save command.
    qtbot.waitUntil(lambda: not editor.is_dirty(), timeout=5000)
    assert editor.save_label.text().startswith("Gespeichert ")
    stored = inquiries.get_inquiry(db, inquiry_id)
    assert stored is not None and len(stored.questions) == 6
    ids_before = {q.text: q.id for q in stored.questions}

    # Reorder with the keyboard: question 1 down, then 3b up above 3a.
    first = editor.questions.rows[0]
    first.edit.setFocus()
    qtbot.keyClick(first.edit, Qt.Key.Key_Down, ALT)
    sub_b = editor.questions.rows[4]
    qtbot.keyClick(sub_b.edit, Qt.Key.Key_Up, ALT)
    expected = [
        ("1", "Gibt es ein Gesamtkonzept?"),
        ("2", "In welcher Phase ist die Einführung?"),
        ("3", "Wie sieht die Zeitplanung aus?"),
        ("3a", "Wer entscheidet darüber?"),
        ("3b", "Bis wann gibt es ein Konzept?"),
        ("4", "Wer ist federführend?"),
    ]
    assert shown(editor) == expected
    assert [row.label.text() for row in editor.questions.rows] == [
        "1.",
        "2.",
        "3.",
        "3a.",
        "3b.",
        "4.",
    ]
    type_text(qtbot, editor.questions.rows[5].edit, " Und mit wem?")

    # Closing saves what the timer has not saved yet, and never asks.
    window.close()
    assert no_dialogs == []
    db.close()

    db2 = open_db(db_path)
    again = open_window(qtbot, db2)
    assert again.inquiry_list.model.rows()[0].title == "Strategie zur Künstlichen Intelligenz"
    again.open_inquiry(inquiry_id)
    editor2 = editor_of(again)
    expected[5] = ("4", "Wer ist federführend? Und mit wem?")
    assert shown(editor2) == expected
    assert editor2.title_edit.text() == "Strategie zur Künstlichen Intelligenz"
    assert editor2.preamble_edit.toPlainText() == "Die Verwaltung hat berichtet.\n\nWir fragen:"
    assert editor2.addressee_name_edit.text() == "Herrn Landrat Bodo Klimpel"
    assert editor2.signatories_edit.values() == ("Dr. Wagener\nFraktionsvorsitzender",)
    assert editor2.date_edit.text() == "29.04.2024"
    stored = inquiries.get_inquiry(db2, inquiry_id)
    assert stored is not None
    # Questions kept their ids through reordering and rewording.
    assert stored.questions[0].id == ids_before["Gibt es ein Gesamtkonzept?"]
    assert stored.questions[4].id == ids_before["Bis wann gibt es ein Konzept?"]
    assert stored.questions[5].id == ids_before["Wer ist federführend?"]
    again.close()
    db2.close()


def test_export_letter_from_the_editor(
    qtbot, db: Database, sample: int, tmp_path: Path, monkeypatch, no_dialogs
) -> None:
    window = open_window(qtbot, db)
    window.open_inquiry(sample)
    editor = editor_of(window)
    type_question(qtbot, editor, "Wer ist zuständig?")
    type_question(qtbot, editor, "Mit welchem Team?", sub=True)
    asked: list[str] = []
    target = tmp_path / "brief"

    def ask(name: str) -> Path:
        asked.append(name)
        return target

    monkeypatch.setattr(commands(window), "_ask_letter_path", ask)
    assert QKeySequence("Ctrl+E") in window.actions_[Action.EXPORT_LETTER].shortcuts()
    window.actions_[Action.EXPORT_LETTER].trigger()  # pending edits are saved first
    assert asked == ["2024-04-29 Anfrage Strategie zur KI.docx"]
    out = tmp_path / "brief.docx"
    assert str(out) in window.statusBar().currentMessage()
    doc = docx.Document(str(out))
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    paragraphs = [p.text for p in doc.paragraphs]
    assert "Herrn Landrat Bodo Klimpel" in cells and "Kreis Recklinghausen" in cells
    assert any(p.startswith("Anfrage „Strategie zur KI“") for p in paragraphs)
    assert "Sehr geehrter Herr Landrat," in paragraphs
    numbered = [p for p in doc.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert [(p.text, p._p.pPr.numPr.ilvl.val) for p in numbered] == [
        ("Wie weit ist die Einführung?", 0),
        ("Wer ist zuständig?", 0),
        ("Mit welchem Team?", 1),
    ]
    assert "Dr. Wagener\nFraktionsvorsitzender" in cells
    # The database has no Einstellungen: the letter is saved, with a warning about the sender.
    assert [kind for kind, _ in no_dialogs] == ["warning"]
    assert "Der Absender fehlt" in no_dialogs[0][1]


def test_export_without_open_inquiry_says_what_to_do(qtbot, db: Database, no_dialogs) -> None:
    window = open_window(qtbot, db)
    window.actions_[Action.EXPORT_LETTER].trigger()
    assert "Anfrage öffnen" in window.statusBar().currentMessage()


def test_pasting_numbered_block_splits_into_questions(qtbot, db: Database, sample: int) -> None:
    window = open_window(qtbot, db)
    window.open_inquiry(sample)
    editor = editor_of(window)
    type_question(qtbot, editor, "")
    row = editor.questions.rows[-1]
    QApplication.clipboard().setText(
        "1. Wie viele Anträge gibt es?\n2) Wer bearbeitet sie?\nFrage 3: Bis wann\nist das erledigt?"
    )
    row.edit.setFocus()
    row.edit.paste()
    assert shown(editor) == [
        ("1", "Wie weit ist die Einführung?"),
        ("2", "Wie viele Anträge gibt es?"),
        ("3", "Wer bearbeitet sie?"),
        ("4", "Bis wann ist das erledigt?"),
    ]
    # An ordinary sentence stays one question, even if it starts with a number.
    QApplication.clipboard().setText(" 2024 wurden wie viele Anträge gestellt?")
    editor.questions.rows[-1].edit.moveCursor(QTextCursor.MoveOperation.End)
    editor.questions.rows[-1].edit.paste()
    assert len(editor.questions.rows) == 4
    assert (
        editor.questions.rows[-1]
        .edit.toPlainText()
        .endswith("2024 wurden wie viele Anträge gestellt?")
    )
    # The "Fragen einfügen …" path appends a block.
    assert editor.insert_questions_text("1. Erste?\n2. Zweite?") == 2
    assert [label for label, _ in shown(editor)] == ["1", "2", "3", "4", "5", "6"]


def test_delete_undo_and_keyboard_add(qtbot, db: Database, sample: int) -> None:
    window = open_window(qtbot, db)
    window.open_inquiry(sample)
    editor = editor_of(window)
    first = editor.questions.rows[0]
    qtbot.keyClick(first.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(editor.questions.rows) == 2
    type_text(qtbot, editor.questions.rows[1].edit, "Zweite Frage?")
    qtbot.mouseClick(first.delete_button, Qt.MouseButton.LeftButton)
    assert shown(editor) == [("1", "Zweite Frage?")]
    assert editor.undo_delete_button.isVisibleTo(editor)
    qtbot.mouseClick(editor.undo_delete_button, Qt.MouseButton.LeftButton)
    assert shown(editor) == [("1", "Wie weit ist die Einführung?"), ("2", "Zweite Frage?")]
    editor.flush()
    stored = inquiries.get_inquiry(db, sample)
    assert stored is not None and stored.questions[0].text == "Wie weit ist die Einführung?"


def test_control_characters_and_huge_text_do_not_crash(
    qtbot, db: Database, sample: int, tmp_path: Path, no_dialogs
) -> None:
    window = open_window(qtbot, db)
    window.open_inquiry(sample)
    editor = editor_of(window)
    junk = "Titel\x00 mit\x07 Steuer\x1bzeichen\ud800\ufffe"
    huge = ("Sehr lange Einleitung ohne Ende " * 3200)[:100_000]
    clipboard = QApplication.clipboard()
    clipboard.setText(junk)
    editor.title_edit.selectAll()
    editor.title_edit.paste()
    clipboard.setText(huge)
    editor.preamble_edit.setFocus()
    editor.preamble_edit.paste()
    editor.questions.rows[0].edit.selectAll()
    editor.questions.rows[0].edit.paste()
    clipboard.setText("1.\x00 Frage\x0b mit Müll?\n2. Noch\x1f eine?")
    type_question(qtbot, editor, "")
    editor.questions.rows[-1].edit.paste()
    editor.flush()
    assert not editor.is_dirty()
    stored = inquiries.get_inquiry(db, sample)
    assert stored is not None
    assert stored.title == "Titel mit Steuerzeichen"
    assert len(stored.preamble) == 100_000
    assert [q.text for q in stored.questions[1:]] == ["Frage mit Müll?", "Noch eine?"]
    out = commands(window).export_letter_to(sample, tmp_path / "brief.docx")
    assert out is not None and out.exists()
    assert [kind for kind, _ in no_dialogs] == ["warning"]  # no sender in the Einstellungen


def test_submit_shows_due_date_and_manual_due(
    qtbot, db: Database, sample: int, monkeypatch, no_dialogs
) -> None:
    set_clock(lambda: date(2024, 5, 2))
    window = open_window(qtbot, db)
    window.open_inquiry(sample)
    editor = editor_of(window)
    assert editor.submit_button.text() == "Einreichen …"
    assert not editor.due_button.isVisibleTo(editor)
    dialogs: list[SubmitDialog] = []

    def accept(dialog: SubmitDialog) -> int:
        dialogs.append(dialog)
        assert dialog.date_edit.displayFormat() == "dd.MM.yyyy"
        assert dialog.date_edit.text() == "02.05.2024"  # today by default
        assert "31.05.2024" in dialog.due_label.text()  # 30 May is Fronleichnam in NRW
        dialog.date_edit.setDate(dialog.date_edit.date().addDays(-3))  # it went out on 29.04.
        return 1

    monkeypatch.setattr(SubmitDialog, "exec", accept)
    with qtbot.waitSignal(window.data_changed):
        editor.ask_submit()
    assert dialogs
    stored = inquiries.get_inquiry(db, sample)
    assert stored is not None and stored.status == Status.SUBMITTED
    assert (stored.submitted_on, stored.due_on) == (date(2024, 4, 29), date(2024, 5, 27))
    status = editor.status_label.text()
    assert "Eingereicht" in status and "27.05.2024" in status and "4 Wochen" in status
    assert editor.submit_button.text() == "Einreichungsdatum …"
    assert editor.due_button.isVisibleTo(editor)

    editor.set_due(date(2024, 6, 30))
    assert "30.06.2024 (von Hand gesetzt)" in editor.status_label.text()
    set_clock(lambda: date(2024, 7, 3))
    editor.set_due(None)
    status = editor.status_label.text()
    assert "27.05.2024" in status and "überfällig" in status
    assert no_dialogs == []


def test_submit_without_questions_explains(qtbot, db: Database, no_dialogs) -> None:
    window = open_window(qtbot, db)
    inquiry_id = commands(window).new_inquiry()
    assert inquiry_id is not None
    assert not editor_of(window).submit(date(2024, 5, 2))
    assert no_dialogs == [("error", "Eine Anfrage ohne Fragen kann nicht eingereicht werden.")]


def test_new_inquiry_is_prefilled_from_settings_and_last_inquiry(
    qtbot, db: Database, sample: int
) -> None:
    drafting.save_sender(
        db, drafting.SenderSettings(faction="Fraktion X", signatories=("A\nVorsitz",))
    )
    window = open_window(qtbot, db)
    commands(window).new_inquiry()
    editor = editor_of(window)
    assert editor.title_edit.hasFocus() or QApplication.focusWidget() is None
    assert editor.faction_edit.text() == "Fraktion X"
    assert editor.signatories_edit.values() == ("A\nVorsitz",)
    assert editor.addressee_name_edit.text() == "Herrn Landrat Bodo Klimpel"
    assert editor.body_combo.currentText() == "Kreistag Recklinghausen"


def test_nachfrage_links_to_its_parent(qtbot, db: Database, sample: int) -> None:
    child_id, _ = service.create_inquiry(
        db, Inquiry(None, "Nachfrage zur KI", kind=InquiryKind.NACHFRAGE, parent_id=sample)
    )
    window = open_window(qtbot, db)
    window.open_inquiry(child_id)
    editor = editor_of(window)
    text = editor.status_label.text()
    assert "Nachfrage" in text and "<a href='parent'>Strategie zur KI</a>" in text
    editor.status_label.linkActivated.emit("parent")
    assert window.inquiry_page.inquiry_id == sample
    assert editor.title_edit.text() == "Strategie zur KI"


def test_body_dialog_rule_change_recomputes_due_date(
    qtbot, db: Database, sample: int, no_dialogs
) -> None:
    service.submit_inquiry(db, sample, date(2024, 2, 26))
    assert service.load_inquiry(db, sample).due_on == date(2024, 3, 25)
    window = open_window(qtbot, db)
    window.open_inquiry(sample)
    editor = editor_of(window)
    assert "25.03.2024" in editor.status_label.text()
    dialog = BodyDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.name_edit.text() == "Kreistag Recklinghausen"
    assert dialog.region_combo.currentData() == "NW"
    preset = dialog.preset_combo.findData("10 Arbeitstage")
    dialog.preset_combo.setCurrentIndex(preset)
    dialog.preset_combo.activated.emit(preset)
    assert (dialog.unit_combo.currentData(), dialog.amount_spin.value()) == ("workdays", 10)
    with qtbot.waitSignal(window.data_changed):
        dialog.reject()  # "Schließen" keeps the change
    # 10 working days after Monday 26 February 2024: 11 March.
    assert service.load_inquiry(db, sample).due_on == date(2024, 3, 11)
    assert "11.03.2024" in editor.status_label.text()

    # Next meeting: a date in the list decides; without a later meeting the due date is open.
    dialog = BodyDialog(window)
    qtbot.addWidget(dialog)
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData("next_meeting"))
    assert not dialog.amount_spin.isEnabled()
    for day in (date(2024, 2, 1), date(2024, 3, 21)):
        dialog.meeting_date.setDate(
            dialog.meeting_date.date().fromString(day.strftime("%d.%m.%Y"), "dd.MM.yyyy")
        )
        dialog.add_meeting()
    assert dialog.meeting_dates() == (date(2024, 2, 1), date(2024, 3, 21))
    assert dialog.apply()
    assert service.load_inquiry(db, sample).due_on == date(2024, 3, 21)
    dialog.meeting_list.setCurrentRow(1)
    dialog.remove_meeting()
    assert dialog.apply()
    assert service.load_inquiry(db, sample).due_on is None
    assert "Frist unbekannt" in editor.status_label.text()
    assert no_dialogs == []


def test_body_dialog_new_body_and_empty_name(qtbot, db: Database, no_dialogs) -> None:
    window = open_window(qtbot, db)
    dialog = BodyDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 0 and dialog.body_id is None
    dialog.address_edit.setPlainText("Stadt Musterstadt")
    assert not dialog.apply()
    assert no_dialogs == [("error", "Bitte geben Sie einen Namen für das Gremium ein.")]
    type_text(qtbot, dialog.name_edit, "Rat der Stadt Musterstadt")
    assert dialog.apply()
    assert dialog.list.count() == 1 and dialog.body_id is not None
    dialog.delete_current()
    assert dialog.list.count() == 0


def test_settings_dialog_saves_sender_and_checks_letterhead(
    qtbot, db: Database, tmp_path: Path, no_dialogs
) -> None:
    window = open_window(qtbot, db)
    assert QKeySequence("Ctrl+,") in window.actions_[Action.SETTINGS].shortcuts()
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.faction_edit, "Fraktion X")
    dialog.address_edit.setPlainText("Rathausplatz 1\n12345 Stadt")
    assert dialog.line_edit.placeholderText() == "Fraktion X · Rathausplatz 1 · 12345 Stadt"
    dialog.signatory_edits[0].setPlainText("A\nVorsitz")
    broken = tmp_path / "kopf.docx"
    broken.write_bytes(b"PK\x03\x04 kaputt")
    assert not dialog.set_letterhead(broken)
    assert no_dialogs and "keine lesbare Word-Datei" in no_dialogs[0][1]
    good = tmp_path / "gut.docx"
    docx.Document().save(str(good))
    assert dialog.set_letterhead(good)
    assert dialog.save()
    sender = drafting.load_sender(db)
    assert (sender.faction, sender.signatories, sender.letterhead) == (
        "Fraktion X",
        ("A\nVorsitz",),
        good,
    )


def test_pasted_sub_items_stay_under_their_question() -> None:
    parts = split_pasted(
        "1. Wie viele?\n2. Wer?\n3. Zeitplan:\na) Bis wann im Kreis?\nb) Bis wann in den Städten?\n"
        "4. Was kostet es?"
    )
    labels = number_labels([p.sub for p in parts])
    pairs = dict(zip(labels, [p.text for p in parts], strict=True))
    assert pairs["3a"] == "Bis wann im Kreis?" and pairs["3b"] == "Bis wann in den Städten?"
    assert pairs["4"] == "Was kostet es?"
    assert split_pasted("Nur ein Satz. 1. Januar ist Neujahr.") == []


def test_read_only_database_shows_but_does_not_edit(
    qtbot, db: Database, sample: int, no_dialogs
) -> None:
    db.read_only = True
    window = open_window(qtbot, db)
    window.open_inquiry(sample)
    editor = editor_of(window)
    assert editor.title_edit.isReadOnly() and editor.questions.rows[0].edit.isReadOnly()
    assert not editor.add_question_button.isEnabled() and not editor.submit_button.isEnabled()
    assert "Nur lesen" in editor.save_label.text()
    assert commands(window).new_inquiry() is None
    assert no_dialogs and "schreibgeschützt" in no_dialogs[0][1]
    window.close()
    assert not editor.is_dirty()


def test_shift_paste_keeps_a_numbered_block_in_one_question(
    qtbot, db: Database, sample: int
) -> None:
    window = open_window(qtbot, db)
    window.open_inquiry(sample)
    editor = editor_of(window)
    row = editor.questions.rows[0]
    QApplication.clipboard().setText("1. Erstens\n2. Zweitens")
    row.edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(
        row.edit,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(editor.questions.rows) == 1
    assert row.edit.toPlainText() == "Wie weit ist die Einführung?1. Erstens\n2. Zweitens"
