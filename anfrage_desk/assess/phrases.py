"""Phrase lists that users can extend: resources/phrases/<kind>.txt, compiled once.

File format, one entry per line:
- ``# comment`` and blank lines are ignored;
- a plain phrase matches its words case-insensitively with any whitespace between them; ``…`` or
  ``...`` stands for a short gap inside one sentence ("kann … nicht benannt werden"), and a word
  ending in ``*`` matches any ending ("erhob*");
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
)

_GAP = r"[^.!?;]{0,80}?"


@dataclass(frozen=True)
class Pattern:
    kind: str
    source: str  # the line as written, for explanations and debugging
    regex: re.Pattern[str]


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

    Each kind's lines are also joined into one alternation, so that an answer is scanned once
    per kind rather than once per line (well under a millisecond per answer).
    """

    patterns: tuple[Pattern, ...]
    user: tuple[Pattern, ...] = ()
    combined: tuple[tuple[str, re.Pattern[str]], ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if not self.combined:
            object.__setattr__(self, "combined", _combine((*self.patterns, *self.user)))

    def find(self, text: str) -> list[Cue]:
        cues: list[Cue] = []
        by_kind: dict[str, list[Pattern]] = {}
        for pattern in (*self.patterns, *self.user):
            by_kind.setdefault(pattern.kind, []).append(pattern)
        for kind, regex in self.combined:
            for m in regex.finditer(text):
                if m.end() <= m.start():
                    continue
                source, ref = m.group(0), None
                for pattern in by_kind[kind]:
                    hit = pattern.regex.match(text, m.start())
                    if hit:
                        source = pattern.source
                        if kind == "reference":
                            ref = hit.groupdict().get("ref")
                        break
                cues.append(Cue(kind, m.start(), m.end(), source, ref))
        return _dedupe(cues)

    def with_user(self, phrases: Iterable[str]) -> PhraseBook:
        user = tuple(Pattern("user_phrase", line, compile_line(line)) for line in _lines(phrases))
        return PhraseBook(self.patterns, self.user + user)


def _combine(patterns: Iterable[Pattern]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    by_kind: dict[str, list[str]] = {}
    for pattern in patterns:
        source = pattern.regex.pattern
        if pattern.kind == "reference":
            source = source.replace("(?P<ref>", "(?:")
        by_kind.setdefault(pattern.kind, []).append(f"(?:{source})")
    return tuple(
        (kind, re.compile("|".join(sources), re.IGNORECASE)) for kind, sources in by_kind.items()
    )


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
    line = line.strip()
    if line.startswith("re:"):
        return re.compile(line[3:].strip(), re.IGNORECASE)
    parts: list[str] = []
    for token in line.replace("...", " … ").split():
        if token == "…":
            parts.append(_GAP)
            continue
        if token.endswith("*") and len(token) > 1:
            parts.append(re.escape(token[:-1]) + r"\w*")
        else:
            parts.append(re.escape(token))
    body = ""
    for i, part in enumerate(parts):
        if i and part != _GAP and parts[i - 1] != _GAP:
            body += r"\s+"
        elif part == _GAP:
            body += r"\s+" if i else ""
        elif i:
            body += r"\s*"
        body += part
    start = r"\b" if line[:1].isalnum() else ""
    end = r"\b" if line.rstrip("*")[-1:].isalnum() and not line.endswith("*") else ""
    return re.compile(start + body + end, re.IGNORECASE)


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
                patterns.append(Pattern(kind, line, compile_line(line)))
            except re.error as exc:  # a broken user edit must not break the app
                raise ValueError(f"{path.name}: ungültiger Ausdruck „{line}“ ({exc})") from exc
    return tuple(patterns)


@lru_cache(maxsize=4)
def default_phrasebook(directory: Path = PHRASE_DIR) -> PhraseBook:
    return PhraseBook(read_patterns(directory))
