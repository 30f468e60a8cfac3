"""Did the administration really answer? Verdict per question/answer pair, with reasons.

The assessment is deterministic and explainable: every verdict comes with reasons that quote the
phrase that gave it away (a span in the answer text). It follows the conventions of the corpus
README: an answer is vague when the dates, figures, names or yes/no asked for are not given, when
it defers, says the information cannot be given, dodges by competence or secrecy, or only refers
to another answer that is itself vague. It is clear otherwise — conservatively: "not known" is an
answer when knowledge was asked, a rejected premise is an answer, a conditional question whose
condition was answered the other way is moot, and a "wird geprüft" inside a real answer does not
make it evasive.

Phrase lists live in resources/phrases/*.txt and can be extended by users; phrases a user marks as
evasive are passed in through :func:`load_phrasebook`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from anfrage_desk.assess.evidence import Evidence, find_evidence
from anfrage_desk.assess.phrases import Cue, PhraseBook, default_phrasebook
from anfrage_desk.assess.question import ASK_PATTERNS, Part, analyze_question, split_parts
from anfrage_desk.assess.text import Prepared, normalise, prepare
from anfrage_desk.model import Verdict

__all__ = [
    "Assessment",
    "ItemLike",
    "PhraseBook",
    "Reason",
    "analyze_question",
    "assess_answer",
    "assess_items",
    "load_phrasebook",
]


@dataclass(frozen=True)
class Reason:
    """One reason for a verdict. ``start``/``end`` index the ANSWER text; (0, 0) = no span."""

    code: str
    message: str
    start: int
    end: int


@dataclass(frozen=True)
class Assessment:
    verdict: Verdict
    score: float  # 0.0 (no answer) … 1.0 (clearly answered)
    reasons: tuple[Reason, ...]
    refers_to: str | None  # label of the referenced answer ("Siehe Antwort zu 3" -> "3")
    asks: tuple[str, ...]  # what the question asks for: "date", "number", "yes_no", …


class ItemLike(Protocol):
    @property
    def label(self) -> str: ...

    @property
    def question(self) -> str | None: ...

    @property
    def answer(self) -> str | None: ...


def load_phrasebook(extra_evasive: Iterable[str] = ()) -> PhraseBook:
    """The default phrase lists (compiled once) plus phrases the user marked as evasive."""
    book = default_phrasebook()
    extra = [p for p in extra_evasive if p and p.strip()]
    return book.with_user(extra) if extra else book


# --- cue kinds ---------------------------------------------------------------------------------

_NEGATIVE = ("deferral", "unavailable", "not_known", "refusal", "secrecy", "competence", "hedge")
_HARD = ("refusal", "secrecy", "user_phrase")  # never explained away by figures or context
_MESSAGES = {
    "deferral": "Die Antwort vertagt die Sache („{q}“), statt sie zu beantworten.",
    "unavailable": "Die Antwort erklärt, die erfragte Angabe könne nicht gemacht werden („{q}“).",
    "not_known": "Gefragt waren Zahlen oder Fakten; die Antwort sagt nur, dazu liege nichts vor "
    "(„{q}“).",
    "refusal": "Die erfragte Angabe wird ausdrücklich verweigert („{q}“).",
    "secrecy": "Die Auskunft wird unter Hinweis auf Geheimhaltung verweigert („{q}“).",
    "competence": "Die Verwaltung erklärt sich für nicht zuständig („{q}“).",
    "hedge": "Die Antwort bleibt unverbindlich („{q}“).",
    "user_phrase": "Als ausweichend markierte Formulierung: „{q}“.",
}
_CODES = {"not_known": "unavailable"}

_ASK_WORDS = {
    "date": re.compile(r"zeit\w*|termin\w*|datum|wann|frist\w*|dauer\w*", re.IGNORECASE),
    "number": re.compile(
        r"zahl\w*|anzahl|höhe|kosten|beziffer\w*|summe|umfang|statisti\w*|quote|prozent",
        re.IGNORECASE,
    ),
    "actor": re.compile(r"team\w*|person\w*|stelle\w*|besetzung|zuständig\w*|name\w*", re.I),
}
_STOP_WORDS = """aber alle allen auch beim bereits bitte dabei damit dann dass dem den der des die dies diese
    diesem diesen dieser dieses durch eine einem einen einer eines für gegebenenfalls hier hierzu
    inwieweit jeweils kann können mit nach nicht noch oder sich sind soll sollen sowie über und
    unter vom von vor was welche welchem welchen welcher welches werden wird wurde wurden zum zur
    zwischen landesregierung verwaltung stadtverwaltung derzeit aktuell bisher bislang falls"""
_STOP = frozenset(_STOP_WORDS.split())


@dataclass(frozen=True)
class _Analysis:
    assessment: Assessment
    refs: tuple[str, ...] = ()
    reference_only: bool = False
    ref_span: tuple[int, int] = (0, 0)


def assess_answer(
    question: str | None, answer: str | None, phrases: PhraseBook | None = None
) -> Assessment:
    """Assess one answer against its question (references stay unresolved: see assess_items)."""
    return _analyze(question, answer, phrases or load_phrasebook()).assessment


def assess_items(items: Sequence[ItemLike], phrases: PhraseBook | None = None) -> list[Assessment]:
    """Assess all items of one letter and resolve "Siehe Antwort zu 3" between them."""
    book = phrases or load_phrasebook()
    analyses = [_analyze(item.question, item.answer, book) for item in items]
    by_label = {_label_key(item.label): i for i, item in enumerate(items)}
    result: list[Assessment] = []
    for i, analysis in enumerate(analyses):
        if not analysis.reference_only or not analysis.refs:
            result.append(analysis.assessment)
            continue
        result.append(_resolve(i, items, analyses, by_label, book))
    return result


def _label_key(label: str) -> str:
    return re.sub(r"[^0-9a-z]", "", label.lower())


def _resolve(
    index: int,
    items: Sequence[ItemLike],
    analyses: list[_Analysis],
    by_label: dict[str, int],
    book: PhraseBook,
) -> Assessment:
    own = analyses[index]
    base = own.assessment
    targets: list[int] = []
    for ref in own.refs:
        seen = {index}
        j = by_label.get(_label_key(ref))
        while j is not None and j not in seen and analyses[j].reference_only and analyses[j].refs:
            seen.add(j)
            j = by_label.get(_label_key(analyses[j].refs[0]))
        if j is not None and j not in seen:
            targets.append(j)
    start, end = own.ref_span
    refs_text = " und ".join(own.refs)
    if not targets:
        reason = Reason(
            "reference",
            f"Verweist nur auf die Antwort zu {refs_text}, die in diesem Schreiben nicht "
            "gefunden wurde.",
            start,
            end,
        )
        return replace(base, verdict=Verdict.VAGUE, score=0.3, reasons=(reason,))
    verdicts = []
    for j in targets:
        target = analyses[j].assessment
        # The referenced answer must answer THIS question too (a date asked here, …).
        again = _analyze(items[index].question, items[j].answer, book).assessment
        verdicts.append(_worse(target.verdict, again.verdict))
    verdict = Verdict.CLEAR
    for v in verdicts:
        verdict = _worse(verdict, v)
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


_ORDER = {Verdict.CLEAR: 0, Verdict.PARTIAL: 1, Verdict.VAGUE: 2, Verdict.MISSING: 3}


def _worse(a: Verdict, b: Verdict) -> Verdict:
    return a if _ORDER[a] >= _ORDER[b] else b


# --- the analysis of one answer ----------------------------------------------------------------


def _analyze(question: str | None, answer: str | None, book: PhraseBook) -> _Analysis:
    asks = analyze_question(question) if question and question.strip() else ()
    if answer is None:
        reason = Reason("missing", "Zu dieser Frage liegt keine Antwort vor.", 0, 0)
        return _Analysis(Assessment(Verdict.MISSING, 0.0, (reason,), None, asks))
    if not answer.strip():
        reason = Reason("empty", "Die Antwort ist leer.", 0, 0)
        return _Analysis(Assessment(Verdict.MISSING, 0.0, (reason,), None, asks))
    return _Judge(question or "", prepare(answer), asks, book).run()


class _Judge:
    """Weighs cues and evidence of one answer. Internal; one instance per answer."""

    def __init__(self, question: str, prep: Prepared, asks: tuple[str, ...], book: PhraseBook):
        self.question = question
        self.qnorm = normalise(question)
        self.prep = prep
        self.asks = asks
        self.parts: tuple[Part, ...] = split_parts(question) if question.strip() else ()
        self.cues = book.find(prep.text)
        self.evidence = find_evidence(prep.blanked)
        self.positive: list[Reason] = []
        self.negative: list[Reason] = []

    # helpers
    def quote(self, start: int, end: int) -> str:
        return self.prep.text[start:end]

    def reason(self, code: str, message: str, start: int = 0, end: int = 0) -> Reason:
        span = self.prep.span(start, end) if end > start else (0, 0)
        return Reason(code, message, span[0], span[1])

    def kinds(self, *kinds: str) -> list[Cue]:
        return [c for c in self.cues if c.kind in kinds]

    def has(self, *kinds: str) -> list[Evidence]:
        return [
            e
            for e in self.evidence
            if e.kind in kinds
            and not self._in_negative(e.start)
            and not (e.kind == "zero" and self.prep.sentence_of(e.start) in self._cue_sentences())
        ]

    def _cue_sentences(self) -> set[int]:
        return {self.prep.sentence_of(c.start) for c in self.kinds(*_NEGATIVE, "user_phrase")}

    def _in_negative(self, pos: int) -> bool:
        return any(c.start <= pos < c.end for c in self.kinds(*_NEGATIVE, "user_phrase"))

    def sentence_span(self, pos: int) -> tuple[int, int]:
        sentences = self.prep.sentences
        if not sentences:
            return (0, len(self.prep.text))
        return sentences[self.prep.sentence_of(pos)]

    def ask_phrase(self, kind: str) -> str:
        m = ASK_PATTERNS[kind].search(self.qnorm) if kind in ASK_PATTERNS else None
        return m.group(0) if m else ""

    # the decision
    def run(self) -> _Analysis:
        refs, ref_span, reference_only = self._references()
        moot = self.kinds("moot")
        if moot:
            c = moot[0]
            self.positive.append(
                self.reason(
                    "moot",
                    f"Die Frage hat sich durch eine andere Antwort erledigt („{self.quote(c.start, c.end)}“).",
                    c.start,
                    c.end,
                )
            )
            return self._finish(refs, ref_span, False)
        if reference_only:
            start, end = self.prep.span(*ref_span)
            reason = Reason(
                "reference",
                f"Verweist nur auf die Antwort zu {' und '.join(refs)}.",
                start,
                end,
            )
            assessment = Assessment(Verdict.PARTIAL, 0.5, (reason,), refs[0], self.asks)
            return _Analysis(assessment, refs, True, (start, end))

        premise = [c for c in self.kinds("premise") if not self._overlaps_negative(c)]
        attachment = self.kinds("attachment")
        satisfied = self._requirements(bool(premise), bool(attachment))
        self._cues(satisfied, bool(premise))
        if premise and not self.negative:
            c = premise[0]
            self.positive.append(
                self.reason(
                    "premise_rejected",
                    "Die Antwort stellt klar, dass es das Erfragte nicht gibt oder nicht geben "
                    f"wird („{self.quote(c.start, c.end)}“).",
                    c.start,
                    c.end,
                )
            )
        if attachment:
            c = attachment[0]
            self.positive.append(
                self.reason(
                    "attachment",
                    f"Die erfragten Angaben stehen in der Anlage („{self.quote(c.start, c.end)}“).",
                    c.start,
                    c.end,
                )
            )
        return self._finish(refs, ref_span, any(satisfied.values()))

    def _overlaps_negative(self, cue: Cue) -> bool:
        return any(
            n.start < cue.end and cue.start < n.end for n in self.kinds(*_NEGATIVE, "user_phrase")
        )

    def _finish(self, refs: tuple[str, ...], ref_span: tuple[int, int], some: bool) -> _Analysis:
        if not self.negative:
            verdict = Verdict.CLEAR
            score = min(1.0, 0.75 + 0.05 * len(self.positive))
        elif some and (self.positive or len(self.parts) > 1):
            verdict = Verdict.PARTIAL
            score = 0.45
        else:
            verdict = Verdict.VAGUE
            score = max(0.05, 0.3 - 0.05 * len(self.negative))
        reasons = tuple(self.negative + self.positive)
        refers = refs[0] if refs else None
        return _Analysis(Assessment(verdict, score, reasons, refers, self.asks), refs, False)

    # references ------------------------------------------------------------------------------
    def _references(self) -> tuple[tuple[str, ...], tuple[int, int], bool]:
        ref_cues = [c for c in self.kinds("reference") if c.ref]
        if not ref_cues:
            return (), (0, 0), False
        labels: list[str] = []
        for c in ref_cues:
            assert c.ref is not None
            labels.append(c.ref)
            tail = self.prep.text[c.start : c.end]
            for m in re.finditer(r"(?:\bund|\bbis|\bsowie|,|–|-)\s*(\d{1,2}[a-z]?)\b", tail):
                labels.append(m.group(1))
        refs = tuple(dict.fromkeys(labels))
        blanked = list(self.prep.blanked)
        for c in ref_cues:
            blanked[c.start : c.end] = " " * (c.end - c.start)
        rest = len(re.findall(r"[A-Za-zÄÖÜäöüß]{2,}", "".join(blanked)))
        first = ref_cues[0]
        return refs, (first.start, first.end), rest <= 3 and not self.has("yes_no")

    # what was asked and what is given ---------------------------------------------------------
    def _requirements(self, premise: bool, attachment: bool) -> dict[str, bool]:
        """Check the asked date/number/actor/yes-no per part; return what is satisfied.

        A specific ask in a conditional part ("Falls ja, wie viele …?") is waived when the yes/no
        part was answered (the condition may have gone the other way); one in a part that says
        "gegebenenfalls" is waived when the answer shows no evasive cue at all.
        """
        waived = premise or attachment
        have = {
            "date": bool(self.has("date", "duration", "year")) or premise,
            "number": self._number_ok() or waived,
            "actor": bool(self.has("actor")) or waived,
            "yes_no": bool(self.has("yes_no")) or premise or self._mirrors_yes_no(),
        }
        cues = bool(self.kinds(*_NEGATIVE, "user_phrase"))
        yes_no_done = any(p.yes_no_clause for p in self.parts) and have["yes_no"]
        satisfied: dict[str, bool] = {}
        for part in self.parts:
            conditional = "conditional" in part.asks or bool(
                re.search(r"\b(?:falls|wenn|sofern|soweit)\b", part.text, re.IGNORECASE)
            )
            hedged = bool(re.search(r"\bgegebenenfalls\b|\bggf\.", part.text, re.IGNORECASE))
            for kind in ("yes_no", "date", "number", "actor"):
                if kind not in part.asks:
                    continue
                ok = have[kind]
                if not ok and kind != "yes_no":
                    ok = (conditional and yes_no_done) or (hedged and not cues)
                satisfied[kind] = satisfied.get(kind, True) and ok
        evidence = {
            "date": ("gives_date", "Nennt einen Zeitpunkt oder Zeitraum", ("date", "duration")),
            "number": ("gives_number", "Nennt Zahlen", ("number", "amount", "zero")),
            "actor": ("names_actor", "Nennt eine Stelle oder Person", ("actor",)),
            "yes_no": ("gives_yes_no", "Beantwortet die Ja/Nein-Frage", ("yes_no",)),
        }
        for kind in satisfied:
            code, what, kinds = evidence[kind]
            found = self.has(*kinds)
            if found:
                self._positive(code, what, found[0])
        return satisfied

    def _number_ok(self) -> bool:
        found = self.has("number", "amount", "zero", "duration")
        changes = self.has("percent_change")
        counts = [e for e in found if not any(c.start <= e.start < c.end for c in changes)]
        wants_count = re.search(r"wie\s+viele|anzahl|\bzahl", self.qnorm, re.IGNORECASE)
        ok = bool(counts) if wants_count else bool(found)
        if ok and "per_year" in self.asks:
            years = {
                y
                for e in self.has("year", "date")
                for y in re.findall(r"(?:19|20)\d\d", self.prep.blanked[e.start : e.end])
            }
            ok = len(years) >= 2
        return ok

    def _positive(self, code: str, what: str, ev: Evidence) -> None:
        q = self.quote(ev.start, ev.end)
        self.positive.append(self.reason(code, f"{what} („{q}“).", ev.start, ev.end))

    def _mirrors_yes_no(self) -> bool:
        """A declarative sentence that takes up the yes/no clause's words answers it."""
        for part in self.parts:
            if not part.yes_no_clause:
                continue
            stems = _stems(part.yes_no_clause)
            for s, e in self.prep.sentences:
                if any(c.start < e and s < c.end for c in self.kinds(*_NEGATIVE)):
                    continue
                if len(stems & _stems(self.prep.text[s:e])) >= 2:
                    return True
        return False

    # cues --------------------------------------------------------------------------------------
    def _cues(self, satisfied: dict[str, bool], premise: bool) -> None:
        specific = {k: v for k, v in satisfied.items() if k in ("date", "number", "actor")}
        all_specific = all(specific.values())
        knowledge = "known" in self.asks or (
            "yes_no" in self.asks and not ({"date", "number"} & set(self.asks))
        )
        substance = self._substance()
        flagged_kinds: set[str] = set()
        for cue in self.kinds(*_NEGATIVE, "user_phrase"):
            q = self.quote(cue.start, cue.end)
            asked_figures = tuple(k for k in ("date", "number") if k in self.asks)
            if cue.kind == "not_known" and knowledge and not self._targets(cue, asked_figures):
                self.positive.append(
                    self.reason(
                        "known_none",
                        "Gefragt war, ob etwas bekannt ist oder vorliegt; die Antwort sagt klar, "
                        f"dass dies nicht der Fall ist („{q}“).",
                        cue.start,
                        cue.end,
                    )
                )
                continue
            if cue.kind not in _HARD:
                if self._answers_yes_no(cue):
                    continue
                targeted = self._targets(cue, tuple(specific))
                yes_no_open = "yes_no" in satisfied and not (self.has("yes_no") or premise)
                context_ok = (
                    all_specific
                    and not targeted
                    and substance >= 25
                    and not (yes_no_open and cue.kind in ("deferral", "hedge"))
                    and not (cue.kind == "hedge" and not specific and substance < 40)
                )
                if (
                    specific
                    and all_specific
                    and not targeted
                    and cue.kind
                    in (
                        "unavailable",
                        "not_known",
                    )
                ):
                    context_ok = True  # figures on another basis still count
                if context_ok:
                    self.positive.append(
                        self.reason(
                            "answered_despite_cue",
                            f"„{q}“ betrifft nur einen Nebenaspekt; das Gefragte wird beantwortet.",
                            cue.start,
                            cue.end,
                        )
                    )
                    continue
            if cue.kind in flagged_kinds:
                continue
            flagged_kinds.add(cue.kind)
            code = _CODES.get(cue.kind, cue.kind)
            self.negative.append(
                self.reason(code, _MESSAGES[cue.kind].format(q=q), cue.start, cue.end)
            )
        self._missing(satisfied)

    def _missing(self, satisfied: dict[str, bool]) -> None:
        """Reasons for asked things that are absent (span: the cue that gave it away)."""
        cue = next(iter(self.kinds(*_NEGATIVE, "user_phrase")), None)
        start, end = (cue.start, cue.end) if cue else (0, 0)
        texts = {
            "date": ("no_date", "Gefragt war ein Zeitpunkt („{a}“); die Antwort nennt kein Datum."),
            "number": ("no_number", "Gefragt war eine Zahl („{a}“); die Antwort nennt keine."),
            "actor": (
                "no_actor",
                "Gefragt war, wer zuständig ist („{a}“); die Antwort nennt keine Stelle und "
                "keine Person.",
            ),
            "yes_no": (
                "yes_no_missing",
                "Gefragt war ein Ja oder Nein („{a}“); die Antwort legt sich nicht fest.",
            ),
        }
        for kind, ok in satisfied.items():
            if ok:
                continue
            if kind == "yes_no" and not self.negative:
                continue  # a declarative answer without cues is taken as an answer
            code, message = texts[kind]
            phrase = self.ask_phrase(kind) if kind != "yes_no" else self._yes_no_phrase()
            self.negative.append(self.reason(code, message.format(a=phrase), start, end))

    def _yes_no_phrase(self) -> str:
        for part in self.parts:
            if part.yes_no_clause:
                return " ".join(part.yes_no_clause.split()[:3]) + " …"
        return ""

    def _targets(self, cue: Cue, kinds: tuple[str, ...]) -> bool:
        """Does the cue's sentence speak of the asked thing (a "Zeitplanung", the "Zahlen")?"""
        s, e = self.sentence_span(cue.start)
        text = self.prep.text
        sentence = text[s : max(s, cue.start)] + " " + text[min(e, cue.end) : e]
        if cue.kind in ("unavailable", "refusal", "not_known"):
            sentence += " " + text[cue.start : cue.end]  # "keine Zahlen … erhoben" names it
        return any(k in _ASK_WORDS and _ASK_WORDS[k].search(sentence) for k in kinds)

    def _answers_yes_no(self, cue: Cue) -> bool:
        """ "Auswertung … nicht möglich" answers "ist eine Auswertung möglich?"."""
        words = re.findall(r"\w+", self.quote(cue.start, cue.end).lower())
        if not words:
            return False
        predicate = words[-1]
        for part in self.parts:
            clause = (part.yes_no_clause or "").lower()
            if clause and re.search(rf"\b{re.escape(predicate)}\b", clause):
                s, e = self.sentence_span(cue.start)
                if len(_stems(clause) & _stems(self.prep.text[s:e])) >= 2:
                    return True
        return False

    def _substance(self) -> int:
        """Words outside the sentences that hold negative cues."""
        cue_sentences = {
            self.prep.sentence_of(c.start) for c in self.kinds(*_NEGATIVE, "user_phrase")
        }
        return sum(
            self.prep.words(s, e)
            for i, (s, e) in enumerate(self.prep.sentences)
            if i not in cue_sentences
        )


def _stems(text: str) -> set[str]:
    words = re.findall(r"[A-Za-zÄÖÜäöüß]{4,}", text)
    return {w.lower()[:6] for w in words if w.lower() not in _STOP}
