"""What the review does to answers beyond typing: move a passage, join two answers, mark a
question unanswered, teach an evasive phrase, and the letter's original file.

Functions of the review tab (``AnswerReviewTab``), kept apart so the tab stays readable.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from anfrage_desk.services import Changes
from anfrage_desk.services import answer_fixes as fixes
from anfrage_desk.services import answers as service
from anfrage_desk.services.answer_merge import AnswerConflict
from anfrage_desk.ui import messages
from anfrage_desk.ui.answer_rows import Draft

if TYPE_CHECKING:
    from anfrage_desk.ui.answer_review import AnswerReviewTab


def fill_move_menu(tab: AnswerReviewTab) -> None:
    tab.move_menu.clear()
    tab.detail.join_menu.clear()
    for row, question in enumerate(tab.questions):
        if row == tab._current_row or tab.rows.draft_at(row) is None:
            continue
        text = " ".join(question.text.split())
        title = tab.tr("Frage {label}: {text}").format(
            label=question.label, text=text[:60] + ("…" if len(text) > 60 else "")
        )
        action = tab.move_menu.addAction(title)
        action.triggered.connect(lambda _=False, r=row: tab.move_selection_to(r))
        join = tab.detail.join_menu.addAction(title)
        join.triggered.connect(lambda _=False, r=row: tab.join_with(r))


def join_with(tab: AnswerReviewTab, target_row: int) -> None:
    """One joint answer for this question and the one in `target_row` (stored at once)."""
    source, target = tab.current_draft(), tab.rows.draft_at(target_row)
    if source is None or target is None or not tab.save(confirm=False):
        return
    first, second = tab.current_draft(), tab.rows.draft_at(target_row)
    assert first is not None and second is not None
    ids = (first.stored.id or 0, second.stored.id or 0)
    tab._saving = True
    try:
        done = tab.window_.run_service(lambda: fixes.join_answers(tab.db, *ids), tab)
    finally:
        tab._saving = False
    if done:
        tab._after_save()
        label = tab.questions[target_row].label
        tab.window_.statusBar().showMessage(
            tab.tr("Gemeinsame Antwort mit Frage {label} gespeichert.").format(label=label),
            6000,
        )


def mark_unanswered(tab: AnswerReviewTab) -> None:
    """Remove the answer text (undoable in the editor): the question counts as missing."""
    cursor = tab.editor.textCursor()
    cursor.select(cursor.SelectionType.Document)
    cursor.removeSelectedText()
    tab.editor.setTextCursor(cursor)
    tab.save(confirm=False)


def move_selection_to(tab: AnswerReviewTab, target_row: int) -> None:
    """Cut the selected text from this answer and append it to another question's answer."""
    source = tab.current_draft()
    target = tab.rows.draft_at(target_row)
    cursor = tab.editor.textCursor()
    if source is None or target is None or not cursor.hasSelection():
        return
    piece = cursor.selectedText().replace("\u2029", "\n").strip()
    cursor.removeSelectedText()
    tab.editor.setTextCursor(cursor)  # textChanged updated the source draft
    target.text = (target.text.rstrip() + "\n\n" + piece) if target.text.strip() else piece
    tab.rows.row_changed(target_row)
    label = tab.questions[target_row].label
    if tab.save(confirm=False):
        tab.window_.statusBar().showMessage(
            tab.tr("Text nach Frage {label} verschoben.").format(label=label), 6000
        )


def mark_evasive(tab: AnswerReviewTab, phrase: str) -> None:
    if not tab.save(confirm=False):
        return
    before = {a: d.stored.effective_verdict for a, d in tab.drafts.items()}
    result: list[Changes] = []

    def call() -> Changes:
        changes = service.mark_phrase_evasive(tab.db, phrase)
        result.append(changes)
        return changes

    tab._saving = True
    try:
        done = tab.window_.run_service(call, initiator=tab)
    finally:
        tab._saving = False
    if done:
        tab._after_save()
        changed = sum(1 for a, d in tab.drafts.items() if d.stored.effective_verdict != before[a])
        total = len(result[0].answers) if result else 0
        tab.window_.statusBar().showMessage(
            tab.tr(
                "„{phrase}“ gilt jetzt als ausweichend. {n} Antwort(en) neu bewertet, "
                "{c} davon in diesem Schreiben mit geänderter Bewertung."
            ).format(phrase=phrase, n=total, c=changed),
            10000,
        )


def open_original(tab: AnswerReviewTab) -> None:
    if tab.letter is None or tab.letter.id is None:
        return
    try:
        name, data = service.original_file(tab.db, tab.letter.id)
    except service.ServiceError as exc:
        from anfrage_desk.ui import messages

        messages.show_error(tab, str(exc))
        return
    folder = Path(tempfile.mkdtemp(prefix="anfrage-desk-"))
    path = folder / Path(name).name
    path.write_bytes(data)
    tab._open_url(path)


def choose_original_target(tab: AnswerReviewTab) -> None:
    if tab.letter is None:
        return
    name, _ = QFileDialog.getSaveFileName(
        tab, tab.tr("Original speichern"), tab.letter.file_name or "antwort.txt"
    )
    if name:
        tab.save_original(Path(name))


def save_original(tab: AnswerReviewTab, target: Path) -> bool:
    if tab.letter is None or tab.letter.id is None:
        return False
    letter_id = tab.letter.id
    if tab.window_.run_service(
        lambda: (service.save_original(tab.db, letter_id, target), Changes())
    ):
        tab.window_.statusBar().showMessage(
            tab.tr("Original gespeichert: {path}").format(path=target), 6000
        )
        return True
    return False


def save_review(tab: AnswerReviewTab, verdicts: service.AnswerVerdicts) -> Changes:
    """Save the review; when another seat changed the same answer meanwhile (team mode), ask
    whose state counts and save again — never over their change unasked."""
    for _round in range(len(verdicts.edits) + 1):
        try:
            return service.save_review(tab.db, verdicts)
        except AnswerConflict as conflict:
            keep_mine = messages.confirm(
                tab,
                tab.tr("{what}\n\nWessen Stand soll gelten?").format(what=str(conflict)),
                title=tab.tr("Gleichzeitig geändert"),
                ok=tab.tr("Meinen Stand speichern"),
                cancel=tab.tr("Stand von {who} übernehmen").format(who=conflict.who),
            )
            if keep_mine:
                verdicts = conflict.mine(verdicts)
            else:
                verdicts = conflict.theirs_kept(verdicts)
                tab.drafts[conflict.edit.answer_id] = Draft.of(conflict.theirs)
    return service.save_review(tab.db, verdicts)
