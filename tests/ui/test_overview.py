"""The start view: tiles, the overdue list, the banner; the statistics page; the meeting brief."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from docx import Document
from factories import desk_in_every_state
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from anfrage_desk.services import Changes
from anfrage_desk.services.common import set_clock
from anfrage_desk.store import Database
from anfrage_desk.ui import meeting_brief
from anfrage_desk.ui.main_window import MainWindow

TODAY = date(2024, 5, 15)

EXPECTED = {
    "overdue": "overdue",
    "due_soon": "due_soon",
    "to_review": "to_review",
    "unclear": "unclear",
    "open_followups": "open_nachfrage",
}


@pytest.fixture
def desk(db: Database) -> dict[str, int]:
    set_clock(lambda: TODAY)
    return desk_in_every_state(db, TODAY)


@pytest.fixture
def window(qtbot: QtBot, db: Database, desk: dict[str, int], no_dialogs: list) -> MainWindow:
    window = MainWindow(db, features=["overview", "statistics"])
    qtbot.addWidget(window)
    window.show()
    return window


def test_overview_is_the_start_view_and_first_in_navigation(window: MainWindow) -> None:
    assert window.current_page() == "overview"
    assert window.nav.item(0).text() == "Übersicht"
    assert window.nav.currentRow() == 0


def test_each_tile_counts_and_opens_exactly_its_rows(
    qtbot: QtBot, window: MainWindow, desk: dict[str, int]
) -> None:
    page = window.overview
    assert page.counts() == dict.fromkeys(EXPECTED, 1)
    for key, state in EXPECTED.items():
        window.show_page("overview")
        qtbot.mouseClick(page.tiles[key], Qt.MouseButton.LeftButton)
        assert window.current_page() == "inquiries"
        assert window.inquiry_list.visible_ids() == [desk[state]], key
        assert (
            window.inquiry_list.predicate_label.text() == "Gefiltert: " + page.tiles[key].tile.label
        )
    # "Alle zeigen" lifts the filter: all ten inquiries again.
    qtbot.mouseClick(window.inquiry_list.clear_predicate_button, Qt.MouseButton.LeftButton)
    assert len(window.inquiry_list.visible_ids()) == len(desk)


def test_tiles_work_from_the_keyboard(
    qtbot: QtBot, window: MainWindow, desk: dict[str, int]
) -> None:
    tile = window.overview.tiles["due_soon"]
    assert tile.focusPolicy() & Qt.FocusPolicy.TabFocus
    tile.setFocus()
    qtbot.keyClick(tile, Qt.Key.Key_Space)
    assert window.current_page() == "inquiries"
    assert window.inquiry_list.visible_ids() == [desk["due_soon"]]
    assert tile.accessibleName() == "Fällig in den nächsten 7 Tagen: 1"


def test_overdue_list_banner_and_opening(
    qtbot: QtBot, window: MainWindow, desk: dict[str, int]
) -> None:
    page = window.overview
    assert page.model.ids() == [desk["overdue"]]
    assert page.model.index(0, 4).data() == "12 Tage"
    assert page.banner.isVisible()
    assert "1 Anfrage ist überfällig" in page.banner.label.text()

    page.banner.label.linkActivated.emit("overdue")
    assert window.current_page() == "inquiries"
    assert window.inquiry_list.visible_ids() == [desk["overdue"]]

    window.show_page("overview")
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 1))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.current_page() == "inquiry"
    assert window.inquiry_page.inquiry_id == desk["overdue"]

    window.show_page("overview")
    qtbot.mouseClick(page.banner.close_button, Qt.MouseButton.LeftButton)
    assert not page.banner.isVisible()
    window.broadcast(Changes())
    assert not page.banner.isVisible()  # dismissed for this session


def test_clock_moves_inquiries_into_overdue(
    qtbot: QtBot, window: MainWindow, desk: dict[str, int]
) -> None:
    page = window.overview
    set_clock(lambda: TODAY + timedelta(days=5))
    window.broadcast(Changes())
    counts = page.counts()
    assert counts["overdue"] == 2
    assert counts["due_soon"] == 0
    assert page.model.ids() == [desk["overdue"], desk["due_soon"]]
    assert page.model.index(1, 4).data() == "2 Tage"
    assert "2 Anfragen sind überfällig" in page.banner.label.text()
    assert "20.05.2024" in page.date_label.text()
    qtbot.mouseClick(page.tiles["overdue"], Qt.MouseButton.LeftButton)
    assert sorted(window.inquiry_list.visible_ids()) == sorted([desk["overdue"], desk["due_soon"]])


def test_statistics_page_shows_numbers_and_filters(
    window: MainWindow, desk: dict[str, int]
) -> None:
    window.show_page("statistics")
    page = window.statistics
    rows = page.model.rows()
    assert [r.name for r in rows] == ["Stadt Musterstadt"]
    (city,) = rows
    # Submitted: all but the draft; answered: to_review, unclear, followed_up, done, plus none
    # of the Nachfrage (still open).
    assert city.inquiries == len(desk) - 1
    assert city.answered == 4
    assert page.proxy.headerData(0, Qt.Orientation.Horizontal) == "Adressat"
    assert page.chart.labels == ["Stadt Musterstadt"]
    assert [page.year_combo.itemText(i) for i in range(page.year_combo.count())] == [
        "alle Jahre",
        "2024",
        "2023",
    ]
    page.by_body.click()
    assert page.proxy.headerData(0, Qt.Orientation.Horizontal) == "Gremium"
    assert [r.name for r in page.model.rows()] == ["Rat der Stadt Musterstadt"]
    page.set_year(2023)
    assert [r.inquiries for r in page.model.rows()] == [1]  # Baumpflanzungen, 200 days ago
    page.set_year(2022)
    assert page.year() is None  # not offered: falls back to all years
    assert page.stack.currentIndex() == 0


def test_meeting_brief_from_the_file_menu(
    qtbot: QtBot,
    window: MainWindow,
    desk: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "Sitzung"
    chosen: list[str] = []

    def save_dialog(_parent: object, _title: str, proposed: str, _filter: str) -> tuple[str, str]:
        chosen.append(proposed)
        return str(target), ""

    monkeypatch.setattr(
        meeting_brief.BodyChoiceDialog, "exec", lambda self: QDialog.DialogCode.Accepted
    )
    monkeypatch.setattr(meeting_brief.QFileDialog, "getSaveFileName", save_dialog)
    written: list[object] = []
    original = meeting_brief.MeetingBriefCommand.write

    def spy(self: meeting_brief.MeetingBriefCommand, body_id: int, path: Path) -> object:
        operation = original(self, body_id, path)
        written.append(operation)
        return operation

    monkeypatch.setattr(meeting_brief.MeetingBriefCommand, "write", spy)
    from anfrage_desk.ui.actions import Action

    window.actions_[Action.MEETING_BRIEF].trigger()
    assert chosen and chosen[0].endswith(
        "2024-05-15 Sitzungsvorbereitung Rat der Stadt Musterstadt.docx"
    )
    with qtbot.waitSignal(written[0].succeeded, timeout=10000):  # type: ignore[attr-defined]
        pass
    out = tmp_path / "Sitzung.docx"
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    cells = [c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells]
    assert "Sitzungsvorbereitung Rat der Stadt Musterstadt" in text
    assert "Sanierung Hallenbad Süd" in cells and "12 Tage" in cells
    assert "Sitzungsvorbereitung gespeichert" in window.statusBar().currentMessage()


def test_meeting_brief_without_bodies_explains(
    qtbot: QtBot, db: Database, no_dialogs: list
) -> None:
    window = MainWindow(db, features=["overview"])
    qtbot.addWidget(window)
    window.meeting_brief.ask_and_export()
    assert no_dialogs and no_dialogs[0][0] == "error"
    assert "kein Gremium" in no_dialogs[0][1]
