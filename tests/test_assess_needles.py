"""The cheap tests in front of the phrase patterns: they skip work, never a match."""

from __future__ import annotations

import re

from anfrage_desk.assess.needles import needle_groups, needles, starting_early
from anfrage_desk.assess.phrases import Pattern, PhraseBook, compile_line

TEXTS = [
    "Die Maßnahme wird derzeit geprüft. Ergebnisse liegen nicht vor.",
    "DIE MASSNAHME WURDE BEREITS GEPRÜFT; sie ist abgeschlossen.",
    "Eine Prüfung ist nicht vorgesehen, da hierzu keine Erkenntnisse vorliegen.",
    "Siehe Antwort zu Frage 3. Im Übrigen wird auf Nr. 4 verwiesen.",
    "ſie wird geprüft",  # a long s matches "s" case-insensitively
    "",
]


def spans(regex: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in regex.finditer(text)]


def test_starting_early_finds_the_same_matches() -> None:
    for source in [
        r"\b(?:wird|werden|wurde|ist|sind)\s+(?:\w+\s+){0,3}?(?:geprüft|abgeschlossen)\b",
        r"\b(?:siehe|vgl\.)\s+(?:die\s+)?Antwort\s+zu\s+(?:Frage\s+)?(?P<ref>\d+)",
        r"(?:[0-9]+|kein\w*)\s+(?:Erkenntniss?e?|Ergebnisse)",
    ]:
        regex = re.compile(source, re.IGNORECASE)
        fast = starting_early(regex)
        assert fast is not regex and fast.pattern.startswith("(?=[")
        for text in TEXTS:
            assert spans(fast, text) == spans(regex, text)


def test_starting_early_leaves_what_it_cannot_read_alone() -> None:
    for source in [
        r"(?:noch\s+)?nicht\s+geprüft",  # optional start
        r"(?<!\w)geprüft",  # look-behind first
        r"[^\W\d]+\s+geprüft",  # negated class
        r"geprüft",  # a plain literal is found fast already
        r"(?x) \b(?:wird|ist) \s+ geprüft  # verbose, with a comment",
    ]:
        regex = re.compile(source, re.IGNORECASE)
        assert starting_early(regex) is regex


def test_a_pattern_runs_only_when_every_needle_group_is_found() -> None:
    regex = compile_line(r"re:\b(?:wird|werden)\s+(?:\w+\s+){0,3}?geprüft\b")
    assert needles(regex) == ("geprüft",)
    assert len(needle_groups(regex)) == 2  # and one of "wird", "werden" ("w" factored out)
    book = PhraseBook((Pattern.of("deferral", "wird … geprüft", regex),))
    assert [c.kind for c in book.find("Das wird derzeit geprüft.")] == ["deferral"]
    assert book.find("Das ist geprüft.") == []  # "geprüft" alone does not run it
    assert [c.kind for c in book.find("Das WİRD geprüft.")] == ["deferral"]  # "İ" matches "i"


def test_word_needles_are_found_inside_longer_words_and_others_anywhere() -> None:
    book = PhraseBook(
        (
            Pattern.of("refusal", "Angaben", compile_line("re:\\w*angaben\\b")),
            Pattern.of("reference", "Nr.", compile_line("re:\\bNr\\.\\s*(?P<ref>\\d+)")),
        )
    )
    found = book.find("Keine Detailangaben, siehe Nr. 4.")
    assert [(c.kind, c.ref) for c in found] == [("refusal", None), ("reference", "4")]
    assert book.find("Keine Angabe.") == []
