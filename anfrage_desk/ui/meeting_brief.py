"""Datei → Sitzungsvorbereitung exportieren …: choose a body, then where to save the DOCX.

The document is written by an Operation on its own connection (python-docx takes a moment),
so the window stays responsive.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from anfrage_desk import words
from anfrage_desk.letters import safe_filename
from anfrage_desk.model import Body, InquiryKind, Status
from anfrage_desk.services import brief as service
from anfrage_desk.services import today
from anfrage_desk.services.overview import days_overdue
from anfrage_desk.store import bodies
from anfrage_desk.ui import messages
from anfrage_desk.ui.operation import Operation
from anfrage_desk.ui.settings import app_settings

if TYPE_CHECKING:
    from anfrage_desk.ui.main_window import MainWindow

LAST_BODY_KEY = "brief/last_body"
LAST_FOLDER_KEY = "brief/last_folder"


class BodyChoiceDialog(QDialog):
    """Choose the body whose meeting is being prepared; shows what the brief will contain."""

    def __init__(
        self, window: MainWindow, choices: list[Body], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.setWindowTitle(self.tr("Sitzungsvorbereitung exportieren"))
        self.combo = QComboBox()
        for body in choices:
            self.combo.addItem(body.name, body.id)
        self.combo.setMinimumContentsLength(30)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: palette(placeholder-text);")
        form = QFormLayout()
        form.addRow(self.tr("&Gremium:"), self.combo)
        intro = QLabel(
            self.tr(
                "Das Dokument listet die offenen und überfälligen Anfragen, die unklaren "
                "Antworten und die ausstehenden Nachfragen des Gremiums."
            )
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Speichern unter …"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Abbrechen"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.combo.currentIndexChanged.connect(self._update_summary)
        last = app_settings().value(LAST_BODY_KEY)
        index = self.combo.findData(int(last)) if str(last or "").isdigit() else -1
        self.combo.setCurrentIndex(max(index, 0))
        self._update_summary()
        self.setMinimumWidth(460)

    def body_id(self) -> int:
        return int(self.combo.currentData())

    def _update_summary(self) -> None:
        body_id = self.combo.currentData()
        now = today()
        rows = [r for r in self.window_.inquiry_list.model.rows() if r.body_id == body_id]
        open_rows = [
            r for r in rows if r.status == Status.SUBMITTED and r.kind == InquiryKind.ANFRAGE
        ]
        overdue = sum(1 for r in open_rows if days_overdue(r, now) > 0)
        unclear = sum(1 for r in rows if r.unclear_count and r.status == Status.ANSWERED)
        self.summary.setText(
            self.tr(
                "Derzeit: {open} offen, davon {overdue} überfällig; "
                "{unclear} mit unklaren Antworten."
            ).format(open=len(open_rows), overdue=overdue, unclear=words.count(unclear, "Anfrage"))
        )


class MeetingBriefCommand:
    """The dialogs live in ask_and_export(); write(body_id, path) does the work (tests call it)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def ask_and_export(self) -> None:
        window = self.window
        choices = [b for b in bodies.list_bodies(window.db) if b.id is not None]
        if not choices:
            messages.show_error(
                window,
                window.tr(
                    "Es ist noch kein Gremium angelegt. Eine Sitzungsvorbereitung fasst die "
                    "Anfragen eines Gremiums zusammen; bitte legen Sie zuerst eines an."
                ),
            )
            return
        dialog = BodyChoiceDialog(window, choices)
        if not dialog.exec():
            return
        body_id = dialog.body_id()
        settings = app_settings()
        settings.setValue(LAST_BODY_KEY, body_id)
        folder = str(settings.value(LAST_FOLDER_KEY) or "") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        path, _ = QFileDialog.getSaveFileName(
            window,
            window.tr("Sitzungsvorbereitung speichern"),
            str(Path(folder) / self.default_name(body_id)),
            window.tr("Word-Dokument (*.docx)"),
        )
        if path:
            if not path.lower().endswith(".docx"):
                path += ".docx"
            settings.setValue(LAST_FOLDER_KEY, str(Path(path).parent))
            self.write(body_id, Path(path))

    def default_name(self, body_id: int) -> str:
        body = bodies.get_body(self.window.db, body_id)
        name = body.name if body else "Gremium"
        return safe_filename(f"{today().isoformat()} Sitzungsvorbereitung {name}")

    def write(self, body_id: int, path: Path) -> Operation:
        window = self.window
        db_path = window.db_path
        day = today()

        def work(_progress: object) -> Path:
            from anfrage_desk.store import open_db

            db = open_db(db_path)
            try:
                return service.export_meeting_brief(db, body_id, path, day)
            finally:
                db.close()

        operation = Operation(window, window.tr("Sitzungsvorbereitung wird geschrieben …"), work)
        operation.succeeded.connect(
            lambda result: window.statusBar().showMessage(
                window.tr("Sitzungsvorbereitung gespeichert: {path}").format(path=result), 15000
            )
        )
        operation.failed.connect(lambda message: messages.show_error(window, message))
        operation.start()
        return operation
