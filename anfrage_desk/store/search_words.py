"""German compounds and inflections for the word index (SQLite FTS5).

The word index (``search_index``) matches whole words and their beginnings, so "strasse" found
"Straße" but not "Kreisstraße", and "Zeitplanungen" found nothing for "Zeitplanung". Beside it
sits a vocabulary of the index's folded words with a trigram index (``search_word_trigram``).
A query word is cut back to its stem ("zeitplanungen" → "zeitplanung", "strasse" → "strass");
every indexed word that *contains* the stem joins the word as an alternative:
``("strasse"* OR "kreisstrasse" OR "strassen" …)``. The vocabulary is small (one row per
distinct word), so the trigram lookup costs well under a millisecond.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from anfrage_desk.store import search_pg
from anfrage_desk.store.db import Database

MIN_STEM = 4
"""Shorter stems would match half the vocabulary ("amt" in "samt", "kamt" …)."""
MAX_VARIANTS = 48
_SUFFIXES = ("ern", "en", "er", "es", "e", "n", "s")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CHUNK = 400


def stem(word: str) -> str:
    """The folded word without one German inflection ending, if enough of it remains."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def words_of(texts: Iterable[str]) -> set[str]:
    """The distinct words (of MIN_STEM letters or more) of folded texts."""
    found: set[str] = set()
    for text in texts:
        found.update(w for w in _WORD.findall(text) if len(w) >= MIN_STEM)
    return found


def add_words(db: Database, texts: Iterable[str]) -> int:
    """Put the words of folded texts into the vocabulary; returns how many were new."""
    words = sorted(words_of(texts))
    added = 0
    for start in range(0, len(words), _CHUNK):
        chunk = words[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        known = {
            r[0] for r in db.execute(f"SELECT term FROM search_word WHERE term IN ({marks})", chunk)
        }
        new = [(w,) for w in chunk if w not in known]
        if new and db.engine == "postgres":
            db.executemany("INSERT INTO search_word (term) VALUES (?)", new)
            added += len(new)
        elif new:
            db.executemany("INSERT INTO search_word (term) VALUES (?)", new)
            db.executemany("INSERT INTO search_word_trigram (term) VALUES (?)", new)
            added += len(new)
    return added


def clear(db: Database) -> None:
    db.execute("DELETE FROM search_word")
    if db.engine != "postgres":
        db.execute("DELETE FROM search_word_trigram")


def variants(db: Database, word: str) -> list[str]:
    """Indexed words that contain the stem of ``word`` (compounds, inflected forms),
    shortest first, without ``word`` itself."""
    root = stem(word)
    if len(root) < MIN_STEM or not root.isalnum():
        return []
    if db.engine == "postgres":
        found = search_pg.variants(db, root, MAX_VARIANTS + 1)
        return [w for w in found if w != word][:MAX_VARIANTS]
    rows = db.execute(
        "SELECT term FROM search_word_trigram WHERE search_word_trigram MATCH ? "
        "ORDER BY length(term), term LIMIT ?",
        ['"' + root + '"', MAX_VARIANTS + 1],
    ).fetchall()
    return [str(r[0]) for r in rows if r[0] != word][:MAX_VARIANTS]
