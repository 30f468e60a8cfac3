"""Several seats on one real PostgreSQL server: rights, a killed seat, a restarted server, the
command line. The office is set up by tools/team_db.py as the README tells an IT admin."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import psycopg
import pytest
from team_tools import run_team_db

from anfrage_desk.cli import main
from anfrage_desk.model import Inquiry, Question
from anfrage_desk.services import inquiries as service
from anfrage_desk.services.example import EXAMPLE_DIR
from anfrage_desk.store import StoreUnavailable, inquiries, open_db, search
from anfrage_desk.store.migrations import STEPS, current_version

CHILD = Path(__file__).with_name("seat_child.py")


def _draft(title: str) -> Inquiry:
    return Inquiry(None, title, questions=(Question(None, "1", "Wie viele Radwege gibt es?"),))


def test_seats_share_rows_but_cannot_change_the_schema(office) -> None:  # type: ignore[no-untyped-def]
    jana = open_db(office.add_seat("jana"))
    tom = open_db(office.add_seat("tom"))
    inquiry_id, _ = service.create_inquiry(jana, _draft("Radwege an der Kreisstraße"))
    assert [r.id for r in inquiries.list_rows(tom)] == [inquiry_id]
    assert {h.inquiry_id for h in search.search(tom, "strasse")} == {inquiry_id}
    for ddl in (
        "CREATE TABLE mine (x integer)",
        "DROP TABLE inquiry",
        "ALTER TABLE inquiry ADD x int",
    ):
        with pytest.raises(StoreUnavailable, match="keine Rechte") as caught:
            tom.execute(ddl)
        assert caught.value.kind == "no_rights"
    with pytest.raises(StoreUnavailable, match="keine Rechte"):
        tom.execute("UPDATE schema_version SET version = 99")
    assert current_version(tom) == len(STEPS)
    jana.close()
    tom.close()


def test_login_without_rights_or_with_a_wrong_password_is_refused_in_german(office) -> None:  # type: ignore[no-untyped-def]
    office.server.sql("DROP ROLE IF EXISTS gast")
    office.server.sql("CREATE ROLE gast LOGIN PASSWORD 'gast-pw'")
    with pytest.raises(StoreUnavailable, match="„gast“ hat keine Rechte an der Anfrage-Desk"):
        open_db(office.seat_uri("gast", "gast-pw"))
    office.add_seat("lena")
    with pytest.raises(StoreUnavailable, match="Benutzername oder Passwort stimmen nicht"):
        open_db(office.seat_uri("lena", "falsch"))


def test_a_seat_cannot_migrate_and_says_who_can(office) -> None:  # type: ignore[no-untyped-def]
    seat = office.add_seat("jana")
    with psycopg.connect(office.owner_uri, autocommit=True) as conn:  # an older schema
        conn.execute("DROP TABLE change_log")  # as before step 6 (row versions)
        conn.execute("DROP FUNCTION desk_notify() CASCADE")
        conn.execute("DROP FUNCTION desk_bump_version() CASCADE")
        for table in ("inquiry", "answer", "body"):
            conn.execute(f"ALTER TABLE {table} DROP COLUMN version")  # type: ignore[arg-type]
        conn.execute("UPDATE schema_version SET version = 5")
    with pytest.raises(StoreUnavailable, match="team_db.py migrate") as caught:
        open_db(seat)
    assert f"Schema 5 → {len(STEPS)}" in str(caught.value)
    with psycopg.connect(office.owner_uri) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchone() == (5,)
    assert run_team_db(office, "migrate", office.owner_uri) == 0
    db = open_db(seat)
    assert current_version(db) == len(STEPS)
    service.create_inquiry(db, _draft("Zeitplanung Kreisstraße"))
    assert search.search(db, "strasse")
    db.close()


def test_seat_killed_mid_transaction_leaves_nothing_half_written(office) -> None:  # type: ignore[no-untyped-def]
    uri = office.add_seat("jana")
    other = open_db(office.add_seat("tom"))
    before, _ = service.create_inquiry(other, _draft("Vorher"))
    child = subprocess.Popen(
        [sys.executable, str(CHILD), uri], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("writing "), child.stderr.read() if child.stderr else line
        half = int(line.split()[1])
        # while the seat holds its transaction, the other seat neither sees nor waits for it
        during, _ = service.create_inquiry(other, _draft("Während"))
        assert inquiries.get_inquiry(other, half) is None
    finally:
        child.kill()
        child.wait(timeout=30)
    assert inquiries.get_inquiry(other, half) is None
    assert other.execute(
        "SELECT count(*) FROM question WHERE inquiry_id = ?", [half]
    ).fetchone() == (0,)
    assert {h.inquiry_id for h in search.search(other, "halb geschrieben")} == set()
    after, _ = service.create_inquiry(other, _draft("Nachher"))
    assert [r.id for r in inquiries.list_rows(other)] == [after, during, before]
    other.close()


def test_server_restart_while_a_seat_is_open(office) -> None:  # type: ignore[no-untyped-def]
    db = open_db(office.add_seat("jana"))
    first, _ = service.create_inquiry(db, _draft("Vor dem Neustart"))
    office.server.restart()
    # the seat reconnects by itself on its next statement; nothing committed is lost
    assert [r.id for r in inquiries.list_rows(db)] == [first]
    office.server.stop()
    try:
        with pytest.raises(StoreUnavailable, match="nicht erreichbar"):
            service.create_inquiry(db, _draft("Während der Server steht"))
    finally:
        office.server.start()
    second, _ = service.create_inquiry(db, _draft("Nach dem Neustart"))
    assert [r.title for r in inquiries.list_rows(db)] == ["Nach dem Neustart", "Vor dem Neustart"]
    assert second != first
    db.close()


def test_command_line_works_on_the_server(office, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seat = office.add_seat("jana")
    capsys.readouterr()
    inquiry_file = EXAMPLE_DIR / "anfrage-2024-04-29.txt"
    assert main(["--db", seat, "add-inquiry", str(inquiry_file), "--submitted", "2024-04-29"]) == 0
    inquiry_id = int(capsys.readouterr().out.strip().splitlines()[0])
    assert main(["--db", seat, "overdue", "--today", date(2025, 1, 1).isoformat()]) == 0
    assert str(inquiry_id) in capsys.readouterr().out
    db = open_db(seat)
    loaded = inquiries.get_inquiry(db, inquiry_id)
    assert loaded is not None and len(loaded.questions) >= 1
    db.close()
    # no password on the command line ends in the German refusal, exit code 1
    assert main(["--db", office.seat_uri("jana", "falsch"), "overdue"]) == 1
    assert "Passwort" in capsys.readouterr().err
