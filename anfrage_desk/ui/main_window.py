"""The main window: menus, navigation, pages, status bar, the change broadcast.

Signals: data_changed(Changes changes, object initiator) — emitted after every use case so
that each view refreshes only the rows affected; inquiry_opened(int id) — after open_inquiry.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)

from anfrage_desk import APP_NAME, __version__, words
from anfrage_desk.services import Changes, today
from anfrage_desk.store import Database, StoreUnavailable
from anfrage_desk.ui import messages
from anfrage_desk.ui.actions import Action, make_actions
from anfrage_desk.ui.inquiry_list import InquiryListView
from anfrage_desk.ui.settings import app_settings

AFTER_PAINT_LATEST_MS = 500

# Feature modules: each has install(window) adding its pages, tabs, menu entries and handlers.
FEATURES: list[str] = [
    "inquiry_editor",
    "answer_review",
    "followups",
    "search_view",
    "overview",
    "promises_panel",
    "relearn_dialog",
    "statistics",
    "backup_actions",
    "oparl_watch",
    "team_tab",
    "team_connect",
]


class MainWindow(QMainWindow):
    data_changed = Signal(object, object)
    inquiry_opened = Signal(int)
    rows_loaded = Signal()

    def __init__(
        self, db: Database, features: list[str] | None = None, background: bool = False
    ) -> None:
        """With ``background`` (the app's start) the window paints first: the list rows, the
        counts and the overview fill in when a worker thread has read them."""
        super().__init__()
        self.db = db
        self.background = background
        self.rows_ready = not background
        self._after_paint: list[Callable[[], None]] | None = [] if background else None
        if background:  # should no paint come (a hidden window), start all the same
            QTimer.singleShot(AFTER_PAINT_LATEST_MS, self, self._painted)
        self.damage: StoreUnavailable | None = None  # set when the start's check failed
        self.db_path: Path = db.path
        self.setWindowTitle(f"{APP_NAME} – {db.path.name}")
        self.actions_ = make_actions(self)
        self.menus: dict[str, QMenu] = {}
        for title in ("&Datei", "&Bearbeiten", "&Ansicht", "&Extras", "&Hilfe"):
            self.menus[title.replace("&", "")] = self.menuBar().addMenu(self.tr(title))

        self.nav = QListWidget()
        self.nav.setFixedWidth(180)
        self.nav.setAccessibleName(self.tr("Bereiche"))
        self.nav.setSpacing(2)
        self.nav.setStyleSheet("QListWidget { font-size: 14px; padding-top: 6px; }")
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        self._page_keys: list[str] = []
        self.nav.currentRowChanged.connect(self._nav_changed)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.inquiry_list = InquiryListView(
            db,
            today,
            empty_text=self.tr("Noch keine Anfragen — Strg+N legt eine an."),
        )
        self.inquiry_list.open_requested.connect(self.open_inquiry)
        self.trash_list = InquiryListView(
            db, today, deleted=True, empty_text=self.tr("Der Papierkorb ist leer.")
        )
        self.trash_list.table.setSortingEnabled(True)

        self.path_label = QLabel()
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.path_label)
        self.path_label.setText(self.tr("Datenbank: ") + str(db.path))
        if db.read_only:
            self.path_label.setText(self.path_label.text() + self.tr(" (nur lesen)"))

        # Import features first: importing registers their inquiry tabs (register_tab),
        # which the inquiry page built in _build_core needs.
        self.features = list(FEATURES if features is None else features)
        modules = [
            __import__(f"anfrage_desk.ui.{name}", fromlist=["install"]) for name in self.features
        ]
        self._build_core()
        self.data_changed.connect(self._on_data_changed)
        for module in modules:
            module.install(self)
        self._finish_menus()
        if background:
            self.count_label.setText(self.tr("Anfragen werden geladen …"))
            self.after_first_paint(lambda: self.inquiry_list.load_in_background(self._rows_arrived))
        else:
            self.inquiry_list.reload()
            self._update_counts()
        self._restore_geometry()
        if "overview" in self.pages:
            self.show_page("overview")
        else:
            self.show_page("inquiries")

    # -- building
    def _build_core(self) -> None:
        a = self.actions_
        self.add_page("inquiries", self.tr("Anfragen"), self.inquiry_list, Action.SHOW_INQUIRIES)
        self.add_page(
            "trash", self.tr("Papierkorb"), self.trash_list, Action.SHOW_TRASH, position=99
        )
        from anfrage_desk.ui.inquiry_page import InquiryPage

        self.inquiry_page = InquiryPage(self)
        self.stack.addWidget(self.inquiry_page)
        self.pages["inquiry"] = self.inquiry_page
        a[Action.OPEN_INQUIRY].triggered.connect(self._open_selected)
        a[Action.DELETE_INQUIRY].triggered.connect(self.trash_selected)
        a[Action.UNDO_DELETE].triggered.connect(self.undo_trash)
        a[Action.UNDO_DELETE].setEnabled(False)
        a[Action.MARK_DONE].triggered.connect(self.mark_selected_done)
        a[Action.REOPEN].triggered.connect(self.reopen_selected)
        a[Action.QUIT].triggered.connect(self.close)
        a[Action.ABOUT].triggered.connect(self.show_about)
        a[Action.LOAD_EXAMPLE].triggered.connect(self.load_example)
        self.restore_button_action = QAction(self.tr("Wiederherstellen"), self)
        self.restore_button_action.triggered.connect(self.restore_selected_from_trash)
        self.purge_action = QAction(self.tr("Endgültig löschen"), self)
        self.purge_action.triggered.connect(self.purge_selected_from_trash)
        self.trash_list.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.trash_list.table.addActions([self.restore_button_action, self.purge_action])
        self.restore_button = self.trash_list.add_button(
            self.restore_button_action, self.tr("&Wiederherstellen")
        )
        self.purge_button = self.trash_list.add_button(
            self.purge_action, self.tr("Endgültig &löschen …")
        )
        self.inquiry_list.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.inquiry_list.table.addAction(a[Action.OPEN_INQUIRY])
        self.inquiry_list.table.addAction(a[Action.MARK_DONE])
        self.inquiry_list.table.addAction(a[Action.REOPEN])
        self.inquiry_list.table.addAction(a[Action.DELETE_INQUIRY])
        self._last_trashed: list[int] = []

    def _finish_menus(self) -> None:
        a = self.actions_
        file_menu, edit_menu, view_menu = (
            self.menus["Datei"],
            self.menus["Bearbeiten"],
            self.menus["Ansicht"],
        )
        extras, help_menu = self.menus["Extras"], self.menus["Hilfe"]
        file_menu.addSeparator()
        file_menu.addAction(a[Action.QUIT])
        edit_menu.addSeparator()
        edit_menu.addAction(a[Action.OPEN_INQUIRY])
        edit_menu.addAction(a[Action.DELETE_INQUIRY])
        edit_menu.addAction(a[Action.UNDO_DELETE])
        edit_menu.addSeparator()
        edit_menu.addAction(a[Action.MARK_DONE])
        edit_menu.addAction(a[Action.REOPEN])
        for key in self._page_keys:
            action = self._page_actions.get(key)
            if action is not None:
                view_menu.addAction(action)
        help_menu.addAction(a[Action.LOAD_EXAMPLE])
        help_menu.addSeparator()
        help_menu.addAction(a[Action.ABOUT])
        if extras.isEmpty():
            self.menuBar().removeAction(extras.menuAction())

    _page_actions: dict[str, QAction]

    def add_page(
        self,
        key: str,
        title: str,
        widget: QWidget,
        action: Action | None = None,
        position: int | None = None,
    ) -> None:
        """Add a navigation entry and its page (feature modules call this from install())."""
        if not hasattr(self, "_page_actions"):
            self._page_actions = {}
        self.pages[key] = widget
        self.stack.addWidget(widget)
        index = len(self._page_keys) if position is None else min(position, len(self._page_keys))
        if key != "trash" and "trash" in self._page_keys and position is None:
            index = self._page_keys.index("trash")
        self._page_keys.insert(index, key)
        item = QListWidgetItem(title)
        self.nav.blockSignals(True)
        self.nav.insertItem(index, item)
        self.nav.blockSignals(False)
        if action is not None:
            qaction = self.actions_[action]
            qaction.triggered.connect(lambda: self.show_page(key))
            self._page_actions[key] = qaction

    def show_page(self, key: str) -> None:
        if key != "inquiry" and self.stack.currentWidget() is self.inquiry_page:
            self.inquiry_page.flush()
            self._discard_untouched_draft()
        widget = self.pages[key]
        self.stack.setCurrentWidget(widget)
        if key in self._page_keys:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(self._page_keys.index(key))
            self.nav.blockSignals(False)
        activate = getattr(widget, "activate", None)
        if activate is not None:
            activate()

    def current_page(self) -> str:
        current = self.stack.currentWidget()
        return next((k for k, w in self.pages.items() if w is current), "")

    def _nav_changed(self, row: int) -> None:
        if 0 <= row < len(self._page_keys):
            self.show_page(self._page_keys[row])

    # -- inquiries
    def open_inquiry(self, inquiry_id: int, tab: str | None = None) -> None:
        if (
            self.stack.currentWidget() is self.inquiry_page
            and inquiry_id != self.inquiry_page.inquiry_id
        ):
            self.inquiry_page.flush()
            self._discard_untouched_draft()
        self.inquiry_page.load(inquiry_id, tab)
        self.show_page("inquiry")
        self.inquiry_opened.emit(inquiry_id)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(self._page_keys.index("inquiries"))
        self.nav.blockSignals(False)

    def current_inquiry_id(self) -> int | None:
        """The inquiry the user works on: the open one, else the single selected row."""
        if self.stack.currentWidget() is self.inquiry_page:
            return self.inquiry_page.inquiry_id
        ids = self.inquiry_list.selected_ids()
        return ids[0] if len(ids) == 1 else None

    def selected_inquiry_ids(self) -> list[int]:
        if self.stack.currentWidget() is self.inquiry_page and self.inquiry_page.inquiry_id:
            return [self.inquiry_page.inquiry_id]
        return self.inquiry_list.selected_ids()

    def _open_selected(self) -> None:
        inquiry_id = self.current_inquiry_id()
        if inquiry_id is not None:
            self.open_inquiry(inquiry_id)

    def trash_selected(self) -> None:
        from anfrage_desk.services import inquiries as service

        ids = self.selected_inquiry_ids()
        if not ids:
            return
        what = (
            self.tr("die Anfrage") if len(ids) == 1 else self.tr("{n} Anfragen").format(n=len(ids))
        )
        if not messages.confirm(
            self,
            self.tr(
                "Soll {what} in den Papierkorb gelegt werden? "
                "Sie können das mit Strg+Umschalt+Z oder im Papierkorb rückgängig machen."
            ).format(what=what),
            ok=self.tr("In den Papierkorb"),
        ):
            return
        if not self.run_service(lambda: service.trash_inquiries(self.db, ids)):
            return
        self._last_trashed = ids
        self.actions_[Action.UNDO_DELETE].setEnabled(True)
        if self.stack.currentWidget() is self.inquiry_page:
            self.show_page("inquiries")
        self.statusBar().showMessage(
            self.tr("{n} in den Papierkorb gelegt – Strg+Umschalt+Z macht es rückgängig.").format(
                n=words.count(len(ids), "Anfrage")
            ),
            10000,
        )

    def mark_selected_done(self) -> None:
        from anfrage_desk.services import inquiries as service

        ids = self.selected_inquiry_ids()
        if ids and self.run_service(lambda: service.mark_done(self.db, ids)):
            self.statusBar().showMessage(
                self.tr("{n} als erledigt markiert.").format(n=words.count(len(ids), "Anfrage")),
                5000,
            )

    def reopen_selected(self) -> None:
        from anfrage_desk.services import inquiries as service

        ids = self.selected_inquiry_ids()
        if ids and self.run_service(lambda: service.reopen(self.db, ids)):
            self.statusBar().showMessage(self.tr("Wieder geöffnet."), 5000)

    def undo_trash(self) -> None:
        from anfrage_desk.services import inquiries as service

        ids, self._last_trashed = self._last_trashed, []
        self.actions_[Action.UNDO_DELETE].setEnabled(False)
        if ids and self.run_service(lambda: service.restore_inquiries(self.db, ids)):
            self.statusBar().showMessage(self.tr("Wiederhergestellt."), 5000)

    def restore_selected_from_trash(self) -> None:
        from anfrage_desk.services import inquiries as service

        ids = self.trash_list.selected_ids()
        if ids:
            self.run_service(lambda: service.restore_inquiries(self.db, ids))

    def purge_selected_from_trash(self) -> None:
        from anfrage_desk.services import inquiries as service

        ids = self.trash_list.selected_ids()
        if ids and messages.confirm(
            self,
            self.tr("{n} endgültig löschen? Das kann nicht rückgängig gemacht werden.").format(
                n=words.count(len(ids), "Anfrage")
            ),
            ok=self.tr("Endgültig löschen"),
        ):
            self.run_service(lambda: service.purge_inquiries(self.db, ids))

    # -- the change broadcast
    def run_service(
        self, call: Callable[[], Changes | tuple[object, Changes]], initiator: object = None
    ) -> bool:
        """Run a use case on the GUI connection; show German errors; broadcast its changes."""
        from anfrage_desk.services import ServiceError
        from anfrage_desk.store import StoreUnavailable

        try:
            result = call()
        except (ServiceError, StoreUnavailable) as exc:
            messages.show_error(self, str(exc))
            return False
        except sqlite3.Error as exc:  # e.g. a write on a read-only medium, disk full
            from anfrage_desk.store.db import translate_error

            messages.show_error(self, str(translate_error(exc, self.db_path)))
            return False
        changes = result[1] if isinstance(result, tuple) else result
        if isinstance(changes, Changes):
            self.broadcast(changes, initiator)
        return True

    def broadcast(self, changes: object, initiator: object = None) -> None:
        if isinstance(changes, Changes):
            self.data_changed.emit(changes, initiator)

    def _on_data_changed(self, changes: Changes, initiator: object) -> None:
        self.inquiry_list.refresh(changes)
        self.trash_list.refresh(changes)
        if initiator is not self.inquiry_page:
            self.inquiry_page.refresh(changes)
        for widget in self.pages.values():
            if widget in (self.inquiry_list, self.trash_list, self.inquiry_page):
                continue
            refresh = getattr(widget, "refresh", None)
            if refresh is not None:
                refresh(changes)
        self._update_counts()

    def after_first_paint(self, call: Callable[[], None]) -> None:
        """Run ``call`` once the window has painted (at once when not starting up): the reads
        that fill the window must not compete with its first paint."""
        if self._after_paint is None:
            call()
        else:
            self._after_paint.append(call)

    def event(self, event: QEvent) -> bool:
        if self._after_paint is not None and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._painted)
        return super().event(event)

    def _painted(self) -> None:
        calls, self._after_paint = self._after_paint, None
        for call in calls or []:
            call()

    def _rows_arrived(self) -> None:
        """The list's rows came from the worker: counts and overview follow."""
        self.rows_ready = True
        self._update_counts()
        for widget in self.pages.values():
            update = getattr(widget, "rows_arrived", None)
            if update is not None:
                update()
        self.rows_loaded.emit()

    def _update_counts(self) -> None:
        if not self.rows_ready:
            return
        rows = self.inquiry_list.model.rows()
        now = today()
        overdue = sum(1 for r in rows if r.is_overdue(now))
        text = words.count(len(rows), "Anfrage")
        if overdue:
            text += self.tr(" · {n} überfällig").format(n=overdue)
        self.count_label.setText(text)

    def today(self) -> date:
        return today()

    # -- misc
    def load_example(self) -> int | None:
        """Hilfe → Beispiel laden: the Kreis Recklinghausen inquiry with its answer letter."""
        from anfrage_desk.services.example import load_example

        loaded: list[int] = []

        def call() -> Changes:
            inquiry_id, changes = load_example(self.db)
            loaded.append(inquiry_id)
            return changes

        if not self.run_service(call) or not loaded:
            return None
        self.open_inquiry(loaded[0], "answers")
        self.statusBar().showMessage(
            self.tr(
                "Beispiel geladen: die Anfrage mit ihrem Antwortschreiben. Unklare Antworten "
                "sind markiert; „Nachfrage erstellen …“ (Strg+Umschalt+N) fragt nach."
            ),
            20000,
        )
        return loaded[0]

    def show_about(self) -> None:
        from anfrage_desk.paths import backup_dir

        messages.notify(
            self,
            self.tr(
                "{app} {version}\n\nAnfragen an die Verwaltung entwerfen, Antworten erfassen und "
                "bewerten, Nachfragen schreiben.\n\nDatenbank: {db}\nSicherungen: {backups}"
            ).format(
                app=APP_NAME, version=__version__, db=self.db_path, backups=backup_dir(self.db_path)
            ),
            title=self.tr("Über Anfrage-Desk"),
        )

    def _restore_geometry(self) -> None:
        settings = app_settings()
        geometry = settings.value("main/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 780)
        state = settings.value("main/list_header")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.inquiry_list.table.horizontalHeader().restoreState(state)

    def _discard_untouched_draft(self) -> None:
        from anfrage_desk.services import inquiries as service

        inquiry_id = self.inquiry_page.inquiry_id
        if inquiry_id is None or self.db.read_only:
            return
        try:
            changes = service.discard_if_untouched(self.db, inquiry_id)
        except sqlite3.Error:
            return  # best-effort tidying: an empty draft left behind loses nothing
        if changes.inquiries:
            self.inquiry_page.inquiry_id = None
            self.broadcast(changes)

    def discard_and_close(self) -> None:
        """Close without saving anything to the database (it was found damaged)."""
        self._discard = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if getattr(self, "_discard", False):
            super().closeEvent(event)
            return
        self.inquiry_page.flush()
        if self.stack.currentWidget() is self.inquiry_page:
            self._discard_untouched_draft()
        for widget in self.pages.values():
            flush = getattr(widget, "flush", None)
            if flush is not None and widget is not self.inquiry_page:
                flush()
        settings = app_settings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue(
            "main/list_header", self.inquiry_list.table.horizontalHeader().saveState()
        )
        settings.sync()
        super().closeEvent(event)
