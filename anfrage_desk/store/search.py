"""Full-text index (SQLite FTS5): the one engine-specific part of the store.

The index holds *folded* text: lower case, umlauts spelled out (ä→ae, ß→ss), so that
"Strasse" finds "Straße" and "Muell" finds "Müll". Queries are folded the same way.
The store's own writes keep the index in step (see ``reindex_inquiry``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from anfrage_desk.store.db import Database

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue", "ẞ": "ss"})
_TOKEN = re.compile(r'"[^"]*"|[^\s"]+')
_WORD = re.compile(r"\w+", re.UNICODE)
_OPERATORS = {"and", "or", "not", "near"}


def fold(text: str) -> str:
    return text.translate(_FOLD).lower()


def reindex_inquiry(db: Database, inquiry_id: int) -> None:
    """Rebuild the index entries of one inquiry from its stored texts."""
    remove_inquiry(db, inquiry_id)
    row = db.execute(
        "SELECT title, preamble, reference, deleted_at FROM inquiry WHERE id = ?", [inquiry_id]
    ).fetchone()
    if row is None or row[3]:
        return
    entries: list[tuple[int, str, int, str]] = [
        (inquiry_id, "inquiry", inquiry_id, fold(" ".join([row[0], row[1], row[2]])))
    ]
    for qid, text in db.execute("SELECT id, text FROM question WHERE inquiry_id = ?", [inquiry_id]):
        entries.append((inquiry_id, "question", qid, fold(text)))
    for aid, text in db.execute(
        "SELECT a.id, a.text FROM answer a JOIN question q ON q.id = a.question_id "
        "WHERE q.inquiry_id = ? AND a.text IS NOT NULL",
        [inquiry_id],
    ):
        entries.append((inquiry_id, "answer", aid, fold(text)))
    for lid, text in db.execute(
        "SELECT id, raw_text FROM answer_letter WHERE inquiry_id = ?", [inquiry_id]
    ):
        entries.append((inquiry_id, "letter", lid, fold(text)))
    db.conn.executemany(
        "INSERT INTO search_index (inquiry_id, kind, ref_id, content) VALUES (?, ?, ?, ?)", entries
    )


def remove_inquiry(db: Database, inquiry_id: int) -> None:
    db.execute("DELETE FROM search_index WHERE inquiry_id = ?", [inquiry_id])


def all_inquiry_ids(db: Database) -> list[int]:
    return [int(r[0]) for r in db.execute("SELECT id FROM inquiry WHERE deleted_at IS NULL")]


def clear(db: Database) -> None:
    db.execute("DELETE FROM search_index")


def build_match(query: str, prefix: bool = True) -> str | None:
    """Turn user input into a safe FTS5 MATCH expression.

    Quoted phrases stay phrases; every other word is quoted (so ``AND``, ``*`` or a lone quote
    never raise) and, with ``prefix``, the last word matches as a prefix while typing.
    Returns None when nothing searchable is left.
    """
    folded = fold(query)
    if folded.count('"') % 2:
        folded = folded.replace('"', " ")
    parts: list[str] = []
    tokens = _TOKEN.findall(folded)
    for index, token in enumerate(tokens):
        if token.startswith('"'):
            words = _WORD.findall(token)
            if words:
                parts.append('"' + " ".join(words) + '"')
            continue
        words = _WORD.findall(token)
        if not words:
            continue
        if len(words) == 1 and words[0] in _OPERATORS and len(tokens) > 1:
            continue
        last = index == len(tokens) - 1
        for w_index, word in enumerate(words):
            star = "*" if prefix and last and w_index == len(words) - 1 else ""
            parts.append(f'"{word}"{star}')
    return " ".join(parts) if parts else None


def query_terms(query: str) -> list[str]:
    """The folded words of a query, for highlighting in the original text."""
    return [w for w in _WORD.findall(fold(query)) if w not in _OPERATORS]


@dataclass(frozen=True)
class Hit:
    inquiry_id: int
    kind: str
    ref_id: int
    rank: float


def search(
    db: Database, query: str, limit: int = 200, inquiry_ids: Iterable[int] | None = None
) -> list[Hit]:
    """Hits ranked by bm25, best first. Never raises on odd input."""
    match = build_match(query)
    if match is None:
        return []
    sql = (
        "SELECT inquiry_id, kind, ref_id, bm25(search_index) AS rank FROM search_index "
        "WHERE search_index MATCH ? ORDER BY rank LIMIT ?"
    )
    params: list[Any] = [match, limit]
    rows = db.execute(sql, params).fetchall()
    allowed = set(inquiry_ids) if inquiry_ids is not None else None
    return [
        Hit(int(r[0]), str(r[1]), int(r[2]), float(r[3]))
        for r in rows
        if allowed is None or int(r[0]) in allowed
    ]
