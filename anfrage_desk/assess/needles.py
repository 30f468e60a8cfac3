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


def starting_early(regex: re.Pattern[str]) -> re.Pattern[str]:
    """``regex`` with the characters a match can start with said up front, ``(?=[…])(?:…)``.

    The same matches: a pattern that begins with an alternation ("\\b(?:wird|werden|ist …)") is
    otherwise tried arm by arm at every position (case-insensitive literals are not skipped
    over quickly). Returned unchanged when those characters cannot be read off (an optional
    start, a look-around, a negated class) or the pattern starts with a plain literal.
    """
    if regex.flags & re.VERBOSE:
        return regex  # a trailing comment would swallow the closing parenthesis
    try:
        items = list(parser.parse(regex.pattern, regex.flags))
    except (re.error, RecursionError):
        return regex
    lead = [(op, arg) for op, arg in items if op is not c.AT][:1]
    if not lead or lead[0][0] not in (c.BRANCH, c.SUBPATTERN):
        return regex
    first = _first(items)
    if not first:
        return regex
    try:
        return re.compile(f"(?=[{''.join(sorted(first))}])(?:{regex.pattern})", regex.flags)
    except re.error:  # inline flags such as "(?i)" must stay at the very start
        return regex


def _first(items: list[tuple[Any, Any]]) -> set[str] | None:
    """Class members (escaped) for every character a match of ``items`` can start with."""
    for op, arg in items:
        if op is c.AT:
            continue  # \b, ^: zero width
        if op is c.LITERAL:
            return {re.escape(chr(arg))}
        if op is c.IN:
            return _members(arg)
        if op is c.SUBPATTERN:
            return _first(list(arg[-1]))
        if op is c.BRANCH:
            found: set[str] = set()
            for arm in arg[1]:
                chars = _first(list(arm))
                if not chars:
                    return None
                found |= chars
            return found
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1:
            return _first(list(arg[2]))
        return None  # optional, look-around, any character …: cannot tell
    return None  # all zero width: a match may be empty


_CATEGORIES = {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_WORD: r"\w", c.CATEGORY_SPACE: r"\s"}


def _members(items: list[tuple[Any, Any]]) -> set[str] | None:
    found: set[str] = set()
    for op, arg in items:
        if op is c.LITERAL:
            found.add(re.escape(chr(arg)))
        elif op is c.RANGE:
            found.add(f"{re.escape(chr(arg[0]))}-{re.escape(chr(arg[1]))}")
        elif op is c.CATEGORY and arg in _CATEGORIES:
            found.add(_CATEGORIES[arg])
        else:
            return None  # a negated class, \W …
    return found
