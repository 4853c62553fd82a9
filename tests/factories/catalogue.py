"""Catalogue factories on top of Oscar's (which resolve our forked models), defaulting to CNY,
a Korean product with all customs fields and titles in the five languages."""

from decimal import Decimal

import factory
from oscar.core.loading import get_model
from oscar.test import factories as oscar_factories

from shop.customs.codes import CountryCode, TradeMode


class WarehouseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_model("partner", "Warehouse")
        django_get_or_create = ("code",)

    code = "hunchun-bonded"
    name = "珲春综保区仓"
    trade_mode = TradeMode.BONDED_1210
    customs_code = "1505"
    # the codes customs messages need (shop/demo/services.py has the demo's)
    port_code = "1505"
    area_code = factory.LazyAttribute(lambda o: "2224W60001" if o.trade_mode == "1210" else "")
    ems_no = factory.LazyAttribute(lambda o: "T1505W000001" if o.trade_mode == "1210" else "")
    logistics_code = "2224980001"
    logistics_name = "珲春东北亚供应链有限公司"
    traf_mode = factory.LazyAttribute(lambda o: "4" if o.trade_mode == "1210" else "5")
    traf_no = factory.LazyAttribute(lambda o: "" if o.trade_mode == "1210" else "KE0831")


class PartnerFactory(oscar_factories.PartnerFactory):
    class Meta:
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Merchant {n}")
    code = factory.Sequence(lambda n: f"merchant-{n}")
    customs_code = factory.Sequence(lambda n: f"2224{n % 1000000:06d}")
    customs_name = factory.LazyAttribute(lambda o: f"{o.name}（测试）")


class StockRecordFactory(oscar_factories.StockRecordFactory):
    partner = factory.SubFactory(PartnerFactory)
    warehouse = factory.SubFactory(WarehouseFactory)
    filing_record = factory.SubFactory("tests.factories.customs.FilingRecordFactory")
    price_currency = "CNY"
    price = Decimal("99.00")
    item_record_no = factory.Sequence(lambda n: f"{n + 1}")


class CategoryFactory(factory.django.DjangoModelFactory):
    """Categories through treebeard's API, so paths and depths are right."""

    class Meta:
        model = get_model("catalogue", "Category")

    name = factory.Sequence(lambda n: f"类别 {n}")

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        instance = model_class(*args, **kwargs)
        return (
            parent.add_child(instance=instance)
            if parent
            else model_class.add_root(instance=instance)
        )


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_model("catalogue", "Product")
        skip_postgeneration_save = True

    structure = "standalone"
    product_class = factory.SubFactory(oscar_factories.ProductClassFactory, name="Imported goods")
    upc = factory.Sequence(lambda n: f"880{n:010d}")
    title = factory.Sequence(lambda n: f"测试商品 {n}")
    title_zh_hans = factory.SelfAttribute("title")
    customs_name = "测试商品"
    hs_code = "3304990099"
    origin_country = CountryCode.KOREA
    brand = "TestBrand"
    stockrecords = factory.RelatedFactory(StockRecordFactory, "product")

    @factory.post_generation
    def in_categories(self, create, extracted, **kwargs):
        for category in extracted or ():
            get_model("catalogue", "ProductCategory").objects.create(
                product=self, category=category
            )

    @factory.post_generation
    def indexed(self, create, extracted, **kwargs):
        # The post_save receiver indexes on commit, which never comes inside a test's
        # transaction; index directly (tests/integration/test_search.py covers the receiver).
        if create and extracted is not False:
            from integrations.registry import get_backend

            get_backend("search").index_products([self.pk])


def add_image(product, colour="#F4B6C2"):
    """Attach a real (tiny) PNG, so thumbnails are generated as in production."""
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), colour).save(buffer, format="PNG")
    return product.images.create(
        original=ContentFile(buffer.getvalue(), name=f"p{product.pk}.png"), display_order=0
    )
