"""Einstellungen: the sender of all letters and the user's own letterhead.

These settings belong to the data (stored in the database through services.drafting), so a
faction office sharing one database writes with one sender. A letterhead is checked when it is
chosen: a file python-docx cannot open is refused with a German message at once, not when the
first letter is exported.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from anfrage_desk.services import ServiceError, drafting
from anfrage_desk.ui import messages
from anfrage_desk.ui.form_widgets import buddy_label as _buddy

if TYPE_CHECKING:
    from anfrage_desk.ui.main_window import MainWindow


class SettingsDialog(QDialog):
    """Sender data and letterhead; "Speichern" writes them, "Abbrechen" keeps the old ones."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.db = window.db
        self.setWindowTitle(self.tr("Einstellungen"))
        sender = drafting.load_sender(self.db)
        self.letterhead: Path | None = sender.letterhead

        self.faction_edit = QLineEdit(sender.faction)
        self.faction_edit.setPlaceholderText(
            self.tr("z. B. Kreistagsfraktion Bündnis 90/Die Grünen")
        )
        self.address_edit = QPlainTextEdit(sender.address)
        self.address_edit.setTabChangesFocus(True)
        self.address_edit.setPlaceholderText(self.tr("Straße Nr.\nPLZ Ort"))
        self.address_edit.setFixedHeight(self.address_edit.fontMetrics().lineSpacing() * 3 + 14)
        self.line_edit = QLineEdit(sender.line)
        self.line_edit.setToolTip(
            self.tr("Die kleine Zeile über der Anschrift des Empfängers (Rücksendeangabe)")
        )
        self.contact_edit = QLineEdit(sender.contact)
        self.contact_edit.setPlaceholderText(self.tr("Ansprechpartner/in, erscheint im Infoblock"))
        self.phone_edit = QLineEdit(sender.phone)
        self.email_edit = QLineEdit(sender.email)
        self.signatory_edits = [QPlainTextEdit(), QPlainTextEdit()]
        for index, edit in enumerate(self.signatory_edits):
            edit.setTabChangesFocus(True)
            edit.setPlaceholderText(self.tr("Name\nFunktion"))
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 2 + 14)
            if index < len(sender.signatories):
                edit.setPlainText(sender.signatories[index])
        self._extra_signatories = sender.signatories[2:]
        self.faction_edit.textChanged.connect(self._update_line_hint)
        self.address_edit.textChanged.connect(self._update_line_hint)

        sender_box = QGroupBox(self.tr("Absender"))
        form = QFormLayout(sender_box)
        form.addRow(self.tr("&Fraktion:"), self.faction_edit)
        form.addRow(self.tr("&Anschrift:"), self.address_edit)
        form.addRow(self.tr("&Rücksendezeile:"), self.line_edit)
        form.addRow(self.tr("Ansprech&partner/in:"), self.contact_edit)
        form.addRow(self.tr("&Telefon:"), self.phone_edit)
        form.addRow(self.tr("&E-Mail:"), self.email_edit)
        signatories = QHBoxLayout()
        for edit in self.signatory_edits:
            signatories.addWidget(edit)
        form.addRow(_buddy(self.tr("&Unterschriften:"), self.signatory_edits[0]), signatories)
        hint = QLabel(self.tr("Die Unterschriften werden in neue Anfragen übernommen."))
        hint.setStyleSheet("color: palette(mid);")
        form.addRow("", hint)

        self.letterhead_label = QLabel()
        self.letterhead_label.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Aus&wählen …"))
        self.choose_button.clicked.connect(self.ask_letterhead)
        self.clear_button = QPushButton(self.tr("Entfer&nen"))
        self.clear_button.clicked.connect(lambda: self.set_letterhead(None))
        letterhead_box = QGroupBox(self.tr("Briefkopf"))
        letterhead_layout = QVBoxLayout(letterhead_box)
        explanation = QLabel(
            self.tr(
                "Eine eigene Word-Datei (.docx/.dotx) mit Logo, Kopf- und Fußzeile. Briefe werden "
                "auf ihr aufgebaut; ihr Text wird ersetzt. Ohne Briefkopf steht der Name der "
                "Fraktion oben rechts."
            )
        )
        explanation.setWordWrap(True)
        letterhead_layout.addWidget(explanation)
        row = QHBoxLayout()
        row.addWidget(self.letterhead_label, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.clear_button)
        letterhead_layout.addLayout(row)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Speichern"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Abbrechen"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(sender_box)
        layout.addWidget(letterhead_box)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self._update_letterhead()
        self._update_line_hint()

    def _update_line_hint(self) -> None:
        auto = drafting.sender_line(self.settings_from_form(line=""))
        self.line_edit.setPlaceholderText(auto or self.tr("Fraktion · Straße · PLZ Ort"))

    def _update_letterhead(self) -> None:
        if self.letterhead is None:
            self.letterhead_label.setText(
                self.tr("Kein Briefkopf gewählt – schlichtes Layout nach DIN 5008.")
            )
        else:
            self.letterhead_label.setText(str(self.letterhead))
        self.clear_button.setEnabled(self.letterhead is not None)

    def ask_letterhead(self) -> None:
        folder = (
            str(self.letterhead.parent)
            if self.letterhead
            else QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        )
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Briefkopf wählen"), folder, self.tr("Word-Dateien (*.docx *.dotx)")
        )
        if chosen:
            self.set_letterhead(Path(chosen))

    def set_letterhead(self, path: Path | None) -> bool:
        """Use ``path`` as letterhead (after the file dialog); refuses files Word can't open."""
        if path is not None:
            try:
                drafting.check_letterhead(path)
            except ServiceError as exc:
                messages.show_error(self, str(exc))
                return False
        self.letterhead = path
        self._update_letterhead()
        return True

    def settings_from_form(self, line: str | None = None) -> drafting.SenderSettings:
        signatories = tuple(e.toPlainText() for e in self.signatory_edits) + self._extra_signatories
        return drafting.SenderSettings(
            faction=self.faction_edit.text(),
            address=self.address_edit.toPlainText(),
            line=self.line_edit.text() if line is None else line,
            contact=self.contact_edit.text(),
            phone=self.phone_edit.text(),
            email=self.email_edit.text(),
            signatories=tuple(s for s in signatories if s.strip()),
            letterhead=self.letterhead,
        )

    def save(self) -> bool:
        sender = self.settings_from_form()
        if self.window_.run_service(lambda: drafting.save_sender(self.db, sender)):
            self.accept()
            self.window_.statusBar().showMessage(self.tr("Einstellungen gespeichert."), 5000)
            return True
        return False
