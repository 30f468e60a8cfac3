"""How each addressee (or body) answers: speed, punctuality and clarity.

Definitions, also shown to the user as tooltips:
- Days to answer: from the submission date to the first answer letter (its letter date, else
  the date it was received). Only answered inquiries count for median and maximum.
- On time: answered on or before the due date. Inquiries still without answer whose due date
  has passed count as *not* on time; inquiries that are neither answered nor due yet are left
  out (their outcome is not known), as are inquiries without a due date.
- Not clear: answers whose effective verdict (the user's, else the machine's) is partial, vague
  or missing, out of all rated answers.
- Addressee: the office (e.g. "Kreis Recklinghausen"), else the addressee's name, so that a new
  Landrat does not split the history of his administration.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from statistics import median

from anfrage_desk.store import Database
from anfrage_desk.store import statistics as store

NO_ADDRESSEE = "(ohne Adressat)"
NO_BODY = "(ohne Gremium)"


class Grouping(StrEnum):
    ADDRESSEE = "addressee"
    BODY = "body"


@dataclass(frozen=True)
class GroupStats:
    """The numbers of one addressee or body. Shares are 0..1, None when there is no basis."""

    name: str
    inquiries: int
    answered: int
    median_days: float | None
    max_days: int | None
    on_time: int
    on_time_basis: int
    unclear_answers: int
    rated_answers: int

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.on_time_basis if self.on_time_basis else None

    @property
    def unclear_share(self) -> float | None:
        return self.unclear_answers / self.rated_answers if self.rated_answers else None


def addressee_of(facts: store.InquiryFacts) -> str:
    office = " ".join(facts.addressee_office.split())
    name = " ".join(facts.addressee_name.split())
    return office or name or NO_ADDRESSEE


def _group_key(facts: store.InquiryFacts, grouping: Grouping) -> str:
    if grouping is Grouping.BODY:
        return facts.body_name.strip() or NO_BODY
    return addressee_of(facts)


def summarize(name: str, group: Iterable[store.InquiryFacts], today: date) -> GroupStats:
    """The numbers of one group of inquiries (pure; see the module docstring)."""
    items = list(group)
    days = [
        (f.first_answer_on - f.submitted_on).days for f in items if f.first_answer_on is not None
    ]
    days = [max(0, d) for d in days]
    on_time = basis = 0
    for f in items:
        if f.due_on is None:
            continue
        if f.first_answer_on is not None:
            basis += 1
            on_time += f.first_answer_on <= f.due_on
        elif today > f.due_on:
            basis += 1
    return GroupStats(
        name=name,
        inquiries=len(items),
        answered=len(days),
        median_days=float(median(days)) if days else None,
        max_days=max(days) if days else None,
        on_time=on_time,
        on_time_basis=basis,
        unclear_answers=sum(f.unclear_answers for f in items),
        rated_answers=sum(f.rated_answers for f in items),
    )


def group_statistics(
    db: Database, grouping: Grouping, year: int | None, today: date
) -> list[GroupStats]:
    """One row per addressee or body, most inquiries first."""
    groups: dict[str, list[store.InquiryFacts]] = {}
    for facts in store.inquiry_facts(db, year):
        groups.setdefault(_group_key(facts, grouping), []).append(facts)
    rows = [summarize(name, items, today) for name, items in groups.items()]
    return sorted(rows, key=lambda s: (-s.inquiries, s.name.casefold()))


def available_years(db: Database) -> list[int]:
    return store.submission_years(db)
