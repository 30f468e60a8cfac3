"""A hostile answer file chosen in the window: read off the GUI thread, refused in German."""

from __future__ import annotations

import io
import threading
import zipfile
from pathlib import Path

import docx

from anfrage_desk.model import Inquiry, Question
from anfrage_desk.services import answers as answer_service
from anfrage_desk.services import inquiries as inquiry_service
from anfrage_desk.ui.answer_import import AnswerImportDialog
from anfrage_desk.ui.main_window import MainWindow


def _bomb(path: Path) -> Path:
    """A DOCX whose document part unpacks to 200 MB (4 times the cap)."""
    document = docx.Document()
    document.add_paragraph("Zu 1: Ja.")
    good = io.BytesIO()
    document.save(good)
    with (
        zipfile.ZipFile(good) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out,
    ):
        for item in source.infolist():
            if item.filename != "word/document.xml":
                out.writestr(item.filename, source.read(item))
        with out.open("word/document.xml", "w", force_zip64=True) as stream:
            chunk = b" " * (1 << 20)
            for _ in range(200):
                stream.write(chunk)
    return path


def test_docx_bomb_is_read_off_the_gui_thread_and_refused(qtbot, db, tmp_path, monkeypatch):
    inquiry_id, _ = inquiry_service.create_inquiry(
        db, Inquiry(None, "Radwege", questions=(Question(None, "1", "Gibt es Radwege?"),))
    )
    window = MainWindow(db, features=["answer_review"])
    qtbot.addWidget(window)
    dialog = AnswerImportDialog(window, inquiry_id)
    qtbot.addWidget(dialog)
    readers: list[threading.Thread] = []
    real_read = answer_service.read_letter

    def read(path: Path):  # the real reader; notes which thread it ran on
        readers.append(threading.current_thread())
        return real_read(path)

    monkeypatch.setattr(answer_service, "read_letter", read)
    with qtbot.waitSignal(dialog.file_loaded, timeout=30000):
        dialog.load_file(_bomb(tmp_path / "antwort.docx"))
    assert readers and readers[0] is not threading.main_thread()
    assert dialog.error_label.isVisibleTo(dialog)
    assert "entpackt" in dialog.error_label.text()
    assert dialog.document is None
    assert db.execute("SELECT count(*) FROM answer_letter").fetchone()[0] == 0
