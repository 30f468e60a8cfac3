"""What a question asks for: a date, a number, a yes/no, an actor, a list, a reason …

Each question is cut into parts at its question marks ("Gibt es …? Falls ja, wie viele?" has two
parts). A part asks for what its interrogative says; a part that starts with a finite verb
("Gibt es", "Ist", "Plant", "Wurde") is a yes/no question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from anfrage_desk.assess.needles import starting_early
from anfrage_desk.assess.text import normalise, split_sentences

_I = re.IGNORECASE

ASK_PATTERNS: dict[str, re.Pattern[str]] = {
    "date": re.compile(
        r"\b(?:bis|seit|ab)\s+wann\b|\bwann\b|\bwie\s+lange\b|\bin\s+welchem\s+jahr\b"
        r"|\bbis\s+zu\s+welchem\b",
        _I,
    ),
    "number": re.compile(
        r"\bwie\s+viele[nrs]?\b|\bwie\s+viel\b|\bwie\s+hoch\b|\bin\s+welcher\s+höhe\b|\bwie\s+groß\b"
        r"|\bin\s+welchem\s+umfang\b|\bum\s+wie\s+viel\b|\bwie\s+oft\b|\bbeziffer\w*"
        r"|\bjahresweise\b",
        _I,
    ),
    "actor": re.compile(
        r"\bwer\b|\bwem\b|\bwen\b|\bfederführ\w*|\bmit\s+welcher\s+besetzung\b"
        r"|\bwelche[nmrs]?\s+(?:\w+\s+){0,1}?(?:stelle|stellen|dienststelle\w*|behörde\w*|ämter|amt|"
        r"fachbereich\w*|referat\w*|abteilung\w*|person\w*|team\w*|träger\w*|partner\w*|akteur\w*|"
        r"institution\w*|unternehmen|firma|firmen|büro\w*|verband|verbände\w*|fachdienst\w*|"
        r"ministeri\w+|organisation\w*|einrichtung\w*|gremi\w+|mitarbeit\w*|dezernat\w*)\b",
        _I,
    ),
    "reason": re.compile(
        r"\bwarum\b|\bweshalb\b|\bwieso\b|\bweswegen\b|\baus\s+welche[mn]\s+grund|\bwelche\s+gründe\b"
        r"|\bbegründ\w*",
        _I,
    ),
    "list": re.compile(
        r"\bwelche[nmrs]?\b|\bwas\b|\bwo\b|\bwohin\b|\bnennen\b|\bauflist\w*|\baufschlüssel\w*"
        r"|\bbenennen\b",
        _I,
    ),
    "how": re.compile(r"\bwie\b|\binwiefern\b|\binwieweit\b|\bauf\s+welche\s+(?:weise|art)\b", _I),
    "per_year": re.compile(
        r"\bje\s+(?:in\s+den\s+)?jahr\w*|\bjährlich\b|\bjahresweise\b|\bpro\s+jahr\b"
        r"|\bjahr\s+für\s+jahr\b|\bnach\s+jahren\b",
        _I,
    ),
    "known": re.compile(
        r"\bbekannt\b|\bkenntnis\w*|\berkenntnis\w*|\berkennt\b|\brückmeldung\w*|\bliegen\b.*\bvor\b"
        r"|\bliegt\b.*\bvor\b|\beingegangen\b|\bunterrichtet\b",
        _I,
    ),
}

# The same matches, found faster: the letters a match can start with said up front.
ASK_PATTERNS = {kind: starting_early(pattern) for kind, pattern in ASK_PATTERNS.items()}

# Nouns that ask for a date or a figure when a question word governs them in the same clause
# ("Wie ist die Zeitplanung …?", "Welche Kosten …?") but not in "Ist eine Zeitplanung bekannt?".
# Only whether a noun occurs counts, so a word's rest is not matched: "kosten" stands for
# "\w*kosten\w*" ("Gesamtkosten", "Kostenrahmen"), "zahl(?:en)?\b" for "\w*zahl(?:en)?\b" (the
# leading "\w*" was tried at every position, the cost of a whole question's analysis).
NOUN_ASKS: dict[str, re.Pattern[str]] = {
    "date": re.compile(
        r"\bzeit(?:plan\w*|raum\w*|punkt\w*|rahmen\w*|schiene)\b|\bzeitlich|\btermin"
        r"|\bfrist|\bdatum\b",
        _I,
    ),
    "number": re.compile(
        r"\banzahl\b|(?<!be)zahl(?:en)?\b|\bprozent|\bquote\b|kosten|\bsumme\b"
        r"|\bbetr(?:a|ä)ge?\b|anteil\b|\bhöhe\b|\bausgaben\b|\beinnahmen\b|\bbudget\b"
        r"|\bvolumen\b|wartezeit|bearbeitungszeit|dauer\b",  # "Dauer", not "dauert"
        _I,
    ),
}
_W_WORD = starting_early(
    re.compile(r"\b(?:wie|welche[nmrs]?|was|wann|wo|um\s+welche[nmrs]?|in\s+welche[nmrs]?)\b", _I)
)


def _noun_asks(core: str) -> set[str]:
    found: set[str] = set()
    for clause in _CLAUSE_MARKS.split(core):
        for w in _W_WORD.finditer(clause):  # "Welche Radwege … und welche Kosten …?"
            window = " ".join(clause[w.end() :].split()[:5])
            for kind, pattern in NOUN_ASKS.items():
                if kind not in found and pattern.search(window):
                    found.add(kind)
    return found


_CLAUSE_MARKS = re.compile(r"[,;:]")


_CONDITION = starting_early(
    re.compile(
        r"\b(?:falls|wenn|sofern|soweit)\s+(?:(?P<pol>ja|nein|nicht)\b"
        r"|(?:dies|das|es)\s+(?P<neg>nicht\s+)?(?:der\s+Fall\s+ist|zutrifft|so\s+ist)\b)",
        _I,
    )
)
# "Ist der Verwaltung bekannt, wie viele …?": the figure is asked only if something is known.
_KNOWLEDGE_LEAD = starting_early(
    re.compile(
        r"\b(?:bekannt|kenntnis\w*|erkenntnis\w*|informiert|wissen|weiß|überblick)\b[^?]{0,60}?,\s*"
        r"(?:wie|wann|wer|welche\w*|was|wo|ob|in\s+welche\w*|seit\s+wann|bis\s+wann)\b",
        _I,
    )
)
# A second question joined by "und"/"sowie" inside one sentence: "…, und wie soll …?".
_SUBCLAUSE = re.compile(
    r",?\s+(?:und|sowie|bzw\.)\s+(?=(?:wie|wann|wer|wem|warum|weshalb|wieso|welche[nmrs]?|was|wo|"
    r"inwieweit|inwiefern|bis\s+wann|ab\s+wann|seit\s+wann|in\s+welche[nmrs]?|mit\s+welche[nmrs]?|"
    r"aus\s+welche[nmrs]?)\b)",
    _I,
)

_CONDITIONAL = re.compile(
    r"^(?:\W*)(?:falls|wenn|sofern|soweit)\b|\b(?:falls|wenn|sofern)\s+(?:ja|nein|nicht|dies|ja\W)",
    _I,
)

_YES_NO_VERBS_WORDS = """ist sind war waren wäre wären wird werden wurde wurden würde würden hat haben hatte hatten
    hätte hätten gibt gab gäbe kann können konnte konnten könnte könnten soll sollen sollte sollten
    muss müssen musste mussten müsste müssten darf dürfen will wollen plant planen plante planten
    beabsichtigt beabsichtigen besteht bestehen bestand existiert existieren liegt liegen lag sieht
    sehen teilt teilen hält halten erfolgt erfolgen erfolgte erweckt trifft treffen stimmt gilt
    gelten nimmt nehmen kennt kennen verfügt verfügen erwägt erwägen prüft prüfen führt führen
    unterstützt unterstützen befürwortet befürworten gehört gehören zieht ziehen setzt setzen
    strebt streben beteiligt beteiligen fördert fördern arbeitet arbeiten"""
_YES_NO_VERBS = frozenset(_YES_NO_VERBS_WORDS.split())

_PART_SPLIT = re.compile(r"(?<=\?)\s*")
_CLAUSE_SPLIT = re.compile(
    r"[;:]\s*|,\s*(?=oder\b|und\b|(?:falls|wenn|sofern)\s+(?:ja|nein)\b)|"
    r"\bbzw\.\s+|(?<=[a-zäöüß])\.\s+(?=[A-ZÄÖÜ])",
    _I,
)
_LEAD = re.compile(
    r"^(?:\W*(?:und|oder|bzw\.?|falls|wenn|sofern|soweit)\s+(?:ja|nein|nicht|dies\s+\w+(?:\s+\w+)?)?"
    r"\W*)+",
    _I,
)
_LABEL = re.compile(r"^\s*(?:(?:Frage\s+)?(?:\d{1,2}|[A-Za-z])(?:\s*[.)]|\s*:)\s*)+")


@dataclass(frozen=True)
class Part:
    text: str
    asks: tuple[str, ...]
    yes_no_clause: str | None  # the clause that asks yes/no, if any
    condition: str | None = None  # "ja" / "nein": the part applies only after that answer
    embedded_known: bool = False  # "Ist bekannt, wie viele …": the figure depends on a yes
    subclause: bool = False  # split off "…, und wie …" inside one sentence


@lru_cache(maxsize=2048)
def split_parts(question: str) -> tuple[Part, ...]:
    """The question's parts; cached: one question is analysed for every answer to it."""
    text = _LABEL.sub("", normalise(question))
    pieces = [p.strip() for p in _PART_SPLIT.split(text) if p.strip()]
    parts: list[Part] = []
    for piece in pieces:
        if not piece.endswith("?") and parts and len(pieces) > 1:
            continue  # trailing remark after the last question mark
        parts.extend(_sub_parts(piece))
    return tuple(parts) or (_analyze_part(text),)


def _sub_parts(piece: str) -> list[Part]:
    """One part per question, also for "Wie viele …, und wie soll … werden?" in one sentence."""
    core = _question_sentence(piece)
    offset = piece.rfind(core) if core in piece else 0
    cuts = [m for m in _SUBCLAUSE.finditer(core) if m.start() > 12]
    if not cuts or _KNOWLEDGE_LEAD.search(core):
        return [_analyze_part(piece, core)]
    first = _analyze_part(piece[: offset + cuts[0].start()] + "?")
    bounds = [m.end() for m in cuts] + [len(core)]
    rest = [
        _inherit(
            _analyze_part(core[bounds[i] : cuts[i + 1].start() if i + 1 < len(cuts) else None]),
            first,
        )
        for i in range(len(cuts))
    ]
    return [first, *rest]


def _inherit(part: Part, first: Part) -> Part:
    """ "Falls ja, wie viele … und welche Kosten …?": the second clause has the same condition."""
    asks = part.asks
    if first.condition and "conditional" not in asks:
        asks = (*asks, "conditional")
    return replace(part, asks=asks, condition=first.condition or part.condition, subclause=True)


def _analyze_part(text: str, core: str | None = None) -> Part:
    """``core``: the sentence with the question mark, when the caller has it already."""
    asks: list[str] = []
    core = _question_sentence(text) if core is None else core
    for kind, pattern in ASK_PATTERNS.items():
        if kind == "known":
            if pattern.search(core):
                asks.append(kind)
        elif pattern.search(core):
            asks.append(kind)
    for kind in sorted(_noun_asks(core)):
        if kind not in asks:
            asks.append(kind)
    if "actor" in asks and "list" in asks:
        asks.remove("list")
    clause = _yes_no_clause(core)
    if clause is not None:
        asks.insert(0, "yes_no")
    if _CONDITIONAL.search(core):
        asks.append("conditional")
    cond = _CONDITION.search(core)
    condition = None
    if cond:  # "Falls dies nicht der Fall ist, warum …?" is a "Falls nein"
        pol = cond.group("pol")
        if pol is not None:
            condition = "ja" if pol.lower() == "ja" else "nein"
        else:
            condition = "nein" if cond.group("neg") else "ja"
    embedded = clause is not None and bool(_KNOWLEDGE_LEAD.search(core))
    return Part(text, tuple(dict.fromkeys(asks)), clause, condition, embedded)


def _question_sentence(text: str) -> str:
    """The sentence that carries the question mark (drops a preamble before it)."""
    sentences: list[str] = []
    for s in split_sentences(text):
        if sentences and sentences[-1].count("(") > sentences[-1].count(")"):
            sentences[-1] += " " + s  # "(gemeint sind: Sanitäter, …)?" stays in its sentence
        else:
            sentences.append(s)
    sentences = [s for s in sentences if _TWO_LETTERS.search(s)]
    return sentences[-1] if sentences else text


_TWO_LETTERS = re.compile(r"[A-Za-zÄÖÜäöüß]{2}")
_FIRST_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")


def _yes_no_clause(core: str) -> str | None:
    for clause in _CLAUSE_SPLIT.split(core):
        stripped = _LEAD.sub("", clause).strip()
        first = _FIRST_WORD.match(stripped)
        if first and first.group(0).lower() in _YES_NO_VERBS:
            return stripped
    return None


def analyze_question(question: str) -> tuple[str, ...]:
    """What the question asks for, in the order found: "yes_no", "date", "number", …"""
    asks: list[str] = []
    parts = split_parts(question)
    for part in parts:
        asks.extend(part.asks)
    if len(parts) > 1:
        asks.append("multi")
    return tuple(dict.fromkeys(asks))


def applies(part: Part, polarity: str | None) -> bool:
    """A "Falls ja …" part does not apply after a no, a "Falls nein …" part not after a yes."""
    if part.condition == "ja" and polarity == "nein":
        return False
    return not (part.condition == "nein" and polarity == "ja")
