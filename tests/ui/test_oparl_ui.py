"""OParl in the GUI: connect a Gremium, import a paper, the history, the answer watch's notice.
Against a real local OParl server on 127.0.0.1 and a real database file."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.services import oparl as service
from anfrage_desk.store import Database
from anfrage_desk.store import oparl as store
from anfrage_desk.ui.body_dialog import BodyDialog
from anfrage_desk.ui.form_widgets import to_qdate
from anfrage_desk.ui.main_window import MainWindow
from anfrage_desk.ui.oparl_import import HistoryDialog, PaperImportDialog


@pytest.fixture
def window(qtbot: QtBot, db: Database, no_dialogs: list) -> MainWindow:
    window = MainWindow(db, features=["overview", "oparl_watch"])
    qtbot.addWidget(window)
    return window


def connect(db: Database, server) -> int:
    body_id = inquiry_service.ensure_body(db, "Stadt Karlsruhe")
    [found] = service.discover_bodies(f"{server.base}/system")
    service.connect_body(db, body_id, found)
    return body_id


def test_gremien_dialog_connects_and_disconnects_a_gremium(
    qtbot, db, window, oparl_server, no_dialogs
):
    body_id = inquiry_service.ensure_body(db, "Stadt Karlsruhe")
    dialog = BodyDialog(window)
    qtbot.addWidget(dialog)
    box = dialog.oparl_box
    assert box.body_id == body_id and "Nicht verbunden" in box.state_label.text()
    assert oparl_server.state.requests == []  # nothing is sent before "Abrufen"
    box.url_edit.setText(f"{oparl_server.base}/system")
    qtbot.mouseClick(box.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(box.connect_button.isEnabled, timeout=10000)
    assert box.body_combo.currentText() == "Stadt Karlsruhe"
    qtbot.mouseClick(box.connect_button, Qt.MouseButton.LeftButton)
    conn = store.connection(db, body_id)
    assert conn.body_url == f"{oparl_server.base}/bodies/1"
    assert conn.paper_list_url == f"{oparl_server.base}/bodies/1/papers"
    assert "Verbunden mit „Stadt Karlsruhe“" in box.state_label.text()
    assert box.history_button.isEnabled()
    qtbot.mouseClick(box.disconnect_button, Qt.MouseButton.LeftButton)
    assert no_dialogs[-1][0] == "confirm"
    assert store.connection(db, body_id) is None and "Nicht verbunden" in box.state_label.text()


def test_gremien_dialog_shows_why_an_address_is_refused(qtbot, db, window, no_dialogs):
    inquiry_service.ensure_body(db, "Stadt Karlsruhe")
    dialog = BodyDialog(window)
    qtbot.addWidget(dialog)
    box = dialog.oparl_box
    box.url_edit.setText("http://ratsinfo.example.org/oparl/system")
    qtbot.mouseClick(box.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(no_dialogs), timeout=10000)
    kind, message = no_dialogs[-1]
    assert kind == "error" and "https://" in message
    assert not box.connect_button.isEnabled()
    qtbot.waitUntil(box.fetch_button.isEnabled, timeout=10000)


def test_import_dialog_takes_the_paper_and_opens_its_inquiry(qtbot, db, window, oparl_server):
    url = oparl_server.state.add_paper("2021-0451")
    dialog = PaperImportDialog(window)
    qtbot.addWidget(dialog)
    dialog.what_edit.setText(url)
    with qtbot.waitSignal(dialog.imported, timeout=20000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    inquiry_id = dialog.result_.inquiry_id
    assert window.current_page() == "inquiry" and window.inquiry_page.inquiry_id == inquiry_id
    assert [r.id for r in window.inquiry_list.model.rows()] == [inquiry_id]
    assert window.inquiry_list.model.rows()[0].status.label == "Beantwortet"


def test_history_dialog_imports_the_factions_anfragen(qtbot, db, window, oparl_server):
    for folder in ("2015-0112", "2015-0456", "2021-0144", "2021-0451"):
        oparl_server.state.add_paper(folder)
    body_id = connect(db, oparl_server)
    dialog = HistoryDialog(window, body_id)
    qtbot.addWidget(dialog)
    dialog.faction_edit.setText("GRÜNE")
    dialog.first_edit.setDate(to_qdate(date(2015, 1, 1)))
    with qtbot.waitSignal(dialog.imported, timeout=30000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result_label.text().startswith("2 Anfrage(n) neu, 0 aktualisiert")
    assert sorted(r.reference for r in window.inquiry_list.model.rows()) == [
        "2015/0456",
        "2021/0144",
    ]


def test_watch_imports_a_published_answer_and_the_overview_says_so(qtbot, db, window, oparl_server):
    service.import_paper(db, oparl_server.state.add_paper("2015-0112", answered=False))
    service.import_paper(db, oparl_server.state.add_paper("2017-0267", answered=False))
    window.inquiry_list.reload()
    oparl_server.state.publish_answer("2017-0267")
    commands = window.oparl
    with qtbot.waitSignal(window.data_changed, timeout=20000):
        assert commands.check_now()
    notice = commands.notice
    assert not notice.isHidden()
    assert "1 neue Antwort, unklar" in notice.label.text()
    notice.label.linkActivated.emit("answers")
    assert window.current_page() == "inquiries"
    shown = window.inquiry_list.proxy
    assert shown.rowCount() == 1
    qtbot.waitUntil(lambda: commands.running is None, timeout=10000)
    requests = len(oparl_server.state.requests)
    oparl_server.state.publish_answer("2015-0112")
    with qtbot.waitSignal(window.data_changed, timeout=20000):
        assert commands.check_now()
    assert "2 neue Antworten, 1 davon unklar" in notice.label.text()
    assert len(oparl_server.state.requests) > requests
    dialog = BodyDialog(window)
    qtbot.addWidget(dialog)
    assert "Zuletzt nachgesehen: " in dialog.oparl_box.state_label.text()


def test_no_watch_without_a_connected_gremium(window):
    assert window.oparl.check_now() is False
    assert window.oparl.running is None


def test_the_app_starts_the_watch_after_start_and_repeats_it_every_n_hours(
    qtbot, db, window, oparl_server, monkeypatch
):
    from anfrage_desk.ui import oparl_watch
    from anfrage_desk.ui.settings import app_settings

    service.import_paper(db, oparl_server.state.add_paper("2015-0112", answered=False))
    oparl_server.state.publish_answer("2015-0112")
    app_settings().setValue("oparl/watch_hours", 6)
    monkeypatch.setattr(oparl_watch, "FIRST_CHECK_MS", 0)
    try:
        with qtbot.waitSignal(window.data_changed, timeout=20000):
            oparl_watch.start_watch(window)
        assert window.oparl.timer.isActive()
        assert window.oparl.timer.interval() == 6 * 3600 * 1000
        assert "1 neue Antwort" in window.oparl.notice.label.text()
    finally:
        window.oparl.timer.stop()
