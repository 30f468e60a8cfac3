"""Full-text index (SQLite FTS5; on a server ``search_pg``): the engine-specific part.

The index holds *folded* text: lower case, umlauts spelled out (ä→ae, ß→ss), so that
"Strasse" finds "Straße" and "Muell" finds "Müll". Queries are folded the same way.
The store's own writes keep the index in step (see ``reindex_inquiry``).

Every entry's rowid carries its inquiry: ``inquiry_id << ROW_BITS | n``. Removing or
re-indexing one inquiry is then a rowid range operation instead of a scan of the whole index,
which matters because the editor re-indexes on every autosave.

German compounds and inflections ("strasse" → "Kreisstraße", "Zeitplanungen" → "Zeitplanung")
come from the vocabulary beside the index (``search_words``).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from anfrage_desk.store import search_pg, search_words
from anfrage_desk.store.db import Database

_FOLD = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue", "ẞ": "ss"}
)
_TOKEN = re.compile(r'"[^"]*"|[^\s"]+')
_WORD = re.compile(r"\w+", re.UNICODE)
_OPERATORS = {"and", "or", "not", "near"}
ROW_BITS = 20
_ROW_MASK = (1 << ROW_BITS) - 1
BATCH = 500
MIN_PREFIX = 2
"""Shorter last words are matched whole while typing: "a*" would touch the whole index."""


def fold(text: str) -> str:
    return text.translate(_FOLD).lower()


# -- keeping the index in step --------------------------------------------------------------


def _in(ids: Sequence[int]) -> str:
    return ",".join("?" * len(ids))


def entries_for(db: Database, inquiry_ids: Sequence[int]) -> list[tuple[int, int, str, int, str]]:
    """(rowid, inquiry_id, kind, ref_id, folded text) of the live inquiries among ``ids``."""
    ids = list(inquiry_ids)
    if not ids:
        return []
    marks = _in(ids)
    rows: dict[int, list[tuple[str, int, str]]] = {}
    for iid, title, preamble, reference in db.execute(
        f"SELECT id, title, preamble, reference FROM inquiry "
        f"WHERE deleted_at IS NULL AND id IN ({marks})",
        ids,
    ):
        rows[int(iid)] = [("inquiry", int(iid), " ".join((title, preamble, reference)))]
    queries = (
        ("question", f"SELECT inquiry_id, id, text FROM question WHERE inquiry_id IN ({marks})"),
        (
            "answer",
            "SELECT q.inquiry_id, a.id, a.text FROM answer a JOIN question q ON q.id = a.question_id "
            f"WHERE q.inquiry_id IN ({marks}) AND a.text IS NOT NULL",
        ),
        (
            "letter",
            f"SELECT inquiry_id, id, raw_text FROM answer_letter WHERE inquiry_id IN ({marks})",
        ),
    )
    for kind, sql in queries:
        for iid, ref_id, text in db.execute(sql, ids):
            entries = rows.get(int(iid))
            if entries is not None and text:
                entries.append((kind, int(ref_id), text))
    out: list[tuple[int, int, str, int, str]] = []
    for iid, entries in rows.items():
        base = iid << ROW_BITS
        for n, (kind, ref_id, text) in enumerate(entries[: _ROW_MASK + 1]):
            out.append((base | n, iid, kind, ref_id, fold(text)))
    return out


def _insert(db: Database, entries: Sequence[tuple[int, int, str, int, str]]) -> None:
    db.executemany(
        "INSERT INTO search_index (rowid, inquiry_id, kind, ref_id, content) VALUES (?, ?, ?, ?, ?)",
        entries,
    )
    search_words.add_words(db, (entry[4] for entry in entries))


def reindex_inquiry(db: Database, inquiry_id: int) -> None:
    """Rebuild the index entries of one inquiry from its stored texts (gone if trashed)."""
    remove_inquiry(db, inquiry_id)
    _insert(db, entries_for(db, [inquiry_id]))


def remove_inquiry(db: Database, inquiry_id: int) -> None:
    base = inquiry_id << ROW_BITS
    db.execute("DELETE FROM search_index WHERE rowid BETWEEN ? AND ?", [base, base | _ROW_MASK])


def all_inquiry_ids(db: Database) -> list[int]:
    return [
        int(r[0]) for r in db.execute("SELECT id FROM inquiry WHERE deleted_at IS NULL ORDER BY id")
    ]


def clear(db: Database) -> None:
    db.execute("DELETE FROM search_index")
    search_words.clear(db)


def rebuild(db: Database, step: Callable[[int, int], None] | None = None) -> int:
    """Index every live inquiry anew, in batches; the caller holds the transaction.

    ``step(done, total)`` is called before each batch and may raise to cancel (the caller's
    transaction then rolls back and the old index stays). Returns the number of entries.
    """
    ids = all_inquiry_ids(db)
    clear(db)
    written = 0
    for start in range(0, len(ids), BATCH):
        if step is not None:
            step(start, len(ids))
        entries = entries_for(db, ids[start : start + BATCH])
        _insert(db, entries)
        written += len(entries)
    if step is not None:
        step(len(ids), len(ids))
    return written


def optimize(db: Database) -> None:
    """Merge the index b-trees into one (faster queries after a bulk build)."""
    if db.engine == "postgres":  # the server's autovacuum keeps its GIN index in shape
        return
    with db.atomic():
        db.execute("INSERT INTO search_index (search_index) VALUES ('optimize')")


def entry_count(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM search_index").fetchone()[0])


# -- queries --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One thing the user searches for: a word or a phrase (folded words), maybe a prefix."""

    words: tuple[str, ...]
    prefix: bool = False


def parse_query(query: str, prefix: bool = True) -> list[Term]:
    """Split user input into terms. Never fails: quotes, operators and symbols are tolerated.

    "Quoted words" form a phrase; a word ending in ``*`` is a prefix; with ``prefix`` the last
    word matches as a prefix too (search as you type) once it has MIN_PREFIX characters.
    FTS operators (AND, OR, NOT, NEAR) are dropped when other words are there.
    """
    folded = fold(query)
    if folded.count('"') % 2:
        folded = folded.replace('"', " ")
    tokens = _TOKEN.findall(folded)
    terms: list[Term] = []
    for index, token in enumerate(tokens):
        last = index == len(tokens) - 1
        if token.startswith('"'):
            words = tuple(_WORD.findall(token))
            if words:
                terms.append(Term(words))
            continue
        words = tuple(w.strip("_") for w in _WORD.findall(token))
        words = tuple(w for w in words if w)
        if not words:
            continue
        if len(words) == 1 and words[0] in _OPERATORS and len(tokens) > 1:
            continue
        starred = token.rstrip().endswith("*")
        for w_index, word in enumerate(words):
            final = w_index == len(words) - 1
            is_prefix = final and (starred or (prefix and last and len(word) >= MIN_PREFIX))
            terms.append(Term((word,), is_prefix))
    return terms


def match_expression(
    terms: Sequence[Term], variants: dict[str, list[str]] | None = None
) -> str | None:
    """A safe FTS5 MATCH expression: every word quoted, terms AND-ed; a single word is OR-ed
    with its ``variants`` (compounds and inflected forms that contain it)."""
    parts = []
    for term in terms:
        quoted = '"' + " ".join(term.words) + '"' + ("*" if term.prefix else "")
        others = (variants or {}).get(term.words[0], []) if len(term.words) == 1 else []
        if others:
            quoted = "(" + " OR ".join([quoted, *('"' + v + '"' for v in others)]) + ")"
        parts.append(quoted)
    return " AND ".join(parts) if parts else None


def word_variants(db: Database, terms: Sequence[Term]) -> dict[str, list[str]]:
    """Compound and inflection alternatives of the single-word terms (not of phrases)."""
    return {t.words[0]: search_words.variants(db, t.words[0]) for t in terms if len(t.words) == 1}


def build_match(query: str, prefix: bool = True) -> str | None:
    """Turn user input into a safe FTS5 MATCH expression (None: nothing searchable)."""
    return match_expression(parse_query(query, prefix))


def query_terms(query: str) -> list[str]:
    """The folded words of a query."""
    return [w for t in parse_query(query) for w in t.words]


@dataclass(frozen=True)
class SearchFilter:
    """Restrict hits. status: a stored status or "overdue" (needs ``today``); verdict: the
    effective verdict of the answer hit (or of an answer to the question hit)."""

    body_id: int | None = None
    addressee: tuple[str, str] | None = None
    year: int | None = None
    status: str | None = None
    verdict: str | None = None
    today: date | None = None

    @property
    def active(self) -> bool:
        return any(
            v is not None
            for v in (self.body_id, self.addressee, self.year, self.status, self.verdict)
        )


@dataclass(frozen=True)
class Hit:
    inquiry_id: int
    kind: str
    ref_id: int
    rank: float


def _filter_sql(flt: SearchFilter) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if flt.body_id is not None:
        where.append("i.body_id = ?")
        params.append(flt.body_id)
    if flt.addressee is not None:
        where.append("i.addressee_name = ? AND i.addressee_office = ?")
        params.extend(flt.addressee)
    if flt.year is not None:
        where.append("substr(coalesce(i.submitted_on, i.drafted_on), 1, 4) = ?")
        params.append(f"{flt.year:04d}")
    if flt.status is not None:
        today = (flt.today or date.today()).isoformat()
        if flt.status == "overdue":
            where.append("i.status = 'submitted' AND i.due_on < ?")
            params.append(today)
        elif flt.status == "submitted":
            where.append("i.status = 'submitted' AND (i.due_on IS NULL OR i.due_on >= ?)")
            params.append(today)
        else:
            where.append("i.status = ?")
            params.append(flt.status)
    if flt.verdict is not None:
        where.append(
            "((s.kind = 'answer' AND EXISTS (SELECT 1 FROM answer a WHERE a.id = s.ref_id "
            "AND coalesce(a.user_verdict, a.verdict) = ?)) OR (s.kind = 'question' AND EXISTS "
            "(SELECT 1 FROM answer a WHERE a.question_id = s.ref_id "
            "AND coalesce(a.user_verdict, a.verdict) = ?)))"
        )
        params.extend([flt.verdict, flt.verdict])
    return " AND ".join(where), params


def _from(flt: SearchFilter) -> tuple[str, list[Any]]:
    where, params = _filter_sql(flt)
    sql = "FROM search_index s"
    if flt.active:
        sql += " JOIN inquiry i ON i.id = s.inquiry_id"
    sql += " WHERE search_index MATCH ?"
    if where:
        sql += " AND " + where
    return sql, params


def search_terms(
    db: Database,
    terms: Sequence[Term],
    limit: int = 200,
    flt: SearchFilter | None = None,
    ranked: bool = True,
    variants: dict[str, list[str]] | None = None,
) -> list[Hit]:
    """Hits ranked by bm25, best first; with ``ranked=False`` newest inquiries first (cheap:
    bm25 costs about a microsecond per matching entry). Raises sqlite3.OperationalError on
    an expression FTS5 rejects. ``variants``: word_variants of the terms, if already read."""
    flt = flt or SearchFilter()
    found = word_variants(db, terms) if variants is None else variants
    if db.engine == "postgres":
        query = search_pg.tsquery(terms, found)
        if query is None:
            return []
        where, args = _filter_sql(flt)
        rows = search_pg.search_rows(db, query, flt, where, args, limit, ranked)
        return [Hit(int(r[0]), str(r[1]), int(r[2]), float(r[3])) for r in rows]
    match = match_expression(terms, found)
    if match is None:
        return []
    tail, params = _from(flt)
    if ranked:  # rank rowids only; the stored columns are read for the rows kept
        sql = (
            "SELECT x.inquiry_id, x.kind, x.ref_id, t.rank FROM (SELECT s.rowid AS r, "
            f"bm25(search_index) AS rank {tail} ORDER BY rank LIMIT ?) t "
            "JOIN search_index x ON x.rowid = t.r ORDER BY t.rank"
        )
    else:
        sql = f"SELECT s.inquiry_id, s.kind, s.ref_id, 0.0 {tail} ORDER BY s.rowid DESC LIMIT ?"
    rows = db.execute(sql, [match, *params, limit]).fetchall()
    return [Hit(int(r[0]), str(r[1]), int(r[2]), float(r[3])) for r in rows]


def count_terms(
    db: Database,
    terms: Sequence[Term],
    flt: SearchFilter | None = None,
    variants: dict[str, list[str]] | None = None,
) -> tuple[int, int]:
    """(hits, distinct inquiries) of a query, without ranking."""
    flt = flt or SearchFilter()
    found = word_variants(db, terms) if variants is None else variants
    if db.engine == "postgres":
        query = search_pg.tsquery(terms, found)
        if query is None:
            return 0, 0
        where, args = _filter_sql(flt)
        return search_pg.count_rows(db, query, flt, where, args)
    match = match_expression(terms, found)
    if match is None:
        return 0, 0
    tail, params = _from(flt)
    row = db.execute(
        f"SELECT count(*), count(DISTINCT s.rowid >> {ROW_BITS}) {tail}", [match, *params]
    ).fetchone()
    return int(row[0]), int(row[1])


def search(
    db: Database, query: str, limit: int = 200, inquiry_ids: Iterable[int] | None = None
) -> list[Hit]:
    """Hits for user input, ranked by bm25, best first. Never raises on odd input."""
    try:
        hits = search_terms(db, parse_query(query), limit)
    except sqlite3.OperationalError:
        hits = search_terms(db, parse_query(query, prefix=False), limit)
    allowed = set(inquiry_ids) if inquiry_ids is not None else None
    return [h for h in hits if allowed is None or h.inquiry_id in allowed]


# -- what the result list shows ---------------------------------------------------------------


@dataclass(frozen=True)
class InquiryHead:
    id: int
    title: str
    preamble: str
    reference: str
    body_name: str
    submitted_on: str | None
    drafted_on: str | None
    due_on: str | None
    status: str


@dataclass(frozen=True)
class HitText:
    """The original text of a hit and what it belongs to."""

    kind: str
    ref_id: int
    text: str
    label: str
    verdict: str | None = None
    date: str | None = None


def heads(db: Database, inquiry_ids: Sequence[int]) -> dict[int, InquiryHead]:
    ids = list(inquiry_ids)
    if not ids:
        return {}
    rows = db.execute(
        "SELECT i.id, i.title, i.preamble, i.reference, coalesce(b.name, ''), i.submitted_on, "
        f"i.drafted_on, i.due_on, i.status FROM inquiry i LEFT JOIN body b ON b.id = i.body_id "
        f"WHERE i.id IN ({_in(ids)})",
        ids,
    ).fetchall()
    return {int(r[0]): InquiryHead(*r) for r in rows}


def hit_texts(db: Database, hits: Sequence[Hit]) -> dict[tuple[str, int], HitText]:
    """Original texts of question, answer and letter hits, in three queries."""
    by_kind: dict[str, list[int]] = {}
    for h in hits:
        by_kind.setdefault(h.kind, []).append(h.ref_id)
    out: dict[tuple[str, int], HitText] = {}
    ids = by_kind.get("question", [])
    if ids:
        for qid, label, text in db.execute(
            f"SELECT id, label, text FROM question WHERE id IN ({_in(ids)})", ids
        ):
            out[("question", int(qid))] = HitText("question", int(qid), text, label)
    ids = by_kind.get("answer", [])
    if ids:
        for aid, label, text, verdict in db.execute(
            "SELECT a.id, q.label, a.text, coalesce(a.user_verdict, a.verdict) FROM answer a "
            f"JOIN question q ON q.id = a.question_id WHERE a.id IN ({_in(ids)})",
            ids,
        ):
            out[("answer", int(aid))] = HitText("answer", int(aid), text or "", label, verdict)
    ids = by_kind.get("letter", [])
    if ids:
        for lid, text, day, sender in db.execute(
            "SELECT id, raw_text, coalesce(letter_date, received_on), sender FROM answer_letter "
            f"WHERE id IN ({_in(ids)})",
            ids,
        ):
            out[("letter", int(lid))] = HitText("letter", int(lid), text, sender, date=day)
    return out


def filter_choices(db: Database) -> tuple[list[tuple[str, str]], list[int]]:
    """Distinct (addressee name, office) pairs and years of the live inquiries."""
    addressees = [
        (str(r[0]), str(r[1]))
        for r in db.execute(
            "SELECT addressee_name, addressee_office FROM inquiry "
            "WHERE deleted_at IS NULL AND (addressee_name != '' OR addressee_office != '') "
            "GROUP BY addressee_name, addressee_office "
            "ORDER BY lower(addressee_name), lower(addressee_office), addressee_name, addressee_office"
        )
    ]
    years = [
        int(r[0])
        for r in db.execute(
            "SELECT DISTINCT substr(coalesce(submitted_on, drafted_on), 1, 4) AS y FROM inquiry "
            "WHERE deleted_at IS NULL AND coalesce(submitted_on, drafted_on) IS NOT NULL "
            "ORDER BY y DESC"
        )
        if r[0] and str(r[0]).isdigit()
    ]
    return addressees, years
