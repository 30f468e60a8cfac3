"""Split inquiries and answer letters into numbered items.

Real letters are PDF text: page headers and numbers between the lines, hyphenated line ends,
questions repeated (with other line breaks, sometimes other wording) before each answer,
sub-questions, joint answers and a closing. The splitter works in three steps:

1. `cleanup.prepare_lines` cleans the text and removes page furniture (headers, "Seite 2 von 3",
   footnotes).
2. `labels.find_markers` collects every line that could start an item ("1.", "Zu Frage 3:",
   "a)" …).
3. `numbering` picks the consistent sequence of markers with a small dynamic programme: with the
   inquiry's questions given, the one that matches their labels and texts best; without, the
   longest plausible numbering whose blocks look like repeated questions.

`letter.split_letter` then cuts each chosen block into the repeated question and the answer
(`matching`), and `meta` reads the letter's dates, sender and reference. `inquiry` parses the
faction's own inquiry the same way.

`groups` merges questions printed together above "Die Fragen 3 und 11 werden gemeinsam
beantwortet." and keeps category lists inside a question ("a) …, b) …") from becoming items;
`freeform` answers letters without numbers (topic sections, answers in order, one joint
answer); `spans` gives each answer its offsets in the original text. Items that rest on a guess
carry `sure=False`.

Layouts beyond "Zu 1." blocks: markers inside a line of a mail ("… gern. Zu 2: …"), Roman
numerals and lettered groups with numbered parts ("B) … 1. …"), questions repeated without
their numbers (found by their text), a letter numbered 1., 2., 3. for an inquiry lettered a), b),
c) (mapped by order when the counts match), tables kept row by row and footnotes at the very
end left out of the last answer.
"""

from anfrage_desk.segment.dates import parse_date
from anfrage_desk.segment.inquiry import parse_inquiry, split_questions
from anfrage_desk.segment.labels import normalize_label
from anfrage_desk.segment.letter import split_letter
from anfrage_desk.segment.model import (
    NO_ITEMS_PROBLEM,
    LetterMeta,
    ParsedInquiry,
    ParsedQuestion,
    SplitItem,
    SplitLetter,
)

__all__ = [
    "NO_ITEMS_PROBLEM",
    "LetterMeta",
    "ParsedInquiry",
    "ParsedQuestion",
    "SplitItem",
    "SplitLetter",
    "normalize_label",
    "parse_date",
    "parse_inquiry",
    "split_letter",
    "split_questions",
]
