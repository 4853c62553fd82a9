import logging

from shop.customs.management.polling import PollingCommand
from shop.customs.outbox import outbox_deliver, outbox_due

logger = logging.getLogger("shop.customs.outbox")


class Command(PollingCommand):
    help = (
        "Deliver due customs outbox messages. The django-tasks worker does this as messages are "
        "created; this sweeps up what is due (after a crash, or without a worker)."
    )

    def run_once(self):
        counts: dict[str, int] = {}
        for pk in outbox_due():
            try:
                outcome = outbox_deliver(message_id=pk)
            except Exception:  # e.g. the database went away mid-message: go on with the next
                logger.exception("customs outbox message %s could not be processed", pk)
                outcome = "error"
            counts[outcome] = counts.get(outcome, 0) + 1
        return counts
