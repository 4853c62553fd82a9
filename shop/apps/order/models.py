"""Order fork (issue #9): Oscar's models unchanged; the fork exists for ``utils.OrderCreator``,
which stocks, caps and declares an order while it is placed."""

from oscar.apps.order.models import *  # noqa: F403
