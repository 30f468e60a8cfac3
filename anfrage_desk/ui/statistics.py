"""Statistik: how fast and how clearly each addressee (or body) answers.

A bar chart (pyqtgraph: median days to answer, share of unclear answers) above a sortable
table with all numbers. Toggle between addressee and body; filter by year of submission.
The definitions are in services/statistics.py and in the column tooltips.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from anfrage_desk.services import Changes, today
from anfrage_desk.services import statistics as service
from anfrage_desk.services.statistics import Grouping, GroupStats
from anfrage_desk.ui.actions import Action
from anfrage_desk.ui.models import HeaderedTableModel, de_number, de_percent

if TYPE_CHECKING:
    from anfrage_desk.ui.main_window import MainWindow
    from anfrage_desk.ui.stats_chart import BarChart

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CHART_GROUPS = 12


class StatsModel(HeaderedTableModel):
    """One row per addressee or body (a list that can grow, hence a model)."""

    HEADERS = (
        "Adressat",
        "Anfragen",
        "beantwortet",
        "Median (Tage)",
        "max. (Tage)",
        "fristgerecht",
        "unklar",
    )
    TIPS = (
        "",
        "Eingereichte Anfragen im gewählten Zeitraum",
        "Anfragen mit mindestens einem Antwortschreiben",
        "Median der Tage von der Einreichung bis zum ersten Antwortschreiben "
        "(Briefdatum, sonst Eingangsdatum)",
        "Die längste Zeit bis zur ersten Antwort, in Tagen",
        "Anteil der Anfragen, die bis zur Frist beantwortet wurden; überfällige Anfragen ohne "
        "Antwort zählen als verspätet, noch nicht fällige bleiben außen vor",
        "Anteil der bewerteten Antworten, die teilweise, ausweichend oder gar nicht antworten "
        "(Ihre Bewertung geht der automatischen vor)",
    )

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[GroupStats] = []
        self.first_header = "Adressat"

    def set_rows(self, rows: list[GroupStats], first_header: str) -> None:
        self.beginResetModel()
        self._rows = rows
        self.first_header = first_header
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 0)

    def rows(self) -> list[GroupStats]:
        return list(self._rows)

    def row_total(self) -> int:
        return len(self._rows)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.first_header if section == 0 else self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and self.TIPS[section]:
            return self.TIPS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == SORT_ROLE:
            return self._sort_key(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 0:
                return row.name
            if col == 5 and row.on_time_basis:
                return f"{row.on_time} von {row.on_time_basis} Anfragen fristgerecht beantwortet"
            if col == 6 and row.rated_answers:
                return f"{row.unclear_answers} von {row.rated_answers} Antworten unklar"
        return None

    @staticmethod
    def _display(row: GroupStats, col: int) -> str:
        if col == 0:
            return row.name
        if col == 1:
            return str(row.inquiries)
        if col == 2:
            return str(row.answered)
        if col == 3:
            return de_number(row.median_days)
        if col == 4:
            return "–" if row.max_days is None else f"{row.max_days}"
        if col == 5:
            return de_percent(row.on_time_share)
        return de_percent(row.unclear_share)

    @staticmethod
    def _sort_key(row: GroupStats, col: int) -> Any:
        values: tuple[Any, ...] = (
            row.name.casefold(),
            row.inquiries,
            row.answered,
            row.median_days,
            row.max_days,
            row.on_time_share,
            row.unclear_share,
        )
        value = values[col]
        return -1.0 if value is None else value


class StatisticsPage(QWidget):
    """Page of key "statistics"."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window_ = window
        self._dirty = True

        title = QLabel(self.tr("Statistik"))
        title.setStyleSheet("font-size: 20px; font-weight: 600;")
        self.by_addressee = QPushButton(self.tr("je &Adressat"))
        self.by_body = QPushButton(self.tr("je &Gremium"))
        self.group_buttons = QButtonGroup(self)
        for button in (self.by_addressee, self.by_body):
            button.setCheckable(True)
            self.group_buttons.addButton(button)
        self.by_addressee.setChecked(True)
        self.group_buttons.buttonToggled.connect(self._grouping_toggled)
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName(self.tr("Jahr"))
        self.year_combo.setMinimumContentsLength(10)
        self.year_combo.currentIndexChanged.connect(lambda _i: self.recompute())
        year_label = QLabel(self.tr("&Jahr:"))
        year_label.setBuddy(self.year_combo)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.by_addressee)
        head.addWidget(self.by_body)
        head.addSpacing(16)
        head.addWidget(year_label)
        head.addWidget(self.year_combo)

        # The chart (pyqtgraph) is built when the page is first shown: importing pyqtgraph
        # costs more than half a second, which the start of the app should not pay.
        self.chart: BarChart | None = None
        self.chart_holder = QWidget()
        self.chart_holder_layout = QVBoxLayout(self.chart_holder)
        self.chart_holder_layout.setContentsMargins(0, 0, 0, 0)
        self.chart_note = QLabel()
        self.chart_note.setWordWrap(True)
        self.chart_note.setStyleSheet("color: palette(placeholder-text);")
        self.model = StatsModel()
        self.proxy = QSortFilterProxyModel()
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        # Never elide: numbers fit their contents, long names wrap onto a second line.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setMinimumSectionSize(26)
        self.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.table.setAccessibleName(self.tr("Statistik-Tabelle"))

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.chart_holder, 3)
        content_layout.addWidget(self.chart_note)
        content_layout.addWidget(self.table, 2)
        self.empty_label = QLabel(
            self.tr(
                "Noch keine eingereichten Anfragen in diesem Zeitraum. Die Statistik füllt "
                "sich, sobald Anfragen eingereicht und Antworten erfasst sind."
            )
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: palette(placeholder-text); font-size: 15px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(self.empty_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(head)
        layout.addWidget(self.stack, 1)

    def _grouping_toggled(self, _button: QPushButton, checked: bool) -> None:
        if checked:
            self.recompute()

    # -- page protocol
    def activate(self) -> None:
        if self._dirty:
            self.recompute()

    def refresh(self, changes: Changes) -> None:
        self._dirty = True
        if self.isVisible():
            self.recompute()

    # -- content
    def grouping(self) -> Grouping:
        return Grouping.BODY if self.by_body.isChecked() else Grouping.ADDRESSEE

    def year(self) -> int | None:
        data = self.year_combo.currentData()
        return int(data) if data else None

    def set_year(self, year: int | None) -> None:
        index = self.year_combo.findData(year or 0)
        self.year_combo.setCurrentIndex(max(index, 0))

    def _fill_years(self) -> None:
        current = self.year_combo.currentData()
        years = service.available_years(self.window_.db)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItem(self.tr("alle Jahre"), 0)
        for year in years:
            self.year_combo.addItem(str(year), year)
        index = self.year_combo.findData(current) if current else 0
        self.year_combo.setCurrentIndex(max(index, 0))
        self.year_combo.blockSignals(False)

    def _ensure_chart(self) -> BarChart:
        if self.chart is None:
            from anfrage_desk.ui.stats_chart import BarChart

            self.chart = BarChart()
            name = self.tr("Diagramm: Antwortzeiten und unklare Antworten je Adressat")
            self.chart.setAccessibleName(name)
            self.chart.viewport().setAccessibleName(name)  # pyqtgraph's viewport takes focus
            self.chart_holder_layout.addWidget(self.chart)
        return self.chart

    def recompute(self) -> None:
        self._dirty = False
        self._fill_years()
        grouping = self.grouping()
        rows = service.group_statistics(self.window_.db, grouping, self.year(), today())
        first = self.tr("Gremium") if grouping is Grouping.BODY else self.tr("Adressat")
        self.model.set_rows(rows, first)
        self.stack.setCurrentIndex(0 if rows else 1)
        shown = rows[:CHART_GROUPS]
        self._ensure_chart().set_rows(shown)
        note = self.tr(
            "Balken: Median der Tage bis zur ersten Antwort und Anteil der unklaren "
            "Antworten. Alle Zahlen und ihre Erklärung (Tooltips) in der Tabelle."
        )
        if len(rows) > len(shown):
            note = (
                self.tr("Das Diagramm zeigt die {n} mit den meisten Anfragen. ").format(
                    n=len(shown)
                )
                + note
            )
        self.chart_note.setText(note)


def install(window: MainWindow) -> None:
    def build() -> StatisticsPage:  # on first use
        page = StatisticsPage(window)
        window.statistics = page  # type: ignore[attr-defined]
        return page

    window.add_page("statistics", window.tr("Statistik"), build, Action.SHOW_STATISTICS)
