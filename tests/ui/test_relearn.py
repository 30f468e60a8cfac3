"""Extras → "Bewertung aus meinen Korrekturen lernen": override, re-fit, see it, take it back."""

from __future__ import annotations

from datetime import date

from anfrage_desk.model import Inquiry, Question, Status, Verdict
from anfrage_desk.services import answers as answer_service
from anfrage_desk.store import Database, inquiries
from anfrage_desk.store import answers as answer_store
from anfrage_desk.ui.actions import Action
from anfrage_desk.ui.main_window import MainWindow

# Answers that promise attention but name no measure: the machine takes them as clear, this
# office wants a Nachfrage for them.
WATCHING = "Die Verwaltung beobachtet {what} aufmerksam und steht im Austausch mit {who}."


def _inquiry(db: Database, title: str, pairs: list[tuple[str, str]]) -> int:
    with db.atomic():
        inquiry_id = inquiries.insert_inquiry(
            db,
            Inquiry(
                None,
                title,
                submitted_on=date(2024, 4, 2),
                status=Status.SUBMITTED,
                questions=tuple(Question(None, str(i + 1), q, i) for i, (q, _) in enumerate(pairs)),
            ),
        )
    letter = "Musterstadt, 15.05.2024\n\n" + "".join(
        f"Zu Frage {i + 1}:\n{a}\n\n" for i, (_, a) in enumerate(pairs)
    )
    answer_service.import_answer(db, inquiry_id, answer_service.pasted_letter(letter))
    return inquiry_id


def _verdicts(db: Database, inquiry_id: int) -> list[Verdict | None]:
    letter = answer_store.letters_for(db, inquiry_id)[-1]
    return [a.verdict for a in answer_store.answers_for_letter(db, letter.id)]


def test_relearn_from_three_overrides_changes_another_letter_and_undoes(qtbot, db, no_dialogs):
    corrected = _inquiry(
        db,
        "Stadtgrün",
        [
            (
                "Welche Maßnahmen plant die Verwaltung zum Schutz der Alleebäume?",
                WATCHING.format(what="die Alleebäume", who="den Anwohnern"),
            ),
            (
                "Welche Maßnahmen plant die Verwaltung gegen Falschparker vor Schulen?",
                WATCHING.format(what="die Lage vor den Schulen", who="den Schulen"),
            ),
            (
                "Welche Maßnahmen plant die Verwaltung gegen die Vermüllung des Stadtparks?",
                WATCHING.format(what="den Stadtpark", who="dem Bürgerverein"),
            ),
        ],
    )
    other = _inquiry(
        db,
        "Bahnhof",
        [
            (
                "Welche Maßnahmen plant die Verwaltung gegen Lärm am Bahnhof?",
                WATCHING.format(what="die Lage am Bahnhof", who="der Bahn"),
            )
        ],
    )
    assert _verdicts(db, corrected) == [Verdict.CLEAR] * 3
    assert _verdicts(db, other) == [Verdict.CLEAR]

    window = MainWindow(db, features=["answer_review", "relearn_dialog"])
    qtbot.addWidget(window)
    window.show()
    assert not window.actions_[Action.UNDO_RELEARN].isEnabled()
    window.open_inquiry(corrected, "answers")
    tab = window.inquiry_page.tab_widgets["answers"]
    for step in range(3):
        tab.override_combo.setCurrentText("ausweichend")
        assert tab.chip.text() == "ausweichend"
        if step < 2:
            tab.step(1)
    with qtbot.waitSignal(window.data_changed):
        tab.confirm_button.click()

    dialog = window.relearn_commands.ask()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert "3 Bewertungen selbst korrigiert" in dialog.summary.text()
    assert "bisher mit 0 davon überein, nach dem Lernen mit 3" in dialog.summary.text()
    assert dialog.table.rowCount() == 3
    assert dialog.table.item(0, 3).text() != dialog.table.item(0, 2).text()
    dialog.apply_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    with qtbot.waitSignal(window.data_changed, timeout=20000):
        window.relearn_commands.apply(dialog.preview)
    assert _verdicts(db, other) != [Verdict.CLEAR]
    assert "Gelernt:" in window.statusBar().currentMessage()
    assert window.actions_[Action.UNDO_RELEARN].isEnabled()
    # The user's own verdicts stay as they were.
    letter = answer_store.letters_for(db, corrected)[-1]
    assert {a.user_verdict for a in answer_store.answers_for_letter(db, letter.id)} == {
        Verdict.VAGUE
    }

    with qtbot.waitSignal(window.data_changed, timeout=20000):
        window.relearn_commands.undo()
    assert _verdicts(db, other) == [Verdict.CLEAR]
    assert not window.actions_[Action.UNDO_RELEARN].isEnabled()
    assert no_dialogs == []


def test_too_few_corrections_are_explained(qtbot, db, no_dialogs):
    window = MainWindow(db, features=["relearn_dialog"])
    qtbot.addWidget(window)
    assert window.relearn_commands.ask() is None
    assert no_dialogs and "mindestens 3 korrigierte Bewertungen" in no_dialogs[0][1]
