"""Start-up and running window against real storage faults: empty file, lock file, network
share, full disk, and rows another program added while the window is open."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from anfrage_desk.model import Inquiry, Question
from anfrage_desk.paths import backup_dir
from anfrage_desk.services import backups as backup_service
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.store import Database, location, open_db
from anfrage_desk.store.lock import lock_path
from anfrage_desk.ui import app, recovery
from anfrage_desk.ui.external_changes import ExternalChanges
from anfrage_desk.ui.main_window import MainWindow


def _add(db: Database, title: str, preamble: str = "") -> int:
    inquiry_id, _ = inquiry_service.create_inquiry(
        db, Inquiry(None, title, preamble=preamble, questions=(Question(None, "1", "Wie?"),))
    )
    return inquiry_id


def test_empty_database_file_next_to_backups_offers_recovery(
    qtbot, db_path, no_dialogs, monkeypatch
):
    db = open_db(db_path)
    _add(db, "Gesichert")
    backup = backup_service.create_backup(db, backup_dir(db_path) / "desk-2024-05-15.sqlite")
    db.close()
    db_path.write_bytes(b"")
    offered: list[Path | None] = []

    def pick(dialog):
        qtbot.addWidget(dialog)
        offered.append(dialog.selected_path())
        return (recovery.RESTORE_SELECTED, dialog.selected_path())

    monkeypatch.setattr(recovery, "ask", pick)
    restored = app.open_database(db_path)
    assert restored is not None
    try:
        assert offered == [backup]
        titles = [r[0] for r in restored.execute("SELECT title FROM inquiry")]
        assert titles == ["Gesichert"]
    finally:
        restored.close()
    aside = list(db_path.parent.glob("desk.beschädigt-*.sqlite"))
    assert len(aside) == 1 and aside[0].stat().st_size == 0  # the empty file is kept


def test_lock_file_that_cannot_be_made_stops_the_start(db_path, no_dialogs):
    lock_path(db_path).mkdir(parents=True)
    assert app.acquire_lock(db_path) is None
    kind, message = no_dialogs[0]
    assert kind == "error"
    assert "Sperrdatei" in message and "Errno" not in message


def test_database_on_a_network_share_is_refused(tmp_path, db_path, no_dialogs, monkeypatch):
    """The mount table (in /proc/self/mountinfo's format) says the folder is a CIFS share."""
    table = tmp_path.parent / "mountinfo"
    table.write_text(
        "22 1 0:21 / / rw,relatime - ext4 /dev/sda1 rw\n"
        f"97 22 0:50 / {str(tmp_path).replace(' ', chr(92) + '040')} rw,relatime shared:1 - "
        "cifs //fileserver/fraktion rw,vers=3.1.1\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(location, "MOUNTINFO", table)
    monkeypatch.setattr(location.sys, "platform", "linux")
    assert app.open_database(db_path) is None
    kind, message = no_dialogs[0]
    assert kind == "error"
    assert "Netzlaufwerk (cifs)" in message and "Teammodus" in message
    assert not db_path.exists()


def test_mount_table_parsing_picks_the_longest_mount_point():
    table = (
        "22 1 0:21 / / rw - ext4 /dev/sda1 rw\n"
        "40 22 0:30 / /srv rw - nfs4 server:/export rw\n"
        "41 40 0:31 / /srv/lokal rw - tmpfs tmpfs rw\n"
        "42 22 0:32 / /mnt/mit\\040leerzeichen rw - fuse.sshfs host:/ rw\n"
    )
    assert location.linux_fs_type(Path("/srv/daten/desk.sqlite"), table) == "nfs4"
    assert location.linux_fs_type(Path("/srv/lokal/desk.sqlite"), table) == "tmpfs"
    assert location.linux_fs_type(Path("/srvx/desk.sqlite"), table) == "ext4"
    assert location.linux_fs_type(Path("/mnt/mit leerzeichen/a"), table) == "fuse.sshfs"


def test_local_disk_is_no_network_share(tmp_path):
    assert location.network_share(tmp_path / "desk.sqlite") is None


def test_window_shows_rows_another_program_added(qtbot, db):
    _add(db, "Radwege")
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    watcher = ExternalChanges(window)
    assert window.inquiry_list.proxy.rowCount() == 1
    assert not watcher.check()
    text = db.path.parent / "anfrage.txt"
    text.write_text("Anfrage Kita\n\nWir fragen:\n\n1. Wie viele Plätze?\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "anfrage_desk", "--db", str(db.path), "add-inquiry", str(text)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    with qtbot.waitSignal(window.data_changed, timeout=5000):
        assert watcher.check()
    assert window.inquiry_list.proxy.rowCount() == 2
    assert not watcher.check()  # once per change
    _add(db, "Eigene Änderung")  # the window's own writes do not count as foreign
    assert not watcher.check()


def test_full_disk_in_the_window_is_a_german_message(qtbot, small_disk, no_dialogs):
    db = open_db(small_disk.root / "desk.sqlite")
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    with open(small_disk.root / "füllung", "wb") as filler:
        try:
            while True:
                filler.write(b"\0" * 65536)
                filler.flush()
        except OSError:
            pass
    assert not window.run_service(
        lambda: inquiry_service.create_inquiry(
            db, Inquiry(None, "Zu groß", preamble="Begründung. " * 20000)
        )
    )
    kind, message = no_dialogs[0]
    assert kind == "error" and "voll" in message
    assert "disk" not in message.replace(str(small_disk.root), "")
    os.unlink(small_disk.root / "füllung")
    assert [r[0] for r in db.execute("SELECT count(*) FROM inquiry")] == [0]
    db.close()


def test_qt_asks_in_german_before_replacing_a_file(qapp):
    """The save dialogs confirm an overwrite (Qt's default); the question is German."""
    from PySide6.QtCore import QCoreApplication

    assert app.install_german(qapp)
    question = QCoreApplication.translate(
        "QFileDialog", "%1 already exists.\nDo you want to replace it?"
    )
    assert "existiert bereits" in question and "überschrieben" in question


def test_background_write_on_a_full_disk_is_a_german_message(qtbot, small_disk):
    from anfrage_desk.ui.operation import Operation

    db = open_db(small_disk.root / "desk.sqlite")
    window = MainWindow(db)
    qtbot.addWidget(window)

    def work(_progress):
        own = open_db(small_disk.root / "desk.sqlite", migrate=False)
        try:
            return _add(own, "Zu groß", preamble="Begründung. " * 20000)
        finally:
            own.close()

    with open(small_disk.root / "füllung", "wb") as filler:
        try:
            while True:
                filler.write(b"\0" * 65536)
                filler.flush()
        except OSError:
            pass
    op = Operation(window, "Speichern …", work)
    with qtbot.waitSignal(op.failed, timeout=30000) as failed:
        op.start()
    message = failed.args[0]
    assert "voll" in message and "unerwarteter" not in message
    os.unlink(small_disk.root / "füllung")
    db.close()
