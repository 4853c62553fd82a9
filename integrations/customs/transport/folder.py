"""Embedded transport: the exchange folders of the E-port transfer client.

``<root>/out``      messages for customs, written atomically: a temporary ``.part`` name in the
                    same folder, fsync, then rename, so the client never reads half a file.
``<root>/in``       receipts from customs (the simulator writes here in development).
``<root>/archive``  processed receipts; ``<root>/failed`` receipts that could not be processed.
``<root>/sent``     a marker per delivered message id, so a retry after a crash between rename
                    and the outbox update does not deliver twice.

The messages hold personal data: the folders this transport creates are 0700 and the files it
writes or moves 0600, whatever the process umask.
"""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path
from typing import ClassVar

from .base import IncomingFile, TransportError

_SAFE = re.compile(r"^[A-Za-z0-9_.-]{1,200}$")
DIR_MODE = 0o700
FILE_MODE = 0o600
#: what is read of a file that is refused unread (too large): enough for staff to see what it is
PREFIX_BYTES = 64 * 1024


def make_private_dir(folder: Path) -> None:
    """``mkdir -p`` where every folder created is 0700 (``mkdir``'s mode is subject to umask)."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue
        os.chmod(path, DIR_MODE)


def write_private_file(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file that is 0600 from the start, flushed to disk."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            fd = -1
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    finally:
        if fd != -1:
            os.close(fd)


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
            make_private_dir(folder)

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
            write_private_file(temporary, data)
            os.replace(temporary, final)
            write_private_file(marker, b"")
        except OSError as error:
            raise TransportError(f"cannot write to {self.out_dir}: {error}") from error

    def receive(self, *, limit: int = 100, max_bytes: int | None = None) -> list[IncomingFile]:
        """The oldest ``limit`` files of ``in/``. A file is never refused here: a name the
        exchange would not write, a file over ``max_bytes`` (only its first ``PREFIX_BYTES``
        are read; the size is checked before reading) or one that cannot be read comes back
        with ``problem`` set, for the caller to quarantine."""
        self._ensure()
        entries = []
        for path in self.in_dir.iterdir():
            if path.name.startswith("."):
                continue  # .part files being written, dot files
            try:
                info = path.stat()
            except OSError:
                continue  # vanished
            if path.is_file():
                entries.append((info.st_mtime_ns, path.name, path, info.st_size))
        entries.sort(key=lambda entry: entry[:2])
        incoming = []
        for _, name, path, size in entries[:limit]:
            problem = ""
            if not _SAFE.match(name):
                problem = "unexpected file name"
            elif max_bytes is not None and size > max_bytes:
                problem = f"too large: {size} bytes, at most {max_bytes}"
            try:
                with open(path, "rb") as handle:
                    data = handle.read(PREFIX_BYTES if problem else -1)
            except OSError as error:
                data, problem = b"", f"unreadable: {error.strerror or error}"
            incoming.append(IncomingFile(name=name, data=data, size=size, problem=problem))
        return incoming

    def acknowledge(self, name: str, *, ok: bool) -> None:
        """Move ``in/<name>`` to ``archive/`` or ``failed/`` (0600). Any name ``receive`` gave
        back is accepted, as long as it is a plain file name in ``in/``; a name taken in the
        target folder gets a unique suffix rather than replacing the earlier file."""
        if not name or "/" in name or "\0" in name or name in (".", ".."):
            raise TransportError(f"unsafe file name {name!r}")
        target_dir = self.archive_dir if ok else self.failed_dir
        source = self.in_dir / name
        if not source.exists():
            return
        self._ensure()
        target = target_dir / name
        if target.exists():
            target = target_dir / f"{name}.{uuid.uuid4().hex[:12]}"
        try:
            os.chmod(source, FILE_MODE)
            os.replace(source, target)
        except OSError as error:
            raise TransportError(f"cannot move {name!r} to {target_dir}: {error}") from error
