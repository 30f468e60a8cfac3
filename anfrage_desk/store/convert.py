"""Conversions between SQLite values and domain values (dates as ISO text, lists as JSON)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any


def to_date(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def from_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def to_list(value: Any) -> list[Any]:
    if not value:
        return []
    try:
        loaded = json.loads(value)
    except (TypeError, ValueError):
        return []
    return loaded if isinstance(loaded, list) else []


def from_list(values: Any) -> str:
    return json.dumps(list(values), ensure_ascii=False)
