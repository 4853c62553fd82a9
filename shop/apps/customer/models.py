"""Customer fork (issue #16) for ``history.CustomerHistoryManager``; the models are Oscar's."""

from oscar.apps.customer.models import *  # noqa: F403
