from oscar.apps.shipping import repository

from .methods import CrossBorderDelivery


class Repository(repository.Repository):
    methods = (CrossBorderDelivery(),)
