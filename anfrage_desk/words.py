"""German counts in messages: "1 Anfrage", "2 Anfragen", "seit 1 Tag", "seit 3 Tagen".

Every message with a number goes through `count` (or `word`), so no "1 Anfragen" slips in.
"""

from __future__ import annotations

# singular -> plural (nominative); a caller passes another plural for the dative ("Tagen").
PLURALS = {
    "Anfrage": "Anfragen",
    "Antwort": "Antworten",
    "Eintrag": "Einträge",
    "Erinnerung": "Erinnerungen",
    "Frage": "Fragen",
    "Nachfrage": "Nachfragen",
    "Schreiben": "Schreiben",
    "Tag": "Tage",
    "Treffer": "Treffer",
}


def word(n: int, singular: str, plural: str | None = None) -> str:
    """The noun that goes with `n` (German: singular only for exactly one)."""
    if n == 1:
        return singular
    return plural if plural is not None else PLURALS.get(singular, singular + "en")


def count(n: int, singular: str, plural: str | None = None) -> str:
    """ "1 Anfrage", "0 Anfragen", "3 Tage"."""
    return f"{n} {word(n, singular, plural)}"


def verb(n: int, singular: str, plural: str) -> str:
    """ "ist"/"sind", "gehört"/"gehören" after a count."""
    return singular if n == 1 else plural
