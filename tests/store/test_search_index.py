"""The full-text index: folding, safe queries, and staying in step with every write."""

from __future__ import annotations

from datetime import date

import pytest

from anfrage_desk.model import Inquiry, Question, Status
from anfrage_desk.progress import Cancelled, Progress
from anfrage_desk.services import answers as answer_service
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.services import search as service
from anfrage_desk.store import Database, search
from anfrage_desk.store.search import SearchFilter

LETTER = """Stadt Münster
Der Oberbürgermeister

15.05.2024

Ihre Anfrage vom 29.04.2024

1. Wann wird die Bahnhofstraße saniert?
Eine konkrete Zeitplanung kann aktuell nicht benannt werden.

2. Wie viel Müll wurde 2023 eingesammelt?
Im Jahr 2023 wurden 412 Tonnen Müll eingesammelt.
"""


@pytest.fixture
def db(any_db: Database) -> Database:
    """This module's tests run on both engines (ids ``sqlite`` and ``postgres``)."""
    return any_db


def _add(db: Database, title: str, questions: tuple[str, ...], preamble: str = "") -> int:
    inquiry_id, _ = inquiry_service.create_inquiry(
        db,
        Inquiry(
            None,
            title,
            preamble=preamble,
            questions=tuple(Question(None, str(i + 1), q, i) for i, q in enumerate(questions)),
        ),
    )
    return inquiry_id


def _kinds(db: Database, query: str) -> set[tuple[int, str]]:
    return {(h.inquiry_id, h.kind) for h in search.search(db, query)}


@pytest.fixture
def street(db: Database) -> int:
    return _add(
        db,
        "Sanierung der Bahnhofstraße",
        ("Wann wird die Bahnhofstraße saniert?", "Wie viel Müll wurde 2023 eingesammelt?"),
        preamble="Anwohner klagen über Schlaglöcher in der Straße.",
    )


def test_umlauts_and_sharp_s_match_ascii_spellings(db: Database, street: int) -> None:
    assert (street, "question") in _kinds(db, "muell")
    assert (street, "inquiry") in _kinds(db, "STRASSE")
    assert (street, "inquiry") in _kinds(db, "straße")
    assert (street, "question") in _kinds(db, "bahnhofstr")  # prefix while typing
    assert _kinds(db, '"wird die bahnhofstrasse"') == {(street, "question")}
    assert _kinds(db, '"die wird bahnhofstrasse"') == set()  # a phrase keeps its order


def test_malformed_queries_never_raise(db: Database, street: int) -> None:
    for bad in [
        '"',
        "AND",
        "*",
        "OR OR",
        '"unclosed phrase',
        "NEAR(",
        "-",
        "^",
        "a:b",
        "(((",
        "é*",
    ]:
        search.search(db, bad)
        service.run_search(db, bad)
    result = service.run_search(db, 'NEAR( "strasse')
    assert result.groups and result.groups[0].inquiry_id == street


def test_index_follows_edit_trash_restore_and_purge(db: Database, street: int) -> None:
    inquiry = inquiry_service.load_inquiry(db, street)
    edited = inquiry.questions[0].__class__(
        inquiry.questions[0].id, "1", "Wann wird der Radweg gebaut?", 0
    )
    inquiry_service.save_inquiry(
        db, inquiry.__class__(**{**inquiry.__dict__, "questions": (edited,)})
    )
    assert _kinds(db, "radweg") == {(street, "question")}
    assert (street, "question") not in _kinds(db, "saniert")
    assert _kinds(db, "muell") == set()  # the deleted question left the index

    other = _add(db, "Radweg am Hafen", ("Wie breit wird der Radweg?",))
    inquiry_service.trash_inquiries(db, [street])
    assert {i for i, _ in _kinds(db, "radweg")} == {other}
    inquiry_service.restore_inquiries(db, [street])
    assert {i for i, _ in _kinds(db, "radweg")} == {street, other}
    inquiry_service.trash_inquiries(db, [street])
    inquiry_service.purge_inquiries(db, [street])
    assert {i for i, _ in _kinds(db, "radweg")} == {other}
    assert search.entry_count(db) == 2  # other: its header and its question


def test_imported_answer_is_found_and_highlighted(db: Database, street: int) -> None:
    inquiry_service.submit_inquiry(db, street, date(2024, 4, 29))
    document = answer_service.pasted_letter(LETTER)
    answer_service.import_answer(db, street, document, date(2024, 5, 16))
    kinds = _kinds(db, "zeitplanung")
    assert (street, "answer") in kinds and (street, "letter") in kinds
    result = service.run_search(db, "tonnen muell")
    hits = {h.kind: h for h in result.groups[0].hits}
    answer = hits["answer"]
    assert answer.label.startswith("Antwort zu 2")
    assert answer.tab == "answers"
    marked = [answer.snippet.text[s:e] for s, e in answer.snippet.spans]
    assert marked == ["Tonnen", "Müll"]


def test_highlight_maps_folded_terms_to_original_spelling() -> None:
    terms = search.parse_query('strasse "gruener weg" mä')
    pattern = service.highlight_pattern(terms)
    text = "Die Straße am Grünen Weg – nein: am Grüner  Weg, für Mädchen und Strasse."
    found = [text[s:e] for s, e in service.find_spans(text, pattern)]
    assert found == ["Straße", "Grüner  Weg", "Mädchen", "Strasse"]


def test_long_texts_get_a_window_around_the_match() -> None:
    text = "Einleitung. " * 50 + "Hier steht die Zeitplanung.\n" + "Schluss. " * 50
    snippet = service.make_snippet(text, service.highlight_pattern(search.parse_query("zeitplan")))
    assert snippet.cut_start and snippet.cut_end
    assert len(snippet.text) <= service.SNIPPET_CHARS + 20
    ((start, end),) = snippet.spans
    assert snippet.text[start:end] == "Zeitplanung"
    assert "\n" not in snippet.text


def test_filters_restrict_hits(db: Database, street: int) -> None:
    body_id, _ = inquiry_service.save_body(db, inquiry_service.Body(None, "Rat der Stadt Münster"))
    other = _add(db, "Straßenbeleuchtung", ("Wie viele Laternen sind defekt?",))
    inquiry = inquiry_service.load_inquiry(db, other)
    inquiry_service.save_inquiry(db, inquiry.__class__(**{**inquiry.__dict__, "body_id": body_id}))
    assert {g.inquiry_id for g in service.run_search(db, "strasse").groups} == {street, other}
    only_body = service.run_search(db, "strasse", SearchFilter(body_id=body_id))
    assert [g.inquiry_id for g in only_body.groups] == [other]
    inquiry_service.submit_inquiry(db, street, date(2024, 4, 29))
    overdue = SearchFilter(status="overdue", today=date(2024, 8, 1))
    assert [g.inquiry_id for g in service.run_search(db, "strasse", overdue).groups] == [street]
    assert service.run_search(db, "strasse", SearchFilter(year=2024)).groups
    assert not service.run_search(db, "strasse", SearchFilter(year=1999)).groups
    answer_service.import_answer(
        db, street, answer_service.pasted_letter(LETTER), date(2024, 5, 16)
    )
    vague = service.run_search(db, "bahnhofstrasse", SearchFilter(verdict="vague"))
    kinds = {h.kind for g in vague.groups for h in g.hits}
    assert kinds and kinds <= {"question", "answer"}
    assert inquiry_service.load_inquiry(db, street).status == Status.ANSWERED


def test_rebuild_index_restores_a_lost_index_and_cancel_keeps_it(db: Database, street: int) -> None:
    db_path = db.path  # the file, or the server database (the service opens its own)
    with db.atomic():
        search.clear(db)
    assert search.search(db, "strasse") == []
    reports: list[tuple[int, int]] = []
    written = service.rebuild_index(db_path, Progress(report=lambda d, t: reports.append((d, t))))
    assert written == 3 and reports[-1] == (1, 1)
    assert {h.inquiry_id for h in search.search(db, "strasse")} == {street}
    with pytest.raises(Cancelled):
        service.rebuild_index(db_path, Progress(cancelled=lambda: True))
    assert search.entry_count(db) == 3
