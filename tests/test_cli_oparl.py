"""`anfrage-desk import-oparl` and `watch-oparl --once` against a real local OParl server."""

from __future__ import annotations

import subprocess
import sys

from anfrage_desk.cli import main
from anfrage_desk.store import open_db


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "anfrage_desk", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def rows(db_path, table: str) -> int:
    db = open_db(db_path)
    try:
        return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        db.close()


def test_import_oparl_prints_id_and_verdicts_and_a_second_call_changes_nothing(
    oparl_server, db_path
):
    url = oparl_server.state.add_paper("2021-0451")
    first = run("--db", str(db_path), "import-oparl", url)
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines[0] == "1"
    assert lines[1].startswith("Frage 1: klar")
    assert lines[4].startswith("Frage 4: klar")  # the corpus labels all six answers clear
    assert len(lines) == 7
    counts = {t: rows(db_path, t) for t in ("inquiry", "question", "answer_letter", "answer")}
    again = run("--db", str(db_path), "import-oparl", url)
    assert again.returncode == 0 and again.stdout == first.stdout
    assert {t: rows(db_path, t) for t in counts} == counts


def test_watch_once_prints_one_line_per_new_answer(oparl_server, db_path, capsys):
    url = oparl_server.state.add_paper("2015-0112", answered=False)
    assert main(["--db", str(db_path), "import-oparl", url]) == 0
    assert capsys.readouterr().out == "1\n"  # no answer published yet
    assert main(["--db", str(db_path), "watch-oparl", "--once"]) == 0
    assert capsys.readouterr().out == ""
    oparl_server.state.publish_answer("2015-0112")
    assert main(["--db", str(db_path), "watch-oparl", "--once"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1
    assert out[0].startswith("1\t2015/0112\tRunde Tische zum Thema Bürgersicherheit\t4 Fragen, ")
    assert main(["--db", str(db_path), "watch-oparl", "--once"]) == 0
    assert capsys.readouterr().out == ""
    assert rows(db_path, "answer_letter") == 1


def test_server_down_exits_nonzero_with_a_german_line(oparl_server, db_path, capsys, monkeypatch):
    from anfrage_desk.importers import oparl

    monkeypatch.setattr(oparl.time, "sleep", lambda _s: None)
    url = oparl_server.state.add_paper("2021-0451")
    oparl_server.stop()
    assert main(["--db", str(db_path), "import-oparl", url]) != 0
    err = capsys.readouterr().err
    assert err.startswith("Fehler: Das Ratsinformationssystem unter 127.0.0.1:")
    assert "nicht erreichbar" in err and len(err.strip().splitlines()) == 1


def test_watch_without_once_is_a_usage_error(db_path):
    result = run("--db", str(db_path), "watch-oparl")
    assert result.returncode == 2 and "--once" in result.stderr


def test_watch_without_connected_gremium_prints_nothing(db_path, capsys):
    assert main(["--db", str(db_path), "watch-oparl", "--once"]) == 0
    assert capsys.readouterr() == ("", "")
