from shop.customs.management.polling import PollingCommand
from shop.payments.jobs import run_refund_jobs


class Command(PollingCommand):
    help = (
        "Send due refund jobs to the payment gateway (retried with backoff; after "
        "SHOP_PAYMENT_REFUND_MAX_ATTEMPTS they wait for staff on the payments dashboard)."
    )
    default_interval = 60.0

    def run_once(self):
        return run_refund_jobs()
