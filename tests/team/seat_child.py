"""Child process of test_team_seats.py: a seat that is killed in the middle of a transaction.

It opens the server database, starts one use case's transaction, writes an inquiry with its
questions and the search index, prints ``writing <id>`` and waits inside the transaction until
it is killed.
"""

from __future__ import annotations

import sys
import time

from anfrage_desk.model import Inquiry, Question
from anfrage_desk.store import inquiries, open_db


def main(uri: str) -> None:
    db = open_db(uri)
    with db.atomic():
        inquiry_id = inquiries.insert_inquiry(
            db,
            Inquiry(
                None,
                "Halb geschrieben",
                questions=tuple(Question(None, str(k), f"Frage {k}?") for k in range(1, 6)),
            ),
        )
        print(f"writing {inquiry_id}", flush=True)
        time.sleep(600)


if __name__ == "__main__":
    main(sys.argv[1])
