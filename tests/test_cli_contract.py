"""The CLI contract: global options before and after the sub-command, German texts, exit codes."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from anfrage_desk import __version__
from anfrage_desk.assess.phrases import KINDS, default_phrasebook
from anfrage_desk.cli import EXIT_BAD_INPUT, build_parser, main
from anfrage_desk.cli_args import EXIT_REFUSED, EXIT_USAGE
from anfrage_desk.services.example import EXAMPLE_DIR

ENGLISH = re.compile(
    r"usage|options:|positional arguments|show this help|invalid|required|unrecognized|"
    r"expected|\bargument\b|choose from|error:|Usage|Error"
)


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_every_subcommand_takes_the_global_options_after_itself() -> None:
    """Also a sub-command added later: its parser is a CommandParser."""
    commands = _commands()
    assert {"analyze", "overdue", "export-reminder"} <= set(commands)
    for name, sub in commands.items():
        options = {o for action in sub._actions for o in action.option_strings}
        assert {"--db", "--version", "--help"} <= options, name


def test_a_subcommand_added_later_takes_db_on_both_sides() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    sub.add_parser("later-command", help="neu").add_argument("url")
    after = parser.parse_args(["later-command", "https://rat.example/paper/1", "--db", "a.sqlite"])
    before = parser.parse_args(["--db", "b.sqlite", "later-command", "https://rat.example/paper/1"])
    assert (after.command, after.db, after.url) == ("later-command", "a.sqlite", after.url)
    assert (before.command, before.db) == ("later-command", "b.sqlite")
    assert parser.parse_args(["later-command", "u"]).db is None  # neither side: the default


def _script(tmp: Path, sample_letter: Path) -> list[list[str]]:
    """Every sub-command once, in an order where each has something to work on."""
    reminder = tmp / "erinnerung.docx"
    followup = tmp / "nachfrage.docx"
    late = tmp / "spaet.txt"
    late.write_text("Radwege am Bahnhof\n\n1. Wie viele Stellplätze gibt es?\n", encoding="utf-8")
    return [
        ["add-inquiry", str(EXAMPLE_DIR / "anfrage-2024-04-29.txt"), "--submitted", "2024-04-29"],
        ["add-inquiry", str(late), "--body", "Rat", "--submitted", "2024-01-02"],
        ["add-answer", "1", str(sample_letter), "--received", "2024-05-15"],
        ["export-followup", "1", str(followup)],
        ["overdue", "--today", "2024-06-01"],
        ["export-reminder", "2", str(reminder), "--today", "2024-06-01"],
        ["analyze", str(sample_letter), "--json"],
    ]


def test_every_subcommand_runs_with_db_before_and_after(
    tmp_path: Path, sample_letter: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    default = tmp_path / "default.sqlite"
    monkeypatch.setenv("ANFRAGE_DESK_DB", str(default))
    outputs: dict[str, list[str]] = {}
    for way in ("before", "after"):
        work = tmp_path / way
        work.mkdir()
        db = work / "desk.sqlite"
        outputs[way] = []
        for step in _script(work, sample_letter):
            argv = ["--db", str(db), *step] if way == "before" else [*step, "--db", str(db)]
            code, out, err = _run(argv, capsys)
            assert (code, err) == (0, ""), (way, step)
            outputs[way].append(out.replace(str(work), "<work>"))
        assert db.exists()
        assert (work / "erinnerung.docx").exists() and (work / "nachfrage.docx").exists()
    assert outputs["before"] == outputs["after"]
    assert outputs["before"][0].strip() == "1"  # an id alone on its line
    assert not default.exists()  # --db was honoured in both places
    # the commands of DESIGN.md; a later one gets --db through CommandParser (test above)
    assert {step[0] for step in _script(tmp_path, sample_letter)} == {
        "analyze",
        "add-inquiry",
        "add-answer",
        "overdue",
        "export-followup",
        "export-reminder",
    }


@pytest.mark.parametrize("where", ["before", "after"])
def test_unknown_id_is_refused_with_exit_1(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "desk.sqlite")
    command = ["export-followup", "99", str(tmp_path / "x.docx")]
    argv = ["--db", db, *command] if where == "before" else [*command, "--db", db]
    code, out, err = _run(argv, capsys)
    assert code == EXIT_REFUSED == EXIT_BAD_INPUT == 1
    assert err.startswith("Fehler: ") and err.count("\n") == 1
    assert not ENGLISH.search(err), err


@pytest.mark.parametrize(
    "argv",
    [
        ["gibtsnicht"],
        ["overdue", "--today", "gestern"],
        ["overdue", "--db"],
        ["overdue", "--unbekannt"],
        ["overdue", "überzählig"],
        ["add-answer", "eins", "brief.txt"],
        ["export-followup"],
        ["analyze", "brief.txt", "--json=ja"],
        ["--db"],
    ],
)
def test_usage_errors_exit_2_with_one_german_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(argv, capsys)
    assert code == EXIT_USAGE == 2
    assert out == ""
    assert err.startswith("Fehler: ") and err.count("\n") == 1, err
    assert "Hilfe: anfrage-desk" in err
    assert not ENGLISH.search(err.replace("Hilfe: ", "")), err


@pytest.mark.parametrize("command", [[], *[[name] for name in _commands()]])
def test_help_is_german(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run([*command, "--help"], capsys)
    assert code == 0
    assert out.startswith("Aufruf: anfrage-desk")
    assert "Optionen:" in out and "--db PFAD" in out
    assert not ENGLISH.search(out), out


@pytest.mark.parametrize("argv", [["--version"], ["overdue", "--version"]])
def test_version_names_the_loaded_phrase_patterns(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(argv, capsys)
    assert code == 0
    count = len(default_phrasebook().patterns)
    assert count > 100
    assert out.startswith(f"Anfrage-Desk {__version__} ")
    assert f"{count} Phrasenmuster aus {len(KINDS)} Listen geladen" in out
