"""The review's working state: one draft per answer, the question table over them, and a
date field that may stay empty ("unbekannt")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QWidget

from anfrage_desk.model import Answer, Question, Verdict
from anfrage_desk.ui.date_field import DateField
from anfrage_desk.ui.models import HeaderedTableModel
from anfrage_desk.ui.verdict_widgets import verdict_brushes, verdict_label

Index = QModelIndex | QPersistentModelIndex


@dataclass
class Draft:
    """What the user sees of one answer, possibly changed and not yet saved."""

    stored: Answer
    text: str
    user_verdict: Verdict | None
    note: str
    base: Answer | None = None  # as found when editing began (kept over refreshes)

    @staticmethod
    def of(answer: Answer) -> Draft:
        return Draft(answer, answer.text or "", answer.user_verdict, answer.note, answer)

    @property
    def text_dirty(self) -> bool:
        return self.text.strip() != (self.stored.text or "").strip()

    @property
    def dirty(self) -> bool:
        return (
            self.text_dirty
            or self.user_verdict != self.stored.user_verdict
            or self.note != self.stored.note
        )

    @property
    def shown_verdict(self) -> Verdict | None:
        """The verdict to show: the user's, else the machine's (of the saved text)."""
        return self.user_verdict or self.stored.verdict


class AnswerRowsModel(HeaderedTableModel):
    """Question | answer | verdict, one row per question of the inquiry."""

    HEADERS = ("Nr.", "Frage", "Antwort", "Bewertung")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._questions: list[Question] = []
        self._drafts: list[Draft | None] = []
        self._unsure: frozenset[int] = frozenset()  # answer ids whose split was a guess

    def set_rows(
        self, questions: list[Question], stored: dict[int, Answer], drafts: dict[int, Draft]
    ) -> None:
        self.beginResetModel()
        self._questions = questions
        self._drafts = []
        for question in questions:
            answer = stored.get(question.id or 0)
            self._drafts.append(drafts.get(answer.id or 0) if answer else None)
        self.endResetModel()

    def set_unsure(self, answer_ids: frozenset[int]) -> None:
        self._unsure = answer_ids
        if self._questions:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._questions) - 1, 0))

    def is_unsure(self, row: int) -> bool:
        draft = self.draft_at(row)
        return draft is not None and draft.stored.id in self._unsure and not draft.text_dirty

    def draft_at(self, row: int) -> Draft | None:
        return self._drafts[row] if 0 <= row < len(self._drafts) else None

    def row_changed(self, row: int) -> None:
        if 0 <= row < len(self._questions):
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def row_total(self) -> int:
        return len(self._questions)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        question = self._questions[index.row()]
        draft = self._drafts[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                mark = " ⚠" if self.is_unsure(index.row()) else ""
                return question.label + mark + (" ✎" if draft is not None and draft.dirty else "")
            if col == 1:
                return " ".join(question.text.split())
            if col == 2:
                if draft is None:
                    return self.tr("(nicht in diesem Schreiben)")
                text = " ".join(draft.text.split())
                return text or self.tr("— nicht beantwortet —")
            if col == 3:
                return self._verdict_text(draft)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 0 and self.is_unsure(index.row()):
                return self.tr("Die Aufteilung ist unsicher – bitte prüfen.")
            if col == 1:
                return question.text
            if col == 2 and draft is not None:
                return draft.text or None
            if col == 3 and draft is not None:
                return self._verdict_tip(draft)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and col == 3:
            fg, bg = verdict_brushes(draft.shown_verdict if draft else None)
            return bg if role == Qt.ItemDataRole.BackgroundRole else fg
        if role == Qt.ItemDataRole.ForegroundRole and col == 2 and draft and not draft.text.strip():
            return verdict_brushes(None)[0]
        return None

    def _verdict_text(self, draft: Draft | None) -> str:
        if draft is None:
            return verdict_label(None)
        text = verdict_label(draft.shown_verdict)
        if draft.user_verdict is not None:
            text += self.tr(" (eigene)")
        return text

    def _verdict_tip(self, draft: Draft) -> str:
        lines = [self.tr("Automatisch erkannt: {v}").format(v=verdict_label(draft.stored.verdict))]
        lines += [f"– {r.message}" for r in draft.stored.reasons]
        if draft.note:
            lines.append(self.tr("Notiz: {n}").format(n=draft.note))
        return "\n".join(lines)


class NullableDateEdit(DateField):
    """A date field that may be empty ("unbekannt")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(None, parent, allow_empty=True)
        self.setPlaceholderText(self.tr("unbekannt"))
