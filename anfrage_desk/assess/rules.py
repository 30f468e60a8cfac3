"""Tables and small judgements shared by the weighing: messages, ask words, polarity, nouns."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from anfrage_desk.assess.evidence import LEADING_NO, LEADING_YES
from anfrage_desk.assess.judge import EVASIVE
from anfrage_desk.assess.words import STOP, stem, stems

if TYPE_CHECKING:
    from anfrage_desk.assess.judge import Judge

HARD = ("refusal", "secrecy", "user_phrase")  # never explained away by figures or context
MESSAGES = {
    "deferral": "Die Antwort vertagt die Sache („{q}“), statt sie zu beantworten.",
    "unavailable": "Die Antwort erklärt, die erfragte Angabe könne nicht gemacht werden („{q}“).",
    "not_known": "Gefragt waren Zahlen oder Fakten; die Antwort sagt nur, dazu liege nichts vor "
    "(„{q}“).",
    "refusal": "Die erfragte Angabe wird ausdrücklich verweigert („{q}“).",
    "secrecy": "Die Auskunft wird unter Hinweis auf Geheimhaltung verweigert („{q}“).",
    "competence": "Die Verwaltung erklärt sich für nicht zuständig („{q}“).",
    "hedge": "Die Antwort bleibt unverbindlich („{q}“).",
    "user_phrase": "Als ausweichend markierte Formulierung: „{q}“.",
}
CODES = {"not_known": "unavailable"}
MISSING = {
    "date": ("no_date", "Gefragt war ein Zeitpunkt („{a}“); die Antwort nennt kein Datum."),
    "number": ("no_number", "Gefragt war eine Zahl („{a}“); die Antwort nennt keine."),
    "actor": (
        "no_actor",
        "Gefragt war, wer zuständig ist („{a}“); die Antwort nennt keine Stelle und keine Person.",
    ),
    "yes_no": (
        "yes_no_missing",
        "Gefragt war ein Ja oder Nein („{a}“); die Antwort legt sich nicht fest.",
    ),
}

ASK_WORDS = {
    "date": re.compile(r"zeit\w*|termin\w*|datum|wann|frist\w*|dauer\w*", re.IGNORECASE),
    "number": re.compile(
        r"zahl\w*|anzahl|höhe|kosten|beziffer\w*|summe|umfang|statisti\w*|quote|prozent",
        re.IGNORECASE,
    ),
    "actor": re.compile(r"team\w*|person\w*|stelle\w*|besetzung|zuständig\w*|name\w*", re.I),
}
# "Eine Aufschlüsselung nach Ortsteilen …": a breakdown by something (group "by").
BREAKDOWN = re.compile(
    r"\b(?:Aufschlüsselung|Differenzierung|Unterscheidung|Aufteilung|Zuordnung|Auswertung|"
    r"Untergliederung|Aufgliederung)\w*\s+(?:\w+\s+){0,2}?nach\s+(?:(?:dem|der|den|einzelnen)\s+)?"
    r"(?P<by>[A-Za-zÄÖÜäöüß]{4,})",
    re.IGNORECASE,
)

NEGATION = re.compile(r"\b(?:nicht|kein\w*|nie|niemals|weder)\b", re.IGNORECASE)


def answer_polarity(j: Judge, premise: bool) -> str | None:
    """ "ja" / "nein" when the answer plainly takes a side, else None."""
    text = j.prep.blanked
    if LEADING_YES.match(text):
        return "ja"
    if LEADING_NO.match(text):
        return "nein"
    if not j.prep.sentences:
        return None
    s, e = j.prep.sentences[0]
    if premise or NEGATION.search(text, s, e):
        return "nein"
    affirm = [ev for ev in j.has("yes_no") if not NEGATION.search(text, ev.start, ev.end)]
    return "ja" if affirm else None


def mentions(word: str, answer_words: list[str]) -> bool:
    """Does the answer name ``word`` (also inside a compound, or by its stem)?"""
    w = word.lower()
    head = w[:7] if len(w) > 7 else w[:5]  # "kostet" ~ "Kosten"; "Klimaneutralität" ≠ "Klimaschutz"
    return any(head in a.lower() for a in answer_words)


_OBJECT = re.compile(
    r"\b(?:ein|eine|einen|einem|einer|eines|kein|keine|keinen)\s+(?:[a-zäöüß][\w-]*\s+){0,2}"
    r"(?P<noun>[A-ZÄÖÜ][\w-]{3,})"
)


def object_noun(clause: str) -> str | None:
    """The thing whose existence a yes/no clause asks about ("Gibt es eine <Ansprechperson>")."""
    m = _OBJECT.search(clause)
    if not m or m.group("noun").lower() in STOP:
        return None
    return m.group("noun")


_NOT_PREDICATE_WORDS = """werden worden wird sein gewesen haben lassen können müssen sollen dürfen
    wollen geben gibt vorliegen vorhanden bekannt möglich geplant vorgesehen"""
_NOT_PREDICATES = frozenset(_NOT_PREDICATE_WORDS.split())


def key_terms(clause: str) -> list[str]:
    """What a yes/no clause is about: the thing asked for and the final verb ("…verhängt?")."""
    terms: list[str] = []
    clause = re.split(r",|\s(?:um|damit|dass|obwohl|weil|wenn|falls)\s", clause)[0]
    noun = object_noun(clause)
    if noun:
        terms.append(noun)
    words = re.findall(r"[A-Za-zÄÖÜäöüß]+", clause)
    last = words[-1] if words else ""
    if last[:1].islower() and len(last) >= 6 and last.lower() not in _NOT_PREDICATES:
        terms.append(last)
    return terms


def negated_mirror(j: Judge) -> tuple[int, int] | None:
    """A sentence that negates the question's own words: the premise does not hold.

    "Werden die Werbeflächen … vermietet?" – "Die Werbeflächen werden nicht von der Stadt
    vermietet; …". The negated word must come from the question and the sentence must share at
    least one more content word with it.
    """
    qstems = stems(j.qnorm)
    text = j.prep.text
    for (s, e), said in zip(j.prep.sentences, j.sentence_stems(), strict=True):
        if j.cue_overlaps(EVASIVE, s, e):
            continue
        sentence = text[s:e]
        shared = qstems & said
        if len(shared) < 2:
            continue
        for m in re.finditer(r"\b(?:nicht|keine?[nmrs]?)\b((?:\s+[\w-]+){1,4})", sentence):
            words = re.findall(r"[A-Za-zÄÖÜäöüß]{5,}", m.group(1))
            if any(stem(w) in qstems and w.lower() not in STOP for w in words):
                return (s + m.start(), s + m.end())
    return None


def yes_no_phrase(j: Judge) -> str:
    for part in j.parts:
        if part.yes_no_clause:
            return " ".join(part.yes_no_clause.split()[:3]) + " …"
    return ""
