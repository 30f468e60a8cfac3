"""The assessment learns from the office: re-fit the weights on the verdicts users corrected.

Every verdict a user overrode is an example. The re-fit starts from the shipped weights and
moves them as far as the corrections require (``assess.training.refit``); it is shown before it
is applied (how many corrections the machine now agrees with, which verdicts of the corrected
letters change), stored in the database's settings, applied to every stored answer, and can be
taken back (the weights before the re-fit are kept).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from anfrage_desk import assess, segment
from anfrage_desk.assess.training import Example, refit
from anfrage_desk.model import Answer, Verdict
from anfrage_desk.progress import Progress
from anfrage_desk.services.answers import (
    MODEL_SETTING,
    assessment_model,
    has_refit,
    phrasebook,
    reassess,
    store_reassessed,
)
from anfrage_desk.services.common import Changes, ServiceError
from anfrage_desk.store import Database, answers, open_db, settings

PREVIOUS_SETTING = MODEL_SETTING + ".previous"
MIN_CORRECTIONS = 3


@dataclass(frozen=True)
class Preview:
    """What a re-fit would do, for the user to decide."""

    model: assess.Model
    corrections: int  # answers with a user verdict that carry signals
    agree_before: int  # of those, how many the machine judged as the user did before
    agree_after: int  # … and after the re-fit
    changed: tuple[tuple[str, str, Verdict, Verdict], ...]  # (inquiry, label, before, after)


def _examples(db: Database, model: assess.Model) -> list[tuple[Answer, Example, Verdict]]:
    """Corrected answers as examples, with the machine verdict ``model`` gives them."""
    book = phrasebook(db)
    found: list[tuple[Answer, Example, Verdict]] = []
    for answer, label, question in answers.corrected_answers(db):
        item = segment.SplitItem(label, question, answer.text)
        analysis = assess.analyze_items([item], book, model)[0]
        if analysis.signals is None or answer.user_verdict is None:
            continue  # a referral or a missing answer: decided by rules, not by the weights
        truth = answer.user_verdict is not Verdict.CLEAR
        verdict = analysis.assessment.verdict  # weighed answers need no referral resolution
        found.append((answer, Example("office", truth, analysis.signals), verdict))
    return found


def _agree(examples: Sequence[tuple[Answer, Example, Verdict]]) -> int:
    return sum(1 for _, e, v in examples if (v is not Verdict.CLEAR) == e.truth)


def preview(db: Database) -> Preview:
    """The re-fit on the office's corrections, not yet applied."""
    base = assessment_model(db)
    before = _examples(db, base)
    if len(before) < MIN_CORRECTIONS:
        raise ServiceError(
            f"Zum Lernen braucht es mindestens {MIN_CORRECTIONS} korrigierte Bewertungen; "
            f"bisher sind es {len(before)}. Korrigieren Sie Bewertungen in der Prüfung der "
            "Antworten (Feld „Bewertung“)."
        )
    model = refit(base, [e for _, e, _ in before])
    after = _examples(db, model)
    changed: list[tuple[str, str, Verdict, Verdict]] = []
    for letter_id in sorted({a.letter_id for a, _, _ in before}):
        old = answers.answers_for_letter(db, letter_id)
        new = reassess(db, old, model=model)
        titles = answers.question_titles(db, letter_id)
        for a, b in zip(old, new, strict=True):
            if a.verdict != b.verdict and a.verdict is not None and b.verdict is not None:
                title, label = titles.get(a.question_id, ("", ""))
                changed.append((title, label, a.verdict, b.verdict))
    return Preview(model, len(before), _agree(before), _agree(after), tuple(changed))


def _reassess_all(db: Database, model: assess.Model, progress: Progress) -> Changes:
    groups = [answers.answers_for_letter(db, i) for i in answers.all_letter_ids(db)]
    return store_reassessed(db, groups, phrasebook(db), model, only_changed=True, progress=progress)


def apply(db: Database, model: assess.Model, progress: Progress | None = None) -> Changes:
    """Store the re-fitted weights (keeping the ones before) and reassess every answer."""
    with db.atomic():
        settings.set_setting(db, PREVIOUS_SETTING, settings.get_setting(db, MODEL_SETTING))
        settings.set_setting(db, MODEL_SETTING, model.to_json())
        return _reassess_all(db, model, progress or Progress())


def undo(db: Database, progress: Progress | None = None) -> Changes:
    """Back to the weights before the last re-fit (the shipped ones after the first)."""
    if not has_refit(db):
        raise ServiceError("Es gibt keine gelernte Bewertung, die zurückgenommen werden könnte.")
    with db.atomic():
        settings.set_setting(db, MODEL_SETTING, settings.get_setting(db, PREVIOUS_SETTING))
        settings.set_setting(db, PREVIOUS_SETTING, "")
        return _reassess_all(db, assessment_model(db), progress or Progress())


def apply_at(db_path: Path, model: assess.Model, progress: Progress) -> Changes:
    """``apply`` on a connection of its own (for a worker thread)."""
    db = open_db(db_path)
    try:
        return apply(db, model, progress)
    finally:
        db.close()


def undo_at(db_path: Path, progress: Progress) -> Changes:
    """``undo`` on a connection of its own (for a worker thread)."""
    db = open_db(db_path)
    try:
        return undo(db, progress)
    finally:
        db.close()
