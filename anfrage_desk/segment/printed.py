"""The question printed after each label in a letter that prints its questions (Landtag,
Bundestag): from the label to the line that ends the question with "?".

The splitter cuts a block into question and answer; a block that stands for several labels
(questions printed one after another above "Die Fragen 2 und 3 werden gemeinsam beantwortet.")
or a question whose category list ("a) …, b) …") was merged into it would otherwise leave the
item without its own question text, and what the question asks could not be read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from anfrage_desk.segment.cleanup import join_lines
from anfrage_desk.segment.labels import Marker

# The line that ends a question: "…?", "… aufstellen)?", "…?“"
_QUESTION_END = re.compile(r"\?[\s)\]“”\"']*$")
_MAX_LINES = 25


def printed_questions(lines: Sequence[str], markers: Sequence[Marker]) -> dict[str, str]:
    """label -> the question text printed after the label's first marker (label removed)."""
    starts = {m.line: m for m in markers}
    out: dict[str, str] = {}
    parent = ""
    for m in markers:
        if m.kind not in ("plain", "frage") or len(m.labels) != 1:
            continue
        label = m.labels[0]
        if re.fullmatch(r"[a-z]", label):  # "a) …" under "2.": printed as a letter only
            label = parent + label if parent else label
        else:
            parent = label
        if label in out:
            continue
        body = [m.rest] if m.rest else []
        ended = bool(m.rest) and bool(_QUESTION_END.search(m.rest))
        j = m.line + 1
        while not ended and j < min(len(lines), m.line + _MAX_LINES):
            other = starts.get(j)
            if other is not None and not _sub_of(other, label):
                break  # the next question starts before this one ended
            line = lines[j]
            body.append(line)
            ended = bool(_QUESTION_END.search(line.strip()))
            j += 1
        if ended:
            text = join_lines(body)
            if text:
                out[label] = text
    return out


def _sub_of(marker: Marker, label: str) -> bool:
    """A category "a) …" inside the question of ``label`` (not the next question)."""
    if re.fullmatch(r"\d+[a-z]?", label) is None or label[-1].isalpha():
        return False
    return all(re.fullmatch(r"[a-z]|" + re.escape(label) + r"[a-z]", x) for x in marker.labels)


def own_question_texts(
    found: dict[str, tuple[str | None, str | None, tuple[str, ...]]],
    order: Sequence[str],
    printed: dict[str, str],
) -> None:
    """Give each item its own printed question where it has none or shares one with another
    item (a joint group cut as one block)."""
    counts: dict[str, int] = {}
    for lab in order:
        qt = found[lab][0]
        if qt:
            counts[qt] = counts.get(qt, 0) + 1
    for lab in order:
        qt, answer, joint = found[lab]
        if qt and counts.get(qt, 0) == 1:
            continue
        own = printed.get(lab)
        parent = re.fullmatch(r"(\d+)[a-z]", lab)
        if own is None and parent is not None:
            own = printed.get(parent.group(1))  # a category answered under its own heading
        if own is not None:
            found[lab] = (own, answer, joint)
