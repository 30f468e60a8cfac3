"""Übersicht section "Zugesagte Antworten fällig": holding answers whose re-ask date has come.

The administration deferred ("wird derzeit geprüft", "bis Ende 2024") and the date it named, or
three months, has passed. Each row names the inquiry, the question and the words that deferred;
"Nachfrage erstellen …" opens the inquiry and the Nachfrage dialog for it in one click.

Signals: none of its own; it refreshes on the window's data_changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from anfrage_desk.services import Changes, today
from anfrage_desk.store import StoreUnavailable
from anfrage_desk.ui.actions import Action
from anfrage_desk.ui.models import ID_ROLE, HeaderedTableModel, de_date, style_row_table

if TYPE_CHECKING:
    from anfrage_desk.services.promises import HoldingAnswer
    from anfrage_desk.ui.background import Reader
    from anfrage_desk.ui.main_window import MainWindow

Index = QModelIndex | QPersistentModelIndex


class PromiseModel(HeaderedTableModel):
    HEADERS = ("Anfrage", "Frage", "Zugesagt im Schreiben vom", "Erneut fragen ab", "Aussage")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[HoldingAnswer] = []

    def set_rows(self, rows: list[HoldingAnswer]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_total(self) -> int:
        return len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == ID_ROLE:
            return row.inquiry_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (
                row.title,
                row.label,
                de_date(row.letter_on),
                de_date(row.reask_on),
                f"„{row.quote}“",
            )
            return values[index.column()]
        return None


class PromisesPanel(QWidget):
    """The holding answers come due, with a one-click Nachfrage."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window_ = window
        self._reader: Reader | None = None
        self._again = False  # a change came while a scan ran
        self.title = QLabel(self.tr("Zugesagte Antworten fällig"))
        self.title.setStyleSheet("font-size: 15px; font-weight: 600; margin-top: 10px;")
        self.model = PromiseModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Zugesagte Antworten fällig"))
        self.table.setTabKeyNavigation(False)
        style_row_table(self.table, QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(170)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        self.followup_button = QPushButton(self.tr("Nachfrage erstellen …"))
        self.followup_button.setToolTip(
            self.tr("Zur ausgewählten zugesagten Antwort eine Nachfrage schreiben")
        )
        self.followup_button.clicked.connect(self.followup_selected)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.followup_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        window.data_changed.connect(self.refresh)

    def refresh(self, changes: Changes | None = None, initiator: object = None) -> None:
        """Recompute (every stored answer is scanned: in a worker thread when the window
        loads in the background; a newer refresh drops the result of an older one)."""
        from anfrage_desk.services.promises import due_promises  # not needed for the paint

        day = today()
        if getattr(self.window_, "background", False):
            if self._reader is None:
                from anfrage_desk.ui.background import Reader

                self._reader = Reader(self.window_.db.path, self)
            if self._reader.busy:  # one scan at a time: run once more when it is done
                self._again = True
                return
            self._again = False
            self._reader.read(lambda db: due_promises(db, day), self._arrived)
            return
        try:
            rows = due_promises(self.window_.db, day)
        except StoreUnavailable:
            rows = []
        self._show(rows)

    def _arrived(self, rows: list[HoldingAnswer]) -> None:
        self._show(rows)
        if self._again:
            self.refresh()

    def _show(self, rows: list[HoldingAnswer]) -> None:
        self.model.set_rows(rows)
        self.title.setText(
            self.tr("Zugesagte Antworten fällig ({n})").format(n=len(rows))
            if rows
            else self.tr("Zugesagte Antworten fällig")
        )
        self.setVisible(bool(rows))
        if rows and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def selected_inquiry(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        value = index.data(ID_ROLE)
        return int(value) if value is not None else None

    def followup_selected(self) -> None:
        inquiry_id = self.selected_inquiry()
        if inquiry_id is None:
            return
        self.window_.open_inquiry(inquiry_id)
        self.window_.actions_[Action.NEW_FOLLOWUP].trigger()

    def _open_index(self, index: QModelIndex) -> None:
        value = index.data(ID_ROLE)
        if value is not None:
            self.window_.open_inquiry(int(value))


def install_page(window: MainWindow) -> None:
    """Put the section into the Übersicht, below the overdue list."""
    page = window.pages.get("overview")
    if page is None:
        return
    panel = PromisesPanel(window)
    window.promises_panel = panel  # type: ignore[attr-defined]
    layout = page.layout()
    assert isinstance(layout, QVBoxLayout)
    layout.insertWidget(layout.count() - 1, panel)
    window.after_features(panel.refresh)  # the scan reads every answer: after the start
