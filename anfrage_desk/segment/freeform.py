"""Letters that answer without numbers: one joint answer, topic sections, or answers in order.

A council's answer often does not repeat the questions at all. Three layouts, checked in turn:

1. Topic headings ("Dauer des Verfahrens", "Mehrkosten durch Zeitverzögerung"), each over
   its own paragraphs: each question gets the section whose heading and text share the most
   (distinctive) words with it.
2. The questions repeated as a list at the top, then as many answer paragraphs or more:
   paragraph k answers question k, the last question takes the rest.
3. Otherwise the whole body is one joint answer to every question.

Every such assignment is a guess, so the items it makes are marked as not sure.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from anfrage_desk.segment.cleanup import closing_index, display_text, join_lines, paragraphs
from anfrage_desk.segment.matching import similarity, tokens
from anfrage_desk.segment.model import ParsedQuestion

_MIN_WORD = 5
_STEM = 5
# words that say nothing about the topic of a question or a section
_STOP = {
    "welche", "welcher", "welchen", "welches", "warum", "wieso", "weshalb", "wann", "werden",
    "wurde", "wurden", "worden", "durch", "diese", "dieser", "dieses", "sowie", "bereits",
    "derzeit", "aktuell", "verwaltung", "stadtverwaltung", "bitte", "gibt", "haben", "hinaus",
    "seitens", "gegenüber", "zwischen", "sollen", "können", "konnte", "konkret", "konkrete",
    "jeweils", "insbesondere", "darüber", "hierzu", "daher", "jedoch", "einen", "einer", "eines",
}  # fmt: skip


# "Zu allen 3 Fragen:", "Zu Ihren Fragen:" before a joint answer is no part of it
_ALL_QUESTIONS = re.compile(
    r"^(?:zu\s+(?:allen|den|ihren|diesen)\s+(?:\w+\s+)?fragen|zu\s+ihrer\s+anfrage)\b[^.:]{0,40}:\s*",
    re.I,
)


@dataclass(frozen=True)
class FreeAnswer:
    label: str
    answer: str
    joint_with: tuple[str, ...]


def _words(text: str) -> set[str]:
    return {t for t in tokens(text) if len(t) >= _MIN_WORD and t not in _STOP}


def _match(a: str, b: str) -> bool:
    """Words share a stem, also inside compounds ("dauert" ~ "Dauer", "Verfahrens").

    Inside a compound only for longer words (nouns): "rechnen" is no part of "Berechnungen".
    """
    if a[:_STEM] == b[:_STEM]:
        return True
    return (len(a) >= 8 and a[:_STEM] in b) or (len(b) >= 8 and b[:_STEM] in a)


def _body(lines: Sequence[str]) -> list[list[str]]:
    """Paragraphs of the letter body: from the first paragraph that reads as prose."""
    end = closing_index(lines, 0)
    paras = paragraphs(lines[:end])
    for i, para in enumerate(paras):
        text = join_lines(para)
        if len(text.split()) >= 12 and re.search(r"[.!](?:\s|$)", text):
            # the heading of the first section stands just above it
            return paras[i - 1 :] if i and _is_heading(paras[i - 1]) else paras[i:]
    return []


def _is_heading(para: list[str]) -> bool:
    text = join_lines(para)
    return (
        len(para) == 1
        and 1 <= len(text.split()) <= 8
        and text[:1].isupper()
        and not re.search(r"[.,;:?!]$", text)
        and not re.search(r"\d{2,}", text)
    )


def _sections(paras: list[list[str]]) -> list[tuple[str, list[list[str]]]]:
    sections: list[tuple[str, list[list[str]]]] = []
    for i, para in enumerate(paras):
        if _is_heading(para) and i + 1 < len(paras) and not _is_heading(paras[i + 1]):
            sections.append((join_lines(para), []))
        elif sections:
            sections[-1][1].append(para)
    return sections


def _by_headings(
    sections: list[tuple[str, list[list[str]]]], questions: Sequence[ParsedQuestion]
) -> list[FreeAnswer]:
    heads = [_words(h) for h, _ in sections]
    bodies = [_words(" ".join(join_lines(p) for p in ps)) for _, ps in sections]
    n = len(sections)

    def df(word: str) -> int:
        return sum(
            1 for h, b in zip(heads, bodies, strict=True) if any(_match(word, x) for x in h | b)
        )

    texts = [display_text([ln for p in ps for ln in [*p, ""]]) for _, ps in sections]
    out: list[FreeAnswer] = []
    for q in questions:
        scores = []
        for k in range(n):
            score = 0.0
            for w in _words(q.text):
                weight = math.log(1 + n / max(1, df(w)))
                if any(_match(w, x) for x in heads[k]):
                    score += 2.0 * weight
                if any(_match(w, x) for x in bodies[k]):
                    score += weight
            scores.append(score)
        best = max(range(n), key=lambda k: scores[k])
        out.append(FreeAnswer(q.label, texts[best], ()))
    return out


def split_free_form(lines: Sequence[str], questions: Sequence[ParsedQuestion]) -> list[FreeAnswer]:
    """Answers for `questions` from a letter without numbered items (see the module doc)."""
    paras = _body(lines)
    if not paras or not questions:
        return []
    repeated = [
        i
        for i, p in enumerate(paras)
        if any(similarity(q.text, join_lines(p)) >= 0.7 for q in questions)
    ]
    if repeated:
        paras = paras[max(repeated) + 1 :]
    sections = _sections(paras)
    if len(sections) >= 2 and len(questions) >= 2:
        return _by_headings(sections, questions)
    if paras and _is_heading(paras[0]):
        paras = paras[1:]  # a title, not the heading of a section
    texts = [display_text(p) for p in paras]
    texts = [t for t in texts if t]
    if not texts:
        return []
    labels = [q.label for q in questions]
    if len(repeated) >= 2 and len(texts) >= len(questions):
        out = [FreeAnswer(lab, texts[k], ()) for k, lab in enumerate(labels[:-1])]
        out.append(FreeAnswer(labels[-1], "\n\n".join(texts[len(labels) - 1 :]), ()))
        return out
    whole = _ALL_QUESTIONS.sub("", "\n\n".join(texts), count=1).strip()
    return [FreeAnswer(lab, whole, tuple(x for x in labels if x != lab)) for lab in labels]
