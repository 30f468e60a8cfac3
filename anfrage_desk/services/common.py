"""What every use case shares: the change set it returns and the error it raises."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


class ServiceError(Exception):
    """Bad input for a use case; the message is a German sentence for the user."""


@dataclass(frozen=True)
class Changes:
    """What a use case changed, so that each view refreshes only the affected rows."""

    inquiries: frozenset[int] = field(default_factory=frozenset)
    answers: frozenset[int] = field(default_factory=frozenset)
    bodies: bool = False
    everything: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.inquiries | other.inquiries,
            self.answers | other.answers,
            self.bodies or other.bodies,
            self.everything or other.everything,
        )

    @staticmethod
    def of(*inquiry_ids: int) -> Changes:
        return Changes(inquiries=frozenset(inquiry_ids))


def today() -> date:
    """The injectable clock of the app: tests and `--today` replace it."""
    return _clock()


def _system_today() -> date:
    return date.today()


_clock = _system_today


def set_clock(clock: object | None) -> None:
    """Replace the clock (a callable returning a date) or restore the system clock."""
    global _clock
    _clock = clock if callable(clock) else _system_today  # type: ignore[assignment]
