"""Positive evidence in an answer: dates and periods, figures, a yes/no, a named unit or person."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

_I = re.IGNORECASE
_MONTH = (
    r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|"
    r"Dezember|Jan\.|Feb\.|Mär\.|Apr\.|Jun\.|Jul\.|Aug\.|Sep\.|Sept\.|Okt\.|Nov\.|Dez\.)"
)
_YEAR = r"(?:19|20)\d\d"
_NUMBER_WORD = (
    r"(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|dreizehn|vierzehn|fünfzehn|"
    r"sechzehn|siebzehn|achtzehn|neunzehn|zwanzig|dreißig|vierzig|fünfzig|sechzig|siebzig|"
    r"achtzig|neunzig|hundert|tausend|Dutzend|Dutzende|Hälfte|Drittel|Viertel|Fünftel|Sechstel|"
    r"Achtel|Zehntel)"
)

# Patterns whose every alternative starts at a word start say so up front, with the letters an
# alternative can start with ("\b(?=[…])(?:…)"; a duration needs a unit in the next word): the same
# matches, found two to three times as fast (most positions fail at once).
DATE = re.compile(
    rf"\b(?=[\dabdefhijkmnoqsvwz])(?:\d{{1,2}}\.\s?\d{{1,2}}\.\s?(?:{_YEAR}|\d\d)\b"
    rf"|\d{{1,2}}\.\s?{_MONTH}(?:\s+{_YEAR})?"
    rf"|(?:{_MONTH}|Frühjahr|Frühling|Sommer|Herbst|Winter|Jahresbeginn|Jahresanfang|"
    rf"Jahresmitte|Jahresende|Quartal|Halbjahr|Anfang|Mitte|Ende|Beginn|Schuljahr|Haushaltsjahr|"
    rf"Kalenderjahr|Jahr|Jahre|Jahren|Jahres|Sommerferien|Herbstferien)\s+(?:des\s+Jahres\s+|"
    rf"\w+\s+)?{_YEAR}(?:/\d\d(?:\d\d)?)?"
    rf"|(?:im|seit|ab|bis|bis\s+zum|vor|nach|in|zum|für|von|Stand)\s+{_YEAR}\b"
    rf"|{_YEAR}/\d\d\b|{_YEAR}\s*[:–-]\s*\d"
    r"|(?:noch\s+)?(?:in\s+diesem|im\s+(?:kommenden|nächsten|laufenden|ersten|zweiten|dritten|"
    r"vierten)|bis\s+zum)\s+(?:Jahr|Quartal|Halbjahr|Monat|Schuljahr|Jahresende)\b"
    r"|bis\s+(?:Ende|Mitte|Anfang)\s+(?:des\s+)?(?:Jahres|nächsten|kommenden)\b"
    r"|(?:seit|vor)\s+(?:\w+\s+)?(?:Jahren|Monaten|Jahrzehnten)\b"
    rf"|(?:im|ab|bis|seit|zum|Anfang|Mitte|Ende)\s+(?:(?:Anfang|Mitte|Ende)\s+)?"
    rf"(?:{_MONTH}|Frühjahr|Sommer|Herbst|Winter)(?!\w))",
    _I,
)
BARE_YEAR = re.compile(rf"\b{_YEAR}\b")
DURATION = re.compile(
    r"\b(?=[\w.,]+\s+(?:Jahr|Monat|Woche|Tag|Stunde|Minute))"
    rf"(?:\d+(?:[.,]\d+)?|{_NUMBER_WORD}|ein(?:em|en|er)?)\s+(?:Jahr\w*|Monat\w*|Woche\w*|"
    rf"Tag\w*|Stunde\w*|Minute\w*)\b",
    _I,
)

NUMBER = re.compile(
    r"(?<![\w/§.-])(?=\d)(?:\d{1,3}(?:[. ]\d{3})+(?:,\d+)?\b|\d+(?:,\d+)?(?![\w/]))"
)
_NUMBER_WORDS = frozenset(_NUMBER_WORD.strip("(?:)").lower().split("|"))
_NUMBER_SUFFIXES = ("hundert", "tausend", "undzwanzig", "unddreißig", "undvierzig", "undfünfzig")
AMOUNT = re.compile(
    r"€|%|\b(?=[mteprckübw])(?:(?:Mio\.?|Millionen|Mrd\.?|Milliarden|T?Euro|EUR|Tsd\.?)(?!\w)|Prozent\b"
    r"|(?:rund|rd\.|ca\.|circa|etwa|knapp|über|mehr\s+als|weniger\s+als|bis\s+zu)\s+\d)",
    _I,
)
PERCENT_CHANGE = re.compile(
    r"\bum\s+(?:rund\s+|ca\.\s+|etwa\s+)?\d+(?:,\d+)?\s*(?:%|Prozent)\s+(?:\w+\s+){0,2}?"
    r"(?:gestiegen|gesunken|erhöht|verringert|zurückgegangen|angestiegen|gewachsen)",
    _I,
)
ZERO = re.compile(
    r"\b(?=[knf])(?:(?:kein|keine|keinen|keiner)\s+(?!(?:\w+\s+)?(?:Erkenntnis|Kenntnis|Daten|Angabe|Aussage|"
    r"Information|Statistik|Zahl|Möglichkeit|Rückmeldung|konkret|abschließend|belastbar|weitere))"
    r"|niemand\b|null\b|Fehlanzeige\b)",
    _I,
)

_UNIT_WORDS = (
    "amt ämter referat abteilung dezernat ministerium ministeriums behörde behörden  "
    "dienststelle stabsstelle fachbereich fachdienst fachdienste direktion verband verbände  "
    "gesellschaft team gremium ausschuss beirat kommission arbeitsgruppe arbeitskreis  "
    "landesamt staatsanwaltschaft staatsanwaltschaften polizei feuerwehr kammer präsidium  "
    "bürgermeister landrat kreisdirektor schulamt stadtwerke gericht gerichte kommune kommunen  "
    "gemeinde gemeinden landkreis landkreise stiftung geschäftsstelle leitstelle  "
    "koordinierungsgruppe dezernent dezernentin federführung federführend zuständig zuständige  "
    "zuständigen verantwortlich"
)
_UNITS = tuple(_UNIT_WORDS.split())
ACTOR = re.compile(
    r"\b(?:Herr|Frau|Herrn)\s+(?:Dr\.\s+)?[A-ZÄÖÜ]\w+"
    r"|\b[A-ZÄÖÜ][\w-]*\s+(?:GmbH|gGmbH|AG|e\.\s?V\.|KG|mbH)"
    r"|\b(?=[A-ZÄÖÜ]*[A-ZÄÖÜ]{2})[A-ZÄÖÜ][A-Za-zÄÖÜ]{1,5}\b"
    r"|\b(?:Fachbereich|Referat|Abteilung|Dezernat|Amt|Team)\s+[A-Z0-9]{1,4}\b",
)
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")
YES_NO = re.compile(
    r"^\W*(?:\([^)]{1,40}\)\s*:?\s*)?(?:ja|nein)\b|(?:^|[.!?]\s+)(?:ja|nein)[,.!]"
    r"|\b(?=[tdiswbn])(?:(?:trifft|treffen)\s+(?:\w+\s+)?(?:nicht\s+)?zu\b|dies\s+ist\s+(?:nicht\s+)?der\s+Fall\b"
    r"|(?:ist|sind|wird|werden|wurde|wurden)\s+(?:\w+\s+){0,3}?(?:bereits|geplant|vorgesehen|"
    r"beabsichtigt|beschlossen|eingeführt|umgesetzt|erfolgt)\b"
    r"|bislang\s+nicht\b|bisher\s+nicht\b|noch\s+nicht\b|nicht\s+mehr\b)",
    _I,
)
# An answer's first word, after an attribution such as "(VBK):" that says who answers.
LEADING_YES = re.compile(r"\W*(?:\([^)]{1,40}\)\s*:?\s*)?ja\b", _I)
LEADING_NO = re.compile(r"\W*(?:\([^)]{1,40}\)\s*:?\s*)?nein\b", _I)
REASON = re.compile(
    r"\b(?=[dwasfgiz])(?:da|weil|denn|aufgrund|wegen|daher|deshalb|deswegen|somit|folglich|Grund|Gründe|"
    r"infolge|zumal)\b",
    _I,
)


@dataclass(frozen=True)
class Evidence:
    kind: str  # "date", "number", "percent_change", "yes_no", "actor", "reason"
    start: int
    end: int


class _Spans:
    """Sorted, disjoint spans with a logarithmic "is this position inside one?" (a linear scan
    per figure made long letters quadratic)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)

    def covers(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]


@lru_cache(maxsize=512)
def find_evidence(blanked: str) -> tuple[Evidence, ...]:
    """Evidence found in the noise-blanked normalised text."""
    found: list[Evidence] = []
    dates = _Spans()
    for m in DATE.finditer(blanked):
        found.append(Evidence("date", m.start(), m.end()))
        dates.add(m.start(), m.end())
    for m in DURATION.finditer(blanked):
        found.append(Evidence("duration", m.start(), m.end()))
    for m in BARE_YEAR.finditer(blanked):
        if not dates.covers(m.start()):
            found.append(Evidence("year", m.start(), m.end()))
            dates.add(m.start(), m.end())
    for m in NUMBER.finditer(blanked):
        if dates.covers(m.start()) and not _is_year_value(blanked, m):
            continue
        if m.end() - m.start() == 1 and _is_list_marker(blanked, m.start()):  # one digit
            continue
        found.append(Evidence("number", m.start(), m.end()))
    for m in AMOUNT.finditer(blanked):
        found.append(Evidence("amount", m.start(), m.end()))
    for m in PERCENT_CHANGE.finditer(blanked):
        found.append(Evidence("percent_change", m.start(), m.end()))
    for m in ZERO.finditer(blanked):
        found.append(Evidence("zero", m.start(), m.end()))
    for m in YES_NO.finditer(blanked):
        found.append(Evidence("yes_no", m.start(), m.end()))
    for m in ACTOR.finditer(blanked):
        found.append(Evidence("actor", m.start(), m.end()))
    kinds = _WORD_KINDS
    if len(kinds) > _WORD_KINDS_SIZE:
        kinds.clear()
    for m in _WORD.finditer(blanked):
        word = m.group(0)
        kind = kinds.get(word)
        if kind is None:
            kind = kinds[word] = _word_kind(word.lower())
        if kind:
            found.append(Evidence(kind, m.start(), m.end()))
    for m in REASON.finditer(blanked):
        found.append(Evidence("reason", m.start(), m.end()))
    return tuple(found)


# What a word is evidence of, by its spelling ("" for nothing): the same words recur in every
# answer, and lower-casing and testing each against all unit endings cost more than the regexes.
_WORD_KINDS: dict[str, str] = {}
_WORD_KINDS_SIZE = 50_000


def _word_kind(word: str) -> str:
    if word.endswith(_UNITS):
        return "actor"
    if word in _NUMBER_WORDS or (len(word) > 8 and word.endswith(_NUMBER_SUFFIXES)):
        return "number"
    return ""


def _is_year_value(text: str, m: re.Match[str]) -> bool:
    """A figure right after a year ("2021: 19 340") is a value, not part of the date."""
    return bool(re.search(r"(?:19|20)\d\d\s*[:–-]\s*$", text[max(0, m.start() - 8) : m.start()]))


def _is_list_marker(text: str, pos: int) -> bool:
    before = text[max(0, pos - 2) : pos]
    after = text[pos + 1 : pos + 3]
    return (before.strip() == "" or before.endswith(". ")) and after[:1] in {".", ")"}
