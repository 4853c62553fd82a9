from shop.customs.management.polling import PollingCommand
from shop.customs.outbox import outbox_sweep


class Command(PollingCommand):
    help = (
        "Deliver due customs outbox messages. The django-tasks worker does this as messages are "
        "created; this sweeps up what is due (after a crash, or without a worker)."
    )

    def run_once(self):
        return outbox_sweep()
