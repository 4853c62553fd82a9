"""Demo CMS pages (issue #11): the home page, two experience-store pages, three national
pavilions, an exhibition, a live-stream and a brand page, plus the header and footer menus, in
all five languages.

Pages are written in Chinese (the source language) and translated the wagtail-localize way: a
``TranslationSource`` of the page, a ``Translation`` per target language, one
``StringTranslation`` per source string, then the translated page is created from them. Staff
can therefore open any demo translation in wagtail-localize's editor and see every string as
translated. Idempotent: a page (or translation) that exists is left as it is, so edits staff
made survive a re-run.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import json
import logging
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.images import get_image_model
from wagtail.models import DraftStateMixin, Locale, Page, Site
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from shop.stores.models import ExperienceStore

Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")

SOURCE = "zh-hans"
TARGETS = ("ko", "ja", "ru", "en")

# Fonts with Chinese, Japanese, Korean and Cyrillic glyphs (fonts-noto-cjk), best first.
CJK_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)


@dataclass
class CmsDemoReport:
    pages: list[str] = field(default_factory=list)
    translations: int = 0
    menus: int = 0


class _Texts:
    """Collects every demo string: ``t({...})`` returns the Chinese text and remembers what it
    is in the other languages, for the StringTranslations of each page."""

    def __init__(self):
        self.by_language: dict[str, dict[str, str]] = {lang: {} for lang in TARGETS}

    def __call__(self, texts: dict[str, str]) -> str:
        source = texts[SOURCE]
        for lang in TARGETS:
            self.by_language[lang][source] = texts[lang]
        return source

    def paragraphs(self, *paragraphs: dict[str, str]) -> str:
        return "".join(f"<p>{self(p)}</p>" for p in paragraphs)


# --- Images ---------------------------------------------------------------------------------
def _font(size):
    from PIL import ImageFont

    for path in CJK_FONTS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _image(title: str, lines: list[str], colours: tuple[str, str], size=(1200, 420)):
    """A Wagtail image drawn locally (no download): a two-colour banner with the lines of text."""
    ImageModel = get_image_model()
    existing = ImageModel.objects.filter(title=title).first()
    if existing is not None:
        return existing
    from PIL import Image, ImageDraw

    width, height = size
    image = Image.new("RGB", size, colours[0])
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, int(height * 0.72), width, height), fill=colours[1])
    draw.ellipse(
        (width - height * 0.9, -height * 0.3, width + height * 0.2, height * 0.8), fill=colours[1]
    )
    y = int(height * 0.18)
    for index, text in enumerate(lines):
        font = _font(int(height * (0.13 if index == 0 else 0.07)))
        draw.text((int(width * 0.06), y), text, fill="white", font=font)
        y += int(height * (0.2 if index == 0 else 0.12))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:60]
    return ImageModel.objects.create(
        title=title, file=ContentFile(buffer.getvalue(), name=f"cms-{slug}.png")
    )


# --- Pages ------------------------------------------------------------------------------------
def _products(*barcodes):
    by_upc = {p.upc: p.pk for p in Product.objects.filter(upc__in=barcodes)}
    return [by_upc[code] for code in barcodes if code in by_upc]


def _items(values):
    """ListBlock items in Wagtail's current JSON form (each with an id): wagtail-localize needs
    the ids to extract and put back the strings of each item."""
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def _product_list(heading, barcodes, limit=8):
    return {
        "type": "product_list",
        "value": {
            "heading": heading,
            "source": "chosen",
            "category": "",
            "origin": "",
            "products": _items(_products(*barcodes)),
            "limit": limit,
        },
    }


def _child(parent, model, slug, **fields):
    """The child page with this slug, created and published if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    for name in ("body", "pinned_products"):
        if isinstance(fields.get(name), list):
            fields[name] = json.dumps(fields[name])
    merchants = fields.pop("merchants", None)
    page = model(slug=slug, locale=parent.locale, **fields)
    parent.add_child(instance=page)
    if merchants is not None:
        page.merchants.set(merchants)
    page.save_revision().publish()
    return page, True


def _translate(instance, texts: _Texts, report: CmsDemoReport):
    """Translate ``instance`` into every target language through wagtail-localize; a language
    that already has a translation is left alone."""
    for language in TARGETS:
        locale, _ = Locale.objects.get_or_create(language_code=language)
        if instance.has_translation(locale):
            continue
        source, _ = TranslationSource.update_or_create_from_instance(instance)
        Translation.objects.get_or_create(source=source, target_locale=locale)
        mapping = texts.by_language[language]
        for segment in StringSegment.objects.filter(source=source).select_related(
            "string", "context"
        ):
            translated = mapping.get(segment.string.data)
            if translated is None:
                continue  # slugs and the like stay as in the source
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": translated,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )
        # Saved as a draft here and published right away: wagtail-localize's publish=True
        # defers publishing to transaction.on_commit, which never runs inside an outer
        # transaction (tests, a caller's atomic block).
        drafts = isinstance(instance, DraftStateMixin)
        target, _created = source.create_or_update_translation(
            locale, publish=not drafts, copy_parent_pages=True, fallback=True
        )
        if drafts:
            target.get_latest_revision().publish()
        report.translations += 1


def _home_page(t: _Texts, images: bool):
    """The HomePage at the root of the default site, replacing Wagtail's welcome page."""
    from cms.models import HomePage

    default_locale = Locale.get_default()
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(depth=2, locale=default_locale).first()
    site = Site.objects.filter(is_default_site=True).first()
    if home is None:
        hero_image = (
            _image(
                "demo-home-hero",
                ["东北亚跨境购", "한국 · 日本 · Россия", "保税仓直发 · 体验店看样 · 在线下单"],
                ("#0b4f6c", "#c8102e"),
            )
            if images
            else None
        )
        home = HomePage(
            title=t({"zh-hans": "首页", "ko": "홈", "ja": "ホーム", "ru": "Главная", "en": "Home"}),
            slug="shop-home",
            locale=default_locale,
            hero_title=t(
                {
                    "zh-hans": "韩国、日本、俄罗斯好物，保税仓直发",
                    "ko": "한국·일본·러시아의 좋은 상품을 보세창고에서 바로 보내 드립니다",
                    "ja": "韓国・日本・ロシアの逸品を保税倉庫から直送",
                    "ru": "Лучшее из Кореи, Японии и России — прямо с таможенного склада",
                    "en": "The best of Korea, Japan and Russia, shipped from the bonded warehouse",
                }
            ),
            hero_text=t(
                {
                    "zh-hans": "在吉林、辽宁和山东的体验店里先看实物，再在线下单。进口税费在付款前就算清楚，清关后由保税仓发货。",
                    "ko": "지린·랴오닝·산둥의 체험 매장에서 실물을 먼저 보고 온라인으로 주문하세요. 수입 세금은 결제 전에 미리 계산되고, 통관이 끝나면 보세창고에서 발송됩니다.",
                    "ja": "吉林・遼寧・山東の体験ストアで実物を見てから、オンラインで注文できます。輸入税は支払い前に計算され、通関後に保税倉庫から発送します。",
                    "ru": "Посмотрите товар вживую в наших шоурумах в Цзилине, Ляонине и Шаньдуне и закажите онлайн. Импортный налог рассчитывается до оплаты, а после таможенного оформления заказ отправляется с таможенного склада.",
                    "en": "See the goods in our experience stores in Jilin, Liaoning and Shandong, then order online. Import tax is worked out before you pay, and your order ships from the bonded warehouse once customs has cleared it.",
                }
            ),
            hero_image=hero_image,
            body=json.dumps(
                [
                    _product_list(
                        t(
                            {
                                "zh-hans": "本周推荐",
                                "ko": "이번 주 추천 상품",
                                "ja": "今週のおすすめ",
                                "ru": "Рекомендуем на этой неделе",
                                "en": "Picks of the week",
                            }
                        ),
                        [
                            "8809615061015",
                            "8801043000154",
                            "8809012210085",
                            "4901005021471",
                            "4960661000244",
                            "4987241030620",
                            "4600069501201",
                            "4607018005124",
                        ],
                    )
                ]
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        welcome = site.root_page
        site.root_page = home
        site.save()
        # Wagtail's "Welcome to your new Wagtail site!" page, made by its migrations: a plain
        # Page with no children. Anything else stays.
        if welcome.specific_class is Page and not welcome.get_children().exists():
            welcome.delete()
    return home


def _store_pages(home, t: _Texts, images: bool):
    from cms.models import StoreIndexPage, StorePage

    index, _ = _child(
        home,
        StoreIndexPage,
        "stores",
        title=t(
            {
                "zh-hans": "体验店",
                "ko": "체험 매장",
                "ja": "体験ストア",
                "ru": "Шоурумы",
                "en": "Experience stores",
            }
        ),
        intro=t.paragraphs(
            {
                "zh-hans": "我们的体验店陈列着保税仓里的真实商品：可以看、可以试，扫码就能在线下单，商品从保税仓直接寄到您家。",
                "ko": "체험 매장에는 보세창고에 있는 실제 상품이 진열되어 있습니다. 직접 보고 써 본 뒤 QR 코드로 온라인 주문하면 보세창고에서 댁으로 바로 배송됩니다.",
                "ja": "体験ストアには保税倉庫にある実際の商品を並べています。見て、試して、QRコードからオンラインで注文すれば、保税倉庫からご自宅へ直接お届けします。",
                "ru": "В шоурумах выставлены настоящие товары с таможенного склада: их можно посмотреть и попробовать, а заказать — онлайн по QR-коду. Заказ приедет к вам домой прямо со склада.",
                "en": "Our experience stores show real goods from the bonded warehouse: look at them, try them, scan the code to order online, and the order is sent from the bonded warehouse to your door.",
            }
        ),
    )
    steps = {
        "type": "steps",
        "value": {
            "heading": t(
                {
                    "zh-hans": "店内看样，在线下单",
                    "ko": "매장에서 보고, 온라인으로 주문",
                    "ja": "店頭で見て、オンラインで注文",
                    "ru": "Смотрите в магазине — заказывайте онлайн",
                    "en": "View offline, order online",
                }
            ),
            "steps": _items(
                [
                    {
                        "title": t(
                            {
                                "zh-hans": "看实物",
                                "ko": "실물 확인",
                                "ja": "実物を見る",
                                "ru": "Посмотрите товар",
                                "en": "See the real thing",
                            }
                        ),
                        "text": t(
                            {
                                "zh-hans": "样品和保税仓里的商品是同一批货，可以拿在手里看成分和规格。",
                                "ko": "진열 샘플은 보세창고 상품과 같은 입고분이라 성분과 규격을 손으로 직접 확인할 수 있습니다.",
                                "ja": "見本は保税倉庫の商品と同じロットです。手に取って成分や規格を確かめられます。",
                                "ru": "Образцы из той же партии, что и товар на складе: состав и размеры можно проверить в руках.",
                                "en": "The samples come from the same batch as the goods in the bonded warehouse: check ingredients and sizes in your hand.",
                            }
                        ),
                    },
                    {
                        "title": t(
                            {
                                "zh-hans": "扫码下单",
                                "ko": "QR 코드로 주문",
                                "ja": "QRコードで注文",
                                "ru": "Закажите по QR-коду",
                                "en": "Scan to order",
                            }
                        ),
                        "text": t(
                            {
                                "zh-hans": "用手机扫描商品旁的二维码，登录后加入购物车并付款。",
                                "ko": "상품 옆 QR 코드를 휴대폰으로 스캔하고 로그인한 뒤 장바구니에 담아 결제하세요.",
                                "ja": "商品の横にあるQRコードをスマートフォンで読み取り、ログインしてカートに入れ、支払います。",
                                "ru": "Отсканируйте телефоном QR-код рядом с товаром, войдите в аккаунт, положите товар в корзину и оплатите.",
                                "en": "Scan the code next to the product with your phone, sign in, add it to your basket and pay.",
                            }
                        ),
                    },
                    {
                        "title": t(
                            {
                                "zh-hans": "实名申报",
                                "ko": "실명 통관 신고",
                                "ja": "実名で申告",
                                "ru": "Декларация на ваше имя",
                                "en": "Declared in your name",
                            }
                        ),
                        "text": t(
                            {
                                "zh-hans": "跨境零售进口需要订购人的真实姓名和身份证号，税费在付款时一并结算。",
                                "ko": "국경 간 소매 수입에는 주문자의 실명과 신분증 번호가 필요하며, 세금은 결제할 때 함께 정산됩니다.",
                                "ja": "越境小売輸入には注文者の実名と身分証番号が必要です。税金は支払い時にまとめて精算されます。",
                                "ru": "Для трансграничного розничного импорта нужны настоящее имя и номер удостоверения личности покупателя; налог оплачивается вместе с заказом.",
                                "en": "Cross-border retail imports need the buyer's real name and ID number; the tax is paid together with the order.",
                            }
                        ),
                    },
                    {
                        "title": t(
                            {
                                "zh-hans": "保税仓发货",
                                "ko": "보세창고에서 발송",
                                "ja": "保税倉庫から発送",
                                "ru": "Отправка со склада",
                                "en": "Shipped from the bonded warehouse",
                            }
                        ),
                        "text": t(
                            {
                                "zh-hans": "海关放行后，商品通常在三天内送到。",
                                "ko": "세관 통관 후 보통 3일 안에 도착합니다.",
                                "ja": "税関の許可後、通常3日以内にお届けします。",
                                "ru": "После выпуска таможней товар обычно доставляют за три дня.",
                                "en": "Once customs releases it, your order usually arrives within three days.",
                            }
                        ),
                    },
                ]
            ),
        },
    }
    specs = [
        (
            "changchun",
            "changchun-o2o",
            ("#1d3557", "#e63946"),
            ["8809615061015", "8806783004516", "8809012210085", "8801043000154"],
            {
                "zh-hans": "长春体验店位于人民大街，一层陈列韩国美妆和红参，二层是日本零食和俄罗斯糖果专区。",
                "ko": "창춘 체험 매장은 런민대가에 있으며, 1층에는 한국 화장품과 홍삼, 2층에는 일본 과자와 러시아 사탕 코너가 있습니다.",
                "ja": "長春体験ストアは人民大街にあり、1階に韓国コスメと紅参、2階に日本のお菓子とロシアのキャンディーのコーナーがあります。",
                "ru": "Шоурум в Чанчуне находится на проспекте Жэньминь: на первом этаже — корейская косметика и красный женьшень, на втором — японские сладости и русские конфеты.",
                "en": "The Changchun store is on Renmin Avenue: Korean beauty and red ginseng on the ground floor, Japanese snacks and Russian sweets upstairs.",
            },
        ),
        (
            "dalian",
            "dalian-o2o",
            ("#2a9d8f", "#264653"),
            ["4901777012479", "4901301250643", "4607028607011", "4600069501201"],
            {
                "zh-hans": "大连体验店离大窑湾保税区不远，主打日本母婴用品、威士忌和俄罗斯伏特加，可以现场品鉴。",
                "ko": "다롄 체험 매장은 다야오완 보세구역과 가까우며, 일본 유아용품과 위스키, 러시아 보드카를 중심으로 현장 시음도 가능합니다.",
                "ja": "大連体験ストアは大窯湾保税区の近くにあり、日本のベビー用品やウイスキー、ロシアのウォッカを中心に、その場で試飲もできます。",
                "ru": "Шоурум в Даляне недалеко от бондовой зоны Даяовань: японские товары для малышей, виски и русская водка, которую можно продегустировать на месте.",
                "en": "The Dalian store is close to the Dayaowan bonded zone and focuses on Japanese baby care, whisky and Russian vodka, with tastings in the store.",
            },
        ),
    ]
    pages = [index]
    for slug, code, colours, barcodes, intro in specs:
        store = ExperienceStore.objects.get(code=code)
        body = []
        if images:
            body.append(
                {
                    "type": "gallery",
                    "value": {
                        "heading": "",
                        "images": _items(
                            [
                                {
                                    "image": _image(
                                        f"demo-store-{slug}-{n}",
                                        [store.name_zh_hans or store.name, store.city, label],
                                        colours if n == 1 else colours[::-1],
                                        size=(960, 640),
                                    ).pk,
                                    "caption": t(caption),
                                }
                                for n, label, caption in (
                                    (
                                        1,
                                        "样品区",
                                        {
                                            "zh-hans": "样品陈列区",
                                            "ko": "샘플 진열 공간",
                                            "ja": "見本の展示コーナー",
                                            "ru": "Зона с образцами",
                                            "en": "The sample display",
                                        },
                                    ),
                                    (
                                        2,
                                        "扫码下单",
                                        {
                                            "zh-hans": "扫码下单台",
                                            "ko": "QR 주문 코너",
                                            "ja": "QR注文カウンター",
                                            "ru": "Стойка заказа по QR-коду",
                                            "en": "The scan-to-order counter",
                                        },
                                    ),
                                )
                            ]
                        ),
                    },
                }
            )
        body += [
            _product_list(
                t(
                    {
                        "zh-hans": "店内展示",
                        "ko": "매장 진열 상품",
                        "ja": "店頭に並んでいる商品",
                        "ru": "Что выставлено в магазине",
                        "en": "On display in the store",
                    }
                ),
                barcodes,
            ),
            steps,
        ]
        page, _ = _child(
            index,
            StorePage,
            slug,
            title=t(
                {
                    lang: getattr(store, f"name_{lang.replace('-', '_')}")
                    for lang in (SOURCE, *TARGETS)
                }
            ),
            store=store,
            intro=t.paragraphs(intro),
            body=body,
        )
        pages.append(page)
    return pages


PAVILIONS = [
    (
        "korea",
        "133",
        {
            "zh-hans": "韩国馆",
            "ko": "한국관",
            "ja": "韓国館",
            "ru": "Корейский павильон",
            "en": "Korea Pavilion",
        },
        [
            {
                "zh-hans": "从首尔明洞的美妆店到釜山的海苔作坊，韩国馆汇集了韩国人自己天天在用的好东西。",
                "ko": "서울 명동의 화장품 가게부터 부산의 김 공방까지, 한국관에는 한국 사람들이 매일 쓰는 좋은 물건을 모았습니다.",
                "ja": "ソウル・明洞のコスメ店から釜山の海苔工房まで、韓国館には韓国の人が毎日使っている良い品を集めました。",
                "ru": "От косметических магазинов сеульского Мёндона до пусанских мастерских морской капусты — в Корейском павильоне то, чем корейцы пользуются каждый день.",
                "en": "From the beauty shops of Seoul's Myeongdong to the seaweed makers of Busan, the Korea Pavilion gathers what Koreans use every day.",
            },
            {
                "zh-hans": "面膜、精华、拉面和六年根红参都从珲春综合保税区发货，通常两到三天送达东北三省。",
                "ko": "마스크팩, 에센스, 라면, 6년근 홍삼은 훈춘 종합보세구에서 발송되어 동북 3성에는 보통 2~3일 안에 도착합니다.",
                "ja": "シートマスク、美容液、ラーメン、6年根紅参は琿春総合保税区から発送し、東北三省には通常2〜3日で届きます。",
                "ru": "Маски, сыворотки, рамён и шестилетний красный женьшень отправляются из комплексной бондовой зоны Хуньчуня и обычно доходят до трёх северо-восточных провинций за два-три дня.",
                "en": "Sheet masks, serums, ramyeon and six-year red ginseng ship from the Hunchun bonded zone and usually reach the three north-eastern provinces in two to three days.",
            },
        ],
        ("#003478", "#c60c30"),
    ),
    (
        "japan",
        "116",
        {
            "zh-hans": "日本馆",
            "ko": "일본관",
            "ja": "日本館",
            "ru": "Японский павильон",
            "en": "Japan Pavilion",
        },
        [
            {
                "zh-hans": "日本馆精选药妆、母婴用品、零食和威士忌，每一件都经过正规备案，按跨境电商零售进口清关。",
                "ko": "일본관은 드러그스토어 화장품, 유아용품, 과자, 위스키를 엄선했으며, 모든 상품은 정식 등록을 거쳐 국경 간 전자상거래 소매 수입으로 통관됩니다.",
                "ja": "日本館ではドラッグストアコスメ、ベビー用品、お菓子、ウイスキーを厳選しました。すべて正式に届け出済みで、越境EC小売輸入として通関します。",
                "ru": "В Японском павильоне — аптечная косметика, товары для малышей, сладости и виски. Каждый товар официально зарегистрирован и проходит таможню как трансграничный розничный импорт.",
                "en": "The Japan Pavilion selects drugstore beauty, baby care, snacks and whisky; every item is properly filed and cleared as a cross-border retail import.",
            },
            {
                "zh-hans": "北海道的白色恋人、山崎威士忌和花王纸尿裤，都是东北顾客回购最多的商品。",
                "ko": "홋카이도의 시로이 고이비토, 야마자키 위스키, 카오 기저귀는 동북 지역 고객이 가장 많이 재구매하는 상품입니다.",
                "ja": "北海道の白い恋人、山崎ウイスキー、花王のおむつは、東北のお客様に最もリピートされている商品です。",
                "ru": "Печенье «Сирои Коибито» с Хоккайдо, виски «Ямадзаки» и подгузники Kao — то, что наши покупатели на северо-востоке заказывают снова и снова.",
                "en": "Shiroi Koibito from Hokkaido, Yamazaki whisky and Kao nappies are what our customers in the north-east buy again and again.",
            },
        ],
        ("#bc002d", "#2b2b2b"),
    ),
    (
        "russia",
        "344",
        {
            "zh-hans": "俄罗斯馆",
            "ko": "러시아관",
            "ja": "ロシア館",
            "ru": "Российский павильон",
            "en": "Russia Pavilion",
        },
        [
            {
                "zh-hans": "俄罗斯馆的巧克力、蜂蜜和伏特加经珲春口岸进口，是很多东北家庭从小就熟悉的味道。",
                "ko": "러시아관의 초콜릿, 꿀, 보드카는 훈춘 통상구를 통해 들어오며, 많은 동북 가정이 어릴 때부터 익숙한 맛입니다.",
                "ja": "ロシア館のチョコレート、はちみつ、ウォッカは琿春の通関地から輸入され、東北の多くの家庭にとって子どもの頃からなじみのある味です。",
                "ru": "Шоколад, мёд и водка Российского павильона ввозятся через пункт пропуска Хуньчунь — вкус, знакомый многим семьям на северо-востоке Китая с детства.",
                "en": "The Russia Pavilion's chocolate, honey and vodka come in through the Hunchun border crossing: flavours many families in north-east China have known since childhood.",
            },
            {
                "zh-hans": "阿尔泰山的野花蜂蜜、红色十月的大头娃娃巧克力和白桦树汁，都从保税仓直接发出。",
                "ko": "알타이산 야생화 꿀, 크라스니 옥탸브리의 알룐카 초콜릿, 자작나무 수액은 모두 보세창고에서 바로 발송됩니다.",
                "ja": "アルタイ山脈の野花はちみつ、赤い十月のアリョンカチョコレート、白樺の樹液は、すべて保税倉庫から直接発送します。",
                "ru": "Алтайский цветочный мёд, шоколад «Алёнка» от «Красного Октября» и берёзовый сок отправляются прямо с таможенного склада.",
                "en": "Altai wildflower honey, Krasny Oktyabr's Alyonka chocolate and birch sap all ship straight from the bonded warehouse.",
            },
        ],
        ("#0039a6", "#d52b1e"),
    ),
]


def _pavilions(home, t: _Texts):
    from cms.models import PavilionPage

    pages = []
    for slug, origin, title, story, _colours in PAVILIONS:
        page, _ = _child(
            home,
            PavilionPage,
            slug,
            title=t(title),
            origin_country=origin,
            story=t.paragraphs(*story),
            product_limit=12,
        )
        pages.append(page)
    return pages


def _brand(korea, t: _Texts):
    from cms.models import BrandPage

    page, _ = _child(
        korea,
        BrandPage,
        "cheongkwanjang",
        title=t(
            {
                "zh-hans": "正官庄",
                "ko": "정관장",
                "ja": "正官庄",
                "ru": "Чонгванджан (CheongKwanJang)",
                "en": "CheongKwanJang",
            }
        ),
        brand_name="CheongKwanJang",
        origin="foreign",
        authorisation_status="authorised",
        authorisation_valid_until=datetime.date(2027, 12, 31),
        story=t.paragraphs(
            {
                "zh-hans": "正官庄是韩国人参公社的红参品牌，只用生长满六年的高丽人参，经蒸制和干燥制成红参。",
                "ko": "정관장은 한국인삼공사의 홍삼 브랜드로, 6년 동안 자란 고려인삼만을 쪄서 말려 홍삼으로 만듭니다.",
                "ja": "正官庄は韓国人参公社の紅参ブランドで、6年かけて育った高麗人参だけを蒸して乾燥させ、紅参にしています。",
                "ru": "Чонгванджан — марка красного женьшеня Korea Ginseng Corporation: только корни корейского женьшеня шестилетнего возраста, пропаренные и высушенные.",
                "en": "CheongKwanJang is the red ginseng brand of the Korea Ginseng Corporation: only six-year-old Korean ginseng roots, steamed and dried.",
            },
            {
                "zh-hans": "本店销售的正官庄商品由品牌授权的进口商供货。",
                "ko": "당사에서 판매하는 정관장 상품은 브랜드가 승인한 수입업체가 공급합니다.",
                "ja": "当店で販売する正官庄の商品は、ブランドが認めた輸入業者から仕入れています。",
                "ru": "Товары Чонгванджан в нашем магазине поставляет импортёр, уполномоченный брендом.",
                "en": "The CheongKwanJang products we sell are supplied by an importer the brand has authorised.",
            },
        ),
        product_limit=12,
    )
    return page


def _exhibition(home, t: _Texts):
    from cms.models import ExhibitionPage

    start = timezone.localdate() + datetime.timedelta(days=21)
    page, _ = _child(
        home,
        ExhibitionPage,
        "spring-import-fair",
        title=t(
            {
                "zh-hans": "东北亚进口商品春季展",
                "ko": "동북아 수입상품 봄 박람회",
                "ja": "北東アジア輸入品 春の展示会",
                "ru": "Весенняя выставка импортных товаров Северо-Восточной Азии",
                "en": "North-East Asia Import Goods Spring Fair",
            }
        ),
        start_date=start,
        end_date=start + datetime.timedelta(days=3),
        venue=t(
            {
                "zh-hans": "长春国际会展中心 3 号馆",
                "ko": "창춘 국제컨벤션센터 3관",
                "ja": "長春国際コンベンションセンター 3号館",
                "ru": "Международный выставочный центр Чанчуня, павильон 3",
                "en": "Changchun International Exhibition Center, Hall 3",
            }
        ),
        intro=t.paragraphs(
            {
                "zh-hans": "四天里，韩国、日本和俄罗斯的商家带来新品和试吃，现场扫码下单的商品从保税仓发货，展会价格同步在网上提供。",
                "ko": "나흘 동안 한국·일본·러시아 판매자가 신상품과 시식을 선보입니다. 현장에서 QR 코드로 주문한 상품은 보세창고에서 발송되며, 박람회 가격은 온라인에서도 똑같이 적용됩니다.",
                "ja": "4日間、韓国・日本・ロシアの出店者が新商品と試食をご用意します。会場でQRコードから注文した商品は保税倉庫から発送し、展示会価格はオンラインでも同じです。",
                "ru": "Четыре дня продавцы из Кореи, Японии и России показывают новинки и угощают дегустациями. Заказы по QR-коду на выставке отправляются с таможенного склада, а выставочные цены действуют и онлайн.",
                "en": "For four days, merchants from Korea, Japan and Russia bring new products and tastings. Orders placed by scanning at the fair ship from the bonded warehouse, and fair prices apply online too.",
            }
        ),
        merchants=list(Partner.objects.filter(code__in=("hanbit", "taiga"))),
        body=[
            _product_list(
                t(
                    {
                        "zh-hans": "展会新品",
                        "ko": "박람회 신상품",
                        "ja": "展示会の新商品",
                        "ru": "Новинки выставки",
                        "en": "New at the fair",
                    }
                ),
                ["8809738800195", "4902201112031", "4600449015625", "4605501005088"],
            )
        ],
    )
    return page


def _live_stream(home, t: _Texts):
    from cms.models import LiveStreamPage

    day = timezone.localdate() + datetime.timedelta(days=3)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(19, 30)))
    pinned = [
        {"type": "product", "value": pk}
        for pk in _products("8809615061015", "8809636421157", "8806783112181", "8809738800195")
    ]
    page, _ = _child(
        home,
        LiveStreamPage,
        "live-hunchun-beauty",
        title=t(
            {
                "zh-hans": "珲春保税仓直播：韩国美妆开箱",
                "ko": "훈춘 보세창고 라이브: 한국 뷰티 언박싱",
                "ja": "琿春保税倉庫ライブ：韓国コスメ開封",
                "ru": "Прямой эфир с таможенного склада в Хуньчуне: распаковка корейской косметики",
                "en": "Live from the Hunchun bonded warehouse: Korean beauty unboxing",
            }
        ),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=90),
        stream_url="https://live.example.com/hunchun-bonded/korean-beauty",
        intro=t.paragraphs(
            {
                "zh-hans": "主播在保税仓里现场拆箱，讲解面膜和防晒霜的成分与用法，直播中的商品可以直接在本页加入购物车。",
                "ko": "진행자가 보세창고에서 직접 상자를 열고 마스크팩과 선크림의 성분과 사용법을 설명합니다. 방송에 나온 상품은 이 페이지에서 바로 장바구니에 담을 수 있습니다.",
                "ja": "配信者が保税倉庫で箱を開け、シートマスクと日焼け止めの成分や使い方を説明します。配信中の商品はこのページから直接カートに入れられます。",
                "ru": "Ведущая распаковывает коробки прямо на складе и рассказывает о составе и применении масок и солнцезащитных кремов. Товары из эфира можно положить в корзину прямо на этой странице.",
                "en": "Our host opens the boxes in the bonded warehouse and explains what is in the sheet masks and sunscreens and how to use them. Add the products from the stream to your basket right on this page.",
            }
        ),
        pinned_products=pinned,
    )
    return page


def _menus(home, pages: dict, t: _Texts, report: CmsDemoReport):
    from cms.models import Menu, MenuItem

    locale = Locale.get_default()
    specs = {
        Menu.Location.HEADER: [
            (pages["korea"], None),
            (pages["japan"], None),
            (pages["russia"], None),
            (pages["stores"], None),
            (
                None,
                (
                    "/catalogue/",
                    {
                        "zh-hans": "全部商品",
                        "ko": "전체 상품",
                        "ja": "すべての商品",
                        "ru": "Все товары",
                        "en": "All products",
                    },
                ),
            ),
        ],
        Menu.Location.FOOTER: [
            (pages["exhibition"], None),
            (pages["live"], None),
            (pages["brand"], None),
            (pages["stores"], None),
        ],
    }
    titles = {
        Menu.Location.HEADER: {
            "zh-hans": "主菜单",
            "ko": "주 메뉴",
            "ja": "メインメニュー",
            "ru": "Главное меню",
            "en": "Main menu",
        },
        Menu.Location.FOOTER: {
            "zh-hans": "页脚菜单",
            "ko": "하단 메뉴",
            "ja": "フッターメニュー",
            "ru": "Меню в подвале",
            "en": "Footer menu",
        },
    }
    for location, items in specs.items():
        menu = Menu.objects.filter(location=location, locale=locale).first()
        if menu is None:
            menu = Menu(location=location, locale=locale, title=t(titles[location]))
            for order, (page, url) in enumerate(items):
                if page is not None:
                    # the page's title in each language is its menu label
                    label = page.title
                    menu.items.add(
                        MenuItem(label=label, link_page=page, sort_order=order, locale=locale)
                    )
                else:
                    path, labels = url
                    menu.items.add(
                        MenuItem(label=t(labels), link_url=path, sort_order=order, locale=locale)
                    )
            menu.save()
        report.menus += 1
        _translate(menu, t, report)


@contextlib.contextmanager
def _quiet_wagtail():
    """Wagtail logs every page created, edited and published at INFO: ~150 lines per demo."""
    logger = logging.getLogger("wagtail")
    level = logger.level
    logger.setLevel(max(level, logging.WARNING))
    try:
        yield
    finally:
        logger.setLevel(level)


def demo_cms_load(*, images: bool = True) -> CmsDemoReport:
    """Create the demo CMS pages and menus in the five languages (see the module docstring).
    Needs the demo catalogue, merchants and experience stores (``demo_load``) first."""
    with _quiet_wagtail(), transaction.atomic():
        return _demo_cms_load(images=images)


def _demo_cms_load(*, images: bool) -> CmsDemoReport:
    report = CmsDemoReport()
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    t = _Texts()
    home = _home_page(t, images)
    stores = _store_pages(home, t, images)
    pavilions = _pavilions(home, t)
    brand = _brand(pavilions[0], t)
    exhibition = _exhibition(home, t)
    live = _live_stream(home, t)
    # page titles double as menu labels: register them (already registered by t() above)
    for page in [home, *stores, *pavilions, brand, exhibition, live]:
        _translate(page, t, report)
        report.pages.append(page.url_path)
    _menus(
        home,
        {
            "korea": pavilions[0],
            "japan": pavilions[1],
            "russia": pavilions[2],
            "stores": stores[0],
            "exhibition": exhibition,
            "live": live,
            "brand": brand,
        },
        t,
        report,
    )
    return report
