"""Remove characters that XML, python-docx or SQLite FTS reject, and normalise line ends.

Text reaches the app from PDFs, Word files and the clipboard. Some of it carries control
characters, lone surrogates or non-characters that make python-docx raise ("All strings must be
XML compatible") or that only show up as boxes. Everything that stores or exports text passes it
through `clean_text` first.
"""

from __future__ import annotations

import re

# C0 controls except \t and \n (\r is handled separately), DEL, C1 controls, lone surrogates,
# the non-characters U+FFFE/U+FFFF and U+FDD0..U+FDEF, and the zero-width/BOM marks that only
# disturb matching.
_JUNK = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\ufeff\u200b\u00ad]"
)
_SPACES = re.compile("[\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008]")
# Any character clean_text changes: text without one (most text, and all text cleaned once) is
# returned as it is after a single scan.
_TOUCHED = re.compile(f"[\r{_JUNK.pattern[1:-1]}{_SPACES.pattern[1:-1]}]")


def clean_text(s: str) -> str:
    """Return `s` without junk characters, with \\n line ends and plain spaces.

    - \\r\\n and lone \\r become \\n; a form feed (page break) becomes \\n as well,
    - no-break and other fixed-width spaces become a plain space,
    - soft hyphens, zero-width spaces and byte order marks are removed,
    - C0/C1 control characters (except \\t and \\n), lone surrogates and non-characters are removed.
    """
    if not s:
        return ""
    if _TOUCHED.search(s) is None:
        return s
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    s = _SPACES.sub(" ", s)
    return _JUNK.sub("", s)
