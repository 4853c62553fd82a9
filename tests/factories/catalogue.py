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


def add_image(product, colour="#F4B6C2", size=32):
    """Attach a real PNG (tiny by default), so thumbnails are generated as in production."""
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (size, size), colour).save(buffer, format="PNG")
    return product.images.create(
        original=ContentFile(buffer.getvalue(), name=f"p{product.pk}.png"), display_order=0
    )


def translated(field, texts):
    """``{"zh-hans": …, "ko": …}`` → modeltranslation's ``{"<field>_zh_hans": …, "<field>_ko": …}``,
    plus ``<field>`` itself in the default language."""
    from django.conf import settings

    fields = {f"{field}_{code.replace('-', '_')}": text for code, text in texts.items()}
    return {field: texts[settings.LANGUAGE_CODE], **fields}


# Products of a small storefront, titled in the five languages (made-up goods of real kinds).
SHEET_MASK = {
    "zh-hans": "美迪惠尔 水库补水面膜 10片",
    "ko": "메디힐 아쿠아링 앰플 마스크 10매",
    "ja": "メディヒール アクアリング アンプルマスク 10枚入",
    "ru": "Тканевая маска Mediheal Aquaring 10 шт.",
    "en": "Mediheal Aquaring Ampoule Sheet Mask 10 pcs",
}
TEA_TREE_MASK = {
    "zh-hans": "美迪惠尔 茶树舒缓面膜 10片",
    "ko": "메디힐 티트리 진정 마스크 10매",
    "ja": "メディヒール ティーツリー マスク 10枚入",
    "ru": "Успокаивающая маска Mediheal Tea Tree 10 шт.",
    "en": "Mediheal Tea Tree Calming Mask 10 pcs",
}
CICA_CREAM = {
    "zh-hans": "阿飞 积雪草修护面霜 50毫升",
    "ko": "아비브 어성초 시카 크림 50ml",
    "ja": "アビブ シカ クリーム 50ml",
    "ru": "Крем Abib с центеллой 50 мл",
    "en": "Abib Cica Repair Cream 50 ml",
}
CHOCOLATE = {
    "zh-hans": "红色十月 阿廖卡巧克力 90克",
    "ko": "크라스니 옥탸브리 알룐카 초콜릿 90g",
    "ja": "赤い十月 アリョンカ チョコレート 90g",
    "ru": "Шоколад Алёнка «Красный Октябрь» 90 г",
    "en": "Krasny Oktyabr Alenka Milk Chocolate 90 g",
}
HONEY_COOKIES = {
    "zh-hans": "乐天 蜂蜜黄油饼干 8袋",
    "ko": "롯데 허니버터 쿠키 8봉",
    "ja": "ロッテ ハニーバター クッキー 8袋",
    "ru": "Печенье Lotte с мёдом и маслом 8 пакетов",
    "en": "Lotte Honey Butter Cookies 8 packs",
}
BEAUTY = {
    "zh-hans": "美妆个护",
    "ko": "뷰티",
    "ja": "ビューティー",
    "ru": "Красота",
    "en": "Beauty",
}
FACE_MASKS = {
    "zh-hans": "面膜",
    "ko": "마스크팩",
    "ja": "フェイスマスク",
    "ru": "Тканевые маски",
    "en": "Face masks",
}
SKINCARE = {"zh-hans": "护肤", "ko": "스킨케어", "ja": "スキンケア", "ru": "Уход", "en": "Skincare"}
FOOD = {"zh-hans": "食品零食", "ko": "식품", "ja": "食品", "ru": "Продукты", "en": "Food"}
SNACKS = {"zh-hans": "零食", "ko": "과자", "ja": "お菓子", "ru": "Сладости", "en": "Snacks"}


def small_catalogue(*, images=False):
    """A storefront in miniature, titled in the five languages: Beauty (face masks, skincare)
    and Food (snacks), five stocked products with their own prices, optionally with pictures.
    Returns the products and categories by name."""
    from types import SimpleNamespace

    beauty = CategoryFactory(slug="beauty", **translated("name", BEAUTY))
    food = CategoryFactory(slug="food", **translated("name", FOOD))
    face_masks = CategoryFactory(slug="face-masks", parent=beauty, **translated("name", FACE_MASKS))
    skincare = CategoryFactory(slug="skincare", parent=beauty, **translated("name", SKINCARE))
    snacks = CategoryFactory(slug="snacks", parent=food, **translated("name", SNACKS))
    korea, russia = CountryCode.KOREA, CountryCode.RUSSIA
    goods = {
        "sheet_mask": (SHEET_MASK, "Mediheal", korea, "129.00", face_masks, "#8FD3F4"),
        "tea_tree_mask": (TEA_TREE_MASK, "Mediheal", korea, "119.00", face_masks, "#A8D5A2"),
        "cica_cream": (CICA_CREAM, "Abib", korea, "158.00", skincare, "#F4E1C1"),
        "chocolate": (CHOCOLATE, "Krasny Oktyabr", russia, "39.90", snacks, "#E8B04B"),
        "honey_cookies": (HONEY_COOKIES, "Lotte", korea, "59.00", snacks, "#F7D774"),
    }
    products = {}
    for name, (titles, brand, origin, price, category, colour) in goods.items():
        product = ProductFactory(
            brand=brand,
            origin_country=origin,
            customs_name=titles["zh-hans"],
            in_categories=[category],
            stockrecords__price=Decimal(price),
            **translated("title", titles),
        )
        if images:
            add_image(product, colour, size=480)
        products[name] = product
    return SimpleNamespace(
        **products,
        beauty=beauty,
        food=food,
        face_masks=face_masks,
        skincare=skincare,
        snacks=snacks,
    )
