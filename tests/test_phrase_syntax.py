"""The phrase-list syntax users write: words, gaps, endings, alternatives, optional words."""

from __future__ import annotations

import pytest

from anfrage_desk.assess.phrases import compile_line


@pytest.mark.parametrize(
    ("line", "text", "found"),
    [
        ("zu gegebener Zeit", "Dies wird zu gegebener Zeit entschieden.", True),
        ("kann … nicht benannt werden", "Eine Zahl kann derzeit nicht benannt werden.", True),
        ("kann … nicht benannt werden", "Eine Zahl kann. Sie wird nicht benannt werden.", False),
        ("kann … nicht benannt werden", "Eine Zahl kann nicht benannt werden.", True),
        ("erhob* … nicht", "Diese Daten werden erhoben, aber nicht ausgewertet.", True),
        ("wird|werden [derzeit|noch] geprüft", "Die Anträge werden derzeit geprüft.", True),
        ("wird|werden [derzeit|noch] geprüft", "Der Antrag wird geprüft.", True),
        ("wird|werden [derzeit|noch] geprüft", "Der Antrag wird nicht geprüft.", False),
        ("[noch] nicht abschließend geklärt", "Das ist nicht abschließend geklärt.", True),
        ("[noch] nicht abschließend geklärt", "Das ist noch nicht abschließend geklärt.", True),
        (
            "Prüfung|Klärung [noch] nicht abgeschlossen",
            "Die Klärung ist nicht abgeschlossen.",
            False,
        ),
        (
            "Prüfung|Klärung ist [noch] nicht abgeschlossen",
            "Die Klärung ist noch nicht abgeschlossen.",
            True,
        ),
        ("Gegenstand … Prüfung*|Beratung*", "ist Gegenstand laufender Beratungen", True),
    ],
)
def test_phrase_line(line: str, text: str, found: bool) -> None:
    assert bool(compile_line(line).search(text)) is found


def test_words_stay_words() -> None:
    pattern = compile_line("wird|werden geprüft")
    assert not pattern.search("überwird geprüft")  # "wird" inside another word
    assert not pattern.search("wird geprüfte")
