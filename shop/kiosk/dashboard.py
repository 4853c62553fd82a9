"""Staff pages for kiosks and store staff (issue #14): register a kiosk for a store, show its
one-time pairing code once, see its last contact, revoke it; manage the staff codes per store.
Staff only: merchants' dashboard users and shoppers get 403, anonymous visitors the login."""

from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse_lazy
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views import View, generic

from . import devices
from .forms import KioskDeviceForm, StoreStaffMemberForm
from .models import KioskDevice, StoreStaffMember


class StaffOnlyMixin(AccessMixin):
    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_authenticated and request.user.is_staff):
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


def _pairing_code_page(request, device, code):
    response = TemplateResponse(
        request, "shop/kiosk/dashboard/pairing_code.html", {"device": device, "code": code}
    )
    add_never_cache_headers(response)  # the code is shown once and never kept
    return response


class DeviceListView(StaffOnlyMixin, generic.ListView):
    template_name = "shop/kiosk/dashboard/device_list.html"
    context_object_name = "devices"
    paginate_by = 50

    def get_queryset(self):
        return KioskDevice.objects.select_related("store").order_by("store__code", "name")


class DeviceCreateView(StaffOnlyMixin, generic.CreateView):
    model = KioskDevice
    form_class = KioskDeviceForm
    template_name = "shop/kiosk/dashboard/device_form.html"

    def form_valid(self, form):
        device = form.save()
        code = devices.issue_pairing_code(device=device)
        return _pairing_code_page(self.request, device, code)


class DevicePairingCodeView(StaffOnlyMixin, View):
    """A new one-time pairing code (to pair the kiosk again, e.g. after a revocation)."""

    def post(self, request, pk):
        device = get_object_or_404(KioskDevice.objects.select_related("store"), pk=pk)
        code = devices.issue_pairing_code(device=device)
        return _pairing_code_page(request, device, code)


class DeviceRevokeView(StaffOnlyMixin, View):
    def post(self, request, pk):
        device = get_object_or_404(KioskDevice, pk=pk)
        devices.revoke_device(device=device)
        messages.success(request, _("Kiosk “%(name)s” revoked.") % {"name": device.name})
        return redirect("kiosk-dashboard:device-list")


class StaffMemberListView(StaffOnlyMixin, generic.ListView):
    template_name = "shop/kiosk/dashboard/staff_list.html"
    context_object_name = "staff_members"
    paginate_by = 50

    def get_queryset(self):
        return StoreStaffMember.objects.select_related("store").order_by("store__code", "code")


class _StaffMemberFormMixin(StaffOnlyMixin):
    model = StoreStaffMember
    form_class = StoreStaffMemberForm
    template_name = "shop/kiosk/dashboard/staff_form.html"
    success_url = reverse_lazy("kiosk-dashboard:staff-list")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Staff member saved."))
        return response


class StaffMemberCreateView(_StaffMemberFormMixin, generic.CreateView):
    pass


class StaffMemberUpdateView(_StaffMemberFormMixin, generic.UpdateView):
    pass
