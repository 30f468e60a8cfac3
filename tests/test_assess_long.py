"""Assessment stays linear in the answer's length: generated letters of about 1 MB.

Issue 16, point 8: a 0.8 MB letter full of figures took 94 s (``assess/evidence.py`` scans
the text again for every number). Measured on this branch: 50 000 characters 0.8 s,
100 000 2.6 s, 200 000 10.5 s, i.e. quadratic. Speed itself belongs to ``make bench``; here a
~1 MB letter (just below ``MAX_LETTER_CHARS``) must be analysed within pytest-timeout's limit,
which a linear assessment meets many times over and a quadratic one cannot (~4 minutes).

Date spans are searched by bisection and phrase patterns run only where their words occur,
so the assessment is linear again.
"""

from __future__ import annotations

import os
import random

import pytest

from anfrage_desk.model import Question, Verdict
from anfrage_desk.services.answers import MAX_LETTER_CHARS, analyze_text

TARGET_CHARS = int(os.environ.get("LONG_LETTER_CHARS", str(MAX_LETTER_CHARS - 50_000)))

SENTENCES = [
    "Im Jahr {y} wurden {n} Euro für {k} Maßnahmen ausgegeben. ",
    "Am {d}.{m}.{y} lag der Anteil bei {k},{m} % ({n} von {n2} Fällen). ",
    "Die Strecke misst {n} Meter; {k} Abschnitte sind bis {y} fertig. ",
    "Eine konkrete Zeitplanung kann derzeit nicht benannt werden. ",
    "Siehe hierzu die Antwort zu Frage 2. ",
    "Zuständig ist der Fachbereich {k} (Tel. 0231 {n}). ",
    "{n}\t{n2}\t{k}\t{y}\n",
    "- {k} Stellen im Jahr {y}, davon {m} unbesetzt\n",
    "Nein. ",
    "Die Verwaltung prüft derzeit, ob eine Umsetzung bis {y} möglich ist. ",
]


def _letter(templates: list[str], seed: int) -> str:
    """Repeat the drawn sentences with changing figures up to TARGET_CHARS."""
    parts: list[str] = []
    size = 0
    i = seed
    while size < TARGET_CHARS:
        template = templates[i % len(templates)]
        text = template.format(
            y=2000 + i % 31,
            n=(i * 7919) % 100_000,
            n2=(i * 104_729) % 1_000_000,
            k=1 + i % 500,
            d=1 + i % 28,
            m=1 + i % 12,
        )
        if i % 97 == 0:
            text += "\n\n"
        parts.append(text)
        size += len(text)
        i += 1
    return (
        "Stadt Musterstadt\nDer Oberbürgermeister\n15.05.2024\n\n"
        "Zu 1:\n" + "".join(parts) + "\n\nZu 2:\nNein, ein Plan liegt nicht vor.\n"
    )


QUESTIONS = [
    Question(None, "1", "Wie viel Geld wurde wann für welche Maßnahmen ausgegeben?"),
    Question(None, "2", "Gibt es einen Plan?"),
]


@pytest.mark.timeout(60, method="signal")
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_letter_of_a_megabyte_is_assessed(seed: int) -> None:
    """Generated letters (a random mix of the sentence kinds per seed): every one is split and
    assessed, with reasons whose spans lie inside the answer, well within the timeout."""
    chooser = random.Random(seed)
    templates = chooser.sample(SENTENCES, chooser.randint(1, len(SENTENCES)))
    letter = _letter(templates, chooser.randint(0, 10_000))
    assert TARGET_CHARS <= len(letter) <= MAX_LETTER_CHARS
    analysis = analyze_text(letter, QUESTIONS)
    items = {item.label: item for item in analysis.items}
    assert set(items) == {"1", "2"}
    first = items["1"]
    assert first.answer is not None and len(first.answer) >= TARGET_CHARS * 0.9
    assert first.verdict in set(Verdict)
    for reason in first.reasons:
        assert 0 <= reason.start <= reason.end <= len(first.answer)
    assert items["2"].verdict == Verdict.CLEAR
