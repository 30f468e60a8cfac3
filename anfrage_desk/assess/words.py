"""Word forms: content words of a question or answer reduced to their stems.

Matching question and answer on stems (Snowball's German stemmer, a maintained pure-Python
package) instead of on prefixes: "Zeitplanungen" and "Zeitplanung" meet, "verkehren" and
"Verkehrsgesellschaft" do not.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("german")
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{4,}")

_STOP_WORDS = """aber alle allen auch beim bereits bitte dabei damit dann dass dem den der des die dies
    diese diesem diesen dieser dieses durch eine einem einen einer eines für gegebenenfalls hier
    hierzu inwieweit jeweils kann können mit nach nicht noch oder sich sind soll sollen sowie über
    und unter vom von vor was welche welchem welchen welcher welches werden wird wurde wurden zum
    zur zwischen landesregierung bundesregierung verwaltung stadtverwaltung derzeit aktuell bisher
    bislang falls stadt kreis landkreis gemeinde land bezirk kreisverwaltung senat ministerium
    haben hat hatte wurde worden sein seit wenn wie viele welchen bzw ggf insbesondere etwa"""
STOP = frozenset(_STOP_WORDS.split())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one word, lower-cased (a word memo: German texts repeat their words)."""
    return str(_STEMMER.stemWord(word.lower()))


def stems(text: str) -> set[str]:
    """Stems of the content words (four letters or more, stop words left out)."""
    return {stem(w) for w in _WORD.findall(text) if w.lower() not in STOP}


_PART = 5  # shortest stem that counts as a compound's head or tail


def shared(first: set[str], second: set[str]) -> int:
    """How many stems of ``first`` meet one of ``second``: equal, or as the head or tail of a
    compound ("Taktung" in "Taktungsänderung", "verlängern" in "Fahrzeitverlängerung")."""
    count = 0
    for a in first:
        if a in second or len(a) >= _PART and any(_compound_part(a, b) for b in second):
            count += 1
    return count


def _compound_part(part: str, word: str) -> bool:
    """``part`` heads ``word`` or ends it but for a short suffix ("verlang" in
    "fahrzeitverlanger")."""
    if len(word) <= len(part):
        return False
    at = word.rfind(part)
    return at == 0 or (at > 0 and len(word) - at - len(part) <= 3)
