"""Full-text search on the PostgreSQL server: the same query syntax and result rules as FTS5.

The index table holds the same folded texts as on SQLite (``search.fold``); its ``tsv`` column
is PostgreSQL's German configuration with ``unaccent`` (``desk_german``, migration step 2).
A user's query is parsed once (``search.parse_query``): every word is a quoted lexeme, a phrase
becomes ``a <-> b``, a prefix ``a:*``, a single word is OR-ed with its compound and inflection
variants from the vocabulary (a ``pg_trgm`` index instead of FTS5's trigram table), and the
terms are AND-ed. The query is built from words only, so no input can make it fail.

Ranking: best first by ``ts_rank`` with length normalisation (PostgreSQL's closest rule to
bm25), stored as a negative number so that "smaller is better" holds on both engines; unranked
searches list the newest inquiries first, as on SQLite.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from anfrage_desk.store.db import Database

CONFIG = "desk_german"


def _lexeme(word: str) -> str:
    return "'" + word.replace("'", "''").replace("\\", "") + "'"


def tsquery(terms: Sequence[Any], variants: dict[str, list[str]] | None = None) -> str | None:
    """The ``to_tsquery`` text of parsed terms (``search.Term``), or None."""
    parts = []
    for term in terms:
        text = " <-> ".join(_lexeme(w) for w in term.words)
        if term.prefix:
            text += ":*"
        others = (variants or {}).get(term.words[0], []) if len(term.words) == 1 else []
        if others:
            text = " | ".join([text, *(_lexeme(v) for v in others)])
        parts.append(f"({text})")
    return " & ".join(parts) if parts else None


def _where(flt: Any, filter_sql: str) -> str:
    sql = "FROM search_index s"
    if flt.active:
        sql += " JOIN inquiry i ON i.id = s.inquiry_id"
    sql += f" WHERE s.tsv @@ to_tsquery('{CONFIG}', ?)"
    if filter_sql:
        sql += " AND " + filter_sql
    return sql


def search_rows(
    db: Database,
    query: str,
    flt: Any,
    filter_sql: str,
    params: list[Any],
    limit: int,
    ranked: bool,
) -> list[tuple[Any, ...]]:
    """(inquiry_id, kind, ref_id, rank) rows, best (or newest) first."""
    tail = _where(flt, filter_sql)
    if ranked:
        rank = f"-ts_rank(s.tsv, to_tsquery('{CONFIG}', ?), 1)"
        order = "rank, s.rowid DESC"
        args = [query, query, *params, limit]
    else:
        rank, order, args = "0.0", "s.rowid DESC", [query, *params, limit]
    sql = f"SELECT s.inquiry_id, s.kind, s.ref_id, {rank} AS rank {tail} ORDER BY {order} LIMIT ?"
    return db.execute(sql, args).fetchall()


def count_rows(
    db: Database, query: str, flt: Any, filter_sql: str, params: list[Any]
) -> tuple[int, int]:
    tail = _where(flt, filter_sql)
    row = db.execute(
        f"SELECT count(*), count(DISTINCT s.inquiry_id) {tail}", [query, *params]
    ).fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def variants(db: Database, root: str, limit: int) -> list[str]:
    """Vocabulary words containing ``root`` (trigram index), shortest first."""
    rows = db.execute(
        "SELECT term FROM search_word WHERE term LIKE ? ORDER BY length(term), term LIMIT ?",
        [f"%{root}%", limit],
    ).fetchall()
    return [str(r[0]) for r in rows]
