"""Roles on the PostgreSQL server of a faction office (run by the IT admin, ``tools/team_db.py``).

- the database (``anfrage_desk``) belongs to a **schema owner** role: it alone runs the
  migrations (tables, indexes, the search configuration);
- a NOLOGIN **office group** role gets exactly what the app needs: connect, use the schema,
  read and write rows, use the id sequences (no DDL, no superuser, no CREATE);
- every person logs in as a **seat** role of their own that is a member of the office group.

The admin's connection must be able to create roles and databases (a superuser or a role
with CREATEROLE and CREATEDB); the app itself never needs such rights.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class RoleError(ValueError):
    """A name or a step the admin must correct (German message)."""


@dataclass(frozen=True)
class Office:
    database: str = "anfrage_desk"
    owner: str = "anfrage_desk_owner"
    group: str = "anfrage_desk_office"


def check_name(name: str) -> str:
    if not _NAME.match(name):
        raise RoleError(
            f"„{name}“ ist als Name für PostgreSQL nicht geeignet: bitte nur Kleinbuchstaben, "
            "Ziffern und Unterstrich, mit einem Buchstaben am Anfang."
        )
    return name


def with_login(uri: str, user: str, password: str, database: str | None = None) -> str:
    """The server URI of ``uri`` with another login (and database)."""
    parts = urlsplit(uri)
    host = parts.hostname or "localhost"
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{quote(user, safe='')}:{quote(password, safe='')}@{host}"
    if parts.port:
        netloc += f":{parts.port}"
    path = "/" + (database if database is not None else parts.path.lstrip("/"))
    return urlunsplit((parts.scheme, netloc, path, parts.query, ""))


def _admin(uri: str):  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(uri, autocommit=True)


def _role_exists(conn, name: str) -> bool:  # type: ignore[no-untyped-def]
    return conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name]).fetchone() is not None


def create_office(admin_uri: str, office: Office, owner_password: str) -> str:
    """Roles and database; returns the owner's URI (with which the schema is then made)."""
    from psycopg import sql

    for name in (office.database, office.owner, office.group):
        check_name(name)
    with _admin(admin_uri) as conn:
        if not _role_exists(conn, office.owner):
            conn.execute(
                sql.SQL(
                    "CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {}"
                ).format(sql.Identifier(office.owner), sql.Literal(owner_password))
            )
        if not _role_exists(conn, office.group):
            conn.execute(
                sql.SQL("CREATE ROLE {} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE").format(
                    sql.Identifier(office.group)
                )
            )
        known = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [office.database]
        ).fetchone()
        if known is None:
            conn.execute(
                sql.SQL("CREATE DATABASE {} OWNER {} ENCODING 'UTF8' TEMPLATE template0").format(
                    sql.Identifier(office.database), sql.Identifier(office.owner)
                )
            )
        db = sql.Identifier(office.database)
        conn.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(db))
        conn.execute(
            sql.SQL("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}").format(
                db, sql.Identifier(office.group)
            )
        )
    return with_login(admin_uri, office.owner, owner_password, office.database)


def grant_office(owner_uri: str, office: Office) -> None:
    """As the schema owner, after the migrations: the group's rights on what is there now and
    (default privileges) on what later migrations create."""
    from psycopg import sql

    group = sql.Identifier(office.group)
    owner = sql.Identifier(office.owner)
    with _admin(owner_uri) as conn:
        statements = [
            "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
            "GRANT USAGE ON SCHEMA public TO {group}",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {group}",
            "REVOKE INSERT, UPDATE, DELETE ON schema_version FROM {group}",
            "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {group}",
            "ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
            "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {group}",
            "ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
            "GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {group}",
        ]
        for statement in statements:
            conn.execute(sql.SQL(statement).format(group=group, owner=owner))


def add_seat(admin_uri: str, office: Office, name: str, password: str) -> None:
    """A person's login, a member of the office group, with no rights of its own."""
    from psycopg import sql

    check_name(name)
    with _admin(admin_uri) as conn:
        if _role_exists(conn, name):
            conn.execute(
                sql.SQL("ALTER ROLE {} LOGIN PASSWORD {}").format(
                    sql.Identifier(name), sql.Literal(password)
                )
            )
        else:
            conn.execute(
                sql.SQL(
                    "CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {}"
                ).format(sql.Identifier(name), sql.Literal(password))
            )
        conn.execute(
            sql.SQL("GRANT {} TO {}").format(sql.Identifier(office.group), sql.Identifier(name))
        )


def remove_seat(admin_uri: str, office: Office, name: str) -> None:
    """Take the person out of the office group (the rows they wrote stay)."""
    from psycopg import sql

    check_name(name)
    with _admin(admin_uri) as conn:
        conn.execute(
            sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(office.group), sql.Identifier(name))
        )
        conn.execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(name)))
