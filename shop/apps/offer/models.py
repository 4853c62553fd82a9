# Offer fork (issue #16): Oscar's models unchanged; the fork is for its applicator.
from oscar.apps.offer.models import *  # noqa: F403
