"""Parsing inquiries: title, preamble, numbered (or unnumbered) questions and date."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from anfrage_desk.segment.cleanup import CLOSING, join_lines, paragraphs, prepare_lines
from anfrage_desk.segment.dates import DATE_LINE, DATE_PATTERN, DATE_RE, date_from_match
from anfrage_desk.segment.labels import Marker, find_markers
from anfrage_desk.segment.matching import looks_like_question_start
from anfrage_desk.segment.model import ParsedInquiry, ParsedQuestion
from anfrage_desk.segment.numbering import WINDOW, successor

_STOP_HEADING = re.compile(
    r"^(?:sachverhalt\s*(?:/|und)?\s*(?:begründung)?|begründung|sachstand\s*/\s*begründung"
    r"|erläuterung(?:en)?|hintergrund|unterzeichnet\s+von|unterzeichnet|anlagen?)\s*:?\s*$"
    r"|^(?:begründung|unterzeichnet\s+von)\s*:"
    r"|^f(?:ü|ue)r\s+(?:die|den)\s+[^.?!]{0,60}(?:fraktion|gruppe)\s*:?\s*$",
    re.I,
)
_HEADERISH = re.compile(
    r"^(?:stadt|landkreis|kreis|gemeinde|markt|landeshauptstadt)\s+[\wäöüß\-]+(?:\s+[\wäöüß\-]+)?$"
    r"|^(?:der|die)\s+(?:ober)?(?:bürgermeister(?:in)?|landrat|landrätin)\b"
    r"|^(?:anfrage|kleine\s+anfrage|große\s+anfrage|schriftliche\s+anfrage|stellungnahme|antrag"
    r"|fragen|frage)\b[^?]{0,40}$"
    r"|stadtr(?:at|ätin)|ratsherr|ratsfrau|ratsmitglied|fraktion|abgeordnete"
    r"|^(?:vom|eingegangen|gremium|termin|vorlage|top|status|öffentlich|nichtöffentlich"
    r"|nicht\s+öffentlich|verantwortlich|dez\.|ergebnis|x|datum|az\.|aktenzeichen)\b"
    r"|^\d+\.\s*plenarsitzung|^(?:öffentliche|nichtöffentliche)\s+sitzung"
    r"|^[\wäöüß]*(?:rat|rates|tag|tages|ausschuss|ausschusses)$",
    re.I,
)


def _is_headerish(line: str) -> bool:
    s = line.strip()
    if not s:
        return True
    if _HEADERISH.search(s) and len(s.split()) <= 10:
        return True
    if re.fullmatch(r"[\d\s./:\-xX|öÖnN]+", s):
        return True
    if DATE_RE.search(s) and (
        len(s.split()) <= 6 or re.match(r"(?:anfrage|antrag|sitzung)\b", s, re.I)
    ):
        return True
    return bool(re.fullmatch(r"gremium\s+termin.*|.*\btop\s+ö\s+nö.*", s, re.I))


def _is_category_list(subs: Sequence[str]) -> bool:
    """Sub-items that only name categories ("Von der Volkswohnung?") are not questions."""
    return not any(looks_like_question_start(s) for s in subs)


def _stop_index(lines: Sequence[str], start: int) -> int:
    for i in range(start, len(lines)):
        if lines[i] and (_STOP_HEADING.match(lines[i]) or CLOSING.match(lines[i])):
            return i
    return len(lines)


def _cut_after_question(para: list[str]) -> list[str]:
    """The last question's lines up to its "?", without a signature block glued to it."""
    for i, ln in enumerate(para[:-1]):
        if ln.rstrip().endswith("?"):
            nxt = para[i + 1]
            if not nxt[:1].islower() and not looks_like_question_start(nxt):
                return para[: i + 1]
            break
    return para


def _question_paragraphs(block: Sequence[str], last: bool) -> tuple[list[list[str]], list[str]]:
    """Paragraphs of a question block; for the last question, stop before the Begründung.

    Returns (paragraphs kept, trailing intro paragraph for the next question).
    """
    paras = paragraphs(block)
    if not paras:
        return [], []
    if last:
        paras[0] = _cut_after_question(paras[0])
    kept = [paras[0]]
    for para in paras[1:]:
        text = join_lines(para)
        if last:
            several = re.search(r"[.!]\s+[A-ZÄÖÜ]", text)
            if (text.endswith("?") and not several) or (
                len(text.split()) <= 20
                and not text.endswith(".")
                and not re.match(r"^[\w\s-]{0,30}:", text)  # "unterzeichnet von: …"
            ):
                kept.append(para)
                continue
            break
        kept.append(para)
    intro: list[str] = []
    if not last and len(kept) >= 2:
        tail = join_lines(kept[-1])
        if tail.endswith(":") and not re.match(r"^\(?[a-z][.)]\s", kept[-1][0]):
            intro = kept.pop()
    return kept, intro


def questions_from_lines(lines: Sequence[str]) -> tuple[list[ParsedQuestion], int]:
    """Numbered questions in prepared lines; returns them and the line of the first marker."""
    markers = [m for m in find_markers(lines) if m.kind in ("plain", "frage")]
    chosen = _choose_inquiry_markers(markers)
    if not chosen:
        return [], -1
    stop = _stop_index(lines, chosen[-1][0].line + 1)
    raw: list[tuple[str, list[list[str]]]] = []
    carry: list[str] = []
    for ci, (marker, label) in enumerate(chosen):
        nxt = chosen[ci + 1][0].line if ci + 1 < len(chosen) else stop
        block = ([marker.rest] if marker.rest else []) + list(lines[marker.line + 1 : nxt])
        paras, intro = _question_paragraphs(block, ci + 1 == len(chosen))
        if carry and paras:
            paras[0] = carry + paras[0]
        carry = intro
        raw.append((label, paras))
    # group sub-items under their parent; categories merge into the parent's text
    out: list[ParsedQuestion] = []
    i = 0
    while i < len(raw):
        label, paras = raw[i]
        subs = []
        j = i + 1
        while j < len(raw) and raw[j][0].startswith(label) and raw[j][0] != label:
            if not re.fullmatch(
                re.escape(label) + r"[a-z]|" + re.escape(label) + r"\d+", raw[j][0]
            ):
                break
            subs.append(raw[j])
            j += 1
        parent_text = "\n".join(join_lines(p) for p in paras)
        sub_texts = ["\n".join(join_lines(p) for p in sp) for _, sp in subs]
        if (
            subs
            and all(re.fullmatch(r".*[a-z]", s[0]) for s in subs)
            and _is_category_list(sub_texts)
        ):
            merged = parent_text
            for (slabel, _), stext in zip(subs, sub_texts, strict=True):
                merged += f"\n{slabel[-1]}) {stext}"
            out.append(ParsedQuestion(label, merged.strip()))
        else:
            own_question = "?" in parent_text or not subs
            if own_question and parent_text:
                out.append(ParsedQuestion(label, parent_text))
            for (slabel, _), stext in zip(subs, sub_texts, strict=True):
                out.append(ParsedQuestion(slabel, stext))
        i = j
    return out, chosen[0][0].line


def _choose_inquiry_markers(markers: Sequence[Marker]) -> list[tuple[Marker, str]]:
    best: dict[int, tuple[float, int | None, str]] = {}
    for mi, marker in enumerate(markers):
        options: list[tuple[int | None, float, str | None]] = [(None, 0.0, None)]
        options.extend(
            (pmi, best[pmi][0], best[pmi][2])
            for pmi in range(max(0, mi - WINDOW), mi)
            if pmi in best
        )
        for pmi, pscore, plabel in options:
            res = successor(plabel, marker.labels[0], marker)
            if res is None:
                continue
            score = pscore + 2.0 - res[1] + (0.5 if "?" in marker.rest else 0.0)
            if mi not in best or best[mi][0] < score:
                best[mi] = (score, pmi, res[0])
    if not best:
        return []
    last: int | None = max(best, key=lambda k: (best[k][0], -k))
    chosen: list[tuple[Marker, str]] = []
    while last is not None:
        _, prev, lab = best[last]
        chosen.append((markers[last], lab))
        last = prev
    chosen.reverse()
    return chosen


_BULLET = re.compile(r"^(?:[•▪◦·\uf0b7*]|[-–](?=\s|$))\s*")
# a request phrased as a statement: "Die Verwaltung wird um Auskunft darüber gebeten, wie
# viele Fälle … bekannt sind.", "Wir bitten darzulegen, ob …"
_INDIRECT = re.compile(
    r"\b(?:um\s+auskunft|gebeten|bitten\s+(?:wir\s+)?(?:um|darzulegen|mitzuteilen)"
    r"|möge\s+(?:auskunft|darlegen|berichten|mitteilen))\b[^.?]*,\s*"
    r"(?:wie|ob|welche[nrsm]?|wann|wo|wer|warum|weshalb|inwieweit|inwiefern|in\s+welche[mnr]?)\b"
    r"[^?]*\.$",
    re.I,
)


def _bullet_items(paras: list[list[str]]) -> list[list[str]]:
    """Paragraphs with each bullet item ("•" on its own line or before the text) apart."""
    out: list[list[str]] = []
    for para in paras:
        cur: list[str] = []
        for ln in para:
            if _BULLET.match(ln):
                if cur:
                    out.append(cur)
                rest = _BULLET.sub("", ln, count=1)
                cur = [rest] if rest else []
            else:
                cur.append(ln)
        if cur:
            out.append(cur)
    return out


def _unnumbered_questions(lines: Sequence[str], start: int) -> list[ParsedQuestion]:
    """Question paragraphs of an inquiry without numbers, labelled 1, 2, … in order."""
    end = len(lines)
    for i in range(start, len(lines)):
        if lines[i] and CLOSING.match(lines[i]) or re.match(r"^unterzeichnet", lines[i], re.I):
            end = i
            break
    before: list[str] = []
    after: list[str] = []
    in_reason = False
    for para in _bullet_items(paragraphs(lines[start:end])):
        text = join_lines(para)
        if _STOP_HEADING.match(para[0]) or re.match(r"^begründung\s*:", para[0], re.I):
            in_reason = True
            rest = join_lines(para[1:])
            if rest.endswith("?") and looks_like_question_start(rest):
                after.append(rest)
            continue
        if re.match(r"^(?:anfrage|frage|fragen)\s*:?\s*$", para[0], re.I) and len(para) > 1:
            text = join_lines(para[1:])
        if text.endswith("?") and (len(text.split()) >= 4 or looks_like_question_start(text)):
            (after if in_reason else before).append(text)
        elif not in_reason and _INDIRECT.search(text) and len(text.split()) <= 80:
            before.append(text)
    # a general question spelled out by the questions of the Begründung gets no entry
    texts = after if len(before) == 1 and len(after) >= 2 else before
    return [ParsedQuestion(str(i + 1), t) for i, t in enumerate(texts)]


def split_questions(text: str) -> list[ParsedQuestion]:
    """Numbered questions of a pasted block ("1. …", "2) …", "Frage 3: …", sub-items)."""
    lines = prepare_lines(text)
    questions, _ = questions_from_lines(lines)
    if questions:
        return questions
    return _unnumbered_questions(lines, 0)


def parse_inquiry(text: str) -> ParsedInquiry:
    """Title, preamble, numbered questions and date of an inquiry."""
    lines = prepare_lines(text)
    questions, first = questions_from_lines(lines)
    head_end = first if first >= 0 else len(lines)
    title = ""
    preamble_parts: list[str] = []
    title_done = False
    head = lines[:head_end]
    if first < 0:
        stop = _stop_index(lines, 0)
        head = lines[:stop]
    for para in paragraphs(head):
        rows = [ln for ln in para if not _is_headerish(ln)]
        if not rows:
            continue
        m = re.match(r"^(?:anfrage|betreff|betr\.|thema)\s*[:–-]\s*(.+)$", rows[0], re.I)
        if m and not title:
            title = m.group(1).strip()
            rows = rows[1:]
            title_done = True
            if not rows:
                continue
        text = join_lines(rows)
        titleish = not re.search(r"[.:!?]$", text) or bool(re.search(r"\b\w{1,3}\.$", text))
        if not title_done and titleish and len(text.split()) <= 25:
            title = text
            title_done = True
            continue
        if first < 0 and text.endswith("?"):
            break
        if re.match(r"^(?:anfrage|fragen?)\s*:?$", text, re.I):
            continue
        preamble_parts.append(text)
    if not questions:
        questions = _unnumbered_questions(lines, 0)
        if questions:
            qset = {q.text for q in questions}
            preamble_parts = [p for p in preamble_parts if p not in qset]
    inquiry_date = _inquiry_date(lines[: head_end if first >= 0 else _stop_index(lines, 0)])
    return ParsedInquiry(title, "\n\n".join(preamble_parts), tuple(questions), inquiry_date)


def _inquiry_date(lines: Sequence[str]) -> date | None:
    collapsed = re.sub(r"\s+", " ", "\n".join(lines))
    m = re.search(r"\bvom\s*:?\s*" + DATE_PATTERN, collapsed, re.I)
    if m:
        found = date_from_match(m)
        if found:
            return found
    for i, ln in enumerate(lines[:40]):
        m2 = DATE_LINE.match(ln)
        if m2 and (i < 6 or re.match(r"^(?:datum|[A-ZÄÖÜ][\wäöüß.\- ]+,)", ln, re.I)):
            found = date_from_match(m2)
            if found:
                return found
    return None
