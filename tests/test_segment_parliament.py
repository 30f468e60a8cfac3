"""Layouts of parliamentary answers and free-form council letters, built in the tests.

Joint answers announced below questions printed out of order, the Drucksache transmittal
footer, categories inside a question, hierarchical numbering, stems that ask nothing, letters
without numbers (topic sections, answers in order, one joint answer), bullet questions and
requests phrased as statements.
"""

from __future__ import annotations

import pytest

from anfrage_desk.segment import ParsedQuestion, parse_inquiry, split_letter, split_questions
from anfrage_desk.segment.spans import norm


def answers(letter: str, questions: tuple[ParsedQuestion, ...] | None = None) -> dict[str, str]:
    return {it.label: it.answer or "" for it in split_letter(letter, questions).items}


BUNDESTAG = """Antwort
der Bundesregierung
 1. Wie viele Anträge wurden 2024 gestellt?
Es wurden 412 Anträge gestellt.
 2. Welche Behörden haben die Anträge bearbeitet?
 5. Welche Kosten sind den Behörden dabei entstanden?
Die Fragen 2 und 5 werden gemeinsam beantwortet.
Die Anträge bearbeitete das Bundesamt; Kosten
Die Antwort wurde namens der Bundesregierung mit Schreiben des Bundesministeriums des Innern
vom 4. August 2025 übermittelt.
Die Drucksache enthält zusätzlich – in kleinerer Schrifttype – den Fragetext.
wurden nicht gesondert erfasst.
 3. Liegen der Bundesregierung Erkenntnisse vor, in wie vielen Fällen Anträge
a) abgelehnt,
b) zurückgenommen oder
c) nicht beschieden
wurden (bitte nach Ländern aufschlüsseln)?
Der Bundesregierung liegen keine Erkenntnisse im Sinne der Fragestellung vor.
 4. Plant die Bundesregierung eine Änderung des Verfahrens?
Nein.
 6. Wann wird das neue Portal freigeschaltet?
Das Portal wird im ersten Quartal 2026 freigeschaltet.
Gesamtherstellung: H. Heenemann GmbH & Co. KG, Buch- und Offsetdruckerei, 12103 Berlin
ISSN 0722-8333
"""


def test_joint_answer_to_questions_printed_out_of_order() -> None:
    split = split_letter(BUNDESTAG)
    got = {it.label: it for it in split.items}
    assert [it.label for it in split.items] == ["1", "2", "5", "3", "4", "6"]
    assert got["2"].answer == got["5"].answer
    assert got["2"].answer is not None
    assert got["2"].answer.startswith("Die Anträge bearbeitete das Bundesamt")
    assert "gemeinsam beantwortet" not in got["2"].answer
    assert "Welche Kosten" not in got["2"].answer  # question 5 is no part of the answer
    assert got["2"].joint_with == ("5",) and got["5"].joint_with == ("2",)
    assert got["6"].answer == "Das Portal wird im ersten Quartal 2026 freigeschaltet."


def test_each_question_of_a_joint_group_keeps_its_own_printed_text() -> None:
    """The assessment reads what each question asks: question 2 of the joint group 2/5 asks for
    authorities, 5 for costs; question 3 keeps its categories and the "bitte …" demand."""
    got = {it.label: it.question for it in split_letter(BUNDESTAG).items}
    assert got["2"] == "Welche Behörden haben die Anträge bearbeitet?"
    assert got["5"] == "Welche Kosten sind den Behörden dabei entstanden?"
    assert got["3"] is not None
    assert got["3"].startswith("Liegen der Bundesregierung Erkenntnisse vor")
    assert "b) zurückgenommen" in got["3"] and got["3"].endswith("aufschlüsseln)?")


def test_transmittal_footer_and_imprint_are_no_answer_text() -> None:
    got = answers(BUNDESTAG)
    assert "namens der Bundesregierung" not in got["2"]
    assert "Schrifttype" not in got["2"]
    assert got["2"].endswith("Kosten wurden nicht gesondert erfasst.")
    assert "Heenemann" not in got["6"] and "ISSN" not in got["6"]


def test_categories_inside_a_question_are_one_item() -> None:
    got = answers(BUNDESTAG)
    assert "3a" not in got and "3b" not in got
    assert (
        got["3"] == "Der Bundesregierung liegen keine Erkenntnisse im Sinne der Fragestellung vor."
    )


def test_categories_the_letter_refers_to_stay_items() -> None:
    letter = BUNDESTAG.replace(
        "Nein.", "Nein. Die Zahlen zu Frage 3a liegen nicht vor, siehe oben."
    )
    got = answers(letter)
    assert got["3a"] == got["3b"] == got["3c"]
    assert got["3a"].startswith("Der Bundesregierung liegen keine Erkenntnisse")


def test_spans_point_at_the_answers_in_the_given_text() -> None:
    split = split_letter(BUNDESTAG)
    for item in split.items:
        assert item.span is not None and item.answer is not None
        start, end = item.span
        assert norm(BUNDESTAG[start:end]).startswith(norm(item.answer)[:12])
        assert norm(BUNDESTAG[start:end]).endswith(norm(item.answer)[-12:])
    joint = {it.label: it.span for it in split.items}
    assert joint["2"] == joint["5"]


def test_hierarchical_numbers_keep_their_dots() -> None:
    inquiry = parse_inquiry(
        "Anfrage\n\n1. Wie ist der Stand des Ausbaus?\n\n"
        "2. Hat die Stadt eigene Pläne für den Ausbau?\n\n"
        "2.1. Falls ja, welche Vorteile sieht die Verwaltung?\n\n"
        "2.2. Welche Gebäude sollen dafür genutzt werden?\n\n"
        "3. Wie werden die Bürger beteiligt?\n\nBegründung:\nWeil es wichtig ist.\n"
    )
    assert [q.label for q in inquiry.questions] == ["1", "2", "2.1", "2.2", "3"]
    letter = (
        "1. Wie ist der Stand des Ausbaus?\n\nDer Ausbau ist zu 60 % abgeschlossen.\n\n"
        "2. Hat die Stadt eigene Pläne für den Ausbau?\n\nNein, der Ausbau ist Sache der Netzbetreiber.\n\n"
        "2.1 Falls ja, welche Vorteile sieht die Verwaltung?\n\nSchnellere Netze für Betriebe.\n\n"
        "2.2 Welche Gebäude sollen dafür genutzt werden?\n\nKeine.\n\n"
        "3. Wie werden die Bürger beteiligt?\n\nEine Beteiligung ist nicht vorgesehen.\n"
    )
    got = answers(letter, inquiry.questions)
    assert got["2"] == "Nein, der Ausbau ist Sache der Netzbetreiber."
    assert got["2.1"] == "Schnellere Netze für Betriebe."
    assert got["2.2"] == "Keine."
    assert got["3"] == "Eine Beteiligung ist nicht vorgesehen."


def test_parts_under_a_stem_that_asks_nothing() -> None:
    inquiry = parse_inquiry(
        "Anfrage\n\n1. Wurde an den Maßnahmen weitergearbeitet?\n"
        "2. Der Bebauungsplan sah eine Verlegung der Straße vor:\n"
        "a. Wird diese Planung weiter verfolgt?\nb. Wenn nein: Warum wurde sie beendet?\n"
        "3. Gibt es weitere Maßnahmen?\n\nunterzeichnet von: Fraktion\n"
    )
    assert [q.label for q in inquiry.questions] == ["1", "2a", "2b", "3"]
    letter = (
        "1. Wurde an den Maßnahmen weitergearbeitet?\n\nJa, bis 2020.\n\n"
        "2. Der Bebauungsplan sah eine Verlegung der Straße vor:\n"
        "a. Wird diese Planung weiter verfolgt?\nb. Wenn nein: Warum wurde sie beendet?\n\n"
        "Die Planung gilt weiter und ist im Bebauungsplan berücksichtigt.\n\n"
        "3. Gibt es weitere Maßnahmen?\n\nNein.\n"
    )
    split = split_letter(letter, inquiry.questions)
    got = {it.label: it for it in split.items}
    assert got["2a"].answer == got["2b"].answer
    assert got["2a"].answer == "Die Planung gilt weiter und ist im Bebauungsplan berücksichtigt."
    assert got["3"].answer == "Nein."


SSC = (
    ParsedQuestion("1", "Wieso dauert das Genehmigungsverfahren für die Sporthalle so lange?"),
    ParsedQuestion("2", "Wer kommt für die zu erwartenden Mehrkosten durch die Verzögerung auf?"),
)


def test_free_form_letter_with_topic_headings() -> None:
    letter = (
        "Stellungnahme zur Anfrage\n\nSachstand der Sporthalle\n\n"
        "Im Folgenden beantwortet die Verwaltung die Fragen in einer gemeinsamen Stellungnahme.\n\n"
        "Mehrkosten durch Verzögerung\n\n"
        "Ein Regressanspruch des Vereins gegenüber der Stadt besteht nicht, die Kosten trägt er.\n\n"
        "Dauer des Verfahrens\n\n"
        "Erst im Laufe des Verfahrens zeigte sich, dass die Lärmsituation nicht geklärt war.\n"
    )
    split = split_letter(letter, SSC)
    got = {it.label: it for it in split.items}
    assert got["1"].answer is not None and got["1"].answer.startswith("Erst im Laufe")
    assert got["2"].answer is not None and got["2"].answer.startswith("Ein Regressanspruch")
    assert not got["1"].sure and not got["2"].sure


def test_free_form_letter_without_headings_is_one_joint_answer() -> None:
    letter = (
        "Stellungnahme zur Anfrage\n\n"
        "Das Gebäude ist seit geraumer Zeit stark sanierungsbedürftig, ein Neubau ist geplant.\n\n"
        "Eine gesundheitliche Gefährdung besteht nach Kenntnis der Verwaltung nicht.\n"
    )
    split = split_letter(letter, SSC)
    assert [it.answer for it in split.items][0] == [it.answer for it in split.items][1]
    assert split.items[0].answer is not None
    assert split.items[0].answer.startswith("Das Gebäude ist seit geraumer Zeit")
    assert split.items[0].joint_with == ("2",)
    assert not split.items[0].sure


def test_numbered_letters_are_sure() -> None:
    split = split_letter(BUNDESTAG)
    assert all(it.sure for it in split.items)


def test_bullet_questions_and_requests_phrased_as_statements() -> None:
    bullets = split_questions(
        "Dazu bitten wir um Antworten auf folgende Fragen:\n\n•\nWie sieht die Stadt die "
        "Nachfolge in Arztpraxen?\n•\nGibt es hierzu Unterstützungsangebote?\n•\nGibt es "
        "Erhebungen der Stadt, die einen Trend erkennen lassen?\n"
    )
    assert [q.label for q in bullets] == ["1", "2", "3"]
    assert bullets[1].text == "Gibt es hierzu Unterstützungsangebote?"
    inquiry = parse_inquiry(
        "Vaterschaftsanerkennung\n\nDie Verwaltung wird um Auskunft darüber gebeten, wie viele "
        "Fälle von Sozialbetrug ihr bekannt sind.\n\nWelche Möglichkeiten sieht die Verwaltung, "
        "Betrugsfälle zu erkennen?\n\nSachverhalt/Begründung\n\nIm Jahr 2017 stieg die Zahl.\n"
    )
    assert [q.label for q in inquiry.questions] == ["1", "2"]
    assert inquiry.questions[0].text.startswith("Die Verwaltung wird um Auskunft")


def test_hierarchical_answer_headings_and_an_answer_echoing_its_question() -> None:
    inquiry = parse_inquiry(
        "Anfrage\n\n1.1 Wie viele Schulen gibt es im Landkreis?\n1.2 Wie viele davon sind "
        "saniert?\n2.1 Welche Mittel stehen bereit?\n2.2 Bis wann wird saniert?\n"
    )
    assert [q.label for q in inquiry.questions] == ["1.1", "1.2", "2.1", "2.2"]
    letter = (
        "Sehr geehrte Frau Präsidentin,\n\ndie Anfrage beantworte ich wie folgt:\n\n"
        "Zu 1.1:\nEs gibt 42 Schulen.\n\nZu 1.2:\nDavon sind 12 saniert.\n\n"
        "Zu 2.1 und 2.2:\nEs stehen 3 Mio. Euro bereit, bis 2030.\n\nMit freundlichen Grüßen\n"
    )
    for questions in (inquiry.questions, None):
        split = split_letter(letter, questions)
        got = {it.label: it for it in split.items}
        assert got["1.2"].answer == "Davon sind 12 saniert.", questions
        assert got["2.1"].answer == got["2.2"].answer == "Es stehen 3 Mio. Euro bereit, bis 2030."
        assert got["2.1"].joint_with == ("2.2",)


SCHOOLS = (
    ParsedQuestion("1", "Wie viele Schulen gibt es im Landkreis?"),
    ParsedQuestion("2", "Wie viele davon sind saniert?"),
    ParsedQuestion("3", "Bis wann wird saniert?"),
)
LAYOUTS = {
    "Frage/Antwort headings": (
        "Frage 1\n\nWie viele Schulen gibt es im Landkreis?\n\nAntwort\n\nEs gibt 42 Schulen.\n\n"
        "Frage 2\n\nWie viele davon sind saniert?\n\nAntwort\n\nZwölf.\n\n"
        "Frage 3\n\nBis wann wird saniert?\n\nAntwort\n\nBis 2030.\n"
    ),
    "questions repeated before 'Zu 2. und 3.:'": (
        "1. Wie viele Schulen gibt es im Landkreis?\n\nZu 1.:\n\nEs gibt 42 Schulen.\n\n"
        "2. Wie viele davon sind saniert?\n\n3. Bis wann wird saniert?\n\nZu 2. und 3.:\n\n"
        "Die Fragen 2 und 3 werden aufgrund des Sachzusammenhangs gemeinsam beantwortet.\n\n"
        "Zwölf sind saniert, der Rest bis 2030.\n"
    ),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("with_questions", [True, False])
def test_common_parliament_layouts(layout: str, with_questions: bool) -> None:
    got = answers(LAYOUTS[layout], SCHOOLS if with_questions else None)
    assert got["1"] == "Es gibt 42 Schulen."
    if layout.startswith("Frage"):
        assert (got["2"], got["3"]) == ("Zwölf.", "Bis 2030.")
    else:
        assert got["2"] == got["3"] == "Zwölf sind saniert, der Rest bis 2030."


def test_heading_for_all_questions_is_no_part_of_the_joint_answer() -> None:
    letter = (
        "Sehr geehrter Herr Müller,\n\nzu Ihren Fragen nehme ich wie folgt Stellung:\n\n"
        "Zu allen 3 Fragen:\nEs gibt 42 Schulen, zwölf sind saniert, der Rest folgt bis 2030.\n\n"
        "Mit freundlichen Grüßen\n"
    )
    got = answers(letter, SCHOOLS)
    assert got["1"] == got["2"] == got["3"]
    assert got["1"] == "Es gibt 42 Schulen, zwölf sind saniert, der Rest folgt bis 2030."


def test_category_lines_without_punctuation_stay_with_their_question() -> None:
    letter = (
        "1. Wie hoch ist der Krankenstand?\n\nEr liegt bei 12 %.\n\n"
        "2. Wie viele Touren entfielen wegen des Krankenstands?\n\n"
        "a) insgesamt mit Nachleerung\nb) insgesamt ohne Nachleerung\nc) Biotonne mit Nachleerung\n\n"
        "Konkrete Zahlen zu den Nachleerungen liegen nicht vor.\n\n"
        "3. Welche Technik setzt das Amt ein?\n\nDie jeweils neueste.\n"
    )
    got = answers(letter)
    assert sorted(got) == ["1", "2", "3"]
    assert got["2"] == "Konkrete Zahlen zu den Nachleerungen liegen nicht vor."
