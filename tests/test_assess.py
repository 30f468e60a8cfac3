"""Assessment of answers: verdicts, reasons and spans (no Qt)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from anfrage_desk.assess import (
    Assessment,
    analyze_question,
    assess_answer,
    assess_items,
    load_phrasebook,
)
from anfrage_desk.model import Verdict

SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLE = SHARED / "samples" / "kreis-recklinghausen-antwort-2024-05-15.txt"
CORPUS = SHARED / "corpus"


@dataclass(frozen=True)
class Item:
    label: str
    question: str | None
    answer: str | None


def span_text(answer: str, assessment: Assessment, code: str) -> str:
    reason = next(r for r in assessment.reasons if r.code == code)
    return answer[reason.start : reason.end]


def codes(assessment: Assessment) -> set[str]:
    return {r.code for r in assessment.reasons}


# --- the sample letter ---------------------------------------------------------------------


def sample_items() -> list[Item]:
    if not SAMPLE.is_file():
        pytest.skip(f"sample letter not found: {SAMPLE}")
    text = SAMPLE.read_text(encoding="utf-8")
    body = text.split("wie folgt beantwortet:")[1].split("Mit freundlichen Grüßen")[0]
    items: list[Item] = []
    for chunk in re.split(r"\n\s*\n", body.strip()):
        chunk = chunk.strip()
        m = re.match(r"\**(\d+)\. ", chunk)
        if m:
            items.append(Item(m.group(1), chunk.strip("*"), ""))
        elif items:
            last = items[-1]
            answer = f"{last.answer}\n\n{chunk}".strip()
            items[-1] = Item(last.label, last.question, answer)
    assert [i.label for i in items] == ["1", "2", "3", "4", "5", "6"]
    return items


def test_sample_letter_verdicts() -> None:
    items = sample_items()
    result = assess_items(items)
    verdicts = [a.verdict for a in result]
    assert verdicts[0] is Verdict.CLEAR
    assert verdicts[1] is Verdict.CLEAR  # "Nein, … liegt noch nicht vor" answers a yes/no
    assert verdicts[2] is Verdict.VAGUE
    assert verdicts[3] is Verdict.VAGUE
    assert verdicts[4] is Verdict.CLEAR
    assert verdicts[5] in (Verdict.VAGUE, Verdict.PARTIAL)


def test_sample_q3_points_at_the_evasive_phrase() -> None:
    items = sample_items()
    q3 = assess_items(items)[2]
    answer = items[2].answer or ""
    assert "date" in q3.asks
    assert "no_date" in codes(q3)
    assert "nicht benannt werden" in span_text(answer, q3, "unavailable")
    message = next(r.message for r in q3.reasons if r.code == "no_date")
    assert "bis wann" in message


def test_sample_q4_takes_the_verdict_of_q3() -> None:
    q4 = assess_items(sample_items())[3]
    assert q4.refers_to == "3"
    assert "reference_to_unclear" in codes(q4)
    reason = next(r for r in q4.reasons if r.code == "reference_to_unclear")
    assert "zu 3" in reason.message and "ausweichend" in reason.message


def test_sample_q5_names_a_unit_and_q6_names_no_team() -> None:
    items = sample_items()
    result = assess_items(items)
    assert "Fachbereich A" in span_text(items[4].answer or "", result[4], "names_actor")
    assert "kein festes Team" in span_text(items[5].answer or "", result[5], "unavailable")


# --- what the question asks ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Bis wann soll das Konzept erstellt sein?", {"date"}),
        ("Wie ist die Zeitplanung für die Überlegungen?", {"date"}),
        ("Wie viele Stellen sind unbesetzt?", {"number"}),
        ("In welcher Höhe fallen Kosten an?", {"number"}),
        ("Gibt es ein Konzept?", {"yes_no"}),
        ("Plant die Stadt eine Erweiterung?", {"yes_no"}),
        ("Wer ist federführend?", {"actor"}),
        ("Aus welchen Fachdiensten wäre das Team zusammengesetzt?", {"actor"}),
        ("Warum wurde das Verfahren eingestellt?", {"reason"}),
        ("Welche Maßnahmen sind geplant?", {"list"}),
        ("Gibt es ein Team? Falls ja, mit welcher Besetzung?", {"yes_no", "multi", "conditional"}),
        ("Ist der Landesregierung eine Zeitplanung bekannt?", {"yes_no", "known"}),
        ("Wie lange dauert die Sanierung der Halle?", {"date"}),
        # a colon inside parentheses does not end the question's sentence
        (
            "Gab es Angriffe auf Rettungskräfte (gemeint sind hier: Sanitäter und Polizei)?",
            {"yes_no"},
        ),
    ],
)
def test_analyze_question(question: str, expected: set[str]) -> None:
    asks = set(analyze_question(question))
    assert expected <= asks
    if question.startswith("Ist der Landesregierung"):
        assert "date" not in asks  # asks whether a plan is known, not for a date
    if question.startswith("Wie lange dauert"):
        assert "number" not in asks  # an end date answers it as well as a duration


# --- cue kinds -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "answer", "code", "phrase"),
    [
        (
            "Wann wird die Sanierung abgeschlossen?",
            "Die Frage der Sanierung wird derzeit geprüft.",
            "deferral",
            "wird derzeit geprüft",
        ),
        (
            "Wie viele Fälle gab es 2023?",
            "Entsprechende Daten werden von der Verwaltung nicht erhoben.",
            "unavailable",
            "nicht erhoben",
        ),
        (
            "Wie hoch sind die Kosten des Gutachtens?",
            "Die Kosten können derzeit noch nicht beziffert werden.",
            "unavailable",
            "nicht beziffert werden",
        ),
        (
            "Welche Schulen sind betroffen?",
            "Dies fällt nicht in die Zuständigkeit der Stadt, sondern des Landes.",
            "competence",
            "fällt nicht in die Zuständigkeit",
        ),
        (
            "Welche Personen werden beobachtet?",
            "Aufgrund von Geheimschutzaspekten ist eine Nennung nicht möglich.",
            "secrecy",
            "Geheimschutzaspekten",
        ),
        (
            "Bis wann wird der Radweg gebaut?",
            "Der Radweg soll so schnell wie möglich gebaut werden.",
            "hedge",
            "so schnell wie möglich",
        ),
        (
            "Wie viele Verfahren gab es je Jahr?",
            "Eine händische Auswertung der Akten wäre unverhältnismäßig.",
            "refusal",
            "unverhältnismäßig",
        ),
    ],
)
def test_cue_kinds_make_an_answer_vague(question: str, answer: str, code: str, phrase: str) -> None:
    result = assess_answer(question, answer)
    assert result.verdict is not Verdict.CLEAR
    assert phrase in span_text(answer, result, code)


def test_answer_with_the_asked_date_is_clear() -> None:
    answer = "Das Gesamtkonzept soll bis Ende 2025 vorliegen; der Kreistag befasst sich im Juni."
    result = assess_answer("Bis wann soll das Gesamtkonzept erstellt sein?", answer)
    assert result.verdict is Verdict.CLEAR
    assert "bis Ende 2025" in span_text(answer, result, "gives_date") or "2025" in span_text(
        answer, result, "gives_date"
    )


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (
            "Was kostet die Besetzung der Stellen?",
            "Die Kosten belaufen sich auf rund 1,2 Mio. Euro.",
        ),
        ("Wie viele Stellen sind unbesetzt?", "Es sind drei Stellen unbesetzt."),
        ("Wie viele Stellen sind unbesetzt?", "Am 15.05.2024 waren 12 Stellen unbesetzt."),
        (
            "Wie viele Stellen sind unbesetzt und was kostet das?",
            "Es sind drei Stellen unbesetzt; die Kosten belaufen sich auf rund 1,2 Mio. Euro.",
        ),
    ],
)
def test_figures_answer_a_number_question(question: str, answer: str) -> None:
    result = assess_answer(question, answer)
    assert result.verdict is Verdict.CLEAR, result.reasons


def test_a_short_answer_that_skips_a_distinct_part_is_not_clear() -> None:
    result = assess_answer(
        "Wie viele Stellen sind unbesetzt und wie soll ihre Finanzierung gesichert werden?",
        "Es sind drei Stellen unbesetzt.",
    )
    assert result.verdict is not Verdict.CLEAR
    assert "part_skipped" in codes(result)


def test_number_question_without_figures_is_vague() -> None:
    answer = "Die Stellen werden im Rahmen der Personalplanung laufend betrachtet."
    result = assess_answer("Wie viele Stellen sind derzeit unbesetzt?", answer)
    assert result.verdict is Verdict.VAGUE
    assert "no_number" in codes(result)


# --- the conventions of the corpus README ------------------------------------------------------


def test_not_known_is_clear_when_knowledge_was_asked() -> None:
    question = "Welche Rückmeldungen liegen der Landesregierung von Betrieben vor?"
    answer = "Rückmeldungen zum Verwaltungsaufwand liegen der Landesregierung nicht vor."
    result = assess_answer(question, answer)
    assert result.verdict is Verdict.CLEAR
    assert "known_none" in codes(result)


def test_not_known_is_vague_when_figures_were_asked() -> None:
    question = "Wie hat sich die Zahl der Hospizdienste seit 2015 entwickelt?"
    answer = "Eine Statistik über die jährliche Entwicklung liegt den Verbänden nicht vor."
    result = assess_answer(question, answer)
    assert result.verdict is Verdict.VAGUE


def test_keyword_inside_a_real_answer_stays_clear() -> None:
    question = "Was unternimmt die Verwaltung bisher, um die Bürger zu informieren?"
    answer = (
        "Die Verwaltung informiert seit 2012 im Amtsblatt und auf ihrer Internetseite über "
        "Sicherheitsmaßnahmen. Zusätzlich verteilt der Kommunale Ordnungsdienst Faltblätter in "
        "allen Stadtteilen, und die Bürgerbüros halten Informationsmaterial der Polizei bereit. "
        "Ob auch Einwurfsendungen an alle Haushalte möglich sind, wird derzeit geprüft."
    )
    result = assess_answer(question, answer)
    assert result.verdict is Verdict.CLEAR
    assert "answered_despite_cue" in codes(result)


def test_rejected_premise_is_clear() -> None:
    question = "Wann ist mit der Vorlage einer neuen Förderrichtlinie zu rechnen?"
    answer = (
        "Das Ministerium beabsichtigt nicht, eine neue Richtlinie vorzulegen. Die Finanzierung "
        "soll stattdessen über eine Änderung des Ausführungsgesetzes gesichert werden."
    )
    result = assess_answer(question, answer)
    assert result.verdict is Verdict.CLEAR
    assert "premise_rejected" in codes(result)


def test_moot_conditional_question_is_clear() -> None:
    answer = "Da Frage 1 mit Nein beantwortet wird, erübrigt sich die Beantwortung der Frage 2."
    result = assess_answer("Falls 1. mit Ja beantwortet wird, was passiert dann?", answer)
    assert result.verdict is Verdict.CLEAR
    assert span_text(answer, result, "moot") in ("erübrigt sich", "Da Frage 1 mit Nein beantwortet")


# --- references --------------------------------------------------------------------------------


def test_reference_to_a_clear_answer_is_clear() -> None:
    items = [
        Item("1", "Wie viele Anträge gingen 2015 ein?", "2015 gingen 48 Anträge ein."),
        Item("2", "Wie viele davon wurden bewilligt?", "Siehe Antwort zu 1."),
    ]
    result = assess_items(items)
    assert result[1].refers_to == "1"
    assert result[1].verdict is Verdict.CLEAR


def test_reference_to_several_answers_for_a_moot_condition() -> None:
    items = [
        Item("8", "Erfolgt die Verpachtung durch das Amt?", "Ja, weiterhin durch das Amt."),
        Item(
            "9",
            "Falls nein, welche Kosten entstehen?",
            "Entfällt, da die Verpachtung beim Amt bleibt.",
        ),
        Item(
            "10",
            "Sofern dies geschehen ist, wer verwaltet?",
            "Auf die Antworten zu den Fragen 8 und 9 wird verwiesen.",
        ),
    ]
    result = assess_items(items)
    assert result[2].refers_to == "8"
    assert result[2].verdict is Verdict.CLEAR


@pytest.mark.parametrize(
    "answer",
    [
        "Eine aktuelle Übersicht der Teams kann der Anlage entnommen werden.",
        # a footnote star after "Anlage" (the printed annex note) does not hide the referral
        "Es wird auf die tabellarische Auflistung in der Anlage* zu Frage 7 verwiesen.",
    ],
)
def test_referral_to_an_attachment_with_data_is_clear(answer: str) -> None:
    result = assess_answer("Wie viele Teams bestehen in den einzelnen Landkreisen?", answer)
    assert result.verdict is Verdict.CLEAR
    assert "attachment" in codes(result)


def test_reference_alone_is_not_clear_without_its_target() -> None:
    result = assess_answer("Wie ist die Zeitplanung?", "Siehe Antwort zu 3.")
    assert result.refers_to == "3"
    assert result.verdict is not Verdict.CLEAR


# --- user phrases, missing answers, robustness -------------------------------------------------


def test_user_marked_phrase_changes_the_verdict() -> None:
    question = "Welche Maßnahmen plant die Stadt?"
    answer = "Die Stadt wird sich im Rahmen ihrer Möglichkeiten weiterhin intensiv kümmern."
    assert assess_answer(question, answer).verdict is Verdict.CLEAR
    book = load_phrasebook(["im Rahmen ihrer Möglichkeiten"])
    result = assess_answer(question, answer, book)
    assert result.verdict is Verdict.VAGUE
    assert span_text(answer, result, "user_phrase") == "im Rahmen ihrer Möglichkeiten"


@pytest.mark.parametrize(("answer", "code"), [(None, "missing"), ("", "empty"), ("  \n ", "empty")])
def test_missing_or_empty_answer(answer: str | None, code: str) -> None:
    result = assess_answer("Gibt es ein Konzept?", answer)
    assert result.verdict is Verdict.MISSING
    assert result.score == 0.0
    assert codes(result) == {code}


def test_spans_survive_line_breaks_and_hyphenation() -> None:
    answer = "Die Frage der Fi-\nnanzierung wird der-\nzeit geprüft."
    result = assess_answer("Wann beginnt der Bau?", answer)
    assert span_text(answer, result, "deferral") == "wird der-\nzeit geprüft"


def test_answer_without_question_is_judged_by_cues() -> None:
    assert assess_answer(None, "Dies wird derzeit geprüft.").verdict is Verdict.VAGUE
    assert assess_answer(None, "Der Bau beginnt am 1. März 2025.").verdict is Verdict.CLEAR


# --- the real corpus ---------------------------------------------------------------------------
