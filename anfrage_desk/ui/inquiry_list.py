"""The inquiry list: filter field, sortable table, honest empty state.

Signals: open_requested(int inquiry_id), selection_changed().
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from anfrage_desk.model import InquiryRow
from anfrage_desk.services import Changes
from anfrage_desk.store import Database
from anfrage_desk.ui.models import ID_ROLE, InquiryFilterProxy, InquiryTableModel, style_row_table

# The verdict filter beside the text filter: label and the rows it keeps.
VERDICT_FILTERS: tuple[tuple[str, Callable[[InquiryRow], bool] | None], ...] = (
    ("Alle Bewertungen", None),
    ("Mit unklaren Antworten", lambda r: r.unclear_count > 0),
    ("Nur klar beantwortet", lambda r: r.answered_on is not None and r.unclear_count == 0),
    ("Noch ohne Antwort", lambda r: r.answered_on is None),
)


class _UndoPassThrough(QObject):
    """Strg+Umschalt+Z in a filter field: the field's own redo when it has one, else the
    window's "Rückgängig: Löschen" (a line edit would swallow the shortcut silently)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and isinstance(watched, QLineEdit)
            and event.matches(QKeySequence.StandardKey.Redo)
            and not watched.isRedoAvailable()
        ):
            event.ignore()
            return True
        return False


class _SelectOnFocus(QObject):
    """Tabbing into a list selects its current (or first) row, so the buttons and commands
    that act on the selection work at once from the keyboard."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QTableView):
            model = watched.model()
            selection = watched.selectionModel()
            if model is not None and model.rowCount() and not selection.hasSelection():
                current = watched.currentIndex()
                row = current.row() if current.isValid() else 0
                selection.select(
                    model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
        return False


class InquiryListView(QWidget):
    open_requested = Signal(int)
    selection_changed = Signal()

    def __init__(
        self,
        db: Database,
        today: Callable[[], date],
        deleted: bool = False,
        empty_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = InquiryTableModel(db, today, deleted=deleted)
        self.proxy = InquiryFilterProxy(today)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(
            self.tr("Filtern nach Titel, Drucksache, Gremium, Adressat …")
        )
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.filter_edit.setAccessibleName(
            self.tr("Papierkorb filtern") if deleted else self.tr("Anfragen filtern")
        )
        self._undo_filter = _UndoPassThrough(self)
        self.filter_edit.installEventFilter(self._undo_filter)
        self.predicate_label = QLabel()
        self.predicate_label.setVisible(False)
        self.clear_predicate_button = QPushButton(self.tr("Alle zeigen"))
        self.clear_predicate_button.setVisible(False)
        self.clear_predicate_button.clicked.connect(lambda: self.set_predicate(None, ""))
        self._predicate: Callable[[InquiryRow, date], bool] | None = None
        self.verdict_combo = QComboBox()
        self.verdict_combo.addItems([self.tr(label) for label, _ in VERDICT_FILTERS])
        self.verdict_combo.setToolTip(
            self.tr("Anfragen nach der Bewertung ihrer Antworten filtern")
        )
        self.verdict_combo.setAccessibleName(self.tr("Nach Bewertung filtern"))
        self.verdict_combo.currentIndexChanged.connect(lambda _: self._apply_predicates())
        self.verdict_combo.setVisible(not deleted)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setAccessibleName(self.tr("Papierkorb") if deleted else self.tr("Anfragen"))
        self._select_on_focus = _SelectOnFocus(self)
        self.table.installEventFilter(self._select_on_focus)
        style_row_table(self.table, QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 120), (2, 170), (3, 170), (4, 95), (5, 95), (6, 150)):
            self.table.setColumnWidth(col, width)
        self.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.selection_changed.emit()
        )

        self.empty_label = QLabel(empty_text)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: palette(mid); font-size: 15px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)

        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.verdict_combo)
        top.addWidget(self.predicate_label)
        top.addWidget(self.clear_predicate_button)
        self.buttons = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addLayout(self.buttons)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._update_empty)

    def add_button(self, action: QAction, text: str) -> QPushButton:
        """A button under the list for an action on the selected rows (enabled with them)."""
        button = QPushButton(text)
        button.clicked.connect(action.trigger)
        button.setToolTip(action.toolTip())
        button.setEnabled(False)
        self.selection_changed.connect(lambda: button.setEnabled(bool(self.selected_ids())))
        if self.buttons.count() == 0:
            self.buttons.addStretch(1)
        self.buttons.addWidget(button)
        return button

    def reload(self) -> None:
        self._loaded = True
        self.model.reload()

    def load_in_background(self, then: Callable[[], None]) -> None:
        """Read the rows in a worker thread (the window paints meanwhile), then show them."""
        from anfrage_desk.ui.background import Reader

        self._loaded = True
        self._reader = Reader(self.model.db_path, self)

        def arrived(rows: object) -> None:
            self.model.set_rows(rows)  # type: ignore[arg-type]
            then()

        def failed(message: str) -> None:
            self.model.reload()  # the GUI connection says what is wrong, as before
            then()

        self._reader.read(self.model.fetch, arrived, failed)

    def activate(self) -> None:
        """Shown as a page: load on first show (the Papierkorb need not cost start-up time)."""
        if not getattr(self, "_loaded", False):
            self.reload()

    def refresh(self, changes: Changes) -> None:
        if getattr(self, "_loaded", False):
            self.model.refresh(changes)

    def set_predicate(
        self, predicate: Callable[[InquiryRow, date], bool] | None, label: str
    ) -> None:
        self._predicate = predicate
        self._apply_predicates()
        self.predicate_label.setText(self.tr("Gefiltert: ") + label if predicate else "")
        self.predicate_label.setVisible(predicate is not None)
        self.clear_predicate_button.setVisible(predicate is not None)

    def _apply_predicates(self) -> None:
        """The tile predicate and the verdict filter together (both must keep a row)."""
        tile = self._predicate
        verdict = VERDICT_FILTERS[max(self.verdict_combo.currentIndex(), 0)][1]
        if verdict is None:
            self.proxy.set_predicate(tile)
            return
        keep = verdict
        self.proxy.set_predicate(lambda row, day: keep(row) and (tile is None or tile(row, day)))

    def visible_ids(self) -> list[int]:
        return [int(self.proxy.index(r, 0).data(ID_ROLE)) for r in range(self.proxy.rowCount())]

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [int(index.data(ID_ROLE)) for index in rows]

    def select_id(self, inquiry_id: int) -> None:
        source_row = self.model.row_of(inquiry_id)
        if source_row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if index.isValid():
            self.table.selectionModel().select(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)

    def _open_index(self, index: QModelIndex) -> None:
        inquiry_id = index.data(ID_ROLE)
        if inquiry_id is not None:
            self.open_requested.emit(int(inquiry_id))

    def _update_empty(self) -> None:
        self.stack.setCurrentIndex(1 if self.model.rowCount() == 0 else 0)
