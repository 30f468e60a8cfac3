"""Screen readers and keyboards: every focusable widget of every page and dialog has a name
a screen reader can read (its own accessible name, a label buddy or its text), and the
lists, the review and the import dialog do not trap Tab."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QTabBar,
    QWidget,
)

from anfrage_desk.model import Inquiry, Question
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.services.backups import BackupChoice
from anfrage_desk.services.common import set_clock
from anfrage_desk.services.example import load_example
from anfrage_desk.store import bodies
from anfrage_desk.ui.actions import Action
from anfrage_desk.ui.answer_import import AnswerImportDialog
from anfrage_desk.ui.body_dialog import BodyDialog
from anfrage_desk.ui.followup_dialog import FollowupDialog
from anfrage_desk.ui.inquiry_dialogs import DueDialog, PasteQuestionsDialog, SubmitDialog
from anfrage_desk.ui.main_window import MainWindow
from anfrage_desk.ui.meeting_brief import BodyChoiceDialog
from anfrage_desk.ui.recovery import RecoveryDialog
from anfrage_desk.ui.settings_dialog import SettingsDialog


def unnamed(root: QWidget) -> list[str]:
    """Visible widgets that take Tab focus but tell a screen reader nothing."""
    missing = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        parent = widget.parentWidget()
        if isinstance(widget, QTabBar) or isinstance(parent, QComboBox | QAbstractSpinBox):
            continue  # the tabs carry the names; the inner line edit belongs to its box
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if not name.strip():
            described = widget.objectName() or widget.toolTip()[:40]
            described += f" parent={type(parent).__name__}"
            missing.append(f"{type(widget).__name__} ({described}) in {type(root).__name__}")
    return missing


@pytest.fixture
def shipped(qtbot, db, no_dialogs):
    set_clock(lambda: date(2024, 7, 1))
    inquiry_id, _ = load_example(db)
    late, _ = inquiry_service.create_inquiry(
        db, Inquiry(None, "Radwege", questions=(Question(None, "1", "Wie viele Kilometer?"),))
    )
    inquiry_service.submit_inquiry(db, late, date(2024, 3, 1))
    window = MainWindow(db)  # all features, as `make run` builds it
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    qtbot.waitExposed(window)
    return window, inquiry_id


def test_every_page_and_tab_names_its_fields(shipped) -> None:
    window, inquiry_id = shipped
    missing: list[str] = []
    for key in window._page_keys:
        window.show_page(key)
        QApplication.processEvents()
        missing += [f"{key}: {m}" for m in unnamed(window)]
    window.open_inquiry(inquiry_id)
    for tab in window.inquiry_page.tab_widgets:
        window.open_inquiry(inquiry_id, tab)
        QApplication.processEvents()
        missing += [f"Anfrage/{tab}: {m}" for m in unnamed(window)]
    assert not missing, "\n".join(sorted(set(missing)))


def test_every_dialog_names_its_fields(qtbot, shipped) -> None:
    window, inquiry_id = shipped
    dialogs: list[QDialog] = [
        SubmitDialog(window, date(2024, 4, 29), lambda d: d.isoformat()),
        DueDialog(window, date(2024, 5, 27), True, "4 Wochen"),
        PasteQuestionsDialog(window),
        AnswerImportDialog(window, inquiry_id),
        FollowupDialog(window.db, inquiry_id, window),
        BodyDialog(window),
        SettingsDialog(window),
        BodyChoiceDialog(window, bodies.list_bodies(window.db)),
        RecoveryDialog(
            window.db_path,
            "Die Datei ist beschädigt.",
            [BackupChoice(window.db_path, None, "nicht lesbar")],
            window,
        ),
    ]
    missing: list[str] = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        missing += unnamed(dialog)
        dialog.reject()
    assert not missing, "\n".join(sorted(set(missing)))


def _tab_leaves(qtbot, widget: QWidget) -> bool:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return not widget.hasFocus()


def test_tab_is_not_trapped(qtbot, shipped) -> None:
    window, inquiry_id = shipped
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_page("overview")
    assert window.overview.model.row_total() == 1
    table = window.overview.table
    table.setCurrentIndex(table.model().index(0, 0))
    assert _tab_leaves(qtbot, table)
    window.show_page("inquiries")
    assert _tab_leaves(qtbot, window.inquiry_list.table)
    window.open_inquiry(inquiry_id, "answers")
    review = window.inquiry_page.tab_widgets["answers"]
    review.table.setCurrentIndex(review.table.model().index(2, 0))
    assert _tab_leaves(qtbot, review.table)
    dialog = AnswerImportDialog(window, inquiry_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.text_edit.setFocus()
    qtbot.keyClicks(dialog.text_edit, "1. Ja")
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Tab)
    assert "\t" not in dialog.text_edit.toPlainText()
    assert not dialog.text_edit.hasFocus()
    dialog.reject()


def test_papierkorb_by_keyboard(qtbot, shipped, monkeypatch) -> None:
    window, inquiry_id = shipped
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_page("inquiries")
    window.inquiry_list.select_id(inquiry_id)
    window.inquiry_list.table.setFocus()
    qtbot.keyClick(window.inquiry_list.table, Qt.Key.Key_Delete)
    assert inquiry_id not in window.inquiry_list.visible_ids()
    window.actions_[Action.SHOW_TRASH].trigger()
    trash = window.trash_list
    trash.filter_edit.setFocus()
    qtbot.keyClicks(trash.filter_edit, "KI")
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(trash.filter_edit, Qt.Key.Key_Z, modifiers)  # the window's undo, not redo
    assert inquiry_id in window.inquiry_list.visible_ids()
    # Again into the Papierkorb; restore with the button's mnemonic.
    window.show_page("inquiries")
    window.inquiry_list.select_id(inquiry_id)
    window.actions_[Action.DELETE_INQUIRY].trigger()
    window.actions_[Action.SHOW_TRASH].trigger()
    assert not window.list_commands.restore_button.isEnabled()
    trash.filter_edit.clear()
    trash.table.setFocus(Qt.FocusReason.TabFocusReason)
    assert (
        window.list_commands.restore_button.isEnabled()
        and window.list_commands.purge_button.isEnabled()
    )
    qtbot.keyClick(trash.table, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: trash.model.rowCount() == 0)  # a mnemonic clicks animated
    assert inquiry_id in window.inquiry_list.visible_ids() and trash.model.rowCount() == 0
