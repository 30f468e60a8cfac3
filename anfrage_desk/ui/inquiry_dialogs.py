"""Small dialogs of the inquiry editor: Einreichen, Frist ändern, Fragen einfügen.

Each dialog only collects a value; the editor calls the use case with it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from anfrage_desk.ui.form_widgets import date_edit, from_qdate
from anfrage_desk.ui.question_list import PastedQuestion, number_labels, split_pasted


class SubmitDialog(QDialog):
    """Einreichen: the date the inquiry went to the administration; previews the due date."""

    def __init__(
        self,
        parent: QWidget,
        submitted: date,
        preview: Callable[[date], str],
        again: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Einreichungsdatum ändern") if again else self.tr("Anfrage einreichen")
        )
        self.preview = preview
        self.date_edit = date_edit(submitted)
        self.due_label = QLabel()
        self.due_label.setWordWrap(True)
        intro = QLabel(
            self.tr(
                "An welchem Tag ging die Anfrage an die Verwaltung? Ab diesem Tag läuft die "
                "Antwortfrist nach der Regel des Gremiums."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Eingereicht am:"), self.date_edit)
        form.addRow(self.tr("Antwort fällig:"), self.due_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Übernehmen") if again else self.tr("Einreichen"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Abbrechen"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.date_edit.dateChanged.connect(lambda _d: self._update())
        self.date_edit.validityChanged.connect(lambda _ok: self._update())
        self.ok_button = ok
        self._update()
        self.setMinimumWidth(420)

    def _update(self) -> None:
        valid = self.date_edit.is_valid()
        self.ok_button.setEnabled(valid)
        self.due_label.setText(self.preview(self.value()) if valid else self.date_edit.error_text())

    def value(self) -> date:
        return from_qdate(self.date_edit.date())


class DueDialog(QDialog):
    """Frist ändern: a date set by hand, or back to the body's rule."""

    def __init__(self, parent: QWidget, due: date, manual: bool, rule_text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Antwortfrist ändern"))
        self.rule_box = QCheckBox(
            self.tr("Frist nach der Regel des Gremiums berechnen ({rule})").format(rule=rule_text)
        )
        self.rule_box.setChecked(not manual)
        self.date_edit = date_edit(due)
        self.date_edit.setEnabled(manual)
        self.rule_box.toggled.connect(lambda on: self.date_edit.setEnabled(not on))
        hint = QLabel(
            self.tr(
                "Eine von Hand gesetzte Frist gilt auch dann weiter, wenn sich die Regel oder die "
                "Sitzungstermine des Gremiums ändern (z. B. eine vereinbarte Fristverlängerung)."
            )
        )
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.rule_box)
        form.addRow(self.tr("&Fällig am:"), self.date_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Übernehmen"))
        self.date_edit.validityChanged.connect(ok.setEnabled)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Abbrechen"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def value(self) -> date | None:
        """None: follow the rule again."""
        return None if self.rule_box.isChecked() else from_qdate(self.date_edit.date())


class PasteQuestionsDialog(QDialog):
    """Fragen einfügen: paste a block of numbered questions, see how it is split, insert."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Fragen einfügen"))
        self.text_edit = QPlainTextEdit()
        self.text_edit.setAccessibleName(self.tr("Nummerierte Fragen"))
        self.text_edit.setPlaceholderText(
            self.tr(
                "Nummerierte Fragen hier einfügen, z. B.\n1. Wie viele …?\n2) Wer …?\nFrage 3: Bis wann …?"
            )
        )
        clipboard = QGuiApplication.clipboard().text() if QGuiApplication.clipboard() else ""
        if split_pasted(clipboard):
            self.text_edit.setPlainText(clipboard)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Einfügen"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Abbrechen"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Jede nummerierte Frage wird eine eigene Frage der Anfrage; 3a, 3b … werden Unterfragen."
                )
            )
        )
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.text_edit.textChanged.connect(self._update)
        self._update()
        self.resize(620, 420)

    def parts(self) -> list[PastedQuestion]:
        text = self.text_edit.toPlainText()
        parts = split_pasted(text)
        if not parts and text.strip():
            return [PastedQuestion(text.strip())]
        return parts

    def _update(self) -> None:
        parts = self.parts()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(parts))
        if not parts:
            self.result_label.setText(self.tr("Noch kein Text."))
        elif len(parts) == 1:
            self.result_label.setText(
                self.tr("Keine Nummerierung erkannt: Der Text wird eine einzige Frage.")
            )
        else:
            labels = ", ".join(number_labels([p.sub for p in parts]))
            self.result_label.setText(
                self.tr("{n} Fragen erkannt ({labels}); sie werden neu durchnummeriert.").format(
                    n=len(parts), labels=labels
                )
            )
