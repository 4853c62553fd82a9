from shop.customs.management.polling import PollingCommand
from shop.payments.jobs import expire_unpaid_orders


class Command(PollingCommand):
    help = (
        "Cancel orders still pending payment after SHOP_PAYMENT_TIMEOUT_MINUTES: their open "
        "intents at the gateway, their declarations and stock allocation (a payment that "
        "succeeded meanwhile is applied instead)."
    )
    default_interval = 60.0

    def run_once(self):
        return expire_unpaid_orders()
