"""Letter layouts beyond "Zu 1." blocks: markers inside a line, Roman numerals, other numbering
than the inquiry's, questions repeated without numbers, tables and trailing footnotes."""

from __future__ import annotations

from datetime import date

import pytest

from anfrage_desk.segment import ParsedQuestion, split_letter, split_questions

THREE = (
    ParsedQuestion("1", "Wie viele Anträge wurden im Jahr 2023 gestellt?"),
    ParsedQuestion("2", "Wie lange dauerte die Bearbeitung im Durchschnitt?"),
    ParsedQuestion("3", "Welche Maßnahmen plant die Verwaltung zur Beschleunigung?"),
)


def answers(letter: str, questions: tuple[ParsedQuestion, ...] | None = None) -> dict[str, str]:
    split = split_letter(letter, questions)
    return {it.label: it.answer or "" for it in split.items}


def test_markers_inside_one_line_of_a_mail() -> None:
    letter = (
        "Sehr geehrte Frau Hölzl,\n\nvielen Dank für Ihre Anfrage, die ich gern beantworte. "
        "Zu 1: Es wurden 412 Anträge gestellt. Zu 2: Im Mittel 3,1 Monate. "
        "Zu 3: Die Anträge werden ab 2025 digital eingereicht.\n\nViele Grüße\nBrandl\n"
    )
    got = answers(letter, THREE)
    assert got["1"] == "Es wurden 412 Anträge gestellt."
    assert got["2"] == "Im Mittel 3,1 Monate."
    assert got["3"].startswith("Die Anträge werden ab 2025")


def test_a_reference_inside_a_sentence_does_not_cut_the_answer() -> None:
    letter = (
        "Zu 1:\nEs wurden 412 Anträge gestellt, vgl. Zu 2: unten.\n\n"
        "Zu 2:\nIm Mittel 3,1 Monate.\n\nZu 3:\nDigitale Anträge ab 2025.\n"
    )
    got = answers(letter, THREE)
    assert got["1"] == "Es wurden 412 Anträge gestellt, vgl. Zu 2: unten."


def test_roman_numerals_in_inquiry_and_letter() -> None:
    inquiry = (
        "I. Wie viele Anträge wurden im Jahr 2023 gestellt?\n\n"
        "II. Wie lange dauerte die Bearbeitung im Durchschnitt?\n\n"
        "III. Welche Maßnahmen plant die Verwaltung?\n\n"
        "IV. Wenn ja, ab wann?\n"
    )
    questions = tuple(split_questions(inquiry))
    assert [q.label for q in questions] == ["I", "II", "III", "IV"]
    letter = (
        "Zu I.:\nEs wurden 412 Anträge gestellt.\n\nZu II.:\nIm Mittel 3,1 Monate.\n\n"
        "Zu III. und IV.:\nDigitale Anträge ab 2025.\n"
    )
    got = answers(letter, questions)
    assert got["II"] == "Im Mittel 3,1 Monate."
    assert got["III"] == got["IV"] == "Digitale Anträge ab 2025."
    # the letter's own numbering, no inquiry at hand
    assert list(answers(letter)) == ["I", "II", "III", "IV"]


def test_lettered_inquiry_answered_under_numbers_is_mapped_by_order() -> None:
    questions = tuple(
        ParsedQuestion(lab, q.text) for lab, q in zip(("a", "b", "c"), THREE, strict=True)
    )
    letter = (
        "Namens des Bezirksamtes beantworte ich die Anfrage wie folgt:\n\n"
        "1. Es wurden 412 Anträge gestellt.\n\n2. Im Mittel 3,1 Monate.\n\n"
        "3. Die Anträge werden ab 2025 digital eingereicht.\n"
    )
    got = answers(letter, questions)
    assert got == {
        "a": "Es wurden 412 Anträge gestellt.",
        "b": "Im Mittel 3,1 Monate.",
        "c": "Die Anträge werden ab 2025 digital eingereicht.",
    }
    assert not any(it.sure for it in split_letter(letter, questions).items)
    assert all(it.sure for it in split_letter(letter, THREE).items)  # labels match: no guess


def test_no_mapping_by_order_when_the_counts_differ() -> None:
    questions = tuple(
        ParsedQuestion(lab, q.text) for lab, q in zip(("a", "b", "c"), THREE, strict=True)
    )
    letter = "1. Es wurden 412 Anträge gestellt.\n\n2. Im Mittel 3,1 Monate.\n"
    split = split_letter(letter, questions)
    assert all(it.answer is None for it in split.items)


def test_questions_repeated_without_numbers() -> None:
    letter = (
        "Sehr geehrte Damen und Herren,\n\nzu Ihren Fragen nehme ich wie folgt Stellung:\n\n"
        "Wie viele Anträge wurden im Jahr 2023 gestellt?\n\nEs wurden 412 Anträge gestellt.\n\n"
        "Welche Maßnahmen plant die Verwaltung zur Beschleunigung?\n\n"
        "Die Anträge werden ab 2025 digital eingereicht.\n\nMit freundlichen Grüßen\n"
    )
    split = split_letter(letter, THREE)
    got = {it.label: it.answer for it in split.items}
    assert got == {
        "1": "Es wurden 412 Anträge gestellt.",
        "2": None,
        "3": "Die Anträge werden ab 2025 digital eingereicht.",
    }
    assert "Frage 2" in split.problems[0]


ANSWERS = (
    "Es wurden 412 Anträge gestellt.",
    "Die Bearbeitung dauerte im Durchschnitt 14 Tage.",
    "Die Anträge werden ab 2025 digital eingereicht.",
)


def test_a_table_from_a_pdf_number_cell_on_its_own_line() -> None:
    """A table Nr. | Frage | Antwort as PDF text: each cell on a line of its own."""
    rows = "".join(f"{q.label}\n{q.text}\n{a}\n" for q, a in zip(THREE, ANSWERS, strict=True))
    letter = "Stellungnahme der Verwaltung\n\nNr.\nFrage\nAntwort\n" + rows + "\nGez. Müller\n"
    assert answers(letter, THREE) == dict(zip("123", ANSWERS, strict=True))


def test_a_table_from_a_pdf_number_and_question_on_one_line() -> None:
    rows = "".join(f"{q.label} {q.text}\n{a}\n" for q, a in zip(THREE, ANSWERS, strict=True))
    letter = "Stellungnahme der Verwaltung\n\n" + rows + "\nMit freundlichen Grüßen\n"
    assert answers(letter, THREE) == dict(zip("123", ANSWERS, strict=True))


@pytest.mark.parametrize(
    "rows",
    [
        "".join(f"Zu Ihrer Frage {q.label}:\n{a}\n\n" for q, a in zip(THREE, ANSWERS, strict=True)),
        "".join(f"Antwort {q.label}:\n{a}\n\n" for q, a in zip(THREE, ANSWERS, strict=True)),
        # question and answer on one line, with and without the number
        "".join(
            f"Frage {q.label}) {q.text} Antwort: {a}\n" for q, a in zip(THREE, ANSWERS, strict=True)
        ),
        "".join(f"{q.text} {a}\n\n" for q, a in zip(THREE, ANSWERS, strict=True)),
    ],
    ids=["zu-ihrer-frage", "antwort-n", "inline-antwort", "question-and-answer-on-one-line"],
)
def test_more_ways_to_head_an_answer(rows: str) -> None:
    letter = "Sehr geehrte Damen und Herren,\n\n" + rows + "\nMit freundlichen Grüßen\n"
    assert answers(letter, THREE) == dict(zip("123", ANSWERS, strict=True))


def test_part_numbers_under_a_lettered_heading() -> None:
    questions = (
        ParsedQuestion("A", "Wie viele Schüler nutzen die Schülerbeförderung?"),
        ParsedQuestion("B1", "Wie hoch ist der Eigenanteil der Eltern?"),
        ParsedQuestion("B2", "Wie viele Familien haben eine Erstattung beantragt?"),
    )
    letter = (
        "A) Wie viele Schüler nutzen die Schülerbeförderung?\n\nAntwort:\n14.870.\n\n"
        "B) Zum Schülerticket:\n\n1. Wie hoch ist der Eigenanteil der Eltern?\n\n"
        "Antwort:\n28,50 Euro im Monat.\n\n"
        "2. Wie viele Familien haben eine Erstattung beantragt?\n\nAntwort:\n612.\n"
    )
    assert answers(letter, questions) == {
        "A": "14.870.",
        "B1": "28,50 Euro im Monat.",
        "B2": "612.",
    }


def test_word_table_keeps_its_rows() -> None:
    letter = (
        "Zu 1.\n\nDie Zahlen ergeben sich aus der Übersicht:\n\n"
        "Jahr\tAnträge\tpositiv\n2022\t1.184\t412\n2023\t1.562\t587\n\n"
        "Die übrigen Verfahren laufen noch.\n\nZu 2.\n\nIm Mittel 3,1 Monate.\n"
    )
    got = answers(letter)
    assert "Jahr | Anträge | positiv\n2022 | 1.184 | 412\n2023 | 1.562 | 587" in got["1"]
    assert got["1"].endswith("Die übrigen Verfahren laufen noch.")


def test_pdf_text_with_tabs_between_words_is_no_table() -> None:
    letter = (
        "Zu\t1.\nEs\twurden\t412\tAnträge\tgestellt.\nDas\tsind\tmehr\tals\t2022.\n\n"
        "Zu\t2.\nIm\tMittel\t3,1\tMonate.\n"
    )
    assert answers(letter)["1"] == "Es wurden 412 Anträge gestellt. Das sind mehr als 2022."


def test_tab_after_a_list_number_is_no_table() -> None:
    letter = "1.\tWie viele Anträge?\nEs wurden 412.\n\n2.\tWie lange?\nDrei Monate.\n"
    got = answers(letter)
    assert got == {"1": "Es wurden 412.", "2": "Drei Monate."}


def test_footnotes_at_the_very_end_leave_the_last_answer() -> None:
    letter = (
        "Zu 1.\nEs wurden 412 Anträge gestellt.1\n\n"
        "Zu 2.\nIm Mittel 3,1 Monate.2 Die Zeit davor wird nicht erfasst.\n\n"
        "1 Quelle: Landesverwaltungsamt, Stand März 2024.\n"
        "2 Vgl. Drucksache 8/977,\nAntwort zu Frage 4.\n"
    )
    got = answers(letter)
    assert got["2"] == "Im Mittel 3,1 Monate.2 Die Zeit davor wird nicht erfasst."
    superscript = letter.replace(".1\n", ".¹\n").replace(".2 Die", ".² Die")
    superscript = superscript.replace("\n1 Quelle", "\n¹ Quelle").replace("\n2 Vgl", "\n² Vgl")
    assert answers(superscript)["2"].endswith("wird nicht erfasst.")


def test_numbered_lines_at_the_end_without_references_stay() -> None:
    letter = (
        "Zu 1.\nEs wurden 412 Anträge gestellt.\n\nZu 2.\nBeteiligt sind:\n\n"
        "2 Sachbearbeiterinnen im Fachdienst\n3 Auszubildende\n"
    )
    assert answers(letter)["2"].endswith("3 Auszubildende")


def test_preamble_with_numbers_and_markdown_bold() -> None:
    letter = (
        "Sehr geehrte Damen und Herren,\n\ndie 3 Fragen beantworte ich wie folgt. Stand ist der\n"
        "1. März 2024.\n\n"
        "**1. Wie viele Anträge wurden im Jahr 2023 gestellt?**\n\nAntwort: 412.\n\n"
        "**2. Wie lange dauerte die Bearbeitung im Durchschnitt?**\n\nAntwort: 3,1 Monate.\n\n"
        "## Zu Frage 3\n\nDigitale Anträge ab 2025.\n"
    )
    assert answers(letter, THREE) == {
        "1": "412.",
        "2": "3,1 Monate.",
        "3": "Digitale Anträge ab 2025.",
    }


def test_answer_dates_of_a_mail_and_a_senate_communication() -> None:
    mail = "Von: Rathaus\nGesendet: Dienstag, 3. September 2024 10:12\nAn: Fraktion\n\nZu 1: Ja.\n"
    assert split_letter(mail).meta.date == date(2024, 9, 3)
    senate = "Mitteilung des Senats vom 9. Juli 2024\n\nZu 1.\nJa.\n"
    assert split_letter(senate).meta.date == date(2024, 7, 9)


def test_signature_under_the_last_question_is_not_part_of_it() -> None:
    inquiry = (
        "1. Wie viele Anträge?\n2. Wie lange dauerte es?\n\nFür die SPD-Fraktion\nAndrea Kühn\n"
    )
    assert split_questions(inquiry)[-1].text == "Wie lange dauerte es?"


def test_answer_headings_win_over_the_quoted_question_list() -> None:
    """A Landtag answer quotes the inquiry as a list, then answers under "Zu Frage N"."""
    from anfrage_desk.segment import ParsedQuestion, split_letter

    letter = (
        "Die Kleine Anfrage hat folgenden Wortlaut:\n\n"
        "1. Wie viele Anträge gab es 2023?\n"
        "2. Wann wird entschieden?\n\n"
        "Das Ministerium hat wie folgt beantwortet:\n\n"
        "Zu Frage 1:\nEs gab 187 Anträge.\n\n"
        "Zu Frage 2:\nDie Entscheidung fällt im Mai 2024.\n"
    )
    questions = [
        ParsedQuestion("1", "Wie viele Anträge gab es 2023?"),
        ParsedQuestion("2", "Wann wird entschieden?"),
    ]
    items = split_letter(letter, questions).items
    assert [i.answer for i in items] == [
        "Es gab 187 Anträge.",
        "Die Entscheidung fällt im Mai 2024.",
    ]
    assert all(not i.joint_with for i in items)
