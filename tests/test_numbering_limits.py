"""Long inquiries: numbering has no two-digit limit (120 questions stayed 99 before)."""

from __future__ import annotations

from anfrage_desk.segment import parse_inquiry
from anfrage_desk.services.answers import analyze_text

QUESTIONS = "\n".join(f"{i}. Wie lang ist der Radweg {i}?" for i in range(1, 121))


def test_inquiry_with_120_questions() -> None:
    questions = list(parse_inquiry(f"Anfrage Radwege\n\nWir fragen:\n\n{QUESTIONS}\n").questions)
    assert [q.label for q in questions] == [str(i) for i in range(1, 121)]
    assert questions[98].text == "Wie lang ist der Radweg 99?"
    assert questions[99].text == "Wie lang ist der Radweg 100?"


def test_answer_letter_with_120_answers() -> None:
    questions = list(parse_inquiry(f"Anfrage Radwege\n\nWir fragen:\n\n{QUESTIONS}\n").questions)
    letter = "Stadt Musterstadt\n15.05.2024\n\n" + "\n\n".join(
        f"Zu {i}:\nDer Radweg {i} ist {i * 10} Meter lang." for i in range(1, 121)
    )
    items = analyze_text(letter, questions).items
    assert [item.label for item in items] == [str(i) for i in range(1, 121)]
    assert items[99].answer == "Der Radweg 100 ist 1000 Meter lang."
    assert items[119].answer == "Der Radweg 120 ist 1200 Meter lang."


def test_three_digit_joint_answer_heading() -> None:
    questions = list(parse_inquiry(f"Anfrage Radwege\n\nWir fragen:\n\n{QUESTIONS}\n").questions)
    letter = (
        "Stadt Musterstadt\n15.05.2024\n\n"
        + "\n\n".join(f"Zu {i}:\nDer Radweg {i} ist kurz." for i in range(1, 100))
        + "\n\nZu 100 bis 120:\nDiese Radwege sind noch in Planung."
    )
    items = {item.label: item for item in analyze_text(letter, questions).items}
    assert "in Planung" in (items["110"].answer or "") or items["110"].refers_to == "100"
