"""`make bench`: does Anfrage-Desk stay fast with 10 000 inquiries?

Measures, on the database made by ``bench/generate.py`` (cached in bench/):
- cold start to the first painted main window (all FEATURES), next to the floor: a bare
  PySide6 program showing an empty QMainWindow, both timed end-to-end as subprocesses;
- peak memory (ru_maxrss) of that app process;
- loading the inquiry list (10 000 rows, the one query of InquiryTableModel);
- search latency through ``services.search.run_search`` (what the search view calls), median
  and p95 over 50 varied queries;
- ``services.answers.analyze_text`` (split + assess) per answer letter, median;
- the DOCX follow-up export next to a bare python-docx document of the same paragraphs;
- when `make dist` has built it: the standalone bundle's size and its start until the window
  runs, next to the same start from the checkout (what `make run` starts), see
  bundle/check_bundle.py.

Prints a table and writes bench/results.json. Not part of `make test`.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import generate  # noqa: E402

sys.path.insert(0, str(ROOT / "bundle"))
import check_bundle  # noqa: E402

RESULTS = ROOT / "bench" / "results.json"
SAMPLES = [
    ROOT.parent / "shared" / "samples" / "kreis-recklinghausen-antwort-2024-05-15.txt",
    ROOT / "anfrage_desk" / "resources" / "example" / "antwort-2024-05-15.txt",
]
START_RUNS = 5
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


# -- cold start -------------------------------------------------------------------------------

_PAINT_QUIT = """
import resource, sys
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {settings!r})
class PaintQuit(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, QApplication.instance().quit)
        return False
"""

FLOOR = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    + _PAINT_QUIT
    + """
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1200, 780)
window.installEventFilter(PaintQuit(window))
window.show()
app.exec()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
)

APP = (
    "from PySide6.QtWidgets import QApplication\n"
    + _PAINT_QUIT
    + """
from anfrage_desk.ui.app import create_app, open_database
app = create_app()
db = open_database(__import__("pathlib").Path({db!r}))
from anfrage_desk.ui.main_window import MainWindow
window = MainWindow(db)
window.installEventFilter(PaintQuit(window))
window.show()
app.exec()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
)


def cold_start(code: str) -> tuple[float, int]:
    """Median wall time of ``python -c code`` (spawn to exit) and its largest ru_maxrss (KiB)."""
    times, memory = [], 0
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    for _ in range(START_RUNS):
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=False,
        )
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"start failed:\n{done.stderr[-2000:]}")
        memory = max(memory, int(done.stdout.strip().splitlines()[-1]))
    return _median(times), memory


# -- in-process measurements -------------------------------------------------------------------


def list_load(db_path: Path) -> float:
    from anfrage_desk.store import inquiries, open_db

    db = open_db(db_path)
    inquiries.list_rows(db)
    result = _median([_timed(lambda: inquiries.list_rows(db)) for _ in range(5)])
    db.close()
    return result


def search_latency(db_path: Path) -> tuple[float, float, float]:
    from anfrage_desk.services import search
    from anfrage_desk.store import open_db

    db = open_db(db_path)
    for query in QUERIES[:5]:
        search.run_search(db, query)
    times = [_timed(lambda q=query: search.run_search(db, q)) for query in QUERIES]
    db.close()
    return _median(times), _p95(times), max(times)


def analyze_time() -> tuple[float, str]:
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

    return _median([_timed(fresh) for _ in range(30)]), sample.name


def export_times(tmp: Path) -> tuple[float, float, str]:
    """(follow-up export, bare python-docx save of the same paragraphs, what was exported)."""
    import docx

    out = tmp / "nachfrage.docx"
    export, what = _followup_export(tmp, out)
    export()
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    export_s = _median([_timed(export) for _ in range(10)])

    def bare() -> None:
        document = docx.Document()
        for text in paragraphs:
            document.add_paragraph(text)
        document.save(str(tmp / "bare.docx"))

    bare()
    return export_s, _median([_timed(bare) for _ in range(10)]), what


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


def main() -> int:
    started = time.perf_counter()
    db_path = generate.ensure()
    stamp = json.loads(generate._stamp(db_path).read_text())
    with tempfile.TemporaryDirectory(prefix="anfrage-bench-") as name:
        tmp = Path(name)
        settings = str(tmp / "settings")
        floor_s, floor_kib = cold_start(FLOOR.format(settings=settings))
        app_s, app_kib = cold_start(APP.format(settings=settings, db=str(db_path)))
        list_s = list_load(db_path)
        search_median, search_p95, search_max = search_latency(db_path)
        analyze_s, sample = analyze_time()
        export_s, bare_s, exported = export_times(tmp)
        extra_rows, bundle_results = bundle_rows(db_path, tmp)

    ms = 1000.0
    rows = [
        (
            "Kaltstart bis erstes Bild (10 000 Anfragen)",
            f"{app_s * ms:.0f} ms",
            f"Boden {floor_s * ms:.0f} ms · {app_s / floor_s:.2f}×",
            "≤ 1,5× Boden",
            app_s <= 1.5 * floor_s,
        ),
        (
            "Speicher (ru_maxrss) der App",
            f"{app_kib / 1024:.0f} MiB",
            f"Boden {floor_kib / 1024:.0f} MiB",
            "–",
            None,
        ),
        ("Anfragenliste laden (10 000 Zeilen)", f"{list_s * ms:.0f} ms", "eine Abfrage", "–", None),
        (
            "Suche (50 Anfragen) Median",
            f"{search_median * ms:.1f} ms",
            f"p95 {search_p95 * ms:.1f} ms · max {search_max * ms:.1f} ms",
            "≤ 20 ms",
            search_median <= 0.020,
        ),
        (
            "Analyse je Antwortschreiben (Median)",
            f"{analyze_s * ms:.2f} ms",
            sample,
            "≤ 5 ms",
            analyze_s <= 0.005,
        ),
        (
            "DOCX-Nachfrage exportieren",
            f"{export_s * ms:.0f} ms",
            f"python-docx pur {bare_s * ms:.0f} ms · {export_s / bare_s:.2f}×",
            "≤ 1,5× pur",
            export_s <= 1.5 * bare_s,
        ),
        *extra_rows,
    ]
    widths = [max(len(str(r[i])) for r in rows) for i in range(4)]
    header = ("Messung", "Wert", "Vergleich", "Ziel")
    widths = [max(w, len(h)) for w, h in zip(widths, header, strict=True)]
    line = " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " | erfüllt"
    print(line)
    print("-" * len(line))
    for row in rows:
        verdict = "–" if row[4] is None else ("ja" if row[4] else "NEIN")
        print(
            " | ".join(str(c).ljust(w) for c, w in zip(row[:4], widths, strict=True))
            + f" | {verdict}"
        )
    total = time.perf_counter() - started
    print(
        f"\nDatenbank: {stamp['counts']} · {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} Kerne, Python {platform.python_version()} · Laufzeit {total:.0f} s"
    )
    results = {
        "database": stamp,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "cold_start_s": round(app_s, 3),
        "cold_start_floor_s": round(floor_s, 3),
        "cold_start_ratio": round(app_s / floor_s, 2),
        "peak_memory_mib": round(app_kib / 1024, 1),
        "peak_memory_floor_mib": round(floor_kib / 1024, 1),
        "list_load_ms": round(list_s * ms, 1),
        "search_median_ms": round(search_median * ms, 2),
        "search_p95_ms": round(search_p95 * ms, 2),
        "search_max_ms": round(search_max * ms, 2),
        "search_queries": len(QUERIES),
        "analyze_median_ms": round(analyze_s * ms, 3),
        "analyze_sample": sample,
        "export_ms": round(export_s * ms, 1),
        "export_bare_ms": round(bare_s * ms, 1),
        "export_ratio": round(export_s / bare_s, 2),
        "export_measured": exported,
        **bundle_results,
        "runtime_s": round(total, 1),
        "targets_met": {r[0]: r[4] for r in rows if r[4] is not None},
    }
    tmp_results = RESULTS.with_name("results.json.tmp")
    tmp_results.write_text(
        json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    os.replace(tmp_results, RESULTS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
