"""The decision for one answer: cues, evidence and what the question asked, weighed together."""

from __future__ import annotations

import bisect
import re

from anfrage_desk.assess.decide import decide
from anfrage_desk.assess.evidence import Evidence, find_evidence
from anfrage_desk.assess.fitted import Model, default_model
from anfrage_desk.assess.phrases import Cue, PhraseBook, default_phrasebook
from anfrage_desk.assess.question import (
    ASK_PATTERNS,
    NOUN_ASKS,
    Part,
    analyze_question,
    split_parts,
)
from anfrage_desk.assess.result import Analysis, Assessment, Reason
from anfrage_desk.assess.text import Prepared, normalise, prepare
from anfrage_desk.assess.words import shared, stems
from anfrage_desk.model import Verdict

NEGATIVE = ("deferral", "unavailable", "not_known", "refusal", "secrecy", "competence", "hedge")
EVASIVE = (*NEGATIVE, "user_phrase")


_CONTENT = re.compile(r"[A-Za-zÄÖÜäöüß]{4,}")


def analyze(
    question: str | None,
    answer: str | None,
    book: PhraseBook | None = None,
    model: Model | None = None,
    joint: bool = False,
) -> Analysis:
    """``joint``: the answer is one joint answer to this and other questions of the letter."""
    book = book or default_phrasebook()
    asks = analyze_question(question) if question and question.strip() else ()
    if answer is None:
        reason = Reason("missing", "Zu dieser Frage liegt keine Antwort vor.", 0, 0)
        return Analysis(Assessment(Verdict.MISSING, 0.0, (reason,), None, asks))
    if not answer.strip():
        reason = Reason("empty", "Die Antwort ist leer.", 0, 0)
        return Analysis(Assessment(Verdict.MISSING, 0.0, (reason,), None, asks))
    judge = Judge(question or "", prepare(answer), asks, book, model or default_model())
    judge.joint = joint
    return judge.run()


class Judge:
    """Weighs cues and evidence of one answer. Internal; one instance per answer."""

    def __init__(
        self,
        question: str,
        prep: Prepared,
        asks: tuple[str, ...],
        book: PhraseBook,
        model: Model,
    ):
        self.question = question
        self.model = model
        self.qnorm = normalise(question)
        self.prep = prep
        self.asks = asks
        self.parts: tuple[Part, ...] = split_parts(question) if question.strip() else ()
        self.cues = book.find(prep.text)
        self._kinds: dict[tuple[str, ...], list[Cue]] = {}
        self._has: dict[tuple[str, ...], list[Evidence]] = {}
        self._cue_sentences: set[int] | None = None
        self._evasive_spans = _merged(self.kinds(*EVASIVE))
        self._spans: dict[tuple[str, ...], tuple[list[int], list[int]]] = {}
        self.memo: dict[str, object] = {}  # per-answer results the weighing asks for repeatedly
        self.evidence = find_evidence(prep.blanked)
        self.positive: list[Reason] = []
        self.negative: list[Reason] = []
        self.satisfied: dict[str, bool] = {}
        self.polarity: str | None = None  # "ja" / "nein" when the answer takes a side
        self.joint = False  # one answer for several questions
        # cues the rules took for side remarks: (the positive reason, the cue's own reason), so
        # that a verdict the weights make "not clear" names the cue instead of excusing it
        self.outweighed: list[tuple[Reason, Reason]] = []

    # helpers -----------------------------------------------------------------------------------
    def quote(self, start: int, end: int) -> str:
        return self.prep.text[start:end]

    def reason(self, code: str, message: str, start: int = 0, end: int = 0) -> Reason:
        span = self.prep.span(start, end) if end > start else (0, 0)
        return Reason(code, message, span[0], span[1])

    def kinds(self, *kinds: str) -> list[Cue]:
        found = self._kinds.get(kinds)
        if found is None:
            found = self._kinds[kinds] = [c for c in self.cues if c.kind in kinds]
        return found

    def has(self, *kinds: str) -> list[Evidence]:
        """Evidence of these kinds outside evasive cues (memoised: asked for again and again)."""
        found = self._has.get(kinds)
        if found is None:
            cue_sentences = self.cue_sentences()
            found = self._has[kinds] = [
                e
                for e in self.evidence
                if e.kind in kinds
                and not self.in_evasive(e.start)
                and not (
                    e.kind == "zero"
                    and (self.prep.sentence_of(e.start) in cue_sentences or not self._zero_asked(e))
                )
            ]
        return found

    def _zero_asked(self, e: Evidence) -> bool:
        """ "keine Klagen" answers "Wie viele Klagen …?" with zero; "keine gesetzliche Pflicht"
        or "keinen Einfluss" is no figure of what was asked."""
        word = self.prep.text[e.start : e.end].strip().lower()
        if not word.startswith("kein") or not self.qnorm.strip():
            return True  # "null", "niemand", "Fehlanzeige"; without a question: cannot tell
        following = " ".join(_CONTENT.findall(self.prep.text, e.end, e.end + 80)[:3])
        named, asked = stems(following), stems(self.qnorm)
        return bool(shared(named, asked) or shared(asked, named))

    def cue_sentences(self) -> set[int]:
        if self._cue_sentences is None:
            self._cue_sentences = {self.prep.sentence_of(c.start) for c in self.kinds(*EVASIVE)}
        return self._cue_sentences

    def in_evasive(self, pos: int) -> bool:
        return self.evasive_overlaps(pos, pos + 1)

    def overlaps_evasive(self, cue: Cue) -> bool:
        return self.evasive_overlaps(cue.start, cue.end)

    def evasive_overlaps(self, start: int, end: int) -> bool:
        """Does [start, end) overlap an evasive cue? (merged spans, bisection: long letters
        have thousands of cues and figures)."""
        return _overlaps(self._evasive_spans, start, end)

    def cue_overlaps(self, kinds: tuple[str, ...], start: int, end: int) -> bool:
        """Does [start, end) overlap a cue of one of ``kinds``?"""
        spans = self._spans.get(kinds)
        if spans is None:
            spans = self._spans[kinds] = _merged(self.kinds(*kinds))
        return _overlaps(spans, start, end)

    def words_outside(self, cues: list[Cue], letters: int) -> int:
        """Words of at least ``letters`` letters outside these cues (what else the answer says)."""
        chars = list(self.prep.blanked)
        for c in cues:
            chars[c.start : c.end] = " " * (c.end - c.start)
        return len(re.findall(rf"[A-Za-zÄÖÜäöüß]{{{letters},}}", "".join(chars)))

    def sentence_span(self, pos: int) -> tuple[int, int]:
        sentences = self.prep.sentences
        if not sentences:
            return (0, len(self.prep.text))
        return sentences[self.prep.sentence_of(pos)]

    def ask_phrase(self, kind: str) -> str:
        """The words of the question that ask for ``kind`` ("Wie viele", "Kosten"), or ""."""
        m = ASK_PATTERNS[kind].search(self.qnorm) if kind in ASK_PATTERNS else None
        if m is None and kind in NOUN_ASKS:  # "Welche Kosten …?": the noun asks for the figure
            m = NOUN_ASKS[kind].search(self.qnorm)
            if m is not None:
                word = re.search(r"[\w-]*" + re.escape(m.group(0)) + r"\w*", self.qnorm, re.I)
                return word.group(0) if word else m.group(0)
        return m.group(0) if m else ""

    def sentence_stems(self) -> list[set[str]]:
        """The content-word stems of each sentence of the answer (read once per answer)."""
        found = self.memo.get("sentence_stems")
        if not isinstance(found, list):
            text = self.prep.text
            found = self.memo["sentence_stems"] = [stems(text[s:e]) for s, e in self.prep.sentences]
        return found

    def add_positive(self, code: str, message: str, start: int = 0, end: int = 0) -> None:
        self.positive.append(self.reason(code, message, start, end))

    def add_negative(self, code: str, message: str, start: int = 0, end: int = 0) -> None:
        self.negative.append(self.reason(code, message, start, end))

    # the decision ------------------------------------------------------------------------------
    def run(self) -> Analysis:
        from anfrage_desk.assess import weigh

        refs, ref_span, reference_only = self._references()
        moot = self.kinds("moot")
        if moot:
            c = moot[0]
            self.add_positive(
                "moot",
                "Die Frage hat sich durch eine andere Antwort erledigt "
                f"(„{self.quote(c.start, c.end)}“).",
                c.start,
                c.end,
            )
            refers = refs[0] if refs else None
            clear = Assessment(Verdict.CLEAR, 0.8, tuple(self.positive), refers, self.asks)
            return Analysis(clear, refs, False)
        if reference_only:
            start, end = self.prep.span(*ref_span)
            reason = Reason(
                "reference", f"Verweist nur auf die Antwort zu {' und '.join(refs)}.", start, end
            )
            assessment = Assessment(Verdict.PARTIAL, 0.5, (reason,), refs[0], self.asks)
            return Analysis(assessment, refs, True, (start, end))
        satisfied = weigh.weigh(self)
        self.satisfied = satisfied
        return decide(self, refs, any(satisfied.values()))

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
        rest = self.words_outside(ref_cues, 2)
        first = ref_cues[0]
        return refs, (first.start, first.end), rest <= 3 and not self.has("yes_no")


def _merged(cues: list[Cue]) -> tuple[list[int], list[int]]:
    """The cues' spans merged into sorted, disjoint (starts, ends)."""
    starts: list[int] = []
    ends: list[int] = []
    for c in sorted(cues, key=lambda c: c.start):
        if ends and c.start <= ends[-1]:
            ends[-1] = max(ends[-1], c.end)
        else:
            starts.append(c.start)
            ends.append(c.end)
    return starts, ends


def _overlaps(spans: tuple[list[int], list[int]], start: int, end: int) -> bool:
    starts, ends = spans
    i = bisect.bisect_left(starts, end) - 1
    return i >= 0 and ends[i] > start
