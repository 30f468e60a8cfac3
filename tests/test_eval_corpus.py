"""The split evaluation on the project's own letters and on the shared corpus."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from anfrage_desk.segment import parse_inquiry, split_letter

ROOT = Path(__file__).resolve().parents[1]
OWN = ROOT / "tests" / "corpus"
SHARED = ROOT.parent / "shared" / "corpus"


def load_eval() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_tool", ROOT / "tools" / "eval.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


def test_own_corpus_is_complete() -> None:
    letters = sorted(p for p in OWN.glob("*.txt") if not p.name.endswith(".inquiry.txt"))
    assert len(letters) >= 12
    for letter in letters:
        stem = letter.name[: -len(".txt")]
        assert (OWN / f"{stem}.inquiry.txt").exists(), stem
        labels = json.loads((OWN / f"{stem}.json").read_text(encoding="utf-8"))
        inquiry = parse_inquiry((OWN / f"{stem}.inquiry.txt").read_text(encoding="utf-8"))
        assert [q.label for q in inquiry.questions] == [q["n"] for q in labels["questions"]], stem
        text = letter.read_text(encoding="utf-8")
        for q in labels["questions"]:
            if q["answer_start"]:
                assert " ".join(q["answer_start"].split()) in " ".join(text.split()), (stem, q["n"])


def test_own_corpus_split_accuracy() -> None:
    tool = load_eval()
    results = [tool.score(case) for case in tool.own_cases(OWN)]
    total = sum(r.total for r in results)
    correct = sum(r.correct for r in results)
    assert total >= 50
    assert correct / total >= 0.95, [f for r in results for f in r.failures]


def test_missing_answer_stays_an_item() -> None:
    stem = OWN / "01-kreistag-radwege"
    questions = parse_inquiry(
        stem.with_suffix(".inquiry.txt").read_text(encoding="utf-8")
    ).questions
    result = split_letter(stem.with_suffix(".txt").read_text(encoding="utf-8"), questions)
    assert [it.label for it in result.items] == ["1", "2", "3", "4", "5"]
    assert result.items[3].answer is None
    assert result.problems


@pytest.mark.skipif(not (SHARED / "labels.json").exists(), reason="../shared/corpus fehlt")
def test_shared_corpus_split_accuracy() -> None:
    tool = load_eval()
    results = [tool.score(case) for case in tool.shared_cases(SHARED)]
    table = tool.split_by_institution(results)
    assert set(table) == {"karlsruhe", "niedersachsen", "bundestag"}
    assert sum(total for total, _, _ in table.values()) >= 785
    for name, (total, correct, _leaks) in table.items():
        failures = [f for r in results if r.name.startswith(name) for f in r.failures]
        assert correct / total >= 0.98, (name, failures)


def test_eval_script_runs(capsys: pytest.CaptureFixture[str]) -> None:
    tool = load_eval()
    assert tool.main(["--verbose"]) == 0
    out = capsys.readouterr().out
    assert "Eigene Testbriefe" in out and "Aufteilung gesamt" in out
    assert "Aufteilung je Herkunft" in out
    assert "Bewertung" in out
