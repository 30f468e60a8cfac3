"""Typed dates: what the user types is what is stored, or the field says it is no date."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from anfrage_desk.services.common import set_clock
from anfrage_desk.ui.answer_rows import NullableDateEdit
from anfrage_desk.ui.date_field import DateField, parse_typed_date
from anfrage_desk.ui.inquiry_dialogs import SubmitDialog


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15.03.2024", date(2024, 3, 15)),
        ("15.3.24", date(2024, 3, 15)),
        ("15032024", date(2024, 3, 15)),
        ("150324", date(2024, 3, 15)),
        (" 1.2.2025 ", date(2025, 2, 1)),
        ("15.3.", date(2026, 3, 15)),
        ("2024-03-15", date(2024, 3, 15)),
        ("31.02.2024", None),
        ("15.11.00003.2024", None),
        ("morgen", None),
        ("", None),
    ],
)
def test_parse_typed_date(text: str, expected: date | None) -> None:
    assert parse_typed_date(text, this_year=2026) == expected


def tab_in_and_type(qtbot, field: DateField, text: str) -> None:
    """As a user does it: Tab into the field (selects all), type, Enter."""
    window = field.window()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    field.clearFocus()
    field.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


@pytest.mark.parametrize("typed", ["15.03.2024", "15.3.24", "15032024"])
def test_submit_dialog_stores_the_typed_date(qtbot, typed: str) -> None:
    set_clock(lambda: date(2026, 11, 29))
    dialog = SubmitDialog(None, date(2026, 11, 29), lambda d: d.strftime("%d.%m.%Y"))  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.date_edit.hasFocus)  # the dialog opens on the date: typing replaces it
    qtbot.keyClicks(dialog.date_edit, typed)
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return)
    assert dialog.date_edit.text() == "15.03.2024"
    assert dialog.value() == date(2024, 3, 15)
    assert dialog.due_label.text() == "15.03.2024"


def test_garbage_is_refused_not_stored(qtbot) -> None:
    set_clock(lambda: date(2026, 11, 29))
    dialog = SubmitDialog(None, date(2026, 11, 29), lambda d: d.isoformat())  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    tab_in_and_type(qtbot, dialog.date_edit, "31.02.2024")
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert not dialog.date_edit.is_valid()
    assert not ok.isEnabled()
    assert "kein gültiges Datum" in dialog.due_label.text()
    assert dialog.date_edit.text() == "31.02.2024"  # the typing is kept for correcting
    tab_in_and_type(qtbot, dialog.date_edit, "1.3.24")
    assert ok.isEnabled() and dialog.value() == date(2024, 3, 1)


def test_pending_text_counts_without_leaving_the_field(qtbot) -> None:
    field = DateField(date(2026, 11, 29))
    qtbot.addWidget(field)
    field.show()
    field.selectAll()
    qtbot.keyClicks(field, "15032024")  # no Enter: a shortcut saves right now
    assert field.value() == date(2024, 3, 15)


def test_arrow_keys_step_and_calendar_picks(qtbot) -> None:
    field = DateField(date(2024, 2, 28))
    qtbot.addWidget(field)
    field.show()
    qtbot.keyClick(field, Qt.Key.Key_Up)
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.text() == "01.03.2024"
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field.calendar
    assert calendar.isVisible()
    calendar.activated.emit(calendar.selectedDate().addDays(9))
    assert field.value() == date(2024, 3, 10)


def test_nullable_field_empty_means_unknown(qtbot) -> None:
    field = NullableDateEdit()
    qtbot.addWidget(field)
    assert field.value() is None and field.placeholderText() == "unbekannt"
    tab_in_and_type(qtbot, field, "15.3.2024")
    assert field.value() == date(2024, 3, 15)
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.value() is None and field.is_valid()
