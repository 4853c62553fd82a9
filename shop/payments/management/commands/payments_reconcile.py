from shop.customs.management.polling import PollingCommand
from shop.payments.jobs import reconcile_open_payments


class Command(PollingCommand):
    help = (
        "Ask the payment gateway about every open payment older than "
        "SHOP_PAYMENT_RECONCILE_AFTER_MINUTES and apply what it says (a lost webhook)."
    )
    default_interval = 300.0

    def run_once(self):
        return reconcile_open_payments()
