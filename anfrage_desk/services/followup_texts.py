"""The editable texts of follow-up letters (``resources/letters/nachfrage.ini``) and the
small helpers both kinds use: filling placeholders, German dates, the subject's second line."""

from __future__ import annotations

import configparser
from datetime import date
from functools import lru_cache
from pathlib import Path

from anfrage_desk import resources
from anfrage_desk.model import Inquiry
from anfrage_desk.services.common import ServiceError
from anfrage_desk.services.letter_parts import with_reference_line
from anfrage_desk.store import Database, bodies

TEMPLATE_FILE = resources.path("letters", "nachfrage.ini")


@lru_cache(maxsize=4)
def _load_templates(path: Path, mtime: float) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path, encoding="utf-8")
    return parser


def templates() -> configparser.ConfigParser:
    try:
        mtime = TEMPLATE_FILE.stat().st_mtime
    except OSError as exc:
        raise ServiceError(f"Die Textvorlagen fehlen ({TEMPLATE_FILE}).") from exc
    return _load_templates(TEMPLATE_FILE, mtime)


def _fill(text: str, **values: str) -> str:
    out = text
    for key, value in values.items():
        out = out.replace("{" + key + "}", value)
    return out


def _de(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "–"


def _with_reference(db: Database, inquiry: Inquiry, subject: str) -> str:
    body = bodies.get_body(db, inquiry.body_id) if inquiry.body_id else None
    return with_reference_line(subject, body.name if body else "", inquiry.reference)
