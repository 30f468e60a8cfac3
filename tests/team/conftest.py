"""An office on the test server: database, schema owner, office group and seats, made by
tools/team_db.py as an IT admin would."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from team_tools import run_team_db

from anfrage_desk.store.team_roles import Office, with_login

PASSWORD = "geheim-42"
_OFFICES = itertools.count(1)


@dataclass
class TeamOffice:
    server: object
    office: Office
    admin_uri: str

    def seat_uri(self, name: str, password: str = PASSWORD) -> str:
        return with_login(self.admin_uri, name, password, self.office.database)

    @property
    def owner_uri(self) -> str:
        return with_login(self.admin_uri, self.office.owner, PASSWORD, self.office.database)

    def add_seat(self, name: str) -> str:
        assert run_team_db(self, "add-seat", self.admin_uri, name) == 0
        return self.seat_uri(name)


@pytest.fixture
def office(pg_server, monkeypatch: pytest.MonkeyPatch) -> Iterator[TeamOffice]:  # type: ignore[no-untyped-def]
    n = next(_OFFICES)
    office = Office(database=f"office_{n}", owner=f"office_{n}_owner", group=f"office_{n}_staff")
    admin = pg_server.uri("postgres")
    monkeypatch.setenv("ANFRAGE_DESK_OWNER_PASSWORD", PASSWORD)
    monkeypatch.setenv("ANFRAGE_DESK_SEAT_PASSWORD", PASSWORD)
    team = TeamOffice(pg_server, office, admin)
    assert run_team_db(team, "setup", admin) == 0
    yield team
    pg_server.sql(f"DROP DATABASE IF EXISTS {office.database} WITH (FORCE)")
