"""Fixing a split in the review: unsure splits are marked, a passage moves to another question,
two answers become one joint answer; all of it stored, surviving a restart, verdicts following."""

from __future__ import annotations

from factories import add_inquiry
from PySide6.QtGui import QTextCursor

from anfrage_desk import assess, segment
from anfrage_desk.model import Verdict
from anfrage_desk.services import answers as answer_service
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.services.example import EXAMPLE_DIR
from anfrage_desk.store import answers as answer_store
from anfrage_desk.store import open_db
from anfrage_desk.ui.main_window import MainWindow

FEATURES = ["answer_review"]


def _window(qtbot, db) -> MainWindow:
    window = MainWindow(db, features=FEATURES)
    qtbot.addWidget(window)
    return window


def _tab(window):
    return window.inquiry_page.tab_widgets["answers"]


def _select_in_editor(editor, needle: str) -> None:
    text = editor.toPlainText()
    start = text.index(needle)
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(needle), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def _stored(db, inquiry_id):
    questions = {q.id: q for q in inquiry_service.inquiries.get_questions(db, inquiry_id)}
    letter = answer_store.letters_for(db, inquiry_id)[-1]
    return {
        questions[a.question_id].label: (questions[a.question_id], a)
        for a in answer_store.answers_for_letter(db, letter.id)
    }


def _machine_verdict(question, text: str, others):
    """What the assessor says about `text` as the answer, among the letter's other answers."""
    items = [
        segment.SplitItem(q.label, q.text, a.text, a.joint_with)
        for q, a in others
        if q.label != question.label
    ]
    items.append(segment.SplitItem(question.label, question.text, text))
    return assess.assess_items(items)[-1].verdict


def _menu_action(menu, label: str):
    return next(a for a in menu.actions() if a.text().startswith(f"Frage {label}:"))


NUMBERED = """Ihre Anfrage vom 29.04.2024 beantworten wir wie folgt:

1. In welcher Projektphase befindet sich die Kreisverwaltung beim Einführungsprozess?
Der Einführungsprozess hat gerade begonnen. Ein Gesamtkonzept liegt nicht vor.

2. Gibt es bereits ein dezidiertes Gesamtkonzept zur Einführung von KI?
Siehe oben.

3. Falls ja, was sind die Inhalte dieses Gesamtkonzeptes? Falls nein, bis wann soll ein
entsprechendes Gesamtkonzept erstellt sein?
Eine konkrete Zeitplanung kann aktuell nicht benannt werden.

4. Wie ist die Zeitplanung für die bereits berichteten „Überlegungen zur KI“?
Das Gesamtkonzept soll bis zum 31.12.2024 erstellt sein.

5. Wer könnte federführend für das „Gesamtkonzept KI“ verantwortlich sein?
Die Federführung liegt im Fachbereich A – Zentrale Angelegenheiten.

6. Gibt es ein Team für Einführung und Nutzung von KI?
Das Team besteht aus vier Beschäftigten der Fachdienste 10, 12 und 60.

Mit freundlichen Grüßen
"""


def test_move_and_join_survive_restart_and_verdicts_follow(qtbot, db, db_path, no_dialogs):
    inquiry_id, _ = inquiry_service.create_inquiry(
        db, inquiry_service.inquiry_from_file(EXAMPLE_DIR / "anfrage-2024-04-29.txt")
    )
    answer_service.import_answer(db, inquiry_id, answer_service.pasted_letter(NUMBERED))
    before = _stored(db, inquiry_id)
    window = _window(qtbot, db)
    window.open_inquiry(inquiry_id, "answers")
    tab = _tab(window)
    assert not any("⚠" in tab.rows.index(r, 0).data() for r in range(tab.rows.rowCount()))

    # move the sentence that answers question 2 out of answer 1
    tab.step(0)
    _select_in_editor(tab.editor, "Ein Gesamtkonzept liegt nicht vor.")
    assert tab.move_button.isEnabled()
    with qtbot.waitSignal(window.data_changed):
        _menu_action(tab.move_menu, "2").trigger()
    assert tab.editor.toPlainText() == "Der Einführungsprozess hat gerade begonnen."

    # answers 3 and 4 were printed under the wrong questions: one joint answer for both
    tab.step(2)
    assert tab.detail.join_button.isEnabled()
    with qtbot.waitSignal(window.data_changed):
        _menu_action(tab.detail.join_menu, "4").trigger()
    assert "gemeinsam beantwortet mit 4" in tab.relation_label.text()
    window.close()
    db.close()

    again = open_db(db_path)
    try:
        after = _stored(again, inquiry_id)
        assert after["1"][1].text == "Der Einführungsprozess hat gerade begonnen."
        assert after["2"][1].text == "Siehe oben.\n\nEin Gesamtkonzept liegt nicht vor."
        joint = (
            "Eine konkrete Zeitplanung kann aktuell nicht benannt werden.\n\n"
            "Das Gesamtkonzept soll bis zum 31.12.2024 erstellt sein."
        )
        assert after["3"][1].text == after["4"][1].text == joint
        assert after["3"][1].joint_with == ("4",) and after["4"][1].joint_with == ("3",)
        # the verdicts follow the new texts
        rows = list(after.values())
        for label in ("2", "3", "4"):
            question, answer = after[label]
            assert answer.verdict == _machine_verdict(question, answer.text, rows), label
            for reason in answer.reasons:
                assert 0 <= reason.start <= reason.end <= len(answer.text)
        # "Siehe oben." referred to answer 1, which said it before the move, and says it itself
        # after it: answer 2 stays clear; joined, 3 and 4 share 3's evasive sentence
        assert before["2"][1].verdict is Verdict.CLEAR and after["2"][1].verdict is Verdict.CLEAR
        assert [r.code for r in before["2"][1].reasons] == ["reference"]
        assert after["4"][1].verdict != before["4"][1].verdict

        # and the review shows the stored state after the restart
        window = _window(qtbot, again)
        window.open_inquiry(inquiry_id, "answers")
        tab = _tab(window)
        tab.step(3)
        assert tab.editor.toPlainText() == joint
        assert "gemeinsam beantwortet mit 3" in tab.relation_label.text()
        window.close()
    finally:
        again.close()


FREE_FORM = """Stellungnahme zur Anfrage

Der Bestand wird jährlich erhoben; im Jahr 2023 gab es insgesamt 48 Fälle in der Stadt.

Eine Lösung ist nach dem Abschluss der Prüfung durch das Fachamt im Herbst zu erwarten.
"""


def test_unsure_split_is_marked_until_the_user_fixes_it(qtbot, db, db_path, no_dialogs):
    inquiry_id = add_inquiry(db, "Fälle")
    answer_service.import_answer(db, inquiry_id, answer_service.pasted_letter(FREE_FORM))
    window = _window(qtbot, db)
    window.open_inquiry(inquiry_id, "answers")
    tab = _tab(window)
    assert [tab.rows.index(r, 0).data() for r in range(2)] == ["1 ⚠", "2 ⚠"]
    tab.step(0)
    assert tab.detail.unsure_label.isVisibleTo(tab)
    assert "unsicher" in tab.rows.index(0, 0).data(3)  # tool tip

    # the user keeps only the first paragraph for question 1: no longer a guess
    tab.editor.setPlainText(
        "Der Bestand wird jährlich erhoben; im Jahr 2023 gab es insgesamt 48 Fälle in der Stadt."
    )
    with qtbot.waitSignal(window.data_changed):
        tab.step(1)
    assert tab.rows.index(0, 0).data() == "1"
    assert tab.rows.index(1, 0).data() == "2 ⚠"
    window.close()
    db.close()

    again = open_db(db_path)
    try:
        window = _window(qtbot, again)
        window.open_inquiry(inquiry_id, "answers")
        tab = _tab(window)
        assert [tab.rows.index(r, 0).data() for r in range(2)] == ["1", "2 ⚠"]
        with qtbot.waitSignal(window.data_changed):
            tab.confirm()
        assert [tab.rows.index(r, 0).data() for r in range(2)] == ["1", "2"]
        tab.step(1)
        assert not tab.detail.unsure_label.isVisibleTo(tab)
        window.close()
    finally:
        again.close()
