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
