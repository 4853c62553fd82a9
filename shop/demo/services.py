"""Demo data loader. Every record is found by a stable key (category slug, barcode, partner code,
warehouse code, store code, user email) and updated in place, so running it twice changes
nothing the second time."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from oscar.core.loading import get_model

from integrations.registry import get_backend
from shop.customs.codes import CountryCode, TradeMode
from shop.customs.models import FilingRecord
from shop.stores.models import ExperienceStore
from shop.traceability.demo import demo_traceability_load

from . import data
from .cms import demo_cms_load
from .rates import demo_rates_load

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Warehouse = get_model("partner", "Warehouse")
Country = get_model("address", "Country")

LANGUAGE_FIELDS = {code: code.replace("-", "_") for code in data.LANGUAGES}

WAREHOUSES = [
    {
        "code": "hunchun-bonded",
        "name": "珲春综合保税区跨境电商监管仓",
        "trade_mode": TradeMode.BONDED_1210,
        "country": CountryCode.CHINA,
        "city": "珲春 (吉林)",
        "address": "吉林省珲春市综合保税区合作路 8 号",
        "customs_code": "1505",
        "port_code": "1505",
        "area_code": "2224W60001",
        "ems_no": "T1505W000001",
        "logistics_code": "2224980001",
        "logistics_name": "珲春东北亚供应链有限公司",
        "traf_mode": "4",
        "traf_no": "",
    },
    {
        "code": "dalian-bonded",
        "name": "大连大窑湾综合保税区跨境仓",
        "trade_mode": TradeMode.BONDED_1210,
        "country": CountryCode.CHINA,
        "city": "大连 (辽宁)",
        "address": "辽宁省大连市金州区大窑湾综合保税区港城路 18 号",
        "customs_code": "0908",
        "port_code": "0908",
        "area_code": "2102W60002",
        "ems_no": "T0908W000002",
        "logistics_code": "2102980002",
        "logistics_name": "大连港湾国际物流有限公司",
        "traf_mode": "4",
        "traf_no": "",
    },
    {
        "code": "incheon-direct",
        "name": "Incheon cross-border direct-mail warehouse",
        "trade_mode": TradeMode.DIRECT_MAIL_9610,
        "country": CountryCode.KOREA,
        "city": "Incheon",
        "address": "12 Airport-ro, Jung-gu, Incheon, Republic of Korea",
        "customs_code": "0908",
        "port_code": "0908",
        "area_code": "",
        "ems_no": "",
        "logistics_code": "2102980003",
        "logistics_name": "仁川-大连跨境直邮物流有限公司",
        "traf_mode": "2",
        "traf_no": "NEW GOLDEN BRIDGE V",
    },
]

MERCHANTS = [
    {
        "code": "hanbit",
        "name": "Hanbit Global Trading 韩光国际贸易",
        "user": "hanbit",
        "customs_code": "2224960101",
        "customs_name": "韩光国际贸易（珲春）有限公司",
    },
    {
        "code": "taiga",
        "name": "Taiga & Sakura Imports 泰加樱花进口",
        "user": "taiga",
        "customs_code": "2102960202",
        "customs_name": "泰加樱花进口贸易（大连）有限公司",
    },
]

STORES = [
    {
        "code": "changchun-o2o",
        "province": "吉林省",
        "city": "长春",
        "phone": "0431-8888-1210",
        "name": {
            "zh-hans": "长春跨境商品体验店",
            "ko": "창춘 직구 체험 매장",
            "ja": "長春越境商品体験ストア",
            "ru": "Магазин-шоурум в Чанчуне",
            "en": "Changchun Cross-Border Experience Store",
        },
        "address": {
            "zh-hans": "吉林省长春市南关区人民大街 1210 号",
            "ko": "지린성 창춘시 난관구 런민대가 1210호",
            "ja": "吉林省長春市南関区人民大街1210号",
            "ru": "пр. Жэньминь, 1210, район Наньгуань, Чанчунь, Цзилинь",
            "en": "1210 Renmin Avenue, Nanguan District, Changchun, Jilin",
        },
        "opening_hours": {
            "zh-hans": "每天 10:00–21:00",
            "ko": "매일 10:00–21:00",
            "ja": "毎日 10:00–21:00",
            "ru": "Ежедневно 10:00–21:00",
            "en": "Daily 10:00–21:00",
        },
    },
    {
        "code": "dalian-o2o",
        "province": "辽宁省",
        "city": "大连",
        "phone": "0411-8888-9610",
        "name": {
            "zh-hans": "大连保税进口商品体验店",
            "ko": "다롄 보세 수입상품 체험 매장",
            "ja": "大連保税輸入品体験ストア",
            "ru": "Шоурум импортных товаров в Даляне",
            "en": "Dalian Bonded Import Experience Store",
        },
        "address": {
            "zh-hans": "辽宁省大连市中山区人民路 96 号",
            "ko": "랴오닝성 다롄시 중산구 런민로 96호",
            "ja": "遼寧省大連市中山区人民路96号",
            "ru": "ул. Жэньминь, 96, район Чжуншань, Далянь, Ляонин",
            "en": "96 Renmin Road, Zhongshan District, Dalian, Liaoning",
        },
        "opening_hours": {
            "zh-hans": "周一至周日 09:30–20:30",
            "ko": "월–일 09:30–20:30",
            "ja": "月〜日 09:30–20:30",
            "ru": "Пн–Вс 09:30–20:30",
            "en": "Mon–Sun 09:30–20:30",
        },
    },
]


# Customs filing data per leaf category: transaction unit, net kg per item, VAT, ad-valorem and
# specific consumption tax, MFN duty. Plausible values for a demo, not a tariff reference.
FILING_DEFAULTS = {
    "face-masks": ("140", "0.30", "0.13", "0", "0", "0.01"),
    "skincare": ("142", "0.20", "0.13", "0", "0", "0.01"),
    "sun-care": ("012", "0.08", "0.13", "0", "0", "0.01"),
    "instant-food": ("125", "0.60", "0.13", "0", "0", "0.12"),
    "snacks": ("136", "0.15", "0.13", "0", "0", "0.10"),
    "sweets": ("140", "0.25", "0.13", "0", "0", "0.08"),
    "honey": ("122", "0.50", "0.09", "0", "0", "0.15"),
    "groceries": ("136", "0.90", "0.09", "0", "0", "0.05"),
    # spirits: 20% ad valorem plus 0.50 CNY per 500 ml (about 0.70 per 700 ml bottle)
    "spirits": ("142", "1.20", "0.13", "0.20", "0.70", "0.05"),
    "tea-coffee": ("140", "0.20", "0.09", "0", "0", "0.15"),
    "soft-drinks": ("142", "2.00", "0.13", "0", "0", "0.05"),
    "diapers-wipes": ("125", "1.20", "0.13", "0", "0", "0"),
    "infant-formula": ("122", "0.80", "0.13", "0", "0", "0.15"),
    "ginseng": ("140", "0.30", "0.13", "0", "0", "0.08"),
}


def _filing(spec: dict) -> FilingRecord:
    unit, net, vat, ct, ct_unit, duty = FILING_DEFAULTS[spec["category"]]
    net = Decimal(net)
    filing, _ = FilingRecord.objects.update_or_create(
        reference=f"DEMO-{spec['sku']}",
        defaults={
            "customs_name": spec["customs_name"],
            "hs_code": spec["hs_code"],
            "spec_model": f"{spec['brand']} {spec.get('net_content', '')}".strip(),
            "origin_country": spec["origin"],
            "unit": unit,
            "unit1": "035",  # kilogram, the usual first legal unit
            "qty1_per_unit": net,
            "barcode": spec["barcode"],
            "brand": spec["brand"],
            "net_weight_kg": net,
            "gross_weight_kg": (net * Decimal("1.15")).quantize(Decimal("0.001")),
            "vat_rate": Decimal(vat),
            "consumption_rate": Decimal(ct),
            "consumption_per_unit": Decimal(ct_unit),
            "duty_rate": Decimal(duty),
            "on_positive_list": True,
            "status": FilingRecord.Status.APPROVED,
        },
    )
    return filing


@dataclass
class DemoReport:
    products: int = 0
    categories: int = 0
    merchants: int = 0
    warehouses: int = 0
    stores: int = 0
    users: list[tuple[str, str, str]] = field(default_factory=list)


def _translated(prefix: str, texts: dict[str, str]) -> dict[str, str]:
    return {f"{prefix}_{LANGUAGE_FIELDS[lang]}": texts[lang] for lang in data.LANGUAGES}


EXISTING_USER = "(existing, password unchanged)"


def _user(email: str, *, password: str, is_staff=False, is_superuser=False, first_name=""):
    """Create a demo user if no account has this e-mail address; returns (user, the password
    to print). An existing account is left exactly as it is (issue #10): its password, staff
    and active flags are never reset, so a re-run cannot reopen an account someone changed or
    locked; the password printed for it is ``EXISTING_USER``."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    if user is not None:
        return user, EXISTING_USER
    user = User(
        email=email,
        username=email.split("@")[0],
        first_name=first_name,
        is_staff=is_staff,
        is_superuser=is_superuser,
        is_active=True,
    )
    user.set_password(password)
    user.save()
    return user, password


def _categories() -> dict[str, object]:
    by_slug: dict[str, object] = {}
    for slug, parent_slug, names in data.CATEGORIES:
        fields = _translated("name", names)
        parent = by_slug.get(parent_slug)
        siblings = parent.get_children() if parent else Category.get_root_nodes()
        category = siblings.filter(slug=slug).first()
        if category is None:
            new = Category(slug=slug, name=names["zh-hans"], **fields)
            category = parent.add_child(instance=new) if parent else Category.add_root(instance=new)
        else:
            for name, value in fields.items():
                setattr(category, name, value)
            category.save()
        by_slug[slug] = category
    return by_slug


# Noto Sans CJK (Debian's fonts-noto-cjk; CI installs it): one collection with a face per
# region, so the index gives Japanese text Japanese glyph shapes, Korean its Hangul, Chinese the
# simplified forms; its Latin, Cyrillic and "×" glyphs cover the brands and pack sizes too.
DEMO_FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
DEMO_FONT_INDEX = {"ja": 0, "ko": 1, "zh-hans": 2, "ru": 2, "en": 2}
DEMO_FONT_NAMES = {"ja": "Noto Sans CJK JP", "ko": "Noto Sans CJK KR"}  # fc-match patterns
ORIGIN_LANGUAGE = {CountryCode.KOREA: "ko", CountryCode.JAPAN: "ja", CountryCode.RUSSIA: "ru"}


def _demo_font(size: int, language: str = "zh-hans"):
    """A font with the glyphs of ``language`` (and Latin), at ``size`` pixels: Noto Sans CJK
    from its known path or ``fc-match``; Pillow's built-in font (Latin only) when there is none."""
    import shutil
    import subprocess
    from pathlib import Path

    from PIL import ImageFont

    index = DEMO_FONT_INDEX.get(language, 2)
    for path in DEMO_FONT_FILES:
        if Path(path).exists():
            return ImageFont.truetype(path, size, index=index)
    if shutil.which("fc-match"):
        pattern = f"{DEMO_FONT_NAMES.get(language, 'Noto Sans CJK SC')}:bold"
        found = subprocess.run(
            ["fc-match", "-f", "%{file}\n%{index}", pattern],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split("\n")
        if len(found) == 2 and "CJK" in Path(found[0]).name:
            return ImageFont.truetype(found[0], size, index=int(found[1] or 0))
    return ImageFont.load_default(size=size)


def _wrap(draw, text: str, font, width: int, max_lines: int) -> list[str]:
    """``text`` in lines no wider than ``width``: by words where there are spaces (Korean,
    Russian), by characters where there are none (Chinese, Japanese); "…" ends a cut text."""
    tokens = text.split(" ") if " " in text else list(text)
    joiner = " " if " " in text else ""
    lines, line = [], ""
    for token in tokens:
        candidate = f"{line}{joiner}{token}" if line else token
        if draw.textlength(candidate, font=font) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = token
    lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        while lines[-1] and draw.textlength(lines[-1] + "…", font=font) > width:
            lines[-1] = lines[-1][:-1]
        lines[-1] += "…"
    return lines


def _image(product_data: dict) -> ContentFile:
    """A package shot drawn locally: the brand, the product's name in the language of its
    country of origin, the pack size, and the filed Chinese name below (issue #11: each text in
    a font that has its glyphs)."""
    from PIL import Image, ImageColor, ImageDraw

    size = 480
    background = ImageColor.getrgb(product_data["color"])
    image = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((48, 70, size - 48, size - 100), radius=28, fill="white")
    language = ORIGIN_LANGUAGE.get(product_data["origin"], "zh-hans")
    title = product_data["title"].get(language) or product_data["title"]["zh-hans"]
    ink = "#222222"
    lines = [(product_data["brand"], _demo_font(40, language), ink)]
    local_font = _demo_font(24, language)
    lines += [(line, local_font, "#444444") for line in _wrap(draw, title, local_font, 340, 3)]
    net_content = product_data.get("net_content", "")
    if net_content and net_content.replace(" ", "") not in title.replace(" ", ""):
        lines.append((net_content, _demo_font(22, language), "#666666"))
    # the whole block centred in the white card
    heights = [draw.textbbox((0, 0), text, font=font)[3] + 14 for text, font, _ in lines]
    y = 70 + (size - 170 - sum(heights)) / 2
    for (text, font, fill), height in zip(lines, heights, strict=True):
        draw.text(((size - draw.textlength(text, font=font)) / 2, y), text, fill=fill, font=font)
        y += height
    # the filed Chinese name on the coloured band, dark or light by the background's luminance
    luminance = 0.299 * background[0] + 0.587 * background[1] + 0.114 * background[2]
    band_font = _demo_font(26, "zh-hans")
    name = _wrap(draw, product_data.get("customs_name", ""), band_font, 380, 1)[0]
    draw.text(
        ((size - draw.textlength(name, font=band_font)) / 2, size - 80),
        name,
        fill="#1f1f1f" if luminance > 150 else "#ffffff",
        font=band_font,
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name=f"{product_data['sku'].lower()}.png")


@transaction.atomic
def _item_record_no(warehouse, sku: str) -> str:
    if warehouse.trade_mode != TradeMode.BONDED_1210:
        return ""
    return f"{warehouse.ems_no}-{sku}"[:30]


def demo_load(*, images: bool = True, password_for: Callable[[str], str]) -> DemoReport:
    """Create or update the whole demo data set. Raises KeyError if data.py refers to an unknown
    category, merchant or warehouse (a bug in the data file)."""
    report = DemoReport()
    # Orders ship to mainland China only (Oscar's address forms need the country).
    Country.objects.update_or_create(
        iso_3166_1_a2="CN",
        defaults={
            "iso_3166_1_a3": "CHN",
            "iso_3166_1_numeric": "156",
            "printable_name": "中国",
            "name": "People's Republic of China",
            "is_shipping_country": True,
        },
    )
    warehouses = {}
    for spec in WAREHOUSES:
        warehouse, _ = Warehouse.objects.update_or_create(
            code=spec["code"], defaults={k: v for k, v in spec.items() if k != "code"}
        )
        warehouses[spec["code"]] = warehouse
    report.warehouses = len(warehouses)

    dashboard_access = Permission.objects.get(
        codename="dashboard_access", content_type__app_label="partner"
    )
    partners = {}
    for spec in MERCHANTS:
        partner, _ = Partner.objects.update_or_create(
            code=spec["code"],
            defaults={
                "name": spec["name"],
                "customs_code": spec["customs_code"],
                "customs_name": spec["customs_name"],
            },
        )
        email = f"{spec['user']}@merchant.example.com"
        user, password = _user(email, password=password_for("merchant"), first_name=spec["name"])
        user.user_permissions.add(dashboard_access)
        partner.users.add(user)
        partners[spec["code"]] = partner
        report.users.append((email, password, f"merchant {spec['code']}"))
    report.merchants = len(partners)

    for spec in STORES:
        fields = {
            "province": spec["province"],
            "city": spec["city"],
            "phone": spec["phone"],
            **_translated("name", spec["name"]),
            **_translated("address", spec["address"]),
            **_translated("opening_hours", spec["opening_hours"]),
        }
        ExperienceStore.objects.update_or_create(code=spec["code"], defaults=fields)
    report.stores = len(STORES)

    _user_staff, staff_password = _user(
        "staff@shop.example.com",
        password=password_for("staff"),
        is_staff=True,
        is_superuser=True,
        first_name="Staff",
    )
    report.users.append(("staff@shop.example.com", staff_password, "staff (dashboard, CMS)"))
    _shopper, shopper_password = _user(
        "shopper@example.com", password=password_for("shopper"), first_name="李明"
    )
    report.users.append(("shopper@example.com", shopper_password, "shopper"))

    categories = _categories()
    report.categories = len(categories)
    product_class, _ = ProductClass.objects.get_or_create(
        slug="imported-goods",
        defaults={"name": "Imported goods", "requires_shipping": True, "track_stock": True},
    )

    product_ids = []
    for spec in data.PRODUCTS:
        fields = {
            "title": spec["title"]["zh-hans"],
            "description": spec["description"]["zh-hans"],
            **_translated("title", spec["title"]),
            **_translated("description", spec["description"]),
            "structure": Product.STANDALONE,
            "product_class": product_class,
            "is_public": True,
            "customs_name": spec["customs_name"],
            "hs_code": spec["hs_code"],
            "origin_country": spec["origin"],
            "brand": spec["brand"],
            # Readable ASCII URLs from the English title (Oscar would escape the Chinese one)
            "slug": slugify(spec["title"]["en"])[:128],
        }
        product = Product.objects.filter(upc=spec["barcode"]).first()
        if product is None:
            product = Product(upc=spec["barcode"], **fields)
        else:
            for name, value in fields.items():
                setattr(product, name, value)
        product.full_clean()
        product.save()
        ProductCategory.objects.get_or_create(
            product=product, category=categories[spec["category"]]
        )
        StockRecord.objects.update_or_create(
            partner=partners[spec["merchant"]],
            partner_sku=spec["sku"],
            defaults={
                "product": product,
                "warehouse": warehouses[spec["warehouse"]],
                "filing_record": _filing(spec),
                "price_currency": "CNY",
                "price": Decimal(spec["price"]),
                "num_in_stock": spec["stock"],
                # the goods' item number in the bonded warehouse's account book (1210 only)
                "item_record_no": _item_record_no(warehouses[spec["warehouse"]], spec["sku"]),
            },
        )
        if images and not product.images.exists():
            ProductImage.objects.create(
                product=product, original=_image(spec), caption=spec["brand"], display_order=0
            )
        product_ids.append(product.pk)
    report.products = len(product_ids)
    get_backend("search").index_products(product_ids)
    demo_rates_load()  # reference rates for ko/ja/ru shoppers (issue #11)
    demo_traceability_load()  # brand authorisations and batches (issue #12)
    demo_cms_load(images=images)  # CMS pages and menus in five languages (issue #11)
    return report
