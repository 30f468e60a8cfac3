"""Properties of the split on every letter of the shared corpus (skipped when it is absent).

- each answer's `span` points into the letter as given: the slice begins and ends like the
  answer (compared on letters and digits) and holds at least as much text;
- `anfrage-desk analyze --json` keeps the shape of DESIGN.md, with reason offsets inside the
  item's answer.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from anfrage_desk.cli import main
from anfrage_desk.segment import parse_inquiry, split_letter
from anfrage_desk.segment.spans import norm

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
pytestmark = pytest.mark.skipif(
    not (SHARED / "labels.json").exists(), reason="../shared/corpus fehlt"
)


def documents() -> list[dict[str, Any]]:
    if not (SHARED / "labels.json").exists():
        return []
    docs: list[dict[str, Any]] = json.loads((SHARED / "labels.json").read_text(encoding="utf-8"))
    return docs


def test_spans_point_into_the_original_text() -> None:
    checked = 0
    for doc in documents():
        text = (SHARED / doc["answer"]).read_text(encoding="utf-8")
        questions = None
        if doc["inquiry"]:
            questions = parse_inquiry(
                (SHARED / doc["inquiry"]).read_text(encoding="utf-8")
            ).questions
        items = split_letter(text, questions).items
        labels = [it.label for it in items]
        assert len(labels) == len(set(labels)), doc["doc"]
        for item in items:
            if item.answer is None:
                assert item.span is None
                continue
            assert item.span is not None, (doc["doc"], item.label)
            start, end = item.span
            assert 0 <= start < end <= len(text), (doc["doc"], item.label)
            got, want = norm(text[start:end]), norm(item.answer)
            assert got.startswith(want[:12]), (doc["doc"], item.label)
            assert got.endswith(want[-12:]), (doc["doc"], item.label)
            assert len(got) >= len(want), (doc["doc"], item.label)
            checked += 1
    assert checked >= 780


def test_analyze_json_keeps_the_design_shape(capsys: pytest.CaptureFixture[str]) -> None:
    docs = documents()
    assert len(docs) >= 108
    for doc in docs:
        args = ["analyze", str(SHARED / doc["answer"]), "--json"]
        if doc["inquiry"]:
            args += ["--inquiry", str(SHARED / doc["inquiry"])]
        assert main(args) == 0, doc["doc"]
        out = json.loads(capsys.readouterr().out)
        assert set(out) == {"letter", "items"}
        assert set(out["letter"]) == {"date", "refers_to_date"}
        assert out["items"], doc["doc"]
        for item in out["items"]:
            assert set(item) == {"label", "question", "answer", "verdict", "refers_to", "reasons"}
            assert isinstance(item["label"], str) and item["label"]
            assert item["verdict"] in {"clear", "partial", "vague", "missing"}
            for reason in item["reasons"]:
                assert set(reason) == {"code", "message", "start", "end"}
                answer = item["answer"] or ""
                assert 0 <= reason["start"] <= reason["end"] <= len(answer), (doc["doc"], reason)
