"""Fit the assessment's weights on the labelled corpus and report honest figures.

Data: every labelled question of `../shared/corpus` (and the project's own `tests/corpus`) whose
answer the splitter finds; the signals come from `anfrage_desk.assess.signals`. The weights are
a logistic regression (`anfrage_desk.assess.fitted.fit`); the threshold is the one that gives
the best F1 on the data fitted on.

Figures printed (precision, recall, F1 of "not clear" through the whole pipeline: split, assess,
referrals resolved):
- per institution with the weights fitted on all data (the training figure);
- leave one institution out: fitted on the other two, scored on the third (the honest figure),
  with the area under the ROC curve of those answers (the ranking, whatever the threshold).

Usage: .venv/bin/python tools/fit_assess.py [--write] [--quiet]
  --write  store the weights fitted on all data in resources/assess/weights.json
"""

from __future__ import annotations

import argparse
import bisect
import importlib.util
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import eval as corpus_eval  # noqa: E402

from anfrage_desk.assess import (  # noqa: E402
    Model,
    analyze_items,
    assess_items,
    load_phrasebook,
    training,  # noqa: E402
)
from anfrage_desk.assess.fitted import WEIGHTS_FILE  # noqa: E402
from anfrage_desk.segment import split_letter  # noqa: E402

INSTITUTIONS = ("karlsruhe", "niedersachsen", "bundestag")
# Signals only, no fitting yet: any model gives the same signals.
_PROBE = Model({"bias": 0.0})


@dataclass
class Item:
    group: str  # institution ("karlsruhe", …, "own")
    doc: str
    label: str
    truth: bool  # not clear
    signals: Mapping[str, float] | None  # None: decided by a rule (referral, missing, moot)

    def example(self) -> training.Example:
        return training.Example(self.group, self.truth, self.signals or {})


@dataclass
class Doc:
    group: str
    name: str
    items: list  # split items (SplitItem)
    truths: dict[str, bool]  # label key -> not clear


def group_of(name: str) -> str:
    head = name.split("/")[0]
    return head if head in INSTITUTIONS else "own"


def load_docs() -> list[Doc]:
    cases = []
    if (corpus_eval.SHARED_CORPUS / "labels.json").exists():
        cases += corpus_eval.shared_cases(corpus_eval.SHARED_CORPUS)
    cases += corpus_eval.own_cases(corpus_eval.OWN_CORPUS)
    docs = []
    for case in cases:
        split = split_letter(case.letter, case.questions)
        truths = {
            corpus_eval.alnum(q["n"]): bool(q.get("vague")) or not q.get("answer_present", True)
            for q in case.labels["questions"]
        }
        docs.append(Doc(group_of(case.name), case.name, list(split.items), truths))
    return docs + written_pairs()


def written_pairs() -> list[Doc]:
    """The hand-written question/answer pairs of tests/test_assess_written_pairs.py ("own")."""
    path = ROOT / "tests" / "test_assess_written_pairs.py"
    spec = importlib.util.spec_from_file_location("written_pairs", path)
    if spec is None or spec.loader is None:
        return []
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    docs = []
    for case in module.ALL_CASES:
        last = corpus_eval.alnum(case.items[-1].label)
        docs.append(Doc("own", f"pairs/{case.id}", list(case.items), {last: not case.clear}))
    return docs


def training_items(docs: Sequence[Doc], book: object) -> list[Item]:
    rows: list[Item] = []
    for doc in docs:
        analyses = analyze_items(doc.items, book, _PROBE)  # type: ignore[arg-type]
        for it, analysis in zip(doc.items, analyses, strict=True):
            key = corpus_eval.alnum(it.label)
            if key not in doc.truths or analysis.signals is None:
                continue
            rows.append(Item(doc.group, doc.name, key, doc.truths[key], analysis.signals))
    return rows


def fit_model(rows: Sequence[Item], note: str) -> Model:
    return training.fit_model([r.example() for r in rows], note)


def score(docs: Sequence[Doc], model: Model, book: object) -> tuple[int, int, int, int]:
    """tp, fp, fn, tn of "not clear" through the whole pipeline on these documents."""
    tp = fp = fn = tn = 0
    for doc in docs:
        found = set()
        if doc.items:
            verdicts = assess_items(doc.items, book, model)  # type: ignore[arg-type]
            for it, a in zip(doc.items, verdicts, strict=True):
                key = corpus_eval.alnum(it.label)
                if key not in doc.truths:
                    continue
                found.add(key)
                predicted = a.verdict.value != "clear"
                truth = doc.truths[key]
                tp += predicted and truth
                fp += predicted and not truth
                fn += truth and not predicted
                tn += not predicted and not truth
        for key, truth in doc.truths.items():
            if key not in found:  # no answer found for it: "missing", i.e. not clear
                tp += truth
                fp += not truth
    return tp, fp, fn, tn


def prf(counts: tuple[int, int, int, int]) -> tuple[float, float, float]:
    tp, fp, fn, _ = counts
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def auc(scored: Sequence[tuple[float, bool]]) -> float:
    """Area under the ROC curve: how well the probabilities rank unclear above clear answers
    (independent of the threshold)."""
    pos = sorted(p for p, y in scored if y)
    neg = sorted(p for p, y in scored if not y)
    if not pos or not neg:
        return 0.0
    wins = 0.0
    for p in pos:
        below = bisect.bisect_left(neg, p)
        ties = bisect.bisect_right(neg, p) - below
        wins += below + ties / 2
    return wins / (len(pos) * len(neg))


def line(name: str, counts: tuple[int, int, int, int]) -> str:
    p, r, f = prf(counts)
    tp, fp, fn, tn = counts
    return f"  {name:<16} P {p:.2f}  R {r:.2f}  F1 {f:.2f}   (tp {tp}, fp {fp}, fn {fn}, tn {tn})"


def report(docs: Sequence[Doc], quiet: bool = False) -> tuple[Model, dict[str, tuple]]:
    book = load_phrasebook()
    rows = training_items(docs, book)
    full = fit_model(rows, "fitted on the shared corpus and tests/corpus")
    results: dict[str, tuple] = {}
    if not quiet:
        print(f"Trainingsdaten: {len(rows)} Antworten; Schwelle {full.threshold:.2f}")
        print("\nBewertung „nicht klar“, Gewichte aus allen Daten (Trainingswert):")
    for group in (*INSTITUTIONS, "own"):
        part = [d for d in docs if d.group == group]
        if part:
            results[f"train:{group}"] = score(part, full, book)
            if not quiet:
                print(line(group, results[f"train:{group}"]))
    if not quiet:
        print("\nLeave one institution out (Gewichte aus den anderen beiden; ehrlicher Wert):")
    for held in INSTITUTIONS:
        test = [d for d in docs if d.group == held]
        if not test:
            continue
        train = [r for r in rows if r.group != held]
        model = fit_model(train, f"without {held}")
        results[f"loio:{held}"] = score(test, model, book)
        ranked = [(model.probability(r.signals or {}), r.truth) for r in rows if r.group == held]
        if not quiet:
            print(
                line(held, results[f"loio:{held}"])
                + f"  Schwelle {model.threshold:.2f}  AUC {auc(ranked):.2f}"
            )
    return full, results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Gewichte der Bewertung anpassen.")
    parser.add_argument("--write", action="store_true", help="Gewichte speichern")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    docs = load_docs()
    full, _ = report(docs, args.quiet)
    if args.write:
        WEIGHTS_FILE.parent.mkdir(parents=True, exist_ok=True)
        WEIGHTS_FILE.write_text(full.to_json() + "\n", encoding="utf-8")
        print(f"\nGespeichert: {WEIGHTS_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
