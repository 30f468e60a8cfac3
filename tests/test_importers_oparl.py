"""The OParl HTTP client and paper parsing, against a real local server on 127.0.0.1."""

from __future__ import annotations

import json
import socket
from datetime import UTC, datetime, timedelta

import pytest
from oparl_server import CORPUS, corpus_dirs

from anfrage_desk.importers.oparl import OparlClient, OparlError, OparlUnavailable, check_url
from anfrage_desk.importers.oparl_paper import (
    answer_file,
    answer_of_related,
    inquiry_file,
    mentions,
    parse_paper,
)


def quick_client(sleeps: list[float] | None = None) -> OparlClient:
    record = sleeps if sleeps is not None else []
    return OparlClient(timeout=5, retries=2, backoff=0.5, sleep=record.append)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize(
    "url",
    ["http://example.org/oparl/system", "ftp://example.org/x", "example.org/oparl", "https://"],
)
def test_only_https_except_to_this_machine(url):
    with pytest.raises(OparlError) as raised:
        check_url(url)
    assert "https://" in str(raised.value) or "keine gültige" in str(raised.value)


@pytest.mark.parametrize(
    "url",
    ["https://oparl.example.org/system", "http://127.0.0.1:8080/system", "http://localhost/x"],
)
def test_https_and_local_http_are_allowed(url):
    assert check_url(f"  {url} ") == url


def test_server_down_is_retried_with_backoff_then_reported_in_german():
    sleeps: list[float] = []
    client = quick_client(sleeps)
    with pytest.raises(OparlUnavailable) as raised:
        client.get_json(f"http://127.0.0.1:{free_port()}/oparl/v1/system")
    assert "nicht erreichbar" in str(raised.value)
    assert "Verbindung abgelehnt" in str(raised.value)
    assert client.requests == 3 and sleeps == [0.5, 1.0]


def test_http_500_is_retried_and_a_later_success_is_used(oparl_server):
    oparl_server.state.fail_next = [500]
    client = quick_client()
    system = client.get_json(f"{oparl_server.base}/system")
    assert system["name"] == "Test-Ratsinformationssystem"
    assert client.requests == 2


def test_http_500_that_stays_is_reported(oparl_server):
    oparl_server.state.fail_next = [500, 502, 503]
    with pytest.raises(OparlUnavailable) as raised:
        quick_client().get_json(f"{oparl_server.base}/system")
    assert "meldet einen Fehler (HTTP 503)" in str(raised.value)


def test_unknown_address_is_not_retried(oparl_server):
    client = quick_client()
    with pytest.raises(OparlError) as raised:
        client.get_json(f"{oparl_server.base}/papers/gibt-es-nicht")
    assert "HTTP 404" in str(raised.value) and client.requests == 1


def test_invalid_json_is_refused_with_a_message(oparl_server):
    with pytest.raises(OparlError) as raised:
        quick_client().get_json(f"{oparl_server.base}/broken/json")
    assert "keine gültigen OParl-Daten" in str(raised.value)


@pytest.mark.parametrize("name", ["big.pdf", "big-unannounced.pdf"])
def test_a_50_mb_file_is_refused(oparl_server, name):
    client = quick_client()
    with pytest.raises(OparlError) as raised:
        client.get_file(f"{oparl_server.base}/broken/{name}", "Stellungnahme")
    message = str(raised.value)
    assert "„Stellungnahme“" in message and "zu groß (höchstens 20 MB)" in message
    if name == "big.pdf":
        assert "mit 52 MB" in message  # told by Content-Length, refused before reading
    assert not isinstance(raised.value, OparlUnavailable) and client.requests == 1


def test_redirect_to_another_host_is_refused(oparl_server):
    with pytest.raises(OparlError) as raised:
        quick_client().get_json(f"{oparl_server.base}/broken/elsewhere")
    assert "anderen Server um (oparl.example.invalid)" in str(raised.value)
    assert oparl_server.state.requests == ["/oparl/v1/broken/elsewhere"]


def test_redirect_on_the_same_host_is_followed(oparl_server):
    system = quick_client().get_json(f"{oparl_server.base}/broken/moved")
    assert system["type"].endswith("/System")


def test_list_follows_links_next_page_by_page(oparl_server):
    for folder in ("2015-0112", "2016-0027", "2017-0267", "2019-0069", "2021-0451"):
        oparl_server.state.add_paper(folder)
    client = quick_client()
    items = list(client.iter_list(f"{oparl_server.base}/bodies/1/papers"))
    assert [item["reference"] for item, _ in items] == [
        "2015/0112",
        "2016/0027",
        "2017/0267",
        "2019/0069",
        "2021/0451",
    ]
    assert {total for _, total in items} == {5}
    assert client.requests == 3  # three pages of two


def test_list_passes_modified_since(oparl_server):
    oparl_server.state.add_paper("2015-0112")
    oparl_server.state.add_paper("2021-0451")
    oparl_server.state.change_paper("2021-0451", name="Geändert")
    url = f"{oparl_server.base}/bodies/1/papers"
    hour_ago = datetime.now(UTC) - timedelta(hours=1)
    since = {"modified_since": hour_ago.isoformat(timespec="seconds")}
    assert [item["name"] for item, _ in quick_client().iter_list(url, since)] == ["Geändert"]


def corpus_papers():
    if not CORPUS.exists():
        pytest.skip("../shared/corpus/karlsruhe fehlt")
    return [
        parse_paper(json.loads((d / "paper.json").read_text(encoding="utf-8")))
        for d in corpus_dirs()
    ]


def test_every_corpus_paper_has_its_anfrage_and_its_stellungnahme_found():
    papers = corpus_papers()
    assert len(papers) >= 50
    for paper in papers:
        assert paper.is_inquiry
        source, answer = inquiry_file(paper), answer_file(paper)
        assert source is not None and answer is not None, paper.reference
        assert source.kind != "answer" and "Protokoll" not in source.name, paper.reference
        assert "protokoll" not in answer.name.lower(), paper.reference
        assert any(w in answer.name.lower() for w in ("stellungnahme", "stn")), answer.name


def test_anfrage_named_after_the_faction_and_answer_named_stn():
    by_ref = {p.reference: p for p in corpus_papers()}
    paper = by_ref["2015/0112"]
    assert inquiry_file(paper).name == "FW-Runde Tische Bürgersicherheit"
    assert answer_file(paper).name == "Stellungnahme TOP 31"
    paper = by_ref["2021/0451"]
    assert inquiry_file(paper).name == "ORS_Anfrage_SPD_Verkehrsüberwachung"
    assert answer_file(paper).name.startswith("STN_Anfrage_SPD")
    assert mentions(by_ref["2015/0456"], "grüne") and not mentions(by_ref["2015/0456"], "SPD")


def test_a_related_paper_is_the_answer_only_when_it_is_a_stellungnahme():
    base = {
        "type": "https://schema.oparl.org/1.1/Paper",
        "id": "https://oparl.example.org/papers/2",
        "mainFile": {"id": "f", "name": "Text", "accessUrl": "https://oparl.example.org/f.pdf"},
    }
    answer = parse_paper(base | {"paperType": "Stellungnahme der Verwaltung", "name": "Zu 1"})
    other = parse_paper(base | {"paperType": "Beschlussvorlage", "name": "Radwege"})
    assert answer_of_related(answer) is not None and answer_of_related(other) is None


def test_an_object_that_is_no_paper_is_refused():
    with pytest.raises(OparlError) as raised:
        parse_paper({"type": "https://schema.oparl.org/1.1/Body", "id": "x"}, "https://x/1")
    assert "keine Drucksache" in str(raised.value)


def test_https_to_a_server_that_speaks_no_tls_is_reported_in_german(oparl_server):
    with pytest.raises(OparlUnavailable) as raised:
        quick_client().get_json(oparl_server.base.replace("http://", "https://") + "/system")
    assert "keine sichere Verbindung möglich" in str(raised.value)
