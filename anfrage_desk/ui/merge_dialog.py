"""The merge dialog: another seat saved the same fields of an inquiry while this one edited.

Per field in conflict the user sees their own text beside the other person's and chooses
(field by field), or takes all of theirs or all of their own. Fields only one side changed
were merged already and are not asked about. Nothing is written while the dialog is open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from anfrage_desk.model import Inquiry
from anfrage_desk.services.edit_merge import LABELS, MINE, THEIRS, EditConflict

COLUMN_FIELD, COLUMN_MINE, COLUMN_THEIRS, COLUMN_CHOICE = range(4)


def describe(inquiry: Inquiry, name: str, body_name: Callable[[int | None], str]) -> str:
    """A field's value as the user reads it."""
    if name == "questions":
        return "\n".join(f"{q.label}. {q.text}" for q in inquiry.questions)
    if name == "body_id":
        return body_name(inquiry.body_id)
    if name == "signatories":
        return ", ".join(inquiry.signatories)
    if name == "drafted_on":
        return inquiry.drafted_on.strftime("%d.%m.%Y") if inquiry.drafted_on else ""
    return str(getattr(inquiry, name) or "")


class MergeDialog(QDialog):
    """Choose per conflicting field; ``choices()`` after ``exec()`` (accepted)."""

    def __init__(
        self,
        parent: QWidget | None,
        conflict: EditConflict,
        body_name: Callable[[int | None], str] = lambda body_id: str(body_id or ""),
    ) -> None:
        super().__init__(parent)
        self.conflict = conflict
        who = conflict.who or self.tr("Ein anderer Platz")
        self.setWindowTitle(self.tr("Gleichzeitig geändert"))
        self.setMinimumWidth(720)
        intro = QLabel(
            self.tr(
                "{who} hat diese Anfrage gespeichert, während Sie sie bearbeitet haben. Die "
                "folgenden Felder wurden auf beiden Seiten geändert. Bitte wählen Sie, welcher "
                "Stand gelten soll; alle übrigen Änderungen (Ihre und die von {who}) sind schon "
                "zusammengeführt."
            ).format(who=who)
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(conflict.fields), 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Feld"), self.tr("Ihr Stand"), self.tr("Stand von {who}").format(who=who), ""]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName(self.tr("Felder mit gleichzeitigen Änderungen"))
        self.combos: dict[str, QComboBox] = {}
        for row, name in enumerate(conflict.fields):
            self.table.setItem(row, COLUMN_FIELD, QTableWidgetItem(self.tr(LABELS[name])))
            for column, inquiry in ((COLUMN_MINE, conflict.mine), (COLUMN_THEIRS, conflict.theirs)):
                item = QTableWidgetItem(describe(inquiry, name, body_name))
                item.setToolTip(item.text())
                self.table.setItem(row, column, item)
            combo = QComboBox()
            combo.addItem(self.tr("Meinen Stand behalten"), MINE)
            combo.addItem(self.tr("Stand von {who} übernehmen").format(who=who), THEIRS)
            combo.setAccessibleName(self.tr("Stand für {field}").format(field=LABELS[name]))
            self.table.setCellWidget(row, COLUMN_CHOICE, combo)
            self.combos[name] = combo
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()

        self.all_mine_button = QPushButton(self.tr("Alle meine"))
        self.all_theirs_button = QPushButton(self.tr("Alle von {who}").format(who=who))
        self.apply_button = QPushButton(self.tr("Feldweise übernehmen"))
        self.apply_button.setDefault(True)
        self.all_mine_button.clicked.connect(lambda: self._choose_all(MINE))
        self.all_theirs_button.clicked.connect(lambda: self._choose_all(THEIRS))
        self.apply_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_mine_button)
        buttons.addWidget(self.all_theirs_button)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _choose_all(self, side: str) -> None:
        for combo in self.combos.values():
            combo.setCurrentIndex(combo.findData(side))
        self.accept()

    def choose(self, name: str, side: str) -> None:
        combo = self.combos[name]
        combo.setCurrentIndex(combo.findData(side))

    def choices(self) -> dict[str, str]:
        return {name: str(combo.currentData()) for name, combo in self.combos.items()}

    def merged(self) -> Inquiry:
        return self.conflict.resolved(self.choices())


def resolve(
    parent: QWidget | None, conflict: EditConflict, body_name: Callable[[int | None], str]
) -> Inquiry | None:
    """Ask; the merged inquiry, or None when the user closed the dialog (nothing saved)."""
    dialog = MergeDialog(parent, conflict, body_name)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.merged()
