from shop.customs.management.polling import PollingCommand
from shop.customs.receipts import receipts_receive


class Command(PollingCommand):
    help = (
        "Read customs receipts from the transport (CUSTOMS_EXCHANGE_DIR/in by default) and apply "
        "them to declarations; files that cannot be used are quarantined, never lost."
    )
    default_interval = 2.0

    def run_once(self):
        return receipts_receive()
