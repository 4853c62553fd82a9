from decimal import Decimal

import factory

from shop.customs.models import FilingRecord


class FilingRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FilingRecord

    reference = factory.Sequence(lambda n: f"F{n:06d}")
    customs_name = "测试面膜"
    hs_code = "3304990099"
    spec_model = "TestBrand 10片/盒"
    origin_country = "133"
    unit = "140"
    unit1 = "035"
    qty1_per_unit = Decimal("0.30000")
    net_weight_kg = Decimal("0.30000")
    gross_weight_kg = Decimal("0.35000")
    vat_rate = Decimal("0.13")
    on_positive_list = True
    status = FilingRecord.Status.APPROVED


def valid_id_number(first17="11010519491231002"):
    """Complete 17 digits with the GB 11643 check character."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(first17, weights, strict=True))
    return first17 + "10X98765432"[total % 11]


class DeclarationFactory(factory.django.DjangoModelFactory):
    """A paid-looking declaration on a minimal Oscar order (for outbox and receipt tests)."""

    class Meta:
        model = "shop_customs.Declaration"

    order = factory.LazyFunction(
        lambda: __import__("oscar.test.factories", fromlist=["x"]).create_order()
    )
    sequence = 1
    number = factory.Sequence(lambda n: f"NECBTEST{n:06d}-01")
    partner = factory.SubFactory("tests.factories.catalogue.PartnerFactory")
    warehouse = factory.SubFactory("tests.factories.catalogue.WarehouseFactory")
    trade_mode = "1210"
    status = "paid"
    tax_regime = "retail_reduced"
    goods_value = Decimal("129.00")
    freight = Decimal("8.00")
    dutiable_value = Decimal("137.00")
    vat = Decimal("12.47")
    tax_total = Decimal("12.47")
    actual_paid = Decimal("149.47")
    orderer_name = "王芳"
    orderer_id_number = factory.LazyFunction(valid_id_number)
    orderer_id_hash = "test-hash"
    orderer_phone = "13812345678"
    consignee_name = "王芳"
    consignee_phone = "13900001234"
    consignee_address = "吉林省长春市南关区人民大街1210号"
    notice_version = "2026-11"
    notice_accepted_at = factory.LazyFunction(
        lambda: __import__("django.utils.timezone", fromlist=["now"]).now()
    )


def inventory_receipt(declaration, status, info="", *, invt_no="", at=None):
    """A CEB622 receipt from customs for ``declaration``'s inventory (CEB621), valid against the
    official XSD, as the simulator or customs would write it."""
    from django.utils import timezone

    from integrations.customs.receipts import build_receipt

    return build_receipt(
        "CEB622",
        guid=declaration.outbox_messages.get(kind="CEB621").guid,
        return_status=status,
        return_info=info or f"状态 {status}",
        return_time=at or timezone.now(),
        customs_code=declaration.warehouse.customs_code,
        ebp_code="DEMO000001",
        ebc_code=declaration.partner.customs_code,
        agent_code="DEMO000002",
        cop_no=declaration.number,
        pre_no="B20261129000000001",
        invt_no=invt_no,
    )
