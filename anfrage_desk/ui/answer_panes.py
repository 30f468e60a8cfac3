"""The two forms of the review tab: the letter data and the detail of one question.

They only build and fill widgets; the tab (``answer_review.py``) connects them to drafts
and use cases.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from anfrage_desk.model import Answer, AnswerLetter, Question, Verdict
from anfrage_desk.services import answers as service
from anfrage_desk.ui.answer_rows import Draft, NullableDateEdit
from anfrage_desk.ui.verdict_widgets import AnswerEditor, VerdictChip, reasons_html, verdict_label

OVERRIDES: tuple[tuple[str, Verdict | None], ...] = (
    ("automatisch", None),
    ("klar", Verdict.CLEAR),
    ("teilweise", Verdict.PARTIAL),
    ("ausweichend", Verdict.VAGUE),
    ("fehlt", Verdict.MISSING),
)


class LetterMetaForm(QWidget):
    """Dates, sender and reference of a letter as detected at import; the user may correct them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.letter_date_edit = NullableDateEdit()
        self.refers_to_edit = NullableDateEdit()
        self.received_edit = NullableDateEdit()
        self.sender_edit = QLineEdit()
        self.sender_edit.setPlaceholderText(self.tr("z. B. Der Landrat"))
        self.reference_edit = QLineEdit()
        self.reference_edit.setPlaceholderText(self.tr("Aktenzeichen der Verwaltung"))
        dates = QHBoxLayout()
        for text, edit in (
            (self.tr("Schreiben vom:"), self.letter_date_edit),
            (self.tr("Ihre Anfrage vom:"), self.refers_to_edit),
            (self.tr("Eingegangen am:"), self.received_edit),
        ):
            edit.setMinimumWidth(130)
            edit.setAccessibleName(text.rstrip(":"))
            label = QLabel(text)
            label.setBuddy(edit)
            dates.addWidget(label)
            dates.addWidget(edit)
            dates.addSpacing(12)
        dates.addStretch(1)
        people = QHBoxLayout()
        sender_label = QLabel(self.tr("Absender:"))
        sender_label.setBuddy(self.sender_edit)
        self.sender_edit.setAccessibleName(self.tr("Absender"))
        reference_label = QLabel(self.tr("Zeichen:"))
        reference_label.setBuddy(self.reference_edit)
        self.reference_edit.setAccessibleName(self.tr("Zeichen der Verwaltung"))
        people.addWidget(sender_label)
        people.addWidget(self.sender_edit, 3)
        people.addSpacing(12)
        people.addWidget(reference_label)
        people.addWidget(self.reference_edit, 2)
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet(
            "QLabel { color: #7a4f00; background: #fdf3d7; border-radius: 4px; padding: 4px 8px; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(dates)
        layout.addLayout(people)
        layout.addWidget(self.problems_label)

    def show_letter(self, letter: AnswerLetter) -> None:
        self.letter_date_edit.set_value(letter.letter_date)
        self.refers_to_edit.set_value(letter.refers_to_date)
        self.received_edit.set_value(letter.received_on)
        self.sender_edit.setText(letter.sender)
        self.reference_edit.setText(letter.reference)
        self.problems_label.setText(" ".join(letter.problems))
        self.problems_label.setVisible(bool(letter.problems))

    def value(self, letter_id: int) -> service.LetterMetaEdit:
        return service.LetterMetaEdit(
            letter_id,
            received_on=self.received_edit.value(),
            letter_date=self.letter_date_edit.value(),
            refers_to_date=self.refers_to_edit.value(),
            sender=self.sender_edit.text(),
            reference=self.reference_edit.text(),
        )

    def differs_from(self, letter: AnswerLetter) -> bool:
        meta = self.value(letter.id or 0)
        shown = (
            meta.received_on,
            meta.letter_date,
            meta.refers_to_date,
            meta.sender,
            meta.reference,
        )
        stored = (
            letter.received_on,
            letter.letter_date,
            letter.refers_to_date,
            letter.sender,
            letter.reference,
        )
        return shown != stored


class AnswerDetailPane(QWidget):
    """One question beside its answer, with verdict chip, reasons, override, note and tools."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail_title = QLabel()
        self.detail_title.setStyleSheet("font-weight: 600; font-size: 14px;")
        self.chip = VerdictChip()
        self.machine_label = QLabel()
        self.machine_label.setStyleSheet("color: palette(mid);")
        self.relation_label = QLabel()
        self.relation_label.setStyleSheet("color: #3b5b8c;")
        self.override_combo = QComboBox()
        for text, _ in OVERRIDES:
            self.override_combo.addItem(self.tr(text))
        self.override_combo.setToolTip(self.tr("Eigene Bewertung statt der automatischen"))
        top = QHBoxLayout()
        top.addWidget(self.detail_title)
        top.addWidget(self.chip)
        top.addWidget(self.machine_label)
        top.addWidget(self.relation_label)
        top.addStretch(1)
        verdict_label = QLabel(self.tr("&Bewertung:"))
        verdict_label.setBuddy(self.override_combo)
        self.override_combo.setAccessibleName(self.tr("Bewertung"))
        top.addWidget(verdict_label)
        top.addWidget(self.override_combo)

        self.question_view = QTextBrowser()
        self.question_view.setOpenLinks(False)
        self.question_view.setAccessibleName(self.tr("Frage"))
        self.editor = AnswerEditor()
        self.editor.setAccessibleName(self.tr("Antwort der Verwaltung"))
        pair = QSplitter(Qt.Orientation.Horizontal)
        pair.addWidget(self._titled(self.tr("Frage"), self.question_view))
        pair.addWidget(self._titled(self.tr("Antwort der Verwaltung"), self.editor))
        pair.setSizes([420, 580])
        pair.setChildrenCollapsible(False)

        self.reasons_label = QLabel()
        self.reasons_label.setWordWrap(True)
        self.reasons_label.setTextFormat(Qt.TextFormat.RichText)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("Eigene Notiz zu dieser Antwort"))
        self.move_button = QToolButton()
        self.move_button.setText(self.tr("Markierten Text verschieben nach Frage …"))
        self.move_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.move_menu = QMenu(self.move_button)
        self.move_button.setMenu(self.move_menu)
        self.join_button = QToolButton()
        self.join_button.setText(self.tr("Gemeinsam beantwortet mit Frage …"))
        self.join_button.setToolTip(
            self.tr("Diese Antwort und die einer anderen Frage zu einer gemeinsamen verbinden")
        )
        self.join_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.join_menu = QMenu(self.join_button)
        self.join_button.setMenu(self.join_menu)
        self.unsure_label = QLabel(
            self.tr("⚠ Die Aufteilung ist unsicher – bitte prüfen, ob diese Antwort passt.")
        )
        self.unsure_label.setStyleSheet("color: #8a5a00;")
        self.unsure_label.setVisible(False)
        self.missing_button = QPushButton(self.tr("Nicht beantwortet"))
        self.missing_button.setToolTip(
            self.tr(
                "Den Antworttext entfernen: die Frage gilt als nicht beantwortet "
                "(Strg+Z im Antwortfeld macht es rückgängig)"
            )
        )
        self.evasive_button = QPushButton(self.tr("Als ausweichend markieren"))
        self.evasive_button.setToolTip(self.editor.mark_action.statusTip())
        self.evasive_button.clicked.connect(self.editor.mark_action.trigger)
        tools = QHBoxLayout()
        tools.addWidget(self.move_button)
        tools.addWidget(self.join_button)
        tools.addWidget(self.missing_button)
        tools.addWidget(self.evasive_button)
        tools.addStretch(1)
        note_row = QHBoxLayout()
        self.note_edit.setAccessibleName(self.tr("Notiz"))
        note_label = QLabel(self.tr("No&tiz:"))
        note_label.setBuddy(self.note_edit)
        note_row.addWidget(note_label)
        note_row.addWidget(self.note_edit, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.unsure_label)
        layout.addWidget(pair, 1)
        layout.addWidget(self.reasons_label)
        layout.addLayout(tools)
        layout.addLayout(note_row)

    @staticmethod
    def _titled(title: str, widget: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(title)
        label.setStyleSheet("color: palette(mid);")
        layout.addWidget(label)
        layout.addWidget(widget, 1)
        return box

    def show_question(self, question: Question, draft: Draft | None) -> None:
        """Fill the pane for one question (signals of the inputs are blocked by the caller)."""
        self.detail_title.setText(self.tr("Frage {label}").format(label=question.label))
        self.question_view.setPlainText(question.text)
        if draft is None:
            self.editor.set_answer("", None, ())
            self.editor.setReadOnly(True)
            self.editor.setPlaceholderText(
                self.tr(
                    "Dieses Schreiben enthält keinen Eintrag zu dieser Frage (später hinzugefügt)."
                )
            )
        else:
            self.editor.setReadOnly(False)
            self.editor.setPlaceholderText(
                self.tr("Nicht beantwortet – hier eine Antwort eintragen.")
            )
            self.editor.set_answer(draft.text, draft.stored.text or "", draft.stored.reasons)
            self.override_combo.setCurrentIndex(
                next(i for i, (_, v) in enumerate(OVERRIDES) if v == draft.user_verdict)
            )
            self.note_edit.setText(draft.note)
        self.show_verdict(draft)

    def show_verdict(self, draft: Draft | None) -> None:
        if draft is None:
            self.chip.set_verdict(None)
            for label in (self.machine_label, self.relation_label, self.reasons_label):
                label.setText("")
            return
        stored = draft.stored
        self.chip.set_verdict(draft.shown_verdict)
        machine = verdict_label(stored.verdict)
        if draft.text_dirty:
            machine += self.tr(" (wird beim Speichern neu bewertet)")
        self.machine_label.setText(self.tr("Automatisch erkannt: {v}").format(v=machine))
        self.relation_label.setText(self.relations(stored))
        if draft.text_dirty:
            self.reasons_label.setText(
                self.tr("Der Text wurde geändert; die Gründe werden beim Speichern neu ermittelt.")
            )
        elif stored.reasons:
            self.reasons_label.setText(
                self.tr("Gründe:")
                + reasons_html(stored.reasons, stored.text, stored.verdict is Verdict.CLEAR)
            )
        else:
            self.reasons_label.setText("")

    def relations(self, answer: Answer) -> str:
        parts = []
        if answer.joint_with:
            parts.append(
                self.tr("gemeinsam beantwortet mit {labels}").format(
                    labels=", ".join(answer.joint_with)
                )
            )
        if answer.refers_to:
            parts.append(self.tr("verweist auf Antwort {label}").format(label=answer.refers_to))
        return " · ".join(parts)

    def update_tools(self, editable: bool) -> None:
        has_selection = self.editor.textCursor().hasSelection()
        self.move_button.setEnabled(editable and has_selection and not self.move_menu.isEmpty())
        self.join_button.setEnabled(editable and not self.join_menu.isEmpty())
        self.evasive_button.setEnabled(editable and len(self.editor.selected_phrase()) >= 4)
        self.missing_button.setEnabled(editable and bool(self.editor.toPlainText().strip()))
        self.override_combo.setEnabled(editable)
        self.note_edit.setEnabled(editable)
