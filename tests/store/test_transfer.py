"""Moving in and out: a local file copied onto a real PostgreSQL server and back, verified
by row counts and checksums; cancelling leaves the target empty; the source never changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from anfrage_desk.model import Body, Followup, FollowupKind, Inquiry, Question, Status
from anfrage_desk.progress import Cancelled
from anfrage_desk.services import example
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.store import (
    Database,
    StoreUnavailable,
    answers,
    bodies,
    followups,
    inquiries,
    open_db,
    search,
    settings,
)
from anfrage_desk.store.transfer import TABLES, check_table, columns, copy_all


def _fill(db: Database) -> int:
    """The example (Anfrage with its answer letter and original file) plus a Nachfrage whose
    id is lower than its parent's (the copy must still insert the parent first)."""
    with db.atomic():
        body = bodies.save_body(db, Body(None, "Kreistag Recklinghausen"))
        early = inquiries.insert_inquiry(db, Inquiry(None, "Platzhalter"))
    parent, _ = example.load_example(db)
    with db.atomic():
        inquiries.update_inquiry(
            db,
            Inquiry(
                early,
                "Nachfrage zur KI-Strategie",
                body_id=body,
                parent_id=parent,
                questions=(Question(None, "1", "Wann kommt die Zeitplanung?"),),
            ),
        )
        followups.insert_followup(db, Followup(None, parent, FollowupKind.NACHFRAGE, early))
        settings.set_setting(db, "sender.name", "Fraktion Grün")
    inquiry_service.submit_inquiry(db, early, date(2024, 6, 3))
    return parent


def _checks(db: Database) -> list[object]:
    return [check_table(db, t, k, columns(db, t)) for t, k in TABLES]


def test_local_file_to_server_and_back(tmp_path: Path, pg_uri: str) -> None:
    local = open_db(tmp_path / "lokal.sqlite")
    parent = _fill(local)
    before = _checks(local)
    server = open_db(pg_uri)
    steps: list[tuple[int, int]] = []
    report = copy_all(local, server, lambda done, total: steps.append((done, total)))
    assert _checks(local) == before  # nothing changed at the source
    assert {c.table: c.rows for c in report}["inquiry"] == 2
    assert steps[-1][0] == steps[-1][1] > 0
    copied = inquiries.get_inquiry(server, parent)
    assert copied == inquiries.get_inquiry(local, parent)
    assert answers.letter_file(server, answers.letters_for(server, parent)[0].id or 0) == (
        answers.letter_file(local, answers.letters_for(local, parent)[0].id or 0)
    )
    assert {h.inquiry_id for h in search.search(server, "zeitplanung")} == {
        h.inquiry_id for h in search.search(local, "zeitplanung")
    }
    # the server goes on numbering after the copied rows
    new_id, _ = inquiry_service.create_inquiry(server, Inquiry(None, "Neu auf dem Server"))
    assert new_id > parent

    back = open_db(tmp_path / "zurueck.sqlite")
    report_back = copy_all(server, back, lambda done, total: None)
    assert {c.table: c.rows for c in report_back}["inquiry"] == 3
    assert [r.title for r in inquiries.list_rows(back)] == [
        r.title for r in inquiries.list_rows(server)
    ]
    for db in (local, server, back):
        db.close()


def test_cancel_and_non_empty_target_leave_everything_as_it_was(
    tmp_path: Path, pg_uri: str
) -> None:
    local = open_db(tmp_path / "lokal.sqlite")
    _fill(local)
    server = open_db(pg_uri)

    def cancel(done: int, total: int) -> None:
        if done:
            raise Cancelled

    with pytest.raises(Cancelled):
        copy_all(local, server, cancel)
    assert inquiries.count_live(server) == 0
    assert search.entry_count(server) == 0
    copy_all(local, server, lambda done, total: None)
    with pytest.raises(StoreUnavailable, match="enthält schon Daten"):
        copy_all(local, server, lambda done, total: None)
    assert inquiries.count_live(server) == 2
    local.close()
    server.close()


def test_a_changed_value_is_noticed_by_the_checksum(tmp_path: Path) -> None:
    a = open_db(tmp_path / "a.sqlite")
    b = open_db(tmp_path / "b.sqlite")
    _fill(a)
    copy_all(a, b, lambda done, total: None)
    assert _checks(a) == _checks(b)
    row = inquiries.get_inquiry(b, inquiries.list_rows(b)[0].id)
    assert row is not None
    with b.atomic():
        inquiries.update_inquiry(b, replace(row, status=Status.DONE))
    assert _checks(a) != _checks(b)
