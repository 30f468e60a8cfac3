"""The tab "Antworten": review an answer letter question by question, then confirm.

Top: letter selector and the letter data (dates, sender, reference) as detected, editable.
Middle: one row per question of the inquiry (question, answer, verdict) — the overview.
Bottom: the selected question beside its answer, the verdict chip with the machine's reasons
(highlighted in the answer), the user's override and note.

Edits live in drafts until they are saved: when the user leaves a changed answer, moves text,
marks a phrase, confirms ("Prüfung abschließen") and in ``flush()``. Nothing typed is lost.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from anfrage_desk.model import AnswerLetter, Question
from anfrage_desk.services import Changes
from anfrage_desk.services import answer_fixes as fixes
from anfrage_desk.services import answers as service
from anfrage_desk.store import answers as answer_store
from anfrage_desk.store import inquiries
from anfrage_desk.ui import answer_edits as edits
from anfrage_desk.ui.actions import Action
from anfrage_desk.ui.answer_panes import OVERRIDES, AnswerDetailPane, LetterMetaForm
from anfrage_desk.ui.answer_rows import AnswerRowsModel, Draft
from anfrage_desk.ui.inquiry_page import register_tab
from anfrage_desk.ui.models import de_date

if TYPE_CHECKING:
    from anfrage_desk.ui.main_window import MainWindow


class AnswerReviewTab(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.db = window.db
        self.inquiry_id: int | None = None
        self.letters: list[AnswerLetter] = []
        self.letter: AnswerLetter | None = None
        self.questions: tuple[Question, ...] = ()
        self.drafts: dict[int, Draft] = {}  # answer id -> what the user sees and edits
        self._current_row = -1
        self._loading = False
        self._saving = False  # our own saves reload once, afterwards

        # empty state
        self.empty_label = QLabel(
            self.tr(
                "Zu dieser Anfrage ist noch kein Antwortschreiben erfasst.\n"
                "Strg+Umschalt+A fügt eines ein oder liest es aus einer Datei."
            )
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: palette(mid); font-size: 15px;")
        empty_button = QPushButton(self.tr("Antwort erfassen …"))
        empty_button.clicked.connect(lambda: window.actions_[Action.IMPORT_ANSWER].trigger())
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addWidget(empty_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)

        # header: letter selector, state, original file
        self.letter_combo = QComboBox()
        self.letter_combo.currentIndexChanged.connect(self._letter_chosen)
        self.letter_combo_label = QLabel(self.tr("Schreiben:"))
        self.state_label = QLabel()
        self.open_original_button = QPushButton(self.tr("Original öffnen"))
        self.open_original_button.clicked.connect(self.open_original)
        self.save_original_button = QPushButton(self.tr("Original speichern …"))
        self.save_original_button.clicked.connect(self.choose_original_target)
        header = QHBoxLayout()
        header.addWidget(self.letter_combo_label)
        header.addWidget(self.letter_combo)
        header.addWidget(self.state_label, 1)
        header.addWidget(self.open_original_button)
        header.addWidget(self.save_original_button)

        # letter data
        self.meta_form = LetterMetaForm()
        self.letter_date_edit = self.meta_form.letter_date_edit
        self.refers_to_edit = self.meta_form.refers_to_edit
        self.received_edit = self.meta_form.received_edit
        self.sender_edit = self.meta_form.sender_edit
        self.reference_edit = self.meta_form.reference_edit

        # overview of all questions
        self.rows = AnswerRowsModel(self)
        self.table = QTableView()
        self.table.setModel(self.rows)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)  # Tab moves on to the answer, not cell to cell
        self.table.setAccessibleName(self.tr("Fragen und Bewertungen"))
        self.table.setWordWrap(False)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_row(current.row())
        )

        # detail of the selected question
        self.detail = detail = AnswerDetailPane()
        self.chip, self.machine_label = detail.chip, detail.machine_label
        self.relation_label, self.reasons_label = detail.relation_label, detail.reasons_label
        self.override_combo, self.note_edit = detail.override_combo, detail.note_edit
        self.editor, self.move_menu = detail.editor, detail.move_menu
        self.move_button, self.missing_button = detail.move_button, detail.missing_button
        self.evasive_button = detail.evasive_button
        self.override_combo.currentIndexChanged.connect(self._override_changed)
        self.editor.textChanged.connect(self._text_changed)
        self.editor.mark_evasive_requested.connect(self.mark_evasive)
        self.editor.selectionChanged.connect(self._update_buttons)
        self.note_edit.textEdited.connect(self._note_changed)
        self.missing_button.clicked.connect(self.mark_unanswered)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(detail)
        split.setSizes([210, 420])
        split.setChildrenCollapsible(False)

        # footer
        self.prev_button = QPushButton(self.tr("↑ Vorherige Frage"))
        self.prev_button.setToolTip(self.tr("Alt+Pfeil hoch oder Strg+Bild hoch"))
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QPushButton(self.tr("↓ Nächste Frage"))
        self.next_button.setToolTip(self.tr("Alt+Pfeil runter oder Strg+Bild runter"))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.saved_label = QLabel()
        self.saved_label.setStyleSheet("color: palette(mid);")
        self.confirm_button = QPushButton(self.tr("Prüfung abschließen"))
        self.confirm_button.setToolTip(
            self.tr("Bewertungen übernehmen und das Schreiben als geprüft markieren (Strg+Eingabe)")
        )
        self.confirm_button.setDefault(True)
        self.confirm_button.clicked.connect(self.confirm)
        footer = QHBoxLayout()
        footer.addWidget(self.prev_button)
        footer.addWidget(self.next_button)
        footer.addWidget(self.saved_label, 1)
        # The next step of the loop, where the window has the follow-up feature.
        self.followup_button = QPushButton(self.tr("Nachfrage erstellen …"))
        self.followup_button.setToolTip(self.tr("Unklare Antworten nachfragen (Strg+Umschalt+N)"))
        self.followup_button.clicked.connect(self._new_followup)
        footer.addWidget(self.followup_button)
        if "followups" not in window.features:  # (setVisible(True) on a parentless button
            self.followup_button.hide()  # would show it as a window of its own)
        footer.addWidget(self.confirm_button)

        review = QWidget()
        layout = QVBoxLayout(review)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.meta_form)
        layout.addWidget(split, 1)
        layout.addLayout(footer)

        self.stack = QStackedWidget()
        self.stack.addWidget(empty)
        self.stack.addWidget(review)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(self.stack)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, delta in (("Alt+Down", 1), ("Ctrl+PgDown", 1), ("Alt+Up", -1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(keys), self, context=context)
            shortcut.activated.connect(lambda d=delta: self.step(d))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, context=context).activated.connect(self.confirm)

    # -- loading
    def load(self, inquiry_id: int) -> None:
        self.flush()
        self.inquiry_id = inquiry_id
        self.letter = None
        self.drafts = {}
        self._current_row = -1
        self._reload_letters(keep_letter=None)

    def select_letter(self, letter_id: int) -> None:
        for index, letter in enumerate(self.letters):
            if letter.id == letter_id:
                self.letter_combo.setCurrentIndex(index)

    def _reload_letters(self, keep_letter: int | None) -> None:
        assert self.inquiry_id is not None
        self.letters = answer_store.letters_for(self.db, self.inquiry_id)
        if not self.letters:
            self.letter = None
            self.stack.setCurrentIndex(0)
            return
        self.stack.setCurrentIndex(1)
        self._loading = True
        self.letter_combo.clear()
        for letter in self.letters:
            when = de_date(letter.letter_date or letter.received_on) or self.tr("ohne Datum")
            self.letter_combo.addItem(self.tr("Schreiben vom {d}").format(d=when), letter.id)
        several = len(self.letters) > 1
        self.letter_combo.setVisible(several)
        self.letter_combo_label.setVisible(several)
        ids = [letter.id for letter in self.letters]
        index = ids.index(keep_letter) if keep_letter in ids else len(ids) - 1
        self.letter_combo.setCurrentIndex(index)
        self._loading = False
        self._show_letter(self.letters[index])

    def _fit_table(self, most: int = 8) -> None:
        """Tall enough for every question (up to ``most`` rows; more scroll)."""
        rows = min(max(self.rows.rowCount(), 1), most)
        header = self.table.horizontalHeader().sizeHint().height()
        row = self.table.verticalHeader().defaultSectionSize()
        self.table.setFixedHeight(header + rows * row + 2 * self.table.frameWidth() + 2)

    def _letter_chosen(self, index: int) -> None:
        if self._loading or not 0 <= index < len(self.letters):
            return
        self.flush()
        self.drafts = {}
        self._current_row = -1
        self._show_letter(self.letters[index])

    def _show_letter(
        self, letter: AnswerLetter, keep_row: int | None = None, fresh: bool = False
    ) -> None:
        """Show a letter; unsaved drafts of the same letter survive unless ``fresh``."""
        assert letter.id is not None and self.inquiry_id is not None
        same = self.letter is not None and self.letter.id == letter.id and not fresh
        self.letter = letter
        self.questions = inquiries.get_questions(self.db, self.inquiry_id)
        stored = {a.question_id: a for a in answer_store.answers_for_letter(self.db, letter.id)}
        drafts: dict[int, Draft] = {}
        for answer in stored.values():
            assert answer.id is not None
            old = self.drafts.get(answer.id) if same else None
            if old is not None and old.dirty:
                old.stored = answer  # keep what the user typed over a fresh machine verdict
                drafts[answer.id] = old
            else:
                drafts[answer.id] = Draft.of(answer)
        self.drafts = drafts
        self.rows.set_rows(list(self.questions), stored, drafts)
        self.rows.set_unsure(fixes.unsure_answers(self.db, letter.id))
        self._fit_table()
        self._show_meta(letter, keep_typed=same)
        row = keep_row if keep_row is not None else max(self._current_row, 0)
        self._current_row = -1
        self._select(min(row, len(self.questions) - 1))
        self._update_state()

    def _show_meta(self, letter: AnswerLetter, keep_typed: bool) -> None:
        if not (keep_typed and self._meta_dirty()):
            self.meta_form.show_letter(letter)
        has_file = answer_store.letter_file(self.db, letter.id or 0) is not None
        self.open_original_button.setEnabled(has_file)
        self.save_original_button.setEnabled(has_file)
        if letter.file_name:
            tip = self.tr("Originaldatei: {name}").format(name=letter.file_name)
            self.open_original_button.setToolTip(tip)
            self.save_original_button.setToolTip(tip)

    def _update_state(self) -> None:
        if self.letter is None:
            return
        if self.letter.confirmed_at:
            day = self.letter.confirmed_at[:10]
            try:
                from datetime import date

                day = de_date(date.fromisoformat(day))
            except ValueError:
                pass
            text = self.tr("✓ Geprüft am {d}").format(d=day)
        else:
            text = self.tr("Noch nicht geprüft")
        if self.letter.file_name:
            text += " · " + self.letter.file_name
        self.state_label.setText(text)
        dirty = any(d.dirty for d in self.drafts.values()) or self._meta_dirty()
        self.saved_label.setText(self.tr("Ungespeicherte Änderungen") if dirty else "")

    # -- the selected question
    def _select(self, row: int) -> None:
        if row < 0:
            return
        index = self.rows.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        self.show_row(row)

    def current_draft(self) -> Draft | None:
        return self.rows.draft_at(self._current_row)

    def show_row(self, row: int) -> None:
        if row == self._current_row or not 0 <= row < len(self.questions):
            return
        previous = self.current_draft()
        if previous is not None and previous.dirty and self._current_row >= 0:
            self._current_row = row  # saving reloads; keep the new row
            if not self.save(confirm=False):
                return
        self._current_row = row
        self._loading = True
        self.detail.show_question(self.questions[row], self.rows.draft_at(row))
        self._loading = False
        self._update_detail()
        self._fill_move_menu()
        self._update_buttons()

    def _update_detail(self) -> None:
        self.detail.show_verdict(self.current_draft())
        self.detail.unsure_label.setVisible(self.rows.is_unsure(self._current_row))

    def _fill_move_menu(self) -> None:
        edits.fill_move_menu(self)

    def join_with(self, target_row: int) -> None:
        """One joint answer for this question and the one in `target_row` (stored at once)."""
        edits.join_with(self, target_row)

    def _update_buttons(self) -> None:
        self.detail.update_tools(self.current_draft() is not None)
        self.prev_button.setEnabled(self._current_row > 0)
        self.next_button.setEnabled(self._current_row < len(self.questions) - 1)

    def step(self, delta: int) -> None:
        row = self._current_row + delta
        if 0 <= row < len(self.questions):
            self._select(row)

    # -- editing
    def _text_changed(self) -> None:
        draft = self.current_draft()
        if self._loading or draft is None:
            return
        draft.text = self.editor.toPlainText()
        self._edited()

    def _override_changed(self, index: int) -> None:
        draft = self.current_draft()
        if self._loading or draft is None:
            return
        draft.user_verdict = OVERRIDES[index][1]
        self._edited()

    def _note_changed(self, text: str) -> None:
        draft = self.current_draft()
        if draft is not None:
            draft.note = text
            self._edited()

    def _edited(self) -> None:
        self.rows.row_changed(self._current_row)
        self._update_detail()
        self._update_buttons()
        self._update_state()

    def mark_unanswered(self) -> None:
        edits.mark_unanswered(self)

    def move_selection_to(self, target_row: int) -> None:
        edits.move_selection_to(self, target_row)

    def mark_evasive(self, phrase: str) -> None:
        edits.mark_evasive(self, phrase)

    # -- saving
    def _meta_value(self) -> service.LetterMetaEdit | None:
        if self.letter is None or self.letter.id is None:
            return None
        return self.meta_form.value(self.letter.id)

    def _meta_dirty(self) -> bool:
        return self.letter is not None and self.meta_form.differs_from(self.letter)

    def verdicts(self, confirm: bool) -> service.AnswerVerdicts | None:
        if self.letter is None or self.letter.id is None:
            return None
        edits = tuple(
            service.AnswerEdit(answer_id, d.text, d.user_verdict, d.note, base=d.base)
            for answer_id, d in self.drafts.items()
            if d.dirty
        )
        return service.AnswerVerdicts(self.letter.id, edits, confirm=confirm)

    def save(self, confirm: bool = False) -> bool:
        """Store drafts and letter data; with ``confirm`` also mark the letter as reviewed."""
        verdicts = self.verdicts(confirm)
        if verdicts is None:
            return True
        meta = self._meta_value()
        self._saving = True
        try:
            if meta is not None and self._meta_dirty():
                save_meta = partial(service.save_letter_meta, self.db, meta)
                if not self.window_.run_service(save_meta, self):
                    return False
            if (verdicts.edits or confirm) and not self.window_.run_service(
                lambda: edits.save_review(self, verdicts), self
            ):
                return False
        finally:
            self._saving = False
        self._after_save()
        return True

    def _after_save(self) -> None:
        """Show what the database holds now: new machine verdicts for the saved texts."""
        if self.letter is None or self.letter.id is None:
            return
        letter = answer_store.get_letter(self.db, self.letter.id)
        if letter is None:
            self._reload_letters(None)
            return
        self.letters = [letter if x.id == letter.id else x for x in self.letters]
        self._show_letter(letter, keep_row=self._current_row, fresh=True)

    def confirm(self) -> None:
        if self.save(confirm=True):
            self.window_.statusBar().showMessage(
                self.tr("Prüfung abgeschlossen: die Bewertungen sind gespeichert."), 6000
            )

    def _new_followup(self) -> None:
        self.flush()
        self.window_.actions_[Action.NEW_FOLLOWUP].trigger()

    def flush(self) -> None:
        """Save pending edits without confirming (leaving the tab, closing the window)."""
        if self.letter is None:
            return
        if any(d.dirty for d in self.drafts.values()) or self._meta_dirty():
            self.save(confirm=False)

    def refresh(self, changes: Changes) -> None:
        if self.inquiry_id is None or self._saving:
            return
        mine = {d.stored.id for d in self.drafts.values()}
        if changes.everything or self.inquiry_id in changes.inquiries or mine & changes.answers:
            keep = self.letter.id if self.letter else None
            row = self._current_row
            letters = answer_store.letters_for(self.db, self.inquiry_id)
            if [x.id for x in letters] != [x.id for x in self.letters]:
                self._reload_letters(keep)
            elif self.letter is not None:
                letter = next(x for x in letters if x.id == self.letter.id)
                self.letters = letters
                self._show_letter(letter, keep_row=row)

    # -- original file
    def open_original(self) -> None:
        edits.open_original(self)

    def _open_url(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def choose_original_target(self) -> None:
        edits.choose_original_target(self)

    def save_original(self, target: Path) -> bool:
        return edits.save_original(self, target)


def install(window: MainWindow) -> None:
    from anfrage_desk.ui.answer_import import open_import_dialog

    action = window.actions_[Action.IMPORT_ANSWER]
    action.triggered.connect(lambda: open_import_dialog(window))
    window.menus["Datei"].addAction(action)
    window.inquiry_list.table.addAction(action)


register_tab("answers", "Antworten", AnswerReviewTab)
