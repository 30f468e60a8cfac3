"""Fitting the weights: examples (signals with a verdict) and the threshold.

``tools/fit_assess.py`` fits the shipped weights on the labelled corpus. An office re-fits them
on its own corrections (``services/relearn.py``) with the shipped weights as the starting point
and a pull back towards them, so that what the corpus taught stays unless the office's
corrections say otherwise (the corpus itself is not shipped).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from anfrage_desk.assess.fitted import Model, fit


@dataclass(frozen=True)
class Example:
    group: str  # institution or "own" (hand-written), "office" for a user's corrections
    truth: bool  # not clear
    signals: Mapping[str, float]
    weight: float = 1.0


def best_threshold(weights: Mapping[str, float], examples: Sequence[Example]) -> float:
    """The threshold with the best F1 on the answers fitted on (0.20 to 0.70).

    Compared by leave-one-institution-out: as good as or better than the mean or the worst-case
    F1 over the institutions, and the simplest to explain.
    """
    probe = Model(weights)
    scored = [(probe.probability(e.signals), e.truth) for e in examples]
    best, best_score = 0.5, -1.0
    for i in range(20, 71):
        t = i / 100
        tp = sum(1 for p, y in scored if p >= t and y)
        fp = sum(1 for p, y in scored if p >= t and not y)
        fn = sum(1 for p, y in scored if p < t and y)
        score = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if score > best_score + 1e-9:
            best, best_score = t, score
    return best


def fit_model(examples: Sequence[Example], note: str, threshold: float | None = None) -> Model:
    """Weights and threshold from ``examples`` (a fixed ``threshold`` is kept as given)."""
    weights = fit(
        [e.signals for e in examples],
        [e.truth for e in examples],
        sample_weights=[e.weight for e in examples],
    )
    counts: dict[str, int] = {}
    for e in examples:
        counts[e.group] = counts.get(e.group, 0) + 1
    chosen = best_threshold(weights, examples) if threshold is None else threshold
    return Model(weights, chosen, note, counts)


PRIOR_STRENGTH = 1.0
"""How strongly a re-fit is pulled back to the shipped weights (per weight, squared distance)."""


def refit(base: Model, corrections: Sequence[Example]) -> Model:
    """The weights moved by an office's corrections; the threshold stays the shipped one."""
    weights = fit(
        [e.signals for e in corrections],
        [e.truth for e in corrections],
        l2=PRIOR_STRENGTH,
        prior=base.weights,
        sample_weights=[e.weight for e in corrections],
    )
    counts = dict(base.trained_on)
    counts["office"] = len(corrections)
    return Model(weights, base.threshold, "re-fitted on the office's corrections", counts)
