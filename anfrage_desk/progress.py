"""A Qt-free progress channel for long work; the UI wraps it in an Operation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


class Cancelled(Exception):
    """The user cancelled a long operation."""


def _no_report(done: int, total: int) -> None:
    return None


def _never() -> bool:
    return False


@dataclass(frozen=True)
class Progress:
    report: Callable[[int, int], None] = _no_report
    cancelled: Callable[[], bool] = _never

    def step(self, done: int, total: int) -> None:
        if self.cancelled():
            raise Cancelled
        self.report(done, total)
