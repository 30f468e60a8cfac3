"""Watching for published answers, against a real local OParl server on 127.0.0.1."""

from __future__ import annotations

from anfrage_desk.importers.oparl import OparlClient
from anfrage_desk.model import Status
from anfrage_desk.services import oparl as service
from anfrage_desk.services.oparl_sync import watch_answers
from anfrage_desk.store import inquiries
from anfrage_desk.store import oparl as store


def client() -> OparlClient:
    return OparlClient(timeout=5, retries=1, backoff=0, sleep=lambda _s: None)


def test_an_answer_published_later_is_imported_exactly_once(db, oparl_server):
    url = oparl_server.state.add_paper("2015-0112", answered=False)
    result = service.import_paper(db, url, client())
    assert result.letter_id is None
    assert inquiries.get_inquiry(db, result.inquiry_id).status == Status.SUBMITTED
    nothing = watch_answers(db, client())
    assert nothing.answers == () and nothing.checked == 1 and nothing.notice() == ""

    oparl_server.state.publish_answer("2015-0112")
    found = watch_answers(db, client())
    [new] = found.answers
    assert new.inquiry_id == result.inquiry_id and new.reference == "2015/0112"
    assert new.questions == 4
    assert inquiries.get_inquiry(db, result.inquiry_id).status == Status.ANSWERED
    assert found.notice().startswith("Aus dem Ratsinformationssystem: 1 neue Antwort")
    assert result.inquiry_id in found.changes.inquiries
    link = store.link_for_inquiry(db, result.inquiry_id)
    assert link.letter_id == new.letter_id and link.answer_file_url.endswith("2015-0112-1")

    requests = len(oparl_server.state.requests)
    again = watch_answers(db, client())
    assert again.answers == () and again.checked == 0
    assert len(oparl_server.state.requests) == requests  # nothing left to ask for
    letters = db.execute("SELECT count(*) FROM answer_letter").fetchone()[0]
    assert letters == 1


def test_notice_counts_unclear_answers(db, oparl_server):
    for folder in ("2015-0112", "2017-0267"):
        service.import_paper(db, oparl_server.state.add_paper(folder, answered=False), client())
        oparl_server.state.publish_answer(folder)
    found = watch_answers(db, client())
    assert len(found.answers) == 2
    unclear = {a.reference: a.unclear for a in found.answers}
    assert unclear["2017/0267"] >= 1  # the sick rates per year are not given
    assert unclear["2015/0112"] == 0
    assert found.notice() == (
        f"Aus dem Ratsinformationssystem: 2 neue Antworten, {found.unclear_letters} davon unklar"
    )


def test_no_request_at_all_without_a_connected_gremium(db, oparl_server):
    result = service.import_paper(
        db, oparl_server.state.add_paper("2015-0112", answered=False), client()
    )
    body_id = inquiries.get_inquiry(db, result.inquiry_id).body_id
    service.disconnect_body(db, body_id)
    oparl_server.state.requests.clear()
    assert watch_answers(db, client()).checked == 0
    assert oparl_server.state.requests == []


def test_server_down_is_reported_once_and_changes_nothing(db, oparl_server):
    for folder in ("2015-0112", "2016-0027"):
        service.import_paper(db, oparl_server.state.add_paper(folder, answered=False), client())
    oparl_server.stop()
    result = watch_answers(db, client())
    assert result.answers == ()
    assert len(result.problems) == 1 and "nicht erreichbar" in result.problems[0]
    assert db.execute("SELECT count(*) FROM answer_letter").fetchone()[0] == 0


def test_http_500_during_watch_is_reported(db, oparl_server):
    service.import_paper(db, oparl_server.state.add_paper("2015-0112", answered=False), client())
    oparl_server.state.fail_next = [500, 500]
    result = watch_answers(db, client())
    assert "HTTP 500" in result.problems[0] and result.answers == ()
