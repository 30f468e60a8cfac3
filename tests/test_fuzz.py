"""Bad input everywhere: every import and export path gives a result or a German error.

Random bytes, truncated and corrupted DOCX/PDF/ZIP files, control characters, lone surrogates,
right-to-left marks, wrong encodings and 10 MB of text go through every way text enters the
app (`read_document`, `read_letter`, `pasted_letter`, `import_answer`, `inquiry_from_file`,
the CLI) and every way it leaves (`build_letter`, the inquiry letter export). Allowed outcomes:
a result, or ServiceError / UnreadableFile / LetterError / StoreUnavailable with a German
message. After an error the database is unchanged (compared as a full SQL dump).

Hypothesis runs derandomized with few examples, so `make test` stays fast and repeatable.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anfrage_desk import cli, letters
from anfrage_desk.cli_args import EXIT_USAGE
from anfrage_desk.importers import UnreadableFile, read_document
from anfrage_desk.model import Inquiry, Question
from anfrage_desk.services import ServiceError
from anfrage_desk.services import answers as answer_service
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.store import Database, StoreUnavailable, open_db

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")),
    deadline=None,
    derandomize=os.environ.get("FUZZ_EXAMPLES") is None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
GERMAN_ERRORS = (ServiceError, UnreadableFile, letters.LetterError, StoreUnavailable)

HOSTILE = [
    "\x00",
    "\x01",
    "\x07",
    "\x0b",
    "\x1b",
    "\x7f",
    "\x85",
    "\x9f",  # control characters
    "\ud800",
    "\udbff",
    "\udc00",
    "\udfff",  # lone surrogates
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202b",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2069",  # bidi
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\ufdd0",
    "\u00ad",
    "\u200b",
    "\u2028",
    "\u2029",
    "\r",
    "\r\n",
    "\f",
    "\t",
    "\n\n\n",
    "<",
    ">",
    "&",
    "]]>",
    "<w:p/>",
    "{name}",
    "%s",
    "\\",
    '"',
    "„",
    "ß",
    "Ä",
    "1.",
    "2)",
    "Frage 3:",
    "Zu 4:",
    "a)",
    "IV.",
    "- ",
    "•",
    "אבג",
    "مرحبا",
    "🙂",
    "𝔘",
]

hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30)), max_size=40).map(
    "".join
)


def _dump(db: Database) -> str:
    """A fingerprint of everything in the database (schema and rows)."""
    digest = hashlib.sha256()
    for line in db.conn.iterdump():
        digest.update(line.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@contextlib.contextmanager
def unchanged_on_error(db: Database) -> Iterator[None]:
    """Allow the German errors; after one of them the database must be exactly as before."""
    before = _dump(db)
    try:
        yield
    except GERMAN_ERRORS as exc:
        _assert_german(str(exc))
        assert _dump(db) == before, f"Datenbank nach Fehler verändert: {exc}"


def _assert_german(message: str) -> None:
    assert message.strip(), "leere Fehlermeldung"
    assert "Traceback" not in message
    assert any(
        word in message
        for word in (" die ", " der ", " das ", " ist ", " kein", " nicht ", "Bitte", "Datei")
    ), message


# -- files to break


def _docx_bytes(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph("Anfrage zur Müllabfuhr")
    for line in text.splitlines() or [text]:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf_bytes(text: str) -> bytes:
    """A small valid one-page PDF with a text line (written by hand, with an xref table)."""
    safe = text.encode("latin-1", "replace").replace(b"\\", b"").replace(b"(", b"")
    safe = safe.replace(b")", b"")[:200]
    stream = b"BT /F1 12 Tf 72 720 Td (" + safe + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _zip_bytes(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


LETTER = (
    "Kreis Recklinghausen\nDer Landrat\n15.05.2024\nIhre Anfrage vom 29.04.2024\n\n"
    "1. Gibt es eine Strategie?\nNein.\n2. Bis wann?\nEine Zeitplanung kann nicht benannt werden.\n"
)
VALID = {
    "docx": _docx_bytes(LETTER),
    "pdf": _pdf_bytes(LETTER),
    "zip": _zip_bytes({"word/document.xml": b"<w:document/>", "mimetype": b"x"}),
    "docx-bad-xml": _zip_bytes(
        {
            "[Content_Types].xml": b"<Types",
            "word/document.xml": b"\x00" * 5000,
        }
    ),
}


@st.composite
def broken_file(draw: st.DrawFn) -> tuple[str, bytes]:
    """(file name, content): valid files cut or with flipped bytes, random bytes, encodings."""
    kind = draw(st.sampled_from(["docx", "pdf", "zip", "docx-bad-xml", "random", "text"]))
    suffix = draw(st.sampled_from([".docx", ".pdf", ".txt", ".doc", "", ".DOCX", ".odt"]))
    if kind == "random":
        return "datei" + suffix, draw(st.binary(max_size=3000))
    if kind == "text":
        text = draw(hostile_text) + "\n" + LETTER
        encoding = draw(
            st.sampled_from(
                [
                    "utf-8",
                    "cp1252",
                    "latin-1",
                    "utf-16",
                    "utf-16-le",
                    "utf-32",
                    "shift_jis",
                    "koi8-r",
                ]
            )
        )
        data = (
            text.encode(encoding, "replace")
            if "utf-16" not in encoding
            else text.encode(encoding, "surrogatepass")
        )
        if draw(st.booleans()):
            data = data[: draw(st.integers(0, len(data)))]
        return "brief" + suffix, data
    data = bytearray(VALID[kind])
    action = draw(st.sampled_from(["cut", "flip", "splice", "as-is"]))
    if action == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    elif action == "flip":
        for _ in range(draw(st.integers(1, 20))):
            at = draw(st.integers(0, len(data) - 1))
            data[at] = draw(st.integers(0, 255))
    elif action == "splice":
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.binary(max_size=200))
    name = "antwort" + (suffix if draw(st.booleans()) else "." + kind.split("-")[0])
    return name, bytes(data)


# -- fixtures


@pytest.fixture
def answered_db(db: Database) -> Database:
    inquiry_service.create_inquiry(
        db,
        Inquiry(
            None,
            "Strategie zur Künstlichen Intelligenz",
            questions=(
                Question(None, "1", "Gibt es eine Strategie?"),
                Question(None, "2", "Bis wann wird sie vorgelegt?"),
            ),
        ),
    )
    return db


@pytest.fixture
def scratch() -> Iterator[Path]:
    """A folder that lives as long as the test (hypothesis runs many examples in it)."""
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


# -- import paths


@FUZZ
@given(broken_file())
def test_read_document_and_services_on_broken_files(
    answered_db: Database, scratch: Path, case: tuple[str, bytes]
) -> None:
    name, data = case
    path = _write(scratch, name, data)
    try:
        document = read_document(path)
    except UnreadableFile as exc:
        _assert_german(str(exc))
    else:
        assert isinstance(document.text, str)
    with unchanged_on_error(answered_db):
        letter = answer_service.read_letter(path)
        answer_service.import_answer(answered_db, 1, letter)
    with unchanged_on_error(answered_db):
        draft = inquiry_service.inquiry_from_file(path)
        inquiry_service.create_inquiry(answered_db, draft)


@FUZZ
@given(hostile_text)
def test_pasted_and_imported_hostile_text(answered_db: Database, text: str) -> None:
    with unchanged_on_error(answered_db):
        letter = answer_service.pasted_letter(text + "\n" + LETTER)
        answer_service.import_answer(answered_db, 1, letter)
    with unchanged_on_error(answered_db):
        answer_service.import_answer(answered_db, 1, answer_service.pasted_letter(text))
    with unchanged_on_error(answered_db):
        # hostile text straight into the use case, bypassing the paste helper
        document = answer_service.ImportedText(text=text, file_name=text[:20], data=b"", kind="txt")
        answer_service.import_answer(answered_db, 1, document)
    with unchanged_on_error(answered_db):
        inquiry_service.create_inquiry(
            answered_db,
            Inquiry(None, text, preamble=text, questions=(Question(None, text[:5], text),)),
        )


def test_unknown_inquiry_changes_nothing(answered_db: Database) -> None:
    before = _dump(answered_db)
    with pytest.raises(ServiceError, match="keine Anfrage"):
        answer_service.import_answer(answered_db, 999, answer_service.pasted_letter(LETTER))
    assert _dump(answered_db) == before


def test_ten_megabytes_of_text(answered_db: Database, scratch: Path) -> None:
    line = "Die Verwaltung prüft derzeit, ob eine Zeitplanung möglich ist. \u202e\u200f\n"
    big = (line * (10_000_000 // len(line) + 1))[:10_000_000]
    path = _write(scratch, "riesig.txt", big.encode("utf-8"))
    assert len(read_document(path).text) > 9_000_000  # reading is fine, analysing is refused
    before = _dump(answered_db)
    for call in (
        lambda: answer_service.read_letter(path),
        lambda: answer_service.pasted_letter(big),
        lambda: answer_service.import_answer(
            answered_db, 1, answer_service.ImportedText(big, "riesig.txt", b"", "txt")
        ),
    ):
        with pytest.raises(ServiceError, match="zu lang") as info:
            call()
        _assert_german(str(info.value))
    with pytest.raises(ServiceError, match="zu lang"):
        inquiry_service.inquiry_from_file(path)
    assert (
        cli.main(["--db", str(answered_db.path), "add-answer", "1", str(path)])
        == cli.EXIT_BAD_INPUT
    )
    assert _dump(answered_db) == before


def test_long_but_sane_letter_is_imported(answered_db: Database) -> None:
    """Just below the limit: a long letter with ordinary sentences is split and stored."""
    body = "Die Verwaltung prüft derzeit, ob eine Zeitplanung möglich ist. " * 3000
    letter = answer_service.pasted_letter(LETTER + body)
    _, changes = answer_service.import_answer(answered_db, 1, letter)
    assert changes.answers


@FUZZ
@given(broken_file(), st.sampled_from(["analyze", "add-inquiry", "add-answer"]))
def test_cli_never_crashes(
    answered_db: Database,
    scratch: Path,
    capsys: pytest.CaptureFixture[str],
    case: tuple[str, bytes],
    command: str,
) -> None:
    name, data = case
    path = _write(scratch, name, data)
    args = ["--db", str(answered_db.path), command]
    args += ["1", str(path)] if command == "add-answer" else [str(path)]
    before = _dump(answered_db)
    code = cli.main(args)
    out, err = capsys.readouterr()
    assert code in (0, cli.EXIT_BAD_INPUT), (code, err)
    if code:
        assert err.startswith("Fehler: ") and err.count("\n") == 1, err
        _assert_german(err)
        assert _dump(answered_db) == before
    else:
        assert out.strip()


# -- export paths


@FUZZ
@given(hostile_text, hostile_text, st.lists(hostile_text, max_size=4))
def test_build_letter_with_hostile_text(
    scratch: Path, subject: str, body: str, questions: list[str]
) -> None:
    spec = letters.LetterSpec(
        title=subject,
        sender_line=body[:40],
        recipient=(subject, body),
        info=(("Ihre Nachricht vom", body[:10]), ("Datum", "15.05.2024")),
        subject=subject,
        salutation=body[:30],
        blocks=(
            letters.Paragraph(body),
            letters.Heading(subject, 2),
            letters.Quote(body, source=subject),
            *(letters.NumberedItem(str(i + 1), q) for i, q in enumerate(questions)),
        ),
        signatories=(subject, body),
        attachments=(body,),
        distribution=(subject,),
    )
    out = scratch / "brief.docx"
    try:
        written = letters.build_letter(spec, out)
    except letters.LetterError as exc:
        _assert_german(str(exc))
        return
    docx.Document(str(written))  # the result is a readable Word file


@FUZZ
@given(hostile_text, hostile_text, st.lists(hostile_text, min_size=1, max_size=4))
def test_inquiry_letter_export_with_hostile_text(
    db: Database, scratch: Path, title: str, preamble: str, questions: list[str]
) -> None:
    from anfrage_desk.services import drafting

    inquiry_id, _ = inquiry_service.create_inquiry(
        db,
        Inquiry(
            None,
            title,
            addressee_name=preamble[:40],
            addressee_address=title,
            faction=preamble[:20],
            signatories=(title, preamble),
            preamble=preamble,
            reference=title[:10],
            questions=tuple(Question(None, q[:3], q) for q in questions),
        ),
    )
    with unchanged_on_error(db):
        written = drafting.export_inquiry_letter(db, inquiry_id, scratch / "anfrage.docx")
        docx.Document(str(written))


def test_export_to_unwritable_place_is_a_german_error(db: Database, scratch: Path) -> None:
    from anfrage_desk.services import drafting

    inquiry_id, _ = inquiry_service.create_inquiry(
        db, Inquiry(None, "Radwege", questions=(Question(None, "1", "Wie viele?"),))
    )
    blocker = scratch / "datei"
    blocker.write_text("kein Ordner")
    with pytest.raises(ServiceError) as info:
        drafting.export_inquiry_letter(db, inquiry_id, blocker / "anfrage.docx")
    _assert_german(str(info.value))


def test_store_rejects_garbage_file_in_german(scratch: Path) -> None:
    path = _write(scratch, "zufall.sqlite", bytes(range(256)) * 40)
    with pytest.raises(StoreUnavailable) as info:
        open_db(path, check=True)
    _assert_german(str(info.value))


# -- hostile CLI inputs: each once ended in a traceback or lost data


def _cli_run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = cli.main(args)
    except SystemExit as exc:  # argparse refuses a usage error
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "tail",
    [
        ["add-answer", "99999999999999999999", "brief.txt"],
        ["add-answer", "-99999999999999999999", "brief.txt"],
        ["add-answer", "9223372036854775808", "brief.txt"],
        ["export-followup", "99999999999999999999", "x.docx"],
        ["export-reminder", "1", "x.docx", "--today", "9999-12-31"],
        ["add-inquiry", "anfrage.txt", "--submitted", "9999-12-31"],
        ["add-inquiry", "anfrage.txt", "--submitted", "0001-01-01"],
        ["add-answer", "1", "brief.txt", "--received", "9999-12-31"],
        ["overdue", "--today", "9999-12-31"],
    ],
)
def test_cli_huge_numbers_and_far_dates(
    answered_db: Database, scratch: Path, capsys: pytest.CaptureFixture[str], tail: list[str]
) -> None:
    _write(scratch, "brief.txt", LETTER.encode())
    _write(scratch, "anfrage.txt", b"Anfrage Radwege\n\n1. Wie viele?\n2. Wann?\n")
    args = [str(scratch / a) if a.endswith((".txt", ".docx")) else a for a in tail]
    before = _dump(answered_db)
    code, _, err = _cli_run(["--db", str(answered_db.path), *args], capsys)
    assert code == EXIT_USAGE, err  # refused by the argument check, before any database work
    assert err.startswith("Fehler: ") and err.count("\n") == 1, err
    assert _dump(answered_db) == before


def test_cli_empty_db_option_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANFRAGE_DESK_DB", str(tmp_path / "standard.sqlite"))
    code, _, err = _cli_run(["--db", "", "overdue"], capsys)
    assert code == EXIT_USAGE
    assert "--db" in err
    assert not (tmp_path / "standard.sqlite").exists()  # no silent fall back to the default


def test_cli_inquiry_with_120_questions(
    db: Database, scratch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    questions = "\n".join(f"{i}. Wie lang ist der Radweg Nummer {i}?" for i in range(1, 121))
    path = _write(scratch, "anfrage.txt", f"Anfrage Radwege\n\n{questions}\n".encode())
    code, out, err = _cli_run(["--db", str(db.path), "add-inquiry", str(path)], capsys)
    assert code == 0, err
    rows = db.execute(
        "SELECT label, text FROM question WHERE inquiry_id = ? ORDER BY position", [int(out)]
    ).fetchall()
    assert [r[0] for r in rows] == [str(i) for i in range(1, 121)]
    assert rows[99][1] == "Wie lang ist der Radweg Nummer 100?"
    assert rows[98][1] == "Wie lang ist der Radweg Nummer 99?"


@pytest.fixture(scope="module")
def docx_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 4.7 MB .docx whose document.xml unpacks to 1 GB."""
    path = tmp_path_factory.mktemp("bombe") / "antwort.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with zipfile.ZipFile(io.BytesIO(VALID["docx"])) as good:
            for item in good.infolist():
                if item.filename != "word/document.xml":
                    archive.writestr(item.filename, good.read(item))
        with archive.open("word/document.xml", "w", force_zip64=True) as stream:
            stream.write(b'<?xml version="1.0"?>')
            chunk = b" " * (1 << 20)
            for _ in range(1024):
                stream.write(chunk)
    return path


def test_docx_that_unpacks_to_a_gigabyte_is_refused(
    answered_db: Database, docx_bomb: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert docx_bomb.stat().st_size < 10_000_000
    with pytest.raises(UnreadableFile, match="entpackt") as info:
        read_document(docx_bomb)
    _assert_german(str(info.value))
    before = _dump(answered_db)
    for args in (
        ["analyze", str(docx_bomb)],
        ["add-answer", "1", str(docx_bomb)],
        ["add-inquiry", str(docx_bomb)],
    ):
        code, _, err = _cli_run(["--db", str(answered_db.path), *args], capsys)
        assert code == cli.EXIT_BAD_INPUT and "entpackt" in err, err
    assert _dump(answered_db) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_cli_export_to_a_fifo_leaves_it_alone(
    db: Database, scratch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inquiry_service.create_inquiry(
        db, Inquiry(None, "Radwege", questions=(Question(None, "1", "Wie viele?"),))
    )
    inquiry_service.submit_inquiry(db, 1, date(2024, 1, 1))
    fifo = scratch / "ausgabe.docx"
    os.mkfifo(fifo)
    for force in ([], ["--force"]):
        code, _, err = _cli_run(
            ["--db", str(db.path), "export-reminder", "1", str(fifo), "--today", "2024-06-01"]
            + force,
            capsys,
        )
        assert code == cli.EXIT_BAD_INPUT, err
        assert "keine gewöhnliche Datei" in err
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert db.execute("SELECT count(*) FROM followup").fetchone()[0] == 0
