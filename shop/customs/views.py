from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from .checkout import ZERO
from .selectors import annual_quota_used, orderer_identity_list
from .tax import ANNUAL_LIMIT


class AnnualQuotaView(LoginRequiredMixin, TemplateView):
    """How much of the 26 000 CNY annual limit each of the shopper's identities has used this
    year, from this shop's own records (issue #4)."""

    template_name = "shop/customs/annual_quota.html"

    def get_context_data(self, **kwargs):
        rows = []
        for identity in orderer_identity_list(user=self.request.user):
            used = annual_quota_used(id_number_hash=identity.id_number_hash)
            rows.append(
                {
                    "identity": identity,
                    "used": used,
                    "remaining": max(ANNUAL_LIMIT - used, ZERO),
                    "percent": int(min(used / ANNUAL_LIMIT * 100, 100)),
                }
            )
        return super().get_context_data(rows=rows, annual_limit=ANNUAL_LIMIT, **kwargs)
