"""Qt item models over store rows: ids plus a row cache, refreshed per change set."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QTableView

from anfrage_desk.model import InquiryRow
from anfrage_desk.services import Changes
from anfrage_desk.store import Database, inquiries

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_ROLE = Qt.ItemDataRole.UserRole + 3
OVERDUE_COLOR = QColor("#b3261e")

Index = QModelIndex | QPersistentModelIndex


def de_date(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def de_number(value: float | None, digits: int = 1) -> str:
    """12.5 → "12,5", 12.0 → "12"; None → "–"."""
    if value is None:
        return "–"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.{digits}f}".replace(".", ",")


def de_percent(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)} %"


def style_row_table(table: QTableView, selection: QAbstractItemView.SelectionMode) -> None:
    """A read-only list of whole rows, as the app's lists look: striped, 26 px rows."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(selection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)  # Tab leaves the list; the arrow keys move within it
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(26)


class HeaderedTableModel(QAbstractTableModel):
    """A flat table with fixed column titles ``HEADERS`` over a list of rows.

    Subclasses keep their rows and say how many there are (``row_total``); rowCount,
    columnCount and the header titles are the same for every table of the app.
    """

    HEADERS: tuple[str, ...] = ()

    def row_total(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_total()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None


class InquiryTableModel(HeaderedTableModel):
    """All live (or trashed) inquiries as rows. Refreshes only the rows a change touched.

    The rows are all in memory (counts and the Übersicht need them), but the view is given
    them as it scrolls: FETCH_BATCH at first, more through fetchMore. A filter sees them all
    (``show_all``), as does a row asked for by id (``row_of``).
    """

    HEADERS = ("Drucksache/Nr.", "Titel", "Gremium", "Adressat", "eingereicht", "fällig", "Status")
    FETCH_BATCH = 200

    def __init__(self, db: Database, today: Callable[[], date], deleted: bool = False) -> None:
        super().__init__()
        self._db = db
        self._today = today
        self._deleted = deleted
        self._rows: list[InquiryRow] = []
        self._pos: dict[int, int] = {}
        self._shown = 0  # the first rows the view has been given
        self._show_everything = False
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    # -- loading
    @property
    def db_path(self) -> Path:
        return self._db.path

    def fetch(self, db: Database) -> list[InquiryRow]:
        """The rows of this list read on ``db`` (a worker thread's own connection)."""
        return inquiries.list_rows(db, deleted=self._deleted)

    def reload(self) -> None:
        self.set_rows(inquiries.list_rows(self._db, deleted=self._deleted))

    def set_rows(self, rows: list[InquiryRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._apply_sort()
        self._shown = len(rows) if self._show_everything else min(len(rows), self.FETCH_BATCH)
        self.endResetModel()

    # -- rows given to the view as it scrolls
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid():
            self._show_up_to(self._shown + self.FETCH_BATCH)

    def show_all(self) -> None:
        """Give the view every row from now on (a filter must see them all)."""
        self._show_everything = True
        self._show_up_to(len(self._rows))

    def _show_up_to(self, count: int) -> None:
        count = min(count, len(self._rows))
        if count > self._shown:
            self.beginInsertRows(QModelIndex(), self._shown, count - 1)
            self._shown = count
            self.endInsertRows()

    def _top_up(self) -> None:
        wanted = len(self._rows) if self._show_everything else self.FETCH_BATCH
        self._show_up_to(max(self._shown, min(wanted, len(self._rows))))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the row cache in Python, one key per row.

        The proxy sorts in source order instead (see InquiryFilterProxy.sort): its C++ sort
        would call data() n·log n times, seconds for 10 000 rows.
        """
        self._sort_column, self._sort_order = column, order
        if column < 0 or not self._rows:
            return
        if self._shown < len(self._rows) and self.persistentIndexList():
            self.show_all()  # a selected row must not move out of the rows given to the view
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._rows[i.row()].id if 0 <= i.row() < len(self._rows) else None for i in old]
        self._apply_sort()
        new = [
            self.index(self._pos[i], index.column()) if i in self._pos else QModelIndex()
            for i, index in zip(ids, old, strict=True)
        ]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        if self._sort_column >= 0:
            column = self._sort_column
            self._rows.sort(
                key=lambda r: self._sort_key(r, column),
                reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
            )
        self._pos = {r.id: i for i, r in enumerate(self._rows)}

    def refresh(self, changes: Changes) -> None:
        if changes.everything or changes.bodies:
            self.reload()
            return
        if not changes.inquiries:
            return
        fresh = {
            r.id: r for r in inquiries.list_rows(self._db, changes.inquiries, deleted=self._deleted)
        }
        gone = [i for i in changes.inquiries if i in self._pos and i not in fresh]
        for pos in sorted((self._pos[i] for i in gone), reverse=True):
            if pos >= self._shown:  # not given to the view yet
                del self._rows[pos]
                continue
            self.beginRemoveRows(QModelIndex(), pos, pos)
            del self._rows[pos]
            self._shown -= 1
            self.endRemoveRows()
        if gone:
            self._pos = {r.id: i for i, r in enumerate(self._rows)}
        new = [r for i, r in fresh.items() if i not in self._pos]
        resort = bool(new)
        for inquiry_id, row in fresh.items():
            if inquiry_id in self._pos:
                pos = self._pos[inquiry_id]
                if self._sort_column >= 0:
                    column = self._sort_column
                    resort |= self._sort_key(row, column) != self._sort_key(self._rows[pos], column)
                self._rows[pos] = row
                if pos < self._shown:
                    last = self.columnCount() - 1
                    self.dataChanged.emit(self.index(pos, 0), self.index(pos, last))
        if new:
            start = len(self._rows)
            self._rows.extend(new)
            for i, row in enumerate(new, start):
                self._pos[row.id] = i
            if self._shown == start:  # the view has all the others: it gets these at once
                self._show_up_to(len(self._rows))
        self._top_up()
        if resort and self._sort_column >= 0:
            self.sort(self._sort_column, self._sort_order)

    def rows(self) -> list[InquiryRow]:
        return list(self._rows)

    def row_at(self, row: int) -> InquiryRow:
        return self._rows[row]

    def row_of(self, inquiry_id: int) -> int | None:
        """The row of an inquiry, given to the view if it was not yet."""
        pos = self._pos.get(inquiry_id)
        if pos is not None and pos >= self._shown:
            self._show_up_to(pos + 1)
        return pos

    def row_total(self) -> int:
        return self._shown

    # -- Qt interface
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == SORT_ROLE:
            return self._sort_key(row, col)
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and col in (5, 6)
            and row.is_overdue(self._today())
        ):
            return QBrush(OVERDUE_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole and col == 6:
            return self._status_tip(row)
        return None

    def _display(self, row: InquiryRow, col: int) -> str:
        if col == 0:
            return row.reference or f"#{row.id}"
        if col == 1:
            prefix = (
                "Nachfrage: "
                if row.kind.value == "Nachfrage" and not row.title.startswith("Nachfrage")
                else ""
            )
            return prefix + (row.title or "(ohne Titel)")
        if col == 2:
            return row.body_name
        if col == 3:
            return row.addressee
        if col == 4:
            return de_date(row.submitted_on)
        if col == 5:
            return de_date(row.due_on)
        status = row.display_status(self._today())
        if row.unclear_count:
            status += f" · {row.unclear_count} unklar"
        return status

    def _sort_key(self, row: InquiryRow, col: int) -> Any:
        if col in (4, 5):
            value = row.submitted_on if col == 4 else row.due_on
            return value.isoformat() if value else ""
        if col == 0:
            return (row.reference or "").lower() or f"~{row.id:08d}"
        return self._display(row, col).lower()

    def _status_tip(self, row: InquiryRow) -> str:
        today = self._today()
        if row.is_overdue(today) and row.due_on:
            return f"Seit {(today - row.due_on).days} Tagen überfällig (fällig am {de_date(row.due_on)})"
        if row.unconfirmed_letters:
            return "Antwort erfasst, noch nicht geprüft"
        return row.status.label


class InquiryFilterProxy(QSortFilterProxyModel):
    """Text filter over all columns plus an optional row predicate (overview tiles)."""

    def __init__(self, today: Callable[[], date]) -> None:
        super().__init__()
        self._today = today
        self._needle = ""
        self._predicate: Callable[[InquiryRow, date], bool] | None = None
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        self._filter_sees_all()

    def set_predicate(self, predicate: Callable[[InquiryRow, date], bool] | None) -> None:
        self.beginFilterChange()
        self._predicate = predicate
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        self._filter_sees_all()

    def _filter_sees_all(self) -> None:
        model = self.sourceModel()
        if (self._needle or self._predicate is not None) and isinstance(model, InquiryTableModel):
            model.show_all()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header clicks sort the source model's row cache; the proxy keeps source order."""
        model = self.sourceModel()
        if isinstance(model, InquiryTableModel):
            model.sort(column, order)
            super().sort(-1, Qt.SortOrder.AscendingOrder)  # descending -1 would reverse it
        else:
            super().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, InquiryTableModel)
        row = model.row_at(source_row)
        if self._predicate is not None and not self._predicate(row, self._today()):
            return False
        if not self._needle:
            return True
        haystack = " ".join(
            str(model._display(row, col)) for col in range(len(InquiryTableModel.HEADERS))
        ).lower()
        return all(word in haystack for word in self._needle.split())
