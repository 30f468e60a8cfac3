"""Follow-ups end to end through the services: the example inquiry, its Nachfrage, reminders."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from anfrage_desk.model import InquiryKind, Status, Verdict
from anfrage_desk.progress import Progress
from anfrage_desk.services import ServiceError
from anfrage_desk.services import followups as service
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.services.example import load_example
from anfrage_desk.store import followups, inquiries


def docx_text(path: Path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_followup_for_sample_asks_about_unclear_answers_only(db, tmp_path):
    inquiry_id, _ = load_example(db)
    items = service.draft_followup(db, inquiry_id)
    assert [i.label for i in items if i.selected] == ["3", "4", "6"]
    out = tmp_path / "nachfrage.docx"
    child_id, _ = service.create_followup(db, inquiry_id, items, out)
    text = docx_text(out)
    assert "Zeitplanung kann aktuell nicht benannt werden" in text  # quoted answer to Q3
    assert "Siehe Antwort zu 3" in text  # quoted answer to Q4
    assert "festes Team" in text  # quoted answer to Q6
    assert "Aus welchen Fachdiensten" in text  # quoted question 6
    assert "Fachbereich A" not in text  # Q5 was clear
    assert "Gesamtkonzept liegt noch nicht vor" not in text  # Q2 was clear
    assert "15.05.2024" in text and "29.04.2024" in text
    assert "konkreten Zeitpunkt" in text  # drafted from the no_date reason
    child = inquiries.get_inquiry(db, child_id)
    assert child is not None and child.kind == InquiryKind.NACHFRAGE
    assert child.parent_id == inquiry_id
    assert [q.label for q in child.questions] == ["1", "2", "3"]
    parent = inquiries.get_inquiry(db, inquiry_id)
    assert parent is not None and parent.status == Status.FOLLOWED_UP
    links = followups.followups_for(db, inquiry_id)
    assert [f.child_inquiry_id for f in links] == [child_id]
    quotes = [
        p for p in Document(str(out)).paragraphs if p.style.name in ("Quote", "Intense Quote")
    ]
    assert quotes, "original question and answer are quoted visibly"


def test_drafts_follow_the_reasons(db):
    inquiry_id, _ = load_example(db)
    by_label = {i.label: i for i in service.draft_followup(db, inquiry_id)}
    assert "Zeitpunkt" in by_label["3"].text
    assert "Frage 3" in by_label["4"].text and "verweist" in by_label["4"].text
    assert by_label["2"].verdict == Verdict.CLEAR and not by_label["2"].selected


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        (("refusal", "gives_number"), "lehnen Sie die Auskunft ab"),
        (("secrecy",), "Geheimhaltung"),
        (("elsewhere",), "andere Quelle"),
        (("hedge",), "unverbindlich"),
        (("no_position",), "Bewertung"),
        (("part_skipped",), "Teil der Frage"),
        (("parts_open",), "Teil der Frage"),
        (("joint_answer",), "gesondert"),
        # what the answer gives never picks the text: the gap does
        (("gives_date", "unavailable"), "nicht vorliegen"),
    ],
)
def test_each_kind_of_gap_gets_its_own_nachfrage(codes, expected):
    from anfrage_desk.model import Reason

    reasons = [Reason(code, "") for code in codes]
    text = service.draft_question("2", "Wie viele?", reasons, Verdict.VAGUE, None)
    assert expected in text


def test_nothing_selected_is_refused_and_writes_nothing(db, tmp_path):
    inquiry_id, _ = load_example(db)
    items = [
        i.__class__(**{**i.__dict__, "selected": False})
        for i in service.draft_followup(db, inquiry_id)
    ]
    before = inquiries.count_live(db)
    with pytest.raises(ServiceError, match="mindestens eine Frage"):
        service.create_followup(db, inquiry_id, items, tmp_path / "x.docx")
    assert inquiries.count_live(db) == before
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_gives_message_and_no_followup(db, tmp_path):
    inquiry_id, _ = load_example(db)
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    before = inquiries.count_live(db)
    with pytest.raises(ServiceError):
        service.create_followup(
            db, inquiry_id, service.draft_followup(db, inquiry_id), folder / "n.docx"
        )
    assert inquiries.count_live(db) == before


def test_unwritable_target_rolls_back(db, tmp_path):
    inquiry_id, _ = load_example(db)
    before = inquiries.count_live(db)
    target = tmp_path / "missing-folder" / "sub" / "n.docx"
    target.parent.parent.write_text("a file where a folder should be")
    with pytest.raises(ServiceError):
        service.create_followup(db, inquiry_id, service.draft_followup(db, inquiry_id), target)
    assert inquiries.count_live(db) == before
    parent = inquiries.get_inquiry(db, inquiry_id)
    assert parent is not None and parent.status == Status.ANSWERED


def _overdue_inquiry(db, title="Radwege: Planung / Zeitplan?"):
    from anfrage_desk.model import Inquiry, Question

    inquiry_id, _ = inquiry_service.create_inquiry(
        db,
        Inquiry(
            None,
            title,
            addressee_name="Herrn Oberbürgermeister",
            questions=(Question(None, "1", "Wann?"),),
        ),
    )
    inquiry_service.submit_inquiry(db, inquiry_id, date(2024, 3, 1))
    return inquiry_id


def test_reminder_cites_dates_and_days_overdue(db, tmp_path):
    inquiry_id = _overdue_inquiry(db)
    out = service.export_reminder(db, inquiry_id, tmp_path / "e.docx", today=date(2024, 4, 15))
    text = docx_text(out)
    due = inquiries.get_inquiry(db, inquiry_id).due_on
    assert "01.03.2024" in text and due.strftime("%d.%m.%Y") in text
    assert f"{(date(2024, 4, 15) - due).days} Tage" in text
    assert "29.04.2024" in text  # new date: two weeks later, a working day


def test_reminder_for_inquiry_not_overdue_is_refused(db, tmp_path):
    inquiry_id = _overdue_inquiry(db)
    with pytest.raises(ServiceError, match="nicht überfällig"):
        service.export_reminder(db, inquiry_id, tmp_path / "e.docx", today=date(2024, 3, 5))


def test_batch_reminders_never_overwrite_and_use_safe_names(db, db_path, tmp_path):
    ids = [_overdue_inquiry(db, 'A/B: "Test" <x> | y*?'), _overdue_inquiry(db, "Zweite")]
    folder = tmp_path / "out"
    folder.mkdir()
    from anfrage_desk.services.common import set_clock

    set_clock(lambda: date(2024, 5, 1))
    existing = folder / service.default_reminder_name(db, ids[1])
    existing.write_bytes(b"keep me")
    try:
        written, skipped = service.export_reminders(db_path, ids, folder, Progress())
    finally:
        set_clock(None)
    assert len(written) == 2 and not skipped
    assert existing.read_bytes() == b"keep me"
    names = {p.name for p in written}
    assert all(not set('/:*?"<>|') & set(n) for n in names)
    assert any(n.endswith("(2).docx") for n in names)


def test_a_joint_answer_is_quoted_once_below_its_questions(db, tmp_path):
    from anfrage_desk.model import Inquiry, Question
    from anfrage_desk.services import answers as answer_service

    questions = (
        Question(None, "1", "Wie viele Anträge wurden 2024 gestellt?", 0),
        Question(None, "2", "Wie viele Anträge wurden abgelehnt?", 1),
        Question(None, "3", "Wie viele Klagen gab es gegen Ablehnungen?", 2),
    )
    with db.atomic():
        inquiry_id = inquiries.insert_inquiry(
            db,
            Inquiry(
                None,
                "Anträge",
                submitted_on=date(2024, 4, 2),
                status=Status.SUBMITTED,
                questions=questions,
            ),
        )
    letter = (
        "Musterstadt, 15.05.2024\n\nZu Frage 1:\nEs wurden 412 Anträge gestellt.\n\n"
        "Zu den Fragen 2 und 3:\nHierzu liegen keine Zahlen vor.\n"
    )
    answer_service.import_answer(db, inquiry_id, answer_service.pasted_letter(letter))
    items = service.draft_followup(db, inquiry_id)
    assert [i.label for i in items if i.selected] == ["2", "3"]
    out = tmp_path / "nachfrage.docx"
    service.create_followup(db, inquiry_id, items, out)
    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    text = "\n".join(paragraphs)
    assert text.count("Hierzu liegen keine Zahlen vor.") == 1
    assert "Ihre gemeinsame Antwort zu den Fragen 2 und 3" in text
    # both questions are quoted above the joint answer, both asked again below it
    assert text.index("abgelehnt?") < text.index("Klagen gab es") < text.index("Hierzu liegen")
    asked = [p for p in paragraphs if "Zahlen bzw. Beträge" in p]
    assert len(asked) == 2
