"""Use cases around the council's information system (OParl 1.1): connect a Gremium, import
one paper with its questions and, when published, its answer.

Everything that needs the network is fetched before anything is written, and each paper is
written in one transaction: a server that fails half-way leaves nothing half-imported. An
inquiry remembers its paper (store/oparl.py), so importing the same paper again adds nothing and
a changed paper updates the inquiry it came from. Answers go through the same split and
assessment as a letter the user imports by hand (services/answers.import_answer), with the
original file kept.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from anfrage_desk.importers import ImportedText, UnreadableFile
from anfrage_desk.importers.oparl import OparlClient, OparlError, OparlUnavailable, check_url
from anfrage_desk.importers.oparl_paper import (
    OparlBody,
    OparlFile,
    Paper,
    answer_file,
    answer_of_related,
    inquiry_file,
    is_system,
    parse_body,
    parse_paper,
    read_file_bytes,
)
from anfrage_desk.lazy import lazy_module
from anfrage_desk.model import Body, Inquiry, Question, Status
from anfrage_desk.progress import Progress
from anfrage_desk.services import answers as answer_service
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.services.common import Changes, ServiceError, today
from anfrage_desk.store import Database, answers, bodies, inquiries
from anfrage_desk.store import oparl as store
from anfrage_desk.store.oparl import Connection, PaperLink

if TYPE_CHECKING:
    from anfrage_desk import segment
else:  # imported on first use (start-up time)
    segment = lazy_module("anfrage_desk.segment")


@contextlib.contextmanager
def german_errors() -> Iterator[None]:
    """OparlError and UnreadableFile become ServiceError, which the CLI and UI show as is."""
    try:
        yield
    except (OparlError, UnreadableFile) as exc:
        raise ServiceError(str(exc)) from exc


# -- connecting a Gremium
def discover_bodies(url: str, client: OparlClient | None = None) -> list[OparlBody]:
    """The bodies behind an OParl System address (or the one Body at a Body address)."""
    client = client or OparlClient()
    with german_errors():
        url = check_url(url)
        obj = client.get_json(url)
        if not is_system(obj):
            return [parse_body(obj, url)]
        list_url = obj.get("body")
        if not isinstance(list_url, str) or not list_url:
            raise ServiceError(f"Das System unter {url} nennt keine Körperschaften.")
        found = [parse_body(item, list_url) for item, _ in client.iter_list(list_url)]
    if not found:
        raise ServiceError(f"Das System unter {url} enthält keine Körperschaft.")
    return [replace(b, system=b.system or url) for b in found]


def connect_body(db: Database, body_id: int, oparl_body: OparlBody) -> Changes:
    """Remember which OParl body a Gremium is (no network)."""
    with db.atomic():
        if bodies.get_body(db, body_id) is None:
            raise ServiceError("Das Gremium existiert nicht mehr.")
        store.connect(
            db,
            body_id,
            oparl_body.system,
            oparl_body.id,
            oparl_body.name,
            oparl_body.paper_list,
        )
    return Changes(bodies=True)


def disconnect_body(db: Database, body_id: int) -> Changes:
    with db.atomic():
        store.disconnect(db, body_id)
    return Changes(bodies=True)


def connection(db: Database, body_id: int) -> Connection | None:
    return store.connection(db, body_id)


def connections(db: Database) -> list[Connection]:
    return store.connections(db)


def has_connections(db: Database) -> bool:
    return store.has_connections(db)


# -- importing one paper
@dataclass(frozen=True)
class PaperImport:
    """What importing one paper did. ``letter_id`` is the answer taken from OParl (now or
    earlier); ``new_answer`` says it was taken now."""

    inquiry_id: int
    created: bool
    updated: bool
    letter_id: int | None
    new_answer: bool
    problems: tuple[str, ...]
    changes: Changes


REFERENCE = re.compile(r"^\s*(\d{4})\s*/\s*[\w/.-]+\s*$")


def import_paper(
    db: Database,
    what: str,
    client: OparlClient | None = None,
    body_id: int | None = None,
    progress: Progress | None = None,
) -> PaperImport:
    """Import the paper at a URL, or with a reference ("2021/0451") of a connected Gremium."""
    client = client or OparlClient()
    what = what.strip()
    if not what:
        raise ServiceError("Bitte die Adresse oder das Aktenzeichen einer Drucksache angeben.")
    with german_errors():
        if "://" in what:
            url = check_url(what)
            paper = parse_paper(client.get_json(url), url)
        else:
            paper = find_by_reference(db, what, client, body_id, progress or Progress())
        new_body = None
        if body_id is None:
            body_id, new_body = body_for_paper(db, paper, client)
        result = import_paper_object(db, paper, client, body_id, new_body=new_body)
    if result is None:  # only with a faction filter
        raise ServiceError("Die Drucksache passt nicht zum Filter.")
    return result


def find_by_reference(
    db: Database, reference: str, client: OparlClient, body_id: int | None, progress: Progress
) -> Paper:
    """Look a reference up in the paper list of a connected Gremium."""
    found = REFERENCE.match(reference)
    if not found:
        raise ServiceError(
            f"„{reference}“ ist weder eine Internetadresse noch ein Aktenzeichen wie 2021/0451."
        )
    targets = [store.connection(db, body_id)] if body_id is not None else store.connections(db)
    conns = [c for c in targets if c is not None]
    if not conns:
        raise ServiceError(
            "Für die Suche nach einem Aktenzeichen muss ein Gremium mit dem "
            "Ratsinformationssystem verbunden sein (Extras → Gremien verwalten)."
        )
    wanted = _norm_reference(reference)
    # A paper of year Y was created and changed in or after late Y-1: skip older changes.
    since = {"modified_since": f"{int(found.group(1)) - 1}-12-01T00:00:00+00:00"}
    for conn in conns:
        for done, (obj, total) in enumerate(client.iter_list(conn.paper_list_url, since)):
            progress.step(done, total or 0)
            if _norm_reference(str(obj.get("reference", ""))) == wanted:
                return parse_paper(obj, conn.paper_list_url)
    names = ", ".join(c.body_name for c in conns)
    raise ServiceError(f"Eine Drucksache {reference.strip()} gibt es bei {names} nicht.")


def _norm_reference(value: str) -> str:
    return re.sub(r"\s+", "", value).lower()


def body_for_paper(
    db: Database, paper: Paper, client: OparlClient
) -> tuple[int | None, OparlBody | None]:
    """The Gremium connected to the paper's body, else the OParl body to connect (fetched
    here, written together with the inquiry so that a failed import leaves nothing behind)."""
    if not paper.body:
        return None, None
    known = store.connection_for_body_url(db, paper.body)
    if known is not None:
        return known.body_id, None
    return None, parse_body(client.get_json(check_url(paper.body)), paper.body)


def gremium_for(db: Database, oparl_body: OparlBody) -> int:
    """The Gremium of that name (created if new), connected to the OParl body unless it is
    connected to another one already. The caller holds the transaction."""
    local = bodies.find_by_name(db, oparl_body.name)
    if local is not None and local.id is not None:
        local_id = local.id
    else:
        local_id, _ = inquiry_service.save_body(db, Body(None, oparl_body.name))
    if store.connection(db, local_id) is None:
        store.connect(
            db,
            local_id,
            oparl_body.system,
            oparl_body.id,
            oparl_body.name,
            oparl_body.paper_list,
        )
    return local_id


def _fetch(client: OparlClient, f: OparlFile) -> ImportedText:
    download = client.get_file(check_url(f.url), f.name)
    text, name, kind = read_file_bytes(f, download.data, download.content_type)
    return ImportedText(text=text, file_name=name, data=download.data, kind=kind)  # type: ignore[arg-type]


def find_answer(paper: Paper, client: OparlClient) -> OparlFile | None:
    """The answer among the paper's files, else the first related paper that is the answer."""
    own = answer_file(paper)
    if own is not None:
        return own
    for url in paper.related:
        related = parse_paper(client.get_json(check_url(url)), url)
        found = answer_of_related(related)
        if found is not None:
            return found
    return None


def import_paper_object(
    db: Database,
    paper: Paper,
    client: OparlClient,
    body_id: int | None,
    must_mention: str = "",
    new_body: OparlBody | None = None,
) -> PaperImport | None:
    """Create or update the inquiry of one paper and take its answer when it is published.

    With ``must_mention`` (a faction filter) a new paper whose data and Anfrage text do not
    contain it is skipped (None). ``new_body``: the paper's OParl body, to be connected to a
    Gremium with the new inquiry. Raises OparlError/UnreadableFile/ServiceError.
    """
    link = store.link_for_paper(db, paper.id)
    inquiry = inquiries.get_inquiry(db, link.inquiry_id) if link else None
    if link is not None and inquiry is not None:
        return _update(db, paper, client, link, inquiry)
    source = inquiry_file(paper)
    label = paper.reference or paper.name or paper.id
    if source is None:
        raise ServiceError(f"Die Drucksache {label} enthält keine Datei mit der Anfrage.")
    document = _fetch(client, source)
    if must_mention and must_mention.lower() not in document.text.lower():
        return None
    parsed = segment.parse_inquiry(document.text)
    if not parsed.questions:
        raise ServiceError(f"In der Anfrage {label} wurden keine nummerierten Fragen gefunden.")
    answer, problems = _answer_document(paper, client)
    draft = Inquiry(
        None,
        paper.name or parsed.title or label,
        body_id=body_id,
        preamble=parsed.preamble,
        drafted_on=paper.day or parsed.date,
        reference=paper.reference,
        questions=tuple(Question(None, q.label, q.text, i) for i, q in enumerate(parsed.questions)),
    )
    with db.atomic():
        if draft.body_id is None and new_body is not None:
            draft = replace(draft, body_id=gremium_for(db, new_body))
        inquiry_id, changes = inquiry_service.create_inquiry(db, draft)
        changes |= inquiry_service.submit_inquiry(db, inquiry_id, paper.day or today())
        letter_id, changes, problems = _take_answer(db, inquiry_id, answer, changes, problems)
        store.save_link(
            db,
            PaperLink(
                inquiry_id,
                paper.id,
                paper.body,
                paper.modified,
                source.id,
                answer[0].id if answer and letter_id else None,
                letter_id,
            ),
        )
    return PaperImport(inquiry_id, True, False, letter_id, letter_id is not None, problems, changes)


def _answer_document(
    paper: Paper, client: OparlClient
) -> tuple[tuple[OparlFile, ImportedText] | None, tuple[str, ...]]:
    """The published answer, downloaded and read; an unreadable one is a problem, not an error."""
    try:
        found = find_answer(paper, client)
        if found is None:
            return None, ()
        return (found, _fetch(client, found)), ()
    except UnreadableFile as exc:
        return None, (f"{paper.reference or paper.name}: {exc}",)
    except OparlUnavailable:
        raise  # the server is down: the whole run stops
    except OparlError as exc:  # too big, gone, refused: this answer only
        return None, (f"{paper.reference or paper.name}: {exc}",)


def _take_answer(
    db: Database,
    inquiry_id: int,
    answer: tuple[OparlFile, ImportedText] | None,
    changes: Changes,
    problems: tuple[str, ...],
) -> tuple[int | None, Changes, tuple[str, ...]]:
    if answer is None:
        return None, changes, problems
    source, document = answer
    try:
        with db.atomic():
            letter_id, changed = answer_service.import_answer(
                db, inquiry_id, document, source.day or today()
            )
    except ServiceError as exc:
        return None, changes, (*problems, f"{source.name}: {exc}")
    return letter_id, changes | changed, problems


def _update(
    db: Database, paper: Paper, client: OparlClient, link: PaperLink, inquiry: Inquiry
) -> PaperImport:
    """A paper imported before: refresh what changed, take a newly published answer."""
    changed_paper = paper.modified != link.modified
    source = inquiry_file(paper)
    new_questions: tuple[Question, ...] | None = None
    if (
        changed_paper
        and source is not None
        and source.id != link.inquiry_file_url
        and not answers.letters_for(db, inquiry.id or 0)
    ):
        parsed = segment.parse_inquiry(_fetch(client, source).text)
        if parsed.questions:
            kept = [q.id for q in inquiry.questions]
            new_questions = tuple(
                Question(kept[i] if i < len(kept) else None, q.label, q.text, i)
                for i, q in enumerate(parsed.questions)
            )
    wants_answer = link.answer_file_url is None and inquiry.status in (
        Status.DRAFT,
        Status.SUBMITTED,
    )
    answer, problems = _answer_document(paper, client) if wants_answer else (None, ())
    assert inquiry.id is not None
    changes = Changes()
    updated = False
    with db.atomic():
        if changed_paper:
            fresh = replace(
                inquiry,
                title=paper.name or inquiry.title,
                reference=paper.reference or inquiry.reference,
                submitted_on=paper.day or inquiry.submitted_on,
                questions=new_questions if new_questions is not None else inquiry.questions,
            )
            if fresh != inquiry:
                changes |= inquiry_service.save_inquiry(db, fresh)
                updated = True
        letter_id, changes, problems = _take_answer(db, inquiry.id, answer, changes, problems)
        if changed_paper or letter_id is not None:
            store.save_link(
                db,
                replace(
                    link,
                    modified=paper.modified,
                    inquiry_file_url=source.id if source else link.inquiry_file_url,
                    answer_file_url=answer[0].id if answer and letter_id else link.answer_file_url,
                    letter_id=letter_id or link.letter_id,
                ),
            )
    return PaperImport(
        inquiry.id,
        False,
        updated,
        letter_id or link.letter_id,
        letter_id is not None,
        problems,
        changes,
    )
