import time

from django.core.management.base import BaseCommand

from shop.customs.receipts import receipts_receive


class Command(BaseCommand):
    help = (
        "Read customs receipts from the transport (CUSTOMS_EXCHANGE_DIR/in by default) and apply "
        "them to declarations; files that cannot be used are quarantined, never lost."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One pass, then exit.")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between passes.")

    def handle(self, *args, **options):
        while True:
            counts = receipts_receive()
            if any(counts.values()) or options["once"]:
                self.stdout.write(", ".join(f"{k}: {v}" for k, v in counts.items()))
            if options["once"]:
                return
            time.sleep(options["interval"])
