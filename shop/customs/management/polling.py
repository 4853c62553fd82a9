"""A management command that does one pass of work, either once or every few seconds."""

import time

from django.core.management.base import BaseCommand


class PollingCommand(BaseCommand):
    default_interval = 5.0

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One pass, then exit.")
        parser.add_argument(
            "--interval",
            type=float,
            default=self.default_interval,
            help="Seconds between passes.",
        )

    def run_once(self) -> dict[str, int]:
        raise NotImplementedError

    def handle(self, *args, **options):
        while True:
            counts = self.run_once()
            if any(counts.values()) or options["once"]:
                summary = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
                self.stdout.write(summary or "nothing to do")
            if options["once"]:
                return
            time.sleep(options["interval"])
