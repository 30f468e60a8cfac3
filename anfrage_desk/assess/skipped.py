"""Parts of a question that the answer leaves out: a reason after a no, a distinct second
question, or the yes/no itself when the answer talks around it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from anfrage_desk.assess.judge import EVASIVE
from anfrage_desk.assess.question import applies
from anfrage_desk.assess.rules import key_terms, mentions, yes_no_phrase
from anfrage_desk.assess.words import stem, stems

if TYPE_CHECKING:
    from anfrage_desk.assess.judge import Judge


def reason_if_not(j: Judge, polarity: str | None) -> None:
    """ "Falls nein, warum nicht?" after a no (or no clear yes) needs a reason."""
    part = next(
        (
            p
            for p in j.parts
            if p.condition == "nein" and "reason" in p.asks and applies(p, polarity)
        ),
        None,
    )
    if part is None or polarity == "ja":
        return
    explained = (
        bool(j.has("reason"))
        or bool(j.kinds("reference"))
        or len(j.prep.sentences) >= 2
        or bool(re.match(r"\W*nein\b\W+\w+\W+\w+", j.prep.blanked, re.IGNORECASE))
    )
    if not explained:
        j.add_negative(
            "reason_missing",
            "Gefragt war auch, warum nicht („warum nicht“); die Antwort nennt keinen Grund.",
        )


def skipped_parts(j: Judge, polarity: str | None) -> None:
    """A distinct part ("…, und wie soll die Finanzierung …?") that the answer never touches."""
    if len(j.parts) < 2 or j.prep.words() > 25:
        return  # a longer answer that says something relevant is not held to every part
    answer_words = re.findall(r"[A-Za-zÄÖÜäöüß]{4,}", j.prep.blanked)
    for part in j.parts:
        if not (part.subclause or (part.condition and polarity and applies(part, polarity))):
            continue
        if set(part.asks) & {"date", "number", "actor", "yes_no", "reason"}:
            continue  # checked by what it asks for
        own = stems(part.text)
        for other in j.parts:
            if other is not part:
                own -= stems(other.text)
        words = [w for w in re.findall(r"[A-Za-zÄÖÜäöüß]{5,}", part.text) if stem(w) in own]
        if words and not any(mentions(w, answer_words) for w in words):
            phrase = " ".join(part.text.split()[:6]) + " …"
            j.add_negative(
                "part_skipped",
                f"Ein eigener Teil der Frage („{phrase}“) wird nicht beantwortet.",
            )
            return


def talking_around(j: Judge, satisfied: dict[str, bool]) -> None:
    """A yes/no question about something ("Gibt es eine Ansprechperson …?") that the answer
    neither affirms nor denies and does not even name."""
    if j.negative or satisfied.get("yes_no", True) or j.kinds(*EVASIVE):
        return
    answer_words = re.findall(r"[A-Za-zÄÖÜäöüß]{4,}", j.prep.blanked)
    for part in j.parts:
        if not part.yes_no_clause or part.condition:
            continue
        terms = key_terms(part.yes_no_clause)
        if terms and not any(mentions(t, answer_words) for t in terms):
            j.add_negative(
                "yes_no_missing",
                f"Gefragt war ein Ja oder Nein („{yes_no_phrase(j)}“); die Antwort legt sich "
                f"nicht fest und spricht von „{terms[0]}“ gar nicht.",
            )
            return
