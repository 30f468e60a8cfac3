"""Logging answer letters and reviewing them, driven through the real widgets."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QMarginsF, QPointF, Qt
from PySide6.QtGui import QFont, QPageSize, QPainter, QPdfWriter, QTextCursor

from anfrage_desk.model import Inquiry, Question, Verdict
from anfrage_desk.services import answers as answer_service
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.services.example import EXAMPLE_DIR, load_example
from anfrage_desk.store import answers as answer_store
from anfrage_desk.store import open_db
from anfrage_desk.ui.answer_import import AnswerImportDialog
from anfrage_desk.ui.main_window import MainWindow

FEATURES = ["answer_review"]


def _window(qtbot, db) -> MainWindow:
    window = MainWindow(db, features=FEATURES)
    qtbot.addWidget(window)
    return window


def _shown(qtbot, db) -> MainWindow:
    """A shown, active window: shortcuts only fire in the active window."""
    window = _window(qtbot, db)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _example_inquiry(db) -> int:
    """The example inquiry (6 questions) without an answer yet."""
    inquiry_id, _ = inquiry_service.create_inquiry(
        db, inquiry_service.inquiry_from_file(EXAMPLE_DIR / "anfrage-2024-04-29.txt")
    )
    return inquiry_id


def _tab(window):
    return window.inquiry_page.tab_widgets["answers"]


def _counts(db) -> tuple[int, int]:
    return (
        db.execute("SELECT count(*) FROM answer_letter").fetchone()[0],
        db.execute("SELECT count(*) FROM answer").fetchone()[0],
    )


def _answers(db, inquiry_id) -> dict[str, object]:
    questions = {q.id: q.label for q in inquiry_service.inquiries.get_questions(db, inquiry_id)}
    letter = answer_store.letters_for(db, inquiry_id)[-1]
    return {questions[a.question_id]: a for a in answer_store.answers_for_letter(db, letter.id)}


def _select_in_editor(editor, needle: str) -> None:
    text = editor.toPlainText()
    start = text.index(needle)
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(needle), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def _import(qtbot, window, inquiry_id, path: Path) -> AnswerImportDialog:
    dialog = AnswerImportDialog(window, inquiry_id)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.file_loaded, timeout=10000):
        dialog.load_file(path)
    return dialog


def _sample_docx(path: Path) -> bytes:
    """A letter as an administration writes it: numbered questions in bold, answers below.

    The answer to 1 wrongly carries a sentence that answers 2 (the split the user corrects).
    """
    document = docx.Document()
    document.add_paragraph("KREIS RECKLINGHAUSEN · DER LANDRAT")
    document.add_paragraph("15.05.2024")
    document.add_paragraph("Ihre Anfrage vom 29.04.2024 wird wie folgt beantwortet:")
    questions = [
        q.text
        for q in inquiry_service.inquiry_from_file(EXAMPLE_DIR / "anfrage-2024-04-29.txt").questions
    ]
    answers = [
        "Der Einführungsprozess hat gerade begonnen. Ein Gesamtkonzept liegt nicht vor.",
        "Siehe oben.",
        "Das Gesamtkonzept soll bis zum 31.12.2024 erstellt sein.",
        "Die Zeitplanung sieht den Abschluss der Sondierung bis zum 30.09.2024 vor.",
        "Die Federführung liegt im Fachbereich A – Zentrale Angelegenheiten.",
        "Das Team besteht aus vier Beschäftigten der Fachdienste 10, 12 und 60.",
    ]
    for number, (question, answer) in enumerate(zip(questions, answers, strict=True), 1):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{number}. {question}").bold = True
        document.add_paragraph(answer)
    document.add_paragraph("Mit freundlichen Grüßen")
    document.save(path)
    return path.read_bytes()


def test_docx_round_trip_with_corrected_split(qtbot, db, db_path, tmp_path, no_dialogs):
    inquiry_id = _example_inquiry(db)
    data = _sample_docx(tmp_path / "antwort.docx")
    window = _shown(qtbot, db)
    window.open_inquiry(inquiry_id)
    dialog = _import(qtbot, window, inquiry_id, tmp_path / "antwort.docx")
    assert not dialog.error_label.isVisible()
    assert dialog.answered_labels() == ["1", "2", "3", "4", "5", "6"]
    with qtbot.waitSignal(window.data_changed):
        dialog.save()
    tab = _tab(window)
    assert window.inquiry_page.tabs.currentWidget() is tab
    assert tab.rows.rowCount() == 6

    # Move the sentence that answers question 2 out of answer 1.
    tab.step(0)
    _select_in_editor(tab.editor, "Ein Gesamtkonzept liegt nicht vor.")
    assert tab.move_button.isEnabled()
    labels = [a.text() for a in tab.move_menu.actions()]
    assert labels[0].startswith("Frage 2:")
    with qtbot.waitSignal(window.data_changed):
        tab.move_menu.actions()[0].trigger()
    assert "Gesamtkonzept" not in tab.editor.toPlainText()
    # Fix the remains of answer 2 by typing; the edit is saved by confirming.
    tab.step(1)
    assert "Ein Gesamtkonzept liegt nicht vor." in tab.editor.toPlainText()
    tab.editor.setPlainText("Nein. Ein Gesamtkonzept liegt nicht vor.")
    assert "✎" in tab.rows.index(1, 0).data()
    tab.editor.setFocus()
    with qtbot.waitSignal(window.data_changed):
        qtbot.keyClick(tab.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    window.close()

    again = _window(qtbot, open_db(db_path))
    again.open_inquiry(inquiry_id, "answers")
    tab = _tab(again)
    assert tab.rows.draft_at(0).text == "Der Einführungsprozess hat gerade begonnen."
    assert tab.rows.draft_at(1).text == "Nein. Ein Gesamtkonzept liegt nicht vor."
    assert tab.rows.draft_at(1).stored.verdict == Verdict.CLEAR
    assert "Geprüft" in tab.state_label.text()
    letter = answer_store.letters_for(again.db, inquiry_id)[0]
    assert letter.confirmed_at
    assert answer_store.letter_file(again.db, letter.id) == ("antwort.docx", data)
    assert tab.save_original(tmp_path / "zurück.docx")
    assert (tmp_path / "zurück.docx").read_bytes() == data
    opened: list[Path] = []
    tab._open_url = opened.append
    tab.open_original()
    assert opened and opened[0].read_bytes() == data
    again.db.close()


def test_override_and_evasive_phrase_survive_restart(qtbot, db, db_path, no_dialogs):
    inquiry_id, _ = load_example(db)
    other_id, _ = inquiry_service.create_inquiry(
        db, Inquiry(None, "Hallenbad", questions=(Question(None, "1", "Wann öffnet das Bad?"),))
    )
    text = "1. Wann öffnet das Bad?\n\nDas Bad öffnet am 01.09.2024, sofern der Zeitplan hält.\n"
    answer_service.import_answer(db, other_id, answer_service.pasted_letter(text), date(2024, 6, 1))
    assert _answers(db, other_id)["1"].verdict == Verdict.CLEAR

    window = _window(qtbot, db)
    window.open_inquiry(inquiry_id, "answers")
    tab = _tab(window)
    tab.step(4)  # question 5, machine: klar
    assert tab.chip.text() == "klar"
    tab.override_combo.setCurrentIndex(2)  # teilweise
    assert tab.chip.text() == "teilweise"
    assert tab.machine_label.text() == "Automatisch erkannt: klar"
    qtbot.keyClicks(tab.note_edit, "Nur die Stelle, keine Person.")
    # Answer 1 contains the phrase; marking it there reassesses the other inquiry's answer.
    tab.step(-4)
    tab.editor.setPlainText(tab.editor.toPlainText() + " Das gilt, sofern der Zeitplan hält.")
    _select_in_editor(tab.editor, "sofern der Zeitplan hält")
    assert tab.evasive_button.isEnabled()
    with qtbot.waitSignal(window.data_changed):
        tab.evasive_button.click()
    assert _answers(db, other_id)["1"].verdict != Verdict.CLEAR
    assert tab.rows.draft_at(0).stored.verdict != Verdict.CLEAR
    window.close()

    fresh = open_db(db_path)
    answers = _answers(fresh, inquiry_id)
    assert answers["5"].user_verdict == Verdict.PARTIAL
    assert answers["5"].verdict == Verdict.CLEAR
    assert answers["5"].note == "Nur die Stelle, keine Person."
    assert _answers(fresh, other_id)["1"].verdict != Verdict.CLEAR
    assert "sofern der Zeitplan hält" in answer_service.phrases.evasive_phrases(fresh)
    again = _window(qtbot, fresh)
    again.open_inquiry(inquiry_id, "answers")
    tab = _tab(again)
    tab.step(4)
    assert tab.override_combo.currentText() == "teilweise"
    assert tab.rows.index(4, 3).data() == "teilweise (eigene)"
    fresh.close()


def test_sample_letter_review_shows_unclear_answers_highlighted(qtbot, db, no_dialogs):
    inquiry_id, _ = load_example(db)
    window = _window(qtbot, db)
    window.resize(1280, 860)
    window.open_inquiry(inquiry_id, "answers")
    tab = _tab(window)
    verdicts = [tab.rows.index(r, 3).data() for r in range(6)]
    assert verdicts == ["klar", "klar", "ausweichend", "ausweichend", "klar", "ausweichend"]
    assert tab.letter_date_edit.value() == date(2024, 5, 15)
    assert tab.refers_to_edit.value() == date(2024, 4, 29)
    for row in (2, 5):
        tab.step(row - tab._current_row)
        spans = tab.editor.highlighted_spans()
        assert spans, f"no highlighted span for question {row + 1}"
        text = tab.editor.toPlainText()
        assert any("benannt" in text[s:e] for s, e in spans)
        start = spans[0][0]
        assert tab.editor.reason_at(start)
        assert "Gründe" in tab.reasons_label.text()
    tab.step(3 - tab._current_row)
    assert tab.relation_label.text() == "verweist auf Antwort 3"
    assert tab.chip.text() == "ausweichend"
    # Typing makes the spans stale: they disappear instead of pointing at wrong words.
    tab.editor.insertPlainText("Neu: ")
    assert tab.editor.highlighted_spans() == []


def test_keyboard_navigation_and_flush_keep_edits(qtbot, db, no_dialogs):
    inquiry_id, _ = load_example(db)
    window = _shown(qtbot, db)
    window.open_inquiry(inquiry_id, "answers")
    tab = _tab(window)
    tab.editor.setFocus()
    qtbot.keyClick(tab.editor, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert tab._current_row == 1
    qtbot.keyClick(tab.editor, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert tab._current_row == 2
    qtbot.keyClick(tab.editor, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert tab._current_row == 1
    tab.sender_edit.setText("Der Landrat, FB 10")
    tab.missing_button.click()  # answer 2 → not answered, saved at once
    assert _answers(db, inquiry_id)["2"].verdict == Verdict.MISSING
    tab.editor.setPlainText("Nachgetragen: nein.")
    window.show_page("inquiries")  # leaving the inquiry flushes
    answers = _answers(db, inquiry_id)
    assert answers["2"].text == "Nachgetragen: nein."
    letter = answer_store.letters_for(db, inquiry_id)[0]
    assert letter.sender == "Der Landrat, FB 10"
    assert letter.confirmed_at is None


def _pdf_of(text: str, path: Path) -> None:
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(20, 20, 20, 20))
    writer.setResolution(150)
    painter = QPainter(writer)
    font = QFont("DejaVu Sans", 10)
    painter.setFont(font)
    step = painter.fontMetrics().lineSpacing()
    lines: list[str] = []
    for paragraph in text.replace("**", "").split("\n"):
        lines += textwrap.wrap(paragraph, 80, break_on_hyphens=False) or [""]
    y = step
    page_height = writer.height()
    for line in lines:
        if y > page_height - step:
            writer.newPage()
            y = step
        painter.drawText(QPointF(0, y), line)
        y += step
    painter.end()


def test_pdf_import_splits_like_text(qtbot, db, tmp_path, sample_letter, no_dialogs):
    text = sample_letter.read_text(encoding="utf-8")
    _pdf_of(text, tmp_path / "antwort.pdf")
    from pypdf import PdfReader

    assert len(PdfReader(tmp_path / "antwort.pdf").pages) >= 2
    inquiry_id = _example_inquiry(db)
    window = _window(qtbot, db)
    dialog = _import(qtbot, window, inquiry_id, tmp_path / "antwort.pdf")
    assert not dialog.error_label.isVisible(), dialog.error_label.text()
    assert dialog.answered_labels() == ["1", "2", "3", "4", "5", "6"]
    with qtbot.waitSignal(window.data_changed):
        dialog.save()
    from_pdf = _answers(db, inquiry_id)
    reference = answer_service.analyze_text(
        text,
        [
            answer_service.segment.ParsedQuestion(q.label, q.text)
            for q in inquiry_service.inquiries.get_questions(db, inquiry_id)
        ],
    )

    def norm(s):
        return " ".join((s or "").split())

    assert {i.label: norm(i.answer) for i in reference.items} == {
        k: norm(a.text) for k, a in from_pdf.items()
    }
    assert {k: a.verdict for k, a in from_pdf.items()} == {
        i.label: i.verdict for i in reference.items
    }


def _corrupt_docx(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 50)


def _corrupt_pdf(path: Path) -> None:
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF garbage \x00\xff" * 3)


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _huge(path: Path) -> None:
    from anfrage_desk.importers import MAX_BYTES

    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)


def _binary_txt(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 64)


def _scanned_pdf(path: Path) -> None:
    writer = QPdfWriter(str(path))
    painter = QPainter(writer)
    painter.fillRect(0, 0, 800, 800, Qt.GlobalColor.gray)  # an "image", no text
    painter.end()


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        ("kaputt.docx", _corrupt_docx, "keine lesbare Word-Datei"),
        ("kaputt.pdf", _corrupt_pdf, "keine gültige PDF-Datei"),
        ("leer.txt", _empty, "ist leer"),
        ("riesig.txt", _huge, "zu groß"),
        ("programm.txt", _binary_txt, "keine Textdatei"),
        ("scan.pdf", _scanned_pdf, "enthält keinen Text"),
    ],
)
def test_unreadable_files_give_german_message_and_write_nothing(
    qtbot, db, tmp_path, no_dialogs, name, make, expected
):
    inquiry_id = _example_inquiry(db)
    before = _counts(db)
    make(tmp_path / name)
    window = _window(qtbot, db)
    dialog = _import(qtbot, window, inquiry_id, tmp_path / name)
    assert dialog.error_label.isVisibleTo(dialog)
    assert expected in dialog.error_label.text()
    assert not dialog.save_button.isEnabled()
    dialog.save()
    assert _counts(db) == before
    assert no_dialogs == []  # shown inside the dialog, not as a popup


def test_pasted_text_preview_and_missing_answers(qtbot, db, no_dialogs):
    inquiry_id = _example_inquiry(db)
    window = _window(qtbot, db)
    dialog = AnswerImportDialog(window, inquiry_id)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()
    dialog.text_edit.setPlainText(
        "1. In welcher Projektphase?\nIn der Sondierung.\n\n"
        "4. Wie ist die Zeitplanung?\nDer Abschluss ist für den 30.09.2024 geplant.\n"
    )
    dialog.update_preview()
    assert dialog.answered_labels() == ["1", "4"]
    assert "2 von 6" in dialog.preview_summary.text()
    with qtbot.waitSignal(window.data_changed):
        dialog.save()
    answers = _answers(db, inquiry_id)
    assert answers["2"].verdict == Verdict.MISSING and answers["2"].text is None
    assert answer_store.letters_for(db, inquiry_id)[0].file_name == "eingefuegt.txt"


def test_import_action_needs_an_inquiry_and_opens_dialog(qtbot, db, no_dialogs):
    from anfrage_desk.ui.actions import Action

    inquiry_id = _example_inquiry(db)
    window = _window(qtbot, db)
    window.actions_[Action.IMPORT_ANSWER].trigger()
    assert no_dialogs and "zuerst" in no_dialogs[0][1]
    window.open_inquiry(inquiry_id, "answers")
    assert _tab(window).stack.currentIndex() == 0  # honest empty state
    window.actions_[Action.IMPORT_ANSWER].trigger()
    dialogs = window.findChildren(AnswerImportDialog)
    assert len(dialogs) == 1 and dialogs[0].inquiry_id == inquiry_id
    dialogs[0].reject()


def test_inquiry_list_filters_by_verdict(qtbot, db, no_dialogs):
    inquiry_id, _ = load_example(db)
    empty_id = _example_inquiry(db)
    window = _window(qtbot, db)
    view = window.inquiry_list
    combo = view.verdict_combo
    assert sorted(view.visible_ids()) == sorted([inquiry_id, empty_id])
    combo.setCurrentIndex(1)  # with unclear answers
    assert view.visible_ids() == [inquiry_id]
    combo.setCurrentIndex(2)  # only clear
    assert view.visible_ids() == []
    combo.setCurrentIndex(3)  # no answer yet
    assert view.visible_ids() == [empty_id]
    view.set_predicate(lambda row, day: row.id == inquiry_id, "Test")
    assert view.visible_ids() == []  # both filters apply
    combo.setCurrentIndex(0)
    assert view.visible_ids() == [inquiry_id]


def test_reasons_of_an_unclear_answer_list_what_it_gives_apart():
    from anfrage_desk.model import Reason
    from anfrage_desk.ui.verdict_widgets import reasons_html

    text = "Zahlen liegen nicht vor. Es gibt 3 Standorte."
    reasons = [
        Reason("gives_number", "Nennt Zahlen („3“).", 33, 34),
        Reason("unavailable", "Die erfragte Angabe wird nicht gemacht.", 0, 23),
    ]
    unclear = reasons_html(reasons, text, clear=False)
    assert unclear.index("nicht gemacht") < unclear.index("Gegeben:") < unclear.index("Nennt")
    assert "Gegeben:" not in reasons_html(reasons, text, clear=True)
