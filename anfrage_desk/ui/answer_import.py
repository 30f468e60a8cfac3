"""The dialog "Antwort erfassen": paste or choose an answer letter, preview the split, save.

Reading a file runs as an Operation (off the GUI thread, cancellable). Problems with the file
are shown inside the dialog; nothing is written before the user saves.

Signals: file_loaded() — after a file was read or refused (tests wait on it);
imported(int letter_id) — after the letter was stored.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from anfrage_desk import words
from anfrage_desk.importers import ImportedText
from anfrage_desk.lazy import lazy_module
from anfrage_desk.model import AnswerLetter, Inquiry, Verdict
from anfrage_desk.services import ServiceError, today
from anfrage_desk.services import answers as service
from anfrage_desk.store import inquiries
from anfrage_desk.ui.date_field import DateField
from anfrage_desk.ui.models import de_date
from anfrage_desk.ui.operation import Operation
from anfrage_desk.ui.verdict_widgets import FileDropFilter, verdict_brushes, verdict_label

if TYPE_CHECKING:
    from anfrage_desk import segment
    from anfrage_desk.ui.main_window import MainWindow
else:  # the splitter loads when a letter is split, not at start
    segment = lazy_module("anfrage_desk.segment")

FILE_FILTER = "Antwortschreiben (*.txt *.docx *.pdf);;Alle Dateien (*)"
PREVIEW_DELAY_MS = 250


class AnswerImportDialog(QDialog):
    file_loaded = Signal()
    imported = Signal(int)

    def __init__(self, window: MainWindow, inquiry_id: int) -> None:
        super().__init__(window)
        self.window_ = window
        self.inquiry_id = inquiry_id
        self.inquiry: Inquiry | None = inquiries.get_inquiry(window.db, inquiry_id)
        self.document: ImportedText | None = None  # set while a file is loaded
        self.letter_id: int | None = None
        self._operation: Operation | None = None
        self._book = service.phrasebook(window.db)
        self.setWindowTitle(self.tr("Antwort erfassen"))
        self.setAcceptDrops(True)
        self.resize(900, 680)

        title = self.inquiry.title if self.inquiry else ""
        intro = QLabel(
            self.tr(
                "Antwortschreiben zur Anfrage „{title}“: Text einfügen oder eine Datei "
                "(.txt, .docx, .pdf) wählen bzw. hierher ziehen."
            ).format(title=title)
        )
        intro.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Datei wählen …"))
        self.choose_button.clicked.connect(self.choose_file)
        self.remove_file_button = QPushButton(self.tr("Datei entfernen"))
        self.remove_file_button.setToolTip(self.tr("Zurück zum Einfügen von Text"))
        self.remove_file_button.clicked.connect(self.clear_file)
        self.remove_file_button.setVisible(False)
        self.file_label = QLabel()
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.choose_button)
        file_row.addWidget(self.remove_file_button)
        file_row.addWidget(self.file_label, 1)

        self.text_edit = QPlainTextEdit()
        self.text_edit.setPlaceholderText(
            self.tr("Text des Antwortschreibens hier einfügen (Strg+V) …")
        )
        self.text_edit.setTabChangesFocus(True)  # a letter needs no tab characters
        self.text_edit.setAccessibleName(self.tr("Text des Antwortschreibens"))
        self.text_edit.textChanged.connect(self._schedule_preview)
        drop = FileDropFilter(self, self.load_file)
        self.text_edit.viewport().installEventFilter(drop)
        self.installEventFilter(drop)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(
            "QLabel { color: #8a1010; background: #fbe3e1; border-radius: 4px; padding: 6px; }"
        )
        self.error_label.setVisible(False)

        self.preview = QTreeWidget()
        self.preview.setAccessibleName(self.tr("Vorschau der Zuordnung"))
        self.preview.setHeaderLabels(
            [self.tr("Frage"), self.tr("Antwort erkannt"), self.tr("Vorläufige Bewertung")]
        )
        self.preview.setRootIsDecorated(False)
        self.preview.setColumnWidth(0, 60)
        self.preview.setColumnWidth(1, 560)
        self.preview_summary = QLabel()
        self.preview_summary.setWordWrap(True)

        self.received_edit = DateField(today())
        self.received_edit.setToolTip(
            self.tr(
                "Wann das Schreiben bei der Fraktion eingegangen ist; vorbelegt mit dem Datum "
                "des Schreibens, sobald es erkannt ist"
            )
        )
        self.received_edit.setAccessibleName(self.tr("Eingegangen am"))
        self.received_edit.textEdited.connect(self._received_typed)
        self.received_edit.validityChanged.connect(lambda _ok: self._update_save_button())
        self._received_by_user = False
        received_label = QLabel(self.tr("&Eingegangen am:"))
        received_label.setBuddy(self.received_edit)
        self.received_hint = QLabel()
        form = QHBoxLayout()
        form.addWidget(received_label)
        form.addWidget(self.received_edit)
        form.addWidget(self.received_hint)
        form.addStretch(1)

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            self.tr("Speichern und prüfen"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)  # Eingabe saves, from the date field too
        for button in (self.choose_button, self.remove_file_button):
            button.setAutoDefault(False)  # Leertaste presses them; Eingabe still saves
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Abbrechen"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addWidget(self.text_edit, 3)
        layout.addWidget(self.error_label)
        layout.addWidget(QLabel(self.tr("Vorschau der Zuordnung:")))
        layout.addWidget(self.preview, 2)
        layout.addWidget(self.preview_summary)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.update_preview)
        self.update_preview()

    # -- choosing the source
    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Antwortschreiben wählen"), "", self.tr(FILE_FILTER)
        )
        if name:
            self.load_file(name)

    def load_file(self, path: str | Path) -> None:
        """Read a letter file off the GUI thread (a PDF's text layer or a large DOCX take a
        while; a hostile file must not freeze the window before it is refused)."""
        path = Path(path)
        self._show_error("")
        self.file_label.setText(self.tr("{name} wird gelesen …").format(name=path.name))
        self.choose_button.setEnabled(False)
        self.save_button.setEnabled(False)
        op = Operation(
            self,
            self.tr("Text wird aus {name} gelesen …").format(name=path.name),
            lambda progress: service.read_letter(path),
        )
        op.succeeded.connect(self._file_read)
        op.failed.connect(self._file_refused)
        op.cancelled.connect(lambda: self._file_refused(self.tr("Das Einlesen wurde abgebrochen.")))
        self._operation = op
        op.start()

    def _file_read(self, document: object) -> None:
        self._operation = None
        self.choose_button.setEnabled(True)
        assert isinstance(document, ImportedText)
        self.document = document
        self.text_edit.blockSignals(True)
        self.text_edit.setPlainText(document.text)
        self.text_edit.blockSignals(False)
        self.text_edit.setReadOnly(True)
        size = len(document.data) / 1024
        self.file_label.setText(
            self.tr("{name} ({size:.0f} KB) – der Text wurde aus der Datei gelesen.").format(
                name=document.file_name, size=max(size, 1)
            )
        )
        self.remove_file_button.setVisible(True)
        self.update_preview()
        self.file_loaded.emit()

    def _file_refused(self, message: str) -> None:
        self._operation = None
        self.choose_button.setEnabled(True)
        self.file_label.setText("")
        self._show_error(message)
        self.update_preview()
        self.file_loaded.emit()

    def clear_file(self) -> None:
        self.document = None
        self.text_edit.setReadOnly(False)
        self.text_edit.clear()
        self.file_label.setText("")
        self.remove_file_button.setVisible(False)
        self._show_error("")
        self.update_preview()

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    # -- preview
    def _schedule_preview(self) -> None:
        self._preview_timer.start()

    def current_text(self) -> str:
        return self.document.text if self.document else self.text_edit.toPlainText()

    def update_preview(self) -> None:
        """Split and assess the text as the import would, and show which questions got an answer."""
        self._preview_timer.stop()
        self.preview.clear()
        text = self.current_text()
        questions = self.inquiry.questions if self.inquiry else ()
        busy = self._operation is not None
        if not questions:
            self.preview_summary.setText(
                self.tr("Die Anfrage hat keine Fragen; ein Schreiben kann nicht zugeordnet werden.")
            )
            self.save_button.setEnabled(False)
            return
        if not text.strip():
            self.preview_summary.setText(self.tr("Noch kein Text."))
            self.save_button.setEnabled(False)
            return
        parsed = [segment.ParsedQuestion(q.label, q.text) for q in questions]
        analysis = service.analyze_text(text, parsed, self._book)
        by_label = {item.label: item for item in analysis.items}
        answered = 0
        for question in questions:
            item = by_label.get(question.label)
            has_answer = bool(item and item.answer)
            answered += has_answer
            snippet = " ".join((item.answer or "").split()) if item else ""
            row = QTreeWidgetItem(
                [
                    question.label,
                    snippet[:160] + ("…" if len(snippet) > 160 else "")
                    if has_answer
                    else self.tr("keine Antwort gefunden"),
                    verdict_label(item.verdict if item and has_answer else Verdict.MISSING),
                ]
            )
            row.setToolTip(1, (item.answer or "") if item else question.text)
            fg, bg = verdict_brushes(item.verdict if item and has_answer else Verdict.MISSING)
            row.setForeground(2, fg)
            row.setBackground(2, bg)
            if not has_answer:
                row.setForeground(1, verdict_brushes(None)[0])
            self.preview.addTopLevelItem(row)
        missing = len(questions) - answered
        meta = analysis.meta
        parts = [
            self.tr("{n} von {total} beantwortet").format(
                n=answered, total=words.count(len(questions), "Frage")
            )
        ]
        if missing:
            parts.append(self.tr("{n} ohne Antwort").format(n=missing))
        if meta.date:
            parts.append(self.tr("Schreiben vom {d}").format(d=de_date(meta.date)))
        if meta.refers_to_date:
            parts.append(self.tr("Ihre Anfrage vom {d}").format(d=de_date(meta.refers_to_date)))
        summary = " · ".join(parts) + "."
        if analysis.problems:
            summary += " " + " ".join(analysis.problems)
        self.preview_summary.setText(summary)
        self._default_received(meta.date)
        self.save_button.setEnabled(not busy and self.received_edit.is_valid())

    def _received_typed(self, _text: str) -> None:
        self._received_by_user = True
        self.received_hint.setText("")

    def _default_received(self, letter_date: date | None) -> None:
        """Until the user types a date, "Eingegangen am" follows the letter's own date."""
        if self._received_by_user:
            return
        if letter_date is not None and letter_date <= today():
            self.received_edit.set_value(letter_date)
            self.received_hint.setText(self.tr("(Datum des Schreibens)"))
        else:
            self.received_edit.set_value(today())
            self.received_hint.setText(self.tr("(heute – kein Briefdatum erkannt)"))

    def _update_save_button(self) -> None:
        self._schedule_preview()  # the preview decides whether saving is possible

    def answered_labels(self) -> list[str]:
        """Labels whose preview row found an answer (what the user sees as "beantwortet")."""
        missing = self.tr("keine Antwort gefunden")
        items = (self.preview.topLevelItem(i) for i in range(self.preview.topLevelItemCount()))
        return [item.text(0) for item in items if item is not None and item.text(1) != missing]

    # -- saving
    def save(self) -> None:
        if self._operation is not None:
            return
        try:
            document = self.document or service.pasted_letter(self.text_edit.toPlainText())
        except ServiceError as exc:
            self._show_error(str(exc))
            return
        if not self.received_edit.is_valid():
            self._show_error(self.received_edit.error_text())
            self.received_edit.setFocus()
            return
        received = self.received_edit.value()
        copy = service.logged_copy(self.window_.db, self.inquiry_id, document.text)
        if copy is not None and not self._confirm_duplicate(copy):
            return
        result: list[int] = []

        def call() -> object:
            letter_id, changes = service.import_answer(
                self.window_.db, self.inquiry_id, document, received, allow_duplicate=True
            )
            result.append(letter_id)
            return changes

        if not self.window_.run_service(call):  # type: ignore[arg-type]
            return
        self.letter_id = result[0]
        self.imported.emit(self.letter_id)
        self.accept()

    def _confirm_duplicate(self, copy: AnswerLetter) -> bool:
        from anfrage_desk.ui import messages

        received = copy.received_on
        return messages.confirm(
            self,
            self.tr(
                "Dieses Antwortschreiben ist zu der Anfrage bereits erfasst (eingegangen am "
                "{d}). Ein zweites Mal erfassen verdoppelt alle Antworten. Trotzdem erfassen?"
            ).format(d=de_date(received)),
            self.tr("Schreiben schon erfasst"),
            self.tr("Trotzdem erfassen"),
        )

    def reject(self) -> None:
        if self._operation is not None:
            self._operation.cancel()
        super().reject()


def open_import_dialog(
    window: MainWindow, inquiry_id: int | None = None
) -> AnswerImportDialog | None:
    """Open the dialog for the current inquiry (window-modal, not blocking)."""
    from anfrage_desk.ui import messages

    inquiry_id = inquiry_id if inquiry_id is not None else window.current_inquiry_id()
    if inquiry_id is None:
        messages.notify(
            window,
            window.tr(
                "Bitte öffnen oder markieren Sie zuerst die Anfrage, zu der die Antwort gehört."
            ),
        )
        return None
    dialog = AnswerImportDialog(window, inquiry_id)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def opened(letter_id: int) -> None:
        window.open_inquiry(inquiry_id, "answers")
        page = window.inquiry_page.tab_widgets.get("answers")
        select = getattr(page, "select_letter", None)
        if select is not None:
            select(letter_id)

    dialog.imported.connect(opened)
    dialog.open()
    return dialog


__all__ = ["AnswerImportDialog", "QWidget", "open_import_dialog"]
