"""Score the splitter (and, when present, the assessor) on labelled answer letters.

Two sources:
- the shared corpus next to the repository (`../shared/corpus`, see its README), read in place;
- the project's own letters in `tests/corpus/` (`NN-name.txt`, `NN-name.inquiry.txt`,
  `NN-name.json`).

A question counts as split correctly when the answer text the splitter gives for its label
contains the labelled `answer_start`, both compared on letters and digits only, lower-cased.
A question labelled as not answered counts as correct when the splitter gives no answer.

Usage: .venv/bin/python tools/eval.py [--verbose]
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from anfrage_desk.segment import (  # noqa: E402
    ParsedQuestion,
    SplitItem,
    SplitLetter,
    parse_inquiry,
    split_letter,
)

SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
OWN_CORPUS = ROOT / "tests" / "corpus"


def alnum(text: str | None) -> str:
    return re.sub(r"[^0-9a-zäöüß]", "", (text or "").lower())


@dataclass
class DocResult:
    name: str
    total: int = 0
    correct: int = 0
    failures: list[tuple[str, str, str]] = field(default_factory=list)
    date_checks: list[bool] = field(default_factory=list)
    pairs: list[tuple[SplitItem | None, dict[str, Any]]] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Case:
    name: str
    letter: str
    questions: Sequence[ParsedQuestion] | None
    labels: dict[str, Any]
    asked_on: str | None


# An answer that also holds the start of another question's answer swallowed too much (a
# joint answer made by mistake). Reported apart. Identical wording in two answers is possible
# ("Es wird auf die Antwort zu Frage 3 verwiesen."): a start printed more than once in the
# letter proves nothing and is not counted.
LEAK_MIN = 25


def score(case: Case) -> DocResult:
    result = DocResult(case.name)
    split: SplitLetter = split_letter(case.letter, case.questions)
    letter = alnum(case.letter)
    by_label = {alnum(it.label): it for it in split.items}
    for q in case.labels["questions"]:
        result.total += 1
        item = by_label.get(alnum(q["n"]))
        result.pairs.append((item, q))
        answer = item.answer if item else None
        if not q["answer_present"] or q.get("answer_start") is None:
            ok = answer is None
        else:
            ok = bool(answer) and alnum(q["answer_start"]) in alnum(answer)
        others = {
            alnum(o["answer_start"])
            for o in case.labels["questions"]
            if o.get("answer_start")
            and alnum(o["answer_start"]) != alnum(q.get("answer_start"))
            and letter.count(alnum(o["answer_start"])) == 1
        }
        if answer and any(len(o) >= LEAK_MIN and o in alnum(answer) for o in others):
            result.leaks.append(q["n"])
        if ok:
            result.correct += 1
        else:
            got = "—" if answer is None else re.sub(r"\s+", " ", answer)[:70]
            expected = q.get("answer_start") or "(keine Antwort)"
            result.failures.append((q["n"], expected[:70], got))
    answered_on = case.labels.get("answered_on")
    if answered_on is not None or split.meta.date is not None:
        got_date = split.meta.date.isoformat() if split.meta.date else None
        result.date_checks.append(got_date == answered_on)
    if case.asked_on:
        got_ref = split.meta.refers_to_date.isoformat() if split.meta.refers_to_date else None
        result.date_checks.append(got_ref == case.asked_on)
    return result


def shared_cases(corpus: Path) -> list[Case]:
    cases: list[Case] = []
    labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    for doc in labels:
        letter = (corpus / doc["answer"]).read_text(encoding="utf-8")
        questions: Sequence[ParsedQuestion] | None = None
        asked_on = None
        if doc.get("inquiry"):
            inquiry = parse_inquiry((corpus / doc["inquiry"]).read_text(encoding="utf-8"))
            questions = inquiry.questions
        else:
            asked_on = doc.get("asked_on")
        cases.append(Case(doc["doc"], letter, questions, doc, asked_on))
    return cases


def own_cases(folder: Path) -> list[Case]:
    cases: list[Case] = []
    for sidecar in sorted(folder.glob("*.json")):
        stem = sidecar.name[: -len(".json")]
        letter_path = folder / f"{stem}.txt"
        inquiry_path = folder / f"{stem}.inquiry.txt"
        if not letter_path.exists():
            continue
        labels = json.loads(sidecar.read_text(encoding="utf-8"))
        questions = None
        if inquiry_path.exists():
            questions = parse_inquiry(inquiry_path.read_text(encoding="utf-8")).questions
        cases.append(
            Case(
                f"tests/corpus/{stem}",
                letter_path.read_text(encoding="utf-8"),
                questions,
                labels,
                labels.get("asked_on"),
            )
        )
    return cases


def print_table(title: str, results: Sequence[DocResult], verbose: bool) -> tuple[int, int]:
    print(f"\n{title}")
    print(f"{'Dokument':<34} {'Fragen':>6} {'richtig':>8} {'Anteil':>7}  Daten")
    total = correct = 0
    for r in results:
        share = r.correct / r.total if r.total else 1.0
        dates = f"{sum(r.date_checks)}/{len(r.date_checks)}" if r.date_checks else "–"
        print(f"{r.name:<34} {r.total:>6} {r.correct:>8} {share:>7.0%}  {dates}")
        total += r.total
        correct += r.correct
        if verbose:
            for label, expected, got in r.failures:
                print(f"    ✗ {label}: erwartet „{expected}“")
                print(f"          erhalten „{got}“")
    share = correct / total if total else 1.0
    print(f"{'Summe':<34} {total:>6} {correct:>8} {share:>7.1%}")
    return total, correct


def institution(name: str) -> str:
    """ "bundestag/21-1142" -> "bundestag"; the project's own letters are "eigene"."""
    return "eigene" if name.startswith("tests/") else name.split("/", 1)[0]


def split_by_institution(results: Sequence[DocResult]) -> dict[str, tuple[int, int, int]]:
    """Questions, correct splits and answers holding another's start, per institution."""
    table: dict[str, tuple[int, int, int]] = {}
    for r in results:
        total, correct, leaks = table.get(institution(r.name), (0, 0, 0))
        table[institution(r.name)] = (total + r.total, correct + r.correct, leaks + len(r.leaks))
    return table


def print_institutions(results: Sequence[DocResult]) -> None:
    print("\nAufteilung je Herkunft:")
    print(f"{'Herkunft':<16} {'Fragen':>6} {'richtig':>8} {'Anteil':>7} {'verschluckt':>12}")
    for name, (total, correct, leaks) in split_by_institution(results).items():
        share = correct / total if total else 1.0
        print(f"{name:<16} {total:>6} {correct:>8} {share:>7.1%} {leaks:>12}")


def find_assessor() -> Callable[[Sequence[Any]], Sequence[Any]] | None:
    try:
        module = importlib.import_module("anfrage_desk.assess")
    except ImportError:
        return None
    func = getattr(module, "assess_items", None)
    return func if callable(func) else None


def print_assessment(results: Sequence[DocResult]) -> None:
    assess = find_assessor()
    if assess is None:
        print("\nBewertung: assess.assess_items noch nicht vorhanden")
        return
    tp = fp = fn = tn = 0
    for r in results:
        items = [it for it, _ in r.pairs if it is not None]
        if not items:
            continue
        verdicts = {it.label: v for it, v in zip(items, assess(items), strict=False)}
        for it, q in r.pairs:
            if it is None:
                continue
            truth = bool(q.get("vague")) or not q.get("answer_present", True)
            verdict = verdicts.get(it.label)
            value = getattr(getattr(verdict, "verdict", None), "value", None)
            if value is None:
                value = str(getattr(verdict, "verdict", "clear"))
            predicted = value != "clear"
            if predicted and truth:
                tp += 1
            elif predicted:
                fp += 1
            elif truth:
                fn += 1
            else:
                tn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print("\nBewertung „nicht klar“ (vage oder fehlend) gegen die Labels:")
    print(f"  richtig erkannt {tp}, fälschlich {fp}, übersehen {fn}, richtig klar {tn}")
    print(f"  Precision {precision:.2f}  Recall {recall:.2f}  F1 {f1:.2f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Aufteilung der Antwortschreiben bewerten.")
    parser.add_argument("--verbose", action="store_true", help="Fehlschläge einzeln zeigen")
    args = parser.parse_args(argv)
    all_results: list[DocResult] = []
    grand_total = grand_correct = 0
    if (SHARED_CORPUS / "labels.json").exists():
        results = [score(c) for c in shared_cases(SHARED_CORPUS)]
        t, c = print_table(f"Gemeinsamer Korpus ({SHARED_CORPUS})", results, args.verbose)
        grand_total += t
        grand_correct += c
        all_results.extend(results)
    else:
        print(f"Gemeinsamer Korpus nicht gefunden ({SHARED_CORPUS}) – dieser Teil entfällt.")
    own = own_cases(OWN_CORPUS)
    if own:
        results = [score(c) for c in own]
        t, c = print_table("Eigene Testbriefe (tests/corpus)", results, args.verbose)
        grand_total += t
        grand_correct += c
        all_results.extend(results)
    else:
        print("Keine eigenen Testbriefe in tests/corpus gefunden.")
    if grand_total:
        print(
            f"\nAufteilung gesamt: {grand_correct}/{grand_total} = {grand_correct / grand_total:.1%}"
        )
        print_institutions(all_results)
        leaks = [f"{r.name} #{n}" for r in all_results for n in r.leaks]
        print(
            f"Antworten, die auch den Anfang einer anderen Antwort enthalten: {len(leaks)}"
            + (f" ({', '.join(leaks)})" if leaks else "")
        )
    print_assessment(all_results)
    if (SHARED_CORPUS / "labels.json").exists():
        import fit_assess  # the per-institution and leave-one-institution-out figures

        print("\nBewertung je Institution (tools/fit_assess.py):")
        fit_assess.report(fit_assess.load_docs())
    return 0


if __name__ == "__main__":
    sys.exit(main())
