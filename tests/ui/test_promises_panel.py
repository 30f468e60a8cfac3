"""The Übersicht lists holding answers whose promised date has come, with a one-click Nachfrage."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot
from test_promises import _inquiry_with_answer

from anfrage_desk.services import Changes
from anfrage_desk.services.common import set_clock
from anfrage_desk.store import Database
from anfrage_desk.ui.main_window import MainWindow


def _holding_inquiry(db: Database) -> int:
    return _inquiry_with_answer(
        db, "Die Sanierung wird derzeit geprüft; ein Ergebnis wird bis Ende 2024 vorliegen."
    )


def test_promise_appears_once_its_date_has_come(qtbot: QtBot, db: Database) -> None:
    inquiry_id = _holding_inquiry(db)
    set_clock(lambda: date(2024, 12, 31))
    window = MainWindow(db, features=["overview", "promises_panel", "followups"])
    qtbot.addWidget(window)
    window.show()
    panel = window.promises_panel
    assert panel.isHidden()
    assert panel.model.rowCount() == 0

    set_clock(lambda: date(2025, 1, 2))
    window.broadcast(Changes())
    assert panel.isVisible()
    assert panel.title.text() == "Zugesagte Antworten fällig (1)"
    row = [panel.model.index(0, c).data() for c in range(panel.model.columnCount())]
    assert row[:4] == ["Sanierung Hallenbad", "1", "15.05.2024", "01.01.2025"]
    assert "geprüft" in row[4]
    assert panel.selected_inquiry() == inquiry_id


def test_one_click_opens_the_nachfrage_for_that_inquiry(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    inquiry_id = _holding_inquiry(db)
    set_clock(lambda: date(2025, 1, 2))
    window = MainWindow(db, features=["overview", "promises_panel", "followups"])
    qtbot.addWidget(window)
    window.show()
    asked: list[int | None] = []
    monkeypatch.setattr(
        window.followup_commands, "new_followup", lambda: asked.append(window.current_inquiry_id())
    )
    # the action was connected to the original method: reconnect to the patched one
    from anfrage_desk.ui.actions import Action

    action = window.actions_[Action.NEW_FOLLOWUP]
    action.triggered.disconnect()
    action.triggered.connect(window.followup_commands.new_followup)
    window.promises_panel.followup_button.click()
    assert asked == [inquiry_id]
