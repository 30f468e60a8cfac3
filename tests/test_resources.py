"""The shipped files: found through importlib.resources, and a missing one is an error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from anfrage_desk import resources
from anfrage_desk.assess.phrases import KINDS, default_phrasebook, read_patterns

PACKAGE_DIR = Path(resources.__file__).parent


def _shipped_files() -> set[str]:
    return {
        p.relative_to(PACKAGE_DIR).as_posix()
        for p in PACKAGE_DIR.rglob("*")
        if p.is_file() and p.suffix not in {".py", ".pyc"} and "__pycache__" not in p.parts
    }


def test_required_list_names_exactly_the_shipped_files() -> None:
    assert set(resources.REQUIRED) == _shipped_files()
    assert {f"phrases/{kind}.txt" for kind in KINDS} <= set(resources.REQUIRED)


def test_path_lies_inside_the_package() -> None:
    assert resources.path("letters", "nachfrage.ini") == PACKAGE_DIR / "letters" / "nachfrage.ini"
    assert resources.path("phrases").is_dir()


def test_check_passes_on_the_installed_files() -> None:
    resources.check()


def test_check_names_every_missing_file_in_german() -> None:
    with pytest.raises(resources.MissingResource) as info:
        resources.check([*resources.REQUIRED, "phrases/gibt-es-nicht.txt", "letters/fehlt.ini"])
    message = str(info.value)
    assert "phrases/gibt-es-nicht.txt fehlt" in message
    assert "letters/fehlt.ini fehlt" in message
    assert "neu installieren" in message


def test_check_refuses_a_file_that_is_not_utf8(monkeypatch, tmp_path: Path) -> None:
    shutil.copytree(PACKAGE_DIR, tmp_path / "res", ignore=shutil.ignore_patterns("*.py*"))
    (tmp_path / "res" / "letters" / "anfrage.ini").write_bytes("Grüße".encode("cp1252"))
    monkeypatch.setattr(resources, "path", lambda *parts: (tmp_path / "res").joinpath(*parts))
    with pytest.raises(resources.MissingResource, match="letters/anfrage.ini ist nicht lesbar"):
        resources.check()


def test_a_missing_phrase_list_is_an_error_not_an_empty_list(tmp_path: Path) -> None:
    shutil.copytree(resources.path("phrases"), tmp_path / "phrases")
    (tmp_path / "phrases" / "hedge.txt").unlink()
    with pytest.raises(resources.MissingResource, match="hedge.txt"):
        read_patterns(tmp_path / "phrases")


def test_every_phrase_list_is_loaded() -> None:
    kinds = {pattern.kind for pattern in default_phrasebook().patterns}
    assert kinds == set(KINDS)


def test_cli_refuses_to_work_with_an_incomplete_installation(
    monkeypatch, tmp_path: Path, capsys
) -> None:
    from anfrage_desk.cli import main
    from anfrage_desk.cli_args import EXIT_REFUSED

    shutil.copytree(PACKAGE_DIR, tmp_path / "res", ignore=shutil.ignore_patterns("*.py*"))
    (tmp_path / "res" / "letters" / "nachfrage.ini").unlink()
    monkeypatch.setattr(resources, "path", lambda *parts: (tmp_path / "res").joinpath(*parts))
    db = tmp_path / "desk.sqlite"
    assert main(["overdue", "--db", str(db)]) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert err.startswith("Fehler: ") and "letters/nachfrage.ini fehlt" in err
    assert not db.exists()


def test_version_refuses_with_an_incomplete_installation(
    monkeypatch, tmp_path: Path, capsys
) -> None:
    from anfrage_desk.cli import main

    shutil.copytree(PACKAGE_DIR, tmp_path / "res", ignore=shutil.ignore_patterns("*.py*"))
    (tmp_path / "res" / "example" / "anfrage-2024-04-29.txt").unlink()
    monkeypatch.setattr(resources, "path", lambda *parts: (tmp_path / "res").joinpath(*parts))
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 1
    assert "example/anfrage-2024-04-29.txt fehlt" in capsys.readouterr().err
