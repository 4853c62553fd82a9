import time

from django.core.management.base import BaseCommand

from shop.customs.outbox import outbox_deliver, outbox_due


class Command(BaseCommand):
    help = (
        "Deliver due customs outbox messages. The django-tasks worker does this as messages are "
        "created; this sweeps up what is due (after a crash, or without a worker)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One pass, then exit.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between passes.")

    def handle(self, *args, **options):
        while True:
            counts: dict[str, int] = {}
            for pk in outbox_due():
                outcome = outbox_deliver(message_id=pk)
                counts[outcome] = counts.get(outcome, 0) + 1
            if counts or options["once"]:
                summary = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "nothing due"
                self.stdout.write(summary)
            if options["once"]:
                return
            time.sleep(options["interval"])
