"""Search everything: titles, preambles, questions, answers and letter texts.

``run_search`` turns user input into ranked hits grouped by inquiry, each with a snippet of
the *original* text and the character spans to highlight. The index holds folded text
(ä→ae, ß→ss), so highlighting maps folded query words back onto the original spelling with
a pattern that accepts both ("strasse" marks "Straße", "muell" marks "Müll").
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from anfrage_desk.model import OVERDUE_LABEL, STATUS_LABELS, VERDICT_LABELS, Status, Verdict
from anfrage_desk.progress import Progress
from anfrage_desk.store import Database, bodies, open_db
from anfrage_desk.store import search as index
from anfrage_desk.store.search import SearchFilter, Term
from anfrage_desk.store.search_words import MIN_STEM, stem

DEFAULT_LIMIT = 50
RANK_MAX = 5000
"""Above this many matching entries, hits come newest first: ranking all of them with bm25
would cost more than the 20 ms a keystroke may take, and such broad queries are refined next."""
SNIPPET_CHARS = 200
SNIPPET_LEAD = 60

_PAIRS = {"ae": "(?:ae|ä)", "oe": "(?:oe|ö)", "ue": "(?:ue|ü)", "ss": "(?:ss|ß)"}
_ACCENTS = {
    "a": "aàáâãå",
    "e": "eèéêë",
    "i": "iìíîï",
    "o": "oòóôõø",
    "u": "uùúû",
    "c": "cç",
    "n": "nñ",
    "y": "yý",
}
_TAIL = {"a": "ä", "o": "ö", "u": "ü", "s": "ß"}
_BLANKS = str.maketrans("\n\r\t\f\v", "     ")

KIND_ORDER = {"inquiry": 0, "question": 1, "answer": 2, "letter": 3}
TAB_OF_KIND = {"question": "answers", "answer": "answers", "letter": "answers"}


@dataclass(frozen=True)
class Snippet:
    """A piece of original text with the spans (start, end) to highlight in it."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()
    cut_start: bool = False
    cut_end: bool = False


@dataclass(frozen=True)
class HitView:
    """One hit; its snippet is cut when first asked for (the view asks for the rows it shows,
    not for all of a result's hits)."""

    kind: str
    ref_id: int
    label: str
    text: str = field(repr=False)
    pattern: re.Pattern[str] | None = field(repr=False, compare=False)
    tab: str | None

    @cached_property
    def snippet(self) -> Snippet:
        return make_snippet(self.text, self.pattern)


@dataclass(frozen=True)
class ResultGroup:
    inquiry_id: int
    title: Snippet
    reference: str
    body_name: str
    day: date | None
    status_label: str
    hits: tuple[HitView, ...]


@dataclass(frozen=True)
class SearchResult:
    query: str
    groups: tuple[ResultGroup, ...] = ()
    total_hits: int = 0
    total_inquiries: int = 0
    shown_hits: int = 0
    ranked: bool = True
    fell_back: bool = False

    @property
    def truncated(self) -> bool:
        return self.shown_hits < self.total_hits


@dataclass(frozen=True)
class FilterChoices:
    bodies: tuple[tuple[int, str], ...] = ()
    addressees: tuple[tuple[str, str], ...] = ()
    years: tuple[int, ...] = ()
    statuses: tuple[tuple[str, str], ...] = field(
        default_factory=lambda: (
            tuple((str(s), STATUS_LABELS[s]) for s in Status) + (("overdue", OVERDUE_LABEL),)
        )
    )
    verdicts: tuple[tuple[str, str], ...] = field(
        default_factory=lambda: tuple((str(v), VERDICT_LABELS[v]) for v in Verdict)
    )


# -- highlighting ------------------------------------------------------------------------------


def _base(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def word_pattern(word: str, prefix: bool = False) -> str:
    """A regex for a folded word that also accepts the original spelling (ae|ä, ss|ß, é)."""
    base = _base(word)
    parts: list[str] = []
    i = 0
    while i < len(base):
        pair = base[i : i + 2]
        if pair in _PAIRS:
            parts.append(_PAIRS[pair])
            i += 2
            continue
        char = base[i]
        chars = _ACCENTS.get(char, char)
        if prefix and i == len(base) - 1 and char in _TAIL:
            chars += _TAIL[char]  # "stras" while typing "Straße", "ma" for "Mädchen"
        parts.append(f"[{chars}]" if len(chars) > 1 else re.escape(char))
        i += 1
    return "".join(parts) + (r"\w*" if prefix else r"(?!\w)")


def highlight_pattern(terms: Sequence[Term]) -> re.Pattern[str] | None:
    """One case-insensitive pattern for all terms; phrases allow any separators between words."""
    alternatives = []
    for term in terms:
        words = [
            word_pattern(w, term.prefix and n == len(term.words) - 1)
            for n, w in enumerate(term.words)
        ]
        alternatives.append(r"(?<!\w)" + r"\W+".join(words))
        root = stem(term.words[0]) if len(term.words) == 1 else ""
        if len(root) >= MIN_STEM:  # the whole compound or inflected word the index matched
            alternatives.append(r"(?<!\w)\w*" + word_pattern(root, prefix=True))
    if not alternatives:
        return None
    alternatives.sort(key=len, reverse=True)
    return re.compile("|".join(alternatives), re.IGNORECASE)


def find_spans(text: str, pattern: re.Pattern[str] | None) -> list[tuple[int, int]]:
    if pattern is None:
        return []
    return [(m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start()]


def _best_start(text: str, pattern: re.Pattern[str] | None, width: int) -> int:
    """Where the window showing the most different matched words starts (first match wins)."""
    if pattern is None:
        return 0
    matches = [(m.start(), m.group().lower()) for m in pattern.finditer(text)][:50]
    best, best_count = (matches[0][0] if matches else 0), 0
    for i, (start, _) in enumerate(matches):
        words = {w for s, w in matches[i:] if s < start + width - SNIPPET_LEAD}
        if len(words) > best_count:
            best, best_count = start, len(words)
    return best


def _display_text(text: str) -> str:
    """Display form: line breaks as blanks, markdown bold markers of imported letters hidden.

    Same length as ``text``, so match spans stay valid.
    """
    return text.translate(_BLANKS).replace("**", "  ")


def make_snippet(text: str, pattern: re.Pattern[str] | None, width: int = SNIPPET_CHARS) -> Snippet:
    """The part of ``text`` around its first match (whole text if short), spans relative to it.

    Only the window is scanned and cleaned: letters run to many kilobytes.
    """
    if len(text) <= width:
        return Snippet(_display_text(text), tuple(find_spans(text, pattern)))
    start = max(0, _best_start(text, pattern, width) - SNIPPET_LEAD)
    if start:
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space >= 0 and start - space < 20 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.find(" ", end)
        end = space if 0 <= space < end + 20 else end
    window = text[start:end]
    return Snippet(
        _display_text(window),
        tuple(find_spans(window, pattern)),
        cut_start=start > 0,
        cut_end=end < len(text),
    )


# -- the use case ------------------------------------------------------------------------------


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _status_label(head: index.InquiryHead, today: date) -> str:
    try:
        status = Status(head.status)
    except ValueError:
        return head.status
    due = _day(head.due_on)
    if status == Status.SUBMITTED and due is not None and today > due:
        return OVERDUE_LABEL
    return STATUS_LABELS[status]


def _label(text: index.HitText) -> str:
    if text.kind == "question":
        return f"Frage {text.label}"
    if text.kind == "answer":
        try:
            verdict = Verdict(text.verdict).label if text.verdict else None
        except ValueError:
            verdict = None
        return f"Antwort zu {text.label}" + (f" ({verdict})" if verdict else "")
    day = _day(text.date)
    label = "Antwortschreiben"
    if day:
        label += f" vom {day.strftime('%d.%m.%Y')}"
    return label


def _plain(terms: Sequence[Term]) -> list[Term]:
    return [Term((w,)) for t in terms for w in t.words]


def _hits(
    db: Database, terms: Sequence[Term], flt: SearchFilter, limit: int
) -> tuple[int, int, bool, list[index.Hit]]:
    """(hits, inquiries, ranked, the first ``limit`` hits); the vocabulary is read once."""
    variants = index.word_variants(db, terms)
    total, inquiries = index.count_terms(db, terms, flt, variants)
    ranked = total <= RANK_MAX
    hits = index.search_terms(db, terms, limit, flt, ranked, variants) if total else []
    return total, inquiries, ranked, hits


def run_search(
    db: Database,
    query: str,
    flt: SearchFilter | None = None,
    limit: int = DEFAULT_LIMIT,
    today: date | None = None,
) -> SearchResult:
    """Search as the search view does: count, rank (or newest first), group, snippet.

    Never raises on odd input: if FTS5 rejects the expression, the words are searched plainly.
    """
    today = today or date.today()
    flt = flt or SearchFilter()
    if flt.today is None:
        flt = SearchFilter(flt.body_id, flt.addressee, flt.year, flt.status, flt.verdict, today)
    terms = index.parse_query(query)
    if not terms:
        return SearchResult(query)
    fell_back = False
    try:
        total, inquiries, ranked, hits = _hits(db, terms, flt, limit)
    except sqlite3.OperationalError:
        fell_back = True
        terms = _plain(terms)
        try:
            total, inquiries, ranked, hits = _hits(db, terms, flt, limit)
        except sqlite3.OperationalError:
            return SearchResult(query, fell_back=True)
    if not hits:
        return SearchResult(query, fell_back=fell_back)
    pattern = highlight_pattern(terms)
    by_inquiry: dict[int, list[index.Hit]] = {}
    for hit in hits:
        by_inquiry.setdefault(hit.inquiry_id, []).append(hit)
    head_of = index.heads(db, list(by_inquiry))
    texts = index.hit_texts(db, hits)
    groups: list[ResultGroup] = []
    for inquiry_id, group_hits in by_inquiry.items():
        head = head_of.get(inquiry_id)
        if head is None:
            continue
        views: list[HitView] = []
        for hit in sorted(group_hits, key=lambda h: KIND_ORDER.get(h.kind, 9)):
            if hit.kind == "inquiry":
                if pattern is not None and pattern.search(head.preamble):
                    views.append(
                        HitView(hit.kind, hit.ref_id, "Vorbemerkung", head.preamble, pattern, None)
                    )
                continue
            text = texts.get((hit.kind, hit.ref_id))
            if text is None:
                continue
            views.append(
                HitView(
                    hit.kind,
                    hit.ref_id,
                    _label(text),
                    text.text,
                    pattern,
                    TAB_OF_KIND.get(hit.kind),
                )
            )
        title = head.title or "(ohne Titel)"
        groups.append(
            ResultGroup(
                inquiry_id=inquiry_id,
                title=Snippet(title, tuple(find_spans(title, pattern))),
                reference=head.reference,
                body_name=head.body_name,
                day=_day(head.submitted_on) or _day(head.drafted_on),
                status_label=_status_label(head, today),
                hits=tuple(views),
            )
        )
    return SearchResult(
        query,
        tuple(groups),
        total_hits=total,
        total_inquiries=inquiries,
        shown_hits=len(hits),
        ranked=ranked,
        fell_back=fell_back,
    )


def filter_choices(db: Database) -> FilterChoices:
    addressees, years = index.filter_choices(db)
    return FilterChoices(
        bodies=tuple((b.id, b.name) for b in bodies.list_bodies(db) if b.id is not None),
        addressees=tuple(addressees),
        years=tuple(years),
    )


def rebuild_index(db_path: Path, progress: Progress) -> int:
    """Rebuild the whole index (worker thread, own connection, one transaction).

    Cancelling rolls the transaction back: the old index stays as it was. Returns the number
    of indexed entries.
    """
    db = open_db(db_path)
    try:
        with db.atomic():
            written = index.rebuild(db, progress.step)
        index.optimize(db)
    finally:
        db.close()
    return written
