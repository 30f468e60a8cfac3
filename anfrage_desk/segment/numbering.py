"""Choosing the markers that form the letter's numbering (a small dynamic programme)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from anfrage_desk.segment.cleanup import join_lines
from anfrage_desk.segment.groups import is_fragment
from anfrage_desk.segment.labels import Marker, roman_value, top_label
from anfrage_desk.segment.matching import question_end_heuristic, similarity, tokens
from anfrage_desk.segment.model import ParsedQuestion

# How many earlier markers the choice looks back at: numbered lists inside one answer rarely
# have more items, and the bound keeps huge pasted texts from taking quadratic time.
WINDOW = 80


def block_lines(lines: Sequence[str], marker: Marker, end: int) -> list[str]:
    block = [marker.rest] if marker.rest else []
    block.extend(lines[marker.line + 1 : end])
    while block and not block[0]:
        block.pop(0)
    return block


def _window_text(lines: Sequence[str], marker: Marker, n_tokens: int) -> str:
    parts = [marker.rest]
    count = len(tokens(marker.rest))
    for ln in lines[marker.line + 1 : marker.line + 40]:
        parts.append(ln)
        count += len(tokens(ln))
        if count >= n_tokens:
            break
    return join_lines(parts)


def _looks_like_question_block(lines: Sequence[str], marker: Marker, nxt: int) -> bool:
    block = block_lines(lines, marker, nxt)
    n = question_end_heuristic(block[:12])
    return n > 0 and any(ln.strip() for ln in block[n:])


def _expand_range(labels: Sequence[str], order: Sequence[str]) -> list[str]:
    if len(labels) >= 2 and labels[0] in order and labels[-1] in order:
        a, b = order.index(labels[0]), order.index(labels[-1])
        if a <= b:
            return list(order[a : b + 1])
    if all(x.isdigit() for x in labels) and len(labels) >= 2:
        a, b = int(labels[0]), int(labels[-1])
        if a <= b <= a + 40:
            return [str(x) for x in range(a, b + 1)]
    return list(labels)


def _resolve(marker: Marker, prev_label: str | None, order: Sequence[str] | None) -> list[str]:
    """Labels a marker stands for, given the previously chosen label."""
    raw = list(marker.labels)
    if marker.is_range:
        raw = _expand_range(raw, order or [])
    out: list[str] = []
    top = top_label(prev_label) if prev_label else None
    for r in raw:
        if re.fullmatch(r"[a-z]", r):
            if top and not re.fullmatch(r"[a-z]", top):
                out.append(top + r if order is None or top + r in order or r not in order else r)
            else:
                out.append(r)
        elif re.fullmatch(r"\d{1,3}", r) and top and re.fullmatch(r"[A-Z]|[IVX]+", top):
            if order is not None:
                out.append(top + r if (top + r) in order and r not in order else r)
            else:
                out.append(r)
        else:
            out.append(r)
    return out


_TEXT_TRIES = 12
_TEXT_HITS = 3


_BARE_NUMBER = re.compile(r"^\s*\d{1,2}[a-z]?(?:\s+|$)")


def question_text_markers(
    lines: Sequence[str], markers: Sequence[Marker], questions: Sequence[ParsedQuestion]
) -> list[Marker]:
    """`markers` plus a marker wherever a letter repeats a question's text without its number.

    Some letters print each question again (often in bold) and answer below it, but leave the
    numbers out. A line that starts a sentence with the question's first words and continues
    with most of its words marks that question, as "text" marker labelled with the question.
    """
    taken = {m.line: m for m in markers}
    starts: dict[tuple[str, ...], list[int]] = {}
    for i, ln in enumerate(lines):
        if not ln or i in taken:
            continue
        before = lines[i - 1].rstrip() if i else ""
        if before and not before.endswith((".", "?", ":", "!")) and not _BARE_NUMBER.match(before):
            continue
        above = taken.get(i - 1) or (taken.get(i - 2) if i >= 2 and not lines[i - 1] else None)
        if above is not None and not above.rest:
            continue  # the question printed under its number: the number marks it already
        # a table's number column: "1 Wie viele …?" or "1" on a line of its own above
        head = tuple(tokens(_BARE_NUMBER.sub("", ln, count=1))[:2])
        if len(head) == 2:
            starts.setdefault(head, []).append(i)
    found: list[Marker] = []
    for q in questions:
        q_tokens = tokens(q.text)
        if len(q_tokens) < 4:
            continue
        hits = 0
        # a repeated question is printed once or twice; the caps keep pasted texts fast
        for i in starts.get((q_tokens[0], q_tokens[1]), [])[:_TEXT_TRIES]:
            if hits >= _TEXT_HITS:
                break
            window: list[str] = []
            count = 0
            for ln in lines[i : i + 40]:
                window.append(ln)
                count += len(tokens(ln))
                if count >= len(q_tokens) + 5:
                    break
            seen = join_lines(window)
            if q.text.rstrip().endswith("?") and "?" in seen:
                seen = seen[: seen.index("?") + 1]  # the answer may follow on the same line
            if similarity(q.text, seen) >= 0.7:
                para_start = i == 0 or not lines[i - 1]
                found.append(Marker(i, "text", (q.label,), False, lines[i], para_start))
                hits += 1
    if not found:
        return list(markers)
    return sorted([*markers, *found], key=lambda m: m.line)


def _part_of_next_group(raw: str, order: Sequence[str], prev_qi: int) -> list[str]:
    """ "1." under a heading "B) Zum Schülerticket:" that is no question of its own: "B1".

    The heading cannot be chosen (it has no label among the questions), so a bare number that
    fits no question is read as the part of the next lettered group that carries that number.
    """
    if raw.isdigit():
        group = r"(?:[A-Z]|[IVX]+)"
    elif re.fullmatch(r"[a-z]", raw):
        group = r"(?:\d{1,2}(?:\.\d{1,2})*|[A-Z]|[IVX]+)"  # "a." under a stem "4." asking nothing
    else:
        return [raw]
    for j in range(prev_qi + 1, min(len(order), prev_qi + 3)):
        if re.fullmatch(rf"{group}{raw}", order[j]):
            return [order[j]]
    return [raw]


def choose_with_questions(
    lines: Sequence[str],
    markers: Sequence[Marker],
    questions: Sequence[ParsedQuestion],
) -> list[tuple[Marker, list[str]]]:
    order = [q.label for q in questions]
    index = {lab: i for i, lab in enumerate(order)}
    texts = {q.label: q.text for q in questions}
    sim_cache: dict[tuple[int, str], float] = {}

    def sim(mi: int, label: str) -> float:
        key = (mi, label)
        if key not in sim_cache:
            q = texts.get(label, "")
            n = len(tokens(q)) + 15
            sim_cache[key] = similarity(q, _window_text(lines, markers[mi], n)) if q else 0.0
        return sim_cache[key]

    # states: (marker index, last question index) -> (score, previous state, labels)
    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None, list[str]]] = {}
    by_marker: dict[int, set[int]] = {}
    start_states: list[tuple[tuple[int, int] | None, float, str | None, int]] = [
        (None, 0.0, None, -1)
    ]
    for mi, marker in enumerate(markers):
        candidates: list[tuple[tuple[int, int] | None, float, str | None, int]] = list(start_states)
        for pmi in range(max(0, mi - WINDOW), mi):
            for pqi in by_marker.get(pmi, ()):
                score, _, labs = best[(pmi, pqi)]
                candidates.append(((pmi, pqi), score, labs[-1], pqi))
        for prev_state, prev_score, prev_label, prev_qi in candidates:
            labs = _resolve(marker, prev_label, order)
            if len(labs) == 1 and labs[0] not in index:
                raw = marker.labels[0] if re.fullmatch(r"[a-z]", marker.labels[0]) else labs[0]
                labs = _part_of_next_group(raw, order, prev_qi)
            idxs = [index[x] for x in labs if x in index]
            if not idxs or len(idxs) != len(labs) or min(idxs) <= prev_qi:
                continue
            base = 4.0 if marker.kind in ("zu", "frage") else 2.0
            bonus = max(sim(mi, lab) for lab in labs)
            score = prev_score + base + 4.0 * bonus + (0.5 if marker.para_start else 0.0)
            score += 1.0 * (len(idxs) - 1)
            key = (mi, max(idxs))
            if key not in best or best[key][0] < score:
                best[key] = (score, prev_state, [order[i] for i in sorted(idxs)])
                by_marker.setdefault(mi, set()).add(key[1])
    if not best:
        return []
    state: tuple[int, int] | None = max(best, key=lambda k: (best[k][0], -k[0]))
    chosen: list[tuple[Marker, list[str]]] = []
    while state is not None:
        score, prev, labs = best[state]
        chosen.append((markers[state[0]], labs))
        state = prev
    chosen.reverse()
    return chosen


def successor(prev: str | None, raw: str, marker: Marker) -> tuple[str, float] | None:
    """The label `raw` stands for after `prev` in a letter's own numbering, with a penalty.

    Numbers ("1", "2a"), capital letters and Roman numerals ("A", "II", with numbered parts "B1",
    "II2") and, as a last resort, bare small letters ("a", "b") for a list lettered throughout.
    """
    if "." in raw or (prev is not None and "." in prev):
        return _hierarchical_successor(prev, raw)
    if prev is None:
        if raw in ("1", "A", "I"):
            return raw, 0.0
        if raw == "a":
            return raw, 0.5
        if raw.isdigit() and int(raw) <= 3:
            return raw, 3.0 * (int(raw) - 1)
        return None
    m = re.fullmatch(r"(\d+)([a-z]?)", prev)
    if m:
        n, sub = int(m.group(1)), m.group(2)
        if raw.isdigit():
            gap = int(raw) - n
            if gap == 1:
                return raw, 0.0
            if 2 <= gap <= 3:
                return raw, 3.0 * (gap - 1)
            return None
        m_next = re.fullmatch(r"(\d+)a", raw)
        if m_next and int(m_next.group(1)) == n + 1:
            return raw, 0.5  # "2 a." after "1.": a stem that is no question of its own
        if re.fullmatch(r"[a-z]", raw):
            want = chr(ord(sub) + 1) if sub else "a"
            return (f"{n}{raw}", 0.0) if raw == want else None
        m2 = re.fullmatch(r"(\d+)([a-z])", raw)
        if m2 and int(m2.group(1)) == n:
            want = chr(ord(sub) + 1) if sub else "a"
            return (raw, 0.0) if m2.group(2) == want else None
        return None
    m = re.fullmatch(r"([A-Z]+)(\d*)", prev)
    if m:
        head, num = m.group(1), m.group(2)
        if re.fullmatch(r"[A-Z]+", raw):
            if len(head) == 1 and len(raw) == 1 and ord(raw) == ord(head) + 1:
                return raw, 0.0
            value, prev_value = roman_value(raw), roman_value(head)
            if value and prev_value and value == prev_value + 1:
                return raw, 0.0
            return None
        if raw.isdigit():
            want_no = int(num) + 1 if num else 1
            return (head + raw, 0.0) if int(raw) == want_no else None
        return None
    if re.fullmatch(r"[a-z]", prev) and re.fullmatch(r"[a-z]", raw):
        return (raw, 0.0) if ord(raw) == ord(prev) + 1 else None
    return None


def _hierarchical_successor(prev: str | None, raw: str) -> tuple[str, float] | None:
    """ "3" -> "3.1" (first child), "3.1" -> "3.2" (sibling), "3.2" -> "4" (back up a level)."""
    if not re.fullmatch(r"\d{1,2}(?:\.\d{1,2})*", raw):
        return None
    new = [int(x) for x in raw.split(".")]
    if prev is None:
        return (raw, 0.0) if all(x == 1 for x in new) else None
    m = re.fullmatch(r"(\d{1,2}(?:\.\d{1,2})*)", prev)
    if not m:
        return None
    old = [int(x) for x in prev.split(".")]
    if new == [*old, 1]:
        return raw, 0.0
    for depth in range(len(old), 0, -1):
        step = [*old[: depth - 1], old[depth - 1] + 1]
        # "1.2" -> "2" or "2.1" (the next group starts with its first part)
        if new[: len(step)] == step and all(x == 1 for x in new[len(step) :]):
            return raw, 0.0
    return None


def _skip_consumed(label: str | None, consumed: set[str]) -> str | None:
    """After "10", with 11–13 answered earlier in a group ("Die Fragen 7, 12 und 13 …"), "14"."""
    while label is not None and label.isdigit() and str(int(label) + 1) in consumed:
        label = str(int(label) + 1)
    return label


def choose_own(
    lines: Sequence[str], markers: Sequence[Marker], lists_too: bool = False
) -> list[tuple[Marker, list[str]]]:
    """Markers forming the letter's own numbering (no questions given).

    Without `lists_too`, a numbering with no repeated question and no "Zu" heading is taken for
    a list inside the text and dropped.
    """
    n = len(markers)
    consumed = {lab for m in markers for lab in m.joint}
    qlike: list[bool] = []
    frag: list[bool] = []  # "a) Teilnahmegebühren," – a category inside a question
    for i, mk in enumerate(markers):
        nxt = markers[i + 1].line if i + 1 < n else len(lines)
        qlike.append(_looks_like_question_block(lines, mk.tail or mk, nxt))
        block = block_lines(lines, mk, nxt)
        frag.append(len(block) <= 3 and is_fragment(join_lines(block)))
    best: dict[int, tuple[float, int | None, list[str]]] = {}
    for mi, marker in enumerate(markers):
        options: list[tuple[int | None, float, str | None]] = [(None, 0.0, None)]
        options.extend(
            (pmi, best[pmi][0], best[pmi][2][-1])
            for pmi in range(max(0, mi - WINDOW), mi)
            if pmi in best
        )
        for pmi, pscore, plabel in options:
            plabel = _skip_consumed(plabel, consumed)
            if marker.kind == "zu" and len(marker.labels) > 1:
                labs = _resolve(marker, plabel, None)
                first = successor(plabel, labs[0], marker)
                if first is None:
                    continue
                labs[0] = first[0]
                penalty = first[1]
            else:
                raw = marker.labels[0]
                res = successor(plabel, raw, marker)
                if res is None:
                    continue
                labs, penalty = [res[0]], res[1]
            gain = 2.0 + (3.0 if qlike[mi] else 0.0) + (1.5 if marker.kind != "plain" else 0.0)
            gain += 0.5 if marker.para_start else 0.0
            gain -= 1.5 if frag[mi] else 0.0
            gain += 2.0 * len(marker.joint)  # the group's other questions count as items
            score = pscore + gain - penalty
            if mi not in best or best[mi][0] < score:
                best[mi] = (score, pmi, labs)
    if not best:
        return []
    last: int | None = max(best, key=lambda k: (best[k][0], -k))
    chosen: list[tuple[Marker, list[str]]] = []
    while last is not None:
        _, prev, labs = best[last]
        chosen.append((markers[last], labs))
        last = prev
    chosen.reverse()
    # a numbering without a single question-like block and without "Zu" headings is a list
    if not lists_too and not any(qlike[markers.index(m)] or m.kind != "plain" for m, _ in chosen):
        return []
    return chosen
