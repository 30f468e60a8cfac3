"""Splitting an answer letter into items: question repeated, answer, joint answers."""

from __future__ import annotations

import re
from collections.abc import Sequence

from anfrage_desk.segment.cleanup import (
    clean_answer,
    closing_index,
    display_text,
    prepare_lines,
)
from anfrage_desk.segment.freeform import split_free_form
from anfrage_desk.segment.groups import is_fragment, merge_categories, merge_joint_groups
from anfrage_desk.segment.inquiry import questions_from_lines
from anfrage_desk.segment.labels import Marker, find_markers, normalize_label
from anfrage_desk.segment.matching import split_block
from anfrage_desk.segment.meta import letter_meta
from anfrage_desk.segment.model import NO_ITEMS_PROBLEM, ParsedQuestion, SplitItem, SplitLetter
from anfrage_desk.segment.numbering import (
    block_lines,
    choose_own,
    choose_with_questions,
    question_text_markers,
)
from anfrage_desk.segment.printed import own_question_texts, printed_questions
from anfrage_desk.segment.spans import locate

_JOINT_SENTENCE = re.compile(
    r"(?:die\s+)?fragen\s+(?:nr\.\s*)?(?P<a>\d{1,3}[a-z]?)\.?\s*(?P<sep>und|bis|–|-|sowie|,)\s*"
    r"(?P<b>\d{1,3}[a-z]?)\.?(?:\s*(?:und|,)\s*(?P<c>\d{1,3}[a-z]?))?\s+werden\s+"
    r"(?:[\w\s,]{0,60}?)?(?:gemeinsam|zusammen|zusammenhängend)",
    re.I,
)


def _strip_announcement(text: str) -> str:
    """Remove a leading "Die Fragen 3 und 4 werden gemeinsam beantwortet." sentence."""
    m = re.match(r"^[^.:]*?" + _JOINT_SENTENCE.pattern + r"[^.:]*[.:]\s*", text, re.I)
    if m and m.end() < len(text):
        return text[m.end() :].strip()
    return text


def split_letter(text: str, questions: Sequence[ParsedQuestion] | None = None) -> SplitLetter:
    """Split an answer letter into one item per question (or per item the letter numbers)."""
    lines = prepare_lines(text)
    meta = letter_meta(text, lines)
    problems: list[str] = []
    markers = find_markers(lines)
    if markers:
        # annexes after the closing ("Mit freundlichen Grüßen", "(verteilt am …)") are not answers
        doc_end = closing_index(lines, markers[0].line + 1, strong=True)
        markers = merge_joint_groups(lines, [m for m in markers if m.line < doc_end])
    if questions:
        with_texts = question_text_markers(lines, markers, questions)
        chosen = choose_with_questions(lines, with_texts, questions)
        chosen = _prefer_answer_markers(lines, with_texts, questions, chosen)
        by_label = chosen
        chosen = _by_order(lines, markers, questions, chosen)
        mapped = chosen is not by_label  # the letter's own numbering mapped by order: a guess
    else:
        chosen = choose_own(lines, markers)
        mapped = False

    q_texts = {q.label: q.text for q in questions or []}
    found: dict[str, tuple[str | None, str | None, tuple[str, ...]]] = {}
    order: list[str] = []
    unsure: set[str] = set()  # labels whose answer was assigned by a guess
    if mapped:
        unsure.update(lab for _, labs in chosen for lab in labs)

    if chosen:
        end_all = closing_index(lines, chosen[-1][0].line + 1)
        pending: list[tuple[str, str | None]] = []
        fragments: set[str] = set()
        stems: set[str] = set()
        text_only = True  # the group's questions are repeated without numbers
        later_labels = _later_labels(chosen)
        for ci, (marker, labels) in enumerate(chosen):
            nxt = chosen[ci + 1][0].line if ci + 1 < len(chosen) else end_all
            nxt = _repeated_question_ahead(markers, marker, nxt, later_labels[ci])
            labels = _with_joint(labels, marker, q_texts)
            block = block_lines(lines, marker.tail or marker, min(nxt, end_all))
            given = "\n".join(q_texts[x] for x in labels if x in q_texts) or None
            if marker.tail is not None:
                tail_label = marker.tail.labels[-1]
                given = q_texts.get(tail_label) or given
            q_text, answer_lines = split_block(block, given, marker.kind)
            answer_lines = _drop_heading(answer_lines, {*labels, *(lab for lab, _ in pending)})
            if ci + 1 < len(chosen):
                answer_lines = _drop_next_number(answer_lines, chosen[ci + 1])
            answer = display_text(clean_answer(answer_lines)) or None
            if (
                answer
                and ci + 1 < len(chosen)
                and (
                    is_fragment(answer)
                    or (_is_category(answer, block) and _sub_item(chosen[ci + 1][1]))
                )
            ):
                answer = None  # the question goes on below: "… bevorzugt bei / a) …, b) …"
                fragments.update(labels)
            elif answer is None and q_text is not None and not pending:
                stems.update(labels)  # a question printed without an answer of its own
            if answer:
                answer = _strip_announcement(answer) if len(labels) > 1 else answer
            for lab in labels:
                pending.append((lab, q_texts.get(lab) or q_text))
            text_only = text_only and marker.kind == "text"
            if answer is None and ci + 1 < len(chosen):
                continue  # question printed without an answer: grouped with the next one
            if not questions:
                kept = merge_categories([lab for lab, _ in pending], fragments | stems, text)
                if len(kept) == 1 < len(pending) and answer:
                    answer = _drop_category_line(answer)
                pending = [p for p in pending if p[0] in kept]
            group = tuple(lab for lab, _ in pending)
            if answer and len(group) > 1:
                answer = _strip_announcement(answer)
            by_order = _answers_in_order(answer, group) if text_only else {}
            for lab, part in by_order.items():
                found[lab] = (q_texts.get(lab), part, ())
                order.append(lab)
                unsure.add(lab)
            for lab, qt in pending:
                others = tuple(x for x in group if x != lab) if answer else ()
                if lab not in found:
                    found[lab] = (qt, answer, others)
                    order.append(lab)
            pending = []
            text_only = True
        _apply_joint_sentences(found, order)
        if not questions and any(found[lab][0] is None for lab in order):
            # "Zu Frage 1:" answers after the questions printed as a list (Landtag layout)
            listed = {q.label: q.text for q in questions_from_lines(lines[: chosen[0][0].line])[0]}
            for lab in order:
                qt, answer, joint = found[lab]
                if qt is None and lab in listed:
                    found[lab] = (listed[lab], answer, joint)
        if not questions:
            own_question_texts(found, order, printed_questions(lines, markers))
    elif questions:
        # no numbered answers at all: topic sections, answers in order, or one joint answer
        for free in split_free_form(lines, questions):
            found[free.label] = (q_texts.get(free.label), free.answer, free.joint_with)
            order.append(free.label)
            unsure.add(free.label)

    items: list[SplitItem] = []
    if questions:
        for q in questions:
            if q.label in found:
                _, answer, joint = found[q.label]
                items.append(SplitItem(q.label, q.text, answer, joint, q.label not in unsure))
            else:
                items.append(SplitItem(q.label, q.text, None))
        missing = [q.label for q in questions if found.get(q.label, (None, None, ()))[1] is None]
        if not found:
            problems.append(NO_ITEMS_PROBLEM)
        elif missing:
            problems.append(
                "Im Schreiben wurde keine Antwort gefunden zu "
                + _label_list(missing, "Frage", "Fragen")
                + "."
            )
    else:
        for lab in order:
            qt, answer, joint = found[lab]
            items.append(SplitItem(lab, qt, answer, joint, lab not in unsure))
        if not items:
            problems.append(NO_ITEMS_PROBLEM)
        else:
            empty = [it.label for it in items if it.answer is None]
            if empty:
                problems.append(
                    "Im Schreiben steht keine Antwort zu "
                    + _label_list(empty, "Frage", "Fragen")
                    + "."
                )
    return SplitLetter(meta, locate(text, items), tuple(problems))


def _is_category(answer: str, block: Sequence[str]) -> bool:
    """ "a) insgesamt mit Nachleerung": one short line without a sentence end is a category."""
    return (
        len([ln for ln in block if ln.strip()]) == 1
        and "\n" not in answer
        and len(answer.split()) <= 6
        and not re.search(r"[.!?:;]$", answer)
    )


def _sub_item(labels: Sequence[str]) -> bool:
    return bool(labels) and bool(re.fullmatch(r"\d{1,2}[a-z]", labels[0]))


def _drop_category_line(answer: str) -> str:
    """The last category's line before the joint answer below the list."""
    head, sep, rest = answer.partition("\n\n")
    return rest if sep and rest and _is_category(head, [head]) else answer


def _later_labels(chosen: Sequence[tuple[Marker, list[str]]]) -> list[set[str]]:
    """For each chosen marker, the labels of the markers after it."""
    out: list[set[str]] = []
    seen: set[str] = set()
    for marker, labels in reversed(chosen):
        out.append(set(seen))
        seen |= {*labels, *marker.joint}
    return out[::-1]


def _repeated_question_ahead(
    markers: Sequence[Marker], marker: Marker, nxt: int, later: set[str]
) -> int:
    """Under "Zu 1.:" headings the next questions may be repeated before their own heading
    ("2. …? 3. …? Zu 2. und 3.: …"): an answer ends where a later question is printed."""
    if marker.kind != "zu":
        return nxt
    for other in markers:
        if marker.line < other.line < nxt and other.kind == "plain" and other.labels[-1] in later:
            return other.line
    return nxt


def _drop_next_number(answer_lines: list[str], following: tuple[Marker, list[str]]) -> list[str]:
    """A table's number column: "2" on its own line above the next question's row belongs to
    that row, not to this answer."""
    marker, labels = following
    if marker.kind != "text" or not labels:
        return answer_lines
    end = len(answer_lines)
    while end and not answer_lines[end - 1].strip():
        end -= 1
    if end and answer_lines[end - 1].strip() == labels[0]:
        return answer_lines[: end - 1]
    return answer_lines


def _drop_heading(answer_lines: list[str], labels: set[str]) -> list[str]:
    """An answer heading "Zu 2. und 3.:" for the item's own labels is no part of its answer."""
    first = next((i for i, ln in enumerate(answer_lines) if ln.strip()), None)
    if first is None:
        return answer_lines
    found = find_markers([answer_lines[first]])
    if found and found[0].kind == "zu" and not found[0].rest and set(found[0].labels) <= labels:
        return answer_lines[first + 1 :]
    return answer_lines


def _answers_in_order(answer: str | None, group: Sequence[str]) -> dict[str, str]:
    """Questions repeated together without numbers, then paragraphs: k-th paragraph, k-th one.

    Only when there are at least as many paragraphs as questions and no sentence announces a
    joint answer; the last question takes the remaining paragraphs.
    """
    if not answer or len(group) < 2 or _JOINT_SENTENCE.search(answer[:300]):
        return {}
    paras = [p for p in answer.split("\n\n") if p.strip()]
    if len(paras) < len(group):
        return {}
    out = {lab: paras[k] for k, lab in enumerate(group[:-1])}
    out[group[-1]] = "\n\n".join(paras[len(group) - 1 :])
    return out


def _with_joint(labels: list[str], marker: Marker, q_texts: dict[str, str]) -> list[str]:
    """A group's labels: the marker's own and those of the questions printed with it."""
    extra = [lab for lab in marker.joint if lab not in labels and (not q_texts or lab in q_texts)]
    return [*labels, *extra]


def _prefer_answer_markers(
    lines: Sequence[str],
    markers: Sequence[Marker],
    questions: Sequence[ParsedQuestion],
    chosen: list[tuple[Marker, list[str]]],
) -> list[tuple[Marker, list[str]]]:
    """Explicit answer headings ("Zu Frage 1:") win over a plain numbered list.

    A Landtag answer often quotes the whole inquiry as a numbered list first and answers under
    "Zu Frage N" afterwards; matching by question text alone picks the quoted list, which has
    no text between its items and so would make one joint answer of everything.
    """
    if all(marker.kind == "zu" for marker, _ in chosen):
        return chosen
    answer_markers = [m for m in markers if m.kind == "zu"]
    if not answer_markers:
        return chosen
    alternative = choose_with_questions(lines, answer_markers, questions)
    covered = {lab for _, labs in chosen for lab in labs}
    covered_alt = {lab for _, labs in alternative for lab in labs}
    return alternative if covered_alt >= covered else chosen


def _by_order(
    lines: Sequence[str],
    markers: Sequence[Marker],
    questions: Sequence[ParsedQuestion],
    chosen: list[tuple[Marker, list[str]]],
) -> list[tuple[Marker, list[str]]]:
    """The letter's own numbering mapped onto the questions in order, where the labels differ.

    An inquiry lettered a), b), c) may be answered under 1., 2., 3. (or I., II.): when the letter's
    own numbering has exactly as many items as the inquiry has questions and covers more of them
    than matching by label did, item k answers question k.
    """
    covered = {lab for _, labs in chosen for lab in labs}
    if len(covered) == len(questions):
        return chosen
    own = choose_own(lines, markers, lists_too=True)
    own_labels = [lab for _, labs in own for lab in labs]
    if len(own_labels) != len(questions) or len(own_labels) <= len(covered):
        return chosen
    if {normalize_label(lab) for lab in own_labels} == {q.label for q in questions}:
        return chosen  # same labels: the choice by label already had its say
    order = iter(q.label for q in questions)
    return [(marker, [next(order) for _ in labs]) for marker, labs in own]


def _label_list(labels: Sequence[str], one: str, many: str) -> str:
    if len(labels) == 1:
        return f"{one} {labels[0]}"
    return f"{many} {', '.join(labels[:-1])} und {labels[-1]}"


def _apply_joint_sentences(
    found: dict[str, tuple[str | None, str | None, tuple[str, ...]]], order: list[str]
) -> None:
    """ "Die Fragen 3 und 4 werden gemeinsam beantwortet": give 4 the answer printed under 3."""
    for lab, (_, answer, _joint) in list(found.items()):
        if not answer:
            continue
        m = _JOINT_SENTENCE.search(answer[:400])
        if not m:
            continue
        labels = [m.group("a"), m.group("b")] + ([m.group("c")] if m.group("c") else [])
        if m.group("sep").lower() in ("bis", "–", "-") and all(x.isdigit() for x in labels[:2]):
            labels = [str(x) for x in range(int(labels[0]), int(labels[1]) + 1)]
        if lab not in labels:
            continue
        group = tuple(labels)
        for other in labels:
            if other == lab:
                continue
            q, a, _ = found.get(other, (None, None, ()))
            if a is None:
                found[other] = (q, answer, tuple(x for x in group if x != other))
                if other not in order:
                    order.append(other)
        found[lab] = (found[lab][0], answer, tuple(x for x in group if x != lab))
