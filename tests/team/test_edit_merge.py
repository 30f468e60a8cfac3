"""Three-way merge of an edited inquiry against what another seat saved meanwhile, on both
engines (the store's row version decides whether someone saved in between)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from anfrage_desk.model import Inquiry, Question
from anfrage_desk.services import edit_merge
from anfrage_desk.services import inquiries as service
from anfrage_desk.store import Database, change_log, inquiries


def _base(db: Database) -> Inquiry:
    inquiry_id, _ = service.create_inquiry(
        db,
        Inquiry(None, "Radwege", preamble="Alt.", questions=(Question(None, "1", "Wie viele?"),)),
    )
    loaded = inquiries.get_inquiry(db, inquiry_id)
    assert loaded is not None
    return loaded


def test_unchanged_row_is_saved_and_logged(any_db: Database) -> None:
    base = _base(any_db)
    saved = edit_merge.save_edit(any_db, base, replace(base, title="Radwege im Kreis"))
    assert saved.inquiry.title == "Radwege im Kreis" and not saved.merged
    assert saved.inquiry.version > base.version
    assert change_log.entries(any_db, base.id or 0)[0].what == "Geändert: Titel"


def test_different_fields_are_merged_without_asking(any_db: Database) -> None:
    base = _base(any_db)
    edit_merge.save_edit(any_db, base, replace(base, preamble="Neu von Tom."))  # the other seat
    saved = edit_merge.save_edit(any_db, base, replace(base, title="Radwege im Kreis"))
    assert saved.merged
    assert (saved.inquiry.title, saved.inquiry.preamble) == ("Radwege im Kreis", "Neu von Tom.")


def test_same_field_changed_on_both_sides_is_a_conflict_never_overwritten(
    any_db: Database,
) -> None:
    base = _base(any_db)
    theirs = edit_merge.save_edit(
        any_db, base, replace(base, title="Toms Titel", preamble="Toms Vortext")
    ).inquiry
    mine = replace(base, title="Janas Titel", reference="DS 12/3")
    with pytest.raises(edit_merge.EditConflict) as caught:
        edit_merge.save_edit(any_db, base, mine)
    conflict = caught.value
    assert conflict.fields == ("title",)
    stored = inquiries.get_inquiry(any_db, base.id or 0)
    assert stored is not None and stored.title == "Toms Titel"  # nothing written
    merged = conflict.resolved({"title": edit_merge.MINE})
    saved = edit_merge.save_edit(any_db, theirs, merged).inquiry
    assert (saved.title, saved.preamble, saved.reference) == (
        "Janas Titel",
        "Toms Vortext",
        "DS 12/3",
    )


def _answers(db: Database) -> tuple[int, list]:  # type: ignore[type-arg]
    from anfrage_desk.services import example
    from anfrage_desk.store import answers

    inquiry_id, _ = example.load_example(db)
    letter = answers.letters_for(db, inquiry_id)[0]
    assert letter.id is not None
    return letter.id, answers.answers_for_letter(db, letter.id)


def test_answer_changed_by_another_seat_is_merged_or_a_conflict(any_db: Database) -> None:
    from anfrage_desk.model import Verdict
    from anfrage_desk.services import answers as answer_service
    from anfrage_desk.services.answer_merge import AnswerConflict
    from anfrage_desk.services.answers import AnswerEdit, AnswerVerdicts
    from anfrage_desk.store import answers

    letter_id, found = _answers(any_db)
    third = found[2]
    assert third.id is not None

    def edit(base, **values):  # type: ignore[no-untyped-def]
        fields = {"text": base.text, "user_verdict": base.user_verdict, "note": base.note}
        return AnswerEdit(base.id, **{**fields, **values}, base=base)

    # the other seat sets a verdict; this seat, from the old state, writes a note: both kept
    answer_service.save_review(
        any_db, AnswerVerdicts(letter_id, (edit(third, user_verdict=Verdict.CLEAR),), False)
    )
    answer_service.save_review(
        any_db, AnswerVerdicts(letter_id, (edit(third, note="nachhaken"),), False)
    )
    stored = answers.get_answer(any_db, third.id)
    assert stored is not None and (stored.user_verdict, stored.note) == (Verdict.CLEAR, "nachhaken")
    # both change the verdict: refused with a German sentence, nothing written …
    mine = AnswerVerdicts(letter_id, (edit(third, user_verdict=Verdict.MISSING),), False)
    with pytest.raises(
        AnswerConflict, match="geändert, während Sie sie bearbeitet haben"
    ) as caught:
        answer_service.save_review(any_db, mine)
    stored = answers.get_answer(any_db, third.id)
    assert stored is not None and stored.user_verdict == Verdict.CLEAR
    # … until this seat chooses: its own state, or theirs
    answer_service.save_review(any_db, caught.value.mine(mine))
    stored = answers.get_answer(any_db, third.id)
    assert stored is not None and stored.user_verdict == Verdict.MISSING
    assert caught.value.theirs_kept(mine).edits == ()
