"""Gremien verwalten: councils and parliaments with their deadline rule and meeting dates.

Edits of a body are applied when the user switches to another body, presses "Übernehmen" or
closes the dialog — nothing typed is thrown away. Saving recomputes the due dates of the
body's submitted inquiries (except those set by hand), so the lists update at once.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from anfrage_desk import deadlines, words
from anfrage_desk.model import Body, BodyKind, DeadlineRule
from anfrage_desk.services import inquiries as service
from anfrage_desk.services.common import Changes, today
from anfrage_desk.store import bodies
from anfrage_desk.ui import messages
from anfrage_desk.ui.form_widgets import buddy_label as _buddy
from anfrage_desk.ui.form_widgets import date_edit, from_qdate
from anfrage_desk.ui.oparl_connect import OparlConnectBox

if TYPE_CHECKING:
    from anfrage_desk.ui.main_window import MainWindow

UNIT_LABELS = (
    ("weeks", "Wochen"),
    ("days", "Kalendertage"),
    ("workdays", "Arbeitstage"),
    ("next_meeting", "bis zur nächsten Sitzung"),
)
ID_ROLE = Qt.ItemDataRole.UserRole
DATE_ROLE = Qt.ItemDataRole.UserRole + 1


class BodyDialog(QDialog):
    """List of bodies on the left, the selected body's form on the right."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.db = window.db
        self.setWindowTitle(self.tr("Gremien verwalten"))
        self.body_id: int | None = None
        self._dirty = False
        self._loading = False

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Gremien"))
        self.list.setMinimumWidth(200)
        self.list.currentItemChanged.connect(self._selection_changed)
        self.new_button = QPushButton(self.tr("&Neu"))
        self.new_button.clicked.connect(self.new_body)
        self.delete_button = QPushButton(self.tr("&Löschen"))
        self.delete_button.clicked.connect(self.delete_current)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        left.addLayout(row)

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("z. B. Kreistag Recklinghausen"))
        self.kind_combo = QComboBox()
        for kind in BodyKind:
            self.kind_combo.addItem(kind.value, kind)
        self.address_edit = QPlainTextEdit()
        self.address_edit.setTabChangesFocus(True)
        self.address_edit.setPlaceholderText(
            self.tr("Verwaltung\nz. B. Der Landrat\nStraße Nr.\nPLZ Ort")
        )
        self.address_edit.setFixedHeight(self.address_edit.fontMetrics().lineSpacing() * 4 + 14)
        self.preset_combo = QComboBox()
        self.preset_combo.addItem(self.tr("Vorlage übernehmen …"), None)
        for name in deadlines.PRESETS:
            self.preset_combo.addItem(name, name)
        self.preset_combo.activated.connect(self._apply_preset)
        self.amount_spin = QSpinBox()
        self.amount_spin.setRange(1, 365)
        self.unit_combo = QComboBox()
        for unit, label in UNIT_LABELS:
            self.unit_combo.addItem(self.tr(label), unit)
        self.unit_combo.currentIndexChanged.connect(self._unit_changed)
        rule_row = QHBoxLayout()
        rule_row.addWidget(self.amount_spin)
        rule_row.addWidget(self.unit_combo, 1)
        self.region_combo = QComboBox()
        for code, name in sorted(deadlines.HOLIDAY_REGIONS.items(), key=lambda kv: kv[1]):
            self.region_combo.addItem(f"{name} ({code})", code)
        self.region_combo.setToolTip(
            self.tr("Feiertage dieses Landes zählen nicht als Arbeitstage")
        )
        self.rule_label = QLabel()
        self.rule_label.setWordWrap(True)
        self.rule_label.setStyleSheet("color: palette(mid);")

        self.meeting_list = QListWidget()
        self.meeting_list.setAccessibleName(self.tr("Sitzungstermine"))
        self.meeting_list.setFixedHeight(120)
        self.meeting_date = date_edit(today())
        self.meeting_date.setAccessibleName(self.tr("Sitzungsdatum"))
        self.add_meeting_button = QPushButton(self.tr("Termin &hinzufügen"))
        self.add_meeting_button.clicked.connect(self.add_meeting)
        self.meeting_date.validityChanged.connect(self.add_meeting_button.setEnabled)
        self.remove_meeting_button = QPushButton(self.tr("Termin entfe&rnen"))
        self.remove_meeting_button.clicked.connect(self.remove_meeting)
        meeting_row = QHBoxLayout()
        meeting_row.addWidget(self.meeting_date)
        meeting_row.addWidget(self.add_meeting_button)
        meeting_row.addWidget(self.remove_meeting_button)
        meetings = QGroupBox(self.tr("Sitzungstermine"))
        meetings_layout = QVBoxLayout(meetings)
        meetings_layout.addWidget(self.meeting_list)
        meetings_layout.addLayout(meeting_row)

        form = QFormLayout()
        form.addRow(self.tr("Na&me:"), self.name_edit)
        form.addRow(self.tr("&Art:"), self.kind_combo)
        form.addRow(self.tr("Ans&chrift der Verwaltung:"), self.address_edit)
        form.addRow(self.tr("&Vorlage:"), self.preset_combo)
        form.addRow(_buddy(self.tr("Antwort&frist:"), self.amount_spin), rule_row)
        form.addRow(self.tr("Feier&tage:"), self.region_combo)
        form.addRow("", self.rule_label)
        self.form_box = QWidget()
        right = QVBoxLayout(self.form_box)
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(form)
        right.addWidget(meetings)
        self.oparl_box = OparlConnectBox(self)
        right.addWidget(self.oparl_box)
        self.state_label = QLabel()
        self.state_label.setStyleSheet("color: palette(mid);")
        right.addWidget(self.state_label)

        for signal in (
            self.name_edit.textChanged,
            self.kind_combo.currentIndexChanged,
            self.address_edit.textChanged,
            self.amount_spin.valueChanged,
            self.unit_combo.currentIndexChanged,
            self.region_combo.currentIndexChanged,
        ):
            signal.connect(self._mark_dirty)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Close
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).setText(self.tr("Ü&bernehmen"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Schließen"))
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

        body = QHBoxLayout()
        body.addLayout(left)
        body.addWidget(self.form_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        self.resize(780, 720)
        self.reload()
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.new_body()

    # -- list
    def reload(self, select: int | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for body in bodies.list_bodies(self.db):
            item = QListWidgetItem(body.name)
            item.setData(ID_ROLE, body.id)
            item.setToolTip(f"{body.kind.value} · {deadlines.describe_rule(body.rule)}")
            self.list.addItem(item)
            if body.id == select:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def _selection_changed(
        self, current: QListWidgetItem | None, previous: QListWidgetItem | None
    ) -> None:
        if self._dirty and not self.apply():
            self.list.blockSignals(True)
            self.list.setCurrentRow(self.list.row(previous) if previous is not None else -1)
            self.list.blockSignals(False)
            return
        self.show_body(bodies.get_body(self.db, current.data(ID_ROLE)) if current else None)

    def show_body(self, body: Body | None) -> None:
        self._loading = True
        try:
            shown = body or Body(None, "")
            self.body_id = shown.id
            self.name_edit.setText(shown.name)
            self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(shown.kind), 0))
            self.address_edit.setPlainText(shown.address)
            self.unit_combo.setCurrentIndex(max(self.unit_combo.findData(shown.rule.unit), 0))
            self.amount_spin.setValue(max(shown.rule.amount, 1))
            region = self.region_combo.findData(shown.holiday_region)
            self.region_combo.setCurrentIndex(
                region if region >= 0 else self.region_combo.findData("NW")
            )
            self.meeting_list.clear()
            for day in sorted(shown.meeting_dates):
                self._add_meeting_item(day)
        finally:
            self._loading = False
        self._dirty = False
        self.state_label.setText("")
        self.delete_button.setEnabled(self.body_id is not None)
        self.oparl_box.show_body(self.body_id)
        self._unit_changed()

    # -- editing
    def _mark_dirty(self, *_args: object) -> None:
        if not self._loading:
            self._dirty = True
            self.state_label.setText(
                self.tr("Geändert – wird beim Wechseln oder Schließen übernommen.")
            )
            self._update_rule_label()

    def _unit_changed(self, *_args: object) -> None:
        self.amount_spin.setEnabled(self.unit_combo.currentData() != "next_meeting")
        self._update_rule_label()

    def _apply_preset(self, index: int) -> None:
        name = self.preset_combo.itemData(index)
        if name is None:
            return
        rule = deadlines.PRESETS[name]
        self.unit_combo.setCurrentIndex(self.unit_combo.findData(rule.unit))
        if rule.unit != "next_meeting":
            self.amount_spin.setValue(rule.amount)
        self.preset_combo.setCurrentIndex(0)

    def rule(self) -> DeadlineRule:
        unit = str(self.unit_combo.currentData())
        return DeadlineRule(unit, 0 if unit == "next_meeting" else self.amount_spin.value())

    def _update_rule_label(self) -> None:
        rule = self.rule()
        text = self.tr("Antwort fällig {rule}.").format(rule=deadlines.describe_rule(rule))
        if rule.unit == "next_meeting" and not any(d >= today() for d in self.meeting_dates()):
            text += " " + self.tr(
                "Bitte die kommenden Sitzungstermine eintragen, sonst bleibt die Frist offen."
            )
        elif rule.unit == "workdays":
            text += " " + self.tr("Wochenenden und Feiertage des Landes zählen nicht.")
        if self.body_id is not None:
            count = bodies.inquiry_count(self.db, self.body_id)
            if count:
                text += " " + self.tr("{n} {verb} zu diesem Gremium.").format(
                    n=words.count(count, "Anfrage"), verb=words.verb(count, "gehört", "gehören")
                )
        self.rule_label.setText(text)

    def meeting_dates(self) -> tuple[date, ...]:
        return tuple(
            sorted(
                self.meeting_list.item(i).data(DATE_ROLE) for i in range(self.meeting_list.count())
            )
        )

    def _add_meeting_item(self, day: date) -> None:
        item = QListWidgetItem(day.strftime("%d.%m.%Y"))
        item.setData(DATE_ROLE, day)
        self.meeting_list.addItem(item)

    def add_meeting(self) -> None:
        day = from_qdate(self.meeting_date.date())
        if day in self.meeting_dates():
            return
        dates = sorted([*self.meeting_dates(), day])
        self.meeting_list.clear()
        for value in dates:
            self._add_meeting_item(value)
        self._mark_dirty()

    def remove_meeting(self) -> None:
        row = self.meeting_list.currentRow()
        if row >= 0:
            self.meeting_list.takeItem(row)
            self._mark_dirty()

    def current_body(self) -> Body:
        return Body(
            self.body_id,
            self.name_edit.text(),
            kind=self.kind_combo.currentData(),
            address=self.address_edit.toPlainText().strip(),
            rule=self.rule(),
            holiday_region=str(self.region_combo.currentData()),
            meeting_dates=self.meeting_dates(),
        )

    # -- saving
    def apply(self) -> bool:
        """Save the shown body; False (with a German message) if it cannot be saved."""
        body = self.current_body()
        if body.id is None and not body.name.strip() and not self._dirty:
            return True  # an untouched new entry
        saved: list[int] = []

        def save() -> Changes:
            body_id, changes = service.save_body(self.db, body)
            saved.append(body_id)
            return changes

        if not self.window_.run_service(save):
            return False
        self._dirty = False
        self.body_id = saved[0]
        self.reload(select=saved[0])
        self.delete_button.setEnabled(True)
        self.state_label.setText(self.tr("Gespeichert."))
        return True

    def new_body(self) -> None:
        if self._dirty and not self.apply():
            return
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.clearSelection()
        self.list.blockSignals(False)
        self.show_body(replace(Body(None, ""), kind=BodyKind.RAT))
        self.name_edit.setFocus()

    def delete_current(self) -> None:
        if self.body_id is None:
            return
        count = bodies.inquiry_count(self.db, self.body_id)
        name = self.name_edit.text() or self.tr("das Gremium")
        question = self.tr("„{name}“ löschen?").format(name=name)
        if count:
            question += " " + self.tr(
                "{n} Anfrage(n) verlieren die Zuordnung zu diesem Gremium; sie selbst bleiben erhalten."
            ).format(n=count)
        if not messages.confirm(self, question, ok=self.tr("Löschen")):
            return
        body_id = self.body_id
        if self.window_.run_service(lambda: service.delete_body(self.db, body_id)):
            self._dirty = False
            self.reload()
            if self.list.count():
                self.list.setCurrentRow(0)
            else:
                self.show_body(None)

    def reject(self) -> None:
        """Escape and "Schließen": keep what was typed (apply), then close."""
        if self._dirty and not self.apply():
            return
        super().reject()
