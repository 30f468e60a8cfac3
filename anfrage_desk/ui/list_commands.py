"""The main window's commands on the inquiry list and the Papierkorb (trash, undo, done,
reopen, restore, purge); the Papierkorb page is built on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction

from anfrage_desk import words
from anfrage_desk.services import today
from anfrage_desk.ui import messages
from anfrage_desk.ui.actions import Action

if TYPE_CHECKING:
    from anfrage_desk.ui.inquiry_list import InquiryListView
    from anfrage_desk.ui.main_window import MainWindow


class ListCommands(QObject):
    """``window.list_commands``: the actions on selected rows of the list or the Papierkorb."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self._last_trashed: list[int] = []

    def build_trash(self) -> InquiryListView:
        """The Papierkorb page, built when it is first shown."""
        from anfrage_desk.ui.inquiry_list import InquiryListView

        trash = InquiryListView(
            self.window_.db, today, deleted=True, empty_text=self.tr("Der Papierkorb ist leer.")
        )
        trash.table.setSortingEnabled(True)
        self.restore_button_action = QAction(self.tr("Wiederherstellen"), self)
        self.restore_button_action.triggered.connect(self.restore_selected_from_trash)
        self.purge_action = QAction(self.tr("Endgültig löschen"), self)
        self.purge_action.triggered.connect(self.purge_selected_from_trash)
        trash.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        trash.table.addActions([self.restore_button_action, self.purge_action])
        self.restore_button = trash.add_button(
            self.restore_button_action, self.tr("&Wiederherstellen")
        )
        self.purge_button = trash.add_button(self.purge_action, self.tr("Endgültig &löschen …"))
        return trash

    def trash_selected(self) -> None:
        from anfrage_desk.services import inquiries as service

        ids = self.window_.selected_inquiry_ids()
        if not ids:
            return
        what = (
            self.tr("die Anfrage") if len(ids) == 1 else self.tr("{n} Anfragen").format(n=len(ids))
        )
        if not messages.confirm(
            self.window_,
            self.tr(
                "Soll {what} in den Papierkorb gelegt werden? "
                "Sie können das mit Strg+Umschalt+Z oder im Papierkorb rückgängig machen."
            ).format(what=what),
            ok=self.tr("In den Papierkorb"),
        ):
            return
        if not self.window_.run_service(lambda: service.trash_inquiries(self.window_.db, ids)):
            return
        self._last_trashed = ids
        self.window_.actions_[Action.UNDO_DELETE].setEnabled(True)
        if self.window_._on_inquiry_page():
            self.window_.show_page("inquiries")
        self.window_.statusBar().showMessage(
            self.tr("{n} in den Papierkorb gelegt – Strg+Umschalt+Z macht es rückgängig.").format(
                n=words.count(len(ids), "Anfrage")
            ),
            10000,
        )

    def mark_selected_done(self) -> None:
        from anfrage_desk.services import inquiries as service

        ids = self.window_.selected_inquiry_ids()
        if ids and self.window_.run_service(lambda: service.mark_done(self.window_.db, ids)):
            self.window_.statusBar().showMessage(
                self.tr("{n} als erledigt markiert.").format(n=words.count(len(ids), "Anfrage")),
                5000,
            )

    def reopen_selected(self) -> None:
        from anfrage_desk.services import inquiries as service

        ids = self.window_.selected_inquiry_ids()
        if ids and self.window_.run_service(lambda: service.reopen(self.window_.db, ids)):
            self.window_.statusBar().showMessage(self.tr("Wieder geöffnet."), 5000)

    def undo_trash(self) -> None:
        from anfrage_desk.services import inquiries as service

        ids, self._last_trashed = self._last_trashed, []
        self.window_.actions_[Action.UNDO_DELETE].setEnabled(False)
        if ids and self.window_.run_service(
            lambda: service.restore_inquiries(self.window_.db, ids)
        ):
            self.window_.statusBar().showMessage(self.tr("Wiederhergestellt."), 5000)

    def restore_selected_from_trash(self) -> None:
        from anfrage_desk.services import inquiries as service

        ids = self.window_.trash_list.selected_ids()
        if ids:
            self.window_.run_service(lambda: service.restore_inquiries(self.window_.db, ids))

    def purge_selected_from_trash(self) -> None:
        from anfrage_desk.services import inquiries as service

        ids = self.window_.trash_list.selected_ids()
        if ids and messages.confirm(
            self.window_,
            self.tr("{n} endgültig löschen? Das kann nicht rückgängig gemacht werden.").format(
                n=words.count(len(ids), "Anfrage")
            ),
            ok=self.tr("Endgültig löschen"),
        ):
            self.window_.run_service(lambda: service.purge_inquiries(self.window_.db, ids))
