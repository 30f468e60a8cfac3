"""The `anfrage-desk` command: the GUI without a sub-command, headless sub-commands otherwise.

Every sub-command exits non-zero with a one-line German message on bad input.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from anfrage_desk import __version__
from anfrage_desk.paths import DB_ENV, resolve_db_path
from anfrage_desk.words import count

EXIT_BAD_INPUT = 2


class _GermanParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(
            EXIT_BAD_INPUT, f"Fehler: ungültiger Aufruf ({message}). Hilfe: anfrage-desk --help\n"
        )


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"„{value}“ ist kein Datum im Format JJJJ-MM-TT") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _GermanParser(
        prog="anfrage-desk",
        description="Anfragen an die Verwaltung entwerfen, Antworten erfassen und bewerten, "
        "Nachfragen und Erinnerungen schreiben. Ohne Unterbefehl startet die Oberfläche.",
        epilog=f"Datenbank: --db PFAD, sonst ${DB_ENV}, sonst der Benutzerdatenordner.",
    )
    parser.add_argument("--version", action="version", version=f"Anfrage-Desk {__version__}")
    parser.add_argument("--db", metavar="PFAD", help="Datenbankdatei (SQLite)")
    sub = parser.add_subparsers(dest="command", metavar="BEFEHL")

    p = sub.add_parser("analyze", help="Antwortschreiben zerlegen und jede Antwort bewerten")
    p.add_argument(
        "letter", type=Path, metavar="SCHREIBEN", help="Antwortschreiben (.txt, .docx, .pdf)"
    )
    p.add_argument("--inquiry", type=Path, metavar="DATEI", help="die Anfrage mit den Fragen")
    p.add_argument("--json", action="store_true", help="Ergebnis als JSON ausgeben")

    p = sub.add_parser("add-inquiry", help="Anfrage aus einer Text- oder DOCX-Datei anlegen")
    p.add_argument("file", type=Path, metavar="DATEI")
    p.add_argument("--body", metavar="NAME", help="Gremium (wird bei Bedarf angelegt)")
    p.add_argument("--submitted", type=_iso_date, metavar="JJJJ-MM-TT", help="eingereicht am")

    p = sub.add_parser("add-answer", help="Antwortschreiben zu einer Anfrage erfassen")
    p.add_argument("inquiry_id", type=int, metavar="ANFRAGE_NR")
    p.add_argument("letter", type=Path, metavar="SCHREIBEN")
    p.add_argument("--received", type=_iso_date, metavar="JJJJ-MM-TT", help="eingegangen am")

    p = sub.add_parser("overdue", help="überfällige Anfragen auflisten")
    p.add_argument("--today", type=_iso_date, metavar="JJJJ-MM-TT", help="Stichtag statt heute")

    p = sub.add_parser("export-followup", help="Nachfrage für unklare Antworten als DOCX")
    p.add_argument("inquiry_id", type=int, metavar="ANFRAGE_NR")
    p.add_argument("out", type=Path, metavar="AUSGABE.docx")

    p = sub.add_parser("export-reminder", help="Erinnerung für eine überfällige Anfrage als DOCX")
    p.add_argument("inquiry_id", type=int, metavar="ANFRAGE_NR")
    p.add_argument("out", type=Path, metavar="AUSGABE.docx")
    p.add_argument("--today", type=_iso_date, metavar="JJJJ-MM-TT", help="Stichtag statt heute")
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

    db = _open(args)
    inquiry = service.inquiry_from_file(args.file)
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

    db = _open(args)
    document = service.read_letter(args.letter)
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

    db = _open(args)
    path = followups.export_followup_for_unclear(db, args.inquiry_id, args.out)
    print(path)
    return 0


def cmd_export_reminder(args: argparse.Namespace) -> int:
    from anfrage_desk.services import followups

    db = _open(args)
    path = followups.export_reminder(db, args.inquiry_id, args.out, today=args.today)
    print(path)
    return 0


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from anfrage_desk.store import open_db

    return open_db(resolve_db_path(args.db))


COMMANDS = {
    "analyze": cmd_analyze,
    "add-inquiry": cmd_add_inquiry,
    "add-answer": cmd_add_answer,
    "overdue": cmd_overdue,
    "export-followup": cmd_export_followup,
    "export-reminder": cmd_export_reminder,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from anfrage_desk.ui.app import run_gui

        return run_gui(resolve_db_path(args.db))
    from anfrage_desk.services.common import ServiceError
    from anfrage_desk.store import StoreUnavailable

    try:
        return COMMANDS[args.command](args)
    except (ServiceError, StoreUnavailable) as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # the reader went away (``anfrage-desk analyze … | head``): not an error of the input
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(
            f"Fehler: {exc.strerror or exc} ({getattr(exc, 'filename', '') or ''})", file=sys.stderr
        )
        return EXIT_BAD_INPUT
