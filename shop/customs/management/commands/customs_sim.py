"""``manage.py customs_sim``: the local China Customs simulator on CUSTOMS_EXCHANGE_DIR.

Development and demos only: it answers what ``customs_send`` (or the worker) wrote to ``out/``
with receipts in ``in/``, which ``customs_receive`` applies. See
``integrations/customs/simulator.py`` for what it checks and answers.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from integrations.customs.simulator import CustomsSimulator


def _rate(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise ValueError(text)
    return value


_rate.__name__ = "rate between 0 and 1"


class Command(BaseCommand):
    help = (
        "Simulate China Customs on CUSTOMS_EXCHANGE_DIR: read the shop's messages from out/, "
        "check them (XSD, signature, three-document comparison, tax limits) and write receipts "
        "to in/. Development only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One pass, then exit.")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between passes (default 1)."
        )
        parser.add_argument(
            "--delay",
            type=float,
            default=0.0,
            help="Seconds between the receipts of one inventory (2, 120, 800); default 0.",
        )
        parser.add_argument(
            "--refusal-rate",
            type=_rate,
            default=0.0,
            help="Share of inventories refused at random (0..1) even when every check passes.",
        )
        parser.add_argument(
            "--duplicate-rate",
            type=_rate,
            default=0.0,
            help="Share of receipts written twice (0..1).",
        )
        parser.add_argument(
            "--drop-rate",
            type=_rate,
            default=0.0,
            help="Share of intermediate inventory receipts (2, 120) never sent (0..1).",
        )
        parser.add_argument(
            "--seed", type=int, default=None, help="Random seed, for reproducible faults."
        )

    def handle(self, *args, **options):
        if options["interval"] < 0 or options["delay"] < 0:
            raise CommandError("--interval and --delay must not be negative")
        simulator = CustomsSimulator(
            settings.CUSTOMS_EXCHANGE_DIR,
            refusal_rate=options["refusal_rate"],
            delay=options["delay"],
            duplicate_rate=options["duplicate_rate"],
            drop_rate=options["drop_rate"],
            seed=options["seed"],
        )
        self.stdout.write(f"customs simulator on {simulator.root}")
        try:
            simulator.run(
                options["interval"],
                stop_after=1 if options["once"] else None,
                log=self.stdout.write,
            )
        except KeyboardInterrupt:
            self.stdout.write(f"stopped ({simulator.pending} receipts still pending)")
