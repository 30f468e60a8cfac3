import subprocess
import sys

from anfrage_desk.cli import main


def test_help_lists_subcommands(capsys):
    try:
        main(["--help"])
    except SystemExit as exc:
        assert exc.code == 0
    out = capsys.readouterr().out
    for command in (
        "analyze",
        "add-inquiry",
        "add-answer",
        "overdue",
        "export-followup",
        "export-reminder",
    ):
        assert command in out


def test_bad_arguments_exit_nonzero_with_german_message():
    result = subprocess.run(
        [sys.executable, "-m", "anfrage_desk", "overdue", "--today", "gestern"],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "kein Datum" in result.stderr


def test_db_option_creates_that_file(tmp_path, capsys):
    target = tmp_path / "sub" / "x.sqlite"
    assert main(["--db", str(target), "overdue", "--today", "2024-01-01"]) == 0
    assert target.exists()
    assert "Keine überfälligen Anfragen" in capsys.readouterr().out


def test_env_variable_selects_database(tmp_path, monkeypatch):
    target = tmp_path / "env.sqlite"
    monkeypatch.setenv("ANFRAGE_DESK_DB", str(target))
    assert main(["overdue"]) == 0
    assert target.exists()


def test_a_server_that_cannot_be_reached_at_the_start_is_named_without_talk_of_lost_changes(
    capsys,
):
    import socket

    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code = main(["--db", f"postgresql://seat@127.0.0.1:{port}/anfragen", "overdue"])
    err = capsys.readouterr().err
    assert code == 1
    assert "nicht erreichbar" in err and "anfragen" in err
    assert "Änderung" not in err  # nothing was changed yet
