"""Questions answered together, and lists inside a question that are no questions of their own.

Two layouts of parliamentary answers (Bundestag, Landtage) and of council letters:

- "Die Fragen 3 und 11 werden gemeinsam beantwortet." below the questions it names, which are
  printed one after another, also out of order; the group becomes one item with one answer.
- "4. Liegen … vor, in wie vielen Fällen Grabstätten a) aufgelöst, b) nicht gepflegt oder
  c) nicht erhalten wurden?": the lettered lines are categories of one question, not items,
  unless the letter itself refers to them as questions ("Tabelle zu Frage 3a").
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence

from anfrage_desk.segment.labels import Marker, normalize_label
from anfrage_desk.segment.matching import looks_like_question_start

_LBL = r"\d{1,2}(?:\.\d{1,2})*(?:\s?[a-z])?"
# "Die Fragen 3 und 11 werden gemeinsam beantwortet.", "Aufgrund des Sachzusammenhangs werden
# die Fragen 4 bis 6 zusammen beantwortet.", "Die Fragen 7, 12 und 13 werden im
# Zusammenhang beantwortet."
ANNOUNCEMENT = re.compile(
    rf"(?:^|[.:]\s+|\b(?:sachzusammenhangs?|zusammenhangs?)\s+)(?:werden\s+)?(?:die\s+)?"
    rf"fragen\s+(?:nr\.\s*)?(?P<labels>{_LBL}(?:\s*(?:,|und|bis|sowie|–|-)\s*{_LBL})+)\s+"
    r"(?:werden\s+)?(?:[\wäöüß\s,]{0,60}?)(?:gemeinsam|zusammen|im\s+zusammenhang|zusammenhängend)"
    r"(?:\s+beantwortet)?",
    re.I,
)


def announced_labels(text: str) -> list[str]:
    """Labels named by a joint-answer announcement in `text` ("3 und 11", "4 bis 6")."""
    m = ANNOUNCEMENT.search(text)
    if not m:
        return []
    raw = m.group("labels")
    parts = [normalize_label(p) for p in re.split(r"\s*(?:,|und|bis|sowie|–|-)\s*", raw) if p]
    ranged = re.search(r"\d\s*(?:bis|–|-)\s*\d", raw) and len(parts) == 2
    if ranged and all(p.isdigit() for p in parts):
        a, b = int(parts[0]), int(parts[1])
        if a < b <= a + 30:
            return [str(x) for x in range(a, b + 1)]
    return parts


_FRAGEN = re.compile("fragen", re.I)


def merge_joint_groups(lines: Sequence[str], markers: Sequence[Marker]) -> list[Marker]:
    """Questions printed together above a joint-answer announcement become one marker."""
    out = list(markers)
    for i, ln in enumerate(lines):
        if not ln or not _FRAGEN.search(ln):
            continue
        text = ln if i + 1 >= len(lines) else f"{ln} {lines[i + 1]}"
        found = ANNOUNCEMENT.search(text[:200])
        if found is None or found.start() > 80:
            continue
        group = announced_labels(text[:200])
        members: list[int] = []
        k = bisect.bisect_left([m.line for m in out], i) - 1
        parts: list[int] = []  # category lines of a member ("a) …") go with the group
        while k >= 0 and out[k].labels and not out[k].joint:
            if out[k].kind == "zu":
                break  # an answer heading "Zu 2. und 3.:" groups the questions itself
            lab = out[k].labels[-1]
            if re.fullmatch(r"[a-z]", lab):
                parts.append(k)
            elif lab in group:
                members.append(k)
            else:
                break
            k -= 1
        if len(members) < 2:
            continue
        members.reverse()
        first = out[members[0]]
        others = tuple(
            dict.fromkeys(
                lab for idx in members[1:] for lab in out[idx].labels if lab != first.labels[-1]
            )
        )
        out[members[0]] = dataclasses.replace(first, joint=others, tail=out[members[-1]])
        for idx in sorted([*members[1:], *(p for p in parts if p > members[0])], reverse=True):
            del out[idx]
    return out


_CONNECTOR = {
    "und", "oder", "bzw", "sowie", "der", "die", "das", "des", "dem", "den", "bei", "von",
    "vom", "im", "in", "zu", "zur", "zum", "mit", "für", "auf", "an", "am", "nach", "über",
    "unter", "zwischen", "aus", "wie", "ob", "einer", "eines", "einem", "ein", "eine", "als",
}  # fmt: skip


def is_fragment(text: str) -> bool:
    """Text that stops in mid-sentence ("… bevorzugt bei", "die Anzahl der Fälle,").

    Such a block between two markers is part of a question that goes on below (a list of
    categories), not an answer.
    """
    flat = " ".join(text.split())
    if not flat or len(flat.split()) > 80:
        return False
    if flat.endswith(":") and looks_like_question_start(flat) and "?" not in flat:
        return True  # "Sind Ausgaben … geleistet worden, … in den Jahren 2024 und 2022:"
    if re.search(r"[.!?:;)\]\"“”»]$", flat):
        return False
    if re.search(r"[.!?]\s+[A-ZÄÖÜ]", flat):
        return False  # a full sentence inside: an answer that ends without a full stop
    last = flat.split()[-1].lower().strip("–-")
    return flat.endswith(",") or last in _CONNECTOR or looks_like_question_start(flat)


def merge_categories(group: list[str], fragments: set[str], text: str) -> list[str]:
    """["4", "4a", "4b", "4c"] answered together: one question "4" with its categories.

    Only when the parts (but the last) stop in mid-sentence or only name a category and the
    stem either does so too or has no answer of its own (`fragments`); kept apart when the
    letter refers to a part as a question ("zu Frage 3a").
    """
    if len(group) < 3 or not all(lab in fragments for lab in group[:-1]):
        return group
    parent = group[0]
    if not all(re.fullmatch(re.escape(parent) + r"[a-z]", lab) for lab in group[1:]):
        return group
    for lab in group[1:]:
        sub = lab[len(parent) :]
        if re.search(rf"\b(?:frage|fragen|zu)\s+{re.escape(parent)}\s?{sub}\b", text, re.I):
            return group
    return [parent]
