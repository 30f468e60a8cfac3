"""Integrity at start, backups in the window, read-only mode, the lock and the error hook."""

from __future__ import annotations

import logging
import sys
from datetime import date
from pathlib import Path

import pytest

from anfrage_desk.model import Inquiry, Question
from anfrage_desk.paths import backup_dir
from anfrage_desk.services import backups as backup_service
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.services.common import set_clock
from anfrage_desk.store import Database, StoreUnavailable, open_db
from anfrage_desk.ui import app, recovery
from anfrage_desk.ui.actions import Action
from anfrage_desk.ui.main_window import MainWindow


def _add(db: Database, title: str) -> int:
    inquiry_id, _ = inquiry_service.create_inquiry(
        db, Inquiry(None, title, questions=(Question(None, "1", "Wie viele?"),))
    )
    return inquiry_id


def _titles(db: Database) -> list[str]:
    return [str(r[0]) for r in db.execute("SELECT title FROM inquiry ORDER BY title")]


def _damaged_with_backup(db_path: Path) -> Path:
    """A database with a daily backup, then cut to half its size."""
    db = open_db(db_path)
    for i in range(150):
        _add(db, f"Anfrage {i:03d} " + "x" * 400)
    set_clock(lambda: date(2024, 5, 15))
    backup = backup_service.daily_backup(db)
    assert backup is not None
    db.close()
    with open(db_path, "r+b") as f:
        f.truncate(db_path.stat().st_size // 2)
    return backup


def _open_error(db_path: Path) -> StoreUnavailable:
    with pytest.raises(StoreUnavailable) as info:
        open_db(db_path, check=True)
    return info.value


def test_damaged_file_offers_newest_backup_and_keeps_damaged_copy(
    qtbot, db_path, no_dialogs, monkeypatch
):
    backup = _damaged_with_backup(db_path)
    damaged = db_path.read_bytes()
    seen: list[recovery.RecoveryDialog] = []

    def pick(dialog):
        qtbot.addWidget(dialog)
        seen.append(dialog)
        return (recovery.RESTORE_SELECTED, dialog.selected_path())

    monkeypatch.setattr(recovery, "ask", pick)
    db = app.open_database(db_path)  # the start-up path: open fails, recovery takes over
    assert db is not None
    try:
        assert len(_titles(db)) == 150
    finally:
        db.close()
    dialog = seen[0]
    assert dialog.selected_path() == backup
    assert "150 Anfragen" in dialog.list.item(0).text()
    assert dialog.restore_button.isEnabled()
    aside = list(db_path.parent.glob("desk.beschädigt-*.sqlite"))
    assert len(aside) == 1 and aside[0].read_bytes() == damaged
    assert no_dialogs and no_dialogs[-1][0] == "notify" and str(aside[0]) in no_dialogs[-1][1]


def test_quit_leaves_damaged_file_untouched(qtbot, db_path, no_dialogs, monkeypatch):
    _damaged_with_backup(db_path)
    damaged = db_path.read_bytes()
    monkeypatch.setattr(recovery, "ask", lambda dialog: qtbot.addWidget(dialog) or None)
    assert recovery.recover_database(db_path, _open_error(db_path)) is None
    assert db_path.read_bytes() == damaged
    assert not list(db_path.parent.glob("*beschädigt-*"))


def test_other_file_bad_then_good(qtbot, db_path, tmp_path, no_dialogs, monkeypatch):
    good = _damaged_with_backup(db_path)
    elsewhere = tmp_path / "usb" / "kopie.sqlite"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(good.read_bytes())
    good.unlink()  # nothing left in the backup folder
    junk = tmp_path / "urlaub.sqlite"
    junk.write_bytes(b"kein sqlite")
    files = iter([junk, elsewhere])
    dialogs: list[recovery.RecoveryDialog] = []

    def other(dialog):
        qtbot.addWidget(dialog)
        dialogs.append(dialog)
        return (recovery.CHOOSE_FILE, None)

    monkeypatch.setattr(recovery, "ask", other)
    monkeypatch.setattr(recovery, "choose_backup_file", lambda db_path: next(files))
    db = recovery.recover_database(db_path, _open_error(db_path))
    assert db is not None
    assert len(_titles(db)) == 150
    db.close()
    assert no_dialogs[0][0] == "error" and "keine Anfrage-Desk-Datenbank" in no_dialogs[0][1]
    assert len(dialogs) == 2
    assert not dialogs[0].restore_button.isEnabled()  # no backup to select
    assert len(list(db_path.parent.glob("desk.beschädigt-*.sqlite"))) == 1


def test_other_problems_are_just_explained(db_path, no_dialogs, monkeypatch):
    import sqlite3

    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    monkeypatch.setattr(
        recovery, "ask", lambda dialog: pytest.fail("kein Wiederherstellungsdialog")
    )
    assert app.open_database(db_path) is None
    assert no_dialogs[0][0] == "error" and "neueren Version" in no_dialogs[0][1]


# -- backups from the window


def test_backup_and_restore_from_the_window(qtbot, db, tmp_path, no_dialogs):
    _add(db, "Radwege")
    window = MainWindow(db, features=["backup_actions"])
    qtbot.addWidget(window)
    file_menu = window.menus["Datei"].actions()
    assert window.actions_[Action.BACKUP] in file_menu
    assert window.actions_[Action.RESTORE] in file_menu
    controller = window.backup_actions
    target = tmp_path / "ablage" / "stand"
    op = controller.create_backup(target)
    with qtbot.waitSignal(op.succeeded, timeout=10000):
        pass
    saved = tmp_path / "ablage" / "stand.sqlite"
    assert saved.exists() and ("notify", f"Die Sicherung wurde gespeichert:\n{saved}") in no_dialogs

    later = _add(db, "Kita-Plätze")
    window.broadcast(inquiry_service.Changes.of(later))
    assert window.inquiry_list.proxy.rowCount() == 2
    window.open_inquiry(later)
    with qtbot.waitSignal(window.data_changed, timeout=5000) as signal:
        assert controller.restore_from(saved)
    assert signal.args[0].everything
    assert [m for kind, m in no_dialogs if kind == "confirm"][0].count("1 Anfrage") == 1
    assert window.inquiry_list.proxy.rowCount() == 1
    assert window.inquiry_list.proxy.index(0, 1).data() == "Radwege"
    assert window.current_page() == "inquiries"
    assert "vor-Wiederherstellung" in window.statusBar().currentMessage()
    previous = next(backup_dir(db.path).glob("desk-vor-Wiederherstellung-*.sqlite"))
    assert backup_service.inspect(previous).inquiries == 2
    # the window goes on working on the restored data
    assert window.run_service(lambda: inquiry_service.trash_inquiries(db, [1]))
    assert window.inquiry_list.proxy.rowCount() == 0


def test_restore_refuses_bad_file_without_change(qtbot, db, tmp_path, no_dialogs):
    _add(db, "Radwege")
    window = MainWindow(db, features=["backup_actions"])
    qtbot.addWidget(window)
    bad = tmp_path / "bild.sqlite"
    bad.write_bytes(b"\x89PNG\r\n" + b"\x00" * 4000)
    assert not window.backup_actions.restore_from(bad)
    assert no_dialogs[0][0] == "error" and "keine Anfrage-Desk-Datenbank" in no_dialogs[0][1]
    assert _titles(db) == ["Radwege"]


def test_daily_backup_after_start(qtbot, db, no_dialogs):
    set_clock(lambda: date(2024, 5, 15))
    _add(db, "Radwege")
    window = MainWindow(db, features=["backup_actions"])
    qtbot.addWidget(window)
    op = window.backup_actions.start_daily_backup()
    assert op is not None
    with qtbot.waitSignal(op.finished, timeout=10000):
        pass
    made = backup_dir(db.path) / "desk-2024-05-15.sqlite"
    assert made.exists()
    assert backup_service.inspect(made).inquiries == 1
    assert "Tägliche Sicherung" in window.statusBar().currentMessage()


# -- read-only mode


def test_read_only_database_shows_banner_and_refuses_writes(qtbot, read_only_medium, no_dialogs):
    """A database the app wrote (WAL) on a medium that is now read-only (a real mount)."""
    db_path = read_only_medium.root / "desk.sqlite"
    first = open_db(db_path)
    _add(first, "Radwege")
    first.close()
    read_only_medium.seal()
    lock = app.acquire_lock(db_path)  # no lock file can be made there, and none is needed
    assert lock is not None and not lock.held
    db = app.open_database(db_path)
    assert db is not None and db.read_only
    window = MainWindow(db, features=["backup_actions"])
    qtbot.addWidget(window)
    window.show()
    banner = window.backup_actions.banner
    assert banner is not None and banner.isVisible()
    assert "Nur-Lese-Modus" in banner.text()
    assert not window.actions_[Action.NEW_INQUIRY].isEnabled()
    assert not window.actions_[Action.RESTORE].isEnabled()
    assert window.actions_[Action.BACKUP].isEnabled()
    assert window.inquiry_list.proxy.rowCount() == 1
    # a write that slips through fails with a German message, not a traceback
    assert not window.run_service(lambda: inquiry_service.trash_inquiries(db, [1]))
    assert len(no_dialogs) == 1 and no_dialogs[0][0] == "error"
    assert "schreibgeschützt" in no_dialogs[0][1] and "readonly" not in no_dialogs[0][1]
    assert window.backup_actions.start_daily_backup() is None
    db.close()
    lock.release()


# -- one writer


def test_second_instance_is_told_clearly(db_path, no_dialogs):
    first = app.acquire_lock(db_path)
    assert first is not None
    try:
        assert app.acquire_lock(db_path) is None
        kind, message = no_dialogs[0]
        assert kind == "error"
        assert message.startswith(
            "Die Datenbank ist bereits in einem anderen Anfrage-Desk-Fenster geöffnet"
        )
    finally:
        first.release()
    again = app.acquire_lock(db_path)
    assert again is not None
    again.release()


def test_run_gui_stops_when_database_is_open_elsewhere(db_path, no_dialogs, monkeypatch):
    first = app.acquire_lock(db_path)
    assert first is not None
    monkeypatch.setattr(app, "install_excepthook", lambda path: None)
    monkeypatch.setattr(app, "setup_logging", lambda path: None)
    monkeypatch.setattr(app, "open_database", lambda path: pytest.fail("darf nicht öffnen"))
    try:
        assert app.run_gui(db_path) == 1
    finally:
        first.release()
    assert "anderen Anfrage-Desk-Fenster" in no_dialogs[0][1]


# -- unexpected errors


def test_excepthook_logs_and_tells_the_user(qapp, db_path, no_dialogs, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    logger = logging.getLogger("anfrage_desk")
    handlers = list(logger.handlers)
    try:
        log_path = app.setup_logging(db_path)
        assert log_path == db_path.parent / "Protokolle" / "anfrage-desk.log"
        app.install_excepthook(db_path)
        try:
            raise KeyError("kaputte-zuordnung")
        except KeyError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        for handler in logger.handlers:
            handler.flush()
        text = log_path.read_text(encoding="utf-8")
        assert "Traceback" in text and "kaputte-zuordnung" in text
        assert "test_excepthook_logs_and_tells_the_user" in text
        kind, message = no_dialogs[0]
        assert kind == "error"
        assert message.startswith("Ein unerwarteter Fehler ist aufgetreten.")
        assert str(log_path) in message and "Traceback" not in message
    finally:
        for handler in logger.handlers:
            if handler not in handlers:
                logger.removeHandler(handler)
                handler.close()


def test_restore_with_all_features_while_an_inquiry_is_open(qtbot, db, tmp_path, no_dialogs):
    """The whole window (editor, review, search, overview …) follows a restore."""
    first = _add(db, "Radwege")
    saved = backup_service.create_backup(db, tmp_path / "stand.sqlite")
    later = _add(db, "Kita-Plätze")
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    window.open_inquiry(later)
    with qtbot.waitSignal(window.data_changed, timeout=5000):
        assert window.backup_actions.restore_from(saved)
    assert not [m for kind, m in no_dialogs if kind == "error"]
    assert window.current_page() == "inquiries"
    assert window.inquiry_list.proxy.rowCount() == 1
    window.open_inquiry(first)
    assert window.inquiry_page.inquiry_id == first
    window.close()
    assert _titles(db) == ["Radwege"]


# -- the start paints first: the integrity check runs beside the window, before any write


def _damage_middle_page(db_path: Path) -> None:
    db = open_db(db_path)
    for i in range(300):
        _add(db, f"Anfrage {i:03d} " + "x" * 200)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    page = 4096
    with open(db_path, "r+b") as handle:
        handle.seek((db_path.stat().st_size // page // 2) * page)
        handle.write(bytes(range(256)) * (page // 256))


def test_check_beside_the_window_stops_a_damaged_file_before_any_write(qtbot, db_path, no_dialogs):
    _damage_middle_page(db_path)
    damaged = db_path.read_bytes()
    db = app.open_database(db_path, check_later=True)
    assert db is not None and db.integrity_pending()
    window = MainWindow(db, features=["overview"], background=True)
    qtbot.addWidget(window)
    window.show()
    sound: list[bool] = []
    app.check_in_background(window, lambda: sound.append(True))
    with pytest.raises(StoreUnavailable):  # a write waits for the check, then is refused
        inquiry_service.create_inquiry(db, Inquiry(None, "Neu", questions=()))
    qtbot.waitUntil(lambda: window.damage is not None, timeout=10000)
    assert not window.isVisible() and sound == []
    assert "beschädigt" in str(window.damage)
    db.close()
    assert db_path.read_bytes() == damaged


def test_check_beside_the_window_lets_a_sound_file_work(qtbot, db_path, no_dialogs):
    db = open_db(db_path)
    _add(db, "Vorhanden")
    db.close()
    db = app.open_database(db_path, check_later=True)
    assert db is not None and db.integrity_pending()
    window = MainWindow(db, features=["overview"], background=True)
    qtbot.addWidget(window)
    window.show()
    sound: list[bool] = []
    app.check_in_background(window, lambda: sound.append(True))
    qtbot.waitUntil(lambda: sound == [True], timeout=10000)
    assert window.damage is None and not db.integrity_pending()
    _add(db, "Neu")
    assert _titles(db) == ["Neu", "Vorhanden"]
    db.close()
