"""Results of splitting: questions of an inquiry, items and metadata of a letter."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class ParsedQuestion:
    label: str
    text: str


@dataclass(frozen=True)
class ParsedInquiry:
    title: str
    preamble: str
    questions: tuple[ParsedQuestion, ...]
    date: datetime.date | None


@dataclass(frozen=True)
class LetterMeta:
    date: datetime.date | None
    refers_to_date: datetime.date | None
    sender: str
    reference: str


@dataclass(frozen=True)
class SplitItem:
    label: str
    question: str | None
    answer: str | None
    joint_with: tuple[str, ...] = ()
    # False where the answer was assigned by a guess (a letter without numbers, items mapped by
    # order or by shared words): the review marks such items for the user to check
    sure: bool = True
    # (start, end) character offsets of the answer in the letter text given to the splitter;
    # compared on letters and digits, that slice begins and ends like `answer`
    span: tuple[int, int] | None = None


@dataclass(frozen=True)
class SplitLetter:
    meta: LetterMeta
    items: tuple[SplitItem, ...]
    problems: tuple[str, ...]


NO_ITEMS_PROBLEM = "Im Schreiben wurden keine nummerierten Antworten gefunden."
