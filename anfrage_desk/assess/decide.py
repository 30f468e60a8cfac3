"""The verdict of one weighed answer: the fitted weights decide, the signals explain.

The rules of ``weigh`` find what was asked and not given and which phrases dodge; the fitted
weights (``fitted.py``) turn those signals into the probability that a careful staffer would
write a Nachfrage. The reasons shown are the signals that pushed the decision, each with its span.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from anfrage_desk.assess.result import Analysis, Assessment, Reason
from anfrage_desk.assess.signals import collect
from anfrage_desk.model import Verdict

if TYPE_CHECKING:
    from anfrage_desk.assess.judge import Judge

# What a signal means when it pushed an answer towards "not clear" and no rule already said so.
EXPLAIN = {
    "assessment_without_stance": (
        "no_position",
        "Gefragt war eine Bewertung oder Einschätzung; die Antwort bezieht keine Position.",
    ),
    "number_without_figure": ("no_number", "Gefragt war eine Zahl; die Antwort nennt keine."),
    "measures_without_substance": (
        "no_measures",
        "Gefragt waren Maßnahmen; die Antwort nennt keine konkrete.",
    ),
    "cue_elsewhere": (
        "elsewhere",
        "Die Antwort verweist auf eine andere Quelle („{q}“), statt das Gefragte zu nennen.",
    ),
    "cue_competence": ("competence", "Die Antwort verweist auf eine andere Zuständigkeit („{q}“)."),
    "cue_deferral": ("deferral", "Die Antwort vertagt die Sache („{q}“)."),
    "cue_unavailable": ("unavailable", "Die erfragte Angabe wird nicht gemacht („{q}“)."),
    "cue_not_known": ("unavailable", "Die Antwort sagt, dazu liege nichts vor („{q}“)."),
    "cue_refusal": ("refusal", "Die erfragte Angabe wird verweigert („{q}“)."),
    "cue_secrecy": (
        "secrecy",
        "Die Auskunft wird mit Verweis auf Geheimhaltung verweigert („{q}“).",
    ),
    "cue_hedge": ("hedge", "Die Antwort bleibt unverbindlich („{q}“)."),
    "short": ("too_short", "Die Antwort ist sehr knapp und geht auf das Gefragte kaum ein."),
    "parts": ("parts_open", "Die Frage hat mehrere Teile; die Antwort deckt sie nicht alle ab."),
    "joint": (
        "joint_answer",
        "Mehrere Fragen erhalten eine gemeinsame Antwort; der eigene Punkt dieser Frage bleibt "
        "darin offen.",
    ),
    "breakdown_without_figures": (
        "no_breakdown",
        "Erbeten war eine Aufschlüsselung; die Antwort nennt kaum Zahlen.",
    ),
    "asks_assessment": (
        "no_position",
        "Gefragt war eine Bewertung; die Antwort beschreibt nur, ohne sich festzulegen.",
    ),
}
_CONTEXT = frozenset({"joint"})
# Rule outcomes that decide on their own: a phrase the user marked as evasive, and the two
# skipped parts the corpus conventions name outright (no corpus answer with them is clear).
DECISIVE = frozenset({"user_phrase", "part_skipped", "reason_missing"})
ANSWERED = (
    "answered",
    "Die Antwort geht auf die Frage ein: Es fehlt keine erfragte Zahl, kein Datum und keine "
    "Stelle, und keine Formulierung weicht aus.",
)
FALLBACK = (
    "weighed_vague",
    "Die Gewichtung aller Merkmale spricht dafür, dass das Gefragte nicht gegeben wird.",
)


def decide(j: Judge, refs: tuple[str, ...], some: bool) -> Analysis:
    """Verdict, score and reasons for an answer that ``weigh`` has filled in."""
    signals = collect(j)
    p = j.model.probability(signals.values)
    refers = refs[0] if refs else None
    decisive = any(r.code in DECISIVE for r in j.negative)
    if p < j.model.threshold and not decisive:
        kept = tuple(_outweighed(r) for r in j.negative) + tuple(j.positive)
        if not kept:  # a clear verdict is explained too, if only by what was not found
            kept = (j.reason(*ANSWERED),)
        assessment = Assessment(Verdict.CLEAR, round(1.0 - p, 3), kept, refers, j.asks)
        return Analysis(assessment, refs, False, signals=signals.values)
    # The weights found the answer not clear: a cue the rules had excused counts as a reason.
    excused = {id(pos) for pos, _ in j.outweighed}
    codes = {r.code for r in j.negative}
    negative = list(j.negative)
    for _, own in j.outweighed:
        if own.code not in codes:
            negative.append(own)
            codes.add(own.code)
    positive = [r for r in j.positive if id(r) not in excused]
    if not negative:
        negative = _explain(j, signals.values, signals.spans)
    partial = some and bool(positive) and len(j.parts) > 1 and p < 0.8
    verdict = Verdict.PARTIAL if partial else Verdict.VAGUE
    assessment = Assessment(verdict, round(1.0 - p, 3), tuple(negative + positive), refers, j.asks)
    return Analysis(assessment, refs, False, signals=signals.values)


def _outweighed(reason: Reason) -> Reason:
    """A possible gap beside a real answer is shown, but as outweighed by what is given."""
    text = f"{reason.message.rstrip('.')} – insgesamt überwiegt aber das Gegebene."
    return Reason("cue_outweighed", text, reason.start, reason.end)


def _explain(j: Judge, values: dict[str, float], spans: dict[str, tuple[int, int]]) -> list[Reason]:
    """The strongest signals towards "not clear" as reasons (at most two)."""
    reasons: list[Reason] = []
    # "a joint answer" only says where a gap is likely; what the answer does not give comes first
    ranked = sorted(j.model.contributions(values), key=lambda c: c[0] in _CONTEXT)
    for name, push in ranked:
        if push <= 0 or name not in EXPLAIN:
            continue
        code, message = EXPLAIN[name]
        start, end = spans.get(name, (0, 0))
        if "{q}" in message:
            if end <= start:
                continue
            message = message.format(q=j.quote(start, end))
        reasons.append(j.reason(code, message, start, end))
        if len(reasons) == 2:
            break
    if not reasons:
        reasons.append(j.reason(*FALLBACK))
    return reasons
