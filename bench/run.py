"""`make bench`: does Anfrage-Desk stay fast with 10 000 inquiries?

Measures, on the database made by ``bench/generate.py`` (cached in bench/), each app figure
next to its floor in the same run, floor and app alternating (A B A B …) so that the load of a
shared machine hits both alike; medians and the ratio of the medians are reported:
- cold start until the main window paints for the first time (the Übersicht; the other
  FEATURES install after that paint), next to a bare PySide6 program showing an empty
  QMainWindow, both as fresh subprocesses; also the start until all features are installed
  (menus complete); peak memory of each process tree (``os.wait4`` on its pid);
- loading the inquiry list (10 000 rows, the one query of InquiryTableModel);
- search through ``services.search.run_search`` (what the search view calls) next to raw
  FTS5 (the same MATCH expression on the same index, bm25 ordered, first 50) per query;
- ``services.answers.analyze_text`` (split + assess) per answer letter, median;
- the DOCX follow-up export next to a bare python-docx document of the same paragraphs;
- when `make dist` has built it: the standalone bundle's size and its start until the window
  runs, next to the same start from the checkout (what `make run` starts), see
  bundle/check_bundle.py.

Prints a Markdown table (date, machine, load) and writes bench/results.json. Not part of `make test`.
"""

from __future__ import annotations

import compileall
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import generate  # noqa: E402
import team  # noqa: E402

sys.path.insert(0, str(ROOT / "bundle"))
import check_bundle  # noqa: E402

RESULTS = ROOT / "bench" / "results.json"
SAMPLES = [
    ROOT.parent / "shared" / "samples" / "kreis-recklinghausen-antwort-2024-05-15.txt",
    ROOT / "anfrage_desk" / "resources" / "example" / "antwort-2024-05-15.txt",
]
START_RUNS = 11
SEARCH_ROUNDS = 3
EXPORT_RUNS = 30
QUERIES = [
    # topic words, as typed (prefix of the last word) and complete
    "radweg",
    "radwege sanierung",
    "kita",
    "kita-plätze",
    "kita plaetze",
    "schulsanierung",
    "sanierung gesamtschule",
    "digitalisierung",
    "onlinezugangs",
    "künstliche intelligenz",
    "öpnv",
    "oepnv",
    "deutschlandticket",
    "sozialticket",
    "haltestellen barrierefrei",
    "müll",
    "muellablagerungen",
    "photovoltaik",
    "hitzeaktionsplan",
    "sozialwohnungen",
    # places and names with umlauts and ß in either spelling
    "bahnhofstraße",
    "bahnhofstrasse",
    "hammer str",
    "grüner weg",
    "gruener weg",
    "südviertel",
    "münsterstraße",
    "schützenstrasse",
    "düsseldorfer",
    "frau dr. schäfer",
    "schaefer",
    # phrases from evasive answers
    '"konkrete zeitplanung"',
    '"keine belastbaren zahlen"',
    '"zu gegebener zeit"',
    '"festes team"',
    '"siehe antwort zu"',
    # combinations and numbers
    "radweg unfälle 2023",
    "kita warteliste",
    "glasfaser haushalte",
    "fördermittel land",
    "brandschutz",
    "wlan schulen",
    "straßenbahn verlängert",
    "bußgelder müll",
    "2021",
    # broad or odd input users type too
    "wie viele",
    "die",
    "verwaltung",
    '"unclosed',
    "NEAR(",
]


def _timed(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


# -- interleaving --------------------------------------------------------------------------------


def interleaved(
    floor: Callable[[], float], app: Callable[[], float], rounds: int
) -> tuple[list[float], list[float]]:
    """Floor and app alternately (A B A B …): load on the machine hits both alike."""
    floor_times: list[float] = []
    app_times: list[float] = []
    for _ in range(rounds):
        floor_times.append(floor())
        app_times.append(app())
    return floor_times, app_times


def _spread(values: list[float], scale: float = 1000.0) -> str:
    return f"{min(values) * scale:.0f}–{max(values) * scale:.0f}"


# -- cold start -------------------------------------------------------------------------------

_PAINT_SIGNAL = """
import sys
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {settings!r})
class PaintSignal(QObject):
    done = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            sys.stdout.write("painted\\n")
            sys.stdout.flush()
            QTimer.singleShot(0, QApplication.instance().quit)
        return False
"""

FLOOR = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    + _PAINT_SIGNAL
    + """
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1200, 780)
window.installEventFilter(PaintSignal(window))
window.show()
app.exec()
"""
)

# What ``anfrage-desk`` does up to the first paint (its modules in the order the command
# imports them, lock, open, window), without the log file; then it waits until the features
# that follow the paint are installed ("ready") and quits.
APP = (
    "import anfrage_desk.cli\n"
    "from anfrage_desk.ui.app import acquire_lock, check_in_background, create_app, open_database\n"
    "from PySide6.QtWidgets import QApplication\n"
    + _PAINT_SIGNAL.replace("QTimer.singleShot(0, QApplication.instance().quit)", "ready()")
    + """
from pathlib import Path
app = create_app()
path = Path({db!r})
lock = acquire_lock(path)
db = open_database(path, check_later=True)
from anfrage_desk.ui.main_window import MainWindow
window = MainWindow(db, background=True)
def ready():
    if not window.features_ready:
        QTimer.singleShot(1, ready)
        return
    sys.stdout.write("ready\\n")
    sys.stdout.flush()
    app.quit()
window.installEventFilter(PaintSignal(window))
window.show()
QTimer.singleShot(0, lambda: check_in_background(window, lambda: None))
app.exec()
lock.release()
"""
)


def start_once(code: str) -> tuple[float, float, int]:
    """Spawn ``python -c code``; seconds until it reports its first paint, seconds until it
    reports "ready" (the app: all features installed; the floor: the paint), and the peak
    memory (KiB) of that process tree alone (wait4 on its pid, not RUSAGE_CHILDREN)."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stderr is not None
    line = proc.stdout.readline()
    painted = time.perf_counter() - started
    ready = painted
    rest = proc.stdout.readline()
    if rest.strip() == "ready":
        ready = time.perf_counter() - started
    proc.stdout.read()
    error = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if line.strip() != "painted" or proc.returncode != 0:
        raise SystemExit(f"start failed ({proc.returncode}):\n{error[-2000:]}")
    return painted, ready, int(usage.ru_maxrss)


def cold_starts(settings: str, db_path: Path) -> dict[str, Any]:
    # Bytecode as an installed app has it (pip and PyInstaller compile; PySide6, the floor, is
    # compiled in site-packages): with PYTHONDONTWRITEBYTECODE set, every start would compile
    # the app's sources anew.
    compileall.compile_dir(ROOT / "anfrage_desk", quiet=1)
    floor_code = FLOOR.format(settings=settings)
    app_code = APP.format(settings=settings, db=str(db_path))
    memory: dict[str, list[int]] = {"floor": [], "app": []}
    ready: list[float] = []

    def one(kind: str, code: str) -> float:
        seconds, ready_s, kib = start_once(code)
        memory[kind].append(kib)
        if kind == "app":
            ready.append(ready_s)
        return seconds

    start_once(floor_code)  # warm the file cache for both
    start_once(app_code)
    floor_s, app_s = interleaved(
        lambda: one("floor", floor_code), lambda: one("app", app_code), START_RUNS
    )
    return {
        "floor": floor_s,
        "app": app_s,
        "ready": ready,
        "floor_kib": _median([float(k) for k in memory["floor"]]),
        "app_kib": _median([float(k) for k in memory["app"]]),
    }


# -- in-process measurements -------------------------------------------------------------------


def list_load(db_path: Path) -> float:
    from anfrage_desk.store import inquiries, open_db

    db = open_db(db_path)
    inquiries.list_rows(db)
    result = _median([_timed(lambda: inquiries.list_rows(db)) for _ in range(5)])
    db.close()
    return result


def _raw_match(db: Any, query: str) -> str | None:
    """The MATCH expression the app sends for ``query`` (with its fallback for odd input)."""
    import sqlite3

    from anfrage_desk.store import search as index

    for prefix in (True, False):
        terms = index.parse_query(query, prefix)
        if not prefix:
            terms = [index.Term((w,)) for t in terms for w in t.words]
        match = index.match_expression(terms, index.word_variants(db, terms))
        if match is None:
            return None
        try:
            db.execute("SELECT 1 FROM search_index WHERE search_index MATCH ? LIMIT 1", [match])
            return match
        except sqlite3.OperationalError:
            continue
    return None


RAW_FTS = (
    "SELECT rowid, bm25(search_index) FROM search_index WHERE search_index MATCH ? "
    "ORDER BY bm25(search_index) LIMIT 50"
)


def search_latency(db_path: Path) -> dict[str, Any]:
    """Per query: raw FTS5 (same MATCH, bm25 order, first 50) and ``run_search`` alternately,
    three rounds; the median of each query's rounds, then medians over all queries."""
    from anfrage_desk.services import search
    from anfrage_desk.store import open_db

    db = open_db(db_path)
    matches = {query: _raw_match(db, query) for query in QUERIES}

    def raw(query: str) -> float:
        match = matches[query]
        if match is None:
            return 0.0
        return _timed(lambda: db.execute(RAW_FTS, [match]).fetchall())

    for query in QUERIES:
        raw(query)
        search.run_search(db, query)
    raw_per: dict[str, list[float]] = {q: [] for q in QUERIES}
    app_per: dict[str, list[float]] = {q: [] for q in QUERIES}
    for _ in range(SEARCH_ROUNDS):
        for query in QUERIES:
            raw_per[query].append(raw(query))
            app_per[query].append(_timed(lambda q=query: search.run_search(db, q)))
    db.close()
    raw_q = [_median(v) for v in raw_per.values()]
    app_q = [_median(v) for v in app_per.values()]
    return {"raw": raw_q, "app": app_q, "app_all": [t for v in app_per.values() for t in v]}


def analyze_time() -> tuple[list[float], str]:
    from anfrage_desk.services import answers

    sample = next((p for p in SAMPLES if p.exists()), None)
    if sample is None:
        raise SystemExit("Kein Beispielbrief gefunden.")
    text = sample.read_text(encoding="utf-8")
    from anfrage_desk.assess import clear_caches

    book = answers.phrasebook(None)
    answers.analyze_text(text, book=book)

    def fresh() -> None:  # as for a letter never seen: no cached question or answer analysis
        clear_caches()
        answers.analyze_text(text, book=book)

    return [_timed(fresh) for _ in range(30)], sample.name


def export_times(tmp: Path) -> tuple[list[float], list[float], str]:
    """Bare python-docx save of the same paragraphs and the follow-up export, interleaved."""
    import docx

    out = tmp / "nachfrage.docx"
    export, what = _followup_export(tmp, out)
    export()
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]

    def bare() -> None:
        document = docx.Document()
        for text in paragraphs:
            document.add_paragraph(text)
        document.save(str(tmp / "bare.docx"))

    bare()
    bare_s, export_s = interleaved(lambda: _timed(bare), lambda: _timed(export), EXPORT_RUNS)
    return bare_s, export_s, what


def _followup_export(tmp: Path, out: Path) -> tuple[Callable[[], Any], str]:
    """The follow-up service on the example inquiry, else build_letter with a similar spec."""
    from anfrage_desk.store import open_db

    db = open_db(tmp / "example.sqlite")
    try:
        from anfrage_desk.services import followups
        from anfrage_desk.services.example import load_example

        inquiry_id, _ = load_example(db)
        items = followups.draft_followup(db, inquiry_id)
        child_id, _ = followups.create_followup(db, inquiry_id, items)
        return (
            lambda: followups.export_followup(db, child_id, out)
        ), "services.followups.export_followup"
    except Exception as exc:  # the service is optional for the benchmark
        print(
            f"(Nachfrage-Service nicht nutzbar: {exc}; build_letter wird gemessen)", file=sys.stderr
        )
    from anfrage_desk import letters

    blocks: list[letters.Block] = [letters.Paragraph("wir danken für Ihre Antwort vom 15.05.2024.")]
    for n in range(1, 5):
        blocks.append(
            letters.Quote(f"Frage {n}: Bis wann wird die Maßnahme umgesetzt? " * 2, "Anfrage")
        )
        blocks.append(
            letters.Quote("Eine konkrete Zeitplanung kann aktuell nicht benannt werden.", "Antwort")
        )
        blocks.append(letters.NumberedItem(str(n), "Bitte nennen Sie einen konkreten Termin. " * 3))
    spec = letters.LetterSpec(
        title="Nachfrage",
        sender_line="Fraktion · Rathaus · 48143 Münster",
        recipient=("Stadt Münster", "Der Oberbürgermeister", "Klemensstraße 10", "48143 Münster"),
        info=(("Ihre Nachricht vom", "15.05.2024"), ("Datum", "20.05.2024")),
        subject="Nachfrage zur Anfrage „Radwege an der Bahnhofstraße“",
        salutation="Sehr geehrter Herr Oberbürgermeister,",
        blocks=tuple(blocks),
        signatories=("Anna Schröder\nFraktionsvorsitzende", "Jürgen Weiß\nRatsmitglied"),
    )
    return (lambda: letters.build_letter(spec, out)), "letters.build_letter (Nachfrage-Umfang)"


# -- report ------------------------------------------------------------------------------------


def bundle_rows(db_path: Path, tmp: Path) -> tuple[list[tuple[Any, ...]], dict[str, Any]]:
    """Size and start of dist/anfrage-desk next to the checkout; a note when it is not built."""
    bundle = ROOT / "dist" / "anfrage-desk"
    exe = check_bundle.program(bundle)
    if not exe.is_file():
        return [("Standalone-Paket", "nicht gebaut", "erst make dist", "–", None)], {}
    sizes = check_bundle.size_report(bundle)
    numpy = sizes.get("numpy", 0.0) + sizes.get("numpy.libs", 0.0)
    copy = tmp / "bundle-start" / db_path.name
    copy.parent.mkdir()
    copy.write_bytes(db_path.read_bytes())
    bundle_s = check_bundle.gui_start([str(exe)], copy)
    checkout_s = check_bundle.gui_start([sys.executable, "-m", "anfrage_desk"], copy)
    rows = [
        (
            "Standalone-Paket (make dist)",
            f"{sizes['gesamt']:.0f} MiB",
            f"Qt {sizes.get('Qt (PySide6)', 0):.0f} MiB · numpy {numpy:.0f} MiB",
            "–",
            None,
        ),
        (
            "Start bis Fenster läuft (10 000 Anfragen)",
            f"Paket {bundle_s * 1000:.0f} ms",
            f"make run {checkout_s * 1000:.0f} ms",
            "–",
            None,
        ),
    ]
    return rows, {
        "bundle_mib": {k: round(v, 1) for k, v in sizes.items()},
        "bundle_start_s": round(bundle_s, 3),
        "checkout_start_s": round(checkout_s, 3),
    }


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} / {five:.1f}"


def main() -> int:
    started = time.perf_counter()
    load_before = _load()
    db_path = generate.ensure()
    stamp = json.loads(generate._stamp(db_path).read_text())
    with tempfile.TemporaryDirectory(prefix="anfrage-bench-") as name:
        tmp = Path(name)
        start = cold_starts(str(tmp / "settings"), db_path)
        list_s = list_load(db_path)
        found = search_latency(db_path)
        analyze_s, sample = analyze_time()
        bare_s, export_s, exported = export_times(tmp)
        extra_rows, bundle_results = bundle_rows(db_path, tmp)
        team_extra, team_results = team.team_rows(db_path, QUERIES)  # PostgreSQL beside SQLite
    load_after = _load()

    ms = 1000.0
    floor_m, app_m = _median(start["floor"]), _median(start["app"])
    cold_ratio = app_m / floor_m
    ready_m = _median(start["ready"])
    raw_m, search_m = _median(found["raw"]), _median(found["app"])
    search_ratio = search_m / raw_m
    search_p95 = _p95(found["app_all"])
    analyze_m = _median(analyze_s)
    bare_m, export_m = _median(bare_s), _median(export_s)
    export_ratio = export_m / bare_m
    rows = [
        (
            "Kaltstart bis erstes Bild (10 000 Anfragen)",
            f"{app_m * ms:.0f} ms ({_spread(start['app'])})",
            f"leeres QMainWindow {floor_m * ms:.0f} ms ({_spread(start['floor'])}) · "
            f"{_de(cold_ratio)}×",
            "≤ 1,5×",
            cold_ratio <= 1.5,
        ),
        (
            "Kaltstart bis alle Funktionen installiert",
            f"{ready_m * ms:.0f} ms ({_spread(start['ready'])})",
            "Menüs vollständig, nach dem ersten Bild",
            "–",
            None,
        ),
        (
            "Speicher des Prozessbaums (ru_maxrss)",
            f"{start['app_kib'] / 1024:.0f} MiB",
            f"leeres QMainWindow {start['floor_kib'] / 1024:.0f} MiB",
            "–",
            None,
        ),
        ("Anfragenliste laden (10 000 Zeilen)", f"{list_s * ms:.0f} ms", "eine Abfrage", "–", None),
        (
            f"Suche, Median ({len(QUERIES)} Anfragen)",
            f"{search_m * ms:.1f} ms (p95 {search_p95 * ms:.1f} ms)",
            f"rohes FTS5 {raw_m * ms:.1f} ms · {_de(search_ratio)}×",
            "≤ 1,2×, p95 ≤ 20 ms",
            search_ratio <= 1.2 and search_p95 <= 0.020,
        ),
        (
            "Analyse je Antwortschreiben (Median)",
            f"{analyze_m * ms:.2f} ms ({_spread(analyze_s)})",
            sample,
            "≤ 5 ms",
            analyze_m <= 0.005,
        ),
        (
            "DOCX-Nachfrage exportieren",
            f"{export_m * ms:.0f} ms ({_spread(export_s)})",
            f"python-docx pur {bare_m * ms:.0f} ms ({_spread(bare_s)}) · {_de(export_ratio)}×",
            "≤ 1,5×",
            export_ratio <= 1.5,
        ),
        *extra_rows,
        *team_extra,
    ]
    total = time.perf_counter() - started
    machine = (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} Kerne, "
        f"Python {platform.python_version()}"
    )
    print(
        f"{datetime.now():%Y-%m-%d %H:%M} · {machine} · Last (1/5 min) vorher {load_before}, "
        f"nachher {load_after} · Datenbank {stamp['counts']} · Laufzeit {total:.0f} s\n"
    )
    print("| Messung | Wert (min–max) | Vergleich im selben Lauf | Ziel | erfüllt |")
    print("|---|---|---|---|---|")
    for row in rows:
        verdict = "–" if row[4] is None else ("ja" if row[4] else "nein")
        print("| " + " | ".join(str(c) for c in row[:4]) + f" | {verdict} |")
    results = {
        "date": datetime.now().isoformat(timespec="minutes"),
        "database": stamp,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_before": load_before,
            "load_after": load_after,
        },
        "cold_start_s": round(app_m, 3),
        "cold_start_floor_s": round(floor_m, 3),
        "cold_start_ratio": round(cold_ratio, 2),
        "cold_start_runs": START_RUNS,
        "start_until_ready_s": round(ready_m, 3),
        "peak_memory_mib": round(start["app_kib"] / 1024, 1),
        "peak_memory_floor_mib": round(start["floor_kib"] / 1024, 1),
        "list_load_ms": round(list_s * ms, 1),
        "search_median_ms": round(search_m * ms, 2),
        "search_raw_fts5_median_ms": round(raw_m * ms, 2),
        "search_ratio": round(search_ratio, 2),
        "search_p95_ms": round(search_p95 * ms, 2),
        "search_max_ms": round(max(found["app_all"]) * ms, 2),
        "search_queries": len(QUERIES),
        "analyze_median_ms": round(analyze_m * ms, 3),
        "analyze_sample": sample,
        "export_ms": round(export_m * ms, 1),
        "export_bare_ms": round(bare_m * ms, 1),
        "export_ratio": round(export_ratio, 2),
        "export_measured": exported,
        **bundle_results,
        **team_results,
        "runtime_s": round(total, 1),
        "targets_met": {r[0]: r[4] for r in rows if r[4] is not None},
    }
    tmp_results = RESULTS.with_name("results.json.tmp")
    tmp_results.write_text(
        json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    os.replace(tmp_results, RESULTS)
    return 0


def _de(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


if __name__ == "__main__":
    raise SystemExit(main())
