"""Child process for test_kill.py: writes inquiries until it is killed.

Each inquiry is one use case (`create_inquiry`, one transaction). After the call returns, the
child prints ``ok <id> <questions> end`` (flushed): from then on the inquiry must survive a kill.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from anfrage_desk.model import Inquiry, Question
from anfrage_desk.services import inquiries as service
from anfrage_desk.store import open_db


def main(db_path: str, seed: int) -> None:
    rng = random.Random(seed)
    db = open_db(Path(db_path))
    print("ready", flush=True)
    while True:
        n = rng.randint(1, 6)
        title = f"Anfrage mit {n} Fragen"
        questions = tuple(
            Question(
                None, str(k + 1), f"Frage {k + 1}: " + "Wie viele Radwege? " * rng.randint(1, 80)
            )
            for k in range(n)
        )
        preamble = "Begründung. " * rng.randint(0, 1500)
        inquiry_id, _ = service.create_inquiry(
            db, Inquiry(None, title, preamble=preamble, questions=questions)
        )
        if rng.random() < 0.2:
            service.trash_inquiries(db, [inquiry_id])
        print(f"ok {inquiry_id} {n} end", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
