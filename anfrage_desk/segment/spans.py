"""Where each answer stands in the letter as given: character offsets into the original text.

The splitter works on cleaned lines (page furniture blanked, hyphenation undone, lines
joined), so an item's `answer` is not a slice of the letter. Its `span` is: compared on letters
and digits only, the text between `start` and `end` begins and ends like the answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from anfrage_desk.segment.model import SplitItem

_PROBE = 60  # letters and digits compared at either end of an answer


_ALNUM = re.compile(r"[^\W_]+")


def _norm(text: str) -> tuple[str, list[int]]:
    """Lower-cased letters and digits of `text`, with each one's offset in `text`."""
    chars: list[str] = []
    where: list[int] = []
    for m in _ALNUM.finditer(text):
        run = m.group()
        low = run.lower()
        chars.append(low)
        if len(low) == len(run):
            where.extend(range(m.start(), m.end()))
        else:  # a letter whose lower case is longer ("İ"): offsets letter by letter
            for i, ch in enumerate(run):
                where.extend([m.start() + i] * len(ch.lower()))
    return "".join(chars), where


def norm(text: str) -> str:
    return "".join(_ALNUM.findall(text)).lower()


def locate(text: str, items: Sequence[SplitItem]) -> tuple[SplitItem, ...]:
    """`items` with `span` set to the (start, end) offsets of their answer in `text`."""
    flat, where = _norm(text)
    out: list[SplitItem] = []
    by_answer: dict[str, tuple[int, int]] = {}  # a joint answer has one place
    cursor = 0
    for item in items:
        if not item.answer:
            out.append(item)
            continue
        if item.joint_with and item.answer in by_answer:
            out.append(replace(item, span=by_answer[item.answer]))
            continue
        span = _find(flat, where, norm(item.answer), cursor)
        if span is None:
            span = _find(flat, where, norm(item.answer), 0)
        if span is not None:
            by_answer[item.answer] = span
            cursor = span[1] if not item.joint_with else cursor
        out.append(replace(item, span=span))
    return tuple(out)


def _find(flat: str, where: list[int], answer: str, cursor: int) -> tuple[int, int] | None:
    """Offsets of `answer` (letters and digits) in the letter, searched from `cursor`.

    The probes get shorter when a longer one fails: page furniture removed from inside the
    answer interrupts it in the original text.
    """
    if not answer:
        return None
    start = _flat_index(where, cursor)
    for size in (_PROBE, 30, 12):
        pos = flat.find(answer[:size], start)
        if pos >= 0:
            break
    else:
        return None
    for size in (_PROBE, 30, 12):
        tail = answer[-size:]
        end = flat.find(tail, pos + max(0, len(answer) - len(tail)))
        if end < 0:
            end = flat.find(tail, pos)
        if end >= 0:
            last = end + len(tail) - 1
            return where[pos], where[min(last, len(where) - 1)] + 1
    return None


def _flat_index(where: list[int], offset: int) -> int:
    """Index into the letters-and-digits string of the first one at or after `offset`."""
    lo, hi = 0, len(where)
    while lo < hi:
        mid = (lo + hi) // 2
        if where[mid] < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo
