"""Follow-ups in the main window: Nachfrage erstellen, Erinnerungen, the "Nachfragen" tab."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from anfrage_desk import words
from anfrage_desk.model import FollowupKind
from anfrage_desk.services import Changes, ServiceError
from anfrage_desk.services import followups as service
from anfrage_desk.services.letter_parts import letter_problems
from anfrage_desk.store import inquiries
from anfrage_desk.ui import messages
from anfrage_desk.ui.actions import Action
from anfrage_desk.ui.followup_dialog import FollowupDialog
from anfrage_desk.ui.inquiry_page import register_tab
from anfrage_desk.ui.operation import Operation

if TYPE_CHECKING:
    from anfrage_desk.ui.main_window import MainWindow

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class FollowupTab(QWidget):
    """Links both ways: the parent inquiry of a Nachfrage, and the follow-ups of this one."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window_ = window
        self.inquiry_id: int | None = None
        self.parent_label = QLabel()
        self.parent_label.setTextFormat(Qt.TextFormat.RichText)
        self.parent_label.linkActivated.connect(lambda link: window.open_inquiry(int(link)))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Nachfragen und Erinnerungen"))
        self.list.itemActivated.connect(self._open_item)
        self.empty = QLabel(self.tr("Noch keine Nachfragen oder Erinnerungen."))
        self.empty.setStyleSheet("color: palette(mid);")
        layout = QVBoxLayout(self)
        layout.addWidget(self.parent_label)
        layout.addWidget(QLabel(self.tr("Nachfragen und Erinnerungen zu dieser Anfrage:")))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)

    def load(self, inquiry_id: int) -> None:
        self.inquiry_id = inquiry_id
        self._fill()

    def refresh(self, changes: Changes) -> None:
        if self.inquiry_id is not None and (changes.everything or changes.inquiries):
            self._fill()

    def _fill(self) -> None:
        if self.inquiry_id is None:
            return
        db = self.window_.db
        try:
            parent_id, items = service.followup_links(db, self.inquiry_id)
        except ServiceError:
            return
        parent = inquiries.get_inquiry(db, parent_id) if parent_id else None
        if parent is not None:
            self.parent_label.setText(
                self.tr("Nachfrage zu: ") + f'<a href="{parent.id}">{parent.title}</a>'
            )
        self.parent_label.setVisible(parent is not None)
        self.list.clear()
        for followup in items:
            when = followup.created[:10]
            when = ".".join(reversed(when.split("-"))) if when else ""
            if followup.kind == FollowupKind.NACHFRAGE and followup.child_inquiry_id:
                child = inquiries.get_inquiry(db, followup.child_inquiry_id)
                status = child.display_status(self.window_.today()) if child else ""
                text = self.tr("Nachfrage vom {when} – {status}").format(when=when, status=status)
            else:
                text = self.tr("Erinnerung vom {when}").format(when=when)
            if followup.file_name:
                text += f" ({followup.file_name})"
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, followup.child_inquiry_id)
            self.list.addItem(item)
        self.empty.setVisible(not items)

    def _open_item(self, item: QListWidgetItem) -> None:
        child_id = item.data(ID_ROLE)
        if child_id:
            self.window_.open_inquiry(int(child_id))


register_tab("followups", "Nachfragen", FollowupTab)


class FollowupCommands:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def new_followup(self) -> int | None:
        inquiry_id = self.window.current_inquiry_id()
        if inquiry_id is None:
            messages.show_error(self.window, self.window.tr("Bitte wählen Sie eine Anfrage aus."))
            return None
        try:
            dialog = FollowupDialog(self.window.db, inquiry_id, self.window)
        except ServiceError as exc:
            messages.show_error(self.window, str(exc))
            return None
        if dialog.exec() and dialog.created_id is not None:
            self.window.broadcast(dialog.changes)
            self.window.open_inquiry(dialog.created_id, "inquiry")
            message = self.window.tr(
                "Nachfrage angelegt (Entwurf). Text prüfen und mit „Einreichen …“ (Strg+Umschalt+R) "
                "vermerken, wann sie an die Verwaltung ging."
            )
            if dialog.exported_to is not None:
                message = (
                    self.window.tr("Nachfrage gespeichert: {path}. ").format(
                        path=dialog.exported_to
                    )
                    + message
                )
            self.window.statusBar().showMessage(message, 20000)
            if dialog.exported_to is not None:
                spec = service.followup_letter_spec(self.window.db, dialog.created_id)
                messages.warn_letter(self.window, dialog.exported_to, letter_problems(spec))
            return dialog.created_id
        return None

    def export_reminder(self) -> None:
        inquiry_id = self.window.current_inquiry_id()
        if inquiry_id is None:
            messages.show_error(self.window, self.window.tr("Bitte wählen Sie eine Anfrage aus."))
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        try:
            name = service.default_reminder_name(self.window.db, inquiry_id)
            service.reminder_spec(self.window.db, inquiry_id, self.window.today())
        except service.ReminderNotNeeded as exc:
            messages.notify(self.window, str(exc), self.window.tr("Keine Erinnerung nötig"))
            return
        except ServiceError as exc:
            messages.show_error(self.window, str(exc))
            return
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            self.window.tr("Erinnerung speichern"),
            str(Path(folder) / name),
            self.window.tr("Word-Dokument (*.docx)"),
        )
        if path:
            self.write_reminder(inquiry_id, Path(path))

    def write_reminder(self, inquiry_id: int, path: Path) -> bool:
        ok = self.window.run_service(
            lambda: (
                service.export_reminder(self.window.db, inquiry_id, path),
                Changes.of(inquiry_id),
            )
        )
        if ok:
            self.window.statusBar().showMessage(
                self.window.tr("Erinnerung gespeichert: ") + str(path), 10000
            )
            spec = service.reminder_spec(self.window.db, inquiry_id, self.window.today())
            messages.warn_letter(self.window, path, letter_problems(spec))
        return ok

    def batch_reminders(self) -> None:
        ids = self.window.selected_inquiry_ids()
        if not ids:
            messages.show_error(
                self.window, self.window.tr("Bitte wählen Sie Anfragen in der Liste aus.")
            )
            return
        folder = QFileDialog.getExistingDirectory(
            self.window, self.window.tr("Ordner für die Erinnerungen")
        )
        if folder:
            self.write_reminders(ids, Path(folder))

    def write_reminders(self, ids: list[int], folder: Path) -> Operation:
        window = self.window
        operation = Operation(
            window,
            window.tr("Erinnerungen werden geschrieben …"),
            lambda progress: service.export_reminders(window.db_path, ids, folder, progress),
        )

        def done(result: object) -> None:
            assert isinstance(result, tuple)
            written: list[Path] = result[0]
            skipped: list[str] = result[1]
            window.broadcast(Changes(inquiries=frozenset(ids)))
            text = window.tr("{n} gespeichert in {folder}.").format(
                n=words.count(len(written), "Erinnerung"), folder=folder
            )
            if skipped:
                text += (
                    "\n\n"
                    + window.tr("Übersprungen:")
                    + "\n"
                    + "\n".join(f"• {s}" for s in skipped)
                )
            messages.notify(window, text)

        operation.succeeded.connect(done)
        operation.failed.connect(lambda message: messages.show_error(window, message))
        operation.start()
        return operation


def update_reminder_action(window: MainWindow) -> None:
    """Erinnerung exportieren only for an overdue inquiry (or when none is chosen yet, where
    the command explains what to select)."""
    action = window.actions_[Action.EXPORT_REMINDER]
    inquiry_id = window.current_inquiry_id()
    inquiry = inquiries.get_inquiry(window.db, inquiry_id) if inquiry_id is not None else None
    action.setEnabled(inquiry is None or service.reminder_needed(inquiry, window.today()))


def install(window: MainWindow) -> None:
    commands = FollowupCommands(window)
    window.followup_commands = commands  # type: ignore[attr-defined]
    a = window.actions_
    a[Action.NEW_FOLLOWUP].triggered.connect(commands.new_followup)
    a[Action.EXPORT_REMINDER].triggered.connect(commands.export_reminder)
    a[Action.BATCH_REMINDERS].triggered.connect(commands.batch_reminders)
    update = lambda *_args: update_reminder_action(window)  # noqa: E731
    window.data_changed.connect(update)
    window.stack.currentChanged.connect(update)
    window.inquiry_opened.connect(update)
    window.inquiry_list.table.selectionModel().selectionChanged.connect(update)
    menu = window.menus["Datei"]
    menu.aboutToShow.connect(update)
    menu.addSeparator()
    for key in (Action.NEW_FOLLOWUP, Action.EXPORT_REMINDER, Action.BATCH_REMINDERS):
        menu.addAction(a[key])
        window.inquiry_list.table.addAction(a[key])
