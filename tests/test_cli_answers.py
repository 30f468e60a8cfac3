"""`anfrage-desk analyze` and `add-answer` on the sample letter (headless, real database)."""

from __future__ import annotations

import json
from datetime import date

import docx

from anfrage_desk.cli import EXIT_BAD_INPUT, main
from anfrage_desk.services.example import EXAMPLE_DIR
from anfrage_desk.store import answers, open_db

INQUIRY = EXAMPLE_DIR / "anfrage-2024-04-29.txt"


def test_analyze_json_shape(sample_letter, capsys):
    assert main(["analyze", str(sample_letter), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"letter", "items"}
    assert result["letter"] == {"date": "2024-05-15", "refers_to_date": "2024-04-29"}
    items = result["items"]
    assert [i["label"] for i in items] == ["1", "2", "3", "4", "5", "6"]
    for item in items:
        assert set(item) == {"label", "question", "answer", "verdict", "refers_to", "reasons"}
        assert item["verdict"] in {"clear", "partial", "vague", "missing"}
        for reason in item["reasons"]:
            assert set(reason) == {"code", "message", "start", "end"}
            assert 0 <= reason["start"] <= reason["end"] <= len(item["answer"] or "")
    verdicts = {i["label"]: i["verdict"] for i in items}
    assert verdicts == {
        "1": "clear",
        "2": "clear",
        "3": "vague",
        "4": "vague",
        "5": "clear",
        "6": "vague",
    }
    assert items[3]["refers_to"] == "3"
    three = items[2]
    spans = [
        three["answer"][r["start"] : r["end"]] for r in three["reasons"] if r["end"] > r["start"]
    ]
    assert any("nicht benannt" in s for s in spans)
    assert items[0]["question"].startswith("In welcher Projektphase")


def test_analyze_text_output_with_inquiry(sample_letter, capsys):
    assert main(["analyze", str(sample_letter), "--inquiry", str(INQUIRY)]) == 0
    out = capsys.readouterr().out
    assert "Schreiben vom 15.05.2024, zur Anfrage vom 29.04.2024" in out
    assert "✗ Frage 4: ausweichend (verweist auf 3)" in out
    assert "✓ Frage 5: klar" in out


def test_analyze_docx_letter(sample_letter, tmp_path, capsys):
    document = docx.Document()
    for line in sample_letter.read_text(encoding="utf-8").replace("**", "").split("\n"):
        document.add_paragraph(line)
    document.save(tmp_path / "antwort.docx")
    assert main(["analyze", str(tmp_path / "antwort.docx"), "--json"]) == 0
    items = json.loads(capsys.readouterr().out)["items"]
    assert [i["verdict"] for i in items] == ["clear", "clear", "vague", "vague", "clear", "vague"]


def test_analyze_unreadable_file_exits_with_german_line(tmp_path, capsys):
    broken = tmp_path / "kaputt.pdf"
    broken.write_bytes(b"%PDF-1.4 kaputt")
    assert main(["analyze", str(broken)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err.strip()
    assert err.startswith("Fehler:") and "kaputt.pdf" in err and "\n" not in err


def test_add_answer_logs_letter_and_prints_summary(sample_letter, tmp_path, capsys):
    db_path = tmp_path / "cli.sqlite"
    assert main(["--db", str(db_path), "add-inquiry", str(INQUIRY)]) == 0
    inquiry_id = int(capsys.readouterr().out.strip())
    assert (
        main(
            [
                "--db",
                str(db_path),
                "add-answer",
                str(inquiry_id),
                str(sample_letter),
                "--received",
                "2024-05-16",
            ]
        )
        == 0
    )
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 6
    assert lines[2].startswith("Frage 3: ausweichend – ")
    assert lines[4].startswith("Frage 5: klar")
    db = open_db(db_path)
    letter = answers.letters_for(db, inquiry_id)[0]
    assert letter.received_on == date(2024, 5, 16)
    assert answers.letter_file(db, letter.id)[1] == sample_letter.read_bytes()
    db.close()


def test_add_answer_to_unknown_inquiry_writes_nothing(sample_letter, tmp_path, capsys):
    db_path = tmp_path / "cli.sqlite"
    assert main(["--db", str(db_path), "add-answer", "42", str(sample_letter)]) == EXIT_BAD_INPUT
    assert "keine Anfrage mit der Nummer 42" in capsys.readouterr().err
    db = open_db(db_path)
    assert db.execute("SELECT count(*) FROM answer_letter").fetchone()[0] == 0
    db.close()
