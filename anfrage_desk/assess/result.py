"""The result types of the assessment: a verdict with its reasons."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from anfrage_desk.model import Verdict


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


@dataclass(frozen=True)
class Analysis:
    """An assessment plus what the letter-level pass needs to resolve referrals."""

    assessment: Assessment
    refs: tuple[str, ...] = ()
    reference_only: bool = False
    ref_span: tuple[int, int] = (0, 0)
    signals: Mapping[str, float] | None = None  # what the fitted weights saw (None: not weighed)


ORDER = {Verdict.CLEAR: 0, Verdict.PARTIAL: 1, Verdict.VAGUE: 2, Verdict.MISSING: 3}


def worse(a: Verdict, b: Verdict) -> Verdict:
    return a if ORDER[a] >= ORDER[b] else b
