"""A careful HTTP client for a council's OParl 1.1 interface (standard library only).

Council servers are slow, sometimes down and sometimes answer with an HTML error page, so
every request has a timeout, is retried with a growing pause on connection errors and 5xx
answers, and is read only up to a size limit. Only HTTPS is spoken, except to this machine
(127.0.0.1, ::1, localhost; the tests run a local server). A redirect to another host is not
followed. Every problem is raised as `OparlError` with a German sentence for the user.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.client import HTTPMessage
from typing import IO, Any

from anfrage_desk import __version__
from anfrage_desk.importers.errors import MAX_BYTES

MAX_JSON_BYTES = 8 * 1024 * 1024
"""An OParl page of 100 papers with embedded files is well below 1 MB."""
MAX_PAGES = 5000
"""A guard against a server whose ``links.next`` never ends."""
USER_AGENT = f"Anfrage-Desk/{__version__} (OParl-Client)"


class OparlError(Exception):
    """The council's system cannot be used for this request; str() is a German sentence."""


class OparlUnavailable(OparlError):
    """The server is down, too slow or answers with server errors: stop the whole run."""


def is_local_host(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> str:
    """The URL stripped, if it may be opened: https, or http to this machine only."""
    url = url.strip()
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
        _ = parts.port  # raises ValueError for a bad port
    except ValueError:
        raise OparlError(f"„{url}“ ist keine gültige Internetadresse.") from None
    if parts.scheme not in ("http", "https") or not host:
        raise OparlError(
            f"„{url}“ ist keine Internetadresse. Bitte die vollständige Adresse mit "
            "https:// angeben."
        )
    if parts.scheme == "http" and not is_local_host(host):
        raise OparlError(
            f"„{url}“ verwendet eine unverschlüsselte Verbindung (http://). Anfrage-Desk "
            "verbindet sich nur über https:// mit einem Ratsinformationssystem."
        )
    return url


def _origin(url: str) -> tuple[str, str, int]:
    parts = urllib.parse.urlsplit(url)
    default = 443 if parts.scheme == "https" else 80
    return parts.scheme, (parts.hostname or "").lower(), parts.port or default


def host_of(url: str) -> str:
    return urllib.parse.urlsplit(url).netloc or url


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to the same scheme, host and port."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        newurl = urllib.parse.urljoin(req.full_url, newurl)
        if _origin(newurl) != _origin(req.full_url):
            raise OparlError(
                f"Das Ratsinformationssystem unter {host_of(req.full_url)} leitet auf einen "
                f"anderen Server um ({host_of(newurl)}). Aus Sicherheitsgründen folgt "
                "Anfrage-Desk dieser Umleitung nicht; bitte die Adresse prüfen."
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@dataclass(frozen=True)
class Download:
    """A file fetched from the council's system."""

    url: str
    data: bytes
    content_type: str


@dataclass
class OparlClient:
    """HTTP GET with timeout, retries with backoff, size limits and the URL rules above.

    ``sleep`` is injectable so that tests do not wait for the backoff.
    """

    timeout: float = 20.0
    retries: int = 2
    backoff: float = 1.5
    max_json: int = MAX_JSON_BYTES
    max_file: int = MAX_BYTES
    sleep: Callable[[float], None] = field(default=lambda seconds: time.sleep(seconds))
    requests: int = field(default=0, init=False)

    def get_json(self, url: str, params: dict[str, str] | None = None) -> dict[str, Any]:
        """Fetch one OParl object (a JSON object) from ``url``."""
        if params:
            url = _with_params(url, params)
        data = self._get(url, self.max_json, "Die Antwort").data
        try:
            value = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            raise OparlError(
                f"Das Ratsinformationssystem unter {host_of(url)} hat keine gültigen OParl-Daten "
                "geliefert (kein JSON). Ist die Adresse richtig?"
            ) from None
        if not isinstance(value, dict):
            raise OparlError(
                f"Das Ratsinformationssystem unter {host_of(url)} hat unter {url} kein "
                "OParl-Objekt geliefert."
            )
        return value

    def get_file(self, url: str, name: str) -> Download:
        """Fetch a file (PDF, DOCX, text) of at most ``max_file`` bytes."""
        return self._get(url, self.max_file, f"Die Datei „{name}“")

    def iter_list(
        self, url: str, params: dict[str, str] | None = None
    ) -> Iterator[tuple[dict[str, Any], int | None]]:
        """The objects of an OParl list, page by page along ``links.next``.

        Yields (object, total) where total is ``pagination.totalElements`` when the server
        tells it. The next page is fetched only when the caller asks for the next object.
        """
        seen: set[str] = set()
        next_url: str | None = _with_params(url, params) if params else url
        origin = _origin(check_url(url))
        while next_url:
            if next_url in seen or len(seen) >= MAX_PAGES:
                raise OparlError(
                    f"Die Liste unter {host_of(url)} endet nicht (Seite {len(seen) + 1}); "
                    "der Abruf wurde abgebrochen."
                )
            seen.add(next_url)
            page = self.get_json(next_url)
            data = page.get("data")
            if not isinstance(data, list):
                raise OparlError(
                    f"Das Ratsinformationssystem unter {host_of(url)} hat unter {next_url} "
                    "keine OParl-Liste geliefert."
                )
            pagination = page.get("pagination")
            total = pagination.get("totalElements") if isinstance(pagination, dict) else None
            for item in data:
                if isinstance(item, dict):
                    yield item, total if isinstance(total, int) else None
            links = page.get("links")
            following = links.get("next") if isinstance(links, dict) else None
            next_url = urllib.parse.urljoin(next_url, following) if following else None
            if next_url and _origin(check_url(next_url)) != origin:
                raise OparlError(
                    f"Die Liste unter {host_of(url)} verweist auf einen anderen Server "
                    f"({host_of(next_url)}); dem folgt Anfrage-Desk nicht."
                )

    # -- the one place that talks HTTP
    def _get(self, url: str, limit: int, what: str) -> Download:
        url = check_url(url)
        attempt = 0
        while True:
            try:
                return self._get_once(url, limit, what)
            except OparlUnavailable:
                if attempt >= self.retries:
                    raise
                self.sleep(self.backoff * (2**attempt))
                attempt += 1

    def _opener(self, url: str) -> urllib.request.OpenerDirector:
        handlers: list[urllib.request.BaseHandler] = [_SameHostRedirects()]
        if is_local_host(urllib.parse.urlsplit(url).hostname):
            handlers.append(urllib.request.ProxyHandler({}))  # never send 127.0.0.1 to a proxy
        return urllib.request.build_opener(*handlers)

    def _get_once(self, url: str, limit: int, what: str) -> Download:
        host = host_of(url)
        request = urllib.request.Request(
            url, headers={"User-Agent": USER_AGENT, "Accept": "application/json, */*"}
        )
        self.requests += 1
        try:
            with self._opener(url).open(request, timeout=self.timeout) as response:
                length = response.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > limit:
                    raise OparlError(_too_big(what, int(length), limit))
                data = response.read(limit + 1)
                if len(data) > limit:
                    raise OparlError(_too_big(what, None, limit))
                return Download(response.geturl(), data, response.headers.get_content_type())
        except urllib.error.HTTPError as exc:
            exc.close()
            if exc.code >= 500 or exc.code == 429:
                raise OparlUnavailable(
                    f"Das Ratsinformationssystem unter {host} meldet einen Fehler "
                    f"(HTTP {exc.code}). Bitte versuchen Sie es später noch einmal."
                ) from None
            if exc.code in (404, 410):
                raise OparlError(
                    f"Die Adresse {url} gibt es im Ratsinformationssystem nicht (HTTP {exc.code})."
                ) from None
            raise OparlError(
                f"Das Ratsinformationssystem unter {host} verweigert den Abruf von {url} "
                f"(HTTP {exc.code})."
            ) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, OparlError):
                raise reason from None
            raise OparlUnavailable(_unreachable(host, reason)) from None
        except OSError as exc:  # a timeout while reading, a reset connection
            raise OparlUnavailable(_unreachable(host, exc)) from None


def _unreachable(host: str, reason: object) -> str:
    if isinstance(reason, TimeoutError):
        detail = "keine Antwort in der erwarteten Zeit"
    elif isinstance(reason, ConnectionRefusedError):
        detail = "Verbindung abgelehnt"
    elif isinstance(reason, socket.gaierror):
        detail = "Servername unbekannt"
    elif isinstance(reason, ssl.SSLCertVerificationError):
        detail = "das Zertifikat des Servers wurde nicht anerkannt"
    elif isinstance(reason, ssl.SSLError):
        detail = "keine sichere Verbindung möglich"
    else:
        detail = str(getattr(reason, "strerror", None) or reason)
    return (
        f"Das Ratsinformationssystem unter {host} ist nicht erreichbar ({detail}). Bitte prüfen "
        "Sie die Internetverbindung und die Adresse oder versuchen Sie es später noch einmal."
    )


def _too_big(what: str, size: int | None, limit: int) -> str:
    told = f" mit {size / 1_000_000:.0f} MB" if size else ""
    return f"{what} ist{told} zu groß (höchstens {limit // 1_000_000} MB) und wurde nicht geladen."


def _with_params(url: str, params: dict[str, str]) -> str:
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    query += list(params.items())
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))
