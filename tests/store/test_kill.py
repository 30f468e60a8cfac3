"""Crash safety: a writer killed with SIGKILL at random moments never loses committed data.

A child process (kill_writer.py) creates inquiries with questions through the use cases and
reports each committed id. The test kills it at a random moment, again and again, and checks
after every kill that the file opens, passes ``PRAGMA integrity_check``, holds every reported
inquiry with all its questions, and holds no half-written inquiry.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

from anfrage_desk.store import open_db

HELPER = Path(__file__).with_name("kill_writer.py")
KILLS = 20


def _committed(output: str) -> dict[int, int]:
    """Only complete lines count: a line cut by the kill is not a report."""
    found = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0] == "ok" and parts[3] == "end":
            found[int(parts[1])] = int(parts[2])
    return found


def test_kill_at_random_moments_keeps_every_commit(db_path: Path) -> None:
    rng = random.Random(20240515)
    open_db(db_path).close()  # schema in place, so that kills hit data writes
    reported: dict[int, int] = {}
    for round_no in range(KILLS):
        proc = subprocess.Popen(
            [sys.executable, str(HELPER), str(db_path), str(round_no)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        try:
            first = proc.stdout.readline()
            assert first.strip() == "ready", proc.stderr.read() if proc.stderr else first
            time.sleep(rng.uniform(0.0, 0.2))  # the random moment of the crash
        finally:
            proc.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
        out, err = proc.communicate(timeout=20)
        assert "Traceback" not in err, err
        reported.update(_committed(out))

        db = open_db(db_path, check=True)
        try:
            assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            counts = dict(
                db.execute(
                    "SELECT i.id, count(q.id) FROM inquiry i "
                    "LEFT JOIN question q ON q.inquiry_id = i.id GROUP BY i.id"
                ).fetchall()
            )
            for inquiry_id, questions in reported.items():
                assert counts.get(inquiry_id) == questions, (round_no, inquiry_id)
            # no half-written inquiry: the title says how many questions it must have
            for inquiry_id, title in db.execute("SELECT id, title FROM inquiry"):
                assert title == f"Anfrage mit {counts[inquiry_id]} Fragen", inquiry_id
        finally:
            db.close()
    assert len(reported) > KILLS  # the writer got work done between the kills
