"""Embedded transport: the exchange folders of the E-port transfer client.

``<root>/out``      messages for customs, written atomically: a temporary ``.part`` name in the
                    same folder, fsync, then rename, so the client never reads half a file.
``<root>/in``       receipts from customs (the simulator writes here in development).
``<root>/archive``  processed receipts; ``<root>/failed`` receipts that could not be processed.
``<root>/sent``     a marker per delivered message id, so a retry after a crash between rename
                    and the outbox update does not deliver twice.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import ClassVar

from .base import IncomingFile, TransportError

_SAFE = re.compile(r"^[A-Za-z0-9_.-]{1,200}$")


class FolderExchange:
    embedded: ClassVar[bool] = True

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self.out_dir = self.root / "out"
        self.in_dir = self.root / "in"
        self.archive_dir = self.root / "archive"
        self.failed_dir = self.root / "failed"
        self.sent_dir = self.root / "sent"

    def _ensure(self) -> None:
        for folder in (self.out_dir, self.in_dir, self.archive_dir, self.failed_dir, self.sent_dir):
            folder.mkdir(parents=True, exist_ok=True)

    @staticmethod
    def _check_name(name: str) -> str:
        if not _SAFE.match(name) or name.startswith("."):
            raise TransportError(f"unsafe file name {name!r}")
        return name

    def send(self, *, message_id: str, data: bytes) -> None:
        self._check_name(message_id)
        try:
            self._ensure()
            marker = self.sent_dir / message_id
            if marker.exists():
                return  # delivered before: idempotent by message id
            final = self.out_dir / f"{message_id}.xml"
            temporary = self.out_dir / f".{message_id}.xml.part"
            with open(temporary, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, final)
            marker.touch()
        except OSError as error:
            raise TransportError(f"cannot write to {self.out_dir}: {error}") from error

    def receive(self, *, limit: int = 100) -> list[IncomingFile]:
        self._ensure()
        files = sorted(
            (p for p in self.in_dir.iterdir() if p.is_file() and not p.name.startswith(".")),
            key=lambda p: (p.stat().st_mtime_ns, p.name),
        )[:limit]
        incoming = []
        for path in files:
            try:
                incoming.append(IncomingFile(name=path.name, data=path.read_bytes()))
            except OSError:
                continue  # vanished or unreadable now; next round
        return incoming

    def acknowledge(self, name: str, *, ok: bool) -> None:
        self._check_name(name)
        target = self.archive_dir if ok else self.failed_dir
        source = self.in_dir / name
        if source.exists():
            os.replace(source, target / name)
