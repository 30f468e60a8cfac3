"""Drafting and sending an Anfrage: sender settings, new drafts, the letter as DOCX.

The sender data (faction, address, contact, default signatories, letterhead) belong to the
database, not to the workstation: a faction office that shares one database shares them too.
They are read and written here, through `store.settings`, so that every letter of the app
(Anfrage, Nachfrage, Erinnerung) uses the same sender:

    sender = load_sender(db)            # SenderSettings
    spec = LetterSpec(sender_line=sender_line(sender, inquiry.faction),
                      info=(*contact_rows(sender), ("Datum", "15.05.2024")), ...)
    build_letter(spec, out, letterhead=letterhead_path(db))
"""

from __future__ import annotations

import configparser
import json
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from anfrage_desk import resources
from anfrage_desk.letters import (
    Block,
    LetterError,
    LetterSpec,
    NumberedItem,
    Paragraph,
    build_letter,
    safe_filename,
)
from anfrage_desk.model import Inquiry, InquiryKind
from anfrage_desk.services.common import Changes, ServiceError, today
from anfrage_desk.services.inquiries import load_inquiry
from anfrage_desk.services.letter_parts import recipient_lines, subject_for, title_without_kind
from anfrage_desk.store import Database, bodies
from anfrage_desk.store import inquiries as inquiry_store
from anfrage_desk.store import settings as settings_store
from anfrage_desk.textclean import clean_text

# Keys in the setting table. Other features may read them, but should go through load_sender.
KEY_FACTION = "sender.faction"
KEY_ADDRESS = "sender.address"
KEY_LINE = "sender.line"
KEY_CONTACT = "sender.contact"
KEY_PHONE = "sender.phone"
KEY_EMAIL = "sender.email"
KEY_SIGNATORIES = "sender.signatories"
KEY_LETTERHEAD = "letterhead.path"

MAX_SETTING_CHARS = 2000
LETTER_TEXTS = resources.path("letters", "anfrage.ini")
FALLBACK_SALUTATION = "Sehr geehrte Damen und Herren,"


@dataclass(frozen=True)
class SenderSettings:
    """Who writes: shown in the return address line, the information block and the signature.

    address: the faction's postal address, one line per row ("Rathausplatz 1\\n12345 Stadt").
    line: the return address line above the recipient (Rücksendeangabe); empty means it is
    built from faction and address. signatories: "Name\\nFunktion" each, the default for new
    inquiries. letterhead: the user's own .docx the letters are built on, or None.
    """

    faction: str = ""
    address: str = ""
    line: str = ""
    contact: str = ""
    phone: str = ""
    email: str = ""
    signatories: tuple[str, ...] = ()
    letterhead: Path | None = None


# --- sender settings ----------------------------------------------------------------------


def load_sender(db: Database) -> SenderSettings:
    """The sender settings stored in the database (empty strings where nothing is set)."""
    values = settings_store.get_settings(db)
    raw_signatories = values.get(KEY_SIGNATORIES, "")
    try:
        parsed = json.loads(raw_signatories) if raw_signatories else []
    except ValueError:
        parsed = []
    signatories = tuple(str(s) for s in parsed if isinstance(s, str) and s.strip())
    letterhead = values.get(KEY_LETTERHEAD, "").strip()
    return SenderSettings(
        faction=values.get(KEY_FACTION, ""),
        address=values.get(KEY_ADDRESS, ""),
        line=values.get(KEY_LINE, ""),
        contact=values.get(KEY_CONTACT, ""),
        phone=values.get(KEY_PHONE, ""),
        email=values.get(KEY_EMAIL, ""),
        signatories=signatories,
        letterhead=Path(letterhead) if letterhead else None,
    )


def save_sender(db: Database, sender: SenderSettings) -> Changes:
    """Store the sender settings; a letterhead is checked first (ServiceError if unusable)."""
    if sender.letterhead is not None:
        check_letterhead(sender.letterhead)

    def clean(text: str, lines: bool = True) -> str:
        text = clean_text(text).strip()[:MAX_SETTING_CHARS]
        return text if lines else " ".join(text.split())

    signatories = [clean(s) for s in sender.signatories if clean(s)]
    values = {
        KEY_FACTION: clean(sender.faction, lines=False),
        KEY_ADDRESS: clean(sender.address),
        KEY_LINE: clean(sender.line, lines=False),
        KEY_CONTACT: clean(sender.contact, lines=False),
        KEY_PHONE: clean(sender.phone, lines=False),
        KEY_EMAIL: clean(sender.email, lines=False),
        KEY_SIGNATORIES: json.dumps(signatories, ensure_ascii=False),
        KEY_LETTERHEAD: str(sender.letterhead) if sender.letterhead else "",
    }
    with db.atomic():
        for key, value in values.items():
            settings_store.set_setting(db, key, value)
    return Changes()


def letterhead_path(db: Database) -> Path | None:
    """The letterhead set in the settings, or None for the plain built-in layout."""
    return load_sender(db).letterhead


def check_letterhead(path: Path) -> None:
    """Raise ServiceError (German) unless ``path`` is a Word file a letter can be built on."""
    from anfrage_desk.letters.compose import open_base

    if path.suffix.lower() not in (".docx", ".dotx"):
        raise ServiceError(
            f"„{path.name}“ ist keine Word-Datei. Bitte einen Briefkopf im Format .docx "
            "oder .dotx wählen."
        )
    if not path.is_file():
        raise ServiceError(f"Die Datei „{path}“ gibt es nicht (mehr).")
    try:
        open_base(path)
    except LetterError as exc:
        raise ServiceError(str(exc)) from exc


def sender_line(sender: SenderSettings, faction: str = "") -> str:
    """The return address line, e.g. "Fraktion X · Rathausplatz 1 · 12345 Stadt"."""
    if sender.line.strip():
        return " ".join(sender.line.split())
    parts = [faction.strip() or sender.faction.strip()]
    parts += [line.strip() for line in sender.address.splitlines()]
    return " · ".join(p for p in parts if p)


def contact_rows(sender: SenderSettings) -> tuple[tuple[str, str], ...]:
    """Rows of the information block that name the contact person (DIN 5008 order)."""
    return (("Name", sender.contact), ("Telefon", sender.phone), ("E-Mail", sender.email))


# --- new drafts ---------------------------------------------------------------------------


def new_draft(db: Database, title: str = "") -> Inquiry:
    """A new inquiry prefilled the way the user works: the faction, default signatories and
    the body and addressee of the most recent inquiry (one usually writes to the same office).
    """
    sender = load_sender(db)
    draft = Inquiry(
        None,
        title,
        faction=sender.faction,
        signatories=sender.signatories,
        drafted_on=today(),
    )
    rows = inquiry_store.list_rows(db)
    latest = inquiry_store.get_inquiry(db, rows[0].id) if rows else None
    if latest is not None:
        draft = replace(
            draft,
            body_id=latest.body_id,
            addressee_name=latest.addressee_name,
            addressee_office=latest.addressee_office,
            addressee_address=latest.addressee_address,
            faction=draft.faction or latest.faction,
            signatories=draft.signatories or latest.signatories,
        )
    return draft


# --- the letter ---------------------------------------------------------------------------

_OFFICES = (
    "Oberbürgermeister",
    "Bürgermeister",
    "Landrat",
    "Kreisdirektor",
    "Stadtdirektor",
    "Beigeordneter",
    "Dezernent",
    "Ministerpräsident",
    "Minister",
    "Staatssekretär",
    "Landtagspräsident",
    "Präsident",
    "Vorsitzender",
)
_FEMALE_OFFICES = (
    "Oberbürgermeisterin",
    "Bürgermeisterin",
    "Landrätin",
    "Kreisdirektorin",
    "Stadtdirektorin",
    "Beigeordnete",
    "Dezernentin",
    "Ministerpräsidentin",
    "Ministerin",
    "Staatssekretärin",
    "Landtagspräsidentin",
    "Präsidentin",
    "Vorsitzende",
)
_TITLES = ("Dr.", "Prof.", "Dr.-Ing.")
_SALUTATION_START = re.compile(r"^(sehr geehrte[rn]?|liebe[rn]?|guten tag|hallo)\b", re.IGNORECASE)


def salutation_for(addressee: str) -> str:
    """The salutation for an addressee as written in the address field.

    "Herrn Landrat Bodo Klimpel" -> "Sehr geehrter Herr Landrat,"; "Frau Dr. Anna Roth" ->
    "Sehr geehrte Frau Dr. Roth,"; anything without "Herr(n)"/"Frau" -> "Sehr geehrte Damen
    und Herren," (an office or a department has no gender to guess).
    """
    words = " ".join(addressee.replace(",", " ").split()).split(" ")
    for index, word in enumerate(words):
        if word in ("Herrn", "Herr"):
            greeting, offices = "Sehr geehrter Herr", _OFFICES
        elif word == "Frau":
            greeting, offices = "Sehr geehrte Frau", _FEMALE_OFFICES
        else:
            continue
        rest = words[index + 1 :]
        if rest and rest[0] in offices:
            return f"{greeting} {rest[0]},"
        titles = []
        while rest and rest[0] in _TITLES:
            titles.append(rest.pop(0))
        if rest:
            return " ".join([greeting, *titles, rest[-1]]) + ","
    return FALLBACK_SALUTATION


def _letter_texts() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_dict({"letter": {"closing": "Mit freundlichen Grüßen", "questions_intro": ""}})
    if LETTER_TEXTS.is_file():
        parser.read(LETTER_TEXTS, encoding="utf-8")
    return parser["letter"]


def _split_preamble(preamble: str) -> tuple[str, list[str]]:
    """A salutation the user typed as the preamble's first line, and the paragraphs after it."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", clean_text(preamble)) if p.strip()]
    if paragraphs:
        first_line, _, rest = paragraphs[0].partition("\n")
        if _SALUTATION_START.match(first_line) and len(first_line) <= 120:
            paragraphs = ([rest.strip()] if rest.strip() else []) + paragraphs[1:]
            return first_line.strip(), paragraphs
    return "", paragraphs


def letter_date(inquiry: Inquiry) -> date:
    """The date the letter carries: submitted, else drafted, else today."""
    return inquiry.submitted_on or inquiry.drafted_on or today()


def inquiry_letter_spec(db: Database, inquiry_id: int) -> LetterSpec:
    """The DIN 5008 letter of an inquiry, built from the inquiry and the sender settings."""
    inquiry = load_inquiry(db, inquiry_id)
    sender = load_sender(db)
    texts = _letter_texts()
    recipient = recipient_lines(
        inquiry.addressee_office, inquiry.addressee_name, inquiry.addressee_address
    )
    typed_salutation, paragraphs = _split_preamble(inquiry.preamble)
    salutation = typed_salutation or salutation_for(
        " ".join([inquiry.addressee_name, inquiry.addressee_office])
    )
    blocks: list[Block] = [Paragraph(p) for p in paragraphs]
    intro = texts.get("questions_intro", "").strip()
    if intro and inquiry.questions:
        blocks.append(Paragraph(intro))
    blocks += [NumberedItem(q.label, q.text) for q in inquiry.questions if q.text.strip()]
    title = inquiry.title.strip() or "Anfrage"
    body = bodies.get_body(db, inquiry.body_id) if inquiry.body_id else None
    subject = subject_for(inquiry.kind.value, title, body.name if body else "", inquiry.reference)
    info = (
        ("Unser Zeichen", inquiry.reference),
        *contact_rows(sender),
        ("Datum", letter_date(inquiry).strftime("%d.%m.%Y")),
    )
    signatories = inquiry.signatories or sender.signatories
    return LetterSpec(
        title=f"{inquiry.kind.value}: {title}",
        sender_line=sender_line(sender, inquiry.faction),
        recipient=recipient,
        info=info,
        subject=subject,
        salutation=salutation,
        blocks=tuple(blocks),
        closing=texts.get("closing", "Mit freundlichen Grüßen"),
        signatories=signatories,
    )


def default_letter_name(inquiry: Inquiry) -> str:
    """ "2024-04-29 Anfrage Strategie zur KI.docx": sorts by date in any file manager."""
    kind = inquiry.kind.value if inquiry.kind else InquiryKind.ANFRAGE.value
    title = title_without_kind(kind, inquiry.title) or "ohne Titel"
    return safe_filename(f"{letter_date(inquiry).isoformat()} {kind} {title}")


def export_inquiry_letter(db: Database, inquiry_id: int, out: Path) -> Path:
    """Write the inquiry as a DOCX letter to ``out`` (on the letterhead, if one is set)."""
    spec = inquiry_letter_spec(db, inquiry_id)
    letterhead = letterhead_path(db)
    if letterhead is not None and not letterhead.is_file():
        raise ServiceError(
            f"Der Briefkopf „{letterhead}“ wurde nicht gefunden. Bitte in den Einstellungen "
            "einen vorhandenen Briefkopf wählen oder ihn entfernen."
        )
    try:
        return build_letter(spec, Path(out), letterhead=letterhead)
    except LetterError as exc:
        raise ServiceError(str(exc)) from exc
