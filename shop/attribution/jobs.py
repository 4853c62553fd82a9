"""Periodic job of the kiosk hand-off (issue #14), run by ``manage.py scheduler``
(``SHOP_SCHEDULE``)."""

from . import services


def purge_handoffs() -> dict[str, int]:
    """Hand-offs expired more than a day ago: deleted with their lines (nothing else refers to
    them; the placed orders keep their own attribution). ``{}`` when there was none."""
    deleted = services.handoffs_purge()
    return {"deleted": deleted} if deleted else {}
