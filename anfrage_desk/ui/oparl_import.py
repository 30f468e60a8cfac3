"""Dialogs that bring inquiries in from the council's information system (OParl):
one paper by address or Aktenzeichen, and the faction's history of Anfragen in a date range.

Both run as an Operation on a connection of their own (network and PDF reading take seconds);
the history can be cancelled and keeps what it finished.

Signals of both dialogs: imported(object changes).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from anfrage_desk.progress import Progress
from anfrage_desk.services import Changes
from anfrage_desk.services import oparl as service
from anfrage_desk.services.oparl_sync import (
    HistoryRequest,
    HistoryResult,
    import_history_job,
    import_paper_job,
)
from anfrage_desk.ui import messages
from anfrage_desk.ui.form_widgets import date_edit, from_qdate
from anfrage_desk.ui.operation import Operation

if TYPE_CHECKING:
    from anfrage_desk.ui.main_window import MainWindow


def _body_combo(window: MainWindow, empty: str | None) -> QComboBox:
    combo = QComboBox()
    if empty is not None:
        combo.addItem(empty, None)
    for conn in service.connections(window.db):
        same = conn.oparl_name.casefold() == conn.body_name.casefold()
        text = conn.body_name if same else f"{conn.body_name} ({conn.oparl_name})"
        combo.addItem(text, conn.body_id)
    return combo


class PaperImportDialog(QDialog):
    """Paste a paper's address (or an Aktenzeichen) and take the Anfrage with its answer."""

    imported = Signal(object)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(self.tr("Anfrage aus dem Ratsinformationssystem übernehmen"))
        self.result_: service.PaperImport | None = None
        self.what_edit = QLineEdit()
        self.what_edit.setPlaceholderText(self.tr("https://…/papers/1234 oder 2021/0451"))
        self.body_combo = _body_combo(window, self.tr("aus der Adresse bestimmen"))
        hint = QLabel(
            self.tr(
                "Die Fragen werden aus der Anfrage gelesen. Ist die Stellungnahme schon "
                "veröffentlicht, wird sie als Antwort erfasst und bewertet. Ein Aktenzeichen "
                "wird in den verbundenen Gremien gesucht."
            )
        )
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Ü&bernehmen"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Abbrechen"))
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Drucksache:"), self.what_edit)
        form.addRow(self.tr("&Gremium:"), self.body_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(560, 200)

    def start_import(self) -> None:
        what = self.what_edit.text().strip()
        if not what:
            messages.show_error(self, self.tr("Bitte die Adresse oder das Aktenzeichen eingeben."))
            return
        body_id = self.body_combo.currentData()
        path = self.window_.db_path
        self.ok_button.setEnabled(False)
        op = Operation(
            self,
            self.tr("Drucksache wird übernommen …"),
            lambda _progress: import_paper_job(path, what, body_id),
        )
        op.succeeded.connect(self._done)
        op.failed.connect(self._failed)
        op.cancelled.connect(lambda: self.ok_button.setEnabled(True))
        op.start()

    def _failed(self, message: str) -> None:
        self.ok_button.setEnabled(True)
        messages.show_error(self, message)

    def _done(self, result: object) -> None:
        assert isinstance(result, service.PaperImport)
        self.result_ = result
        self.window_.broadcast(result.changes | Changes(bodies=True))
        self.imported.emit(result.changes)
        if result.problems:
            messages.notify(self, "\n".join(result.problems), title=self.tr("Hinweis"))
        self.accept()
        self.window_.open_inquiry(result.inquiry_id)


class HistoryDialog(QDialog):
    """Import all Anfragen of one faction in a date range from a connected Gremium."""

    imported = Signal(object)

    def __init__(
        self, window: MainWindow, body_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.setWindowTitle(self.tr("Frühere Anfragen aus dem Ratsinformationssystem übernehmen"))
        self.result_: HistoryResult | None = None
        self.body_combo = _body_combo(window, None)
        if body_id is not None:
            self.body_combo.setCurrentIndex(max(0, self.body_combo.findData(body_id)))
        self.faction_edit = QLineEdit()
        self.faction_edit.setPlaceholderText(self.tr("z. B. GRÜNE oder die Adresse der Fraktion"))
        self.faction_edit.setToolTip(
            self.tr(
                "Übernommen werden Anfragen, deren Angaben oder Text diesen Namen enthalten; "
                "leer lassen für alle Anfragen"
            )
        )
        this_year = date.today().year
        self.first_edit = date_edit(date(this_year - 5, 1, 1))
        self.last_edit = date_edit(date.today())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Ü&bernehmen"))
        self.ok_button.setEnabled(self.body_combo.count() > 0)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Schließen"))
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        hint = QLabel(
            self.tr(
                "Bereits übernommene Anfragen werden nicht doppelt angelegt, geänderte "
                "aktualisiert. Der Vorgang kann abgebrochen und später fortgesetzt werden."
            )
            if self.body_combo.count()
            else self.tr("Zuerst ein Gremium mit dem Ratsinformationssystem verbinden.")
        )
        hint.setWordWrap(True)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Gremium:"), self.body_combo)
        form.addRow(self.tr("&Fraktion:"), self.faction_edit)
        form.addRow(self.tr("&Von:"), self.first_edit)
        form.addRow(self.tr("&Bis:"), self.last_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.resize(560, 280)

    def request(self) -> HistoryRequest:
        return HistoryRequest(
            int(self.body_combo.currentData()),
            self.faction_edit.text().strip(),
            from_qdate(self.first_edit.date()),
            from_qdate(self.last_edit.date()),
        )

    def start_import(self) -> None:
        if self.body_combo.currentData() is None:
            return
        request = self.request()
        path = self.window_.db_path
        self.ok_button.setEnabled(False)
        self.result_label.setText(self.tr("Anfragen werden übernommen …"))

        def work(progress: Progress) -> HistoryResult:
            return import_history_job(path, request, progress)

        op = Operation(
            self, self.tr("Anfragen werden aus dem Ratsinformationssystem übernommen …"), work
        )
        op.succeeded.connect(self._done)
        op.failed.connect(self._failed)
        op.cancelled.connect(self._cancelled)
        self.operation = op
        op.start()

    def _refresh_all(self) -> None:
        self.window_.broadcast(Changes(everything=True))

    def _cancelled(self) -> None:
        self.ok_button.setEnabled(True)
        self.result_label.setText(
            self.tr("Abgebrochen. Bereits übernommene Anfragen bleiben erhalten.")
        )
        self._refresh_all()

    def _failed(self, message: str) -> None:
        self.ok_button.setEnabled(True)
        self.result_label.setText(message)
        self._refresh_all()

    def _done(self, result: object) -> None:
        assert isinstance(result, HistoryResult)
        self.result_ = result
        self.ok_button.setEnabled(True)
        text = result.summary()
        if result.problems:
            text += "\n" + "\n".join(result.problems[:10])
        self.result_label.setText(text)
        self.window_.broadcast(result.changes)
        self.imported.emit(result.changes)
