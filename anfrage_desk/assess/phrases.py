"""Phrase lists that users can extend: resources/phrases/<kind>.txt, compiled once.

File format, one entry per line:
- ``# comment`` and blank lines are ignored;
- a plain phrase matches its words case-insensitively with any whitespace between them; ``…`` or
  ``...`` stands for a short gap inside one sentence ("kann … nicht benannt werden"), a word
  ending in ``*`` matches any ending ("erhob*"), ``wird|werden`` matches either word and
  ``[derzeit]`` a word that may be left out ("wird|werden [derzeit|noch] geprüft");
- ``re:`` starts a Python regular expression (case-insensitive). In ``reference.txt`` a group
  named ``ref`` captures the label that is referred to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from anfrage_desk import resources
from anfrage_desk.assess.needles import needle_groups, starting_early

PHRASE_DIR = resources.path("phrases")

# File stem -> cue kind. The kind decides how the cue is weighed (see assess/__init__.py).
KINDS = (
    "deferral",  # "wird derzeit geprüft", "zu gegebener Zeit"
    "unavailable",  # "kann aktuell nicht benannt werden", "werden nicht erhoben"
    "not_known",  # "liegt nicht vor", "ist nicht bekannt": an answer when knowledge was asked
    "refusal",  # "die erfragten Angaben … nicht", "unverhältnismäßig"
    "secrecy",  # "Geheimschutz", "Verschlusssache"
    "competence",  # "fällt nicht in die Zuständigkeit"
    "hedge",  # "zeitnah", "nicht ausgeschlossen", "steht … positiv gegenüber"
    "moot",  # "erübrigt sich", "Entfällt, da"
    "premise",  # "ist nicht vorgesehen", "beabsichtigt … nicht": the asked thing does not exist
    "attachment",  # "Siehe Anlage", "kann der Anlage entnommen werden"
    "reference",  # "Siehe Antwort zu 3"
    "elsewhere",  # "wird auf die Drucksache … verwiesen", "ist … abrufbar": given elsewhere
    "stance",  # "begrüßt", "hält … für", "ist der Auffassung": a position is taken
)

_GAP = r"[^.!?;]{0,200}?"
_FEW = re.compile(r"(?:…|\.\.\.)(\d{1,2})")
MEMO_SIZE = 512
WORD_MEMO_SIZE = 50_000
_WORD = re.compile(r"\w+")
# Letters a case-insensitive pattern matches with a letter that their lower case does not contain
# ("İST".lower() is "i̇st", yet matches "ist"; the long s "ſ" matches "s").
_FOLDS_APART = re.compile("[\u0130\u0131\u017f\u1e9b\ufb05\ufb06]")


@dataclass(frozen=True)
class Pattern:
    kind: str
    source: str  # the line as written, for explanations and debugging
    regex: re.Pattern[str]
    # Lower-case words one of which every match contains (None: always scan), see needles.py.
    needles: tuple[str, ...] | None = field(default=None, compare=False)
    # Further such sets: every match also contains a word of each (checked after ``needles``).
    also: tuple[tuple[str, ...], ...] = field(default=(), compare=False)

    @classmethod
    def of(cls, kind: str, source: str, regex: re.Pattern[str]) -> Pattern:
        groups = needle_groups(regex)
        fast = starting_early(regex)  # the same matches
        return cls(kind, source, fast, groups[0] if groups else None, groups[1:])


@dataclass(frozen=True)
class Cue:
    kind: str
    start: int  # in the normalised text
    end: int
    source: str
    ref: str | None = None


@dataclass(frozen=True)
class PhraseBook:
    """Compiled phrase lists; ``user`` holds phrases the user marked as evasive.

    A pattern runs only on answers that contain one of its needle words (well under a
    millisecond per answer for some 170 patterns).
    """

    patterns: tuple[Pattern, ...]
    user: tuple[Pattern, ...] = ()
    # needle -> the patterns that need it; patterns without needles always run (built once).
    index: tuple[tuple[tuple[str, tuple[int, ...]], ...], tuple[int, ...]] = field(
        default=((), ()), compare=False
    )
    memo: dict[str, list[Cue]] = field(default_factory=dict, compare=False, hash=False)
    # Needles of word characters only lie inside one word of the answer: they are looked up per
    # distinct word (by their first three letters, remembered per word) instead of each being
    # searched for in the whole answer. Other needles ("nr.") are searched for as before.
    by_trigram: dict[str, list[tuple[str, tuple[int, ...]]]] = field(
        default_factory=dict, compare=False, hash=False
    )
    word_hits: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        by_needle: dict[str, list[int]] = {}
        always: list[int] = []
        for i, pattern in enumerate(self.all_patterns):
            if pattern.needles is None:
                always.append(i)
            for needle in pattern.needles or ():
                by_needle.setdefault(needle, []).append(i)
        spread: list[tuple[str, tuple[int, ...]]] = []
        for needle, ids in by_needle.items():
            if _WORD.fullmatch(needle):
                self.by_trigram.setdefault(needle[:3], []).append((needle, tuple(ids)))
            else:
                spread.append((needle, tuple(ids)))
        object.__setattr__(self, "index", (tuple(spread), tuple(always)))

    @property
    def all_patterns(self) -> tuple[Pattern, ...]:
        return (*self.patterns, *self.user)

    def find(self, text: str) -> list[Cue]:
        """The cues in ``text`` (remembered for the last texts: a letter's answers are read
        again when a referral is resolved)."""
        found = self.memo.get(text)
        if found is None:
            if len(self.memo) >= MEMO_SIZE:
                self.memo.clear()
            found = self.memo[text] = self._find(text)
        return list(found)

    def _find(self, text: str) -> list[Cue]:
        lowered = text.lower()
        needles, always = self.index
        active = set(always)
        for needle, ids in needles:
            if needle in lowered:
                active.update(ids)
        hits = self.word_hits
        if len(hits) > WORD_MEMO_SIZE:
            hits.clear()
        for word in set(_WORD.findall(lowered)):
            known = hits.get(word)
            if known is None:
                known = hits[word] = self._word_hits(word)
            if known:
                active.update(known)
        patterns = self.all_patterns
        cues: list[Cue] = []
        # the further needle sets only where lower-casing keeps every case-insensitive match
        also = _FOLDS_APART.search(text) is None
        for i in sorted(active):
            pattern = patterns[i]
            if (
                also
                and pattern.also
                and not all(any(n in lowered for n in g) for g in pattern.also)
            ):
                continue
            for m in pattern.regex.finditer(text):
                if m.end() <= m.start():
                    continue
                ref = m.groupdict().get("ref") if pattern.kind == "reference" else None
                cues.append(Cue(pattern.kind, m.start(), m.end(), pattern.source, ref))
        return _dedupe(cues)

    def _word_hits(self, word: str) -> tuple[int, ...]:
        """The patterns with a needle inside this word."""
        found: set[int] = set()
        for i in range(len(word) - 2):
            for needle, ids in self.by_trigram.get(word[i : i + 3], ()):
                if word.startswith(needle, i):
                    found.update(ids)
        return tuple(sorted(found))

    def with_user(self, phrases: Iterable[str]) -> PhraseBook:
        user = tuple(
            Pattern.of("user_phrase", line, compile_line(line)) for line in _lines(phrases)
        )
        return PhraseBook(self.patterns, self.user + user)


def _dedupe(cues: list[Cue]) -> list[Cue]:
    """Drop a cue of one kind that lies inside a longer cue of the same kind."""
    cues.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Cue] = []
    # Sorted by start, every kept cue starts at or before this one; so it lies inside one of
    # them iff it ends before the furthest end of its kind (linear, not quadratic, in cues).
    furthest: dict[str, int] = {}
    for cue in cues:
        if cue.end <= furthest.get(cue.kind, -1):
            continue
        kept.append(cue)
        furthest[cue.kind] = max(furthest.get(cue.kind, -1), cue.end)
    return kept


def compile_line(line: str) -> re.Pattern[str]:
    """One entry of a phrase list as a regular expression (see the module's file format)."""
    line = line.strip()
    if line.startswith("re:"):
        return re.compile(line[3:].strip(), re.IGNORECASE)
    body = ""
    gap = False  # a "…" stands before the next word
    bare = False  # a leading optional word carries its own space: no separator next
    tokens = re.sub(r"\.\.\.(?!\d)", " … ", line).split()
    words = 0  # "…3": at most three words between
    for token in tokens:
        if token == "…":
            gap = True
            continue
        few = _FEW.fullmatch(token)
        if few:
            words = int(few.group(1))
            continue
        optional = token.startswith("[") and token.endswith("]") and len(token) > 2
        piece = _word_slot(token[1:-1] if optional else token)
        if gap:  # the gap may hold commas and is empty when the words follow each other
            sep = (r"\b" + _GAP + r"\b") if body else ""
        elif words:
            sep = rf"\s+(?:[^\s.!?;]+,?\s+){{0,{words}}}?" if body else ""
        elif body and not bare:
            sep = r"\s+"
        else:
            sep = ""
        if optional and body:
            body += f"(?:{sep}{piece})?"  # "wird [derzeit] geprüft"; a gap before it stays
            continue
        gap = bare = False
        words = 0
        if optional and not body:
            body = f"(?:{piece}\\s+)?"  # "[noch] nicht abschließend geklärt"
            bare = True
        else:
            body += sep + piece
    first = tokens[0].lstrip("[") if tokens else ""
    last = tokens[-1].rstrip("]") if tokens else ""
    start = r"\b" if first[:1].isalnum() else ""
    end = r"\b" if last[-1:].isalnum() else ""
    return re.compile(start + body + end, re.IGNORECASE)


def _word_slot(token: str) -> str:
    """ "wird|werden" -> either word, "erhob*" -> any ending."""
    options = []
    for option in token.split("|"):
        if option.endswith("*") and len(option) > 1:
            options.append(re.escape(option[:-1]) + r"\w*")
        else:
            options.append(re.escape(option))
    return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"


def _lines(lines: Iterable[str]) -> Iterator[str]:
    for raw in lines:
        line = raw.strip()
        if line and not line.startswith("#"):
            yield line


def read_patterns(directory: Path) -> tuple[Pattern, ...]:
    patterns: list[Pattern] = []
    for kind in KINDS:
        path = directory / f"{kind}.txt"
        if not path.is_file():
            raise resources.MissingResource(f"Die Phrasenliste {path} fehlt.")
        for line in _lines(path.read_text(encoding="utf-8").splitlines()):
            try:
                patterns.append(Pattern.of(kind, line, compile_line(line)))
            except re.error as exc:  # a broken user edit must not break the app
                raise ValueError(f"{path.name}: ungültiger Ausdruck „{line}“ ({exc})") from exc
    return tuple(patterns)


@lru_cache(maxsize=4)
def default_phrasebook(directory: Path = PHRASE_DIR) -> PhraseBook:
    return PhraseBook(read_patterns(directory))
