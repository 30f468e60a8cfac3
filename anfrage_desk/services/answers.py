"""Use cases around answer letters: analyze, import, review, confirm, teach phrases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from anfrage_desk.importers import ImportedText, UnreadableFile, read_document, read_text_bytes
from anfrage_desk.lazy import lazy_module
from anfrage_desk.model import Answer, AnswerLetter, Reason, Status, Verdict
from anfrage_desk.progress import Progress
from anfrage_desk.services import answer_merge
from anfrage_desk.services.common import Changes, ServiceError, today
from anfrage_desk.store import Database, answers, change_log, inquiries, phrases, settings
from anfrage_desk.textclean import clean_text

if TYPE_CHECKING:
    from anfrage_desk import assess, segment
else:  # imported on first use: the window's first paint needs neither
    assess = lazy_module("anfrage_desk.assess")
    segment = lazy_module("anfrage_desk.segment")


@dataclass(frozen=True)
class AnalyzedItem:
    """One numbered item of an answer letter, split and assessed."""

    label: str
    question: str | None
    answer: str | None
    verdict: Verdict
    score: float
    refers_to: str | None
    joint_with: tuple[str, ...]
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Analysis:
    meta: segment.LetterMeta
    items: tuple[AnalyzedItem, ...]
    problems: tuple[str, ...]


def phrasebook(db: Database | None) -> assess.PhraseBook:
    extra = phrases.evasive_phrases(db) if db is not None else []
    return assess.load_phrasebook(extra)


MODEL_SETTING = "assess.weights"


def has_refit(db: Database) -> bool:
    """True when the assessment runs on weights re-fitted on this office's corrections."""
    stored = settings.get_setting(db, MODEL_SETTING)
    return bool(stored) and _model_from(stored) is not assess.default_model()


"""Settings key of the weights an office re-fitted from its corrections (JSON; none: shipped)."""


def assessment_model(db: Database | None) -> assess.Model:
    """The weights in force for this database: the office's re-fit, else the shipped ones."""
    stored = settings.get_setting(db, MODEL_SETTING) if db is not None else ""
    return _model_from(stored) if stored else assess.default_model()


@lru_cache(maxsize=4)
def _model_from(text: str) -> assess.Model:
    try:
        model = assess.Model.from_json(text)
    except (ValueError, KeyError, TypeError):
        return assess.default_model()  # a damaged setting must not stop the assessment
    from anfrage_desk.assess.signals import NAMES  # the assessment loads lazily

    if set(model.weights) != set(NAMES):
        # re-fitted for the signals of an earlier version: the shipped weights apply until the
        # office learns again from its corrections (they are kept)
        return assess.default_model()
    return model


def _reasons(found: Sequence[object]) -> tuple[Reason, ...]:
    return tuple(
        Reason(
            str(getattr(r, "code", "")),
            str(getattr(r, "message", "")),
            int(getattr(r, "start", 0)),
            int(getattr(r, "end", 0)),
        )
        for r in found
    )


def analyze_text(
    text: str,
    questions: Sequence[segment.ParsedQuestion] | None = None,
    book: assess.PhraseBook | None = None,
    model: assess.Model | None = None,
) -> Analysis:
    """Split an answer letter into numbered items and assess each (pure, no database)."""
    split = segment.split_letter(clean_text(text), questions)
    assessments = assess.assess_items(split.items, book, model)
    items = tuple(
        AnalyzedItem(
            label=item.label,
            question=item.question,
            answer=item.answer,
            verdict=a.verdict,
            score=a.score,
            refers_to=a.refers_to,
            joint_with=item.joint_with,
            reasons=_reasons(a.reasons),
        )
        for item, a in zip(split.items, assessments, strict=True)
    )
    return Analysis(split.meta, items, split.problems)


MAX_LETTER_CHARS = 1_000_000
"""About 400 pages: far beyond any answer letter, and still assessed in seconds."""


def check_length(text: str) -> None:
    """Refuse absurdly long texts (a wrong file, a whole data dump) before splitting them."""
    if len(text) > MAX_LETTER_CHARS:
        size, limit = f"{len(text):,}".replace(",", "."), f"{MAX_LETTER_CHARS:,}".replace(",", ".")
        raise ServiceError(
            f"Das Schreiben ist mit {size} Zeichen zu lang (höchstens {limit} Zeichen, etwa "
            "400 Seiten). Bitte nur den Teil mit den Antworten einlesen."
        )


def read_letter(path: Path) -> ImportedText:
    """Read a letter file; UnreadableFile becomes a ServiceError with the same German text."""
    try:
        document = read_document(path)
    except UnreadableFile as exc:
        raise ServiceError(str(exc)) from exc
    check_length(document.text)
    return document


def pasted_letter(text: str) -> ImportedText:
    cleaned = clean_text(text)
    if not cleaned.strip():
        raise ServiceError("Der eingefügte Text ist leer.")
    check_length(cleaned)
    return ImportedText(
        text=cleaned, file_name="eingefuegt.txt", data=cleaned.encode("utf-8"), kind="txt"
    )


def letter_from_bytes(name: str, data: bytes) -> ImportedText:
    try:
        text = read_text_bytes(data)
    except UnreadableFile as exc:
        raise ServiceError(str(exc)) from exc
    return ImportedText(text=text, file_name=name, data=data, kind="txt")


class DuplicateLetter(ServiceError):
    """The same letter text is already logged for this inquiry."""


def logged_copy(db: Database, inquiry_id: int, text: str) -> AnswerLetter | None:
    """The letter of this inquiry with the same text (whitespace aside), if one is logged."""
    wanted = " ".join(clean_text(text).split())
    for letter in answers.letters_for(db, inquiry_id):
        if " ".join(letter.raw_text.split()) == wanted:
            return letter
    return None


def duplicate_message(letter: AnswerLetter) -> str:
    received = letter.received_on.strftime("%d.%m.%Y") if letter.received_on else "?"
    return (
        f"Dieses Antwortschreiben ist zu der Anfrage bereits erfasst "
        f"(eingegangen am {received}); es wurde nicht noch einmal gespeichert."
    )


def import_answer(
    db: Database,
    inquiry_id: int,
    document: ImportedText,
    received_on: date | None = None,
    allow_duplicate: bool = False,
) -> tuple[int, Changes]:
    """Log an answer letter against an inquiry: split, assess, store letter and answers.

    Everything happens in one transaction; on any error nothing is written. The same text
    logged twice raises DuplicateLetter unless `allow_duplicate` (the user confirmed it).
    """
    # File names may carry lone surrogates (undecodable bytes on Linux) that SQLite rejects.
    document = replace(
        document,
        text=clean_text(document.text),
        file_name=clean_text(document.file_name).strip() or "Antwortschreiben",
    )
    if not document.text.strip():
        raise ServiceError("Das Antwortschreiben enthält keinen Text.")
    check_length(document.text)
    inquiry = inquiries.get_inquiry(db, inquiry_id)
    if inquiry is None:
        raise ServiceError(f"Es gibt keine Anfrage mit der Nummer {inquiry_id}.")
    if not inquiry.questions:
        raise ServiceError(
            "Die Anfrage hat noch keine Fragen, denen Antworten zugeordnet werden können."
        )
    if not allow_duplicate and (copy := logged_copy(db, inquiry_id, document.text)):
        raise DuplicateLetter(duplicate_message(copy))
    parsed = [segment.ParsedQuestion(q.label, q.text) for q in inquiry.questions]
    analysis = analyze_text(document.text, parsed, phrasebook(db), assessment_model(db))
    by_label = {item.label: item for item in analysis.items}
    if received_on is None:  # the letter's own date, unless it lies in the future
        letter_date = analysis.meta.date
        received_on = letter_date if letter_date and letter_date <= today() else today()
    letter = AnswerLetter(
        None,
        inquiry_id,
        received_on=received_on,
        letter_date=analysis.meta.date,
        refers_to_date=analysis.meta.refers_to_date,
        sender=analysis.meta.sender,
        reference=analysis.meta.reference,
        raw_text=document.text,
        file_name=document.file_name,
        problems=analysis.problems,
    )
    answer_ids: set[int] = set()
    with db.atomic():
        letter_id = answers.insert_letter(db, letter, document.data)
        for question in inquiry.questions:
            assert question.id is not None
            item = by_label.get(question.label)
            answer = Answer(
                None,
                question.id,
                letter_id,
                text=item.answer if item else None,
                verdict=item.verdict if item else Verdict.MISSING,
                score=item.score if item else 0.0,
                reasons=item.reasons if item else (),
                refers_to=item.refers_to if item else None,
                joint_with=item.joint_with if item else (),
            )
            answer_ids.add(answers.insert_answer(db, answer))
        if inquiry.status in (Status.DRAFT, Status.SUBMITTED):
            inquiries.set_status(db, inquiry_id, Status.ANSWERED)
        from anfrage_desk.store import search

        search.reindex_inquiry(db, inquiry_id)
    return letter_id, Changes(inquiries=frozenset({inquiry_id}), answers=frozenset(answer_ids))


def import_letters(db_path: Path, jobs: Sequence[tuple[int, Path]], progress: Progress) -> Changes:
    """Batch import (worker thread): one connection of its own, one letter per step."""
    from anfrage_desk.store import open_db

    db = open_db(db_path)
    changes = Changes()
    try:
        for done, (inquiry_id, path) in enumerate(jobs):
            progress.step(done, len(jobs))
            try:
                _, changed = import_answer(db, inquiry_id, read_letter(path))
            except DuplicateLetter:
                continue  # already logged: a second copy would only double the answers
            changes = changes | changed
        progress.step(len(jobs), len(jobs))
    finally:
        db.close()
    return changes


@dataclass(frozen=True)
class AnswerEdit:
    """What the review view hands over for one answer."""

    answer_id: int
    text: str | None
    user_verdict: Verdict | None
    note: str = ""
    # The answer as the user found it (team mode: a change by another seat meanwhile is
    # merged in, or raises AnswerConflict); None saves without that check.
    base: Answer | None = None


@dataclass(frozen=True)
class AnswerVerdicts:
    letter_id: int
    edits: tuple[AnswerEdit, ...]
    confirm: bool = True


def reassess(
    db: Database,
    answer_list: Sequence[Answer],
    book: assess.PhraseBook | None = None,
    model: assess.Model | None = None,
) -> list[Answer]:
    """New machine verdicts for answers of one letter (references resolved within it)."""
    if not answer_list:
        return []
    letter_id = answer_list[0].letter_id
    all_answers = answers.answers_for_letter(db, letter_id)
    inquiry_id = answers.inquiry_of_answer(db, all_answers[0].id or 0) if all_answers else None
    questions = {q.id: q for q in inquiries.get_questions(db, inquiry_id)} if inquiry_id else {}
    replaced = {a.id: a for a in answer_list}
    current = [replaced.get(a.id, a) for a in all_answers]
    items = [
        segment.SplitItem(
            questions[a.question_id].label, questions[a.question_id].text, a.text, a.joint_with
        )
        for a in current
        if a.question_id in questions
    ]
    results = assess.assess_items(items, book or phrasebook(db), model or assessment_model(db))
    out = []
    for a, result in zip(current, results, strict=True):
        out.append(
            replace(
                a,
                verdict=result.verdict,
                score=result.score,
                reasons=_reasons(result.reasons),
                refers_to=result.refers_to,
            )
        )
    return out


def save_review(db: Database, verdicts: AnswerVerdicts) -> Changes:
    """Store corrected texts and user verdicts, reassess what changed, optionally confirm."""
    with db.atomic():
        letter = answers.get_letter(db, verdicts.letter_id)
        if letter is None:
            raise ServiceError("Das Antwortschreiben existiert nicht mehr.")
        stored = {a.id: a for a in answers.answers_for_letter(db, verdicts.letter_id)}
        merged = answer_merge.merged_edits(db, stored, verdicts.edits, letter.inquiry_id)
        edited: list[Answer] = []
        for edit in merged:
            current = stored.get(edit.answer_id)
            if current is None:
                raise ServiceError("Eine Antwort gehört nicht zu diesem Schreiben.")
            text = clean_text(edit.text).strip() if edit.text and edit.text.strip() else None
            edited.append(
                replace(
                    current, text=text, user_verdict=edit.user_verdict, note=clean_text(edit.note)
                )
            )
        touched: set[int] = set()
        for answer in reassess(db, edited):
            keep = next((e for e in edited if e.id == answer.id), None)
            if keep is not None:
                answer = replace(answer, user_verdict=keep.user_verdict, note=keep.note)
            answers.update_answer(db, answer)
            assert answer.id is not None
            touched.add(answer.id)
        if merged:
            change_log.record(db, letter.inquiry_id, f"Antworten bearbeitet ({len(merged)})")
        if verdicts.confirm:
            answers.confirm_letter(db, verdicts.letter_id)
        from anfrage_desk.store import search

        search.reindex_inquiry(db, letter.inquiry_id)
    # Reassessment may change answers that were not edited (a reference to an edited answer).
    return Changes(inquiries=frozenset({letter.inquiry_id}), answers=frozenset(touched))


def confirm_answers(db: Database, verdicts: AnswerVerdicts) -> Changes:
    return save_review(db, replace(verdicts, confirm=True))


def mark_phrase_evasive(db: Database, phrase: str) -> Changes:
    """Remember a phrase as evasive and reassess every answer that contains it."""
    phrase = " ".join(clean_text(phrase).split())
    if len(phrase) < 4:
        raise ServiceError("Bitte markieren Sie eine Formulierung mit mindestens vier Zeichen.")
    with db.atomic():
        phrases.add_evasive_phrase(db, phrase)
        book = phrasebook(db)
        by_letter: dict[int, list[Answer]] = {}
        for answer in answers.answers_containing(db, phrase):
            by_letter.setdefault(answer.letter_id, []).append(answer)
        return store_reassessed(db, list(by_letter.values()), book)


def store_reassessed(
    db: Database,
    groups: Sequence[Sequence[Answer]],
    book: assess.PhraseBook,
    model: assess.Model | None = None,
    only_changed: bool = False,
    progress: Progress | None = None,
) -> Changes:
    """Reassess each group (answers of one letter) and store the new machine verdicts of all
    answers of that letter (a referral may follow a changed answer).

    With ``only_changed`` an answer whose verdict, reasons and score stay the same is neither
    written nor reported.
    """
    changed_inquiries: set[int] = set()
    changed_answers: set[int] = set()
    for done, group in enumerate(groups):
        if progress is not None:
            progress.step(done, len(groups))
        before = {a.id: (a.verdict, a.reasons, a.score) for a in group}
        for new in reassess(db, group, book, model):
            if only_changed and before.get(new.id) == (new.verdict, new.reasons, new.score):
                continue
            answers.update_answer(db, new)
            assert new.id is not None
            changed_answers.add(new.id)
            inquiry_id = answers.inquiry_of_answer(db, new.id)
            if inquiry_id is not None:
                changed_inquiries.add(inquiry_id)
    if progress is not None:
        progress.step(len(groups), len(groups))
    return Changes(inquiries=frozenset(changed_inquiries), answers=frozenset(changed_answers))


@dataclass(frozen=True)
class LetterMetaEdit:
    """The letter data the review view lets the user correct."""

    letter_id: int
    received_on: date | None
    letter_date: date | None
    refers_to_date: date | None
    sender: str
    reference: str


def save_letter_meta(db: Database, edit: LetterMetaEdit) -> Changes:
    """Store corrected letter data (dates, sender, reference) detected at import."""
    letter = answers.get_letter(db, edit.letter_id)
    if letter is None:
        raise ServiceError("Das Antwortschreiben existiert nicht mehr.")
    if edit.received_on is None:
        raise ServiceError("Bitte geben Sie an, wann das Antwortschreiben eingegangen ist.")
    if edit.letter_date and edit.refers_to_date and edit.refers_to_date > edit.letter_date:
        raise ServiceError(
            "Das Datum der Anfrage („Ihre Anfrage vom“) liegt nach dem Datum des Schreibens. "
            "Bitte prüfen Sie die beiden Daten."
        )
    updated = replace(
        letter,
        received_on=edit.received_on,
        letter_date=edit.letter_date,
        refers_to_date=edit.refers_to_date,
        sender=" ".join(clean_text(edit.sender).split()),
        reference=" ".join(clean_text(edit.reference).split()),
    )
    if updated == letter:
        return Changes()
    with db.atomic():
        answers.update_letter_meta(db, updated)
    return Changes(inquiries=frozenset({letter.inquiry_id}))


def original_file(db: Database, letter_id: int) -> tuple[str, bytes]:
    """The file the letter was imported from, byte for byte, with its name."""
    found = answers.letter_file(db, letter_id)
    if found is None:
        raise ServiceError("Zu diesem Antwortschreiben ist keine Originaldatei gespeichert.")
    return found


def save_original(db: Database, letter_id: int, target: Path) -> Path:
    """Write the original file of a letter to ``target`` (the user chose it)."""
    _, data = original_file(db, letter_id)
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise ServiceError(
            f"Die Datei {target.name} konnte nicht gespeichert werden ({exc.strerror or exc})."
        ) from exc
    return target
