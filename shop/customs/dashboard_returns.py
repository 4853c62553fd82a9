"""Dashboard pages for returns (issue #15): staff and the declaration's merchant see the return
requests and record a parcel's arrival and condition, which sends the CEB625."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import generic

from . import returns
from .dashboard import DashboardAccessMixin
from .forms import ReceiveReturnForm
from .models import ReturnRequest
from .selectors import declaration_list_for_user


def return_requests_for_user(user):
    return ReturnRequest.objects.filter(
        declaration__in=declaration_list_for_user(user=user).values("pk")
    ).select_related("declaration", "declaration__partner", "declaration__warehouse")


class ReturnListView(DashboardAccessMixin, generic.ListView):
    template_name = "shop/customs/dashboard/return_list.html"
    context_object_name = "return_requests"
    paginate_by = 50

    def get_queryset(self):
        queryset = return_requests_for_user(self.request.user).prefetch_related(
            "lines__declaration_line__order_line"
        )
        status = self.request.GET.get("status", "requested")
        if status in ReturnRequest.Status.values:
            queryset = queryset.filter(status=status)
        return queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            statuses=ReturnRequest.Status.choices,
            current_status=self.request.GET.get("status", "requested"),
            form=ReceiveReturnForm(),
            **kwargs,
        )


class ReturnReceiveView(DashboardAccessMixin, generic.View):
    def get(self, request, pk):
        get_object_or_404(return_requests_for_user(request.user), pk=pk)
        return redirect("customs-dashboard:return-list")

    def post(self, request, pk):
        return_request = get_object_or_404(return_requests_for_user(request.user), pk=pk)
        form = ReceiveReturnForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            return redirect("customs-dashboard:return-list")
        try:
            done = returns.return_receive(
                request=return_request,
                user=request.user,
                condition=form.cleaned_data["condition"],
                note=form.cleaned_data["note"],
            )
        except PermissionDenied:
            raise
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if done.status == ReturnRequest.Status.RECEIVED:
                messages.success(request, _("Parcel received; the return is declared to customs."))
            else:
                messages.warning(request, done.outcome_reason)
        return redirect("customs-dashboard:return-list")
