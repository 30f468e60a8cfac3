"""Weighing one answer: what was asked and given, which cues count, which parts were skipped."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from anfrage_desk.assess.evidence import Evidence
from anfrage_desk.assess.judge import EVASIVE, NEGATIVE
from anfrage_desk.assess.phrases import Cue
from anfrage_desk.assess.question import applies
from anfrage_desk.assess.rules import (
    ASK_WORDS,
    BREAKDOWN,
    CODES,
    HARD,
    MESSAGES,
    MISSING,
    NEGATION,
    answer_polarity,
    negated_mirror,
    yes_no_phrase,
)
from anfrage_desk.assess.skipped import reason_if_not, skipped_parts, talking_around
from anfrage_desk.assess.words import STOP, shared, stem, stems

if TYPE_CHECKING:
    from anfrage_desk.assess.judge import Judge

_SPECIFIC = ("date", "number", "actor")
_EVIDENCE = {
    "date": ("gives_date", "Nennt einen Zeitpunkt oder Zeitraum", ("date", "duration")),
    "number": ("gives_number", "Nennt Zahlen", ("number", "amount", "zero")),
    "actor": ("names_actor", "Nennt eine Stelle oder Person", ("actor",)),
    "yes_no": ("gives_yes_no", "Beantwortet die Ja/Nein-Frage", ("yes_no",)),
}


def weigh(j: Judge) -> dict[str, bool]:
    """Fill ``j.positive``/``j.negative``; return which asked kinds are satisfied."""
    premise = [(c.start, c.end) for c in j.kinds("premise") if not j.overlaps_evasive(c)]
    if not premise and not j.kinds(*EVASIVE):
        mirror = negated_mirror(j)
        if mirror:
            premise.append(mirror)
    attachment = j.kinds("attachment")
    polarity = answer_polarity(j, bool(premise))
    j.polarity = polarity
    satisfied = _requirements(j, bool(premise), bool(attachment), polarity)
    _cues(j, satisfied, bool(premise))
    _missing(j, satisfied)
    reason_if_not(j, polarity)
    skipped_parts(j, polarity)
    if not premise and not attachment:
        talking_around(j, satisfied)
    if premise and not j.negative:
        s, e = premise[0]
        j.add_positive(
            "premise_rejected",
            "Die Antwort stellt klar, dass es das Erfragte nicht gibt oder nicht geben wird "
            f"(„{j.quote(s, e)}“).",
            s,
            e,
        )
    if attachment:
        c = attachment[0]
        j.add_positive(
            "attachment",
            f"Die erfragten Angaben stehen in der Anlage („{j.quote(c.start, c.end)}“).",
            c.start,
            c.end,
        )
    return satisfied


# --- what was asked and what is given ---------------------------------------------------------


def _requirements(
    j: Judge, premise: bool, attachment: bool, polarity: str | None
) -> dict[str, bool]:
    """Check the asked date/number/actor/yes-no per part; return what is satisfied.

    A part that is conditional on the other answer ("Falls ja, wie viele …?") is waived when the
    answer went the other way; when the direction is unclear it is waived if the yes/no part was
    answered. One in a part that says "gegebenenfalls" is waived when the answer shows no evasive
    cue at all, and a figure asked under "Ist bekannt, wie viele …?" is waived by a no.
    """
    waived = premise or attachment
    have = {
        "date": bool(j.has("date", "duration", "year")) or premise,
        "number": _number_ok(j) or waived,
        "actor": bool(j.has("actor")) or waived,
        "yes_no": bool(j.has("yes_no")) or premise or mirrors_yes_no(j),
    }
    # "Wie viele Bäume wurden gefällt und wie viele nachgepflanzt?": one figure does not cover
    # two parts that each ask for one
    counted = [p for p in j.parts if "number" in p.asks and applies(p, polarity)]
    if have["number"] and not waived and len(counted) > 1:
        have["number"] = len(absolute_figures(j)) >= len(counted)
    cues = bool(j.kinds(*EVASIVE))
    yes_no_done = any(p.yes_no_clause for p in j.parts) and have["yes_no"]
    satisfied: dict[str, bool] = {}
    for part in j.parts:
        if not applies(part, polarity):
            continue
        conditional = "conditional" in part.asks or bool(
            re.search(r"\b(?:falls|wenn|sofern|soweit)\b", part.text, re.IGNORECASE)
        )
        hedged = bool(re.search(r"\bgegebenenfalls\b|\bggf\.", part.text, re.IGNORECASE))
        for kind in ("yes_no", *_SPECIFIC):
            if kind not in part.asks:
                continue
            ok = have[kind]
            if not ok and kind != "yes_no":
                if part.embedded_known and polarity == "nein":
                    ok = True
                elif part.condition is not None and polarity is not None:
                    ok = False  # the condition is met: the follow-up is due
                else:
                    ok = (conditional and yes_no_done) or (hedged and not cues)
            satisfied[kind] = satisfied.get(kind, True) and ok
    for kind in satisfied:
        code, what, kinds = _EVIDENCE[kind]
        found = j.has(*kinds)
        if kind == "actor":  # the unit itself ("Amt für Schule") rather than "zuständig ist"
            named = [e for e in found if not _GENERIC_ACTOR.match(j.quote(e.start, e.end))]
            found = named or found
        if found:
            _positive(j, code, what, found[0])
    return satisfied


_GENERIC_ACTOR = re.compile(r"(?:zuständig|verantwortlich|federführ)", re.IGNORECASE)


def _is_share(j: Judge, e: Evidence) -> bool:
    """A percentage or a fraction ("27,6 Prozent", "ein Sechstel") is not a count."""
    after = j.prep.blanked[e.end : e.end + 10]
    text = j.prep.blanked[e.start : e.end]
    if e.kind == "amount":
        return bool(re.match(r"%|Prozent", text, re.IGNORECASE))
    if re.match(r"\s*(?:%|Prozent|v\.\s?H\.)", after, re.IGNORECASE):
        return True
    return bool(re.fullmatch(r"(?i)hälfte|drittel|viertel|fünftel|sechstel|achtel|zehntel", text))


def absolute_figures(j: Judge) -> list[Evidence]:
    """Counts and amounts outside evasive cues (not a share, not a change in per cent), sorted
    by position (memoised per answer)."""
    cached = j.memo.get("absolute_figures")
    if isinstance(cached, list):
        return cached
    found = j.has("number", "amount", "zero")
    changes = sorted((c.start, c.end) for c in j.has("percent_change"))
    change_starts = [s for s, _ in changes]

    def in_change(pos: int) -> bool:
        i = bisect.bisect_right(change_starts, pos) - 1
        return i >= 0 and pos < changes[i][1]

    figures = sorted(
        (e for e in found if not in_change(e.start) and not _is_share(j, e)),
        key=lambda e: e.start,
    )
    j.memo["absolute_figures"] = figures
    return figures


def figures_between(j: Judge, start: int, end: int) -> bool:
    """Is there an absolute figure in [start, end)?"""
    figures = absolute_figures(j)
    starts = j.memo.get("figure_starts")
    if not isinstance(starts, list):
        starts = j.memo["figure_starts"] = [e.start for e in figures]
    i = bisect.bisect_left(starts, start)
    return i < len(figures) and figures[i].start < end


def _number_ok(j: Judge) -> bool:
    found = j.has("number", "amount", "zero", "duration")
    wants_count = re.search(r"wie\s+viele|anzahl|\bzahl", j.qnorm, re.IGNORECASE)
    ok = bool(absolute_figures(j)) if wants_count else bool(found)
    if ok and "per_year" in j.asks:
        years = {
            y
            for e in j.has("year", "date")
            for y in re.findall(r"(?:19|20)\d\d", j.prep.blanked[e.start : e.end])
        }
        ok = len(years) >= 2
    return ok


def _positive(j: Judge, code: str, what: str, ev: Evidence) -> None:
    j.add_positive(code, f"{what} („{j.quote(ev.start, ev.end)}“).", ev.start, ev.end)


def mirrors_yes_no(j: Judge) -> bool:
    """A declarative sentence that takes up the yes/no clause's words answers it."""
    for part in j.parts:
        if not part.yes_no_clause:
            continue
        clause = stems(part.yes_no_clause)
        head = _head_noun(part.yes_no_clause)
        for (s, e), said in zip(j.prep.sentences, j.sentence_stems(), strict=True):
            if j.cue_overlaps(NEGATIVE, s, e):
                continue
            common = shared(clause, said)
            # "Eine Taktungsänderung wird es nicht geben." for "Ist vorgesehen, die Taktung zu
            # verändern?": the asked matter, negated, is a no
            if common and NEGATION.search(j.prep.text, s, e):
                return True
            # a statement about the asked thing itself ("Bestehen Pläne …?" – "Es ist geplant …")
            if common >= 2 and (head is None or any(head in w or w in head for w in said)):
                return True
    return False


_NOUN = re.compile(r"(?<=\s)[A-ZÄÖÜ][a-zäöüß]{3,}")


def _head_noun(clause: str) -> str | None:
    """The stem of the first noun a yes/no clause asks about ("Gibt es bereits ein Konzept" ->
    "konzept"), leaving out the asked body itself (Bundesregierung, Verwaltung …)."""
    for m in _NOUN.finditer(clause):
        word = m.group(0)
        if word.lower() not in STOP:
            return stem(word)
    return None


# --- cues -------------------------------------------------------------------------------------


def _cues(j: Judge, satisfied: dict[str, bool], premise: bool) -> None:
    specific = {k: v for k, v in satisfied.items() if k in _SPECIFIC}
    all_specific = all(specific.values())
    knowledge = "known" in j.asks or ("yes_no" in j.asks and not ({"date", "number"} & set(j.asks)))
    substance = _substance(j)
    lead = _lead(j)
    # figures on another basis than asked still count (README); a "keine" is no such figure
    other_basis = bool(specific.get("number")) and any(
        e.kind != "zero" for e in absolute_figures(j)
    )
    flagged: set[str] = set()
    for cue in j.kinds(*EVASIVE):
        q = j.quote(cue.start, cue.end)
        asked_figures = tuple(k for k in ("date", "number") if k in j.asks)
        if cue.kind == "not_known" and knowledge and not _targets(j, cue, asked_figures):
            j.add_positive(
                "known_none",
                "Gefragt war, ob etwas bekannt ist oder vorliegt; die Antwort sagt klar, dass dies "
                f"nicht der Fall ist („{q}“).",
                cue.start,
                cue.end,
            )
            continue
        if cue.kind not in HARD and _explained(
            j, cue, specific, all_specific, substance, lead, premise, other_basis, satisfied
        ):
            j.add_positive(
                "answered_despite_cue",
                f"„{q}“ betrifft nur einen Nebenaspekt; das Gefragte wird beantwortet.",
                cue.start,
                cue.end,
            )
            own = j.reason(
                CODES.get(cue.kind, cue.kind), MESSAGES[cue.kind].format(q=q), cue.start, cue.end
            )
            j.outweighed.append((j.positive[-1], own))
            continue
        if cue.kind in flagged:
            continue
        flagged.add(cue.kind)
        j.add_negative(
            CODES.get(cue.kind, cue.kind), MESSAGES[cue.kind].format(q=q), cue.start, cue.end
        )


def _explained(
    j: Judge,
    cue: Cue,
    specific: dict[str, bool],
    all_specific: bool,
    substance: int,
    lead: int,
    premise: bool,
    other_basis: bool,
    satisfied: dict[str, bool],
) -> bool:
    """Is a soft cue only a side remark beside a real answer?"""
    if _answers_yes_no(j, cue):
        return True
    targeted = _targets(j, cue, tuple(specific))
    s, e = j.sentence_span(cue.start)
    # "elf Verfahren …, zwei sind noch offen": a count, not a deferral.
    if (
        cue.kind in ("deferral", "hedge")
        and "number" in specific
        and all_specific
        and figures_between(j, s, e)
    ):
        return True
    yes_no_open = "yes_no" in satisfied and not (j.has("yes_no") or premise)
    first = j.prep.sentence_of(cue.start) == 0
    enough = substance >= 25 or (lead >= 10 and not first)
    if (
        all_specific
        and not targeted
        and enough
        and not (yes_no_open and cue.kind in ("deferral", "hedge"))
        and not (cue.kind == "hedge" and not specific and substance < 40)
    ):
        return True
    if specific and all_specific and cue.kind in ("unavailable", "not_known"):
        return not targeted or other_basis  # figures on another basis still count
    return False


def _missing(j: Judge, satisfied: dict[str, bool]) -> None:
    """Reasons for asked things that are absent (span: the cue that gave it away)."""
    cue = next(iter(j.kinds(*EVASIVE)), None)
    start, end = (cue.start, cue.end) if cue else (0, 0)
    for kind, ok in satisfied.items():
        if ok:
            continue
        if kind == "yes_no" and not j.negative:
            continue  # a declarative answer without cues is taken as an answer
        code, message = MISSING[kind]
        phrase = j.ask_phrase(kind) if kind != "yes_no" else yes_no_phrase(j)
        if not phrase:  # nothing to quote: the sentence without the empty quote
            message = message.replace(" („{a}“)", "")
        j.add_negative(code, message.format(a=phrase), start, end)


def _targets(j: Judge, cue: Cue, kinds: tuple[str, ...]) -> bool:
    """Does the cue's sentence speak of the asked thing (a "Zeitplanung", the "Zahlen")?"""
    s, e = j.sentence_span(cue.start)
    text = j.prep.text
    breakdown = BREAKDOWN.search(text, s, e)
    if breakdown and stem(breakdown.group("by")) not in stems(j.qnorm):
        return False  # "Eine Aufschlüsselung nach Ortsteilen …" where no split was asked
    sentence = text[s : max(s, cue.start)] + " " + text[min(e, cue.end) : e]
    if cue.kind in ("unavailable", "refusal", "not_known"):
        sentence += " " + text[cue.start : cue.end]  # "keine Zahlen … erhoben" names it
    return any(k in ASK_WORDS and ASK_WORDS[k].search(sentence) for k in kinds)


def _answers_yes_no(j: Judge, cue: Cue) -> bool:
    """ "Auswertung … nicht möglich" answers "ist eine Auswertung möglich?"."""
    words = re.findall(r"\w+", j.quote(cue.start, cue.end).lower())
    if not words:
        return False
    predicate = words[-1]
    for part in j.parts:
        clause = (part.yes_no_clause or "").lower()
        if clause and re.search(rf"\b{re.escape(predicate)}\b", clause):
            s, e = j.sentence_span(cue.start)
            if len(stems(clause) & stems(j.prep.text[s:e])) >= 2:
                return True
    return False


def _substance(j: Judge) -> int:
    """Words outside the sentences that hold evasive cues."""
    cue_sentences = j.cue_sentences()
    return sum(
        j.prep.words(s, e) for i, (s, e) in enumerate(j.prep.sentences) if i not in cue_sentences
    )


def _lead(j: Judge) -> int:
    """Words before the first sentence with an evasive cue (the answer proper, if any)."""
    cue_sentences = j.cue_sentences()
    if not cue_sentences:
        return 0
    first = min(cue_sentences)
    return sum(j.prep.words(s, e) for s, e in j.prep.sentences[:first])
