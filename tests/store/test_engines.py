"""The store on both engines: every aggregate written and read back on a SQLite file and on a
real PostgreSQL server (ids ``sqlite`` / ``postgres``; ``pytest -k postgres`` runs the server's)."""

from __future__ import annotations

from datetime import date

import pytest

from anfrage_desk.model import (
    Answer,
    AnswerLetter,
    Body,
    BodyKind,
    DeadlineRule,
    Followup,
    FollowupKind,
    Inquiry,
    Question,
    Reason,
    Status,
    Verdict,
)
from anfrage_desk.store import (
    Database,
    StoreUnavailable,
    answers,
    bodies,
    followups,
    inquiries,
    oparl,
    open_db,
    phrases,
    search,
    settings,
    statistics,
)
from anfrage_desk.store.migrations import STEPS, current_version

FILE = b"%PDF-1.4 \x00\x01\x02 original bytes \xff"


def _inquiry(db: Database, title: str = "Radwege", body_id: int | None = None, **kw: object) -> int:
    with db.atomic():
        return inquiries.insert_inquiry(
            db,
            Inquiry(
                None,
                title,
                body_id=body_id,
                questions=(
                    Question(None, "1", "Wie viele Radwege gibt es?"),
                    Question(None, "2", "Bis wann werden sie saniert?"),
                ),
                **kw,  # type: ignore[arg-type]
            ),
        )


def test_schema_is_current_and_version_kept_in_the_database(any_db: Database) -> None:
    assert current_version(any_db) == len(STEPS)
    assert {"body", "inquiry", "question", "answer_letter", "answer", "followup"} <= set(
        any_db.table_names()
    )


def test_bodies_round_trip_and_sort_without_case(any_db: Database) -> None:
    with any_db.atomic():
        b1 = bodies.save_body(
            any_db,
            Body(
                None,
                "kreistag Recklinghausen",
                BodyKind.KREISTAG,
                "Kurt-Schumacher-Allee 1",
                DeadlineRule("workdays", 10),
                "NW",
                (date(2024, 6, 3), date(2024, 5, 2)),
            ),
        )
        bodies.save_body(any_db, Body(None, "Rat der Stadt Bochum"))
    loaded = bodies.get_body(any_db, b1)
    assert loaded is not None and loaded.rule == DeadlineRule("workdays", 10)
    assert loaded.meeting_dates == (date(2024, 5, 2), date(2024, 6, 3))
    assert [b.name for b in bodies.list_bodies(any_db)] == [
        "kreistag Recklinghausen",
        "Rat der Stadt Bochum",
    ]
    assert bodies.find_by_name(any_db, "KREISTAG recklinghausen") == loaded
    _inquiry(any_db, body_id=b1)
    assert bodies.inquiry_count(any_db, b1) == 1
    with any_db.atomic():
        bodies.delete_body(any_db, b1)
    assert bodies.get_body(any_db, b1) is None


def test_inquiry_edit_list_trash_restore_purge(any_db: Database) -> None:
    iid = _inquiry(any_db, submitted_on=date(2024, 3, 1), status=Status.SUBMITTED)
    loaded = inquiries.get_inquiry(any_db, iid)
    assert loaded is not None and [q.label for q in loaded.questions] == ["1", "2"]
    first = loaded.questions[0]
    with any_db.atomic():
        inquiries.update_inquiry(
            any_db,
            Inquiry(
                iid,
                "Radwege im Kreis",
                submitted_on=date(2024, 3, 1),
                status=Status.SUBMITTED,
                signatories=("A. Beispiel", "B. Muster"),
                questions=(first, Question(None, "2", "Neue Frage?")),
            ),
        )
        inquiries.set_due(any_db, iid, "2024-03-29", True)
    again = inquiries.get_inquiry(any_db, iid)
    assert again is not None and again.questions[0].id == first.id
    assert again.signatories == ("A. Beispiel", "B. Muster") and again.due_manual
    (row,) = inquiries.list_rows(any_db)
    assert (row.title, row.due_on, row.status) == (
        "Radwege im Kreis",
        date(2024, 3, 29),
        Status.SUBMITTED,
    )
    child = _inquiry(any_db, "Nachfrage Radwege", parent_id=iid)
    assert inquiries.children(any_db, iid) == [child]
    assert inquiries.list_rows(any_db, [iid])[0].open_followups == 1
    with any_db.atomic():
        inquiries.move_to_trash(any_db, child)
    assert inquiries.is_deleted(any_db, child) and inquiries.count_live(any_db) == 1
    assert [r.id for r in inquiries.list_rows(any_db, deleted=True)] == [child]
    with any_db.atomic():
        inquiries.restore_from_trash(any_db, child)
        inquiries.purge(any_db, child)
    assert inquiries.get_inquiry(any_db, child) is None
    assert inquiries.submitted_for_body(any_db, 999) == []


def test_letters_answers_verdicts_and_overviews(any_db: Database) -> None:
    iid = _inquiry(any_db, submitted_on=date(2024, 3, 1), status=Status.SUBMITTED)
    questions = inquiries.get_questions(any_db, iid)
    with any_db.atomic():
        lid = answers.insert_letter(
            any_db,
            AnswerLetter(None, iid, date(2024, 4, 2), date(2024, 3, 30), raw_text="Zu 1: 12 km."),
            FILE,
        )
        a1 = answers.insert_answer(
            any_db,
            Answer(None, questions[0].id or 0, lid, "Es gibt 12 km.", Verdict.CLEAR, 0.9),
        )
        a2 = answers.insert_answer(
            any_db,
            Answer(
                None,
                questions[1].id or 0,
                lid,
                "Eine konkrete Zeitplanung kann aktuell nicht benannt werden.",
                Verdict.VAGUE,
                0.2,
                (Reason("no_date", "Kein Datum genannt", 0, 12),),
            ),
        )
        inquiries.set_status(any_db, iid, Status.ANSWERED)
    assert answers.letter_file(any_db, lid) == ("antwort.txt", FILE)
    got = answers.get_answer(any_db, a2)
    assert got is not None and got.reasons == (Reason("no_date", "Kein Datum genannt", 0, 12),)
    with any_db.atomic():
        answers.update_answer(
            any_db, Answer(**{**got.__dict__, "user_verdict": Verdict.MISSING, "note": "nachhaken"})
        )
        answers.confirm_letter(any_db, lid)
    assert answers.latest_answers(any_db, iid)[questions[1].id or 0].user_verdict == Verdict.MISSING
    (row,) = inquiries.list_rows(any_db)
    assert (row.unclear_count, row.unconfirmed_letters, row.answered_on) == (
        1,
        0,
        date(2024, 3, 30),
    )
    assert [r["answer_id"] for r in answers.newest_answer_rows(any_db)] == [a2]
    assert [c[0].id for c in answers.corrected_answers(any_db)] == [a2]
    assert [a.id for a in answers.answers_containing(any_db, "KONKRETE  Zeitplanung")] == [a2]
    assert answers.inquiry_of_answer(any_db, a1) == iid
    assert answers.question_titles(any_db, lid)[questions[0].id or 0] == ("Radwege", "1")
    facts = statistics.inquiry_facts(any_db, 2024)
    assert [(f.rated_answers, f.unclear_answers) for f in facts] == [(2, 1)]
    assert statistics.submission_years(any_db) == [2024]
    with any_db.atomic():
        assert answers.delete_letter(any_db, lid) == iid
    assert answers.letters_for(any_db, iid) == [] and answers.get_answer(any_db, a1) is None


def test_followups_settings_phrases_and_oparl(any_db: Database) -> None:
    iid = _inquiry(any_db)
    child = _inquiry(any_db, "Nachfrage", parent_id=iid)
    with any_db.atomic():
        followups.insert_followup(
            any_db, Followup(None, iid, FollowupKind.NACHFRAGE, child, (3, 4), "n.docx")
        )
        followups.insert_followup(any_db, Followup(None, iid, FollowupKind.ERINNERUNG))
    kinds = [f.kind for f in followups.followups_for(any_db, iid)]
    assert kinds == [FollowupKind.NACHFRAGE, FollowupKind.ERINNERUNG]
    parent = followups.parent_followup(any_db, child)
    assert parent is not None and parent.answer_ids == (3, 4)
    assert set(followups.last_reminders(any_db)) == {iid}

    with any_db.atomic():
        settings.set_setting(any_db, "sender.name", "Fraktion")
        settings.set_setting(any_db, "sender.name", "Fraktion Grün")
    assert settings.get_settings(any_db) == {"sender.name": "Fraktion Grün"}
    assert settings.get_setting(any_db, "fehlt", "x") == "x"

    with any_db.atomic():
        assert phrases.add_evasive_phrase(any_db, "wird geprüft")
        assert not phrases.add_evasive_phrase(any_db, "wird geprüft")
    assert phrases.evasive_phrases(any_db) == ["wird geprüft"]

    with any_db.atomic():
        body = bodies.save_body(any_db, Body(None, "Gemeinderat Karlsruhe"))
        oparl.connect(any_db, body, "https://s", "https://s/body", "Karlsruhe", "https://s/papers")
        oparl.connect(any_db, body, "https://s", "https://s/body2", "Karlsruhe", "https://s/papers")
        link = oparl.PaperLink(iid, "https://s/paper/1", "https://s/body2", "m", "f", None, None)
        oparl.save_link(any_db, link)
        inquiries.update_inquiry(
            any_db,
            Inquiry(
                iid, "Radwege", body_id=body, status=Status.SUBMITTED, submitted_on=date(2024, 1, 2)
            ),
        )
    assert [c.body_url for c in oparl.connections(any_db)] == ["https://s/body2"]
    assert oparl.link_for_paper(any_db, "https://s/paper/1") == link
    assert [w.inquiry_id for w in oparl.watch_items(any_db)] == [iid]


def test_search_with_filters_on_both_engines(any_db: Database) -> None:
    iid = _inquiry(
        any_db, "Kreisstraße in Bochum", submitted_on=date(2023, 5, 1), status=Status.SUBMITTED
    )
    _inquiry(any_db, "Schulbau", drafted_on=date(2024, 1, 1))
    assert {h.inquiry_id for h in search.search(any_db, "strasse")} == {iid}
    assert {h.inquiry_id for h in search.search(any_db, "Straßen")} == {iid}  # inflection
    flt = search.SearchFilter(year=2023)
    hits = search.search_terms(any_db, search.parse_query("radwege"), flt=flt)
    assert {h.inquiry_id for h in hits} == {iid}
    assert search.count_terms(any_db, search.parse_query("radwege")) == (2, 2)
    # the search view counts, then ranks: the same hits as a ranking on its own
    terms = search.parse_query("wie viele radwege")
    alone = search.search_terms(any_db, terms)
    search.count_terms(any_db, terms)
    assert search.search_terms(any_db, terms) == alone and len(alone) == 2
    addressees, years = search.filter_choices(any_db)
    assert years == [2024, 2023]


def test_newer_schema_is_refused_untouched(any_db: Database) -> None:
    newer = len(STEPS) + 3
    if any_db.engine == "postgres":
        with any_db.atomic():
            any_db.execute("UPDATE schema_version SET version = ?", [newer])
    else:
        any_db.execute(f"PRAGMA user_version = {newer}")
    where = any_db.path
    any_db.close()
    with pytest.raises(StoreUnavailable, match="neueren Version"):
        open_db(where)
    if any_db.engine == "postgres":
        import psycopg

        with psycopg.connect(where) as conn:
            row = conn.execute("SELECT version FROM schema_version").fetchone()
        assert row == (newer,)
    else:
        import sqlite3

        conn = sqlite3.connect(where)
        assert conn.execute("PRAGMA user_version").fetchone() == (newer,)
        conn.close()
