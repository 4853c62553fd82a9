"""The payments' periodic jobs (issue #9), run by ``manage.py scheduler`` (``SHOP_SCHEDULE``) or
one at a time by their management commands. Each returns what it did, counted."""

from . import services


def reconcile_open_payments() -> dict[str, int]:
    """Open payments older than SHOP_PAYMENT_RECONCILE_AFTER_MINUTES: ask the gateway, apply."""
    return services.payments_reconcile_open()


def expire_unpaid_orders() -> dict[str, int]:
    """Orders pending payment for SHOP_PAYMENT_TIMEOUT_MINUTES: cancel (or apply a success)."""
    return services.orders_expire_unpaid()


def run_refund_jobs() -> dict[str, int]:
    """Queued refunds that are due: one attempt each."""
    return services.refund_jobs_run()
