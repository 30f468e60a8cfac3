"""The `anfrage-desk` command: the GUI without a sub-command, headless sub-commands otherwise.

Exit codes: 0 done, 1 refused (bad file, unknown id, database unavailable) with a one-line German
message, 2 usage error (argparse, German, see cli_args). Global options such as ``--db`` work
before and after the sub-command.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from anfrage_desk import cli_oparl
from anfrage_desk.cli_args import EXIT_REFUSED, GermanParser, add_global_options
from anfrage_desk.paths import resolve_db_path
from anfrage_desk.words import count

if TYPE_CHECKING:
    from anfrage_desk.store import Database
    from anfrage_desk.store.lock import DatabaseLock

EXIT_BAD_INPUT = EXIT_REFUSED  # a refused request; usage errors exit with cli_args.EXIT_USAGE
MAX_ID = 2**63 - 1
FIRST_YEAR, LAST_YEAR = 1900, 2999
CLI_LOCK_WAIT_SECONDS = 60.0
"""How long a writing command waits for another writing command on the same database."""


def _iso_date(value: str) -> date:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"„{value}“ ist kein Datum im Format JJJJ-MM-TT") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"„{value}“ liegt nicht zwischen {FIRST_YEAR} und {LAST_YEAR}"
        )
    return day


def _inquiry_id(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"„{value}“ ist keine Anfrage-Nummer") from None
    if not 1 <= number <= MAX_ID:
        raise argparse.ArgumentTypeError(f"„{value}“ ist keine gültige Anfrage-Nummer")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = GermanParser(
        prog="anfrage-desk",
        description="Anfragen an die Verwaltung entwerfen, Antworten erfassen und bewerten, "
        "Nachfragen und Erinnerungen schreiben. Ohne Befehl startet die Oberfläche.",
        epilog="--db und --version gelten auch nach dem Befehl. Rückgabewert: 0 erledigt, "
        "1 abgelehnt (Datei, Nummer, Datenbank), 2 falscher Aufruf.",
    )
    add_global_options(parser)
    # every sub-parser is a CommandParser: it takes the global options after the command, too
    sub = parser.add_subparsers(dest="command", metavar="BEFEHL")

    p = sub.add_parser("analyze", help="Antwortschreiben zerlegen und jede Antwort bewerten")
    p.add_argument(
        "letter", type=Path, metavar="SCHREIBEN", help="Antwortschreiben (.txt, .docx, .pdf)"
    )
    p.add_argument("--inquiry", type=Path, metavar="DATEI", help="die Anfrage mit den Fragen")
    p.add_argument("--json", action="store_true", help="Ergebnis als JSON ausgeben")

    p = sub.add_parser("add-inquiry", help="Anfrage aus einer Text- oder DOCX-Datei anlegen")
    p.add_argument(
        "file", type=Path, metavar="DATEI", help="Titelzeile, Vortext, nummerierte Fragen"
    )
    p.add_argument("--body", metavar="NAME", help="Gremium (wird bei Bedarf angelegt)")
    p.add_argument("--submitted", type=_iso_date, metavar="JJJJ-MM-TT", help="eingereicht am")

    p = sub.add_parser("add-answer", help="Antwortschreiben zu einer Anfrage erfassen")
    p.add_argument("inquiry_id", type=_inquiry_id, metavar="ANFRAGE_NR")
    p.add_argument("letter", type=Path, metavar="SCHREIBEN")
    p.add_argument("--received", type=_iso_date, metavar="JJJJ-MM-TT", help="eingegangen am")

    p = sub.add_parser("overdue", help="überfällige Anfragen auflisten")
    p.add_argument("--today", type=_iso_date, metavar="JJJJ-MM-TT", help="Stichtag statt heute")

    p = sub.add_parser("export-followup", help="Nachfrage für unklare Antworten als DOCX")
    p.add_argument("inquiry_id", type=_inquiry_id, metavar="ANFRAGE_NR")
    p.add_argument("out", type=Path, metavar="AUSGABE.docx")
    p.add_argument("--force", action="store_true", help="eine vorhandene Datei ersetzen")

    p = sub.add_parser("export-reminder", help="Erinnerung für eine überfällige Anfrage als DOCX")
    p.add_argument("inquiry_id", type=_inquiry_id, metavar="ANFRAGE_NR")
    p.add_argument("out", type=Path, metavar="AUSGABE.docx")
    p.add_argument("--force", action="store_true", help="eine vorhandene Datei ersetzen")
    p.add_argument("--today", type=_iso_date, metavar="JJJJ-MM-TT", help="Stichtag statt heute")
    cli_oparl.add_parsers(sub)
    return parser


def _analysis_json(analysis: object) -> dict[str, object]:
    from anfrage_desk.services.answers import Analysis

    assert isinstance(analysis, Analysis)
    meta = analysis.meta
    return {
        "letter": {
            "date": meta.date.isoformat() if meta.date else None,
            "refers_to_date": meta.refers_to_date.isoformat() if meta.refers_to_date else None,
        },
        "items": [
            {
                "label": item.label,
                "question": item.question,
                "answer": item.answer,
                "verdict": str(item.verdict),
                "refers_to": item.refers_to,
                "reasons": [
                    {"code": r.code, "message": r.message, "start": r.start, "end": r.end}
                    for r in item.reasons
                ],
            }
            for item in analysis.items
        ],
    }


def cmd_analyze(args: argparse.Namespace) -> int:
    from anfrage_desk.model import Verdict
    from anfrage_desk.segment import parse_inquiry
    from anfrage_desk.services.answers import analyze_text, read_letter

    letter = read_letter(args.letter)
    questions = None
    if args.inquiry:
        questions = list(parse_inquiry(read_letter(args.inquiry).text).questions)
    analysis = analyze_text(letter.text, questions)
    if args.json:
        json.dump(_analysis_json(analysis), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    meta = analysis.meta
    print(f"Schreiben vom {_de(meta.date)}, zur Anfrage vom {_de(meta.refers_to_date)}")
    for item in analysis.items:
        mark = "✓" if item.verdict == Verdict.CLEAR else "✗"
        ref = f" (verweist auf {item.refers_to})" if item.refers_to else ""
        print(f"{mark} Frage {item.label}: {item.verdict.label}{ref}")
        for reason in item.reasons:
            print(f"    – {reason.message}")
    for problem in analysis.problems:
        print(f"Hinweis: {problem}")
    return 0


def _de(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "unbekannt"


def cmd_add_inquiry(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from anfrage_desk.services import inquiries as service

    inquiry = service.inquiry_from_file(args.file)
    db = _open(args, write=True)
    with db.atomic():  # body, inquiry and submission together, or nothing
        if args.body:
            inquiry = replace(inquiry, body_id=service.ensure_body(db, args.body))
        inquiry_id, _ = service.create_inquiry(db, inquiry)
        if args.submitted:
            service.submit_inquiry(db, inquiry_id, args.submitted)
    print(inquiry_id)
    return 0


def cmd_add_answer(args: argparse.Namespace) -> int:
    from anfrage_desk.services import answers as service
    from anfrage_desk.store import answers, inquiries

    document = service.read_letter(args.letter)
    db = _open(args, write=True)
    letter_id, _ = service.import_answer(db, args.inquiry_id, document, args.received)
    inquiry = inquiries.get_inquiry(db, args.inquiry_id)
    labels = {q.id: q.label for q in inquiry.questions} if inquiry else {}
    for answer in answers.answers_for_letter(db, letter_id):
        verdict = answer.verdict.label if answer.verdict else "nicht bewertet"
        first = answer.reasons[0].message if answer.reasons else ""
        print(
            f"Frage {labels.get(answer.question_id, '?')}: {verdict}"
            + (f" – {first}" if first else "")
        )
    return 0


def cmd_overdue(args: argparse.Namespace) -> int:
    from anfrage_desk.services import overview

    db = _open(args)
    today = args.today or date.today()
    rows = overview.overdue_rows(db, today)
    if not rows:
        print("Keine überfälligen Anfragen.")
        return 0
    for row, late in rows:
        print(f"{row.id}\t{row.title}\tfällig {_de(row.due_on)}\t{count(late, 'Tag')} überfällig")
    return 0


def cmd_export_followup(args: argparse.Namespace) -> int:
    from anfrage_desk.services import followups

    _refuse_existing(args.out, args.force)
    db = _open(args, write=True)
    path = followups.export_followup_for_unclear(db, args.inquiry_id, args.out)
    print(path)
    return 0


def cmd_export_reminder(args: argparse.Namespace) -> int:
    from anfrage_desk.services import followups

    _refuse_existing(args.out, args.force)
    db = _open(args, write=True)
    path = followups.export_reminder(db, args.inquiry_id, args.out, today=args.today)
    print(path)
    return 0


def _refuse_existing(out: Path, force: bool) -> None:
    """Exports never replace a file silently: an existing one needs ``--force``, and only a
    regular file is ever replaced (a pipe or a device never)."""
    from anfrage_desk.letters.files import export_target
    from anfrage_desk.services.common import ServiceError

    export_target(out)
    if (out.exists() or out.is_symlink()) and not force:
        raise ServiceError(
            f"Die Datei {out} gibt es schon. Mit --force wird sie ersetzt, sonst bitte einen "
            "anderen Namen wählen."
        )


_LOCKS: list[DatabaseLock] = []


def _open(args: argparse.Namespace, write: bool = False) -> Database:
    """The database; for a writing command with the writer lock and a quick integrity check.

    A writing command waits for another one (up to CLI_LOCK_WAIT_SECONDS) and refuses to
    write while the database is open in an Anfrage-Desk window or damaged.
    """
    from anfrage_desk.store import StoreUnavailable, open_db
    from anfrage_desk.store.db import is_read_only_location
    from anfrage_desk.store.errors import read_only
    from anfrage_desk.store.lock import (
        CLI,
        GUI,
        DatabaseLock,
        held_elsewhere_message,
        unavailable_message,
    )
    from anfrage_desk.store.pg import is_server_uri

    path = resolve_db_path(args.db)
    if not write or is_server_uri(path):
        return open_db(path)  # a server database: the server keeps writers apart, no lock file
    lock = DatabaseLock(path, role=CLI)
    if not lock.acquire():
        if lock.error is not None:
            if path.exists() and is_read_only_location(path):
                raise read_only(path)
            raise StoreUnavailable(unavailable_message(path, lock.error))
        if lock.owner().role == GUI or not lock.acquire(wait=CLI_LOCK_WAIT_SECONDS):
            raise StoreUnavailable(held_elsewhere_message(path, lock.owner()))
    _LOCKS.append(lock)
    db = open_db(path, check=True)
    if db.read_only:
        db.close()
        raise read_only(path)
    return db


COMMANDS = {
    "analyze": cmd_analyze,
    "add-inquiry": cmd_add_inquiry,
    "add-answer": cmd_add_answer,
    "overdue": cmd_overdue,
    "export-followup": cmd_export_followup,
    "export-reminder": cmd_export_reminder,
    **cli_oparl.COMMANDS,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.db is not None and not args.db.strip():
        parser.error("--db braucht einen Dateinamen")
    if args.command is None:
        from anfrage_desk.ui.app import run_gui

        return run_gui(resolve_db_path(args.db))
    from anfrage_desk.resources import MissingResource, check

    try:
        check()  # a broken install stops here, not with an assessment that knows no phrases
        return COMMANDS[args.command](args)
    except MissingResource as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # the reader went away (``anfrage-desk analyze … | head``): not an error of the input
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:
        message = _german(exc, resolve_db_path(args.db))
        if message is None:
            raise
        print(f"Fehler: {' '.join(message.split())}", file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        while _LOCKS:
            _LOCKS.pop().release()


def _german(exc: Exception, db_path: Path) -> str | None:
    """The one-line German message for an error a user can meet; None for a bug."""
    from anfrage_desk.letters import LetterError
    from anfrage_desk.os_errors import describe
    from anfrage_desk.services.common import ServiceError
    from anfrage_desk.store import StoreUnavailable, translate_error

    if isinstance(exc, (ServiceError, StoreUnavailable, LetterError)):
        return str(exc)
    if isinstance(exc, sqlite3.Error):
        return str(translate_error(exc, db_path))
    if isinstance(exc, OSError):
        name = getattr(exc, "filename", None)
        if name is not None and Path(str(name)).name.startswith(db_path.name):
            return str(translate_error(exc, db_path))
        where = f" ({name})" if name else ""
        return f"Eine Datei kann nicht gelesen oder geschrieben werden: {describe(exc)}{where}."
    if isinstance(exc, OverflowError):
        return "Eine Zahl oder ein Datum ist zu groß; es wurde nichts gespeichert."
    return None
