"""The meeting brief DOCX, read back with python-docx."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from docx import Document
from ui.factories import desk_in_every_state

from anfrage_desk.services import ServiceError
from anfrage_desk.services.brief import excerpt, export_meeting_brief
from anfrage_desk.store import Database, inquiries

TODAY = date(2024, 5, 15)


def docx_parts(path: Path) -> tuple[list[str], list[list[str]]]:
    """Paragraph texts and table rows (cell texts) of a DOCX file."""
    doc = Document(str(path))
    paragraphs = [p.text for p in doc.paragraphs]
    rows = [[cell.text for cell in row.cells] for table in doc.tables for row in table.rows]
    return paragraphs, rows


def test_brief_lists_open_unclear_and_pending(db: Database, tmp_path: Path) -> None:
    ids = desk_in_every_state(db, TODAY)
    body_id = inquiries.get_inquiry(db, ids["overdue"]).body_id  # type: ignore[union-attr]
    out = export_meeting_brief(db, body_id, tmp_path / "brief.docx", TODAY)
    paragraphs, rows = docx_parts(out)
    text = "\n".join(paragraphs)
    assert paragraphs[0] == "Sitzungsvorbereitung Rat der Stadt Musterstadt"
    assert "Stand: 15.05.2024" in text

    assert rows[0] == ["Nr.", "Titel", "eingereicht", "fällig", "Tage überfällig"]
    due = (TODAY - timedelta(days=12)).strftime("%d.%m.%Y")
    # Overdue first, then the open ones by due date; answered, drafts and Nachfragen are not here.
    assert rows[1] == [
        "AF/2024/0012",
        "Sanierung Hallenbad Süd",
        (TODAY - timedelta(days=40)).strftime("%d.%m.%Y"),
        due,
        "12 Tage",
    ]
    assert [r[1] for r in rows[2:4]] == ["Kita-Plätze 2025", "Radwege Innenstadt"]
    assert rows[2][4] == "–"
    assert "3 Anfragen sind offen, davon 1 überfällig." in text

    assert "AF/2024/0020 Schulwegsicherung Nord" in paragraphs
    vague = next(p for p in paragraphs if p.startswith("Frage 2: Bis wann"))
    assert "Antwort (ausweichend): „Eine konkrete Zeitplanung" in vague
    assert "Grund: Gefragt war ein Zeitpunkt" in vague
    # Followed up: its answers are not repeated here, its Nachfrage is listed below.
    assert not any("fehlt" in p for p in paragraphs)
    assert not any("Straßenbeleuchtung" in p for p in paragraphs)  # all answers clear

    pending = next(r for r in rows if r[1].startswith("Nachfrage:"))
    assert pending[1] == "Nachfrage: Glasfaserausbau Ortsteile"
    assert pending[2] == f"#{ids['followed_up']}"
    assert pending[4] == (TODAY + timedelta(days=18)).strftime("%d.%m.%Y")
    everything = text + str(rows)
    assert "Entwurf Spielplätze" not in everything
    assert "Baumpflanzungen" not in everything


def test_brief_of_a_quiet_body_says_so(db: Database, tmp_path: Path) -> None:
    from anfrage_desk.services.inquiries import ensure_body

    body_id = ensure_body(db, "Bezirksvertretung Mitte")
    paragraphs, rows = docx_parts(export_meeting_brief(db, body_id, tmp_path / "b.docx", TODAY))
    assert rows == []
    assert "Keine: Alle eingereichten Anfragen sind beantwortet." in paragraphs
    assert "Keine offenen Nachfragen." in paragraphs


def test_unknown_body_is_a_german_error(db: Database, tmp_path: Path) -> None:
    with pytest.raises(ServiceError, match="Gremium"):
        export_meeting_brief(db, 999, tmp_path / "x.docx", TODAY)
    assert not (tmp_path / "x.docx").exists()


def test_excerpt_cuts_at_a_word() -> None:
    text = "Wort " * 100
    short = excerpt(text, 30)
    assert short.endswith(" …") and len(short) <= 32 and "Wor …" not in short
