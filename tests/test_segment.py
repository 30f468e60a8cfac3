"""Splitting of inquiries and answer letters (anfrage_desk.segment)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from anfrage_desk.segment import (
    NO_ITEMS_PROBLEM,
    ParsedQuestion,
    normalize_label,
    parse_date,
    parse_inquiry,
    split_letter,
    split_questions,
)
from anfrage_desk.textclean import clean_text

SAMPLE = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
SAMPLE_LETTER = SAMPLE / "kreis-recklinghausen-antwort-2024-05-15.txt"

KI_INQUIRY = """Strategie zur Künstlichen Intelligenz

Die Kreisverwaltung hat im Ausschuss über erste Überlegungen zur KI berichtet.

1. In welcher Projektphase bzw. Entwicklungsphase befindet sich die Kreisverwaltung beim Einführungsprozess?
2. Gibt es bereits ein dezidiertes Gesamtkonzept zur Einführung und Nutzung der unterschiedlichen Möglichkeiten von KI?
3. Falls ja, was sind die Inhalte dieses Gesamtkonzeptes?
Falls nein, bis wann soll ein entsprechendes Gesamtkonzept erstellt sein?
4. Wie ist die Zeitplanung für die bereits berichteten „Überlegungen zur KI“?
5. Wer könnte federführend neben dem Kreisdirektor für das „Gesamtkonzept KI“ verantwortlich sein?
6. Gibt es ein Team für Einführung und Nutzung von KI, falls ja, mit welcher Besetzung und Zuständigkeit?
"""


def test_normalize_label() -> None:
    assert normalize_label("2.a)") == "2a"
    assert normalize_label("Frage 3:") == "3"
    assert normalize_label("3 a)") == "3a"
    assert normalize_label("1.)") == "1"
    assert normalize_label("G1") == "G1"
    assert normalize_label("A.") == "A"
    assert normalize_label("Zu Frage 12") == "12"


def test_parse_date_forms() -> None:
    assert parse_date("vom 6. Februar 2015") == date(2015, 2, 6)
    assert parse_date("am 15.10.2019 eingegangen") == date(2019, 10, 15)
    assert parse_date("3. März 2026") == date(2026, 3, 3)
    assert parse_date("berichtete am 25.10.19") == date(2019, 10, 25)
    assert parse_date("kein Datum, nur 2019/1302") is None
    assert parse_date("31.02.2024") is None


def test_clean_text_removes_junk_and_normalises() -> None:
    raw = "A\x00b\x07c\r\nd\re\u00a0f\u00adg\ud800h\ufffei\ufeffj\tk\x0cl"
    assert clean_text(raw) == "Abc\nd\ne fghij\tk\nl"
    assert clean_text("") == ""
    big = ("Zeile mit Text \x01 und\u00a0mehr\r\n" * 350_000)[: 10 * 1024 * 1024]
    out = clean_text(big)
    assert "\x01" not in out and "\r" not in out and "\u00a0" not in out


def test_parse_plain_user_file() -> None:
    inquiry = parse_inquiry(KI_INQUIRY)
    assert inquiry.title == "Strategie zur Künstlichen Intelligenz"
    assert inquiry.preamble.startswith("Die Kreisverwaltung hat im Ausschuss")
    assert [q.label for q in inquiry.questions] == ["1", "2", "3", "4", "5", "6"]
    q3 = inquiry.questions[2].text
    assert "Falls ja" in q3 and "Falls nein" in q3


def test_split_questions_mixed_markers_and_sub_items() -> None:
    text = (
        "Wir bitten um Auskunft zu folgenden Punkten:\n\n"
        "1. Wie viele Anträge gingen 2023 ein?\n"
        "2) Wie viele wurden bewilligt? Falls nicht alle, warum\n"
        "nicht?\n\n"
        "Falls nein, bis wann ist mit einer Entscheidung zu rechnen?\n"
        "3. Zu den Kosten:\n"
        "a) Wie hoch waren die Kosten 2023?\n"
        "b) Wer trägt die Kosten?\n"
        "4. Wie viele Wohnungen wurden gebaut?\n"
        "a) Von privaten Anbietern?\n"
        "b) Von der Wohnungsbaugesellschaft?\n"
    )
    questions = split_questions(text)
    assert [q.label for q in questions] == ["1", "2", "3a", "3b", "4"]
    assert "Falls nein" in questions[1].text  # multi-paragraph question stays one
    assert "Von privaten Anbietern" in questions[4].text  # category list is one question
    assert not any("Wir bitten" in q.text for q in questions)


def test_split_questions_frage_style_and_hyphenation() -> None:
    text = (
        "Frage 1: Wie ist der Stand der Ertüchti-\ngung der Brücke?\nFrage 2: Wann beginnt der Bau?"
    )
    questions = split_questions(text)
    assert [q.label for q in questions] == ["1", "2"]
    assert questions[0].text == "Wie ist der Stand der Ertüchtigung der Brücke?"


def test_parse_inquiry_stops_at_begruendung_and_signature() -> None:
    text = (
        "Sicherheit auf Schulwegen\n\n1. Wie viele Unfälle gab es 2023 auf Schulwegen?\n\n"
        "2. Welche Maßnahmen sind geplant?\n\nBegründung:\nEltern sind besorgt. Gibt es "
        "überhaupt ein Konzept?\n\nunterzeichnet von:\nErika Muster\n"
    )
    inquiry = parse_inquiry(text)
    assert [q.text for q in inquiry.questions] == [
        "Wie viele Unfälle gab es 2023 auf Schulwegen?",
        "Welche Maßnahmen sind geplant?",
    ]


@pytest.mark.skipif(not SAMPLE_LETTER.exists(), reason="Beispielbrief ../shared/samples fehlt")
@pytest.mark.parametrize("with_questions", [False, True])
def test_sample_letter(with_questions: bool) -> None:
    questions = parse_inquiry(KI_INQUIRY).questions if with_questions else None
    result = split_letter(SAMPLE_LETTER.read_text(encoding="utf-8"), questions)
    assert [it.label for it in result.items] == ["1", "2", "3", "4", "5", "6"]
    assert result.problems == ()
    items = {it.label: it for it in result.items}
    if not with_questions:
        q3 = items["3"].question or ""
        assert q3.startswith("Falls ja, was sind die Inhalte") and "Falls nein, bis wann" in q3
    assert items["3"].answer is not None
    assert items["3"].answer.startswith("Eine konkrete Zeitplanung kann aktuell nicht benannt")
    assert "die sich aufgrund der Arbeitsprozesse" in items["3"].answer
    assert items["4"].answer == "Siehe Antwort zu 3."
    assert items["2"].answer is not None and items["2"].answer.startswith("Nein, ein Gesamtkonzept")
    assert items["6"].answer is not None
    assert items["6"].answer.endswith("„Koordination der Verwaltungsdigitalisierung“.")
    assert all("Grüßen" not in (it.answer or "") for it in result.items)
    assert all("Ihre Anfrage" not in (it.answer or "") for it in result.items)
    assert result.meta.date == date(2024, 5, 15)
    assert result.meta.refers_to_date == date(2024, 4, 29)
    assert result.meta.sender == "Kreis Recklinghausen · Der Landrat"


QUESTIONS = tuple(
    ParsedQuestion(str(i), t)
    for i, t in enumerate(
        [
            "Wie viele Kilometer Radweg wurden 2023 gebaut?",
            "Welche Mittel stehen 2024 zur Verfügung?",
            "Wann wird die Ertüchtigung der Brücke an der K 12 abgeschlossen?",
            "Wer ist für die Planung zuständig?",
        ],
        start=1,
    )
)


def test_zu_style_missing_answer_furniture_and_closing() -> None:
    letter = (
        "Landkreis Musterland\nDer Landrat\n\nMusterstadt, 18.04.2024\n\n"
        "Ihr Schreiben vom 04.03.2024\n\nSehr geehrte Damen und Herren,\n\n"
        "Vorbemerkung: Der Kreis hat 2021 ein Radverkehrskonzept beschlossen.\n\n"
        "Zu 1:\nEs wurden 7,4 Kilometer gebaut. Der Abstim-\nmungsprozess mit dem Bund-\n"
        "Länder-Ausschuss ist abgeschlossen.\n\n"
        "Seite 2 von 3\n\n"
        "Zu 2:\nIm Haushalt stehen 1,85 Mio. Euro bereit.\n\n- 3 -\n\n"
        "Zu 4:\nZuständig ist das Amt für Mobilität.\n\n"
        "Mit freundlichen Grüßen\nIn Vertretung\nMaria Muster\n"
    )
    result = split_letter(letter, QUESTIONS)
    items = {it.label: it for it in result.items}
    assert [it.label for it in result.items] == ["1", "2", "3", "4"]
    assert items["1"].answer == (
        "Es wurden 7,4 Kilometer gebaut. Der Abstimmungsprozess mit dem Bund-Länder-Ausschuss "
        "ist abgeschlossen."
    )
    assert items["2"].answer == "Im Haushalt stehen 1,85 Mio. Euro bereit."
    assert items["3"].answer is None
    assert items["4"].answer == "Zuständig ist das Amt für Mobilität."
    assert any("Frage 3" in p for p in result.problems)
    assert result.meta.date == date(2024, 4, 18)
    assert result.meta.refers_to_date == date(2024, 3, 4)


def test_repeated_questions_with_other_line_breaks_and_joint_group() -> None:
    letter = (
        "1. Wie viele Kilometer Rad-\nweg wurden 2023 gebaut?\n"
        "Im Jahr 2023 wurden 3,2 Kilometer gebaut.\n\n"
        "2. Welche Mittel stehen 2024\nzur Verfügung?\n\n"
        "3. Wann wird die Ertüchti-\ngung der Brücke an der K 12 abgeschlossen?\n\n"
        "Die Fragen 2 und 3 werden gemeinsam beantwortet. Für die Brücke stehen 2024 "
        "400.000 Euro bereit; die Arbeiten enden 2025.\n\n"
        "4. Wer ist für die Planung zuständig?\n\nDas Tiefbauamt.\n"
    )
    result = split_letter(letter, QUESTIONS)
    items = {it.label: it for it in result.items}
    assert items["1"].answer == "Im Jahr 2023 wurden 3,2 Kilometer gebaut."
    assert items["2"].answer == items["3"].answer
    assert items["2"].answer is not None and items["2"].answer.startswith("Für die Brücke")
    assert items["2"].joint_with == ("3",) and items["3"].joint_with == ("2",)
    assert items["4"].answer == "Das Tiefbauamt."


def test_joint_heading_and_announcement_without_marker() -> None:
    letter = (
        "Zu den Fragen 1 – 2:\nDie Angaben liegen erst Ende des Jahres vor.\n\n"
        "Zu Frage 3:\nDie Fragen 3 und 4 werden gemeinsam beantwortet. Das Tiefbauamt plant "
        "den Abschluss für 2026.\n"
    )
    result = split_letter(letter, QUESTIONS)
    items = {it.label: it for it in result.items}
    assert items["1"].answer == items["2"].answer == "Die Angaben liegen erst Ende des Jahres vor."
    assert items["1"].joint_with == ("2",)
    assert items["4"].answer == items["3"].answer
    assert items["4"].answer is not None and "2026" in items["4"].answer
    assert "3" in items["4"].joint_with


def test_no_numbering_found() -> None:
    result = split_letter("Sehr geehrte Damen und Herren,\n\nwir melden uns bald.\n", QUESTIONS)
    assert all(it.answer is None for it in result.items)
    assert NO_ITEMS_PROBLEM in result.problems
    own = split_letter("Sehr geehrte Damen und Herren,\n\nwir melden uns bald.\n")
    assert own.items == () and own.problems == (NO_ITEMS_PROBLEM,)


def test_single_question_answered_without_numbers() -> None:
    letter = (
        "Stadt Muster\nDer Oberbürgermeister\n\nSehr geehrte Frau Beispiel,\n\n"
        "zu Ihrer Anfrage teile ich Ihnen Folgendes mit:\n\n"
        "Die Stadt verfügt über 45 Künstlerateliers, die von der Wohnungsgesellschaft verwaltet "
        "werden.\n\nMit freundlichen Grüßen\nMax Muster\n"
    )
    question = (ParsedQuestion("1", "Mit welchen Maßnahmen will die Stadt Atelierraum schaffen?"),)
    result = split_letter(letter, question)
    assert result.items[0].answer is not None
    assert result.items[0].answer.startswith("Die Stadt verfügt über 45 Künstlerateliers")
    assert "Grüßen" not in result.items[0].answer


def test_landtag_document_without_questions() -> None:
    header = "Niedersächsischer Landtag – 19. Wahlperiode Drucksache 19/99999"
    letter = (
        f"{header}\n\n1\nKleine Anfrage zur schriftlichen Beantwortung\n"
        "Anfrage der Abgeordneten Erika Muster (XYZ), eingegangen am\n02.06.2026 - Drs. 19/99000,\n"
        "Antwort des Niedersächsischen Kultusministeriums namens der Landesregierung vom "
        "03.07.2026\n\nVorbemerkung der Abgeordneten\n1. Juni ist ein Stichtag.\n\n"
        "Vorbemerkung der Landesregierung\nDie Landesregierung nimmt wie folgt Stellung.\n\n"
        "1. Wie viele Lehrkräfte fehlen an Grundschulen? Falls keine Zahlen vorliegen,\n"
        "warum nicht?\nZum Stichtag fehlten 412 Lehrkräfte. Die Zahlen werden jährlich\n"
        "erhoben.1\n\n1  https://example.org/statistik\n\n"
        f"{header}\n\n2\n2. Welche Maßnahmen plant die Landesregierung?\n"
        "Siehe Antwort zu 1.\n"
        "3. Wie viele Stellen sind ausgeschrieben? Bitte nach Schulform\naufschlüsseln.\n"
        "Es sind 180 Stellen ausgeschrieben.\n\n(verteilt am 05.07.2026)\n\nAnlage\n"
        "Frage 3: Wie viele Stellen sind ausgeschrieben?\n"
    )
    result = split_letter(letter)
    items = {it.label: it for it in result.items}
    assert list(items) == ["1", "2", "3"]
    assert items["1"].question is not None and items["1"].question.endswith("warum nicht?")
    assert (
        items["1"].answer
        == "Zum Stichtag fehlten 412 Lehrkräfte. Die Zahlen werden jährlich erhoben.1"
    )
    assert items["2"].answer == "Siehe Antwort zu 1."
    assert items["3"].answer == "Es sind 180 Stellen ausgeschrieben."
    assert result.meta.date == date(2026, 7, 3)
    assert result.meta.refers_to_date == date(2026, 6, 2)
    assert result.meta.reference == "19/99999"
    assert result.meta.sender == "Niedersächsisches Kultusministerium"


def test_sub_items_under_letters_and_numbers() -> None:
    questions = (
        ParsedQuestion("A", "Gibt es ein Konzept für Urban Gardening?"),
        ParsedQuestion("A1", "Wenn ja, wie wird dafür geworben?"),
        ParsedQuestion("B", "Werden Patenschaften vergeben?"),
    )
    letter = (
        "A. Gibt es ein Konzept für Urban Gardening?\n\n1. Wenn ja, wie wird dafür\ngeworben?\n\n"
        "Ein Konzept gibt es nicht; geworben wird daher auch nicht.\n\n"
        "B. Werden Patenschaften vergeben?\n\nNein. Die rechtlichen Fragen werden geprüft:\n"
        "a. Haftung\nb. Versicherung\n"
    )
    result = split_letter(letter, questions)
    items = {it.label: it for it in result.items}
    assert items["A"].answer == items["A1"].answer
    assert items["A"].answer == "Ein Konzept gibt es nicht; geworben wird daher auch nicht."
    assert (
        items["B"].answer
        == "Nein. Die rechtlichen Fragen werden geprüft:\na. Haftung\nb. Versicherung"
    )
    assert [it.label for it in result.items] == ["A", "A1", "B"]
