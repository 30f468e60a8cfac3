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

import time
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


RANK_AT_COUNT = 5000
"""Counting also ranks the best CACHED_LIMIT hits when there are at most this many (the
search view ranks up to 5000 hits): one scan of the index instead of two."""
CACHED_LIMIT = 200
CACHE_SECONDS = 1.0


def _key(query: str, flt: Any, filter_sql: str, params: list[Any]) -> tuple[Any, ...]:
    return (query, bool(flt.active), filter_sql, tuple(params))


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
    cached = getattr(db, "_search_ranked", None)
    db._search_ranked = None  # type: ignore[attr-defined]  # used once at most
    if (
        ranked
        and cached is not None
        and cached[0] == _key(query, flt, filter_sql, params)
        and time.monotonic() - cached[1] <= CACHE_SECONDS
        and limit <= CACHED_LIMIT
    ):
        return list(cached[2][:limit])
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
    """(hits, distinct inquiries); the best hits ranked in the same scan are kept for the
    ``search_rows`` call that follows within a second (the search view's count, then rank)."""
    tail = _where(flt, filter_sql)
    rows = db.execute(
        f"WITH m AS MATERIALIZED (SELECT s.rowid, s.inquiry_id, s.kind, s.ref_id, s.tsv {tail}) "
        "SELECT 0 AS part, count(*), count(DISTINCT inquiry_id), NULL::text, NULL::bigint, "
        "NULL::real FROM m "
        "UNION ALL (SELECT 1, rowid, inquiry_id, kind, ref_id, "
        f"-ts_rank(tsv, to_tsquery('{CONFIG}', ?), 1) AS rank FROM m "
        "WHERE (SELECT count(*) FROM m) <= ? ORDER BY 6, 2 DESC LIMIT ?)",
        [query, *params, query, RANK_AT_COUNT, CACHED_LIMIT],
    ).fetchall()
    head = next((r for r in rows if r[0] == 0), None)
    total, distinct = (int(head[1]), int(head[2])) if head else (0, 0)
    if total <= RANK_AT_COUNT:
        ranked = sorted((r for r in rows if r[0] == 1), key=lambda r: (r[5], -r[1]))
        best = [(r[2], r[3], r[4], r[5]) for r in ranked]
        db._search_ranked = (  # type: ignore[attr-defined]
            _key(query, flt, filter_sql, params),
            time.monotonic(),
            best,
        )
    return total, distinct


def variants(db: Database, root: str, limit: int) -> list[str]:
    """Vocabulary words containing ``root`` (trigram index), shortest first."""
    rows = db.execute(
        "SELECT term FROM search_word WHERE term LIKE ? ORDER BY length(term), term LIMIT ?",
        [f"%{root}%", limit],
    ).fetchall()
    return [str(r[0]) for r in rows]
