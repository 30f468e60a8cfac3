"""Window-level commands of the drafting feature: Neue Anfrage, Als Brief exportieren,
Gremien verwalten, Einstellungen. Wired to the window's actions by inquiry_editor.install().

The file dialog of the export sits in `_ask_letter_path`; the work is in `export_letter_to`,
which tests call directly.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtWidgets import QFileDialog

from anfrage_desk.services import Changes, drafting, followups
from anfrage_desk.services import inquiries as service
from anfrage_desk.services.letter_parts import letter_problems
from anfrage_desk.store import inquiries as inquiry_store
from anfrage_desk.ui import messages
from anfrage_desk.ui.inquiry_editor import TAB_KEY, InquiryEditor
from anfrage_desk.ui.settings import app_settings

if TYPE_CHECKING:
    from anfrage_desk.ui.main_window import MainWindow


class DraftingCommands(QObject):
    """The window-level commands of this feature: new inquiry, export, bodies, settings."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("drafting")
        self.window_ = window

    def editor(self) -> InquiryEditor:
        widget = self.window_.inquiry_page.tab_widgets[TAB_KEY]
        assert isinstance(widget, InquiryEditor)
        return widget

    def new_inquiry(self) -> int | None:
        """Strg+N: a new draft, prefilled from the settings and the last inquiry, opened."""
        window = self.window_
        if window.db.read_only:
            messages.show_error(
                window,
                self.tr(
                    "Die Datenbank ist schreibgeschützt; es kann keine Anfrage angelegt werden."
                ),
            )
            return None
        window.inquiry_page.flush()
        created: list[int] = []

        def create() -> Changes:
            inquiry_id, changes = service.create_inquiry(window.db, drafting.new_draft(window.db))
            created.append(inquiry_id)
            return changes

        if not window.run_service(create):
            return None
        window.open_inquiry(created[0], tab=TAB_KEY)
        editor = self.editor()
        window.inquiry_page.tabs.setCurrentWidget(editor)
        editor.title_edit.setFocus()
        window.statusBar().showMessage(
            self.tr("Neue Anfrage angelegt – sie wird beim Tippen gespeichert."), 5000
        )
        return created[0]

    def export_letter(self) -> None:
        """Strg+E: ask where to save the current inquiry's letter, then write it."""
        window = self.window_
        inquiry_id = window.current_inquiry_id()
        if inquiry_id is None:
            window.statusBar().showMessage(
                self.tr("Bitte zuerst eine Anfrage öffnen oder in der Liste auswählen."), 5000
            )
            return
        window.inquiry_page.flush()
        inquiry = inquiry_store.get_inquiry(window.db, inquiry_id)
        if inquiry is None:
            return
        path = self._ask_letter_path(drafting.default_letter_name(inquiry))
        if path is not None:
            self.export_letter_to(inquiry_id, path)

    def submit(self) -> None:
        """Strg+Umschalt+R: Einreichen … for the open (or the single selected) inquiry."""
        window = self.window_
        inquiry_id = window.current_inquiry_id()
        if inquiry_id is None:
            window.statusBar().showMessage(
                self.tr("Bitte zuerst eine Anfrage öffnen oder in der Liste auswählen."), 5000
            )
            return
        if window.inquiry_page.inquiry_id != inquiry_id or not window.inquiry_page.isVisible():
            window.open_inquiry(inquiry_id, tab=TAB_KEY)
        editor = self.editor()
        window.inquiry_page.tabs.setCurrentWidget(editor)
        editor.ask_submit()

    def _ask_letter_path(self, name: str) -> Path | None:
        settings = app_settings()
        folder = str(settings.value("export/letter_dir", "") or "")
        if not folder or not Path(folder).is_dir():
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
        chosen, _ = QFileDialog.getSaveFileName(
            self.window_,
            self.tr("Brief speichern"),
            str(Path(folder) / name),
            self.tr("Word-Dokument (*.docx)"),
        )
        return Path(chosen) if chosen else None

    def export_letter_to(self, inquiry_id: int, path: Path) -> Path | None:
        """Write the letter of ``inquiry_id`` to ``path`` (after the file dialog)."""
        window = self.window_
        window.inquiry_page.flush()
        if path.suffix.lower() != ".docx":
            path = path.with_name(path.name + ".docx")
        written: list[Path] = []

        def export() -> Changes:
            written.append(followups.export_letter(window.db, inquiry_id, path))
            return Changes()

        if not window.run_service(export):
            return None
        settings = app_settings()
        settings.setValue("export/letter_dir", str(path.parent))
        window.statusBar().showMessage(
            self.tr("Brief gespeichert: {path}").format(path=written[0]), 15000
        )
        spec = followups.letter_spec(window.db, inquiry_id)
        messages.warn_letter(window, written[0], letter_problems(spec))
        return written[0]

    def manage_bodies(self) -> None:
        from anfrage_desk.ui.body_dialog import BodyDialog

        self.window_.inquiry_page.flush()
        BodyDialog(self.window_).exec()

    def edit_settings(self) -> None:
        from anfrage_desk.ui.settings_dialog import SettingsDialog

        SettingsDialog(self.window_).exec()
