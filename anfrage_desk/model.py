"""Plain data of the domain: frozen dataclasses and enums, no Qt, no SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Status(StrEnum):
    """Stored status of an inquiry. "Überfällig" is derived, never stored."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    ANSWERED = "answered"
    FOLLOWED_UP = "followed_up"
    DONE = "done"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.DRAFT: "Entwurf",
    Status.SUBMITTED: "Eingereicht",
    Status.ANSWERED: "Beantwortet",
    Status.FOLLOWED_UP: "Nachgefragt",
    Status.DONE: "Erledigt",
}
OVERDUE_LABEL = "Überfällig"


class Verdict(StrEnum):
    CLEAR = "clear"
    PARTIAL = "partial"
    VAGUE = "vague"
    MISSING = "missing"

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self]

    @property
    def is_clear(self) -> bool:
        return self is Verdict.CLEAR


VERDICT_LABELS = {
    Verdict.CLEAR: "klar",
    Verdict.PARTIAL: "teilweise",
    Verdict.VAGUE: "ausweichend",
    Verdict.MISSING: "fehlt",
}
UNRATED_LABEL = "nicht bewertet"


class BodyKind(StrEnum):
    RAT = "Rat"
    KREISTAG = "Kreistag"
    LANDTAG = "Landtag"


class InquiryKind(StrEnum):
    ANFRAGE = "Anfrage"
    NACHFRAGE = "Nachfrage"


class FollowupKind(StrEnum):
    NACHFRAGE = "Nachfrage"
    ERINNERUNG = "Erinnerung"


@dataclass(frozen=True)
class DeadlineRule:
    """How long the administration has to answer.

    unit: "days" (calendar days), "weeks", "workdays", or "next_meeting".
    """

    unit: str = "weeks"
    amount: int = 4

    def describe(self) -> str:
        if self.unit == "next_meeting":
            return "bis zur nächsten Sitzung"
        names = {"days": "Kalendertage", "weeks": "Wochen", "workdays": "Arbeitstage"}
        if self.amount == 1:
            names = {"days": "Kalendertag", "weeks": "Woche", "workdays": "Arbeitstag"}
        return f"{self.amount} {names.get(self.unit, self.unit)}"


@dataclass(frozen=True)
class Body:
    """A council or parliament the faction sits in."""

    id: int | None
    name: str
    kind: BodyKind = BodyKind.RAT
    address: str = ""
    rule: DeadlineRule = field(default_factory=DeadlineRule)
    holiday_region: str = "NW"
    meeting_dates: tuple[date, ...] = ()


@dataclass(frozen=True)
class Question:
    id: int | None
    label: str
    text: str
    position: int = 0


@dataclass(frozen=True)
class Inquiry:
    id: int | None
    title: str
    body_id: int | None = None
    kind: InquiryKind = InquiryKind.ANFRAGE
    addressee_name: str = ""
    addressee_office: str = ""
    addressee_address: str = ""
    faction: str = ""
    signatories: tuple[str, ...] = ()
    preamble: str = ""
    drafted_on: date | None = None
    submitted_on: date | None = None
    due_on: date | None = None
    due_manual: bool = False
    reference: str = ""
    status: Status = Status.DRAFT
    parent_id: int | None = None
    questions: tuple[Question, ...] = ()
    # The stored row's version (team mode: a save checks that nobody saved in between);
    # bookkeeping, not content, so two inquiries with the same fields compare equal.
    version: int = field(default=0, compare=False)

    def is_overdue(self, today: date) -> bool:
        return self.status == Status.SUBMITTED and self.due_on is not None and today > self.due_on

    def display_status(self, today: date) -> str:
        return OVERDUE_LABEL if self.is_overdue(today) else self.status.label


@dataclass(frozen=True)
class Reason:
    """Why an answer got its verdict: a code, a German sentence, a span in the answer text."""

    code: str
    message: str
    start: int = 0
    end: int = 0

    @property
    def gives(self) -> bool:
        """Does this reason name something the answer gives (a figure, a date, a clear "not
        known" …) rather than something missing or evasive?"""
        return self.code in GIVING_CODES


GIVING_CODES = frozenset(
    {
        "answered",
        "gives_date",
        "gives_number",
        "names_actor",
        "gives_yes_no",
        "known_none",
        "premise_rejected",
        "moot",
        "attachment",
        "answered_despite_cue",
        "cue_outweighed",
    }
)
"""Reason codes of what an answer gives; the others say what is missing or evasive."""


@dataclass(frozen=True)
class Answer:
    id: int | None
    question_id: int
    letter_id: int
    text: str | None
    verdict: Verdict | None = None
    score: float | None = None
    reasons: tuple[Reason, ...] = ()
    refers_to: str | None = None
    joint_with: tuple[str, ...] = ()
    user_verdict: Verdict | None = None
    note: str = ""
    version: int = field(default=0, compare=False)  # the stored row's (team mode)

    @property
    def effective_verdict(self) -> Verdict | None:
        """The user's verdict wins over the machine's."""
        return self.user_verdict or self.verdict


@dataclass(frozen=True)
class AnswerLetter:
    id: int | None
    inquiry_id: int
    received_on: date | None = None
    letter_date: date | None = None
    refers_to_date: date | None = None
    sender: str = ""
    reference: str = ""
    raw_text: str = ""
    file_name: str | None = None
    problems: tuple[str, ...] = ()
    confirmed_at: str | None = None


@dataclass(frozen=True)
class Followup:
    id: int | None
    inquiry_id: int
    kind: FollowupKind
    child_inquiry_id: int | None = None
    answer_ids: tuple[int, ...] = ()
    file_name: str | None = None
    created: str = ""


@dataclass(frozen=True)
class InquiryRow:
    """One line of the inquiry list: what the table shows, read in one query."""

    id: int
    reference: str
    title: str
    body_id: int | None
    body_name: str
    addressee: str
    submitted_on: date | None
    due_on: date | None
    status: Status
    kind: InquiryKind
    parent_id: int | None
    answered_on: date | None
    unclear_count: int
    unconfirmed_letters: int
    open_followups: int

    def is_overdue(self, today: date) -> bool:
        return self.status == Status.SUBMITTED and self.due_on is not None and today > self.due_on

    def display_status(self, today: date) -> str:
        return OVERDUE_LABEL if self.is_overdue(today) else self.status.label
