"""Oscar's product formsets (issue #12): the stock-record formset without the crash on a POST
that lacks its management form.

Oscar's ``StockRecordFormSet`` scopes the stock records (a merchant edits only its own
partners' records; the partner field offers only its own partners), then pre-selects the
merchant's partner on ``self.forms[0]`` — which raises ``IndexError`` (a 500) for a bound
formset without forms. Such a formset is invalid anyway; nothing is pre-selected.
"""

from oscar.apps.dashboard.catalogue import formsets as oscar_formsets
from oscar.apps.dashboard.catalogue.formsets import *  # noqa: F403


class StockRecordFormSet(oscar_formsets.StockRecordFormSet):
    def set_initial_data(self):
        if self.forms:
            super().set_initial_data()
