"""Long OParl runs: import a faction's history of Anfragen, and watch for published answers.

Both are idempotent: each paper is one transaction and remembered, so a cancelled or failed run
keeps what it finished and the next run adds nothing twice. Neither sends a request unless a
Gremium is connected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from anfrage_desk.importers import UnreadableFile
from anfrage_desk.importers.oparl import OparlClient, OparlError, OparlUnavailable
from anfrage_desk.importers.oparl_paper import Paper, mentions, parse_paper
from anfrage_desk.progress import Progress
from anfrage_desk.services.common import Changes, ServiceError
from anfrage_desk.services.oparl import (
    PaperImport,
    german_errors,
    import_paper,
    import_paper_object,
)
from anfrage_desk.store import Database, inquiries, open_db
from anfrage_desk.store import oparl as store

SINCE_MARGIN = timedelta(days=31)
"""A paper dated D was created (and so last changed) at the earliest a little before D."""


@dataclass(frozen=True)
class HistoryRequest:
    """Which papers of a connected Gremium are "ours": Anfragen in a date range whose data or
    text mention the faction (its name, or its OParl organisation address)."""

    body_id: int
    faction: str = ""
    first: date | None = None
    last: date | None = None

    def key(self) -> str:
        """Equal keys: a rerun may ask only for papers changed since the last complete run."""
        return f"{self.faction.strip().lower()}|{self.first}|{self.last}"


def day_in(paper: Paper, first: date | None, last: date | None) -> bool:
    if paper.day is None:
        return first is None and last is None
    return (first is None or paper.day >= first) and (last is None or paper.day <= last)


@dataclass(frozen=True)
class HistoryResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    answers: int = 0
    seen: int = 0
    problems: tuple[str, ...] = ()
    changes: Changes = field(default_factory=Changes)

    def summary(self) -> str:
        text = (
            f"{self.created} Anfrage(n) neu, {self.updated} aktualisiert, "
            f"{self.unchanged} unverändert, {self.answers} Antwort(en) übernommen."
        )
        if self.problems:
            text += f" {len(self.problems)} Drucksache(n) konnten nicht übernommen werden."
        return text


def import_history(
    db: Database,
    request: HistoryRequest,
    client: OparlClient | None = None,
    progress: Progress | None = None,
) -> HistoryResult:
    """All Anfragen of one faction in a date range, from the Gremium's paper list."""
    progress = progress or Progress()
    conn = store.connection(db, request.body_id)
    if conn is None:
        raise ServiceError("Das Gremium ist nicht mit einem Ratsinformationssystem verbunden.")
    if request.first and request.last and request.first > request.last:
        raise ServiceError("Der Zeitraum endet vor seinem Beginn.")
    client = client or OparlClient()
    started = datetime.now(UTC)
    since = modified_since(db, request)
    params = {"modified_since": since.isoformat(timespec="seconds")} if since else {}
    counts = {"created": 0, "updated": 0, "unchanged": 0, "answers": 0, "seen": 0}
    problems: list[str] = []
    changes = Changes()
    done = 0
    with german_errors():
        for obj, total in client.iter_list(conn.paper_list_url, params):
            progress.step(done, total or 0)
            done += 1
            counts["seen"] += 1
            try:
                paper = parse_paper(obj, conn.paper_list_url)
            except OparlError:
                continue  # not a paper: lists may carry other objects
            if (
                paper.deleted
                or not paper.is_inquiry
                or not day_in(paper, request.first, request.last)
            ):
                continue
            needle = "" if mentions(paper, request.faction) else request.faction
            try:
                result = import_paper_object(db, paper, client, request.body_id, needle)
            except OparlUnavailable:
                raise
            except (OparlError, UnreadableFile, ServiceError) as exc:
                problems.append(f"{paper.reference or paper.name}: {exc}")
                continue
            if result is None:
                continue
            kind = "created" if result.created else "updated" if result.updated else "unchanged"
            counts[kind] += 1
            counts["answers"] += int(result.new_answer)
            problems.extend(result.problems)
            changes |= result.changes
        progress.step(done, done)
    if not problems:  # papers that failed must be asked for again next time
        with db.atomic():
            store.set_history_mark(
                db, request.body_id, request.key(), started.isoformat(timespec="seconds")
            )
    return HistoryResult(problems=tuple(problems), changes=changes, **counts)


def modified_since(db: Database, request: HistoryRequest) -> datetime | None:
    """The lower bound for ``modified_since``: a paper dated D was created (so last changed)
    at the earliest shortly before D; after a complete run with the same request, only papers
    changed since then (less a day for clocks that differ) can be new or changed."""
    since = None
    if request.first is not None:
        since = datetime.combine(request.first - SINCE_MARGIN, time(), UTC)
    key, stamp = store.history_mark(db, request.body_id)
    if key == request.key() and stamp:
        try:
            previous = datetime.fromisoformat(stamp) - timedelta(days=1)
        except ValueError:
            return since
        since = max(since, previous) if since else previous
    return since


def import_history_job(db_path: Path, request: HistoryRequest, progress: Progress) -> HistoryResult:
    """Worker thread: a connection of its own."""
    db = open_db(db_path)
    try:
        return import_history(db, request, progress=progress)
    finally:
        db.close()


def import_paper_job(db_path: Path, what: str, body_id: int | None) -> PaperImport:
    """Worker thread: import one paper on a connection of its own."""
    db = open_db(db_path)
    try:
        return import_paper(db, what, body_id=body_id)
    finally:
        db.close()


@dataclass(frozen=True)
class NewAnswer:
    inquiry_id: int
    reference: str
    title: str
    letter_id: int
    questions: int
    unclear: int


@dataclass(frozen=True)
class WatchResult:
    answers: tuple[NewAnswer, ...] = ()
    checked: int = 0
    problems: tuple[str, ...] = ()
    changes: Changes = field(default_factory=Changes)

    @property
    def unclear_letters(self) -> int:
        return sum(1 for a in self.answers if a.unclear)

    def notice(self) -> str:
        """ "2 neue Antworten, 1 davon unklar" (empty when nothing new)."""
        n = len(self.answers)
        if not n:
            return ""
        text = "1 neue Antwort" if n == 1 else f"{n} neue Antworten"
        unclear = self.unclear_letters
        if unclear:
            text += ", unklar" if n == 1 else f", {unclear} davon unklar"
        return "Aus dem Ratsinformationssystem: " + text


def watch_answers(
    db: Database, client: OparlClient | None = None, progress: Progress | None = None
) -> WatchResult:
    """Look for newly published answers of submitted inquiries that came from OParl.

    No request at all unless a Gremium is connected and one of its inquiries waits.
    """
    progress = progress or Progress()
    items = store.watch_items(db)
    if not items or not store.has_connections(db):
        return WatchResult()
    client = client or OparlClient()
    found: list[NewAnswer] = []
    problems: list[str] = []
    changes = Changes()
    down: set[int] = set()
    for done, item in enumerate(items):
        progress.step(done, len(items))
        if item.body_id in down:
            continue
        started = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            paper = parse_paper(client.get_json(item.paper_url), item.paper_url)
            result = import_paper_object(db, paper, client, item.body_id)
        except OparlUnavailable as exc:
            down.add(item.body_id)  # one message per Gremium, not one per inquiry
            problems.append(str(exc))
            continue
        except (OparlError, UnreadableFile, ServiceError) as exc:
            problems.append(f"Anfrage {item.inquiry_id}: {exc}")
            continue
        problems.extend(result.problems if result else ())
        if result is None:
            continue
        changes |= result.changes
        with db.atomic():
            store.set_checked(db, item.body_id, started)
        if result.new_answer and result.letter_id is not None:
            inquiry = inquiries.get_inquiry(db, result.inquiry_id)
            found.append(
                NewAnswer(
                    result.inquiry_id,
                    inquiry.reference if inquiry else "",
                    inquiry.title if inquiry else "",
                    result.letter_id,
                    len(inquiry.questions) if inquiry else 0,
                    store.unclear_answers(db, result.letter_id),
                )
            )
    progress.step(len(items), len(items))
    return WatchResult(tuple(found), len(items), tuple(problems), changes)


def watch_job(db_path: Path, progress: Progress) -> WatchResult:
    """Worker thread: a connection of its own."""
    db = open_db(db_path)
    try:
        return watch_answers(db, progress=progress)
    finally:
        db.close()
