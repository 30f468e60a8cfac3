"""The "Ratsinformationssystem (OParl)" part of the Gremien dialog: connect a Gremium to its
council's OParl body, disconnect it, set how often answers are looked for, import the history.

Fetching the bodies of a system runs off the GUI thread; saving the connection is a use case
on the dialog's connection. Nothing is sent to any server until the user presses "Abrufen".
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
)

from anfrage_desk.importers.oparl_paper import OparlBody
from anfrage_desk.progress import Progress
from anfrage_desk.services import oparl as service
from anfrage_desk.ui import messages
from anfrage_desk.ui.operation import Operation
from anfrage_desk.ui.settings import app_settings

if TYPE_CHECKING:
    from anfrage_desk.ui.body_dialog import BodyDialog

WATCH_HOURS_KEY = "oparl/watch_hours"
DEFAULT_WATCH_HOURS = 4
KNOWN_SYSTEMS = "z. B. https://web1.karlsruhe.de/oparl/system"


def local_time(stamp: str) -> str:
    """A stored UTC time stamp as local "29.11.2026, 14:05"."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%d.%m.%Y, %H:%M")
    except ValueError:
        return stamp


def watch_hours() -> int:
    value = app_settings().value(WATCH_HOURS_KEY, DEFAULT_WATCH_HOURS)
    try:
        return max(1, min(168, int(str(value))))
    except ValueError:
        return DEFAULT_WATCH_HOURS


class OparlConnectBox(QGroupBox):
    """Connection of the Gremium shown in the Gremien dialog (``show_body`` on selection)."""

    def __init__(self, dialog: BodyDialog) -> None:
        super().__init__(dialog.tr("Ratsinformationssystem (OParl)"))
        self.dialog = dialog
        self.body_id: int | None = None
        self.found: list[OparlBody] = []
        self.operation: Operation | None = None

        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText(self.tr(KNOWN_SYSTEMS))
        self.url_edit.setToolTip(
            self.tr("Adresse des OParl-Systems (…/system) oder einer Körperschaft (…/bodies/…)")
        )
        self.fetch_button = QPushButton(self.tr("&Abrufen"))
        self.fetch_button.clicked.connect(self.fetch_bodies)
        url_row = QHBoxLayout()
        url_row.addWidget(self.url_edit, 1)
        url_row.addWidget(self.fetch_button)
        self.body_combo = QComboBox()
        self.body_combo.setEnabled(False)
        self.connect_button = QPushButton(self.tr("&Verbinden"))
        self.connect_button.setEnabled(False)
        self.connect_button.clicked.connect(self.connect_selected)
        self.disconnect_button = QPushButton(self.tr("&Trennen"))
        self.disconnect_button.clicked.connect(self.disconnect_body)
        body_row = QHBoxLayout()
        body_row.addWidget(self.body_combo, 1)
        body_row.addWidget(self.connect_button)
        body_row.addWidget(self.disconnect_button)
        self.hours_spin = QSpinBox()
        self.hours_spin.setRange(1, 168)
        self.hours_spin.setSuffix(self.tr(" Stunden"))
        self.hours_spin.setValue(watch_hours())
        self.hours_spin.setToolTip(
            self.tr("Gilt für alle verbundenen Gremien, solange Anfrage-Desk geöffnet ist")
        )
        self.hours_spin.valueChanged.connect(
            lambda value: app_settings().setValue(WATCH_HOURS_KEY, int(value))
        )
        self.history_button = QPushButton(self.tr("Frühere Anfragen &übernehmen …"))
        self.history_button.clicked.connect(self.import_history)

        form = QFormLayout(self)
        form.addRow(self.state_label)
        form.addRow(self.tr("Adresse:"), url_row)
        form.addRow(self.tr("Körperschaft:"), body_row)
        form.addRow(self.tr("Auf Antworten prüfen alle:"), self.hours_spin)
        form.addRow("", self.history_button)
        self.show_body(None)

    # -- showing
    def show_body(self, body_id: int | None) -> None:
        self.body_id = body_id
        self.found = []
        self.body_combo.clear()
        self.body_combo.setEnabled(False)
        self.connect_button.setEnabled(False)
        conn = service.connection(self.dialog.db, body_id) if body_id is not None else None
        if conn is None:
            self.url_edit.clear()
            self.state_label.setText(
                self.tr(
                    "Nicht verbunden. Mit der Adresse des Ratsinformationssystems übernimmt "
                    "Anfrage-Desk Anfragen und veröffentlichte Antworten von dort."
                )
            )
        else:
            self.url_edit.setText(conn.system_url or conn.body_url)
            text = self.tr(
                "Verbunden mit „{name}“. Neue Antworten werden automatisch übernommen."
            ).format(name=conn.oparl_name)
            if conn.checked_at:
                text += " " + self.tr("Zuletzt nachgesehen: {when}.").format(
                    when=local_time(conn.checked_at)
                )
            self.state_label.setText(text)
        self.disconnect_button.setEnabled(conn is not None)
        self.history_button.setEnabled(conn is not None)
        writable = not self.dialog.db.read_only
        self.fetch_button.setEnabled(writable and self.operation is None)

    # -- connecting
    def fetch_bodies(self) -> None:
        url = self.url_edit.text().strip()
        if not url:
            messages.show_error(self, self.tr("Bitte die Adresse des OParl-Systems eingeben."))
            return
        self.fetch_button.setEnabled(False)
        self.state_label.setText(self.tr("Verbindung wird geprüft …"))

        def work(_progress: Progress) -> list[OparlBody]:
            return service.discover_bodies(url)

        op = Operation(self, self.tr("Ratsinformationssystem wird abgefragt …"), work)
        op.succeeded.connect(self._bodies_found)
        op.failed.connect(self._fetch_failed)
        op.finished.connect(self._fetch_done)
        self.operation = op
        op.start()

    def _fetch_done(self) -> None:
        self.operation = None
        self.fetch_button.setEnabled(not self.dialog.db.read_only)

    def _fetch_failed(self, message: str) -> None:
        self.show_body(self.body_id)
        messages.show_error(self, message)

    def _bodies_found(self, found: object) -> None:
        assert isinstance(found, list)
        self.found = found
        self.body_combo.clear()
        name = self.dialog.name_edit.text().strip().lower()
        best = 0
        for index, body in enumerate(found):
            self.body_combo.addItem(body.name, index)
            if name and (name in body.name.lower() or body.name.lower() in name):
                best = index
        self.body_combo.setCurrentIndex(best)
        self.body_combo.setEnabled(True)
        self.connect_button.setEnabled(True)
        self.state_label.setText(
            self.tr("{n} Körperschaft(en) gefunden. Bitte wählen und „Verbinden“ drücken.").format(
                n=len(found)
            )
        )

    def connect_selected(self) -> None:
        index = self.body_combo.currentData()
        if index is None or not self.found:
            return
        if self.body_id is None or self.dialog._dirty:
            if not self.dialog.apply():  # a new Gremium is saved first
                return
            self.body_id = self.dialog.body_id
        body_id = self.body_id
        if body_id is None:
            return
        chosen = self.found[int(index)]
        if self.dialog.window_.run_service(
            lambda: service.connect_body(self.dialog.db, body_id, chosen)
        ):
            self.show_body(body_id)

    def disconnect_body(self) -> None:
        body_id = self.body_id
        if body_id is None:
            return
        if not messages.confirm(
            self,
            self.tr(
                "Verbindung zum Ratsinformationssystem trennen? Übernommene Anfragen bleiben "
                "erhalten; neue Antworten werden nicht mehr abgerufen."
            ),
            ok=self.tr("Trennen"),
        ):
            return
        if self.dialog.window_.run_service(
            lambda: service.disconnect_body(self.dialog.db, body_id)
        ):
            self.show_body(body_id)

    def import_history(self) -> None:
        from anfrage_desk.ui.oparl_import import HistoryDialog

        if self.body_id is not None:
            HistoryDialog(self.dialog.window_, self.body_id, parent=self).open()
