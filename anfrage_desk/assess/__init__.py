"""Did the administration really answer? Verdict per question/answer pair, with reasons.

The assessment is deterministic and explainable: every verdict comes with reasons that quote the
phrase that gave it away (a span in the answer text). It follows the conventions of the corpus
README: an answer is vague when the dates, figures, names or yes/no asked for are not given, when
it defers, says the information cannot be given, dodges by competence or secrecy, skips a distinct
part of the question, talks around a yes/no question, or only refers to another answer that is
itself vague. It is clear otherwise — conservatively: "not known" is an answer when knowledge was
asked, a rejected premise is an answer, a conditional question whose condition was answered the
other way is moot, and a "wird geprüft" beside a real answer does not make it evasive.

Modules: ``text`` (normalised text with offsets), ``question`` (what a question asks), ``evidence``
(figures, dates, yes/no in an answer), ``phrases`` (user-extendable cue lists), ``judge`` and
``weigh`` (the decision for one answer), ``letter`` (referrals and sections across one letter).

Phrase lists live in resources/phrases/*.txt and can be extended by users; phrases a user marks as
evasive are passed in through :func:`load_phrasebook`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from anfrage_desk.assess.fitted import Model, default_model
from anfrage_desk.assess.judge import analyze
from anfrage_desk.assess.letter import focus_section, label_key, resolve, shift
from anfrage_desk.assess.phrases import PhraseBook, default_phrasebook
from anfrage_desk.assess.question import analyze_question
from anfrage_desk.assess.result import Analysis, Assessment, ItemLike, Reason

__all__ = [
    "Assessment",
    "ItemLike",
    "PhraseBook",
    "Reason",
    "analyze_question",
    "assess_answer",
    "assess_items",
    "Model",
    "analyze_items",
    "default_model",
    "load_phrasebook",
]


def load_phrasebook(extra_evasive: Iterable[str] = ()) -> PhraseBook:
    """The default phrase lists (compiled once) plus phrases the user marked as evasive."""
    book = default_phrasebook()
    extra = [p for p in extra_evasive if p and p.strip()]
    return book.with_user(extra) if extra else book


def assess_answer(
    question: str | None, answer: str | None, phrases: PhraseBook | None = None
) -> Assessment:
    """Assess one answer against its question (references stay unresolved: see assess_items)."""
    return analyze(question, answer, phrases or load_phrasebook()).assessment


def assess_items(
    items: Sequence[ItemLike], phrases: PhraseBook | None = None, model: Model | None = None
) -> list[Assessment]:
    """Assess all items of one letter and resolve "Siehe Antwort zu 3" between them.

    When an item's answer text still holds the sections of other questions ("Zu Frage 1: …
    Zu Frage 2: …", an over-long split), only the section headed with the item's own label is
    judged; spans are given in the item's full answer text all the same.
    """
    book = phrases or load_phrasebook()
    model = model or default_model()
    labels = [label_key(item.label) for item in items]
    analyses = analyze_items(items, book, model)
    by_label = {key: i for i, key in enumerate(labels)}
    result: list[Assessment] = []
    for i, analysis in enumerate(analyses):
        if not analysis.reference_only or not analysis.refs:
            result.append(analysis.assessment)
            continue
        result.append(resolve(i, items, analyses, by_label, book, model))
    return result


def analyze_items(items: Sequence[ItemLike], book: PhraseBook, model: Model) -> list[Analysis]:
    """Each item on its own, referrals unresolved (``Analysis.signals`` feed the fitting)."""
    # one answer text for several questions: a joint answer (compared with whitespace collapsed)
    keys = [" ".join((item.answer or "").split()) for item in items]
    counts = Counter(key for key in keys if key)
    return [
        _analyze_item(item, book, model, counts[key] > 1)
        for item, key in zip(items, keys, strict=True)
    ]


def _analyze_item(item: ItemLike, book: PhraseBook, model: Model, joint: bool) -> Analysis:
    answer = item.answer
    section = focus_section(answer, item.label) if answer else None
    if section is None or answer is None:
        return analyze(item.question, answer, book, model, joint)
    start, end = section
    return shift(analyze(item.question, answer[start:end], book, model, joint), start)


def clear_caches() -> None:
    """Forget cached question and answer analyses (benchmarks measure a letter seen first)."""
    from anfrage_desk.assess.evidence import find_evidence
    from anfrage_desk.assess.question import split_parts
    from anfrage_desk.assess.text import prepare

    split_parts.cache_clear()
    prepare.cache_clear()
    find_evidence.cache_clear()
    default_phrasebook().memo.clear()
