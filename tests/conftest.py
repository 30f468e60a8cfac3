"""Shared fixtures: a real, migrated SQLite file in tmp_path; offscreen Qt."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from anfrage_desk.store import Database, open_db  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE_LETTER = SHARED / "samples" / "kreis-recklinghausen-antwort-2024-05-15.txt"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "desk.sqlite"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_db(db_path)
    yield database
    database.close()


@pytest.fixture
def sample_letter() -> Path:
    if not SAMPLE_LETTER.exists():
        pytest.skip("../shared/samples fehlt: Beispielbrief nicht vorhanden")
    return SAMPLE_LETTER


@pytest.fixture
def oparl_server() -> Iterator[object]:
    """A local OParl server on 127.0.0.1 (tests/oparl_server.py) serving corpus papers."""
    from oparl_server import CORPUS, RunningServer

    if not CORPUS.exists():
        pytest.skip("../shared/corpus/karlsruhe fehlt: keine OParl-Drucksachen zum Ausliefern")
    server = RunningServer()
    yield server
    server.stop()
