"""German dates in inquiries and letters ("6. Februar 2015", "15.10.2019", "2019-10-15")."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    "januar": 1,
    "jänner": 1,
    "jan": 1,
    "februar": 2,
    "feb": 2,
    "märz": 3,
    "maerz": 3,
    "mär": 3,
    "mrz": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "dezember": 12,
    "dez": 12,
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
DATE_PATTERN = (
    r"(?:(?<!\d)(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4}|\d{2})(?!\d)"
    rf"|(?<!\d)(?P<d2>\d{{1,2}})\.\s*(?P<m2>{_MONTH_RE})\.?\s+(?P<y2>\d{{4}})"
    r"|(?<!\d)(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})(?!\d))"
)
DATE_RE = re.compile(DATE_PATTERN, re.IGNORECASE)


def date_from_match(m: re.Match[str]) -> date | None:
    try:
        if m.group("d"):
            year = int(m.group("y"))
            if year < 100:
                year += 2000 if year < 70 else 1900
            return date(year, int(m.group("m")), int(m.group("d")))
        if m.group("d2"):
            month = _MONTHS[m.group("m2").lower()]
            return date(int(m.group("y2")), month, int(m.group("d2")))
        return date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
    except (ValueError, KeyError):
        return None


def parse_date(text: str) -> date | None:
    """The first German date in `text` ("6. Februar 2015", "15.10.2019", "2019-10-15")."""
    for m in DATE_RE.finditer(text):
        found = date_from_match(m)
        if found:
            return found
    return None


# A line that is only a date: "Hameln, 26.03.2024", "Datum: 5.2.2024", and the sent line of a
# mail, "Gesendet: Dienstag, 3. September 2024 10:12".
DATE_LINE = re.compile(
    r"^(?:(?:datum|date|gesendet|sent)\s*:?\s*(?:[A-Za-zäöü]+,\s*)?"
    r"|[A-ZÄÖÜ][\wäöüß.\- ]{1,40},\s*(?:den\s+)?)?"
    + DATE_PATTERN
    + r"(?:,?\s+(?:um\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*uhr)?)?\s*$",
    re.I,
)
