"""Small form widgets shared by the drafting screens: German date fields, labels with
mnemonics for layout rows, multi-line fields of a fixed height, the signatories row.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QToolButton, QWidget

from anfrage_desk.ui.date_field import DATE_FORMAT, DateField, from_qdate, to_qdate

__all__ = ["DATE_FORMAT", "DateField", "SignatoriesEdit", "buddy_label", "date_edit", "from_qdate"]
__all__ += ["plain_edit", "to_qdate"]


def date_edit(value: date) -> DateField:
    """A German date field (15.05.2024) with a calendar popup."""
    return DateField(value)


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A form label with a mnemonic for a row whose field is a layout (QFormLayout only sets
    buddies for widget rows; without one the "&" would show)."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def plain_edit(lines: int, placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setPlaceholderText(placeholder)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


class SignatoriesEdit(QWidget):
    """Side-by-side boxes "Name\\nFunktion", as they are signed; empty boxes are dropped."""

    def __init__(self, on_change: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_change = on_change
        self.boxes: list[QPlainTextEdit] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.add_button = QToolButton()
        self.add_button.setText(self.tr("+ weitere"))
        self.add_button.setToolTip(self.tr("Eine weitere Unterschrift hinzufügen"))
        self.add_button.clicked.connect(lambda: self._add_box("", focus=True))
        self._layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        self.set_values(())

    def _add_box(self, text: str, focus: bool = False) -> QPlainTextEdit:
        box = plain_edit(2, self.tr("Name\nFunktion"))
        box.setPlainText(text)
        box.setAccessibleName(self.tr("Unterschrift {n}").format(n=len(self.boxes) + 1))
        box.textChanged.connect(self._on_change)
        self.boxes.append(box)
        self._layout.insertWidget(len(self.boxes) - 1, box, 1)
        self.add_button.setVisible(len(self.boxes) < 4)
        if focus:
            box.setFocus()
        return box

    def set_values(self, values: tuple[str, ...]) -> None:
        for box in self.boxes:
            self._layout.removeWidget(box)
            box.hide()  # gone at once, not only when the event loop deletes it
            box.deleteLater()
        self.boxes = []
        for value in values:
            self._add_box(value)
        while len(self.boxes) < 2:
            self._add_box("")

    def values(self) -> tuple[str, ...]:
        return tuple(box.toPlainText().strip() for box in self.boxes if box.toPlainText().strip())
