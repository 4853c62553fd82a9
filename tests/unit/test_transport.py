"""Customs transports: the folder exchange and the HTTP gateway (issue #5 groundwork)."""

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from integrations.customs.transport.base import TransportError
from integrations.customs.transport.folder import FolderExchange
from integrations.customs.transport.http import HttpGateway


def test_folder_send_is_atomic_and_idempotent(tmp_path):
    exchange = FolderExchange(tmp_path)
    exchange.send(message_id="A1B2", data=b"<x/>")
    exchange.send(message_id="A1B2", data=b"<changed/>")  # a retry after a crash
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == ["A1B2.xml"]  # no .part left behind, delivered once
    assert (tmp_path / "out" / "A1B2.xml").read_bytes() == b"<x/>"


def test_folder_refuses_unsafe_names(tmp_path):
    with pytest.raises(TransportError):
        FolderExchange(tmp_path).send(message_id="../../etc/passwd", data=b"x")


def test_folder_send_failure_is_a_transport_error(tmp_path):
    blocker = tmp_path / "root"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(TransportError):
        FolderExchange(blocker).send(message_id="M1", data=b"x")


def test_folder_receives_oldest_first_and_archives_or_quarantines(tmp_path):
    exchange = FolderExchange(tmp_path)
    exchange._ensure()
    import os

    for n, name in enumerate(["r2.xml", "r1.xml", ".hidden.part"]):
        path = tmp_path / "in" / name
        path.write_bytes(name.encode())
        os.utime(path, ns=(1_000_000_000 * (10 - n), 1_000_000_000 * (10 - n)))
    received = exchange.receive()
    assert [f.name for f in received] == ["r1.xml", "r2.xml"]
    exchange.acknowledge("r1.xml", ok=True)
    exchange.acknowledge("r2.xml", ok=False)
    assert (tmp_path / "archive" / "r1.xml").exists()
    assert (tmp_path / "failed" / "r2.xml").exists()
    assert exchange.receive() == []


def test_folder_files_are_0600_and_folders_0700_whatever_the_umask(tmp_path):
    import os
    import stat

    root = tmp_path / "new" / "exchange"
    old = os.umask(0)
    try:
        exchange = FolderExchange(root)
        exchange.send(message_id="M1", data=b"<x/>")
        (root / "in" / "r.xml").write_bytes(b"<r/>")
        exchange.acknowledge("r.xml", ok=True)
    finally:
        os.umask(old)

    def mode(path):
        return stat.S_IMODE(os.stat(path).st_mode)

    for folder in (
        root.parent,
        root,
        *(root / f for f in ("out", "in", "archive", "failed", "sent")),
    ):
        assert mode(folder) == 0o700, folder
    for path in (root / "out" / "M1.xml", root / "sent" / "M1", root / "archive" / "r.xml"):
        assert mode(path) == 0o600, path


def test_folder_receive_reports_odd_files_instead_of_failing(tmp_path):
    exchange = FolderExchange(tmp_path)
    exchange._ensure()
    (tmp_path / "in" / "CEB622 (1).xml").write_bytes(b"<r/>")
    (tmp_path / "in" / "big.xml").write_bytes(b"x" * 100_000)
    (tmp_path / "in" / "ok.xml").write_bytes(b"<ok/>")
    received = {f.name: f for f in exchange.receive(max_bytes=1000)}
    assert received["ok.xml"].problem == ""
    assert received["ok.xml"].data == b"<ok/>"
    assert "name" in received["CEB622 (1).xml"].problem
    assert "too large" in received["big.xml"].problem
    assert len(received["big.xml"].data) == 64 * 1024  # a prefix only
    for name in received:
        exchange.acknowledge(name, ok=False)
    assert sorted(p.name for p in (tmp_path / "failed").iterdir()) == sorted(received)
    # the same name again does not replace the earlier quarantined file
    (tmp_path / "in" / "ok.xml").write_bytes(b"<again/>")
    exchange.acknowledge("ok.xml", ok=False)
    assert len(list((tmp_path / "failed").glob("ok.xml*"))) == 2
    with pytest.raises(TransportError):
        exchange.acknowledge("../etc/passwd", ok=False)


class _Gateway(BaseHTTPRequestHandler):
    received: dict = {}
    fail_next = 0

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        if self.path.startswith("/messages/"):
            if _Gateway.fail_next:
                _Gateway.fail_next -= 1
                self.send_response(503)
                self.end_headers()
                return
            key = self.path.rsplit("/", 1)[-1]
            status = 409 if key in _Gateway.received else 201
            _Gateway.received.setdefault(key, body)
            self.send_response(status)
            self.end_headers()
        else:
            self.send_response(204)
            self.end_headers()

    def do_GET(self):
        payload = json.dumps([{"name": "r1.xml", "data": base64.b64encode(b"<r/>").decode()}])
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(payload.encode())


@pytest.fixture
def gateway():
    server = HTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Gateway.received, _Gateway.fail_next = {}, 0
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_http_gateway_sends_once_and_treats_409_as_delivered(gateway):
    transport = HttpGateway(gateway, timeout=2)
    transport.send(message_id="M1", data=b"<a/>")
    transport.send(message_id="M1", data=b"<a/>")
    assert _Gateway.received == {"M1": b"<a/>"}


def test_http_gateway_errors_are_transport_errors(gateway):
    _Gateway.fail_next = 1
    with pytest.raises(TransportError):
        HttpGateway(gateway, timeout=2).send(message_id="M2", data=b"<a/>")
    with pytest.raises(TransportError):
        HttpGateway("http://127.0.0.1:9", timeout=0.5).send(message_id="M3", data=b"<a/>")


def test_http_gateway_lists_receipts(gateway):
    received = HttpGateway(gateway, timeout=2).receive()
    assert [(f.name, f.data) for f in received] == [("r1.xml", b"<r/>")]
