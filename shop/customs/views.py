from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from .checkout import ZERO
from .selectors import annual_quota_declarations_for_user, orderer_identity_list
from .tax import ANNUAL_LIMIT


class AnnualQuotaView(LoginRequiredMixin, TemplateView):
    """How much of the 26 000 CNY annual limit the shopper's identities have used this year
    through *this account's* orders (issue #4, privacy in issue #10).

    The checkout refuses a basket on the total of every account that declared the same ID number
    (``selectors.annual_quota_used``); that total is never shown here, or anyone who types in
    somebody's ID number could read what that person bought.
    """

    template_name = "shop/customs/annual_quota.html"

    def get_context_data(self, **kwargs):
        rows = {}
        for identity in orderer_identity_list(user=self.request.user):
            rows[identity.id_number_hash] = {
                "name": identity.name,
                "id_number": identity.id_number,
                "declarations": [],
            }
        for declaration in annual_quota_declarations_for_user(user=self.request.user):
            row = rows.setdefault(
                declaration.orderer_id_hash,
                {
                    "name": declaration.orderer_name,
                    "id_number": declaration.orderer_id_number,
                    "declarations": [],
                },
            )
            row["declarations"].append(declaration)
        for row in rows.values():
            used = sum((d.dutiable_value for d in row["declarations"]), ZERO)
            row["used"] = used
            row["remaining"] = max(ANNUAL_LIMIT - used, ZERO)
            row["percent"] = int(min(used / ANNUAL_LIMIT * 100, 100))
        return super().get_context_data(
            rows=list(rows.values()), annual_limit=ANNUAL_LIMIT, **kwargs
        )
