"""Set up the PostgreSQL database of a faction office for Anfrage-Desk's team mode.

    python tools/team_db.py setup postgresql://admin@server/postgres
    python tools/team_db.py add-seat postgresql://admin@server/postgres jana
    python tools/team_db.py remove-seat postgresql://admin@server/postgres jana
    python tools/team_db.py migrate postgresql://anfrage_desk_owner@server/anfrage_desk

``setup`` creates the schema owner, the office group and the database, makes the schema (the
app's migrations, run as the owner) and gives the group exactly the rights the app needs.
``add-seat`` creates one person's login in the group. ``migrate`` brings the schema up to date
after an update of Anfrage-Desk (seats cannot: they have no DDL rights). Passwords are asked
for (or read from ANFRAGE_DESK_OWNER_PASSWORD / ANFRAGE_DESK_SEAT_PASSWORD for scripts); the
admin URI may carry its own password or use ~/.pgpass / PGPASSWORD as usual for libpq.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from anfrage_desk.store import StoreUnavailable, open_db  # noqa: E402
from anfrage_desk.store.team_roles import (  # noqa: E402
    Office,
    RoleError,
    add_seat,
    create_office,
    grant_office,
    remove_seat,
)


def _password(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    if value:
        return value
    first = getpass.getpass(prompt)
    if not first or getpass.getpass("Noch einmal: ") != first:
        raise RoleError("Die Passwörter fehlen oder stimmen nicht überein.")
    return first


def _office(args: argparse.Namespace) -> Office:
    return Office(database=args.database, owner=args.owner, group=args.group)


def setup(args: argparse.Namespace) -> None:
    office = _office(args)
    password = _password("ANFRAGE_DESK_OWNER_PASSWORD", f"Passwort für {office.owner}: ")
    owner_uri = create_office(args.admin_uri, office, password)
    migrate_as_owner(owner_uri, office)
    print(
        f"Datenbank {office.database} eingerichtet; Eigentümer {office.owner}, Gruppe {office.group}."
    )


def migrate_as_owner(owner_uri: str, office: Office) -> None:
    db = open_db(owner_uri)  # runs the pending migrations as the schema owner
    db.close()
    grant_office(owner_uri, office)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=Office.database)
    parser.add_argument("--owner", default=Office.owner)
    parser.add_argument("--group", default=Office.group)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("setup", help="Rollen, Datenbank und Schema anlegen")
    p.add_argument("admin_uri")
    p = sub.add_parser("add-seat", help="eine Person (Anmeldung) in die Bürogruppe aufnehmen")
    p.add_argument("admin_uri")
    p.add_argument("name")
    p = sub.add_parser("remove-seat", help="eine Person aus der Bürogruppe nehmen")
    p.add_argument("admin_uri")
    p.add_argument("name")
    p = sub.add_parser(
        "migrate", help="das Schema nach einem Update aktualisieren (als Eigentümer)"
    )
    p.add_argument("owner_uri")
    args = parser.parse_args(argv)
    try:
        if args.command == "setup":
            setup(args)
        elif args.command == "add-seat":
            password = _password("ANFRAGE_DESK_SEAT_PASSWORD", f"Passwort für {args.name}: ")
            add_seat(args.admin_uri, _office(args), args.name, password)
            print(f"{args.name} kann sich jetzt anmelden (Datenbank {args.database}).")
        elif args.command == "remove-seat":
            remove_seat(args.admin_uri, _office(args), args.name)
            print(f"{args.name} gehört nicht mehr zur Bürogruppe.")
        else:
            migrate_as_owner(args.owner_uri, _office(args))
            print("Schema aktuell.")
    except (RoleError, StoreUnavailable) as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # psycopg's errors: the server's own (English) text
        if type(exc).__module__.startswith("psycopg"):
            print(f"Fehler vom Server: {exc}", file=sys.stderr)
            return 1
        raise
    return 0


if __name__ == "__main__":
    sys.exit(main())
