"""Importing OParl papers into a real database, against a real local server on 127.0.0.1."""

from __future__ import annotations

import pytest

from anfrage_desk.importers.oparl import OparlClient
from anfrage_desk.model import Status, Verdict
from anfrage_desk.progress import Cancelled, Progress
from anfrage_desk.services import ServiceError
from anfrage_desk.services import oparl as service
from anfrage_desk.services.oparl_sync import HistoryRequest, import_history
from anfrage_desk.store import answers, bodies, inquiries
from anfrage_desk.store import oparl as store

TABLES = ("inquiry", "question", "answer_letter", "answer", "body", "oparl_paper", "oparl_body")


def client() -> OparlClient:
    return OparlClient(timeout=5, retries=1, backoff=0, sleep=lambda _s: None)


def counts(db) -> dict[str, int]:
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def connect(db, server) -> int:
    body_id = bodies.find_by_name(db, "Stadt Karlsruhe")
    if body_id is None:
        from anfrage_desk.services import inquiries as inquiry_service

        body_id = inquiry_service.ensure_body(db, "Stadt Karlsruhe")
    else:
        body_id = body_id.id
    [found] = service.discover_bodies(f"{server.base}/system", client())
    service.connect_body(db, body_id, found)
    return body_id


def test_paper_with_answer_becomes_inquiry_with_assessed_answer(db, oparl_server):
    url = oparl_server.state.add_paper("2021-0451")
    result = service.import_paper(db, url, client())
    assert result.created and result.new_answer
    inquiry = inquiries.get_inquiry(db, result.inquiry_id)
    assert inquiry.title == "Ergebnisse der Verkehrsüberwachung in der Wettersteinstraße"
    assert inquiry.reference == "2021/0451"
    assert inquiry.submitted_on.isoformat() == "2021-04-01" and inquiry.due_on is not None
    assert inquiry.status == Status.ANSWERED
    assert [q.label for q in inquiry.questions] == ["1", "2", "3", "4", "5", "6"]
    assert inquiry.questions[3].text.startswith("Werden solche Messungen aufgezeichnet")
    # the Gremium was created from the OParl body and connected on first import
    assert bodies.get_body(db, inquiry.body_id).name == "Stadt Karlsruhe"
    assert store.connection(db, inquiry.body_id).body_url == f"{oparl_server.base}/bodies/1"
    verdicts = {a.question_id: a.verdict for a in answers.answers_for_letter(db, result.letter_id)}
    by_label = {q.label: verdicts[q.id] for q in inquiry.questions}
    assert set(by_label.values()) == {Verdict.CLEAR}  # as the corpus labels 2021/0451
    letter = answers.get_letter(db, result.letter_id)
    assert letter.received_on.isoformat() == "2021-04-01"
    assert "Stellungnahme zur Anfrage der SPD-Ortschaftsratsfraktion" in letter.raw_text
    name, data = answers.letter_file(db, result.letter_id)
    assert data == oparl_server.state.files["2021-0451-1"].data  # the original file, kept
    assert name == ("2021-0451-1.pdf" if oparl_server.state.pdf else "2021-0451-1.txt")


def test_the_files_are_real_pdfs_read_through_the_pdf_importer(db, oparl_server):
    pytest.importorskip("fpdf", reason="fpdf2 fehlt: nur der PDF-Teil entfällt")
    assert oparl_server.state.pdf
    result = service.import_paper(db, oparl_server.state.add_paper("2015-0112"), client())
    name, data = answers.letter_file(db, result.letter_id)
    assert name.endswith(".pdf") and data.startswith(b"%PDF")
    letter = answers.get_letter(db, result.letter_id)
    assert "Runde Tische" in letter.raw_text or "Bürgersicherheit" in letter.raw_text
    assert len(inquiries.get_inquiry(db, result.inquiry_id).questions) == 4


def test_importing_the_same_paper_again_changes_nothing(db, oparl_server):
    url = oparl_server.state.add_paper("2021-0451")
    first = service.import_paper(db, url, client())
    before = counts(db)
    again = service.import_paper(db, url, client())
    assert again.inquiry_id == first.inquiry_id and not again.created and not again.updated
    assert again.letter_id == first.letter_id and not again.new_answer
    assert counts(db) == before


def test_a_changed_paper_updates_its_inquiry_instead_of_adding_one(db, oparl_server):
    url = oparl_server.state.add_paper("2021-0451")
    first = service.import_paper(db, url, client())
    oparl_server.state.change_paper("2021-0451", name="Verkehrsüberwachung Wettersteinstraße")
    before = counts(db)
    again = service.import_paper(db, url, client())
    assert again.inquiry_id == first.inquiry_id and again.updated
    assert inquiries.get_inquiry(db, first.inquiry_id).title == (
        "Verkehrsüberwachung Wettersteinstraße"
    )
    assert counts(db) == before
    assert not service.import_paper(db, url, client()).updated


def test_reference_needs_a_connected_gremium_then_is_found_across_pages(db, oparl_server):
    for folder in ("2015-0112", "2016-0027", "2019-0069", "2021-0451", "2022-0229"):
        oparl_server.state.add_paper(folder)
    with pytest.raises(ServiceError) as raised:
        service.import_paper(db, "2021/0451", client())
    assert "verbunden" in str(raised.value)
    assert oparl_server.state.requests == []  # no request without a connected Gremium
    body_id = connect(db, oparl_server)
    result = service.import_paper(db, "2021/0451", client())
    assert inquiries.get_inquiry(db, result.inquiry_id).reference == "2021/0451"
    assert inquiries.get_inquiry(db, result.inquiry_id).body_id == body_id
    pages = [p for p in oparl_server.state.requests if "/bodies/1/papers" in p]
    assert len(pages) == 2 and all("modified_since=2020-12-01" in p for p in pages)
    with pytest.raises(ServiceError) as raised:
        service.import_paper(db, "2020/9999", client())
    assert "gibt es bei Stadt Karlsruhe nicht" in str(raised.value)


def test_server_down_or_failing_writes_nothing(db, oparl_server):
    url = oparl_server.state.add_paper("2021-0451")
    anfrage_file = oparl_server.state.url_path(
        oparl_server.state.papers["2021-0451"]["auxiliaryFile"][0]["downloadUrl"]
    )
    oparl_server.state.fail_paths[anfrage_file] = 500
    before = counts(db)
    with pytest.raises(ServiceError) as raised:
        service.import_paper(db, url, client())
    assert "HTTP 500" in str(raised.value)
    assert counts(db) == before  # not even the Gremium from the paper's body
    oparl_server.stop()
    with pytest.raises(ServiceError) as raised:
        service.import_paper(db, url, client())
    assert "nicht erreichbar" in str(raised.value)
    assert counts(db) == before


def test_an_answer_file_of_50_mb_is_refused_and_the_inquiry_still_imported(db, oparl_server):
    url = oparl_server.state.add_paper("2021-0451")
    answer = oparl_server.state.papers["2021-0451"]["auxiliaryFile"][1]
    answer["downloadUrl"] = answer["accessUrl"] = f"{oparl_server.base}/broken/big.pdf"
    result = service.import_paper(db, url, client())
    assert result.created and result.letter_id is None
    assert "zu groß" in result.problems[0] and "STN_Anfrage_SPD" in result.problems[0]
    assert inquiries.get_inquiry(db, result.inquiry_id).status == Status.SUBMITTED


def test_invalid_json_and_foreign_redirect_are_refused(db, oparl_server):
    for path, words in (("broken/json", "kein JSON"), ("broken/elsewhere", "anderen Server")):
        with pytest.raises(ServiceError) as raised:
            service.import_paper(db, f"{oparl_server.base}/{path}", client())
        assert words in str(raised.value)
    assert counts(db)["inquiry"] == 0


def test_http_url_to_another_machine_is_refused_without_a_request(db):
    with pytest.raises(ServiceError) as raised:
        service.import_paper(db, "http://ratsinfo.example.org/oparl/papers/1", client())
    assert "https://" in str(raised.value)


def test_history_imports_the_factions_anfragen_once_across_pages(db, oparl_server):
    for folder in ("2015-0112", "2015-0160", "2015-0456", "2016-0027", "2021-0144", "2021-0451"):
        oparl_server.state.add_paper(folder)
    oparl_server.state.papers["2015-0160"]["paperType"] = "Beschlussvorlage"
    body_id = connect(db, oparl_server)
    reports: list[tuple[int, int]] = []
    request = HistoryRequest(body_id, faction="Grüne")
    first = import_history(
        db, request, client(), Progress(report=lambda d, t: reports.append((d, t)))
    )
    # 2015-0456 and 2021-0144 name GRÜNE in a file; the others are other factions' papers
    refs = sorted(r.reference for r in inquiries.list_rows(db))
    assert refs == ["2015/0456", "2021/0144"]
    assert (first.created, first.answers, first.problems) == (2, 2, ())
    assert reports[0] == (0, 6) and reports[-1] == (6, 6)
    before = counts(db)
    # a rerun asks only for papers changed since the last complete run: none
    oparl_server.state.requests.clear()
    second = import_history(db, request, client())
    assert (second.seen, second.created, second.updated, second.answers) == (0, 0, 0, 0)
    assert "modified_since=" in oparl_server.state.requests[0]
    assert counts(db) == before
    # a paper changed on the server comes in as an update, not as a second inquiry
    oparl_server.state.change_paper("2021-0144", name="G5-Ausbau in Karlsruhe")
    third = import_history(db, request, client())
    assert (third.seen, third.created, third.updated) == (1, 0, 1)
    assert counts(db) == before
    assert "G5-Ausbau in Karlsruhe" in [r.title for r in inquiries.list_rows(db)]
    # another filter is another request: the whole list again, nothing added twice
    everything = import_history(db, HistoryRequest(body_id), client())
    assert everything.seen == 6 and everything.unchanged == 2 and everything.created == 3


def test_history_by_date_range_and_the_text_of_the_anfrage(db, oparl_server):
    for folder in ("2015-0112", "2019-0069", "2021-0451", "2022-0229"):
        oparl_server.state.add_paper(folder)
    body_id = connect(db, oparl_server)
    from datetime import date

    request = HistoryRequest(body_id, "SPD", date(2021, 1, 1), date(2022, 12, 31))
    result = import_history(db, request, client())
    refs = sorted(r.reference for r in inquiries.list_rows(db))
    # 2015/0112 and 2019/0069 are outside the range; 2022/0229 names no SPD anywhere, and
    # 2021/0451 names it only in its file names ("ORS_Anfrage_SPD_…") and its text
    assert refs == ["2021/0451"] and result.created == 1
    assert all(
        "modified_since=2020-12-01" in p for p in oparl_server.state.requests if "papers?" in p
    )


def test_history_cancelled_keeps_finished_papers_and_resumes_without_duplicates(db, oparl_server):
    for folder in ("2015-0112", "2016-0027", "2019-0069", "2021-0451"):
        oparl_server.state.add_paper(folder)
    body_id = connect(db, oparl_server)
    steps: list[int] = []

    def cancelled() -> bool:
        steps.append(1)
        return len(steps) > 2

    with pytest.raises(Cancelled):
        import_history(db, HistoryRequest(body_id), client(), Progress(cancelled=cancelled))
    assert counts(db)["inquiry"] == 2
    result = import_history(db, HistoryRequest(body_id), client())  # a cancelled run leaves no mark
    assert (result.seen, result.created, result.unchanged) == (4, 2, 2)
    assert counts(db)["inquiry"] == 4


def test_history_needs_a_connected_gremium(db):
    from anfrage_desk.services import inquiries as inquiry_service

    body_id = inquiry_service.ensure_body(db, "Rat")
    with pytest.raises(ServiceError):
        import_history(db, HistoryRequest(body_id), client())
