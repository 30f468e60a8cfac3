"""Letter-level steps: referrals between answers and the section that belongs to a label."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from anfrage_desk.assess.fitted import Model
from anfrage_desk.assess.judge import analyze
from anfrage_desk.assess.phrases import PhraseBook
from anfrage_desk.assess.result import Analysis, Assessment, ItemLike, Reason, worse
from anfrage_desk.model import Verdict

# A heading that opens the answer to one question: "Zu Frage 2:", "Zu 2.", "Antwort zu Frage 2:".
_HEADING = re.compile(
    r"(?:^|\n)[ \t]*(?:Zu\s+(?:Frage\s+|Nr\.\s*)?|Antwort\s+zu\s+(?:Frage\s+)?|Frage\s+)"
    r"(?P<n>\d{1,2}[a-z]?|[A-H])\s*[:.)]",
    re.IGNORECASE,
)


def label_key(label: str) -> str:
    return re.sub(r"[^0-9a-z]", "", label.lower())


def focus_section(answer: str, label: str) -> tuple[int, int] | None:
    """The span of the section headed with ``label`` when the text holds several sections.

    A joint answer has one heading ("Zu den Fragen 1 bis 3:") and is left whole; only a text
    with headings for at least two different questions, one of them this label, is cut.
    """
    heads = list(_HEADING.finditer(answer))
    keys = [label_key(m.group("n")) for m in heads]
    own = label_key(label)
    if len(set(keys)) < 2 or own not in keys:
        return None
    i = keys.index(own)
    start = heads[i].end()
    end = heads[i + 1].start() if i + 1 < len(heads) else len(answer)
    return (start, end) if answer[start:end].strip() else None


def item_text(item: ItemLike) -> str | None:
    answer = item.answer
    section = focus_section(answer, item.label) if answer else None
    return answer[section[0] : section[1]] if answer and section else answer


def shift(analysis: Analysis, offset: int) -> Analysis:
    """Move every span of ``analysis`` by ``offset`` characters (section -> whole answer)."""

    def move(reason: Reason) -> Reason:
        if reason.end <= reason.start:
            return reason
        return replace(reason, start=reason.start + offset, end=reason.end + offset)

    a = analysis.assessment
    moved = replace(a, reasons=tuple(move(r) for r in a.reasons))
    s, e = analysis.ref_span
    span = (s + offset, e + offset) if e > s else (s, e)
    return replace(analysis, assessment=moved, ref_span=span)


ABOVE = "oben"
"""The reference of "Siehe oben", "wie oben ausgeführt" (phrases/reference.txt)."""


def resolve(
    index: int,
    items: Sequence[ItemLike],
    analyses: list[Analysis],
    by_label: dict[str, int],
    book: PhraseBook,
    model: Model,
) -> Assessment:
    """The verdict of an answer that only refers to other answers ("Siehe Antwort zu 3")."""
    own = analyses[index]
    base = own.assessment
    targets: list[int] = []
    names: list[str] = []
    for ref in own.refs:
        seen = {index}
        if ref == ABOVE:  # "Siehe oben": the answer just above
            j: int | None = index - 1 if index > 0 else None
            names.append(items[index - 1].label if index > 0 else ref)
        else:
            j = by_label.get(label_key(ref))
            names.append(ref)
        while j is not None and j not in seen and analyses[j].reference_only and analyses[j].refs:
            seen.add(j)
            j = by_label.get(label_key(analyses[j].refs[0]))
        if j is not None and j not in seen:
            targets.append(j)
    start, end = own.ref_span
    refs_text = " und ".join(dict.fromkeys(names))
    if not targets:
        reason = Reason(
            "reference",
            f"Verweist nur auf die Antwort zu {refs_text}, die in diesem Schreiben nicht "
            "gefunden wurde.",
            start,
            end,
        )
        return replace(base, verdict=Verdict.VAGUE, score=0.3, reasons=(reason,))
    verdict = Verdict.CLEAR
    for j in targets:
        target = analyses[j].assessment
        # The referenced answer must answer THIS question too (a date asked here, …).
        again = analyze(items[index].question, item_text(items[j]), book, model).assessment
        verdict = worse(verdict, worse(target.verdict, again.verdict))
    if verdict is Verdict.CLEAR:
        reason = Reason(
            "reference",
            f"Verweist auf die Antwort zu {refs_text}, die die Frage beantwortet.",
            start,
            end,
        )
        return replace(base, verdict=Verdict.CLEAR, score=0.8, reasons=(reason,))
    label = "ausweichend" if verdict in (Verdict.VAGUE, Verdict.MISSING) else "unvollständig"
    reason = Reason(
        "reference_to_unclear",
        f"Verweist nur auf die Antwort zu {refs_text}, die selbst {label} ist.",
        start,
        end,
    )
    return replace(base, verdict=Verdict.VAGUE, score=0.25, reasons=(reason,))
