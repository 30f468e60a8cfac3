"""The start view (Übersicht): what the administration owes, at a glance.

Tiles count the inquiries in each state that needs attention; clicking one shows the inquiry
list filtered by the same predicate (services/overview.py defines both). Below, the overdue
inquiries with their days late. A banner on start names how many are overdue.

Everything is computed from the rows the inquiry list has already loaded; a refresh costs one
small query, for the Erinnerungen already sent.

Signals of OverdueBanner: show_requested(). Signals of TileButton: the QPushButton's clicked().
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from anfrage_desk import words
from anfrage_desk.model import InquiryRow
from anfrage_desk.services import Changes, today
from anfrage_desk.services.overview import (
    TILE_BY_KEY,
    TILES,
    Tile,
    overdue_among,
    reminders_sent,
    tile_counts,
)
from anfrage_desk.ui.actions import Action
from anfrage_desk.ui.models import (
    ID_ROLE,
    OVERDUE_COLOR,
    HeaderedTableModel,
    de_date,
    style_row_table,
)

if TYPE_CHECKING:
    from anfrage_desk.ui.main_window import MainWindow

Index = QModelIndex | QPersistentModelIndex

WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")

TILE_STYLE = """
TileButton {
    background: palette(base);
    border: 1px solid palette(mid);
    border-radius: 8px;
    text-align: left;
}
TileButton:hover { border-color: palette(highlight); }
TileButton:focus { border: 2px solid palette(highlight); }
TileButton:pressed { background: palette(alternate-base); }
TileButton[alert="true"] { border: 1px solid #b3261e; background: #fdf0ee; }
TileButton[alert="true"]:focus { border: 2px solid palette(highlight); }
"""

BANNER_STYLE = """
#overdueBanner { background: #fbe9e7; border: 1px solid #e6a49b; border-radius: 6px; }
#overdueBanner QLabel { color: #5f1410; font-size: 14px; }
#overdueBanner QToolButton { border: none; color: #5f1410; font-size: 16px; padding: 0 6px; }
"""


def days_text(days: int) -> str:
    return words.count(days, "Tag")


def inquiries_text(count: int) -> str:
    return f"{words.count(count, 'Anfrage')} {words.verb(count, 'ist', 'sind')}"


class TileButton(QPushButton):
    """A large, keyboard-focusable button with a count and a wrapped caption."""

    def __init__(self, tile: Tile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tile = tile
        self.setObjectName(f"tile_{tile.key}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr(tile.hint) + self.tr(" – klicken zeigt die Liste"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.count_label = QLabel("0")
        self.count_label.setStyleSheet("font-size: 30px; font-weight: 600;")
        self.caption_label = QLabel(self.tr(tile.label))
        self.caption_label.setWordWrap(True)
        self.caption_label.setStyleSheet("font-size: 13px;")
        for label in (self.count_label, self.caption_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(2)
        layout.addWidget(self.count_label)
        layout.addWidget(self.caption_label)
        layout.addStretch(1)
        self.setMinimumWidth(130)
        self.setFixedHeight(104)
        self.set_count(0)

    def set_count(self, count: int) -> None:
        self.count = count
        self.count_label.setText(str(count))
        self.setAccessibleName(f"{self.tile.label}: {count}")
        alert = count > 0 and self.tile.key == "overdue"
        if bool(self.property("alert")) != alert:  # (not at the start: no restyling)
            self.setProperty("alert", alert)
            self.style().unpolish(self)
            self.style().polish(self)
        color = OVERDUE_COLOR.name() if alert else "palette(text)"
        self.count_label.setStyleSheet(f"font-size: 30px; font-weight: 600; color: {color};")

    def sizeHint(self) -> QSize:
        return QSize(170, 104)


class Notice(QFrame):
    """A non-blocking, dismissible notice line in the Übersicht: a rich-text label whose link
    asks to show something, and a ✕ that calls ``dismiss``."""

    show_requested = Signal()

    def __init__(self, name: str, style: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setStyleSheet(style)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.label.linkActivated.connect(lambda _link: self.show_requested.emit())
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip(self.tr("Hinweis ausblenden"))
        self.close_button.setAccessibleName(self.tr("Hinweis ausblenden"))
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 6, 8)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self.setVisible(False)

    def dismiss(self) -> None:
        self.setVisible(False)


class OverdueBanner(Notice):
    """ "3 Anfragen sind überfällig – Anzeigen", dismissible."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("overdueBanner", BANNER_STYLE, parent)
        self.dismissed = False

    def update_count(self, count: int) -> None:
        self.label.setText(
            self.tr("<b>{what} überfällig.</b> &nbsp;<a href='overdue'>Anzeigen</a>").format(
                what=inquiries_text(count)
            )
        )
        self.setVisible(count > 0 and not self.dismissed)

    def dismiss(self) -> None:
        self.dismissed = True
        self.setVisible(False)


class OverdueModel(HeaderedTableModel):
    """Overdue inquiries with their days late (a list that can grow, hence a model)."""

    HEADERS = ("Nr.", "Titel", "Gremium", "fällig am", "überfällig", "Erinnerung")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[tuple[InquiryRow, int]] = []
        self._reminded: dict[int, date] = {}

    def set_rows(
        self, rows: list[tuple[InquiryRow, int]], reminded: dict[int, date] | None = None
    ) -> None:
        self.beginResetModel()
        self._rows = rows
        self._reminded = reminded or {}
        self.endResetModel()

    def ids(self) -> list[int]:
        return [row.id for row, _ in self._rows]

    def days_for(self, inquiry_id: int) -> int | None:
        return next((days for row, days in self._rows if row.id == inquiry_id), None)

    def row_total(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, days = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.reference or f"#{row.id}",
                row.title or "(ohne Titel)",
                row.body_name,
                de_date(row.due_on),
                days_text(days),
                self._reminder_text(row.id),
            )[col]
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and col == 4:
            return QBrush(OVERDUE_COLOR)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.title}\nAdressat: {row.addressee or '–'}\nDoppelklick öffnet die Anfrage"
        return None

    def _reminder_text(self, inquiry_id: int) -> str:
        sent = self._reminded.get(inquiry_id)
        return f"gesendet am {de_date(sent)}" if sent else "noch keine"


class OverdueTable(QTableView):
    """Return/Enter open the current row here instead of triggering the window's
    "Anfrage öffnen" shortcut, which acts on the inquiry list's selection."""

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            event.accept()
            return True
        return super().event(event)


class OverviewPage(QWidget):
    """Tiles, the overdue list and the start banner. Page of key "overview"."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window_ = window
        self._shown_day: date | None = None
        self.setStyleSheet(TILE_STYLE)

        self.banner = OverdueBanner()
        self.banner.show_requested.connect(lambda: self.show_tile("overdue"))

        title = QLabel(self.tr("Übersicht"))
        title.setStyleSheet("font-size: 20px; font-weight: 600;")
        self.date_label = QLabel()
        self.date_label.setStyleSheet("color: palette(placeholder-text);")
        self.brief_button = QPushButton(self.tr("Sitzungsvorbereitung exportieren …"))
        self.brief_button.setToolTip(
            self.tr(
                "Offene und überfällige Anfragen, unklare Antworten und Nachfragen "
                "eines Gremiums als Word-Dokument"
            )
        )
        self.brief_button.clicked.connect(window.actions_[Action.MEETING_BRIEF].trigger)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(12)
        head.addWidget(self.date_label, 1, Qt.AlignmentFlag.AlignBottom)
        head.addWidget(self.brief_button)

        self.tiles: dict[str, TileButton] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        for column, tile in enumerate(TILES):
            button = TileButton(tile)
            button.clicked.connect(lambda _checked=False, key=tile.key: self.show_tile(key))
            self.tiles[tile.key] = button
            grid.addWidget(button, 0, column)
            grid.setColumnStretch(column, 1)

        self.list_title = QLabel(self.tr("Überfällige Anfragen"))
        self.list_title.setStyleSheet("font-size: 15px; font-weight: 600; margin-top: 14px;")
        self.model = OverdueModel()
        self.table = OverdueTable()
        self.table.setModel(self.model)
        style_row_table(self.table, QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2, 3, 4, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        # Size columns from the first rows only: measuring thousands of overdue rows on
        # every paint made the first paint of a large database take seconds.
        header.setResizeContentsPrecision(50)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        self.table.setAccessibleName(self.tr("Überfällige Anfragen"))
        self.empty_label = QLabel(self.tr("Nichts ist überfällig."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: palette(placeholder-text); font-size: 15px;")
        self.welcome = self._welcome(window)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty_label)
        self.list_stack.addWidget(self.welcome)
        self.hint_label = QLabel(
            self.tr(
                "Doppelklick oder Eingabetaste öffnet eine Anfrage. "
                "Die Kacheln zeigen die passenden Anfragen in der Liste."
            )
        )
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color: palette(placeholder-text);")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.banner)
        layout.addLayout(head)
        layout.addSpacing(6)
        layout.addLayout(grid)
        layout.addWidget(self.list_title)
        layout.addWidget(self.list_stack, 1)
        layout.addWidget(self.hint_label)
        self.update_view()

    # -- page protocol
    def activate(self) -> None:
        # Cheap, and catches a day change while the window stayed open.
        self.update_view()

    def refresh(self, changes: Changes) -> None:
        self.update_view()

    def rows_arrived(self) -> None:
        self.update_view()

    # -- content
    def update_view(self) -> None:
        if not self.window_.rows_ready:  # the start paints the tiles first, counts follow
            return
        now = today()
        rows = self.window_.inquiry_list.model.rows()
        counts = tile_counts(rows, now)
        for key, button in self.tiles.items():
            button.set_count(counts[key])
        overdue = overdue_among(rows, now)
        self.model.set_rows(overdue, reminders_sent(self.window_.db) if overdue else {})
        if not rows:
            self.list_stack.setCurrentWidget(self.welcome)  # first start: a way forward
        else:
            self.list_stack.setCurrentWidget(self.table if overdue else self.empty_label)
        self.list_title.setVisible(bool(rows))
        self.hint_label.setVisible(bool(rows))
        self.list_title.setText(
            self.tr("Überfällige Anfragen ({n})").format(n=len(overdue))
            if overdue
            else self.tr("Überfällige Anfragen")
        )
        self.banner.update_count(len(overdue))
        self.date_label.setText(
            self.tr("Stand: {weekday}, {day}").format(
                weekday=WEEKDAYS[now.weekday()], day=de_date(now)
            )
        )
        self._shown_day = now

    def _welcome(self, window: MainWindow) -> QWidget:
        """What an empty database shows instead of "Nichts ist überfällig."."""
        panel = QFrame()
        panel.setObjectName("welcome")
        text = QLabel(
            self.tr(
                "<h3>Willkommen bei Anfrage-Desk</h3>"
                "<p>Noch gibt es keine Anfragen. So geht es los:</p>"
                "<ol><li>Eine Anfrage entwerfen, Fragen einfügen und sie einreichen.</li>"
                "<li>Kommt die Antwort, sie mit „Antwort erfassen …“ einlesen: jede Antwort "
                "wird geprüft.</li>"
                "<li>Unklare Antworten mit einer Nachfrage, überfällige mit einer Erinnerung "
                "anmahnen.</li></ol>"
            )
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        self.new_button = QPushButton(self.tr("&Neue Anfrage (Strg+N)"))
        self.new_button.clicked.connect(window.actions_[Action.NEW_INQUIRY].trigger)
        self.example_button = QPushButton(self.tr("&Beispiel laden"))
        self.example_button.setToolTip(window.actions_[Action.LOAD_EXAMPLE].toolTip())
        self.example_button.clicked.connect(window.actions_[Action.LOAD_EXAMPLE].trigger)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.example_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(panel)
        layout.addWidget(text)
        layout.addLayout(buttons)
        layout.addStretch(1)
        return panel

    def counts(self) -> dict[str, int]:
        return {key: button.count for key, button in self.tiles.items()}

    def show_tile(self, key: str) -> None:
        """Show the inquiry list filtered by the tile's predicate."""
        tile = TILE_BY_KEY[key]
        self.window_.inquiry_list.set_predicate(tile.matches, self.tr(tile.label))
        self.window_.show_page("inquiries")

    def _open_index(self, index: QModelIndex) -> None:
        inquiry_id = index.data(ID_ROLE)
        if inquiry_id is not None:
            self.window_.open_inquiry(int(inquiry_id))


def install_page(window: MainWindow) -> None:
    page = OverviewPage(window)
    window.overview = page  # type: ignore[attr-defined]
    window.add_page("overview", window.tr("Übersicht"), page, Action.SHOW_OVERVIEW, position=0)


def install(window: MainWindow) -> None:
    from anfrage_desk.ui.meeting_brief import MeetingBriefCommand

    command = MeetingBriefCommand(window)
    window.meeting_brief = command  # type: ignore[attr-defined]
    window.actions_[Action.MEETING_BRIEF].triggered.connect(command.ask_and_export)
    menu = window.menus["Datei"]
    menu.addSeparator()
    menu.addAction(window.actions_[Action.MEETING_BRIEF])
