"""Signals the fitted weights combine: each one checked on a small written pair."""

from __future__ import annotations

from dataclasses import dataclass

from anfrage_desk.assess import analyze_items, default_model, load_phrasebook
from anfrage_desk.assess.words import shared, stems


@dataclass(frozen=True)
class Item:
    label: str
    question: str | None
    answer: str | None


def signals(*items: Item) -> list[dict[str, float]]:
    analyses = analyze_items(items, load_phrasebook(), default_model())
    return [dict(a.signals or {}) for a in analyses]


def test_compound_parts_meet() -> None:
    assert shared(stems("die Taktung verändern"), stems("Eine Taktungsänderung")) == 1
    assert shared(stems("Standzeiten verlängern"), stems("eine Fahrzeitverlängerung")) == 1
    assert shared(stems("Werden Bäume gefällt?"), stems("Die Baumschule")) == 0  # short stems


def test_a_negated_statement_of_the_asked_matter_answers_a_yes_no_question() -> None:
    question = "Ist vorgesehen, die Taktung der Buslinien zu verändern?"
    (no,) = signals(Item("1", question, "Eine Taktungsänderung wird es nicht geben."))
    (around,) = signals(Item("1", question, "Die Linien werden von der VBK betrieben."))
    assert no["open_yes_no"] == 0.0
    assert around["open_yes_no"] == 1.0


def test_one_answer_for_several_questions_is_marked_joint() -> None:
    answer = "Die Anträge bearbeitet das Bundesamt. Kosten werden nicht gesondert erfasst."
    first, second, alone = signals(
        Item("1", "Welche Behörde bearbeitet die Anträge?", answer),
        Item("2", "Welche Kosten entstehen dabei?", " ".join(answer.split())),
        Item("3", "Wann beginnt das Verfahren?", "Das Verfahren beginnt am 1. März 2026."),
    )
    assert first["joint"] == second["joint"] == 1.0
    assert alone["joint"] == 0.0


def test_a_breakdown_asked_and_no_figures_given() -> None:
    question = "Wie viele Anträge wurden gestellt (bitte nach Jahren aufschlüsseln)?"
    (table,) = signals(Item("1", question, "2022: 12 Anträge, 2023: 17 Anträge, 2024: 20 Anträge."))
    (total,) = signals(Item("1", question, "Insgesamt wurden Anträge in großer Zahl gestellt."))
    assert table["breakdown_without_figures"] == 0.0
    assert total["breakdown_without_figures"] == 1.0


def test_spelled_out_conditions_are_read_as_yes_or_no() -> None:
    from anfrage_desk.assess.question import split_parts

    parts = split_parts(
        "Gilt der Grundsatz weiterhin? Wenn dies der Fall ist, seit wann? "
        "Falls dies nicht der Fall ist, warum wurde er aufgegeben?"
    )
    assert [p.condition for p in parts] == [None, "ja", "nein"]


def test_no_of_the_asked_thing_is_zero_and_no_of_something_else_is_not() -> None:
    question = "Wie viele Klagen wurden erhoben?"
    (zero,) = signals(Item("1", question, "Es wurden keine Klagen erhoben."))
    (other,) = signals(
        Item("1", question, "Das Verfahren hat keinen Einfluss auf die Statistik der Gerichte.")
    )
    assert zero["rule_number_missing"] == 0.0  # "keine Klagen": none, a figure
    assert other["rule_number_missing"] == 1.0


def test_fragen_2_und_3_is_no_figure() -> None:
    answer = (
        "Die Fragen 2 und 3 werden gemeinsam beantwortet. Es wird auf die Vorbemerkung verwiesen."
    )
    (item,) = signals(Item("2", "Wie viele Klagen gab es?", answer))
    assert item["gives_number"] == 0.0


def test_an_unclear_verdict_names_the_cue_instead_of_excusing_it() -> None:
    from anfrage_desk.assess import assess_items

    question = "Wie viele Konkurrentenklagen gab es (bitte nach Jahren aufschlüsseln)?"
    answer = (
        "Der Bundesregierung ist die Motivlage der Kläger nicht bekannt. Die Bundesregierung weist "
        "darauf hin, dass keine gesetzliche Pflicht zur Erhebung besteht. Fälle im Sinne der "
        "Fragestellung werden nicht systematisch erfasst. Im Übrigen wird auf die Vorbemerkung "
        "der Bundesregierung verwiesen."
    )
    (result,) = assess_items([Item("1", question, answer)], load_phrasebook(), default_model())
    assert result.verdict.value != "clear"
    codes = [r.code for r in result.reasons]
    assert "answered_despite_cue" not in codes
    assert "gives_number" not in codes
    assert any("nicht systematisch erfasst" in r.message for r in result.reasons)


def test_siehe_oben_takes_the_answer_above_and_punkt_is_a_referral() -> None:
    from anfrage_desk.assess import assess_items

    items = [
        Item("1", "Wie viele Stellen sind unbesetzt?", "Es sind derzeit 14 Stellen unbesetzt."),
        Item("2", "Wie viele davon sind Erzieherstellen?", "Hierzu liegen keine Zahlen vor."),
        Item("3", "Wie viele Stellen sind länger als ein Jahr unbesetzt?", "Siehe oben."),
        Item("4", "Wie viele Stellen wurden 2024 unbesetzt gemeldet?", "Siehe Punkt 1"),
    ]
    results = assess_items(items, load_phrasebook(), default_model())
    above, punkt = results[2], results[3]
    assert above.verdict.value == "vague"  # answer 2 above gives no figure
    assert "Antwort zu 2" in above.reasons[0].message
    assert punkt.reasons[0].code == "reference"
    assert "Antwort zu 1" in punkt.reasons[0].message


def test_one_figure_does_not_cover_two_parts_that_each_ask_for_one() -> None:
    question = "Wie viele Bäume wurden 2024 gefällt und wie viele wurden nachgepflanzt?"
    (one,) = signals(Item("1", question, "Im Jahr 2024 wurden 12 Bäume gefällt."))
    (both,) = signals(Item("1", question, "2024 wurden 12 Bäume gefällt und 15 nachgepflanzt."))
    assert one["rule_number_missing"] == 1.0
    assert both["rule_number_missing"] == 0.0


def test_a_no_does_not_excuse_refusing_the_cost_asked_in_the_follow_up() -> None:
    from anfrage_desk.assess import assess_answer

    question = (
        "Zahlt die Stadt eine Großstadtzulage? Wenn nicht, welche Modelle wären denkbar und "
        "was würden sie kosten?"
    )
    answer = (
        "Die Stadt zahlt keine Großstadtzulage. Eine aussagekräftige Kostenschätzung ist nicht "
        "möglich, da die Höhe zunächst festgelegt werden müsste."
    )
    result = assess_answer(question, answer)
    assert result.verdict.value != "clear"
    assert result.reasons[0].code == "unavailable"


def test_a_yes_no_question_is_answered_by_a_statement_about_its_own_subject() -> None:
    question = "Bestehen Pläne, die Ampeln der Stadt für den Ausbau des 5G-Netzes zu nutzen?"
    around = (
        "Der Bund hat Empfehlungen zur Nutzung von Ampeln für den Ausbau des 5G-Netzes erarbeitet."
    )
    (talks,) = signals(Item("1", question, around))
    (says,) = signals(Item("1", question, "Es ist geplant, die Ampeln für das 5G-Netz zu nutzen."))
    assert talks["open_yes_no"] == 1.0
    assert says["open_yes_no"] == 0.0


def test_weder_noch_is_a_no() -> None:
    question = "Gab es an Silvester Angriffe auf Rettungskräfte? Wenn ja, wie viele?"
    answer = "Weder bei der Feuerwehr noch beim Ordnungsdienst gab es an Silvester Angriffe."
    (item,) = signals(Item("1", question, answer))
    assert item["open_yes_no"] == 0.0
    assert item["number_without_figure"] == 0.0  # "wie viele" was asked only for a yes


def test_reasons_quote_what_the_question_asked_and_the_unit_named() -> None:
    from anfrage_desk.assess import assess_answer

    costs = assess_answer(
        "Welche Kosten entstehen dem Landkreis jährlich?",
        "Die Kosten werden derzeit ermittelt und zu gegebener Zeit mitgeteilt.",
    )
    message = next(r.message for r in costs.reasons if r.code == "no_number")
    assert "„Kosten“" in message and "(„“)" not in message
    unit = assess_answer(
        "Wer ist für die Koordination zuständig?",
        "Zuständig ist das Schulamt des Kreises.",
    )
    named = next(r for r in unit.reasons if r.code == "names_actor")
    assert "Schulamt" in named.message


def test_a_clear_verdict_without_other_reasons_says_why() -> None:
    from anfrage_desk.assess import assess_answer

    result = assess_answer(
        "In welcher Projektphase befindet sich die Verwaltung?",
        "Der Einführungsprozess hat gerade begonnen; der Status ist die Sondierung.",
    )
    assert result.verdict.value == "clear"
    assert [r.code for r in result.reasons] == ["answered"]
