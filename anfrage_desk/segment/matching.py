"""Where the repeated question ends and the answer starts, and how alike two texts are."""

from __future__ import annotations

import re
from collections.abc import Sequence

from anfrage_desk.segment.cleanup import join_lines
from anfrage_desk.segment.labels import ANTWORT_RE

_TOKEN = re.compile(r"[0-9a-zäöüß]+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def match_profile(q_tokens: Sequence[str], p_tokens: Sequence[str]) -> list[int]:
    """Greedy in-order matching of question tokens in a text; matched count after each token."""
    out: list[int] = []
    qi = 0
    matched = 0
    nq = len(q_tokens)
    for tok in p_tokens:
        if qi < nq:
            for k in range(qi, min(nq, qi + 8)):
                if q_tokens[k] == tok:
                    matched += 1
                    qi = k + 1
                    break
        out.append(matched)
    return out


_INTERROGATIVE = {
    "wie",
    "welche",
    "welcher",
    "welches",
    "welchen",
    "welchem",
    "was",
    "wann",
    "wo",
    "wer",
    "wem",
    "wen",
    "wessen",
    "warum",
    "weshalb",
    "wieso",
    "weswegen",
    "inwiefern",
    "inwieweit",
    "womit",
    "wodurch",
    "wofür",
    "wozu",
    "woran",
    "worauf",
    "wovon",
    "wohin",
    "woher",
    "ob",
}
_QUESTION_VERBS = {
    "gibt",
    "gab",
    "ist",
    "sind",
    "war",
    "waren",
    "kann",
    "können",
    "könnte",
    "könnten",
    "wird",
    "werden",
    "wurde",
    "wurden",
    "hat",
    "haben",
    "hatte",
    "hatten",
    "plant",
    "planen",
    "sieht",
    "sehen",
    "liegt",
    "liegen",
    "besteht",
    "bestehen",
    "trifft",
    "teilt",
    "hält",
    "soll",
    "sollen",
    "sollte",
    "muss",
    "müssen",
    "darf",
    "dürfen",
    "will",
    "wollen",
    "beabsichtigt",
    "erwägt",
    "existiert",
    "existieren",
    "stimmt",
    "gedenkt",
    "unterstützt",
    "erfolgt",
    "erfolgen",
    "befindet",
    "wäre",
    "wären",
    "würde",
    "würden",
    "erkennt",
    "kennt",
    "verfügt",
    "nutzt",
    "prüft",
    "wenn",
    "falls",
    "sofern",
    "soweit",
}


def looks_like_question_start(text: str) -> bool:
    words = tokens(text)[:3]
    if not words:
        return False
    if words[0] in _QUESTION_VERBS:
        return True
    return any(w in _INTERROGATIVE or w.startswith("welch") for w in words)


# (compiled once; the question-mark patterns are tried only on lines with a "?")
_QUESTION_MARK_END = re.compile(r"\?[\s\"“”»)]*$")
_QUESTION_MARK_REQUEST = re.compile(r"\?\s+(?:\(|bitte\b)", re.I)
_LETTERED = re.compile(r"^\(?[a-z][.)]\s")


def question_end_heuristic(lines: Sequence[str]) -> int:
    """Number of leading block lines that are the repeated question (0 if none)."""
    limit = min(len(lines), 14)
    end = -1
    for i in range(limit):
        ln = lines[i]
        if not ln:
            # a question paragraph ends at a blank line; look no further than two paragraphs
            if end < 0 and i > 0 and any(lines[:i]):
                first = join_lines(lines[:i])
                words = tokens(first)[:3]
                if (
                    any(w in _INTERROGATIVE or w.startswith("welch") for w in words)
                    and any(x for x in lines[i + 1 :])
                    and first.endswith((":", ".", ")"))
                    and len(first.split()) <= 60
                ):
                    end = i
                break
            continue
        if ln.rstrip().endswith("?") or ("?" in ln and _QUESTION_MARK_END.search(ln)):
            end = i + 1
            break
        if "?" in ln and _QUESTION_MARK_REQUEST.search(ln):
            # "… aufgeführt? Bitte nach Jahren aufschlüsseln …" up to the end of that request
            for k in range(i, min(len(lines), i + 5)):
                if (
                    lines[k].rstrip().endswith((".", ")", "?"))
                    and k > i
                    or (k == i and lines[k].rstrip().endswith((".", ")")))
                ):
                    end = k + 1
                    break
            if end > 0:
                break
    if end < 0:
        return 0
    if end < len(lines) and re.match(r"^\(?bitte\b", lines[end], re.I):
        for k in range(end, min(len(lines), end + 4)):
            if not lines[k]:
                break
            if lines[k].rstrip().endswith((".", ")", "?")):
                end = k + 1
                break
    # continuation: "Wenn ja, welche?" on the next lines, or further "?" paragraphs
    i = end
    while i < len(lines):
        j = i
        while j < len(lines) and not lines[j]:
            j += 1
        if j >= len(lines):
            break
        k = j
        found = -1
        # a lettered sub-question ("b) Welche … (bitte tabellarisch darstellen …)?") may run
        # over more lines than a plain follow-up ("Wenn ja, welche?")
        reach = 8 if _LETTERED.match(lines[j]) else 4
        while k < len(lines) and k < j + reach and lines[k]:
            if lines[k].rstrip().endswith("?"):
                found = k
                break
            if lines[k].rstrip().endswith("."):
                break
            k += 1
        if found < 0:
            # category lines like "a) insgesamt mit Nachleerung" directly after the question
            k = j
            while k < len(lines) and lines[k] and _LETTERED.match(lines[k]):
                k += 1
            if k > j and (k >= len(lines) or not lines[k]):
                i = k
                continue
            break
        if not (looks_like_question_start(lines[j]) or _LETTERED.match(lines[j])):
            if j == i:  # same paragraph, line does not start a question
                break
            if found - j > 2:
                break
        i = found + 1
    return i


def _question_end_aligned(lines: Sequence[str], question: str) -> int:
    """Number of leading block lines that repeat `question`, found by token alignment."""
    q_tokens = tokens(join_lines(question.split("\n")))
    if not q_tokens:
        return 0
    # token stream with line boundaries
    joined: list[str] = []
    ends: list[int] = []  # token count at the end of each line
    limit = min(len(lines), 40)
    prev_hyphen = False
    for ln in lines[:limit]:
        toks = tokens(ln)
        if prev_hyphen and toks and joined and ln[:1].islower():
            joined[-1] = joined[-1] + toks[0]
            toks = toks[1:]
        joined.extend(toks)
        ends.append(len(joined))
        prev_hyphen = bool(re.search(r"[A-Za-zäöüß]-$", ln))
        if len(joined) > len(q_tokens) * 2 + 40:
            break
    profile = match_profile(q_tokens, joined)
    best_score = 0.0
    best_line = 0
    for li, n_tok in enumerate(ends):
        if n_tok == 0:
            continue
        matched = profile[n_tok - 1]
        score = 2.0 * matched - n_tok
        ln = lines[li].rstrip()
        if ln.endswith(("?", ":")):
            score += 1.5
        if li + 1 < len(lines) and not lines[li + 1]:
            score += 0.5
        if score > best_score:
            best_score = score
            best_line = li + 1
    if best_line and profile[ends[best_line - 1] - 1] < max(2, 0.3 * len(q_tokens)):
        return 0
    return best_line


_INLINE_ANSWER = re.compile(r"\?\s+(?:Antwort|Stellungnahme)(?:\s+der\s+\w+)?\s*:\s*(?=\S)")


def split_block(
    lines: Sequence[str], question: str | None, kind: str
) -> tuple[str | None, list[str]]:
    """Cut a block into (repeated question text, answer lines)."""
    for i, ln in enumerate(lines[:20]):
        inline = _INLINE_ANSWER.search(ln)
        if inline:  # "Frage 1) Wie viele …? Antwort: Es wurden …"
            q = join_lines([*lines[:i], ln[: inline.start() + 1]]) or None
            return q, [ln[inline.end() :], *lines[i + 1 :]]
    if question and kind == "text" and lines:
        cut = lines[0].find("? ")
        if cut > 0 and similarity(question, lines[0][: cut + 1]) >= 0.8:
            # the repeated question and its answer on one line
            return lines[0][: cut + 1], [lines[0][cut + 2 :], *lines[1:]]
    for i, ln in enumerate(lines):
        m = ANTWORT_RE.match(ln)
        if m and i > 0 and i < 20:
            q = join_lines(lines[:i]) or None
            rest = [m.group("rest")] if m.group("rest") else []
            return q, rest + list(lines[i + 1 :])
    if question:
        n = _question_end_aligned(lines, question)
        if n == 0 and kind == "plain":
            n = question_end_heuristic(lines)
            # a guessed question must resemble the given one at least a little
            if n and similarity(question, join_lines(lines[:n])) < 0.25:
                n = 0
    else:
        n = question_end_heuristic(lines)
    if (
        n
        and question
        and not any(ln.strip() for ln in lines[n:])
        and not any("?" in ln for ln in lines[:n])
        and similarity(question, join_lines(lines[:n])) < 0.8
    ):
        n = 0  # "Davon sind 12 saniert." for "Wie viele davon sind saniert?": an answer
    q_text = _question_text(lines[:n]) if n else None
    return q_text, list(lines[n:])


def _question_text(lines: Sequence[str]) -> str:
    chunks: list[list[str]] = [[]]
    for ln in lines:
        if not ln:
            continue
        if chunks[-1] and re.match(r"^\(?[a-z][.)]\s", ln):
            chunks.append([])
        chunks[-1].append(ln)
    return "\n".join(join_lines(c) for c in chunks if c)


def similarity(question: str, text: str) -> float:
    q = tokens(question)
    if not q:
        return 0.0
    prof = match_profile(q, tokens(text))
    return (prof[-1] if prof else 0) / len(q)
