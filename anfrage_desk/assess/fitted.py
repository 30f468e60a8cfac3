"""Fitted weights: a logistic regression over the signals of ``signals.py``.

The weights are fitted by ``tools/fit_assess.py`` on the labelled corpus and shipped as a small
JSON file (``resources/assess/weights.json``); an office may re-fit them on the corpus plus its
own corrections (stored in the database, see ``services/relearn.py``). The model says how likely
an answer is *not* clear; each signal's contribution (weight × value) is what the UI explains.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from anfrage_desk import resources
from anfrage_desk.assess.signals import NAMES

WEIGHTS_FILE = resources.path("assess", "weights.json")


@dataclass(frozen=True)
class Model:
    """Weights per signal name and the probability above which an answer is not clear."""

    weights: Mapping[str, float]
    threshold: float = 0.5
    note: str = ""
    trained_on: Mapping[str, int] = field(default_factory=dict)

    def logit(self, values: Mapping[str, float]) -> float:
        return sum(self.weights.get(name, 0.0) * v for name, v in values.items())

    def probability(self, values: Mapping[str, float]) -> float:
        z = max(-30.0, min(30.0, self.logit(values)))
        return 1.0 / (1.0 + math.exp(-z))

    def contributions(self, values: Mapping[str, float]) -> list[tuple[str, float]]:
        """Signals by their push towards "not clear" (positive) or "clear" (negative)."""
        parts = [
            (name, self.weights.get(name, 0.0) * v)
            for name, v in values.items()
            if v and name != "bias" and self.weights.get(name, 0.0)
        ]
        return sorted(parts, key=lambda p: -abs(p[1]))

    def to_json(self) -> str:
        data = {
            "weights": {n: round(self.weights.get(n, 0.0), 4) for n in NAMES},
            "threshold": round(self.threshold, 4),
            "note": self.note,
            "trained_on": dict(self.trained_on),
        }
        return json.dumps(data, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Model:
        data = json.loads(text)
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        return cls(
            weights,
            float(data.get("threshold", 0.5)),
            str(data.get("note", "")),
            {str(k): int(v) for k, v in dict(data.get("trained_on", {})).items()},
        )


@lru_cache(maxsize=1)
def default_model() -> Model:
    """The shipped weights. A missing or broken file is an error: never a silent default."""
    try:
        return Model.from_json(WEIGHTS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError) as exc:
        raise RuntimeError(
            f"Die Gewichte der Bewertung ({WEIGHTS_FILE.name}) fehlen oder sind beschädigt: {exc}"
        ) from exc


def fit(
    rows: Sequence[Mapping[str, float]],
    labels: Sequence[bool],
    *,
    l2: float = 1.0,
    iterations: int = 25,
    sample_weights: Sequence[float] | None = None,
    prior: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """L2-regularised logistic regression by Newton's method (no numpy needed).

    A few hundred answers and fifty signals: each step solves one 50 × 50 system. ``l2`` is the
    penalty on the summed squared weights (the bias is not penalised); ``sample_weights`` let an
    office's own corrections count more than the corpus. With ``prior`` the penalty pulls the
    weights towards those values instead of towards zero (a re-fit from the shipped weights).
    """
    names = list(NAMES)
    k = len(names)
    xs = [[(i, row[n]) for i, n in enumerate(names) if row.get(n)] for row in rows]
    ys = [1.0 if y else 0.0 for y in labels]
    sw = list(sample_weights) if sample_weights is not None else [1.0] * len(xs)
    bias = names.index("bias")
    centre = [prior.get(n, 0.0) for n in names] if prior is not None else [0.0] * k
    w = list(centre)
    for _ in range(iterations):
        grad = [0.0 if i == bias and prior is None else l2 * (w[i] - centre[i]) for i in range(k)]
        hess = [[0.0] * k for _ in range(k)]
        for i in range(k):
            if i != bias or prior is not None:
                hess[i][i] = l2
        for x, y, s in zip(xs, ys, sw, strict=True):
            z = max(-30.0, min(30.0, sum(w[i] * v for i, v in x)))
            p = 1.0 / (1.0 + math.exp(-z))
            g, h = (p - y) * s, max(p * (1.0 - p), 1e-6) * s
            for i, vi in x:
                grad[i] += g * vi
                row = hess[i]
                for j, vj in x:
                    row[j] += h * vi * vj
        step = _solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step, strict=True)]
        if max(abs(si) for si in step) < 1e-6:
            break
    return dict(zip(names, w, strict=True))


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the Hessian is small and positive definite)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        if abs(m[p][c]) < 1e-12:
            continue
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            if f:
                mr, mc = m[r], m[c]
                for j in range(c, n + 1):
                    mr[j] -= f * mc[j]
    x = [0.0] * n
    for c in range(n - 1, -1, -1):
        if abs(m[c][c]) < 1e-12:
            continue
        x[c] = (m[c][n] - sum(m[c][j] * x[j] for j in range(c + 1, n))) / m[c][c]
    return x
