"""Text preparation for the assessment: normalised text with a map back to the original.

Answer letters come from PDFs: words are hyphenated at line ends, lines are broken anywhere and
page headers ("Seite 2", "Drucksache 19/11246 3") sit in the middle of an answer. All matching
runs on a normalised copy; every span found there is mapped back to the caller's original text so
that the UI can highlight the very words the reason talks about.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

# A word hyphenated at a line end: "Erkennt-\n nisse". Only lower-case continuations are joined,
# so "Bundes-\nund Landesstraßen" style coordinations stay as they are ("und" is lower-case too,
# but such cases are rare and harmless for matching).
_HYPHEN_BREAK = re.compile(r"-(?<=\w-)[ \t]*\r?\n[ \t]*(?=[a-zäöüß])")  # "-" first: found fast
_SPACE = re.compile(r"\s+")

# Page furniture and other noise whose digits must not count as figures or dates.
_NOISE_HEAD = (
    r"Niedersächsischer\s+Landtag\s*[–-]\s*\d+\.\s*Wahlperiode\s+Drucksache\s+\d+/\d+(?:\s+\d+\b)?"
    r"|(?:Ergänzende\s+Erläuterungen\s+)?\bSeite\s+\d+(?:\s+von\s+\d+)?"
    r"|\(verteilt\s+am[^)]*\)"
)
_URLISH = r"|https?://\S+|www\.\S+|\S+\.(?:html?|pdf|aspx?|php)\b\S*|\S*/\S*/\S*"
_NOISE_TAIL = (
    r"|\b(?:Drucksache|Drs\.|Vorlage\s+Nr\.:?)\s*\d+/\d+"
    r"|§§?\s*\d+[a-z]?(?:\s+(?:Abs\.|Absatz)\s*\d+)?(?:\s+(?:Satz|S\.)\s*\d+)?(?:\s+Nr\.\s*\d+)?"
    r"|\b(?:Art\.|Artikel|Nr\.|Ziffer|Punkt|Anlagen?|Frage|Fragen|Antwort\s+zu|TOP|Kapitel"
    r"|Abschnitt|Abs\.|Absatz|Satz|Tabelle|Titel|Rn\.|Randnummer)\s*\d+(?:[.,]\d+)*"
    r"(?:\s*(?:,|und|bis|sowie|–|-)\s*\d+[a-z]?\b(?![.,]\d))*"  # "zu den Fragen 2 und 3"
)
_NOISE = re.compile(_NOISE_HEAD + _URLISH + _NOISE_TAIL, re.IGNORECASE)
# URLs, file names and paths ("\S+\.pdf", "\S*/\S*/\S*") are tried at every character. Most
# answers have neither a "/" nor a file extension, and there the same noise is found without them
# (every other alternative starts with a word character, "(" or "§": said up front, it is fast).
_NOISE_PLAIN = re.compile(
    r"(?=[\w(§])(?:" + _NOISE_HEAD + r"|www\.\S+" + _NOISE_TAIL + ")", re.IGNORECASE
)
_FILE_EXT = re.compile(r"\.(?:html?|pdf|aspx?|php)", re.IGNORECASE)

# Names with a number that is not a figure: "Kreisstraße 14", "Buslinie 12", "B 27", "A 7".
_NAMED_NUMBER = re.compile(
    r"\b(?:(?:Kreis|Landes|Bundes|Staats|Gemeinde)straße|(?:Bus|Straßenbahn|Stadtbahn|S-Bahn-)?[Ll]inie"
    r"|Bundesautobahn|Autobahn|Gleis|Raum|Zimmer|Haus|Bauabschnitt|[ABKLS])\s?\d{1,4}[a-z]?\b"
)
# The closing of a letter at the end of the last answer: "Mit freundlichen Grüßen", or a line
# with place and date ("Weidenburg, 15.07.2022") followed by a signature.
_CLOSING = re.compile(
    r"\b(?:Mit\s+freundlichen\s+Grüßen|Mit\s+freundlichem\s+Gruß|Hochachtungsvoll)\b"
    r"|\b[A-ZÄÖÜ][\w-]+(?:\s(?:a\.\s?d\.|am|an\sder|im)\s[\w-]+)?,\s+(?:den\s+)?"
    r"\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)?\d\d\b"
)

_ABBREVIATIONS_WORDS = (
    "z.b u.a d.h i.d.r bzw ggf vgl ca nr abs dr s mio mrd rd etc usw inkl ggü sog lt "
    "insb evtl max min bspw zzgl i.v.m o.g u.ä u.v.m v.a"
)
_ABBREVIATIONS = frozenset(_ABBREVIATIONS_WORDS.split())


@dataclass(frozen=True)
class Prepared:
    """Normalised text, offsets into the original, and sentence boundaries."""

    original: str
    text: str
    offsets: tuple[int, ...]  # offsets[i] = index in original of text[i]
    blanked: str  # text with noise replaced by spaces (same length)
    sentences: tuple[tuple[int, int], ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text back to the original text."""
        if not self.offsets or end <= start:
            return (0, 0)
        return (self.offsets[start], self.offsets[end - 1] + 1)

    def sentence_of(self, pos: int) -> int:
        # Binary search over the sorted, disjoint spans: a linear scan per cue made long
        # answers quadratic (a 1 MB letter took minutes).
        i = bisect.bisect_right(self.sentences, pos, key=lambda span: span[0]) - 1
        if i >= 0 and pos < self.sentences[i][1]:
            return i
        return max(len(self.sentences) - 1, 0)

    def words(self, start: int = 0, end: int | None = None) -> int:
        return len(re.findall(r"[A-Za-zÄÖÜäöüß]{2,}", self.blanked[start:end]))


@lru_cache(maxsize=256)
def prepare(original: str) -> Prepared:
    joined, positions = _join_hyphens(original)
    text, offsets = _collapse(joined, positions)
    cut = _END_OF_LETTER.search(text)
    if cut and cut.end() < len(text):
        text, offsets = text[: cut.end()], offsets[: cut.end()]
    closing = _closing(text)
    if closing is not None:
        text, offsets = text[:closing].rstrip(), offsets[: len(text[:closing].rstrip())]
    noise = _NOISE if "/" in text or _FILE_EXT.search(text) else _NOISE_PLAIN
    blanked = noise.sub(lambda m: " " * len(m.group(0)), text)
    blanked = _NAMED_NUMBER.sub(lambda m: " " * len(m.group(0)), blanked)
    return Prepared(original, text, tuple(offsets), blanked, _sentences(text))


# Whitespace that does not map one to one onto the single space between two words: at either end
# of the text, or a run of two or more characters.
_WIDE_SPACE = re.compile(r"\A\s+|\s+\Z|\s{2,}")


def _collapse(joined: str, positions: list[int]) -> tuple[str, list[int]]:
    """The words joined by single spaces, and each character's offset; a space stands at the
    offset of the last whitespace before its word. Text between wide runs of whitespace maps
    one to one (no loop over the words: most answers have no such run at all)."""
    text = " ".join(joined.split())  # str.split and re's \s agree on what is whitespace
    if len(text) == len(joined):
        return text, positions
    offsets: list[int] = []
    last = 0
    for m in _WIDE_SPACE.finditer(joined):
        offsets.extend(positions[last : m.start()])
        if m.start() > 0 and m.end() < len(joined):
            offsets.append(positions[m.end() - 1])
        last = m.end()
    offsets.extend(positions[last:])
    return text, offsets


def _closing(text: str) -> int | None:
    """Where the letter's closing starts, if it sits at the end of this text."""
    for m in _CLOSING.finditer(text):
        before = len(re.findall(r"[A-Za-zÄÖÜäöüß]{2,}", text[: m.start()]))
        after = len(re.findall(r"[A-Za-zÄÖÜäöüß]{2,}", text[m.end() :]))
        if before >= 3 and after <= 12:
            return m.start()
    return None


def _join_hyphens(original: str) -> tuple[str, list[int]]:
    """The text without line-end hyphenation, and each character's offset in the original."""
    parts: list[str] = []
    positions: list[int] = []
    last = 0
    for m in _HYPHEN_BREAK.finditer(original):
        parts.append(original[last : m.start()])
        positions.extend(range(last, m.start()))
        last = m.end()
    parts.append(original[last:])
    positions.extend(range(last, len(original)))
    return "".join(parts), positions


_MONTH_AHEAD = re.compile(
    r"\s+(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|"
    r"Jahrhundert|Wahlperiode|Lebensjahr|Klasse|Quartal|Sitzung)\b"
)
# The Landtag prints "(verteilt am …)" under the last answer; what follows is an attachment.
_END_OF_LETTER = re.compile(r"\(verteilt\s+am[^)]*\)", re.IGNORECASE)

_SENTENCE_END = re.compile(r"[.!?:;](?=\s+[A-ZÄÖÜ0-9„\"(–-])|\n\s*\n")


def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group(0) == ".":
            token = _last_word(text[start : m.start()]).lower().replace(".", "")
            prev = text[max(0, m.start() - 6) : m.start()].lower().replace(" ", "")
            if token in _ABBREVIATIONS or len(token) == 1 or prev.endswith(("z.b", "u.a", "d.h")):
                continue
            if token.isdigit() and len(token) <= 2 and _MONTH_AHEAD.match(text, m.end()):
                continue  # "am 5. Oktober"
        end = m.end()
        if text[start:end].strip():
            bounds.append((start, end))
        start = end
        while start < len(text) and text[start] == " ":
            start += 1
    if start < len(text) and text[start:].strip():
        bounds.append((start, len(text)))
    return tuple(bounds)


def _last_word(text: str) -> str:
    r"""What ``re.search(r"(\S+)$", text)`` finds ("" for nothing), without trying every position
    of the sentence (str.split and re's \s agree on what is whitespace)."""
    body = text[:-1] if text.endswith("\n") else text  # "$" also matches before a final "\n"
    if not body or body[-1].isspace():
        return ""
    return body.rsplit(None, 1)[-1]


def split_sentences(text: str) -> list[str]:
    return [text[s:e].strip() for s, e in _sentences(text)]


def normalise(text: str) -> str:
    """Whitespace-collapsed, de-hyphenated copy (for questions, where no spans are needed)."""
    return _SPACE.sub(" ", _HYPHEN_BREAK.sub("", text)).strip()  # = _join_hyphens(text)[0]
