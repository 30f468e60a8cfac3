"""The questions of an inquiry as a list of editors: add, delete, reorder, sub-items, paste.

Labels are never typed: they follow from the order and the "Unterfrage" toggle (1, 2, 3, 3a,
3b, 4 …) and are renumbered after every change. Each row keeps the id of its stored question,
so answers stay linked to their question when the user reorders or rewords.

Signals of QuestionList: changed() — any edit of a text, the order or the structure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from anfrage_desk.model import Question

MAX_EDIT_LINES = 14
_NUMBERED_LINE = re.compile(
    r"^\s*(?:Frage\s+)?\d{1,3}\s*[a-z]?\s*[.):]\s*\S|^\s*Frage\s+\d{1,3}[a-z]?\b", re.IGNORECASE
)
_SUB_LABEL = re.compile(r"^\d+\s*[.]?\s*[a-z]\)?$|^\d+\.\d+$")


@dataclass(frozen=True)
class PastedQuestion:
    """One question taken from a pasted block; ``sub`` for 3a, 3b …"""

    text: str
    sub: bool = False


def is_sub_label(label: str) -> bool:
    """ "3a", "3 b)", "3.1" are sub-items; "3", "IV" are not."""
    return bool(_SUB_LABEL.match(label.strip()))


def split_pasted(text: str) -> list[PastedQuestion]:
    """The questions of a pasted block of numbered questions, or [] if it is not such a block.

    Only text with at least two numbered lines ("1. …", "2) …", "Frage 3: …") counts, so that
    pasting a sentence that happens to start with a year never tears it apart.
    """
    if (
        len(text) > 200_000
        or sum(1 for line in text.splitlines() if _NUMBERED_LINE.match(line)) < 2
    ):
        return []
    from anfrage_desk.segment import split_questions

    parsed = [p for p in split_questions(text) if p.text.strip()]
    if len(parsed) < 2:
        return []
    parts: list[PastedQuestion] = []
    mains: set[str] = set()
    for item in parsed:
        sub = is_sub_label(item.label)
        main = re.match(r"\d+", item.label.strip())
        if sub and main and main.group() not in mains:
            # "3. Zeitplan:" may come back only as its items 3a, 3b: keep a row for 3 so that
            # they do not become 2a, 2b; the user sees the empty row and can fill it.
            parts.append(PastedQuestion(""))
            mains.add(main.group())
        elif not sub and main:
            mains.add(main.group())
        parts.append(PastedQuestion(item.text, sub))
    return parts


def number_labels(subs: Sequence[bool]) -> list[str]:
    """Labels for rows given their "Unterfrage" flags: 1, 2, 2a, 2b, 3 …

    A sub-item before any main question counts as a main question.
    """
    labels: list[str] = []
    main = 0
    letter = 0
    for sub in subs:
        if sub and main:
            letter += 1
            labels.append(f"{main}{_letters(letter)}")
        else:
            main += 1
            letter = 0
            labels.append(str(main))
    return labels


def _letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (nobody writes 27 sub-items, but no label may repeat)."""
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(97 + rest) + out
    return out


class QuestionEdit(QPlainTextEdit):
    """The text of one question; grows with its text up to MAX_EDIT_LINES.

    Signals: move_requested(int delta) on Alt+↑/↓, add_after_requested() on Strg+Eingabe,
    questions_pasted(list[PastedQuestion]) when a block of numbered questions is pasted
    (Strg+Umschalt+V pastes it unsplit).
    """

    move_requested = Signal(int)
    add_after_requested = Signal()
    questions_pasted = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(lambda _size: self._fit())
        self._fit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers()
        if mods == Qt.KeyboardModifier.AltModifier and event.key() in (
            Qt.Key.Key_Up,
            Qt.Key.Key_Down,
        ):
            self.move_requested.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        if (
            mods == (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
            and event.key() == Qt.Key.Key_V
        ):
            # Paste as it is, without splitting a numbered block into questions.
            self.insertPlainText(QGuiApplication.clipboard().text())
            return
        if mods & Qt.KeyboardModifier.ControlModifier and event.key() in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        ):
            self.add_after_requested.emit()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        parts = split_pasted(source.text()) if source.hasText() else []
        if parts:
            self.questions_pasted.emit(parts)
            return
        super().insertFromMimeData(source)

    def _fit(self) -> None:
        lines = max(2, min(MAX_EDIT_LINES, int(self.document().size().height())))
        metrics = QFontMetrics(self.font())
        margins = self.contentsMargins()
        frame = int(self.document().documentMargin() * 2) + margins.top() + margins.bottom()
        self.setFixedHeight(lines * metrics.lineSpacing() + frame + 2)

    def resizeEvent(self, event: object) -> None:  # type: ignore[override]
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit()


def _tool(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setMinimumSize(QSize(28, 26))
    return button


class QuestionRow(QFrame):
    """Label, text field, Unterfrage toggle, move and delete buttons of one question."""

    def __init__(self, owner: QuestionList, question_id: int | None, text: str, sub: bool) -> None:
        super().__init__()
        self.owner = owner
        self.question_id = question_id
        self.setObjectName("questionRow")
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.label.setMinimumWidth(QFontMetrics(self.label.font()).horizontalAdvance("99aa.") + 6)
        self.label.setStyleSheet("font-weight: 600; padding-top: 5px;")
        self.edit = QuestionEdit()
        self.edit.setPlainText(text)
        self.edit.setPlaceholderText(self.tr("Frage eingeben … (Strg+Eingabe: nächste Frage)"))
        self.label.setBuddy(self.edit)
        self.indent = QWidget()
        self.indent.setFixedWidth(0)
        self.sub_button = _tool(
            "↳", self.tr("Unterfrage: als 3a, 3b … unter die Frage davor stellen")
        )
        self.sub_button.setCheckable(True)
        self.sub_button.setChecked(sub)
        self.up_button = _tool("↑", self.tr("Nach oben (Alt+↑)"))
        self.down_button = _tool("↓", self.tr("Nach unten (Alt+↓)"))
        self.delete_button = _tool("✕", self.tr("Frage löschen"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(4)
        layout.addWidget(self.indent)
        layout.addWidget(self.label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.edit, 1)
        buttons = QHBoxLayout()
        buttons.setSpacing(0)
        for button in (self.sub_button, self.up_button, self.down_button, self.delete_button):
            buttons.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(buttons)
        layout.setAlignment(buttons, Qt.AlignmentFlag.AlignTop)

        self.edit.textChanged.connect(owner.changed)
        self.edit.move_requested.connect(lambda delta: owner.move_row(self, delta))
        self.edit.add_after_requested.connect(lambda: owner.add_question(after=self))
        self.edit.questions_pasted.connect(lambda parts: owner.insert_pasted(parts, at=self))
        self.sub_button.toggled.connect(lambda _on: owner.renumber(changed=True))
        self.up_button.clicked.connect(lambda: owner.move_row(self, -1))
        self.down_button.clicked.connect(lambda: owner.move_row(self, 1))
        self.delete_button.clicked.connect(lambda: owner.delete_row(self))

    @property
    def sub(self) -> bool:
        return self.sub_button.isChecked()

    def set_label(self, label: str, is_sub: bool) -> None:
        self.label.setText(label + ".")
        self.indent.setFixedWidth(28 if is_sub else 0)
        self.label.setAccessibleName(self.tr("Frage {label}").format(label=label))
        self.edit.setAccessibleName(self.tr("Text der Frage {label}").format(label=label))


class QuestionList(QWidget):
    """Editors for the questions of one inquiry. Signals: changed(), trash_changed(int count)."""

    changed = Signal()
    trash_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[QuestionRow] = []
        self._trash: list[tuple[int, Question, bool]] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.empty_label = QLabel(
            self.tr("Noch keine Fragen. „Frage hinzufügen“ oder einen nummerierten Block einfügen.")
        )
        self.empty_label.setStyleSheet("color: palette(mid);")
        self._layout.addWidget(self.empty_label)

    # -- reading and writing
    def set_questions(self, questions: Sequence[Question]) -> None:
        """Show stored questions (no changed signal; the deleted-rows history is cleared)."""
        self.blockSignals(True)
        try:
            for row in self.rows:
                self._layout.removeWidget(row)
                row.hide()
                row.deleteLater()
            self.rows = []
            for question in questions:
                self._insert_row(
                    len(self.rows), question.id, question.text, is_sub_label(question.label)
                )
            self._trash = []
            self.renumber()
        finally:
            self.blockSignals(False)
        self.trash_changed.emit(0)

    def questions(self) -> tuple[Question, ...]:
        labels = number_labels([row.sub for row in self.rows])
        return tuple(
            Question(row.question_id, label, row.edit.toPlainText(), position)
            for position, (row, label) in enumerate(zip(self.rows, labels, strict=True))
        )

    def set_ids(self, ids: Sequence[int]) -> None:
        """After a save: the ids the store gave to the rows, in row order."""
        for row, question_id in zip(self.rows, ids, strict=False):
            row.question_id = question_id

    def labels(self) -> list[str]:
        return number_labels([row.sub for row in self.rows])

    # -- structure
    def _insert_row(self, index: int, question_id: int | None, text: str, sub: bool) -> QuestionRow:
        row = QuestionRow(self, question_id, text, sub)
        self.rows.insert(index, row)
        self._layout.insertWidget(index, row)
        row.show()  # at once, not at the next event loop turn: the new row takes the focus
        self.empty_label.setVisible(False)
        return row

    def add_question(
        self,
        text: str = "",
        sub: bool = False,
        after: QuestionRow | None = None,
        focus: bool = True,
    ) -> QuestionRow:
        """A new row after ``after`` (default: at the end); a new row after a sub-item is one too."""
        index = self.rows.index(after) + 1 if after in self.rows else len(self.rows)
        if after is not None and after in self.rows and not text:
            sub = sub or after.sub
        row = self._insert_row(index, None, text, sub)
        self.renumber(changed=True)
        if focus:
            row.edit.setFocus()
        return row

    def delete_row(self, row: QuestionRow) -> None:
        if row not in self.rows:
            return
        index = self.rows.index(row)
        question = self.questions()[index]
        if question.text.strip():
            self._trash.append((index, question, row.sub))
            self.trash_changed.emit(len(self._trash))
        self.rows.remove(row)
        self._layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].edit.setFocus()
        self.renumber(changed=True)

    def undo_delete(self) -> None:
        """Bring back the question deleted last, at its old place, with its id."""
        if not self._trash:
            return
        index, question, sub = self._trash.pop()
        row = self._insert_row(min(index, len(self.rows)), question.id, question.text, sub)
        self.renumber(changed=True)
        row.edit.setFocus()
        self.trash_changed.emit(len(self._trash))

    def move_row(self, row: QuestionRow, delta: int) -> None:
        if row not in self.rows:
            return
        index = self.rows.index(row)
        target = index + delta
        if not 0 <= target < len(self.rows):
            return
        self.rows.insert(target, self.rows.pop(index))
        self._layout.removeWidget(row)
        self._layout.insertWidget(target, row)
        self.renumber(changed=True)
        row.edit.setFocus()

    def insert_pasted(self, parts: Sequence[PastedQuestion], at: QuestionRow | None = None) -> None:
        """Questions from a pasted block: the empty row pasted into takes the first one."""
        if not parts:
            return
        first = 0
        if at is not None and at in self.rows and not at.edit.toPlainText().strip():
            at.edit.setPlainText(parts[0].text)
            at.sub_button.blockSignals(True)
            at.sub_button.setChecked(parts[0].sub)
            at.sub_button.blockSignals(False)
            first = 1
        elif at is None and self.rows and not self.rows[-1].edit.toPlainText().strip():
            at = self.rows[-1]
            at.edit.setPlainText(parts[0].text)
            first = 1
        index = self.rows.index(at) + 1 if at in self.rows else len(self.rows)
        last = at
        for offset, part in enumerate(parts[first:]):
            last = self._insert_row(index + offset, None, part.text, part.sub)
        self.renumber(changed=True)
        if last is not None:
            last.edit.setFocus()

    def renumber(self, changed: bool = False) -> None:
        for row, label in zip(self.rows, self.labels(), strict=True):
            row.set_label(label, is_sub=label[-1:].isalpha())
        for index, row in enumerate(self.rows):
            row.up_button.setEnabled(index > 0)
            row.down_button.setEnabled(index < len(self.rows) - 1)
        self.empty_label.setVisible(not self.rows)
        if changed:
            self.changed.emit()

    def focused_row(self) -> QuestionRow | None:
        return next((row for row in self.rows if row.edit.hasFocus()), None)

    def trash_count(self) -> int:
        return len(self._trash)
