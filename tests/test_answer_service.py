"""Answer use cases against a real database: import, review, confirm, letter data, phrases."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from anfrage_desk.model import Inquiry, Question, Verdict
from anfrage_desk.services import ServiceError
from anfrage_desk.services import answers as service
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.services.example import load_example
from anfrage_desk.store import answers as store


def _by_label(db, inquiry_id):
    inquiry = inquiry_service.inquiries.get_inquiry(db, inquiry_id)
    labels = {q.id: q.label for q in inquiry.questions}
    letter = store.letters_for(db, inquiry_id)[-1]
    return letter, {labels[a.question_id]: a for a in store.answers_for_letter(db, letter.id)}


def test_example_import_assesses_sample_letter(db):
    inquiry_id, _ = load_example(db)
    letter, answers = _by_label(db, inquiry_id)
    assert letter.letter_date == date(2024, 5, 15)
    assert letter.refers_to_date == date(2024, 4, 29)
    assert letter.received_on == date(2024, 5, 16)
    assert {k: a.verdict for k, a in answers.items()} == {
        "1": Verdict.CLEAR,
        "2": Verdict.CLEAR,
        "3": Verdict.VAGUE,
        "4": Verdict.VAGUE,
        "5": Verdict.CLEAR,
        "6": Verdict.VAGUE,
    }
    assert answers["4"].refers_to == "3"
    span = answers["3"].reasons[0]
    assert "nicht benannt" in answers["3"].text[span.start : span.end]


def test_save_review_reassesses_and_reports_dependent_answers(db):
    inquiry_id, _ = load_example(db)
    letter, answers = _by_label(db, inquiry_id)
    edit = service.AnswerEdit(
        answers["3"].id, "Das Gesamtkonzept soll bis zum 31.12.2024 erstellt sein.", None, "neu"
    )
    changes = service.save_review(db, service.AnswerVerdicts(letter.id, (edit,), confirm=False))
    _, after = _by_label(db, inquiry_id)
    assert after["3"].verdict == Verdict.CLEAR
    assert after["3"].note == "neu"
    # Q4 only refers to Q3: it follows, and the change set says so.
    assert after["4"].verdict == Verdict.CLEAR
    assert answers["4"].id in changes.answers
    assert store.get_letter(db, letter.id).confirmed_at is None


def test_confirm_keeps_user_verdict_over_machine(db):
    inquiry_id, _ = load_example(db)
    letter, answers = _by_label(db, inquiry_id)
    edit = service.AnswerEdit(answers["1"].id, answers["1"].text, Verdict.PARTIAL, "")
    service.confirm_answers(db, service.AnswerVerdicts(letter.id, (edit,)))
    letter, after = _by_label(db, inquiry_id)
    assert after["1"].user_verdict == Verdict.PARTIAL
    assert after["1"].verdict == Verdict.CLEAR
    assert after["1"].effective_verdict == Verdict.PARTIAL
    assert letter.confirmed_at


def test_unanswered_text_becomes_missing(db):
    inquiry_id, _ = load_example(db)
    letter, answers = _by_label(db, inquiry_id)
    edit = service.AnswerEdit(answers["5"].id, None, None, "")
    service.save_review(db, service.AnswerVerdicts(letter.id, (edit,), confirm=False))
    _, after = _by_label(db, inquiry_id)
    assert after["5"].text is None
    assert after["5"].verdict == Verdict.MISSING


def test_letter_meta_is_validated_and_saved(db):
    inquiry_id, _ = load_example(db)
    letter = store.letters_for(db, inquiry_id)[0]
    edit = service.LetterMetaEdit(
        letter.id, date(2024, 5, 17), date(2024, 5, 15), date(2024, 4, 29), " Der  Landrat ", "32/1"
    )
    changes = service.save_letter_meta(db, edit)
    assert changes.inquiries == {inquiry_id}
    stored = store.get_letter(db, letter.id)
    assert (stored.received_on, stored.sender, stored.reference) == (
        date(2024, 5, 17),
        "Der Landrat",
        "32/1",
    )
    with pytest.raises(ServiceError, match="nach dem Datum"):
        service.save_letter_meta(
            db,
            service.LetterMetaEdit(
                letter.id, date(2024, 5, 17), date(2024, 4, 1), date(2024, 4, 29), "", ""
            ),
        )
    with pytest.raises(ServiceError, match="eingegangen"):
        service.save_letter_meta(db, service.LetterMetaEdit(letter.id, None, None, None, "", ""))


def test_original_file_round_trip(db, tmp_path: Path):
    inquiry_id, _ = load_example(db)
    letter = store.letters_for(db, inquiry_id)[0]
    name, data = service.original_file(db, letter.id)
    assert name.endswith(".txt") and "Zeitplanung" in data.decode("utf-8")
    target = service.save_original(db, letter.id, tmp_path / "kopie.txt")
    assert target.read_bytes() == data
    with pytest.raises(ServiceError, match="nicht gespeichert"):
        service.save_original(db, letter.id, tmp_path / "fehlt" / "x.txt")


def test_marked_phrase_changes_answer_of_another_inquiry(db):
    inquiry_id, _ = load_example(db)
    other_id, _ = inquiry_service.create_inquiry(
        db,
        Inquiry(
            None, "Hallenbad", questions=(Question(None, "1", "Wann öffnet das Hallenbad wieder?"),)
        ),
    )
    text = "1. Wann öffnet das Hallenbad wieder?\n\nDas Bad öffnet am 01.09.2024, sofern der Zeitplan hält.\n"
    service.import_answer(db, other_id, service.pasted_letter(text), date(2024, 6, 1))
    _, before = _by_label(db, other_id)
    assert before["1"].verdict == Verdict.CLEAR
    changes = service.mark_phrase_evasive(db, "sofern der  Zeitplan hält")
    _, after = _by_label(db, other_id)
    assert after["1"].verdict != Verdict.CLEAR
    assert other_id in changes.inquiries and before["1"].id in changes.answers
    assert inquiry_id not in changes.inquiries
    with pytest.raises(ServiceError, match="vier Zeichen"):
        service.mark_phrase_evasive(db, "ja")


def test_import_refuses_empty_text_and_writes_nothing(db):
    inquiry_id, _ = load_example(db)
    count = db.execute("SELECT count(*) FROM answer_letter").fetchone()[0]
    with pytest.raises(ServiceError):
        service.pasted_letter("  \n ")
    with pytest.raises(ServiceError, match="keine Anfrage"):
        service.import_answer(db, 999, service.pasted_letter("1. Text"), None)
    assert db.execute("SELECT count(*) FROM answer_letter").fetchone()[0] == count


def test_office_weights_of_an_earlier_signal_set_give_way_to_the_shipped_ones(db):
    from anfrage_desk import assess
    from anfrage_desk.store import settings

    shipped = assess.default_model()
    current = assess.Model({**shipped.weights, "bias": shipped.weights["bias"] + 0.5}, 0.4)
    settings.set_setting(db, service.MODEL_SETTING, current.to_json())
    assert service.has_refit(db)
    assert service.assessment_model(db).weights["bias"] == pytest.approx(current.weights["bias"])

    older = {k: v for k, v in current.weights.items() if k != "joint"}
    older["open_number"] = 1.2  # a signal this version no longer has
    stored = json.dumps({"weights": older, "threshold": 0.4, "note": "", "trained_on": {}})
    settings.set_setting(db, service.MODEL_SETTING, stored)
    assert not service.has_refit(db)
    assert service.assessment_model(db) is shipped
