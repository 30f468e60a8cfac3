"""The "Anfrage" tab: draft an inquiry; it saves itself while the user types.

Every change starts a short timer; when typing pauses (AUTOSAVE_MS) the form goes to
`services.inquiries.save_inquiry`. Leaving the page, opening another inquiry and closing the
window call `flush()`, so no word is lost and nobody is asked "Speichern?". The status line
says what happened: "Änderungen werden gespeichert …", "Gespeichert 12:03", or why not.

install() wires Neue Anfrage (Strg+N), Als Brief exportieren (Strg+E), Gremien verwalten and
Einstellungen (Strg+,) — see `DraftingCommands`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from anfrage_desk import deadlines, words
from anfrage_desk.model import DeadlineRule, Inquiry, InquiryKind, Status
from anfrage_desk.services import Changes, ServiceError, edit_merge, today
from anfrage_desk.services import inquiries as service
from anfrage_desk.store import StoreUnavailable, bodies
from anfrage_desk.store import inquiries as inquiry_store
from anfrage_desk.ui import merge_dialog, messages
from anfrage_desk.ui.actions import Action
from anfrage_desk.ui.form_widgets import (
    SignatoriesEdit,
    date_edit,
    from_qdate,
    plain_edit,
    to_qdate,
)
from anfrage_desk.ui.form_widgets import buddy_label as _buddy
from anfrage_desk.ui.inquiry_dialogs import DueDialog, PasteQuestionsDialog, SubmitDialog
from anfrage_desk.ui.inquiry_page import register_tab
from anfrage_desk.ui.question_list import QuestionList

if TYPE_CHECKING:
    from anfrage_desk.ui.main_window import MainWindow

AUTOSAVE_MS = 800
RETRY_MS = 5000
TAB_KEY = "inquiry"


class InquiryEditor(QWidget):
    """The form of one inquiry. Tab of the inquiry page: load(id), refresh(changes), flush()."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window_ = window
        self.db = window.db
        self.inquiry_id: int | None = None
        self._loaded: Inquiry | None = None
        self._base: Inquiry | None = None  # as last loaded or saved here: the merge's base
        self._loading = False
        self._saving = False
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save)
        self._build()

    # -- building
    def _build(self) -> None:
        changed = self._mark_dirty
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        self.status_label.setWordWrap(True)
        self.status_label.linkActivated.connect(self._link)
        self.submit_button = QPushButton(self.tr("Einreichen …"))
        self.submit_button.setToolTip(self.tr("Einreichen (Strg+Umschalt+R)"))
        self.submit_button.clicked.connect(self.ask_submit)
        self.due_button = QPushButton(self.tr("Frist ändern …"))
        self.due_button.clicked.connect(self.ask_due)
        self.save_label = QLabel()
        self.save_label.setStyleSheet("color: palette(mid);")
        head = QHBoxLayout()
        head.addWidget(self.status_label, 1)
        head.addWidget(self.save_label)
        head.addWidget(self.due_button)
        head.addWidget(self.submit_button)

        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("Worum geht es? Wird der Betreff des Briefs."))
        self.title_edit.textChanged.connect(changed)
        self.body_combo = QComboBox()
        self.body_combo.currentIndexChanged.connect(self._body_changed)
        self.bodies_button = QToolButton()
        self.bodies_button.setText(self.tr("Gremien …"))
        self.bodies_button.setToolTip(self.tr("Gremien, Fristregeln und Sitzungstermine verwalten"))
        self.bodies_button.clicked.connect(self._manage_bodies)
        body_row = QHBoxLayout()
        body_row.addWidget(self.body_combo, 1)
        body_row.addWidget(self.bodies_button)
        self.date_edit = date_edit(today())
        self.date_edit.dateChanged.connect(changed)
        self.reference_edit = QLineEdit()
        self.reference_edit.setPlaceholderText(self.tr("z. B. 20/1234 – falls schon vergeben"))
        self.reference_edit.textChanged.connect(changed)
        self.faction_edit = QLineEdit()
        self.faction_edit.setPlaceholderText(self.tr("z. B. Fraktion Bündnis 90/Die Grünen"))
        self.faction_edit.textChanged.connect(changed)
        title_row = QFormLayout()  # the full width: long titles stay readable
        title_row.addRow(self.tr("&Titel:"), self.title_edit)
        left = QFormLayout()
        left.addRow(_buddy(self.tr("&Gremium:"), self.body_combo), body_row)
        left.addRow(self.tr("&Datum:"), self.date_edit)
        left.addRow(self.tr("Druc&ksache:"), self.reference_edit)
        left.addRow(self.tr("&Fraktion:"), self.faction_edit)

        self.addressee_name_edit = QLineEdit()
        self.addressee_name_edit.setPlaceholderText(self.tr("z. B. Herrn Landrat Bodo Klimpel"))
        self.addressee_name_edit.textChanged.connect(changed)
        self.addressee_office_edit = QLineEdit()
        self.addressee_office_edit.setPlaceholderText(self.tr("z. B. Kreis Recklinghausen"))
        self.addressee_office_edit.textChanged.connect(changed)
        self.addressee_address_edit = plain_edit(3, self.tr("Straße Hausnummer\nPLZ Ort"))
        self.addressee_address_edit.textChanged.connect(changed)
        right = QFormLayout()
        right.addRow(self.tr("&Behörde:"), self.addressee_office_edit)
        right.addRow(self.tr("&An:"), self.addressee_name_edit)
        right.addRow(self.tr("Ansc&hrift:"), self.addressee_address_edit)

        meta = QGroupBox(self.tr("Anfrage"))
        meta.setLayout(left)
        addressee = QGroupBox(self.tr("Adressat"))
        addressee.setLayout(right)
        top = QGridLayout()
        top.addWidget(meta, 0, 0)
        top.addWidget(addressee, 0, 1)
        top.setColumnStretch(0, 1)
        top.setColumnStretch(1, 1)

        self.signatories_edit = SignatoriesEdit(changed)
        self.preamble_edit = QPlainTextEdit()
        self.preamble_edit.setTabChangesFocus(True)
        self.preamble_edit.setPlaceholderText(
            self.tr("Einleitung: Anlass und Hintergrund der Anfrage. Leerzeile = neuer Absatz.")
        )
        self.preamble_edit.textChanged.connect(changed)
        self.preamble_edit.textChanged.connect(self._fit_preamble)
        self._fit_preamble()
        text_box = QGroupBox(self.tr("Text"))
        text_form = QFormLayout(text_box)
        text_form.addRow(self.tr("&Einleitung:"), self.preamble_edit)
        text_form.addRow(self.tr("&Unterschriften:"), self.signatories_edit)

        self.questions = QuestionList()
        self.questions.changed.connect(changed)
        self.add_question_button = QPushButton(self.tr("Frage hin&zufügen"))
        self.add_question_button.clicked.connect(self._add_question)
        self.paste_button = QPushButton(self.tr("Fragen e&infügen …"))
        self.paste_button.setToolTip(
            self.tr("Einen Block nummerierter Fragen („1. …“, „2) …“, „Frage 3: …“) aufteilen")
        )
        self.paste_button.clicked.connect(self.ask_paste_questions)
        self.undo_delete_button = QPushButton(self.tr("Gelöschte Frage wiederherstellen"))
        self.undo_delete_button.setVisible(False)
        self.undo_delete_button.clicked.connect(self.questions.undo_delete)
        self.questions.trash_changed.connect(lambda n: self.undo_delete_button.setVisible(n > 0))
        question_box = QGroupBox(self.tr("Fragen"))
        question_layout = QVBoxLayout(question_box)
        question_layout.addWidget(self.questions)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_question_button)
        buttons.addWidget(self.paste_button)
        buttons.addWidget(self.undo_delete_button)
        hint = QLabel(
            self.tr(
                "Alt+↑/↓ verschiebt, ↳ macht eine Unterfrage (3a, 3b), Strg+Eingabe legt die "
                "nächste Frage an. Ein eingefügter Block „1. … 2. …“ wird in Fragen aufgeteilt; "
                "Strg+Umschalt+V fügt ihn ohne Aufteilen ein."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(mid);")
        buttons.addWidget(hint, 1)
        question_layout.addLayout(buttons)

        content = QWidget()
        column = QVBoxLayout(content)
        column.addLayout(title_row)
        column.addLayout(top)
        column.addWidget(text_box)
        column.addWidget(question_box)
        column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setAccessibleName(self.tr("Formular der Anfrage"))
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(content)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(head)
        layout.addWidget(self.scroll_area, 1)
        self.setEnabled(False)

    def _fit_preamble(self) -> None:
        """As high as its text (4 to 10 lines): the questions stay in view below it."""
        edit = self.preamble_edit
        lines = 0
        block = edit.document().firstBlock()
        while block.isValid():
            layout = block.layout()
            lines += max(layout.lineCount() if layout is not None else 1, 1)
            block = block.next()
        lines = min(max(lines, 4), 10)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_preamble()  # wrapping changes with the width

    # -- loading
    def load(self, inquiry_id: int) -> None:
        self.flush()
        self.inquiry_id = inquiry_id
        inquiry = inquiry_store.get_inquiry(self.db, inquiry_id)
        self._loaded = inquiry
        self._base = inquiry
        self.setEnabled(inquiry is not None)
        if inquiry is None:
            return
        self._loading = True
        try:
            self._fill_bodies(inquiry.body_id)
            self.title_edit.setText(inquiry.title)
            self.date_edit.setDate(to_qdate(inquiry.drafted_on or today()))
            self.reference_edit.setText(inquiry.reference)
            self.faction_edit.setText(inquiry.faction)
            self.addressee_name_edit.setText(inquiry.addressee_name)
            self.addressee_office_edit.setText(inquiry.addressee_office)
            self.addressee_address_edit.setPlainText(inquiry.addressee_address)
            self.signatories_edit.set_values(inquiry.signatories)
            self.preamble_edit.setPlainText(inquiry.preamble)
            self.questions.set_questions(inquiry.questions)
        finally:
            self._loading = False
        self._dirty = False
        self.save_label.setText("")
        self._show_status(inquiry)
        self.scroll_area.verticalScrollBar().setValue(0)
        if self.db.read_only:
            self._make_read_only()

    def _make_read_only(self) -> None:
        """A database on a read-only medium: show everything, let nothing pretend to save."""
        for edit in self.findChildren(QLineEdit) + self.findChildren(QPlainTextEdit):
            edit.setReadOnly(True)
        widgets: list[QWidget] = [
            *self.findChildren(QPushButton),
            *self.findChildren(QToolButton),
            *self.findChildren(QComboBox),
            *self.findChildren(QDateEdit),
        ]
        for widget in widgets:
            widget.setEnabled(False)
        self.save_label.setText(self.tr("Nur lesen – die Datenbank ist schreibgeschützt"))

    def _fill_bodies(self, body_id: int | None) -> None:
        self.body_combo.blockSignals(True)
        self.body_combo.clear()
        self.body_combo.addItem(self.tr("(kein Gremium – Frist 4 Wochen)"), None)
        for body in bodies.list_bodies(self.db):
            self.body_combo.addItem(body.name, body.id)
            self.body_combo.setItemData(
                self.body_combo.count() - 1,
                self.tr("Antwortfrist: {rule}").format(rule=deadlines.describe_rule(body.rule)),
                Qt.ItemDataRole.ToolTipRole,
            )
        index = self.body_combo.findData(body_id) if body_id is not None else 0
        self.body_combo.setCurrentIndex(max(index, 0))
        self.body_combo.blockSignals(False)

    def refresh(self, changes: Changes) -> None:
        if self._saving or self.inquiry_id is None:
            return
        if changes.bodies or changes.everything:
            self._fill_bodies(self.body_combo.currentData())
        if not (changes.everything or changes.bodies or self.inquiry_id in changes.inquiries):
            return
        stored = inquiry_store.get_inquiry(self.db, self.inquiry_id)
        if stored is None:
            self.setEnabled(False)
            return
        if (
            not self._dirty
            and self._loaded is not None
            and _content(stored) != _content(self._loaded)
        ):
            self.load(self.inquiry_id)  # changed elsewhere (e.g. restored, imported)
            return
        self._loaded = stored
        if not self._dirty:
            self._base = stored
        self._show_status(stored)

    # -- status
    def _show_status(self, inquiry: Inquiry) -> None:
        now = today()
        parts = [f"<b>{inquiry.display_status(now)}</b>"]
        if inquiry.kind == InquiryKind.NACHFRAGE:
            parts[0] = f"<b>{self.tr('Nachfrage')}</b> · " + parts[0]
        if inquiry.submitted_on:
            submitted = _de(inquiry.submitted_on)
            if inquiry.status == Status.SUBMITTED and not inquiry.is_overdue(now):
                parts[-1] = self.tr("<b>Eingereicht</b> am {d}").format(d=submitted)
            else:
                parts.append(self.tr("eingereicht am {d}").format(d=submitted))
            parts.append(self._due_text(inquiry, now))
        if inquiry.parent_id is not None:
            parent = inquiry_store.get_inquiry(self.db, inquiry.parent_id)
            title = parent.title if parent else self.tr("(gelöscht)")
            parts.append(
                self.tr("Nachfrage zu <a href='parent'>{title}</a>").format(
                    title=_escape(title or "–")
                )
            )
        self.status_label.setText(" · ".join(parts))
        draft = inquiry.status == Status.DRAFT
        self.submit_button.setText(
            self.tr("Einreichen …") if draft else self.tr("Einreichungsdatum …")
        )
        self.submit_button.setToolTip(
            self.tr("Einreichungsdatum setzen; die Antwortfrist beginnt")
            if draft
            else self.tr("Das Einreichungsdatum korrigieren")
        )
        self.due_button.setVisible(inquiry.submitted_on is not None)

    def _due_text(self, inquiry: Inquiry, now: date) -> str:
        if inquiry.due_on is None:
            return self.tr(
                "<span style='color:#a05a00'>Frist unbekannt – keine Sitzung nach dem "
                "Einreichungsdatum eingetragen (Gremien verwalten)</span>"
            )
        how = (
            self.tr("von Hand gesetzt") if inquiry.due_manual else self._rule_text(inquiry.body_id)
        )
        text = self.tr("Antwort fällig am {d} ({how})").format(d=_de(inquiry.due_on), how=how)
        if inquiry.is_overdue(now):
            days = deadlines.days_overdue(inquiry.due_on, now)
            late = self.tr("seit {days} überfällig").format(days=words.count(days, "Tag", "Tagen"))
            text += f" · <span style='color:#b00020'><b>{late}</b></span>"
        return text

    def _rule_text(self, body_id: int | None) -> str:
        body = bodies.get_body(self.db, body_id) if body_id else None
        rule = body.rule if body else DeadlineRule()
        return deadlines.describe_rule(rule)

    def _link(self, target: str) -> None:
        if target == "parent" and self._loaded is not None and self._loaded.parent_id is not None:
            self.window_.open_inquiry(self._loaded.parent_id)

    # -- saving
    def _mark_dirty(self, *_args: object) -> None:
        if self._loading or self.inquiry_id is None or self.db.read_only:
            return
        self._dirty = True
        self.save_label.setText(self.tr("Änderungen werden gespeichert …"))
        self._timer.start()

    def _body_changed(self, _index: int) -> None:
        if self._loading:
            return
        body_id = self.body_combo.currentData()
        body = bodies.get_body(self.db, body_id) if body_id else None
        if (
            body is not None
            and body.address.strip()
            and not (
                self.addressee_office_edit.text().strip()
                or self.addressee_address_edit.toPlainText().strip()
            )
        ):
            # A body's administration address is the natural addressee of a new draft.
            lines = body.address.strip().splitlines()
            self.addressee_office_edit.setText(lines[0])
            self.addressee_address_edit.setPlainText("\n".join(lines[1:]))
        self._mark_dirty()

    def form_inquiry(self, base: Inquiry) -> Inquiry:
        """The stored inquiry with the form's fields; status and dates stay as stored."""
        return replace(
            base,
            title=self.title_edit.text(),
            body_id=self.body_combo.currentData(),
            drafted_on=from_qdate(self.date_edit.date()),
            reference=self.reference_edit.text(),
            faction=self.faction_edit.text(),
            addressee_name=self.addressee_name_edit.text(),
            addressee_office=self.addressee_office_edit.text(),
            addressee_address=self.addressee_address_edit.toPlainText(),
            signatories=self.signatories_edit.values(),
            preamble=self.preamble_edit.toPlainText(),
            questions=self.questions.questions(),
        )

    def save(self, final: bool = False) -> bool:
        """Write the form to the database now. False if that failed (then it is retried)."""
        self._timer.stop()
        if not self._dirty or self.inquiry_id is None:
            return True
        try:
            stored = inquiry_store.get_inquiry(self.db, self.inquiry_id)
            if stored is None:  # purged meanwhile: nothing left to save into
                self._dirty = False
                return True
            base = self._base or stored
            try:
                saved = edit_merge.save_edit(self.db, base, self.form_inquiry(base))
            except edit_merge.EditConflict as conflict:  # another seat saved the same fields
                merged = merge_dialog.resolve(self, conflict, self._body_name)
                if merged is None:
                    self.save_label.setText(self.tr("Nicht gespeichert – gleichzeitige Änderung"))
                    return False
                saved = edit_merge.save_edit(self.db, conflict.theirs, merged)
                saved = replace(saved, merged=True)
            changes = saved.changes
            ids = [q.id for q in inquiry_store.get_questions(self.db, self.inquiry_id)]
        except (ServiceError, StoreUnavailable) as exc:
            self.save_label.setText(self.tr("Nicht gespeichert – neuer Versuch gleich"))
            self.save_label.setToolTip(str(exc))
            if final:
                messages.show_error(
                    self,
                    self.tr(
                        "Die Änderungen an der Anfrage konnten nicht gespeichert werden:\n{e}"
                    ).format(e=exc),
                )
            else:
                self._timer.start(RETRY_MS)
            return False
        self._dirty = False
        if saved.merged:  # another seat's changes were taken in: show them
            self.load(self.inquiry_id)
        self._base = saved.inquiry
        self.questions.set_ids([i for i in ids if i is not None])
        self.save_label.setToolTip("")
        self.save_label.setText(
            self.tr("Gespeichert {t}").format(t=datetime.now().strftime("%H:%M"))
        )
        self._saving = True
        try:
            self.window_.broadcast(changes, self)
        finally:
            self._saving = False
        self._loaded = inquiry_store.get_inquiry(self.db, self.inquiry_id)
        if self._loaded is not None:
            self._show_status(self._loaded)
        return True

    def _body_name(self, body_id: int | None) -> str:
        index = self.body_combo.findData(body_id) if body_id is not None else 0
        return self.body_combo.itemText(max(index, 0))

    def flush(self) -> None:
        """Save pending edits now (leaving the page, another inquiry, closing the window)."""
        if self._dirty:
            self.save(final=True)

    def is_dirty(self) -> bool:
        return self._dirty

    # -- questions
    def _add_question(self) -> None:
        rows = self.questions.rows
        self.questions.add_question(
            after=self.questions.focused_row() or (rows[-1] if rows else None)
        )

    def ask_paste_questions(self) -> None:
        dialog = PasteQuestionsDialog(self)
        if dialog.exec():
            self.insert_questions_text(dialog.text_edit.toPlainText())

    def insert_questions_text(self, text: str) -> int:
        """Split a block of numbered questions and append them; returns how many."""
        from anfrage_desk.ui.question_list import PastedQuestion, split_pasted

        parts = split_pasted(text) or ([PastedQuestion(text.strip())] if text.strip() else [])
        self.questions.insert_pasted(parts)
        return len(parts)

    # -- status changes
    def ask_submit(self) -> None:
        if self.inquiry_id is None or self._loaded is None:
            return
        self.flush()
        loaded = self._loaded
        again = loaded.status != Status.DRAFT
        dialog = SubmitDialog(self, loaded.submitted_on or today(), self._due_preview, again=again)
        if dialog.exec():
            self.submit(dialog.value())

    def _due_preview(self, submitted: date) -> str:
        if self._loaded is None:
            return ""
        probe = replace(self._loaded, submitted_on=submitted, body_id=self.body_combo.currentData())
        due = service.compute_due(self.db, probe)
        if due is None:
            return self.tr("unbekannt – für das Gremium ist keine spätere Sitzung eingetragen")
        how = self.tr("von Hand gesetzt") if probe.due_manual else self._rule_text(probe.body_id)
        return self.tr("{d} ({how})").format(d=_de(due), how=how)

    def submit(self, submitted: date) -> bool:
        """Einreichen on ``submitted`` (after the dialog)."""
        if self.inquiry_id is None:
            return False
        self.flush()
        inquiry_id = self.inquiry_id
        ok = self.window_.run_service(
            lambda: service.submit_inquiry(self.db, inquiry_id, submitted)
        )
        if ok:
            self.window_.statusBar().showMessage(
                self.tr("Eingereicht am {d}.").format(d=_de(submitted)), 5000
            )
        return ok

    def ask_due(self) -> None:
        if self._loaded is None or self.inquiry_id is None:
            return
        loaded = self._loaded
        dialog = DueDialog(
            self,
            loaded.due_on or today(),
            loaded.due_manual,
            self._rule_text(loaded.body_id),
        )
        if dialog.exec():
            self.set_due(dialog.value())

    def set_due(self, due: date | None) -> bool:
        """A due date by hand, or None to follow the body's rule again (after the dialog)."""
        if self.inquiry_id is None:
            return False
        self.flush()
        inquiry_id = self.inquiry_id
        return self.window_.run_service(lambda: service.set_due_manually(self.db, inquiry_id, due))

    def _manage_bodies(self) -> None:
        from anfrage_desk.ui.drafting_commands import DraftingCommands

        commands = self.window_.findChild(DraftingCommands)
        if commands is not None:
            commands.manage_bodies()


def _content(inquiry: Inquiry) -> Inquiry:
    """The part of an inquiry the form edits (to notice changes made elsewhere)."""
    return replace(inquiry, status=Status.DRAFT, submitted_on=None, due_on=None, due_manual=False)


def _de(value: date) -> str:
    return value.strftime("%d.%m.%Y")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


register_tab(TAB_KEY, "Anfrage", InquiryEditor)


def install(window: MainWindow) -> None:
    from anfrage_desk.ui.drafting_commands import DraftingCommands

    commands = DraftingCommands(window)
    a = window.actions_
    a[Action.NEW_INQUIRY].triggered.connect(commands.new_inquiry)
    a[Action.EXPORT_LETTER].triggered.connect(commands.export_letter)
    a[Action.SUBMIT].triggered.connect(commands.submit)
    a[Action.MANAGE_BODIES].triggered.connect(commands.manage_bodies)
    settings_action = a[Action.SETTINGS]
    comma = QKeySequence("Ctrl+,")
    if comma not in settings_action.shortcuts():
        settings_action.setShortcuts([*settings_action.shortcuts(), comma])
    settings_action.triggered.connect(commands.edit_settings)
    file_menu = window.menus["Datei"]
    file_menu.addAction(a[Action.NEW_INQUIRY])
    file_menu.addAction(a[Action.EXPORT_LETTER])
    file_menu.addAction(a[Action.SUBMIT])
    extras = window.menus["Extras"]
    extras.addAction(a[Action.MANAGE_BODIES])
    extras.addAction(settings_action)
