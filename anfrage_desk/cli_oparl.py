"""The OParl sub-commands: ``import-oparl URL`` and ``watch-oparl --once``.

They live apart from cli.py, which registers them with ``add_parsers`` and ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "import-oparl",
        help="Anfrage aus dem Ratsinformationssystem (OParl) übernehmen, mit Antwort",
        description="Übernimmt eine Drucksache (Anfrage) aus dem Ratsinformationssystem mit "
        "ihren Fragen; ist die Stellungnahme schon veröffentlicht, wird sie als Antwort erfasst "
        "und bewertet. Ein zweiter Aufruf ändert nichts.",
    )
    p.add_argument(
        "url",
        metavar="ADRESSE",
        help="Adresse der Drucksache (…/papers/…) oder Aktenzeichen wie 2021/0451 "
        "(dann muss ein Gremium verbunden sein)",
    )
    p = sub.add_parser(
        "watch-oparl",
        help="neu veröffentlichte Antworten aus dem Ratsinformationssystem übernehmen",
        description="Sieht für eingereichte Anfragen aus dem Ratsinformationssystem nach, ob "
        "die Antwort veröffentlicht wurde, und übernimmt sie; eine Zeile je neuer Antwort. Für "
        "eine geplante Aufgabe; die Oberfläche prüft von selbst alle paar Stunden.",
    )
    p.add_argument("--once", action="store_true", required=True, help="einmal prüfen und beenden")


def _open(args: argparse.Namespace) -> Any:
    """The database as every writing command opens it: writer lock, quick integrity check."""
    from anfrage_desk.cli import _open as open_for_writing

    return open_for_writing(args, write=True)


def answer_summary(db: Any, inquiry_id: int, letter_id: int) -> list[str]:
    """One line per question, as ``add-answer`` prints it."""
    from anfrage_desk.store import answers, inquiries

    inquiry = inquiries.get_inquiry(db, inquiry_id)
    labels = {q.id: q.label for q in inquiry.questions} if inquiry else {}
    lines = []
    for answer in answers.answers_for_letter(db, letter_id):
        verdict = answer.verdict.label if answer.verdict else "nicht bewertet"
        first = answer.reasons[0].message if answer.reasons else ""
        label = labels.get(answer.question_id, "?")
        lines.append(f"Frage {label}: {verdict}" + (f" – {first}" if first else ""))
    return lines


def cmd_import_oparl(args: argparse.Namespace) -> int:
    from anfrage_desk.services import oparl as service

    db = _open(args)
    result = service.import_paper(db, args.url)
    print(result.inquiry_id)
    if result.letter_id is not None:
        for line in answer_summary(db, result.inquiry_id, result.letter_id):
            print(line)
    for problem in result.problems:
        print(f"Hinweis: {problem}", file=sys.stderr)
    return 0


def cmd_watch_oparl(args: argparse.Namespace) -> int:
    from anfrage_desk.services.oparl_sync import watch_answers

    db = _open(args)
    result = watch_answers(db)
    for new in result.answers:
        print(
            f"{new.inquiry_id}\t{new.reference}\t{new.title}\t"
            f"{new.questions} Fragen, {new.unclear} unklar"
        )
    for problem in result.problems:
        print(f"Fehler: {problem}", file=sys.stderr)
    return 1 if result.problems and not result.answers else 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "import-oparl": cmd_import_oparl,
    "watch-oparl": cmd_watch_oparl,
}
