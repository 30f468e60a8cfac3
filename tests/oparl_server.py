"""A local OParl 1.1 server for the tests (standard library http.server on 127.0.0.1).

It serves a System, one Body, the Body's paged paper list (``links.next``, ``modified_since``)
and Papers built from ``../shared/corpus/karlsruhe/*/paper.json``, with every address rewritten
to itself. The files are PDFs made in the test from the corpus texts (``anfrage.txt`` for the
Anfrage, ``stellungnahme.txt`` for the Stellungnahme) when fpdf2 is installed, plain text
otherwise. Tests change its state to make an answer appear, change a paper, fail, or serve
what a broken server serves (HTTP 500, no JSON, a 50 MB file, a redirect to another host).
"""

from __future__ import annotations

import copy
import json
import re
import threading
import urllib.parse
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "karlsruhe"
KARLSRUHE = "https://web1.karlsruhe.de/oparl/bodies/0001"
PAPER_TYPE = "https://schema.oparl.org/1.1/Paper"
BIG_FILE_BYTES = 50 * 1024 * 1024

ANSWER = re.compile(r"stellungnahme|(?<![a-z])stn(?![a-z])|beantwortung", re.I)
MINUTES = re.compile(r"protokoll", re.I)
ATTACHMENT = re.compile(r"anlage", re.I)

FOLD = str.maketrans(
    {
        "„": '"',
        "“": '"',
        "”": '"',
        "‚": "'",
        "‘": "'",
        "’": "'",
        "–": "-",
        "—": "-",
        "…": "...",
        "€": "EUR",
        "\u00a0": " ",
        "•": "-",
    }
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def pdf_available() -> bool:
    try:
        import fpdf  # noqa: F401
    except ImportError:
        return False
    return True


@cache
def make_pdf(text: str) -> bytes:
    """A PDF with the text in Helvetica (latin-1: typographic quotes and dashes folded)."""
    from fpdf import FPDF

    text = text.translate(FOLD).encode("latin-1", "replace").decode("latin-1")
    doc = FPDF()
    doc.add_page()
    doc.set_font("Helvetica", size=10)
    doc.multi_cell(0, 5, text)
    return bytes(doc.output())


def corpus_dirs() -> list[Path]:
    return sorted(p.parent for p in CORPUS.glob("*/paper.json"))


@dataclass
class ServedFile:
    data: bytes
    content_type: str


@dataclass
class OparlTestServer:
    """State that the tests change; the handler reads it on every request."""

    pdf: bool = field(default_factory=pdf_available)
    page_size: int = 2
    papers: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: dict[str, ServedFile] = field(default_factory=dict)
    held_back: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    fail_next: list[int] = field(default_factory=list)
    fail_paths: dict[str, int] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    base: str = ""

    # -- building papers from the corpus
    def add_paper(self, folder: str, *, answered: bool = True) -> str:
        """Serve the corpus paper ``folder`` (e.g. "2021-0451"); return its URL.

        Without ``answered`` the Stellungnahme (and the minutes) are held back until
        publish_answer().
        """
        source = CORPUS / folder
        raw = json.loads((source / "paper.json").read_text(encoding="utf-8"))
        paper = self._rewrite(raw)
        paper["id"] = f"{self.base}/papers/{folder}"
        paper["body"] = f"{self.base}/bodies/1"
        files = []
        for n, entry in enumerate(paper.get("auxiliaryFile", [])):
            name = entry.get("name", "")
            if ANSWER.search(name):
                text = (source / "stellungnahme.txt").read_text(encoding="utf-8")
            elif MINUTES.search(name):
                text = (
                    f"Protokoll\n\nDer Gemeinderat nimmt die Stellungnahme zu {name} zur Kenntnis."
                )
            elif ATTACHMENT.search(name):
                text = f"{name}\n\nTabelle und Karte."
            else:
                text = (source / "anfrage.txt").read_text(encoding="utf-8")
            slug = f"{folder}-{n}"
            suffix = "pdf" if self.pdf else "txt"
            data = make_pdf(text) if self.pdf else text.encode("utf-8")
            kind = "application/pdf" if self.pdf else "text/plain"
            self.files[slug] = ServedFile(data, kind)
            entry.update(
                id=f"{self.base}/files/{slug}",
                accessUrl=f"{self.base}/download/{slug}.{suffix}",
                downloadUrl=f"{self.base}/download/{slug}.{suffix}",
                fileName=f"{slug}.{suffix}",
                mimeType=kind,
            )
            files.append(entry)
        if answered:
            paper["auxiliaryFile"] = files
        else:
            later = [f for f in files if ANSWER.search(f["name"]) or MINUTES.search(f["name"])]
            paper["auxiliaryFile"] = [f for f in files if f not in later]
            self.held_back[folder] = later
        self.papers[folder] = paper
        return paper["id"]

    def _rewrite(self, value: Any) -> Any:
        if isinstance(value, str):
            return value.replace(KARLSRUHE, f"{self.base}/bodies/1")
        if isinstance(value, list):
            return [self._rewrite(v) for v in value]
        if isinstance(value, dict):
            return {k: self._rewrite(v) for k, v in value.items()}
        return value

    def publish_answer(self, folder: str) -> None:
        paper = self.papers[folder]
        paper["auxiliaryFile"] = paper["auxiliaryFile"] + self.held_back.pop(folder)
        paper["modified"] = now()

    def url_path(self, url: str) -> str:
        return urllib.parse.urlsplit(url).path

    def change_paper(self, folder: str, **fields: Any) -> None:
        self.papers[folder].update(fields)
        self.papers[folder]["modified"] = now()

    # -- what is served
    def system(self) -> dict[str, Any]:
        return {
            "id": f"{self.base}/system",
            "type": "https://schema.oparl.org/1.1/System",
            "oparlVersion": "https://schema.oparl.org/1.1/",
            "name": "Test-Ratsinformationssystem",
            "body": f"{self.base}/bodies",
        }

    def body(self) -> dict[str, Any]:
        return {
            "id": f"{self.base}/bodies/1",
            "type": "https://schema.oparl.org/1.1/Body",
            "system": f"{self.base}/system",
            "name": "Stadt Karlsruhe",
            "shortName": "Karlsruhe",
            "paper": f"{self.base}/bodies/1/papers",
        }

    def paper_page(self, query: dict[str, list[str]]) -> dict[str, Any]:
        since = query.get("modified_since", [""])[0]
        papers = [
            copy.deepcopy(p)
            for _, p in sorted(self.papers.items())
            if not since or datetime.fromisoformat(p["modified"]) >= datetime.fromisoformat(since)
        ]
        page = int(query.get("page", ["1"])[0])
        chunk = papers[(page - 1) * self.page_size : page * self.page_size]
        pages = max(1, -(-len(papers) // self.page_size))
        links: dict[str, str] = {}
        if page < pages:
            params = {"page": str(page + 1)} | ({"modified_since": since} if since else {})
            links["next"] = f"{self.base}/bodies/1/papers?{urllib.parse.urlencode(params)}"
        return {
            "data": chunk,
            "pagination": {
                "totalElements": len(papers),
                "elementsPerPage": self.page_size,
                "currentPage": page,
                "totalPages": pages,
            },
            "links": links,
        }


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's name
        return None

    def _json(self, value: Any, status: int = 200) -> None:
        self._send(json.dumps(value).encode("utf-8"), "application/json", status)

    def _send(self, data: bytes, kind: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        state = self.server.state
        state.requests.append(self.path)
        if state.fail_next:
            self._send(b"<html>Internal Server Error</html>", "text/html", state.fail_next.pop(0))
            return
        parts = urllib.parse.urlsplit(self.path)
        path, query = parts.path, urllib.parse.parse_qs(parts.query)
        if path in state.fail_paths:
            self._send(b"<html>Fehler</html>", "text/html", state.fail_paths[path])
            return
        if path == "/oparl/v1/system":
            self._json(state.system())
        elif path == "/oparl/v1/bodies":
            self._json({"data": [state.body()], "pagination": {"totalElements": 1}, "links": {}})
        elif path == "/oparl/v1/bodies/1":
            self._json(state.body())
        elif path == "/oparl/v1/bodies/1/papers":
            self._json(state.paper_page(query))
        elif path.startswith("/oparl/v1/papers/") and path.rsplit("/", 1)[1] in state.papers:
            self._json(state.papers[path.rsplit("/", 1)[1]])
        elif path.startswith("/oparl/v1/download/"):
            slug = path.rsplit("/", 1)[1].rsplit(".", 1)[0]
            if slug not in state.files:
                self._send(b"not found", "text/plain", 404)
            else:
                self._send(state.files[slug].data, state.files[slug].content_type)
        elif path == "/oparl/v1/broken/json":
            self._send(b"<html><body>Wartungsarbeiten</body></html>", "text/html")
        elif path == "/oparl/v1/broken/big.pdf":
            self._big(with_length=True)
        elif path == "/oparl/v1/broken/big-unannounced.pdf":
            self._big(with_length=False)
        elif path == "/oparl/v1/broken/elsewhere":
            self._redirect("http://oparl.example.invalid/oparl/v1/system")
        elif path == "/oparl/v1/broken/moved":
            self._redirect(f"{state.base}/system")
        else:
            self._send(b"not found", "text/plain", 404)

    def _redirect(self, target: str) -> None:
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _big(self, with_length: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        if with_length:
            self.send_header("Content-Length", str(BIG_FILE_BYTES))
        self.end_headers()
        chunk = b"%PDF-1.4\n" + b"0" * (1024 * 1024 - 9)
        try:
            for _ in range(BIG_FILE_BYTES // len(chunk)):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client refused the rest, as it should


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: OparlTestServer


class RunningServer:
    """The server in a thread of its own; ``state`` is what the tests change."""

    def __init__(self, state: OparlTestServer | None = None) -> None:
        self.httpd = _Server(("127.0.0.1", 0), _Handler)
        self.port = self.httpd.server_address[1]
        self.state = state or OparlTestServer()
        self.state.base = f"http://127.0.0.1:{self.port}/oparl/v1"
        self.httpd.state = self.state
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return self.state.base

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)
