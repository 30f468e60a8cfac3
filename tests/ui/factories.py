"""Build databases for tests and screenshots through the services (answers via store functions).

- ``desk_in_every_state``: one inquiry per state the overview distinguishes.
- ``realistic_desk``: ~200 inquiries over three years for five addressees in four bodies, with
  answer times, unclear answers and follow-ups that differ per addressee.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from anfrage_desk.model import (
    Answer,
    AnswerLetter,
    Body,
    BodyKind,
    DeadlineRule,
    Followup,
    FollowupKind,
    Inquiry,
    InquiryKind,
    Question,
    Reason,
    Status,
    Verdict,
)
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.store import Database, answers, followups

REASONS = {
    Verdict.VAGUE: Reason("no_date", "Gefragt war ein Zeitpunkt; die Antwort nennt keinen.", 0, 20),
    Verdict.PARTIAL: Reason("partial", "Nur ein Teil der Frage wird beantwortet.", 0, 10),
    Verdict.MISSING: Reason(
        "missing", "Zu dieser Frage enthält das Schreiben keine Antwort.", 0, 0
    ),
}
ANSWER_TEXTS = {
    Verdict.CLEAR: "Die Verwaltung hat im Jahr 2023 insgesamt 14 Maßnahmen umgesetzt.",
    Verdict.PARTIAL: "Zu den Kosten können noch keine Angaben gemacht werden; der Umfang steht fest.",
    Verdict.VAGUE: "Eine konkrete Zeitplanung kann aktuell nicht benannt werden.",
    Verdict.MISSING: None,
}


def add_body(db: Database, name: str, kind: BodyKind = BodyKind.RAT, weeks: int = 4) -> int:
    body_id, _ = inquiry_service.save_body(
        db, Body(None, name, kind=kind, rule=DeadlineRule("weeks", weeks))
    )
    return body_id


def add_inquiry(
    db: Database,
    title: str,
    *,
    body_id: int | None = None,
    submitted: date | None = None,
    due: date | None = None,
    questions: Sequence[str] = (
        "Wie viele Fälle gab es 2023?",
        "Bis wann ist mit einer Lösung zu rechnen?",
    ),
    addressee: tuple[str, str] = ("", ""),
    reference: str = "",
    kind: InquiryKind = InquiryKind.ANFRAGE,
    parent_id: int | None = None,
) -> int:
    """Create (and submit, and fix the due date of) an inquiry through the services."""
    inquiry = Inquiry(
        None,
        title,
        body_id=body_id,
        kind=kind,
        addressee_name=addressee[0],
        addressee_office=addressee[1],
        reference=reference,
        parent_id=parent_id,
        drafted_on=submitted,
        questions=tuple(Question(None, str(i + 1), q, i) for i, q in enumerate(questions)),
    )
    inquiry_id, _ = inquiry_service.create_inquiry(db, inquiry)
    if submitted is not None:
        inquiry_service.submit_inquiry(db, inquiry_id, submitted)
    if due is not None:
        inquiry_service.set_due_manually(db, inquiry_id, due)
    return inquiry_id


def add_letter(
    db: Database,
    inquiry_id: int,
    received: date,
    verdicts: Sequence[Verdict],
    *,
    letter_date: date | None = None,
    user_verdicts: Sequence[Verdict | None] | None = None,
    confirmed: bool = True,
    status: Status = Status.ANSWERED,
) -> int:
    """Log an answer letter with given verdicts (one per question, in order) via the store."""
    inquiry = inquiry_service.load_inquiry(db, inquiry_id)
    user = list(user_verdicts or [None] * len(verdicts))
    with db.atomic():
        letter_id = answers.insert_letter(
            db,
            AnswerLetter(
                None,
                inquiry_id,
                received_on=received,
                letter_date=letter_date,
                sender="Die Verwaltung",
                raw_text="Sehr geehrte Damen und Herren, …",
                file_name="antwort.txt",
                confirmed_at=received.isoformat() + "T10:00:00" if confirmed else None,
            ),
            b"Antwort",
        )
        for question, verdict, user_verdict in zip(inquiry.questions, verdicts, user, strict=False):
            assert question.id is not None
            answers.insert_answer(
                db,
                Answer(
                    None,
                    question.id,
                    letter_id,
                    text=ANSWER_TEXTS[verdict],
                    verdict=verdict,
                    score=1.0 if verdict is Verdict.CLEAR else 0.3,
                    reasons=(REASONS[verdict],) if verdict in REASONS else (),
                    user_verdict=user_verdict,
                ),
            )
    inquiry_service.set_status(db, inquiry_id, status)
    return letter_id


def add_nachfrage(
    db: Database, parent_id: int, submitted: date | None, due: date | None = None
) -> int:
    parent = inquiry_service.load_inquiry(db, parent_id)
    child_id = add_inquiry(
        db,
        f"Nachfrage: {parent.title}",
        body_id=parent.body_id,
        submitted=submitted,
        due=due,
        questions=("Bis wann genau?",),
        addressee=(parent.addressee_name, parent.addressee_office),
        kind=InquiryKind.NACHFRAGE,
        parent_id=parent_id,
    )
    with db.atomic():
        followups.insert_followup(db, Followup(None, parent_id, FollowupKind.NACHFRAGE, child_id))
    inquiry_service.set_status(db, parent_id, Status.FOLLOWED_UP)
    return child_id


def desk_in_every_state(db: Database, today: date) -> dict[str, int]:
    """One inquiry per overview state; returns state name → inquiry id."""
    body_id = add_body(db, "Rat der Stadt Musterstadt")
    office = ("Herrn Oberbürgermeister Max Mustermann", "Stadt Musterstadt")
    ids: dict[str, int] = {}
    ids["draft"] = add_inquiry(db, "Entwurf Spielplätze", body_id=body_id, addressee=office)
    ids["not_due"] = add_inquiry(
        db,
        "Radwege Innenstadt",
        body_id=body_id,
        addressee=office,
        submitted=today - timedelta(days=2),
        due=today + timedelta(days=26),
    )
    ids["due_soon"] = add_inquiry(
        db,
        "Kita-Plätze 2025",
        body_id=body_id,
        addressee=office,
        reference="AF/2024/0031",
        submitted=today - timedelta(days=25),
        due=today + timedelta(days=3),
    )
    ids["overdue"] = add_inquiry(
        db,
        "Sanierung Hallenbad Süd",
        body_id=body_id,
        addressee=office,
        reference="AF/2024/0012",
        submitted=today - timedelta(days=40),
        due=today - timedelta(days=12),
    )
    ids["to_review"] = add_inquiry(
        db,
        "Straßenbeleuchtung LED",
        body_id=body_id,
        addressee=office,
        submitted=today - timedelta(days=30),
        due=today - timedelta(days=2),
    )
    add_letter(
        db,
        ids["to_review"],
        today - timedelta(days=3),
        [Verdict.CLEAR, Verdict.CLEAR],
        confirmed=False,
    )
    ids["unclear"] = add_inquiry(
        db,
        "Schulwegsicherung Nord",
        body_id=body_id,
        addressee=office,
        reference="AF/2024/0020",
        submitted=today - timedelta(days=50),
        due=today - timedelta(days=22),
    )
    add_letter(db, ids["unclear"], today - timedelta(days=25), [Verdict.CLEAR, Verdict.VAGUE])
    ids["followed_up"] = add_inquiry(
        db,
        "Glasfaserausbau Ortsteile",
        body_id=body_id,
        addressee=office,
        submitted=today - timedelta(days=80),
        due=today - timedelta(days=52),
    )
    add_letter(db, ids["followed_up"], today - timedelta(days=55), [Verdict.MISSING, Verdict.CLEAR])
    ids["open_nachfrage"] = add_nachfrage(
        db, ids["followed_up"], today - timedelta(days=10), due=today + timedelta(days=18)
    )
    ids["done"] = add_inquiry(
        db,
        "Baumpflanzungen 2023",
        body_id=body_id,
        addressee=office,
        submitted=today - timedelta(days=200),
        due=today - timedelta(days=172),
    )
    add_letter(
        db,
        ids["done"],
        today - timedelta(days=180),
        [Verdict.CLEAR, Verdict.CLEAR],
        status=Status.DONE,
    )
    return ids


@dataclass(frozen=True)
class Profile:
    body: str
    body_kind: BodyKind
    name: str
    office: str
    prefix: str
    median_days: int
    unclear_rate: float
    silent_rate: float


PROFILES = (
    Profile(
        "Rat der Stadt Musterstadt",
        BodyKind.RAT,
        "Herrn Oberbürgermeister Max Mustermann",
        "Stadt Musterstadt",
        "AF/{y}/",
        19,
        0.18,
        0.03,
    ),
    Profile(
        "Kreistag Recklinghausen",
        BodyKind.KREISTAG,
        "Herrn Landrat Bodo Klimpel",
        "Kreis Recklinghausen",
        "KT-{y}-",
        31,
        0.34,
        0.06,
    ),
    Profile(
        "Landtag Nordrhein-Westfalen",
        BodyKind.LANDTAG,
        "Frau Ministerin Dorothee Feller",
        "Ministerium für Schule und Bildung NRW",
        "Drucksache 18/",
        27,
        0.27,
        0.02,
    ),
    Profile(
        "Landtag Nordrhein-Westfalen",
        BodyKind.LANDTAG,
        "Frau Ministerin Ina Scharrenbach",
        "Ministerium für Heimat, Kommunales, Bau und Digitalisierung NRW",
        "Drucksache 18/",
        38,
        0.41,
        0.05,
    ),
    Profile(
        "Rat der Stadt Dorsten",
        BodyKind.RAT,
        "Herrn Bürgermeister Tobias Stockhoff",
        "Stadt Dorsten",
        "Dor-{y}/",
        15,
        0.12,
        0.02,
    ),
)
TOPICS = (
    "Radverkehr an der Hauptstraße",
    "Kita-Plätze im Stadtteil Nord",
    "Sanierung der Gesamtschule",
    "Schulsozialarbeit",
    "Hitzeschutz in Schulen",
    "Ganztagsbetreuung ab 2026",
    "Leerstand in der Innenstadt",
    "Wohngeldanträge und Bearbeitungszeiten",
    "Glasfaserausbau",
    "Straßenbeleuchtung auf LED",
    "Kommunale Wärmeplanung",
    "Barrierefreie Bushaltestellen",
    "Schwimmunterricht an Grundschulen",
    "Personalsituation im Jugendamt",
    "Digitale Bauanträge",
    "Starkregenvorsorge",
    "Sicherheit am Bahnhofsvorplatz",
    "Förderprogramm Dachbegrünung",
    "Unterrichtsausfall an Berufskollegs",
    "Lehrkräftemangel an Grundschulen",
    "Kosten der Flüchtlingsunterbringung",
    "Öffnungszeiten der Bürgerbüros",
    "Zustand der Sporthallen",
    "Ausbau der Photovoltaik auf städtischen Dächern",
)
QUESTIONS = (
    "Wie viele Fälle gab es in den Jahren 2022 und 2023?",
    "Welche Kosten sind bisher entstanden?",
    "Bis wann ist mit einer Umsetzung zu rechnen?",
    "Welche Stelle der Verwaltung ist zuständig?",
    "Liegt ein Konzept vor?",
    "Wer gehört der Arbeitsgruppe an?",
)


def realistic_desk(db: Database, today: date, count: int = 200, seed: int = 7) -> None:
    """~``count`` inquiries over three years; answers and clarity differ per addressee."""
    rng = random.Random(seed)
    body_ids: dict[str, int] = {}
    for profile in PROFILES:
        if profile.body not in body_ids:
            body_ids[profile.body] = add_body(db, profile.body, profile.body_kind)
    start = today - timedelta(days=3 * 365)
    numbers: dict[str, int] = {}
    for n in range(count):
        profile = rng.choices(PROFILES, weights=(5, 4, 3, 2, 3))[0]
        submitted = start + timedelta(days=rng.randrange(0, 3 * 365 - 3))
        key = profile.prefix.format(y=submitted.year)
        numbers[key] = numbers.get(key, 0) + 1
        reference = f"{key}{numbers[key]:04d}" if "{y}" in profile.prefix else f"{key}{3000 + n}"
        topic = TOPICS[n % len(TOPICS)]
        title = f"{topic} ({submitted.year})" if rng.random() < 0.5 else topic
        questions = rng.sample(QUESTIONS, rng.randint(2, 5))
        inquiry_id = add_inquiry(
            db,
            title,
            body_id=body_ids[profile.body],
            submitted=submitted,
            questions=questions,
            addressee=(profile.name, profile.office),
            reference=reference,
        )
        days = max(3, int(rng.gauss(profile.median_days, profile.median_days * 0.35)))
        letter_date = submitted + timedelta(days=days)
        if letter_date + timedelta(days=2) > today or rng.random() < profile.silent_rate:
            continue  # still open (perhaps overdue)
        verdicts = [
            rng.choice((Verdict.VAGUE, Verdict.PARTIAL, Verdict.MISSING))
            if rng.random() < profile.unclear_rate
            else Verdict.CLEAR
            for _ in questions
        ]
        user = [
            Verdict.CLEAR if v is not Verdict.CLEAR and rng.random() < 0.15 else None
            for v in verdicts
        ]
        recent = (today - letter_date).days < 20
        add_letter(
            db,
            inquiry_id,
            letter_date + timedelta(days=2),
            verdicts,
            letter_date=letter_date,
            user_verdicts=user,
            confirmed=not recent,
        )
        unclear = any((u or v) is not Verdict.CLEAR for v, u in zip(verdicts, user, strict=True))
        if unclear and not recent and rng.random() < 0.35:
            asked = letter_date + timedelta(days=rng.randint(5, 20))
            if asked < today:
                child_id = add_nachfrage(db, inquiry_id, asked)
                replied = asked + timedelta(days=rng.randint(10, 40))
                if replied < today - timedelta(days=20) and rng.random() < 0.85:
                    add_letter(db, child_id, replied, [Verdict.CLEAR], letter_date=replied)
        elif (today - letter_date).days > (60 if not unclear else 150) and rng.random() < 0.8:
            inquiry_service.set_status(db, inquiry_id, Status.DONE)
