"""Product filing workflow (issue #12, 一次备案、多主体共享): merchants file and submit, zone staff
approve or reject with a reason, every change is in the history, an approved filing is reused by
other merchants, and approval makes bonded goods buyable."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from oscar.core.loading import get_class, get_model

from shop.customs import filings
from shop.customs.models import FilingRecord, FilingStatusChange
from tests.factories.catalogue import PartnerFactory
from tests.factories.customs import FilingRecordFactory
from tests.factories.merchants import merchant_user, zone_staff
from tests.factories.orders import stocked_product

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")
Status = FilingRecord.Status

DATA = {
    "customs_name": "保湿面霜",
    "hs_code": "3304990099",
    "spec_model": "Hanbit 50ml/瓶",
    "brand": "Hanbit",
    "barcode": "8801234567890",
    "origin_country": "133",
    "unit": "142",
    "unit1": "035",
    "qty1_per_unit": "0.05",
    "unit2": "",
    "qty2_per_unit": "",
    "net_weight_kg": "0.05",
    "gross_weight_kg": "0.08",
    "vat_rate": "0.13",
    "consumption_rate": "0",
    "consumption_per_unit": "0",
    "duty_rate": "0",
}


def model_data(**changes):
    data = {**DATA, **changes}
    for name in ("qty1_per_unit", "net_weight_kg", "gross_weight_kg", "vat_rate"):
        data[name] = Decimal(data[name])
    for name in ("consumption_rate", "consumption_per_unit", "duty_rate"):
        data[name] = Decimal(data[name])
    data["qty2_per_unit"] = None
    return data


@pytest.fixture
def world():
    partner_a, partner_b = PartnerFactory(name="Merchant A"), PartnerFactory(name="Merchant B")
    product_a = stocked_product(partner=partner_a, status=Status.DRAFT)
    product_b = stocked_product(partner=partner_b)
    return {
        "partner_a": partner_a,
        "partner_b": partner_b,
        "merchant_a": merchant_user(partner_a),
        "merchant_b": merchant_user(partner_b),
        "staff": zone_staff(),
        "product_a": product_a,
        "product_b": product_b,
        "stockrecord_a": product_a.stockrecords.get(),
        "stockrecord_b": product_b.stockrecords.get(),
    }


def buyable(product):
    product = type(product).objects.get(pk=product.pk)
    strategy = get_class("partner.strategy", "Selector")().strategy()
    return strategy.fetch_for_product(product).availability.is_available_to_buy


# --- services ------------------------------------------------------------------------------------


def test_the_whole_workflow_writes_history(world):
    merchant, staff = world["merchant_a"], world["staff"]
    filing = filings.filing_draft_create(user=merchant, data=model_data())
    assert filing.owner == world["partner_a"]
    assert filing.status == Status.DRAFT
    filings.filing_submit(filing_id=filing.pk, user=merchant)
    filings.filing_reject(filing_id=filing.pk, user=staff, reason="毛重不对")
    filing.refresh_from_db()
    assert filing.status == Status.REJECTED
    assert filing.status_note == "毛重不对"
    filings.filing_update(
        filing_id=filing.pk, user=merchant, data={"gross_weight_kg": Decimal("0.09")}
    )
    filings.filing_submit(filing_id=filing.pk, user=merchant)
    filings.filing_approve(filing_id=filing.pk, user=staff)
    filing.refresh_from_db()
    assert filing.status == Status.APPROVED
    assert filing.on_positive_list
    history = [
        (c.from_status, c.to_status, c.changed_by, c.reason)
        for c in FilingStatusChange.objects.filter(filing=filing)
    ]
    assert history == [
        ("", Status.DRAFT, merchant, ""),
        (Status.DRAFT, Status.SUBMITTED, merchant, ""),
        (Status.SUBMITTED, Status.REJECTED, staff, "毛重不对"),
        (Status.REJECTED, Status.SUBMITTED, merchant, ""),
        (Status.SUBMITTED, Status.APPROVED, staff, ""),
    ]


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (Status.DRAFT, "approve"),
        (Status.DRAFT, "reject"),
        (Status.APPROVED, "submit"),
        (Status.APPROVED, "reject"),
        (Status.REJECTED, "approve"),
        (Status.SUBMITTED, "submit"),
    ],
)
def test_invalid_transitions_are_refused(world, status, action):
    filing = FilingRecordFactory(owner=world["partner_a"], status=status)
    user = world["merchant_a"] if action == "submit" else world["staff"]
    call = {
        "submit": lambda: filings.filing_submit(filing_id=filing.pk, user=user),
        "approve": lambda: filings.filing_approve(filing_id=filing.pk, user=user),
        "reject": lambda: filings.filing_reject(filing_id=filing.pk, user=user, reason="x"),
    }[action]
    with pytest.raises(ValidationError) as caught:
        call()
    assert caught.value.code == "invalid_transition"
    filing.refresh_from_db()
    assert filing.status == status
    assert not FilingStatusChange.objects.filter(filing=filing).exists()


def test_only_staff_review_and_a_rejection_needs_a_reason(world):
    filing = FilingRecordFactory(owner=world["partner_a"], status=Status.SUBMITTED)
    with pytest.raises(PermissionDenied):
        filings.filing_approve(filing_id=filing.pk, user=world["merchant_a"])
    with pytest.raises(PermissionDenied):
        filings.filing_reject(filing_id=filing.pk, user=world["merchant_a"], reason="x")
    with pytest.raises(ValidationError) as caught:
        filings.filing_reject(filing_id=filing.pk, user=world["staff"], reason="  ")
    assert caught.value.message_dict["reason"]
    filing.refresh_from_db()
    assert filing.status == Status.SUBMITTED


def test_a_merchant_cannot_change_or_submit_another_merchants_filing(world):
    filing = FilingRecordFactory(owner=world["partner_b"], status=Status.DRAFT)
    with pytest.raises(PermissionDenied):
        filings.filing_submit(filing_id=filing.pk, user=world["merchant_a"])
    with pytest.raises(PermissionDenied):
        filings.filing_update(
            filing_id=filing.pk, user=world["merchant_a"], data={"customs_name": "x"}
        )


def test_a_submitted_or_approved_filing_cannot_be_edited(world):
    for status in (Status.SUBMITTED, Status.APPROVED):
        filing = FilingRecordFactory(owner=world["partner_a"], status=status)
        with pytest.raises(ValidationError):
            filings.filing_update(
                filing_id=filing.pk, user=world["merchant_a"], data={"customs_name": "改"}
            )
        filing.refresh_from_db()
        assert filing.customs_name == "测试面膜"


def test_the_model_rules_apply_to_drafts(world):
    with pytest.raises(ValidationError) as caught:
        filings.filing_draft_create(
            user=world["merchant_a"], data=model_data(gross_weight_kg="0.01")
        )
    assert "gross_weight_kg" in caught.value.message_dict
    assert not FilingRecord.objects.filter(customs_name=DATA["customs_name"]).exists()


def test_a_draft_for_a_stock_record_of_another_merchant_is_refused(world):
    with pytest.raises(PermissionDenied):
        filings.filing_draft_create(
            user=world["merchant_a"], data=model_data(), stockrecord=world["stockrecord_b"]
        )
    assert not FilingRecord.objects.filter(customs_name=DATA["customs_name"]).exists()


def test_approval_makes_bonded_goods_buyable(world):
    merchant, stockrecord = world["merchant_a"], world["stockrecord_a"]
    filing = filings.filing_draft_create(user=merchant, data=model_data(), stockrecord=stockrecord)
    stockrecord.refresh_from_db()
    assert stockrecord.filing_record == filing
    assert not buyable(world["product_a"])
    filings.filing_submit(filing_id=filing.pk, user=merchant)
    assert not buyable(world["product_a"])
    filings.filing_approve(filing_id=filing.pk, user=world["staff"])
    assert buyable(world["product_a"])


def test_approval_off_the_positive_list_keeps_goods_unsellable(world):
    filing = world["stockrecord_a"].filing_record
    FilingRecord.objects.filter(pk=filing.pk).update(
        status=Status.SUBMITTED, owner=world["partner_a"], spec_model="A 的规格"
    )
    filings.filing_approve(filing_id=filing.pk, user=world["staff"], on_positive_list=False)
    assert not buyable(world["product_a"])


# --- reuse (一次备案、多主体共享) ----------------------------------------------------------------


def test_an_approved_filing_is_found_by_barcode_or_hs_code_and_spec(world):
    approved = FilingRecordFactory(
        owner=world["partner_b"], barcode="880000111", hs_code="3304990099", spec_model="A 10片"
    )
    FilingRecordFactory(owner=world["partner_b"], barcode="880000222", status=Status.SUBMITTED)
    assert list(filings.reusable_filings(barcode=" 880000111 ")) == [approved]
    assert list(filings.reusable_filings(hs_code="3304990099", spec_model="a 10片")) == [approved]
    assert not filings.reusable_filings(hs_code="3304990099", spec_model="B 20片").exists()
    assert not filings.reusable_filings(barcode="880000222").exists()  # not approved


def test_a_duplicate_of_an_approved_filing_is_not_filed_again(world):
    FilingRecordFactory(owner=world["partner_b"], barcode=DATA["barcode"])
    with pytest.raises(ValidationError) as caught:
        filings.filing_draft_create(user=world["merchant_a"], data=model_data())
    assert caught.value.error_list[0].code == "duplicate_filing"


def test_a_merchant_attaches_an_approved_filing_of_another_merchant(world):
    shared = FilingRecordFactory(owner=world["partner_b"])
    count = FilingRecord.objects.count()
    filings.filing_attach(
        filing_id=shared.pk, stockrecord_id=world["stockrecord_a"].pk, user=world["merchant_a"]
    )
    assert FilingRecord.objects.count() == count
    assert buyable(world["product_a"])


def test_attaching_to_another_merchants_stock_record_is_refused(world):
    shared = FilingRecordFactory(owner=world["partner_a"])
    before = world["stockrecord_b"].filing_record_id
    with pytest.raises(PermissionDenied):
        filings.filing_attach(
            filing_id=shared.pk, stockrecord_id=world["stockrecord_b"].pk, user=world["merchant_a"]
        )
    assert StockRecord.objects.get(pk=world["stockrecord_b"].pk).filing_record_id == before


def test_another_merchants_draft_cannot_be_attached(world):
    draft = FilingRecordFactory(owner=world["partner_b"], status=Status.SUBMITTED)
    with pytest.raises(PermissionDenied):
        filings.filing_attach(
            filing_id=draft.pk, stockrecord_id=world["stockrecord_a"].pk, user=world["merchant_a"]
        )


# --- views ---------------------------------------------------------------------------------------


def url(name, *args):
    with translation.override("en"):
        return reverse(f"customs-dashboard:{name}", args=args)


def test_merchant_creates_edits_and_submits_in_the_dashboard(client, world):
    client.force_login(world["merchant_a"])
    response = client.post(url("filing-create"), {**DATA, "stockrecord": world["stockrecord_a"].pk})
    filing = FilingRecord.objects.get(customs_name=DATA["customs_name"])
    assert response.status_code == 302
    assert response["Location"] == url("filing-detail", filing.pk)
    assert filing.owner == world["partner_a"]
    assert StockRecord.objects.get(pk=world["stockrecord_a"].pk).filing_record == filing
    response = client.post(url("filing-update", filing.pk), {**DATA, "brand": "Hanbit Lab"})
    assert response.status_code == 302
    client.post(url("filing-submit", filing.pk))
    filing.refresh_from_db()
    assert filing.brand == "Hanbit Lab"
    assert filing.status == Status.SUBMITTED
    # read-only now
    response = client.get(url("filing-update", filing.pk))
    assert response.status_code == 302
    response = client.post(url("filing-update", filing.pk), {**DATA, "brand": "Other"})
    filing.refresh_from_db()
    assert filing.brand == "Hanbit Lab"
    page = client.get(url("filing-detail", filing.pk)).content.decode()
    assert 'id="submit_form"' not in page
    assert 'id="filing_history"' in page


def test_the_form_shows_translated_model_errors(client, world):
    client.force_login(world["merchant_a"])
    with translation.override("zh-hans"):
        expected = gettext("The gross weight cannot be below the net weight.")
        response = client.post(
            reverse("customs-dashboard:filing-create"), {**DATA, "gross_weight_kg": "0.01"}
        )
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert expected != "The gross weight cannot be below the net weight."
    assert not FilingRecord.objects.filter(customs_name=DATA["customs_name"]).exists()


def test_creating_known_goods_offers_the_approved_filing(client, world):
    approved = FilingRecordFactory(owner=world["partner_b"], barcode=DATA["barcode"])
    client.force_login(world["merchant_a"])
    count = FilingRecord.objects.count()
    response = client.post(url("filing-create"), DATA)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="reusable_filings"' in page
    assert approved.reference in page
    assert FilingRecord.objects.count() == count


def test_reuse_search_lists_only_approved_filings(client, world):
    approved = FilingRecordFactory(owner=world["partner_b"], barcode="880999")
    hidden = FilingRecordFactory(
        owner=world["partner_b"], barcode="880999", status=Status.SUBMITTED, reference="HIDDEN-B"
    )
    client.force_login(world["merchant_a"])
    page = client.get(url("filing-reuse"), {"q": "880999"}).content.decode()
    assert approved.reference in page
    assert hidden.reference not in page
    # the approved one opens read-only, without B's history or name
    page = client.get(url("filing-detail", approved.pk)).content.decode()
    assert 'id="attach_form"' in page
    assert 'id="filing_history"' not in page
    assert "Merchant B" not in page
    assert 'id="edit_filing"' not in page


def test_use_this_filing_attaches_it_to_own_stock_record_only(client, world):
    shared = FilingRecordFactory(owner=world["partner_b"])
    client.force_login(world["merchant_a"])
    page = client.get(url("filing-detail", shared.pk)).content.decode()
    assert f'value="{world["stockrecord_b"].pk}"' not in page
    before_b = world["stockrecord_b"].filing_record_id
    client.post(url("filing-attach", shared.pk), {"stockrecord": world["stockrecord_b"].pk})
    assert StockRecord.objects.get(pk=world["stockrecord_b"].pk).filing_record_id == before_b
    client.post(url("filing-attach", shared.pk), {"stockrecord": world["stockrecord_a"].pk})
    assert StockRecord.objects.get(pk=world["stockrecord_a"].pk).filing_record == shared
    assert buyable(world["product_a"])


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.REJECTED])
def test_a_merchant_never_opens_another_merchants_unapproved_filing(client, world, status):
    foreign = FilingRecordFactory(
        owner=world["partner_b"], status=status, reference="SECRET-B", barcode="4900001"
    )
    client.force_login(world["merchant_a"])
    for name in ("filing-detail", "filing-update", "filing-submit", "filing-attach"):
        assert client.get(url(name, foreign.pk)).status_code == 404, name
        post = client.post(
            url(name, foreign.pk), {**DATA, "stockrecord": world["stockrecord_a"].pk}
        )
        assert post.status_code == (405 if name == "filing-detail" else 404), name
    for name in ("filing-approve", "filing-reject"):
        assert client.post(url(name, foreign.pk), {"reason": "x"}).status_code == 403
    assert "SECRET-B" not in client.get(url("filing-list")).content.decode()
    assert "SECRET-B" not in client.get(url("filing-reuse"), {"q": "4900001"}).content.decode()
    foreign.refresh_from_db()
    assert foreign.status == status
    assert foreign.customs_name == "测试面膜"
    assert StockRecord.objects.get(pk=world["stockrecord_a"].pk).filing_record != foreign


def test_a_merchant_cannot_edit_an_approved_filing_of_another(client, world):
    shared = FilingRecordFactory(owner=world["partner_b"])
    client.force_login(world["merchant_a"])
    assert client.get(url("filing-update", shared.pk)).status_code == 404
    assert client.post(url("filing-update", shared.pk), DATA).status_code == 404
    assert client.post(url("filing-submit", shared.pk)).status_code == 404


def test_anonymous_goes_to_login(client, world):
    filing = FilingRecordFactory(owner=world["partner_a"])
    for name, args in [("filing-list", ()), ("filing-create", ()), ("filing-detail", (filing.pk,))]:
        response = client.get(url(name, *args))
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_staff_queue_is_oldest_first_and_review_needs_a_reason(client, world):
    staff, merchant = world["staff"], world["merchant_a"]
    first = filings.filing_draft_create(user=merchant, data=model_data(barcode="1"))
    second = filings.filing_draft_create(user=merchant, data=model_data(barcode="2"))
    filings.filing_submit(filing_id=second.pk, user=merchant)
    filings.filing_submit(filing_id=first.pk, user=merchant)
    client.force_login(staff)
    page = client.get(url("filing-queue")).content.decode()
    assert page.index(second.reference) < page.index(first.reference)
    with translation.override("ko"):
        expected = gettext("Give the reason for the rejection.")
        response = client.post(
            reverse("customs-dashboard:filing-reject", args=[first.pk]), {"reason": ""}, follow=True
        )
    assert expected in response.content.decode()
    first.refresh_from_db()
    assert first.status == Status.SUBMITTED
    client.post(url("filing-reject", first.pk), {"reason": "HS 编码有误"})
    client.post(url("filing-approve", second.pk), {"on_positive_list": "on"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Status.REJECTED
    assert second.status == Status.APPROVED
    page = client.get(url("filing-detail", first.pk)).content.decode()
    assert "HS 编码有误" in page
    assert staff.email in page
    # the merchant sees the reason, and "zone staff" instead of the staff member's address
    client.force_login(merchant)
    page = client.get(url("filing-detail", first.pk)).content.decode()
    assert "HS 编码有误" in page
    assert staff.email not in page


def test_staff_approval_in_the_dashboard_makes_goods_buyable(client, world):
    filing = world["stockrecord_a"].filing_record
    FilingRecord.objects.filter(pk=filing.pk).update(
        status=Status.SUBMITTED, owner=world["partner_a"], spec_model="A 的规格"
    )
    assert not buyable(world["product_a"])
    client.force_login(world["staff"])
    assert 'id="approve_form"' in client.get(url("filing-detail", filing.pk)).content.decode()
    client.post(url("filing-approve", filing.pk), {"on_positive_list": "on"})
    assert buyable(world["product_a"])


def test_a_second_filing_of_goods_approved_meanwhile_cannot_be_submitted_or_approved(world):
    staff = world["staff"]
    first = filings.filing_draft_create(user=world["merchant_a"], data=model_data())
    second = filings.filing_draft_create(user=world["merchant_b"], data=model_data())
    filings.filing_submit(filing_id=first.pk, user=world["merchant_a"])
    FilingRecord.objects.filter(pk=second.pk).update(status=Status.SUBMITTED)
    filings.filing_approve(filing_id=first.pk, user=staff)
    with pytest.raises(ValidationError) as caught:
        filings.filing_approve(filing_id=second.pk, user=staff)
    assert caught.value.error_list[0].code == "duplicate_filing"
    FilingRecord.objects.filter(pk=second.pk).update(status=Status.REJECTED)
    with pytest.raises(ValidationError) as caught:
        filings.filing_submit(filing_id=second.pk, user=world["merchant_b"])
    assert caught.value.error_list[0].code == "duplicate_filing"
    assert FilingRecord.objects.get(pk=second.pk).status == Status.REJECTED


def test_the_django_admin_cannot_change_a_filings_status(client):
    """Statuses change only through the workflow (with history), not by the admin's form."""
    from django.contrib import admin

    filing = FilingRecordFactory(status=FilingRecord.Status.SUBMITTED)
    model_admin = admin.site._registry[FilingRecord]
    client.force_login(zone_staff())
    form = model_admin.get_form(None, filing)
    assert "status" not in form.base_fields
    assert "owner" not in form.base_fields
    page = client.get(reverse("admin:shop_customs_filingrecord_change", args=[filing.pk]))
    assert page.status_code == 200
    filing.refresh_from_db()
    assert filing.status == FilingRecord.Status.SUBMITTED
