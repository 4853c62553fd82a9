"""Production transport: a customs gateway over HTTP (e.g. a DXP access service).

Contract: ``POST {base_url}/messages/{message_id}`` with the XML body; 200/201/409 (already
have it) mean delivered. ``GET {base_url}/receipts?limit=n`` returns a JSON list of
``{"name": ..., "data": <base64>}``; ``POST {base_url}/receipts/{name}/ack`` with
``{"ok": true|false}`` acknowledges one.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from typing import ClassVar

from .base import IncomingFile, TransportError
from .folder import PREFIX_BYTES


class HttpGateway:
    embedded: ClassVar[bool] = False

    def __init__(self, base_url: str, *, timeout: float = 10.0, token: str = ""):
        if not base_url:
            raise ValueError("HttpGateway needs base_url (CUSTOMS_GATEWAY_URL)")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.token = token

    def _request(self, method: str, path: str, body: bytes | None = None, content_type: str = ""):
        request = urllib.request.Request(self.base_url + path, data=body, method=method)
        if content_type:
            request.add_header("Content-Type", content_type)
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise TransportError(f"gateway unreachable: {error}") from error

    def send(self, *, message_id: str, data: bytes) -> None:
        status, body = self._request(
            "POST", f"/messages/{message_id}", data, "application/xml; charset=utf-8"
        )
        if status not in (200, 201, 409):
            raise TransportError(f"gateway answered {status}: {body[:200]!r}")

    def receive(self, *, limit: int = 100, max_bytes: int | None = None) -> list[IncomingFile]:
        status, body = self._request("GET", f"/receipts?limit={int(limit)}")
        if status != 200:
            raise TransportError(f"gateway answered {status} for receipts")
        try:
            items = [(str(i["name"]), base64.b64decode(i["data"])) for i in json.loads(body)]
        except (ValueError, KeyError, TypeError) as error:
            raise TransportError(f"bad receipts listing: {error}") from error
        incoming = []
        for name, data in items:
            problem = ""
            if max_bytes is not None and len(data) > max_bytes:
                problem = f"too large: {len(data)} bytes, at most {max_bytes}"
            incoming.append(
                IncomingFile(
                    name=name,
                    data=data[:PREFIX_BYTES] if problem else data,
                    size=len(data),
                    problem=problem,
                )
            )
        return incoming

    def acknowledge(self, name: str, *, ok: bool) -> None:
        status, _ = self._request(
            "POST",
            f"/receipts/{urllib.parse.quote(name, safe='')}/ack",
            json.dumps({"ok": ok}).encode(),
            "application/json",
        )
        if status not in (200, 204):
            raise TransportError(f"gateway answered {status} to ack {name}")
