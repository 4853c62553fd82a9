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
