"""The signals of one answer that the fitted weights combine into a verdict.

Every signal is something a person can check in the texts: what the question asks for (a figure,
a date, a yes/no, an assessment …), what the answer gives (figures, dates, a yes or no, a
position), which phrases of ``resources/phrases`` it uses (a deferral, "liegt nicht vor", a
competence statement …) and what the rules concluded from them (a figure asked and none given, a
cue explained away by a real answer). Each signal is a number in [0, 1]; the span, where there is
one, is what the UI highlights when the signal decided the verdict.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from anfrage_desk.assess.evidence import LEADING_NO, LEADING_YES
from anfrage_desk.assess.question import applies
from anfrage_desk.assess.words import stems

if TYPE_CHECKING:
    from anfrage_desk.assess.judge import Judge

_I = re.IGNORECASE

# "Wie bewertet die Bundesregierung …?", "Teilt die Verwaltung die Einschätzung …?": a position
# is asked for, not a fact.
ASSESSMENT = re.compile(
    r"\b(?:bewertet|bewerten|beurteilt|beurteilen|einschätz\w*|schätzt|schätzen|einstuf\w*"
    r"|Auffassung|Ansicht|Haltung|Position|Meinung|Standpunkt|Sichtweise"
    r"|hält|halten)\b|\bteilt\b|\bteilen\b|\bsieht\b[^?]{0,80}\b(?:Anlass|Handlungsbedarf|Bedarf|"
    r"Notwendigkeit|Gefahr|Risiko)\b|\bWelche\s+Schlussfolgerung\w*|\bSchlüsse\b",
    _I,
)
# "Welche Maßnahmen …?", "Was unternimmt …?", "Welche Schritte …?": concrete measures are asked.
MEASURES = re.compile(
    r"\b(?:welche|mit\s+welchen)\s+(?:\w+\s+){0,2}?(?:Maßnahmen|Schritte|Konsequenzen|Instrumente"
    r"|Initiativen|Vorkehrungen)\b|\bwas\s+(?:unternimmt|tut|plant)\b",
    _I,
)

# A yes/no question whether something is known ("Liegen … Erkenntnisse vor", "Ist … bekannt").
KNOWLEDGE_CLAUSE = re.compile(
    r"\b(?:liegen|liegt|lagen)\b.*\bvor\b|\bbekannt\b|\b(?:Er)?[Kk]enntniss?e?\b"
    r"|\bInformationen\b|\bHinweise\b|\berfasst\b|\bweiß\b",
    _I,
)

NAMES = (
    "bias",
    # what was asked
    "asks_yes_no",
    "asks_date",
    "asks_number",
    "asks_actor",
    "asks_reason",
    "asks_list",
    "asks_known",
    "asks_assessment",
    "asks_measures",
    "parts",
    "joint",
    # what the answer gives
    "length",
    "short",
    "overlap",
    "gives_number",
    "gives_date",
    "gives_yes_no",
    "gives_stance",
    # phrases found
    "cue_deferral",
    "cue_unavailable",
    "cue_not_known",
    "cue_refusal",
    "cue_secrecy",
    "cue_competence",
    "cue_hedge",
    "cue_user",
    "cue_premise",
    "cue_attachment",
    "cue_elsewhere",
    "referral_only",
    "cue_in_first_sentence",
    "cue_share",
    # what the rules concluded
    "rule_number_missing",
    "rule_date_missing",
    "rule_actor_missing",
    "rule_yes_no_missing",
    "rule_part_skipped",
    "rule_reason_missing",
    "rule_known_none",
    "rule_cue_outweighed",
    "rule_premise_rejected",
    "rule_evasive",
    "not_known_to_open_question",
    "known_none_to_yes_no",
    "open_yes_no",
    # combinations the rules cannot see alone
    "assessment_without_stance",
    "number_without_figure",
    "measures_without_substance",
    "breakdown_without_figures",
)

# "(bitte nach Jahren aufschlüsseln)", "bitte tabellarisch auflisten": figures per category asked.
BREAKDOWN_ASKED = re.compile(
    r"\b(?:aufschlüssel\w*|aufgeschlüsselt|aufstell\w*|aufgliedern|tabellarisch|differenziert"
    r"|je\s+(?:Jahr|Monat|Quartal|Bundesland|Landkreis|Stadtteil|Ortsteil))\b",
    _I,
)

_CUE_SIGNALS = {
    "deferral": "cue_deferral",
    "unavailable": "cue_unavailable",
    "not_known": "cue_not_known",
    "refusal": "cue_refusal",
    "secrecy": "cue_secrecy",
    "competence": "cue_competence",
    "hedge": "cue_hedge",
    "user_phrase": "cue_user",
    "premise": "cue_premise",
    "attachment": "cue_attachment",
    "elsewhere": "cue_elsewhere",
}
_RULE_SIGNALS = {
    "no_number": "rule_number_missing",
    "no_date": "rule_date_missing",
    "no_actor": "rule_actor_missing",
    "yes_no_missing": "rule_yes_no_missing",
    "part_skipped": "rule_part_skipped",
    "reason_missing": "rule_reason_missing",
    "known_none": "rule_known_none",
    "answered_despite_cue": "rule_cue_outweighed",
    "premise_rejected": "rule_premise_rejected",
}
_EVASIVE_CUES = ("deferral", "unavailable", "not_known", "refusal", "secrecy", "competence")


@dataclass(frozen=True)
class Signals:
    values: dict[str, float]
    spans: dict[str, tuple[int, int]]  # in the judge's normalised text


def collect(j: Judge) -> Signals:
    """The signals of the answer ``j`` has weighed (after ``weigh.weigh``)."""
    values = dict.fromkeys(NAMES, 0.0)
    spans: dict[str, tuple[int, int]] = {}
    values["bias"] = 1.0
    asks = set(j.asks)
    for kind in ("yes_no", "date", "number", "actor", "reason", "list", "known"):
        values[f"asks_{kind}"] = float(kind in asks)
    question = j.qnorm
    values["asks_assessment"] = float(bool(ASSESSMENT.search(question)))
    values["asks_measures"] = float(bool(MEASURES.search(question)))
    # Parts still open after the answer's yes or no ("Falls ja, …" after a no does not count).
    live = [p for p in j.parts if applies(p, j.polarity)]
    values["parts"] = min(max(len(live) - 1, 0), 3) / 3
    # One answer for several questions: a joint answer often leaves one question's own point out.
    values["joint"] = float(j.joint)

    words = j.prep.words()
    values["length"] = min(math.log1p(words) / math.log(300), 1.0)
    values["short"] = float(words < 12)
    qstems = stems(question)
    values["overlap"] = len(qstems & stems(j.prep.text)) / len(qstems) if qstems else 0.0
    values["gives_number"] = float(bool(j.has("number", "amount")))
    values["gives_date"] = float(bool(j.has("date", "duration")))
    blanked = j.prep.blanked
    values["gives_yes_no"] = float(bool(LEADING_YES.match(blanked) or LEADING_NO.match(blanked)))
    stance = j.kinds("stance")
    values["gives_stance"] = float(bool(stance) or values["gives_yes_no"] > 0)

    sentences_with_cues: set[int] = set()
    for cue in j.cues:
        name = _CUE_SIGNALS.get(cue.kind)
        if name is None:
            continue
        values[name] = 1.0
        spans.setdefault(name, (cue.start, cue.end))
        if cue.kind in _EVASIVE_CUES:
            sentences_with_cues.add(j.prep.sentence_of(cue.start))
    referrals = [c for c in j.cues if c.kind in ("elsewhere", "reference", "attachment")]
    if referrals:
        values["referral_only"] = float(j.words_outside(referrals, 3) <= 8)
    if sentences_with_cues:
        values["cue_in_first_sentence"] = float(0 in sentences_with_cues)
        values["cue_share"] = len(sentences_with_cues) / max(len(j.prep.sentences), 1)

    for reason in (*j.negative, *j.positive):
        name = _RULE_SIGNALS.get(reason.code)
        if name is not None:
            values[name] = 1.0
    # a yes/no left open is not always a rule's finding (a declarative answer is taken as one);
    # a date, figure or actor left open always is (rule_*_missing)
    values["open_yes_no"] = float(j.satisfied.get("yes_no") is False)
    values["rule_evasive"] = float(any(r.code not in _RULE_SIGNALS for r in j.negative))

    # "Welche Erkenntnisse liegen vor?" answered "Es liegen keine Erkenntnisse vor" gives nothing;
    # "Liegen Erkenntnisse vor?" is answered by the same words (README: the form decides).
    # "gegebenenfalls" in the question allows "none" as the answer ("Welche Gründe erkennt sie
    # gegebenenfalls?" – "sind nicht bekannt").
    hedged = bool(re.search(r"\bgegebenenfalls\b|\bggf\.", question, _I))
    if values["cue_not_known"] and not hedged and not any(p.yes_no_clause for p in j.parts):
        values["not_known_to_open_question"] = 1.0
        values["rule_known_none"] = 0.0
    # "Liegen Erkenntnisse vor, in wie vielen Fällen …?" – "liegen keine Erkenntnisse vor": the
    # figure is asked only if something is known, so its absence is no gap (README).
    if values["rule_known_none"] and any(
        p.yes_no_clause and KNOWLEDGE_CLAUSE.search(p.yes_no_clause) for p in j.parts
    ):
        values["known_none_to_yes_no"] = 1.0
        for name in ("rule_number_missing", "rule_date_missing"):
            values[name] = 0.0
    if values["asks_assessment"] and not values["gives_stance"]:
        values["assessment_without_stance"] = 1.0
    # a figure asked only "Wenn ja" is not missing after a no
    number_due = any("number" in p.asks for p in live)
    if number_due and not values["gives_number"] and not values["known_none_to_yes_no"]:
        values["number_without_figure"] = 1.0
    if BREAKDOWN_ASKED.search(question) and len(j.has("number", "amount")) < 3:
        values["breakdown_without_figures"] = 1.0
    if values["asks_measures"] and words < 40:
        values["measures_without_substance"] = 1.0
    return Signals(values, spans)
