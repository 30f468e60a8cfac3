"""Extras → "Bewertung aus meinen Korrekturen lernen …" and "Gelernte Bewertung zurücknehmen".

The dialog shows what the re-fit would do before anything changes: how many of the user's
corrections the automatic assessment agrees with before and after, and which verdicts of the
corrected letters change. "Übernehmen" stores the weights and reassesses every answer (an
Operation with progress); the menu entry "zurücknehmen" restores the weights before.

Signals: the QDialog's accepted()/rejected().
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from anfrage_desk.lazy import lazy_module
from anfrage_desk.progress import Progress
from anfrage_desk.services import Changes, ServiceError
from anfrage_desk.services.answers import has_refit
from anfrage_desk.store import StoreUnavailable
from anfrage_desk.ui import messages
from anfrage_desk.ui.actions import Action
from anfrage_desk.ui.operation import Operation
from anfrage_desk.words import count

if TYPE_CHECKING:
    from anfrage_desk.services import relearn
    from anfrage_desk.ui.main_window import MainWindow
else:  # the assessment it refits loads on first use (start-up time)
    relearn = lazy_module("anfrage_desk.services.relearn")


class RelearnDialog(QDialog):
    """Before/after of a re-fit; accept() means "Übernehmen"."""

    def __init__(self, preview: relearn.Preview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(self.tr("Bewertung aus meinen Korrekturen lernen"))
        self.resize(720, 420)
        n = preview.corrections
        summary = QLabel(
            self.tr(
                "Sie haben {n} Bewertungen selbst korrigiert. Die automatische Bewertung stimmt "
                "bisher mit {before} davon überein, nach dem Lernen mit {after}."
            ).format(n=n, before=preview.agree_before, after=preview.agree_after)
        )
        summary.setWordWrap(True)
        self.summary = summary
        self.table = QTableWidget(len(preview.changed), 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Anfrage"), self.tr("Frage"), self.tr("bisher"), self.tr("nach dem Lernen")]
        )
        self.table.setAccessibleName(self.tr("Bewertungen, die sich ändern"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, (title, label, before, after) in enumerate(preview.changed):
            for col, text in enumerate((title, label, before.label, after.label)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        changes_title = QLabel(
            self.tr("In den korrigierten Schreiben ändern sich diese Bewertungen:")
            if preview.changed
            else self.tr("In den korrigierten Schreiben ändert sich keine Bewertung.")
        )
        note = QLabel(
            self.tr(
                "Beim Übernehmen werden alle gespeicherten Antworten neu bewertet; Ihre eigenen "
                "Bewertungen bleiben, wie sie sind. Extras → „Gelernte Bewertung zurücknehmen“ "
                "macht den Schritt rückgängig."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.apply_button = buttons.addButton(
            self.tr("Übernehmen"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = buttons.addButton(
            self.tr("Abbrechen"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(changes_title)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)


class RelearnCommands:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def ask(self) -> RelearnDialog | None:
        """Build the preview and its dialog (None, with a message, when it cannot be made)."""
        try:
            preview = relearn.preview(self.window.db)
        except (ServiceError, StoreUnavailable) as exc:
            messages.show_error(self.window, str(exc))
            return None
        return RelearnDialog(preview, self.window)

    def run(self) -> None:
        dialog = self.ask()
        if dialog is not None and dialog.exec():
            self.apply(dialog.preview)

    def apply(self, preview: relearn.Preview) -> Operation:
        model = preview.model
        db_path = self.window.db_path
        return self._reassess(lambda progress: relearn.apply_at(db_path, model, progress), True)

    def undo(self) -> Operation:
        db_path = self.window.db_path
        return self._reassess(lambda progress: relearn.undo_at(db_path, progress), False)

    def _reassess(self, work: Callable[[Progress], Changes], learned: bool) -> Operation:
        window = self.window
        operation = Operation(window, window.tr("Antworten werden neu bewertet …"), work)
        operation.succeeded.connect(lambda changes: self._done(changes, learned))
        operation.failed.connect(lambda message: messages.show_error(window, message))
        operation.start()
        return operation

    def _done(self, changes: object, learned: bool) -> None:
        assert isinstance(changes, Changes)
        self.window.broadcast(changes)
        self.update_actions()
        what = count(len(changes.answers), "Bewertung hat", "Bewertungen haben")
        text = (
            self.window.tr("Gelernt: {what} sich geändert.")
            if learned
            else self.window.tr("Zurückgenommen: {what} sich geändert.")
        )
        self.window.statusBar().showMessage(text.format(what=what), 8000)

    def update_actions(self) -> None:
        try:
            learned = has_refit(self.window.db)
        except StoreUnavailable:
            learned = False
        self.window.actions_[Action.UNDO_RELEARN].setEnabled(learned)


def install(window: MainWindow) -> None:
    commands = RelearnCommands(window)
    window.relearn_commands = commands  # type: ignore[attr-defined]
    a = window.actions_
    a[Action.RELEARN].triggered.connect(commands.run)
    a[Action.UNDO_RELEARN].triggered.connect(commands.undo)
    menu = window.menus["Extras"]
    menu.addSeparator()
    menu.addAction(a[Action.RELEARN])
    menu.addAction(a[Action.UNDO_RELEARN])
    commands.update_actions()
    if window.db.read_only:
        a[Action.RELEARN].setEnabled(False)
        a[Action.UNDO_RELEARN].setEnabled(False)
