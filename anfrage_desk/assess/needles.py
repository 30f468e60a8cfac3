"""Words a phrase pattern cannot match without: a cheap test before the regular expression.

Scanning every answer with every pattern of ``resources/phrases`` costs most of the time of an
assessment. Most patterns need one of a few words ("geprüft", "Zuständigkeit", …); when none of
them occurs in the answer, the pattern is skipped. The words are read off the parsed pattern, so
lists stay plain text for users: a pattern whose words cannot be read off is always run.
"""

from __future__ import annotations

import re
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]
from typing import Any

MIN_LENGTH = 3


def needles(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-case strings one of which every match contains (None: no such set found)."""
    groups = needle_groups(regex)
    return groups[0] if groups else None


def needle_groups(regex: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """All such sets, the most selective first (``needles``); every match contains a string of
    each set, so a pattern whose first set is found in an answer is still skipped when another
    set is not ("wird … geprüft" needs "geprüft" and one of "wird", "werden", …)."""
    try:
        parsed = parser.parse(regex.pattern, regex.flags)
    except (re.error, RecursionError):
        return ()
    groups = _groups(list(parsed))
    usable = [g for g in groups if g and min(len(s) for s in g) >= MIN_LENGTH]
    if not usable:
        return ()
    best = max(usable, key=lambda g: (min(len(s) for s in g), -len(g)))
    rest = [g for g in dict.fromkeys(usable) if g != best]
    return (best, *rest)


def _groups(items: list[tuple[Any, Any]]) -> list[tuple[str, ...]]:
    """Needle groups of a sequence: runs of literals, and branches whose arms all give one."""
    found: list[tuple[str, ...]] = []
    run = ""
    for op, arg in items:
        if op is c.LITERAL:
            run += chr(arg).lower()
            continue
        if op is c.AT:
            continue  # \b and anchors take no characters
        if run:
            found.append((run,))
            run = ""
        if op is c.SUBPATTERN:
            found.extend(_groups(list(arg[-1])))
        elif op is c.BRANCH:
            arms = [_leading(list(arm)) for arm in arg[1]]
            if all(arms):
                found.append(tuple(sorted({a for a in arms if a})))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1:
            found.extend(_groups(list(arg[2])))
    if run:
        found.append((run,))
    return found


def _leading(items: list[tuple[Any, Any]]) -> str | None:
    """The literal text an arm of a branch starts with (after anchors), or None."""
    text = ""
    for op, arg in items:
        if op is c.AT and not text:
            continue
        if op is c.LITERAL:
            text += chr(arg).lower()
            continue
        if op is c.SUBPATTERN and not text:
            inner = list(arg[-1])
            if len(inner) == 1 and inner[0][0] is c.BRANCH:
                return None
            return _leading(inner)
        break
    return text if len(text) >= MIN_LENGTH else None
