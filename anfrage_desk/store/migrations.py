"""Numbered schema migrations keyed on ``PRAGMA user_version`` (on a server: the table
``schema_version``, with the steps of ``migrations_pg``).

``STEPS[i]`` brings the schema to version ``i + 1``. Before the first pending step of an
existing file, a timestamped backup copy is made with SQLite's backup API. Each step runs with
its version bump in one transaction. A file newer than ``len(STEPS)`` is refused untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from anfrage_desk.paths import backup_dir
from anfrage_desk.store import migrations_pg
from anfrage_desk.store.backups import write_backup
from anfrage_desk.store.db import Database, StoreUnavailable
from anfrage_desk.store.pg_errors import NO_RIGHTS, newer_schema

MIGRATION_LOCK = 0x41464452  # pg_advisory_xact_lock key of the schema migrations ("AFDR")

STAMPS = "created TEXT NOT NULL DEFAULT (datetime('now','localtime')), updated TEXT NOT NULL DEFAULT (datetime('now','localtime'))"


def initial_schema(db: Database) -> None:
    """Bodies, inquiries with questions, answer letters with answers, follow-ups, search."""
    statements = [
        f"""CREATE TABLE body (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'Rat',
            address TEXT NOT NULL DEFAULT '',
            rule_unit TEXT NOT NULL DEFAULT 'weeks',
            rule_amount INTEGER NOT NULL DEFAULT 4,
            holiday_region TEXT NOT NULL DEFAULT 'NW',
            meeting_dates TEXT NOT NULL DEFAULT '[]',
            {STAMPS})""",
        f"""CREATE TABLE inquiry (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            body_id INTEGER REFERENCES body(id) ON DELETE SET NULL,
            kind TEXT NOT NULL DEFAULT 'Anfrage',
            addressee_name TEXT NOT NULL DEFAULT '',
            addressee_office TEXT NOT NULL DEFAULT '',
            addressee_address TEXT NOT NULL DEFAULT '',
            faction TEXT NOT NULL DEFAULT '',
            signatories TEXT NOT NULL DEFAULT '[]',
            preamble TEXT NOT NULL DEFAULT '',
            drafted_on TEXT,
            submitted_on TEXT,
            due_on TEXT,
            due_manual INTEGER NOT NULL DEFAULT 0,
            reference TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'draft',
            parent_id INTEGER REFERENCES inquiry(id) ON DELETE SET NULL,
            deleted_at TEXT,
            {STAMPS})""",
        "CREATE INDEX inquiry_body ON inquiry(body_id)",
        "CREATE INDEX inquiry_parent ON inquiry(parent_id)",
        "CREATE INDEX inquiry_status ON inquiry(status, due_on)",
        f"""CREATE TABLE question (
            id INTEGER PRIMARY KEY,
            inquiry_id INTEGER NOT NULL REFERENCES inquiry(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            position INTEGER NOT NULL,
            text TEXT NOT NULL DEFAULT '',
            {STAMPS})""",
        "CREATE INDEX question_inquiry ON question(inquiry_id, position)",
        f"""CREATE TABLE answer_letter (
            id INTEGER PRIMARY KEY,
            inquiry_id INTEGER NOT NULL REFERENCES inquiry(id) ON DELETE CASCADE,
            received_on TEXT,
            letter_date TEXT,
            refers_to_date TEXT,
            sender TEXT NOT NULL DEFAULT '',
            reference TEXT NOT NULL DEFAULT '',
            raw_text TEXT NOT NULL DEFAULT '',
            file_name TEXT,
            file_data BLOB,
            problems TEXT NOT NULL DEFAULT '[]',
            confirmed_at TEXT,
            {STAMPS})""",
        "CREATE INDEX answer_letter_inquiry ON answer_letter(inquiry_id)",
        f"""CREATE TABLE answer (
            id INTEGER PRIMARY KEY,
            question_id INTEGER NOT NULL REFERENCES question(id) ON DELETE CASCADE,
            letter_id INTEGER NOT NULL REFERENCES answer_letter(id) ON DELETE CASCADE,
            text TEXT,
            verdict TEXT,
            score REAL,
            reasons TEXT NOT NULL DEFAULT '[]',
            refers_to TEXT,
            joint_with TEXT NOT NULL DEFAULT '[]',
            user_verdict TEXT,
            note TEXT NOT NULL DEFAULT '',
            {STAMPS},
            UNIQUE (question_id, letter_id))""",
        "CREATE INDEX answer_letter_ref ON answer(letter_id)",
        f"""CREATE TABLE followup (
            id INTEGER PRIMARY KEY,
            inquiry_id INTEGER NOT NULL REFERENCES inquiry(id) ON DELETE CASCADE,
            child_inquiry_id INTEGER REFERENCES inquiry(id) ON DELETE SET NULL,
            kind TEXT NOT NULL,
            answer_ids TEXT NOT NULL DEFAULT '[]',
            file_name TEXT,
            {STAMPS})""",
        "CREATE INDEX followup_inquiry ON followup(inquiry_id)",
        f"""CREATE TABLE evasive_phrase (
            id INTEGER PRIMARY KEY,
            phrase TEXT NOT NULL UNIQUE,
            {STAMPS})""",
        f"""CREATE TABLE setting (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            {STAMPS})""",
        # Folded text (umlauts spelled out, lower case) so that "Strasse" finds "Straße".
        """CREATE VIRTUAL TABLE search_index USING fts5(
            inquiry_id UNINDEXED, kind UNINDEXED, ref_id UNINDEXED, content,
            tokenize = "unicode61 remove_diacritics 2")""",
    ]
    for sql in statements:
        db.execute(sql)


_STEP2_FOLD = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue", "ẞ": "ss"}
)


def search_index_by_inquiry(db: Database) -> None:
    """Search index rowids carry their inquiry (``inquiry_id << 20 | n``: fast re-index),
    prefix indexes for typing; the index is filled from the stored texts, folded as the app
    of this version folded them. The statements are this step's own (a migration is
    history): later changes of the search code do not change what this step does."""
    db.execute("DROP TABLE IF EXISTS search_index")
    db.execute(
        """CREATE VIRTUAL TABLE search_index USING fts5(
        inquiry_id UNINDEXED, kind UNINDEXED, ref_id UNINDEXED, content,
        tokenize = "unicode61 remove_diacritics 2", prefix = '2 3')"""
    )
    texts: dict[int, list[tuple[str, int, str]]] = {}
    for iid, title, preamble, reference in db.execute(
        "SELECT id, title, preamble, reference FROM inquiry WHERE deleted_at IS NULL ORDER BY id"
    ):
        texts[int(iid)] = [("inquiry", int(iid), " ".join((title, preamble, reference)))]
    sources = (
        ("question", "SELECT inquiry_id, id, text FROM question ORDER BY id"),
        (
            "answer",
            "SELECT q.inquiry_id, a.id, a.text FROM answer a JOIN question q "
            "ON q.id = a.question_id WHERE a.text IS NOT NULL ORDER BY a.id",
        ),
        ("letter", "SELECT inquiry_id, id, raw_text FROM answer_letter ORDER BY id"),
    )
    for kind, sql in sources:
        for iid, ref_id, text in db.execute(sql):
            entries = texts.get(int(iid))
            if entries is not None and text:
                entries.append((kind, int(ref_id), str(text)))
    rows = [
        ((iid << 20) | n, iid, kind, ref_id, text.translate(_STEP2_FOLD).lower())
        for iid, entries in texts.items()
        for n, (kind, ref_id, text) in enumerate(entries[: 1 << 20])
    ]
    db.executemany(
        "INSERT INTO search_index (rowid, inquiry_id, kind, ref_id, content) VALUES (?, ?, ?, ?, ?)",
        rows,
    )


def list_indexes(db: Database) -> None:
    """Covering indexes for the inquiry list: its letter and verdict summaries never read
    letter texts or original files (10 000 inquiries load in one quick query)."""
    db.execute(
        "CREATE INDEX answer_letter_summary "
        "ON answer_letter(inquiry_id, letter_date, received_on, confirmed_at)"
    )
    db.execute("CREATE INDEX answer_verdicts ON answer(question_id, user_verdict, verdict)")


def oparl_links(db: Database) -> None:
    """Gremien connected to their council's OParl body; inquiries imported from OParl papers
    with the files taken (so a second import or the answer watch adds nothing twice)."""
    db.execute(
        f"""CREATE TABLE oparl_body (
            body_id INTEGER PRIMARY KEY REFERENCES body(id) ON DELETE CASCADE,
            system_url TEXT NOT NULL DEFAULT '',
            body_url TEXT NOT NULL,
            oparl_name TEXT NOT NULL DEFAULT '',
            paper_list_url TEXT NOT NULL,
            checked_at TEXT,
            history_key TEXT NOT NULL DEFAULT '',
            history_at TEXT,
            {STAMPS})"""
    )
    db.execute(
        f"""CREATE TABLE oparl_paper (
            inquiry_id INTEGER PRIMARY KEY REFERENCES inquiry(id) ON DELETE CASCADE,
            paper_url TEXT NOT NULL UNIQUE,
            body_url TEXT NOT NULL DEFAULT '',
            modified TEXT NOT NULL DEFAULT '',
            inquiry_file_url TEXT NOT NULL DEFAULT '',
            answer_file_url TEXT,
            letter_id INTEGER REFERENCES answer_letter(id) ON DELETE SET NULL,
            {STAMPS})"""
    )
    db.execute("CREATE INDEX oparl_paper_open ON oparl_paper(answer_file_url, body_url)")


def search_vocabulary(db: Database) -> None:
    """A trigram-indexed vocabulary beside the word index: German compounds and inflections
    ("strasse" finds "Kreisstraße", "Zeitplanungen" finds "Zeitplanung"), filled from the word
    index as it stands (the statements are this step's own: a migration is history)."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_word'").fetchone():
        return
    db.execute("CREATE TABLE search_word (term TEXT PRIMARY KEY) WITHOUT ROWID")
    db.execute("CREATE VIRTUAL TABLE search_word_trigram USING fts5(term, tokenize = 'trigram')")
    words: set[str] = set()
    for (content,) in db.execute("SELECT content FROM search_index"):
        words.update(w for w in re.findall(r"[^\W_]+", str(content)) if len(w) >= 4)
    rows = [(w,) for w in sorted(words)]
    db.executemany("INSERT INTO search_word (term) VALUES (?)", rows)
    db.executemany("INSERT INTO search_word_trigram (term) VALUES (?)", rows)


def row_versions(db: Database) -> None:
    """Team mode: a version per editable row (bumped by every update, so a save can see that
    someone else saved in between) and a change log per inquiry (who changed what, when)."""
    for table in ("inquiry", "answer", "body"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
        db.execute(
            f"CREATE TRIGGER {table}_version AFTER UPDATE ON {table} FOR EACH ROW "
            f"WHEN NEW.version = OLD.version BEGIN "
            f"UPDATE {table} SET version = OLD.version + 1 WHERE id = NEW.id; END"
        )
    db.execute(
        """CREATE TABLE change_log (
            id INTEGER PRIMARY KEY,
            inquiry_id INTEGER NOT NULL REFERENCES inquiry(id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            who TEXT NOT NULL,
            what TEXT NOT NULL)"""
    )
    db.execute("CREATE INDEX change_log_inquiry ON change_log(inquiry_id, id)")


STEPS: list[Callable[[Database], None]] = [
    initial_schema,
    search_index_by_inquiry,
    list_indexes,
    oparl_links,
    search_vocabulary,
    row_versions,
]
assert len(STEPS) == len(migrations_pg.STEPS), "every step is stated for both engines"


def current_version(db: Database) -> int:
    if db.engine == "postgres":
        return migrations_pg.current_version(db)
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def _steps(db: Database) -> list[Callable[[Database], None]]:
    return migrations_pg.STEPS if db.engine == "postgres" else STEPS


def backup_path(db_path: Path, version: int) -> Path:
    """In the backup folder, where the recovery dialog lists it; rotation never deletes it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return backup_dir(db_path) / f"{db_path.stem}.vor-migration-v{version}-{stamp}.sqlite"


def refuse_newer(db: Database) -> None:
    """Refuse a file made by a newer app before anything (even WAL mode) touches it."""
    version = current_version(db)
    if version > len(STEPS) and db.engine == "postgres":
        raise newer_schema(db.path, version, len(STEPS))
    if version > len(STEPS):
        raise StoreUnavailable(
            f"Die Datenbank {db.path.name} wurde mit einer neueren Version von Anfrage-Desk "
            f"angelegt (Schema {version}, diese Version kennt {len(STEPS)}). Bitte aktualisieren "
            "Sie Anfrage-Desk; die Datei wurde nicht verändert."
        )


def up_to_date(db: Database) -> bool:
    """True when opening needs no migration step (nothing is written)."""
    return current_version(db) == len(STEPS)


def migrate(db: Database) -> int:
    """Run all pending steps; return the version reached."""
    refuse_newer(db)
    version = current_version(db)
    if version == len(STEPS):
        return version
    if db.read_only:
        raise StoreUnavailable(
            f"Die Datenbank {db.path.name} muss aktualisiert werden, liegt aber auf einem "
            "schreibgeschützten Speicherort. Bitte kopieren Sie sie an einen beschreibbaren Ort."
        )
    if db.engine == "postgres":
        return _migrate_server(db, version)
    has_data = version > 0 or bool(db.table_names())
    if has_data:
        write_backup(db, backup_path(db.path, version))
    for index in range(version, len(STEPS)):
        with db.atomic():
            STEPS[index](db)
            db.execute(f"PRAGMA user_version = {index + 1:d}")
    return len(STEPS)


def _migrate_server(db: Database, version: int) -> int:
    """The server's steps, each with its version in one transaction. Two seats starting a new
    version at once: the advisory lock lets one migrate; the other then finds it done."""
    try:
        with db.atomic():
            db.execute("SELECT pg_advisory_xact_lock(?)", [MIGRATION_LOCK])
            version = current_version(db)
            refuse_newer(db)
            for index in range(version, len(migrations_pg.STEPS)):
                with db.atomic():
                    migrations_pg.STEPS[index](db)
                    migrations_pg.set_version(db, index + 1)
    except StoreUnavailable as exc:
        if exc.kind == NO_RIGHTS:
            raise StoreUnavailable(
                f"Die Datenbank {db.path.name} muss für diese Version von Anfrage-Desk "
                f"aktualisiert werden (Schema {version} → {len(STEPS)}). Das darf nur der "
                "Schema-Eigentümer: Bitte bitten Sie die IT-Betreuung, „tools/team_db.py "
                "migrate“ auszuführen (siehe README, „Teambetrieb“); es wurde nichts verändert.",
                NO_RIGHTS,
            ) from exc
        raise
    return len(STEPS)
