"""Nachfrage erstellen: choose the answers to follow up, edit the drafted questions, preview.

Signals: none; the dialog returns the created child inquiry id via ``created_id``.
"""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from anfrage_desk.model import Verdict
from anfrage_desk.services import followups as service
from anfrage_desk.services.followups import DraftItem
from anfrage_desk.store import Database

VERDICT_COLORS = {
    Verdict.CLEAR: "#1e7d32",
    Verdict.PARTIAL: "#9a6700",
    Verdict.VAGUE: "#b3261e",
    Verdict.MISSING: "#6b1d9a",
}


def verdict_chip(verdict: Verdict | None) -> QLabel:
    text = verdict.label if verdict else "nicht bewertet"
    color = VERDICT_COLORS.get(verdict, "#555555") if verdict else "#555555"
    chip = QLabel(text)
    chip.setStyleSheet(
        f"QLabel {{ color: white; background: {color}; border-radius: 8px; padding: 1px 8px; }}"
    )
    chip.setSizePolicy(chip.sizePolicy().horizontalPolicy(), chip.sizePolicy().verticalPolicy())
    return chip


class _ItemRow(QFrame):
    """One question: tick box, original question and answer, verdict, editable follow-up."""

    def __init__(self, item: DraftItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.check = QCheckBox(self.tr("Frage {label} nachfragen").format(label=item.label))
        self.check.setChecked(item.selected)
        question = QLabel(item.question)
        question.setWordWrap(True)
        question.setStyleSheet("font-weight: 600;")
        answer = QLabel(item.answer or self.tr("(keine Antwort)"))
        answer.setWordWrap(True)
        answer.setStyleSheet("color: palette(dark); font-style: italic;")
        reasons = QLabel("\n".join(f"• {r.message}" for r in item.reasons if r.message))
        reasons.setWordWrap(True)
        reasons.setVisible(bool(item.reasons))
        self.editor = QPlainTextEdit(item.text)
        self.editor.setAccessibleName(
            self.tr("Nachfrage zu Frage {label}").format(label=item.label)
        )
        self.editor.setTabChangesFocus(True)
        self.editor.setFixedHeight(84)
        self.editor.setEnabled(item.selected)
        self.check.toggled.connect(self.editor.setEnabled)
        head = QHBoxLayout()
        head.addWidget(self.check, 1)
        head.addWidget(verdict_chip(item.verdict))
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(question)
        layout.addWidget(answer)
        layout.addWidget(reasons)
        layout.addWidget(QLabel(self.tr("Nachfrage:")))
        layout.addWidget(self.editor)

    def value(self) -> DraftItem:
        return replace(self.item, selected=self.check.isChecked(), text=self.editor.toPlainText())


class FollowupDialog(QDialog):
    def __init__(self, db: Database, inquiry_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.inquiry_id = inquiry_id
        self.created_id: int | None = None
        self.exported_to: Path | None = None
        self.setWindowTitle(self.tr("Nachfrage erstellen"))
        self.resize(1100, 720)
        self.rows = [_ItemRow(item) for item in service.draft_followup(db, inquiry_id)]
        holder = QWidget()
        column = QVBoxLayout(holder)
        hint = QLabel(
            self.tr(
                "Unklare Antworten sind vorausgewählt. Passen Sie die vorgeschlagenen Nachfragen an; "
                "die Vorschau rechts zeigt den Brief."
            )
        )
        hint.setWordWrap(True)
        column.addWidget(hint)
        # The pre-selected (unclear) answers first, in question order, so they are in view;
        # the clear ones below. The letter keeps the question order either way.
        shown = [r for r in self.rows if r.item.selected] + [
            r for r in self.rows if not r.item.selected
        ]
        self.clear_label = QLabel(self.tr("Klar beantwortet – nur bei Bedarf ankreuzen:"))
        self.clear_label.setStyleSheet("font-weight: 600; margin-top: 8px;")
        for row in shown:
            if row is next((r for r in shown if not r.item.selected), None):
                column.addWidget(self.clear_label)
            column.addWidget(row)
            row.check.toggled.connect(self.update_preview)
            row.editor.textChanged.connect(self.update_preview)
        self.clear_label.setVisible(any(not r.item.selected for r in self.rows))
        column.addStretch(1)
        self.shown_rows = shown
        scroll = QScrollArea()
        scroll.setAccessibleName(self.tr("Fragen und Nachfragen"))
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        self.preview = QTextBrowser()
        self.preview.setAccessibleName(self.tr("Vorschau des Briefs"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(self.preview)
        splitter.setSizes([620, 480])
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            self.tr("Speichern und als DOCX exportieren …"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button = self.buttons.addButton(
            self.tr("Nur speichern"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self._ask_and_export)
        self.save_button.clicked.connect(lambda: self.create_followup(None))
        self.buttons.rejected.connect(self.reject)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.update_preview()

    def items(self) -> list[DraftItem]:
        return [row.value() for row in self.rows]

    def update_preview(self) -> None:
        chosen = [i for i in self.items() if i.selected]
        parts = [f"<h3>{html.escape(self.tr('Nachfrage'))}</h3>"]
        if not chosen:
            parts.append(f"<p><i>{html.escape(self.tr('Keine Frage ausgewählt.'))}</i></p>")
        for n, item in enumerate(chosen, 1):
            parts.append(
                f"<blockquote><i>{html.escape(item.question)}</i><br>"
                f"<i>{html.escape(item.answer or self.tr('(keine Antwort)'))}</i></blockquote>"
                f"<p><b>{n}.</b> {html.escape(item.text)}</p>"
            )
        self.preview.setHtml("".join(parts))
        self.export_button.setEnabled(bool(chosen))
        self.save_button.setEnabled(bool(chosen))

    def _ask_and_export(self) -> None:
        from PySide6.QtCore import QStandardPaths
        from PySide6.QtWidgets import QFileDialog

        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = service.default_followup_name(self.db, self.inquiry_id)
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Nachfrage speichern"),
            str(Path(folder) / name),
            self.tr("Word-Dokument (*.docx)"),
        )
        if path:
            self.create_followup(Path(path))

    def create_followup(self, out: Path | None) -> bool:
        """Store the Nachfrage (and write the letter to ``out``); errors stay in the dialog."""
        from anfrage_desk.services import ServiceError
        from anfrage_desk.ui import messages

        existing = service.existing_followup(self.db, self.inquiry_id, self.items())
        if existing is not None and not messages.confirm(
            self,
            self.tr(
                "Zu genau diesen Antworten gibt es schon eine Nachfrage. Trotzdem eine weitere "
                "anlegen? (Die vorhandene steht im Reiter „Nachfragen“ der Anfrage.)"
            ),
            self.tr("Nachfrage schon vorhanden"),
            self.tr("Weitere Nachfrage anlegen"),
        ):
            return False
        try:
            self.created_id, self.changes = service.create_followup(
                self.db, self.inquiry_id, self.items(), out
            )
        except ServiceError as exc:
            self.error_label.setText(str(exc))
            return False
        self.exported_to = out
        self.accept()
        return True
