"""How signed customs messages leave the shop and how receipts come back (spec §1.6).

No Django here. The embedded ``FolderExchange`` behaves like the E-port transfer client's
exchange folders; ``HttpGateway`` posts to a gateway. Both are idempotent by file/message id:
sending the same ``message_id`` twice delivers it once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Protocol


class TransportError(Exception):
    """Delivery failed; the outbox retries later with backoff."""


@dataclass(frozen=True)
class IncomingFile:
    name: str
    #: the content; only a bounded prefix when ``problem`` says the file was refused unread
    data: bytes
    size: int | None = None
    #: why the transport could not hand the file over as it is (odd name, too large,
    #: unreadable): the receiver quarantines it without parsing
    problem: str = ""


class Transport(Protocol):
    embedded: ClassVar[bool]

    def send(self, *, message_id: str, data: bytes) -> None:
        """Deliver ``data`` once under ``message_id``. Raises ``TransportError``."""
        ...

    def receive(self, *, limit: int = 100, max_bytes: int | None = None) -> list[IncomingFile]:
        """Receipts waiting to be processed (oldest first), not yet acknowledged. A file over
        ``max_bytes`` comes back with ``problem`` set and only a prefix of its data."""
        ...

    def acknowledge(self, name: str, *, ok: bool) -> None:
        """Move a received file out of the way: archived when processed, quarantined if not."""
        ...
