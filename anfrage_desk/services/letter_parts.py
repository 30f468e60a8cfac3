"""Parts of outgoing letters that people notice: the address field without repetitions, a
subject that says what the letter is (kind, title, Gremium, Drucksache), and the warnings
for a letter that would go out without an address or a sender."""

from __future__ import annotations

import re
from collections.abc import Iterable

from anfrage_desk.letters import LetterSpec
from anfrage_desk.textclean import clean_text

# "Der Landrat", "Die Oberbürgermeisterin", "Der Bürgermeister der Stadt X" …
_OFFICE_LINE = re.compile(r"^(der|die)\s+(\w+)", re.IGNORECASE)


def recipient_lines(office: str, name: str, address: str) -> tuple[str, ...]:
    """The address field: the authority, the person, the postal address — each line once.

    A line "Der Landrat" is dropped when the person's line already names the office
    ("Herrn Landrat Bodo Klimpel"), and a line repeated in office and address appears once.
    """
    name_lines = _lines(name)
    name_words = {w.lower() for line in name_lines for w in re.findall(r"\w+", line)}
    out: list[str] = []
    seen: set[str] = set()
    for line in [*_lines(office), *name_lines, *_lines(address)]:
        key = " ".join(line.lower().split())
        if key in seen:
            continue
        match = _OFFICE_LINE.match(line)
        if (
            match
            and line not in name_lines
            and _office_stem(match.group(2)) in {_office_stem(w) for w in name_words}
        ):
            continue
        seen.add(key)
        out.append(line)
    return tuple(out)


def _office_stem(word: str) -> str:
    """ "Landrat"/"Landrätin", "Oberbürgermeister"/"Oberbürgermeisterin" compare equal."""
    word = word.lower().replace("ä", "a")
    return word[:-2] if word.endswith("in") and len(word) > 6 else word


def _lines(text: str) -> list[str]:
    return [line.strip() for line in clean_text(text).splitlines() if line.strip()]


def subject_for(kind: str, title: str, body_name: str = "", reference: str = "") -> str:
    """ "Anfrage „Strategie zur KI“" and, on a second line, "Kreistag X, Drucksache 20/1"."""
    title = title_without_kind(kind, title).rstrip(" .")
    first = f"{kind} „{title}“" if title else kind
    return with_reference_line(first, body_name, reference)


def title_without_kind(kind: str, title: str) -> str:
    """ "Nachfrage: Radwege" -> "Radwege" where the kind is said anyway (subject, file name)."""
    title = " ".join(clean_text(title).split())
    prefix = re.match(rf"{re.escape(kind)}\s*[:–-]\s*", title, re.IGNORECASE)
    return title[prefix.end() :] if prefix else title


def with_reference_line(subject: str, body_name: str = "", reference: str = "") -> str:
    """A subject with a second line naming the Gremium and the Drucksache, where known."""
    parts = [" ".join(body_name.split())]
    if reference.strip():
        parts.append(f"Drucksache {' '.join(reference.split())}")
    second = ", ".join(p for p in parts if p)
    return f"{subject}\n{second}" if second else subject


def letter_problems(spec: LetterSpec) -> list[str]:
    """What is missing for a letter that can be sent as it is (German sentences)."""
    problems = []
    if not any(line.strip() for line in spec.recipient):
        problems.append(
            "Die Anschrift fehlt: Bitte in der Anfrage den Adressaten (Behörde, Person, "
            "Anschrift) eintragen."
        )
    if not spec.sender_line.strip():
        problems.append(
            "Der Absender fehlt: Bitte unter Extras → Einstellungen Fraktion und Anschrift "
            "eintragen."
        )
    if not _nonempty(spec.signatories):
        problems.append(
            "Niemand unterschreibt: Bitte in der Anfrage oder in den Einstellungen "
            "Unterzeichnende eintragen."
        )
    return problems


def _nonempty(values: Iterable[str]) -> bool:
    return any(v.strip() for v in values)
