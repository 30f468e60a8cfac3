"""A German date field that takes what people type: 15.03.2024, 15.3.24, 15032024, 15.3.

QDateEdit edits section by section: typing "15.03.2024" after tabbing in produced
"15.11.00003.2024" and stored a date nobody had typed. This field is a plain line edit that
parses the whole text when editing ends, shows the date it understood (dd.MM.yyyy), and
otherwise marks itself invalid with a German message instead of storing anything.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QIcon, QKeyEvent, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QVBoxLayout, QWidget

from anfrage_desk.services.common import today

DATE_FORMAT = "dd.MM.yyyy"
Day = date  # inside DateField, "date" is its QDateEdit-style method
FIRST = date(1990, 1, 1)
LAST = date(2100, 12, 31)

_DOTTED = re.compile(r"(\d{1,2})\s*[./-]\s*(\d{1,2})\s*(?:[./-]\s*(\d{2}|\d{4})?)?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DIGITS = re.compile(r"(\d{2})(\d{2})(\d{2}|\d{4})")


def parse_typed_date(text: str, this_year: int | None = None) -> date | None:
    """The date a person meant by `text`, or None when it is not a date.

    Accepts 15.03.2024, 15.3.24, 15.3. (this year), 15032024, 150324 and 2024-03-15;
    two-digit years are 20xx."""
    text = text.strip()
    numbers: tuple[str, str, str | None]
    if match := _ISO.fullmatch(text):
        numbers = (match.group(3), match.group(2), match.group(1))
    elif (match := _DOTTED.fullmatch(text)) or (match := _DIGITS.fullmatch(text)):
        numbers = (match.group(1), match.group(2), match.group(3))
    else:
        return None
    day, month, year_text = numbers
    if year_text is None:
        year = this_year if this_year is not None else today().year
    else:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    try:
        value = date(year, int(month), int(day))
    except ValueError:
        return None
    return value if FIRST <= value <= LAST else None


def calendar_icon(color: QColor) -> QIcon:
    """A small calendar sheet (Qt's styles have no calendar icon)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(color)
    painter.drawRect(1, 2, 13, 12)
    painter.fillRect(1, 2, 14, 4, color)
    for x in (4, 7, 10):
        for y in (8, 11):
            painter.fillRect(x, y, 2, 2, color)
    painter.end()
    return QIcon(pixmap)


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class DateField(QLineEdit):
    """One-line German date field with a calendar button.

    `date()`/`setDate()` speak QDate like QDateEdit did; `value()`/`set_value()` speak
    `Day | None` (None only when `allow_empty`). `dateChanged` fires only for a date the
    field shows; `validityChanged` tells dialogs to block their OK button."""

    dateChanged = Signal(QDate)
    validityChanged = Signal(bool)

    def __init__(
        self,
        value: Day | None = None,
        parent: QWidget | None = None,
        allow_empty: bool = False,
        empty_text: str = "",
    ) -> None:
        super().__init__(parent)
        self.allow_empty = allow_empty
        self._value: Day | None = None
        self._valid = True
        self._popup: QWidget | None = None
        self.calendar: QCalendarWidget | None = None
        self.setPlaceholderText(empty_text or self.tr("TT.MM.JJJJ"))
        self.setMaxLength(16)
        self.setToolTip(
            self.tr("Datum als TT.MM.JJJJ, z. B. 15.03.2024 (auch 15.3.24 oder 15032024)")
        )
        self.calendar_action = self.addAction(
            calendar_icon(self.palette().color(QPalette.ColorRole.Text)),
            QLineEdit.ActionPosition.TrailingPosition,
        )
        self.calendar_action.setToolTip(self.tr("Kalender öffnen (Alt+Pfeil runter)"))
        self.calendar_action.triggered.connect(self.open_calendar)
        self.editingFinished.connect(self._commit)
        self.textEdited.connect(self._check)
        self.set_value(value if value is not None or allow_empty else today())
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("00.00.00000") + 48)

    # -- values
    def value(self) -> Day | None:
        """The date shown: text typed but not yet confirmed (a shortcut pressed while the
        field has focus) counts, so what is stored is what the user sees."""
        ok, parsed = self._parse()
        return parsed if ok else self._value

    @staticmethod
    def _shown(value: Day | None) -> str:
        return value.strftime("%d.%m.%Y") if value else ""

    def set_value(self, value: Day | None) -> None:
        if value is None and not self.allow_empty:
            raise ValueError("this date field needs a date")
        self.setText(self._shown(value))
        self._store(value)
        self._set_valid(True)

    def date(self) -> QDate:
        value = self.value()
        return to_qdate(value) if value else QDate()

    def setDate(self, value: QDate) -> None:  # noqa: N802 - QDateEdit's name
        self.set_value(from_qdate(value) if value.isValid() else None)

    def displayFormat(self) -> str:  # noqa: N802 - QDateEdit's name
        return DATE_FORMAT

    def is_valid(self) -> bool:
        """False while the text is not a date (the stored value is then the last shown one)."""
        return self._valid

    def error_text(self) -> str:
        return self.tr(
            "„{text}“ ist kein gültiges Datum. Bitte als TT.MM.JJJJ eingeben, z. B. 15.03.2024."
        ).format(text=self.text().strip())

    # -- editing
    def _parse(self) -> tuple[bool, Day | None]:
        text = self.text().strip()
        if not text:
            return self.allow_empty, None
        parsed = parse_typed_date(text)
        return parsed is not None, parsed

    def _check(self, _text: str = "") -> None:
        ok, _value = self._parse()
        self._set_valid(ok)

    def _commit(self) -> None:
        ok, parsed = self._parse()
        if not ok:
            self._set_valid(False)
            return
        self.set_value(parsed)

    def _store(self, value: Day | None) -> None:
        if value != self._value:
            self._value = value
            self.dateChanged.emit(to_qdate(value) if value else QDate())

    def _set_valid(self, ok: bool) -> None:
        self.setStyleSheet("" if ok else "QLineEdit { border: 2px solid #b3261e; }")
        self.setAccessibleDescription("" if ok else self.error_text())
        if ok != self._valid:
            self._valid = ok
            self.validityChanged.emit(ok)

    def step(self, days: int) -> None:
        if self.isReadOnly():
            return
        ok, parsed = self._parse()
        base = parsed if ok and parsed else (self._value or today())
        self.set_value(min(LAST, max(FIRST, base + timedelta(days=days))))
        self.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if key == Qt.Key.Key_Down and alt or key == Qt.Key.Key_F4:
            self.open_calendar()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.step(1 if key == Qt.Key.Key_Up else -1)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        if event.reason() != Qt.FocusReason.MouseFocusReason:
            self.selectAll()  # typing replaces the date instead of mixing into it

    # -- calendar
    def open_calendar(self) -> None:
        if self.isReadOnly() or not self.isEnabled():
            return
        if self._popup is None:
            self._popup = QWidget(self, Qt.WindowType.Popup)
            self.calendar = QCalendarWidget(self._popup)
            self.calendar.setGridVisible(True)
            self.calendar.setMinimumDate(to_qdate(FIRST))
            self.calendar.setMaximumDate(to_qdate(LAST))
            self.calendar.setAccessibleName(self.tr("Kalender"))
            layout = QVBoxLayout(self._popup)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(self.calendar)
            self.calendar.activated.connect(self._picked)
            self.calendar.clicked.connect(self._picked)
        assert self.calendar is not None
        self.calendar.setSelectedDate(to_qdate(self.value() or today()))
        self._popup.move(self.mapToGlobal(QPoint(0, self.height())))
        self._popup.show()
        self.calendar.setFocus()

    def _picked(self, value: QDate) -> None:
        self.setDate(value)
        if self._popup is not None:
            self._popup.hide()
        self.setFocus()
