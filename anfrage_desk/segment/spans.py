"""Where each answer stands in the letter as given: character offsets into the original text.

The splitter works on cleaned lines (page furniture blanked, hyphenation undone, lines
joined), so an item's `answer` is not a slice of the letter. Its `span` is: compared on letters
and digits only, the text between `start` and `end` begins and ends like the answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from anfrage_desk.segment.model import SplitItem

_ALNUM = re.compile(r"[^\W_]+")
_PROBES = (40, 20, 10)  # letters and digits compared at either end, shorter when one fails


def norm(text: str) -> str:
    """Lower-cased letters and digits of `text`, nothing else."""
    return "".join(_ALNUM.findall(text)).lower()


@lru_cache(maxsize=1024)
def _pattern(probe: str) -> re.Pattern[str]:
    """The letters and digits of `probe` with anything else (spaces, hyphens, line breaks,
    furniture-free punctuation) allowed between them. A probe holds letters and digits only
    (see `norm`), none of which needs escaping."""
    return re.compile(r"[\W_]*".join(probe), re.I)


def locate(text: str, items: Sequence[SplitItem]) -> tuple[SplitItem, ...]:
    """`items` with `span` set to the (start, end) offsets of their answer in `text`."""
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
        flat = norm(item.answer)
        span = _find(text, flat, cursor) or _find(text, flat, 0)
        if span is not None:
            by_answer[item.answer] = span
            if not item.joint_with:
                cursor = span[1]
        out.append(replace(item, span=span))
    return tuple(out)


def _find(text: str, answer: str, cursor: int) -> tuple[int, int] | None:
    """Offsets of `answer` (letters and digits) in `text`, searched from `cursor`.

    The probes get shorter when a longer one fails: page furniture removed from inside the
    answer interrupts it in the original text.
    """
    if not answer:
        return None
    for size in _PROBES:
        head = _pattern(answer[:size]).search(text, cursor)
        if head is not None:
            break
    else:
        return None
    for size in _PROBES:
        tail = _pattern(answer[-size:])
        # the slice holds at least as many characters as the answer has letters and digits
        found = tail.search(text, head.start() + max(0, len(answer) - size))
        for _ in range(8):  # the same closing words may stand in the answer more than once
            if found is None or len(norm(text[head.start() : found.end()])) >= len(answer):
                break
            found = tail.search(text, found.start() + 1)
        if found is None:
            found = tail.search(text, head.start())
        if found is not None:
            return head.start(), found.end()
    return None
