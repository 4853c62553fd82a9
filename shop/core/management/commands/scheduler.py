"""``manage.py scheduler``: run the periodic jobs of ``settings.SHOP_SCHEDULE`` in a loop.

Each entry is ``(dotted path of a callable, seconds between runs)``; a job runs when it is due
(all of them at start), and one that raises is logged and tried again at its next turn without
stopping the others. ``--once`` runs every job once and exits (cron, tests). SIGTERM and SIGINT
stop the loop after the job that is running. Run one scheduler per installation: the jobs
themselves are safe to run twice at the same time (row locks), but there is no point.
"""

from __future__ import annotations

import logging
import signal
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the periodic jobs of SHOP_SCHEDULE (payments reconcile and expiry, refund jobs, customs outbox)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once, then exit.")

    def handle(self, *args, **options):
        try:
            jobs = [
                (path, import_string(path), float(interval))
                for path, interval in settings.SHOP_SCHEDULE
            ]
        except (ImportError, ValueError, TypeError) as error:
            raise CommandError(f"SHOP_SCHEDULE: {error}") from error
        stop = threading.Event()
        previous = {
            sig: signal.signal(sig, lambda *_args: stop.set())
            for sig in (signal.SIGTERM, signal.SIGINT)
        }
        try:
            self._loop(jobs, stop=stop, once=options["once"])
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _loop(self, jobs, *, stop: threading.Event, once: bool) -> None:
        due = {path: 0.0 for path, _job, _interval in jobs}
        while not stop.is_set():
            for path, job, interval in jobs:
                if stop.is_set():
                    break
                if once or time.monotonic() >= due[path]:
                    self._run(path, job)
                    due[path] = time.monotonic() + interval
            if once:
                return
            stop.wait(max(min(due.values()) - time.monotonic(), 0.1))
        self.stdout.write("scheduler stopped")

    @staticmethod
    def _fresh_connection() -> None:
        # a long-running process: drop broken or expired connections between jobs, like a
        # request does (never inside a transaction, e.g. a test's)
        if not connection.in_atomic_block:
            close_old_connections()

    def _run(self, path: str, job) -> None:
        self._fresh_connection()
        try:
            result = job()
        except Exception:  # noqa: BLE001 - one failing job must not stop the others
            logger.exception("scheduled job %s failed", path)
            self.stderr.write(f"{path}: failed (see the log)")
            return
        finally:
            self._fresh_connection()
        if isinstance(result, dict):
            summary = ", ".join(f"{k}: {v}" for k, v in sorted(result.items())) or "nothing to do"
        else:
            summary = "done" if result is None else str(result)
        self.stdout.write(f"{path}: {summary}")
