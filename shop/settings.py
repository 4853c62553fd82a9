"""Settings for the cross-border shop.

Everything that differs between a laptop and production comes from environment variables.
Defaults are the *embedded* ones: SQLite, database search, local folders, no outside service.
Production must set SECRET_KEY (refused otherwise) and the variables listed in README.md.
"""

import base64
import datetime
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403  (Oscar's documented way to start its settings)

from shop.core.masking import masked_logging

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SHOP_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Safe default: DEBUG is off unless asked for (the README's run command asks for it).
DEBUG = env_bool("SHOP_DEBUG", False)


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when SHOP_DEBUG is off (production). "
            "For development run with SHOP_DEBUG=1 and a key is generated in var/."
        )
    # Development: generate once and keep it, so sessions survive a restart.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()


def _encryption_keys() -> list[tuple[str, bytes]]:
    """Keys for personal data at rest (ID numbers, phones, stored customs messages).

    ``SHOP_ENCRYPTION_KEYS="k2:<base64url 32 bytes>,k1:<...>"``: the first key encrypts, all
    decrypt, so a key is rotated by putting a new one first and running
    ``manage.py encryption_rotate``. Development generates one into var/; production must set it
    (deploy check ``shop_core.E001``).
    """
    raw = os.environ.get("SHOP_ENCRYPTION_KEYS", "")
    if not raw and DEBUG:
        key_file = VAR_DIR / "encryption_keys"
        if not key_file.exists():
            VAR_DIR.mkdir(parents=True, exist_ok=True)
            key_file.write_text(
                "dev1:" + base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
            )
            key_file.chmod(0o600)
        raw = key_file.read_text().strip()
    keys = []
    for item in filter(None, (part.strip() for part in raw.split(","))):
        key_id, _, value = item.partition(":")
        key = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        if not key_id or len(key) != 32:
            raise ImproperlyConfigured("SHOP_ENCRYPTION_KEYS entries are <id>:<base64 of 32 bytes>")
        keys.append((key_id, key))
    return keys


SHOP_ENCRYPTION_KEYS = _encryption_keys()
ALLOWED_HOSTS = env_list("SHOP_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("SHOP_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation patches model admin/forms, so it goes before django.contrib.admin
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # before staticfiles: its runserver refuses production stand-ins (shop/core/startup.py)
    "shop.core",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    "django.contrib.sitemaps",  # the sitemap templates (shop/core/seo.py, issue #11)
    # Oscar; forks (shop.apps.*) replace the stock app with the same label
    # Oscar's root app without its "" redirect: the Wagtail home page is /<lang>/ (issue #11)
    "shop.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "shop.apps.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "shop.apps.shipping.apps.ShippingConfig",
    "shop.apps.catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "shop.apps.partner.apps.PartnerConfig",
    "shop.apps.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "shop.apps.offer.apps.OfferConfig",
    "shop.apps.order.apps.OrderConfig",
    "shop.apps.customer.apps.CustomerConfig",
    "shop.apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "shop.apps.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "shop.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    # Wagtail (store, exhibition and pavilion pages come in later issues)
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_localize",
    "wagtail_localize.locales",
    "modelcluster",
    "taggit",
    # background queue
    "django_tasks",
    "django_tasks_db",
    # login lockout (issue #10)
    "axes",
    # ours
    "integrations.apps.IntegrationsConfig",
    "shop.customs",
    "shop.payments.apps.PaymentsConfig",
    "shop.stores",
    "shop.kiosk.apps.KioskConfig",  # in-store kiosks and store staff (issue #14)
    "shop.imports.apps.ImportsConfig",  # bulk product import/export (issue #12)
    "shop.attribution.apps.AttributionConfig",  # order channel / store / staff (issue #14)
    "shop.traceability.apps.TraceabilityConfig",  # brand authorisations, batches (issue #12)
    "shop.stats.apps.StatsConfig",  # statistics and pipeline health (issue #17)
    "shop.searchindex.apps.SearchIndexConfig",  # database search n-gram index (issue #13)
    "shop.rates.apps.RatesConfig",  # reference prices in KRW/JPY/RUB (issue #11)
    "shop.demo",
    "cms",
]

SITE_ID = 1

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "shop.core.csp.CSPMiddleware",  # django-csp + the payment gateway's origins (issue #10)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # request.kiosk for a paired kiosk, kiosk theme, no sign-in/checkout on kiosks (issue #14)
    "shop.kiosk.middleware.KioskMiddleware",
    "shop.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # last: turns a locked-out login into the lockout page (django-axes)
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "shop.urls"
WSGI_APPLICATION = "shop.wsgi.application"

THEMES_DIR = BASE_DIR / "themes"
TEMPLATES = [
    {
        # The web theme. The kiosk theme (a later issue) adds a second engine named "kiosk"
        # that searches themes/kiosk/templates first, then these directories.
        "NAME": "web",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [THEMES_DIR / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "shop.core.context_processors.languages",
            ],
        },
    },
]
# The kiosk theme (issue #14): themes/kiosk/templates first, then the web theme's. Used only when
# asked for by name (shop.kiosk.middleware sets response.using = "kiosk" for a paired kiosk);
# each engine has its own cached loader, so cached templates never cross themes.
TEMPLATES.append(
    {
        **TEMPLATES[0],
        "NAME": "kiosk",
        "DIRS": [THEMES_DIR / "kiosk" / "templates", *TEMPLATES[0]["DIRS"]],
    }
)
# Kiosks (issue #14): seconds without a touch before the "still there?" countdown, and its length;
# the language a kiosk starts in when its record names none; one-time pairing codes' validity.
SHOP_KIOSK_IDLE_SECONDS = int(os.environ.get("SHOP_KIOSK_IDLE_SECONDS", "60"))
SHOP_KIOSK_COUNTDOWN_SECONDS = int(os.environ.get("SHOP_KIOSK_COUNTDOWN_SECONDS", "15"))
SHOP_KIOSK_DEFAULT_LANGUAGE = os.environ.get("SHOP_KIOSK_DEFAULT_LANGUAGE", "zh-hans")
SHOP_KIOSK_PAIRING_MINUTES = int(os.environ.get("SHOP_KIOSK_PAIRING_MINUTES", "15"))
SHOP_KIOSK_COOKIE_NAME = "shop_kiosk"
# Bump to make kiosks replace their service worker's cached offline page.
SHOP_KIOSK_SW_VERSION = "1"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        # Persistent connections (issue #16): a new PostgreSQL connection - a forked backend,
        # authentication, Django's session set-up - cost a third of a basket page. Each web
        # worker keeps one for up to a minute, checked before reuse; 0 connects per request.
        conn_max_age=int(os.environ.get("SHOP_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves a web process and a task worker at once (make run): WAL lets
    # readers go on while one writes, IMMEDIATE transactions take the write lock up front (a
    # deferred one failing half-way with "database is locked"), and a writer waits up to 20 s.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# Prepared statements on PostgreSQL (issue #16): with server-side parameters psycopg prepares a
# query the fifth time a connection runs it, and the persistent connection keeps the plan - the
# storefront's queries (wide joins of products, stock records, warehouses, filings) spent more
# time being planned than run. SHOP_DB_PREPARED=0 (e.g. behind PgBouncer in transaction mode,
# which cannot keep prepared statements) goes back to client-side parameters.
if (
    DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    and os.environ.get("SHOP_DB_PREPARED", "1") == "1"
):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": 5}
    )
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# Shared by every web process and worker (rate limits count across them): Redis when REDIS_URL
# is set, otherwise a database table (`manage.py createcachetable`, run by `make run`).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "shop"}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "shop_cache"}
    ),
    # Per process, never a query (issue #16): sorl-thumbnail's key-value cache (a thumbnail's name
    # for a source image and size never changes; the database table stays the shared truth) and
    # the storefront's rendered fragments (shop/core/fragments.py: keys carry the version of what
    # they show, so a change anywhere makes every process render afresh).
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "shop-local",
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
}
THUMBNAIL_CACHE = "local"

AUTHENTICATION_BACKENDS = (
    # django-axes first: refuses a locked-out username + IP before any password is checked
    "shop.core.login_protection.LoginLockoutBackend",
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_REDIRECT_URL = "/"

# --- Languages, time -------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("ko", "한국어"),
    ("ja", "日本語"),
    ("ru", "Русский"),
    ("en", "English"),
]
# Ours first; then complete shop-front translations of Oscar's own strings (Oscar's Russian and
# parts of ko/ja/zh-hans are unfinished), which win over the catalogues Oscar ships.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "oscar_storefront"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"

# Catalogue text per language; a missing translation falls back to the Chinese text.
MODELTRANSLATION_DEFAULT_LANGUAGE = "zh-hans"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = ("zh-hans",)

# --- Static and media ------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("SHOP_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [THEMES_DIR / "web" / "static", THEMES_DIR / "kiosk" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("SHOP_MEDIA_ROOT", VAR_DIR / "media"))
# Private documents (brand authorisations, certificates of origin, inspection reports; issue #12)
# live outside MEDIA_ROOT, so neither runserver nor the proxy serving /media/ can ever hand them
# out: they are read only through the scoped dashboard views (shop/traceability/views).
SHOP_DOCUMENTS_ROOT = Path(os.environ.get("SHOP_DOCUMENTS_ROOT", VAR_DIR / "documents"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "documents": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": SHOP_DOCUMENTS_ROOT, "base_url": "/documents-are-not-served/"},
    },
}

# --- Oscar -----------------------------------------------------------------------------------
OSCAR_SHOP_NAME = _("North-East Cross-Border Shop")
OSCAR_SHOP_TAGLINE = _("Imported goods from Korea, Japan and Russia")
OSCAR_DEFAULT_CURRENCY = "CNY"
OSCAR_PRODUCTS_PER_PAGE = int(os.environ.get("SHOP_PRODUCTS_PER_PAGE", "20"))
OSCAR_FROM_EMAIL = os.environ.get("SHOP_FROM_EMAIL", "shop@example.com")
OSCAR_ALLOW_ANON_CHECKOUT = False
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
# Haystack stays installed because Oscar imports it; listing and search use our own
# interface (integrations/search), so the simple engine is never asked for results.
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}

# --- Cross-border checkout (issue #4) -----------------------------------------------------------
# Freight per customs declaration by trade mode: a flat fee, free from a goods value on.
SHOP_FREIGHT = {
    "1210": {
        "flat": os.environ.get("SHOP_FREIGHT_BONDED", "8.00"),
        "free_over": os.environ.get("SHOP_FREIGHT_BONDED_FREE_OVER", "199.00"),
    },
    "9610": {"flat": os.environ.get("SHOP_FREIGHT_DIRECT_MAIL", "30.00"), "free_over": None},
}
# Usual delivery, (min, max) days after customs releases the parcel, by trade mode; the product
# page shows it (issue #11). Bonded goods leave a domestic warehouse; direct mail flies in first.
SHOP_DELIVERY_DAYS = {"1210": (2, 5), "9610": (7, 15)}
# Customs order numbers: <prefix><Oscar order number>-<declaration sequence>
SHOP_DECLARATION_PREFIX = os.environ.get("SHOP_DECLARATION_PREFIX", "NECB")
# Version of the consumer notice (跨境电商零售进口商品消费者告知书) shoppers accept at checkout
SHOP_CONSUMER_NOTICE_VERSION = "2026-11"
# Real-name identities (issue #10): at most this many per account; entering a new ID number is
# limited to SHOP_IDENTITY_RATE_LIMIT tries per account and per client IP per period (seconds).
SHOP_MAX_IDENTITIES_PER_ACCOUNT = int(os.environ.get("SHOP_MAX_IDENTITIES_PER_ACCOUNT", "3"))
# Orders "Pending payment" an account may hold at once; placing another is refused (issue #9).
SHOP_MAX_UNPAID_ORDERS = int(os.environ.get("SHOP_MAX_UNPAID_ORDERS", "3"))
SHOP_IDENTITY_RATE_LIMIT = int(os.environ.get("SHOP_IDENTITY_RATE_LIMIT", "5"))
SHOP_IDENTITY_RATE_PERIOD = int(os.environ.get("SHOP_IDENTITY_RATE_PERIOD", "3600"))
OSCAR_INITIAL_ORDER_STATUS = "Pending payment"
OSCAR_ORDER_STATUS_PIPELINE = {
    "Pending payment": ("Paid", "Cancelled"),
    "Paid": ("Shipped", "Cancelled"),
    "Shipped": ("Complete",),
    "Complete": (),
    "Cancelled": (),
}
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "line1", "line4", "state", "postcode", "country")

# --- Wagtail ---------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "North-East Cross-Border Shop"
WAGTAILADMIN_BASE_URL = os.environ.get("SHOP_BASE_URL", "http://localhost:8000")
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}


# Customs pages in Oscar's dashboard menu (views check access themselves: staff, or a
# merchant's dashboard user who sees only its own declarations).
def _customs_dashboard_access(user, *args, **kwargs):
    from shop.customs.dashboard import can_use_customs_dashboard

    return can_use_customs_dashboard(user)


def _staff_only(user, *args, **kwargs):
    return user.is_staff


def _catalogue_menu_with(*children):
    """Oscar's own "Catalogue" menu (found by its product list entry) with our catalogue tools
    added as children: the dashboard's top bar stays one line in every language."""
    menus = [dict(menu) for menu in OSCAR_DASHBOARD_NAVIGATION]  # noqa: F405
    for menu in menus:
        urls = [child.get("url_name") for child in menu.get("children", ())]
        if "dashboard:catalogue-product-list" in urls:
            menu["children"] = [*menu["children"], *children]
    return menus


OSCAR_DASHBOARD_NAVIGATION = [
    *_catalogue_menu_with(
        # Bulk product import/export (issue #12): a merchant its own products, staff any merchant's
        {
            "label": _("Import / export"),
            "url_name": "imports-dashboard:job-list",
            "access_fn": _customs_dashboard_access,
        },
        # Brand authorisations and stock batches (issue #12): a merchant its own, staff all
        {
            "label": _("Stock batches"),
            "url_name": "traceability-dashboard:batch-list",
            "access_fn": _customs_dashboard_access,
        },
        {
            "label": _("Brand authorisations"),
            "url_name": "traceability-dashboard:authorisation-list",
            "access_fn": _customs_dashboard_access,
        },
        # Reference exchange rates (issue #11): staff only
        {
            "label": _("Reference rates"),
            "url_name": "rates-dashboard:rate-list",
            "access_fn": _staff_only,
        },
    ),
    {
        "label": _("Customs"),
        "icon": "fas fa-passport",
        "children": [
            {
                "label": _("Declarations"),
                "url_name": "customs-dashboard:declaration-list",
                "access_fn": _customs_dashboard_access,
            },
            {
                "label": _("Receipts"),
                "url_name": "customs-dashboard:receipt-list",
                "access_fn": _staff_only,
            },
            {
                "label": _("Returns"),
                "url_name": "customs-dashboard:return-list",
                "access_fn": _customs_dashboard_access,
            },
            {
                "label": _("Tax bills"),
                "url_name": "customs-dashboard:tax-bill-list",
                "access_fn": _customs_dashboard_access,
            },
            {
                "label": _("Product filings"),
                "url_name": "customs-dashboard:filing-list",
                "access_fn": _customs_dashboard_access,
            },
            {
                "label": _("Refund jobs"),
                "url_name": "payments-dashboard:refund-list",
                "access_fn": _staff_only,
            },
        ],
    },
    # Experience stores (issue #14): kiosks, store staff codes and shelf labels, staff only
    {
        "label": _("Experience stores"),
        "icon": "fas fa-store",
        "children": [
            {
                "label": _("Kiosks"),
                "url_name": "kiosk-dashboard:device-list",
                "access_fn": _staff_only,
            },
            {
                "label": _("Shelf labels"),
                "url_name": "attribution-dashboard:shelf-labels",
                "access_fn": _staff_only,
            },
        ],
    },
    # Statistics (issue #17): staff everything, a merchant its own lines; pipeline health staff only
    {
        "label": _("Statistics"),
        "icon": "fas fa-chart-line",
        "children": [
            {
                "label": _("Sales and customs"),
                "url_name": "stats-dashboard:statistics",
                "access_fn": _customs_dashboard_access,
            },
            {
                "label": _("Pipeline health"),
                "url_name": "stats-dashboard:health",
                "access_fn": _staff_only,
            },
        ],
    },
]

# --- Reference prices (issue #11) ------------------------------------------------------------
# Beside the CNY price, shoppers of these languages see a labelled reference amount in their
# currency from the dated rate table staff keep (dashboard → Reference rates). zh-hans never
# does (CNY is the price); English is off unless asked for, e.g.
# SHOP_REFERENCE_CURRENCIES="ko:KRW,ja:JPY,ru:RUB,en:USD". A rate older than
# SHOP_REFERENCE_RATE_MAX_AGE_DAYS days (or none) shows no reference amount at all.
SHOP_REFERENCE_CURRENCIES = {
    language.strip(): currency.strip().upper()
    for language, _sep, currency in (
        item.partition(":")
        for item in env_list("SHOP_REFERENCE_CURRENCIES", "ko:KRW,ja:JPY,ru:RUB")
    )
}
SHOP_REFERENCE_RATE_MAX_AGE_DAYS = int(os.environ.get("SHOP_REFERENCE_RATE_MAX_AGE_DAYS", "7"))

# --- Bulk product import (issue #12) ----------------------------------------------------------
# Files of this many rows or more run on the task queue (db_worker); smaller ones in the request.
SHOP_IMPORT_SYNC_MAX_ROWS = int(os.environ.get("SHOP_IMPORT_SYNC_MAX_ROWS", "5000"))
SHOP_IMPORT_MAX_BYTES = int(os.environ.get("SHOP_IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))
SHOP_IMPORT_MAX_ROWS = int(os.environ.get("SHOP_IMPORT_MAX_ROWS", "50000"))

# --- Monitoring (issue #17) ------------------------------------------------------------------
# /ops/health.json and /ops/metrics answer zone staff's session, or
# "Authorization: Bearer $SHOP_HEALTH_TOKEN" (empty: no token accepted).
SHOP_HEALTH_TOKEN = os.environ.get("SHOP_HEALTH_TOKEN", "")

# --- Kiosk hand-off and order attribution (issue #14, shop/attribution) ------------------------
# A kiosk basket's QR link works once, for this many seconds; a kiosk or shelf-label attribution
# in the session counts for orders placed within this many hours.
SHOP_HANDOFF_TTL_SECONDS = int(os.environ.get("SHOP_HANDOFF_TTL_SECONDS", "600"))
SHOP_ATTRIBUTION_MAX_AGE_HOURS = int(os.environ.get("SHOP_ATTRIBUTION_MAX_AGE_HOURS", "24"))

# --- Background tasks ------------------------------------------------------------------------
TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "customs"]}
}

# --- Outside systems: one role each, embedded default, production picked by environment ------
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# Index names: <prefix>-products (alias) -> <prefix>-products-<timestamp> (manage.py search_reindex)
SHOP_SEARCH_INDEX_PREFIX = os.environ.get("SHOP_SEARCH_INDEX_PREFIX", "shop")
# Analysis plugins the Elasticsearch nodes have (analysis-smartcn, analysis-icu, analysis-nori,
# analysis-kuromoji); unset: asked from the server; empty: built-in analyzers only.
SHOP_ELASTICSEARCH_PLUGINS = (
    env_list("SHOP_ELASTICSEARCH_PLUGINS") if "SHOP_ELASTICSEARCH_PLUGINS" in os.environ else None
)
INTEGRATIONS = {
    # Elasticsearch when ELASTICSEARCH_URL is set (integrations.E003 checks the URL), else the
    # database (or SHOP_SEARCH_BACKEND, a class taking the same options).
    "search": (
        {
            "BACKEND": "integrations.search.elasticsearch.ElasticsearchProductSearch",
            "OPTIONS": {
                "url": ELASTICSEARCH_URL,
                "index_prefix": SHOP_SEARCH_INDEX_PREFIX,
                "languages": [code for code, _name in LANGUAGES],
                "plugins": SHOP_ELASTICSEARCH_PLUGINS,
            },
        }
        if ELASTICSEARCH_URL
        else {
            "BACKEND": os.environ.get(
                "SHOP_SEARCH_BACKEND", "integrations.search.database.DatabaseProductSearch"
            ),
            "OPTIONS": {"languages": [code for code, _name in LANGUAGES]},
        }
    ),
}

# --- Customs exchange (issue #5) --------------------------------------------------------------------
CUSTOMS_EXCHANGE_DIR = os.environ.get("CUSTOMS_EXCHANGE_DIR", str(VAR_DIR / "customs-exchange"))
# Which messages this shop sends; the payment and logistics companies may send their own.
CUSTOMS_SEND_KINDS = env_list("CUSTOMS_SEND_KINDS", "CEB311,CEB411,CEB511,CEB621")
CUSTOMS_MAX_ATTEMPTS = int(os.environ.get("CUSTOMS_MAX_ATTEMPTS", "12"))
# A receipt file larger than this is quarantined unread (only a 64 KiB prefix is kept).
CUSTOMS_RECEIPT_MAX_BYTES = int(os.environ.get("CUSTOMS_RECEIPT_MAX_BYTES", str(1024 * 1024)))
CUSTOMS_RETRY_BASE_DELAY = datetime.timedelta(
    seconds=float(os.environ.get("CUSTOMS_RETRY_BASE_SECONDS", "30"))
)
CUSTOMS_RETRY_MAX_DELAY = datetime.timedelta(
    seconds=float(os.environ.get("CUSTOMS_RETRY_MAX_SECONDS", "3600"))
)
# The shop's own registrations with customs. Defaults are clearly fake demo codes: production
# sets the real ones (a deploy check refuses the demo values).
CUSTOMS_PARTIES = {
    "ebp_code": os.environ.get("CUSTOMS_EBP_CODE", "DEMO000001"),
    "ebp_name": os.environ.get("CUSTOMS_EBP_NAME", "东北亚跨境购电子商务平台（演示）"),
    "cop_code": os.environ.get("CUSTOMS_COP_CODE", "DEMO000001"),
    "cop_name": os.environ.get("CUSTOMS_COP_NAME", "东北亚跨境购电子商务平台（演示）"),
    "dxp_id": os.environ.get("CUSTOMS_DXP_ID", "DXPENTDEMO000001"),
    "agent_code": os.environ.get("CUSTOMS_AGENT_CODE", "DEMO000002"),
    "agent_name": os.environ.get("CUSTOMS_AGENT_NAME", "东北亚报关服务有限公司（演示）"),
    "pay_code": os.environ.get("CUSTOMS_PAY_CODE", "DEMO000003"),
    "pay_name": os.environ.get("CUSTOMS_PAY_NAME", "演示支付有限公司"),
}
_CUSTOMS_GATEWAY_URL = os.environ.get("CUSTOMS_GATEWAY_URL", "")
INTEGRATIONS["customs_transport"] = (
    {
        "BACKEND": "integrations.customs.transport.http.HttpGateway",
        "OPTIONS": {
            "base_url": _CUSTOMS_GATEWAY_URL,
            "timeout": float(os.environ.get("CUSTOMS_GATEWAY_TIMEOUT", "10")),
            "token": os.environ.get("CUSTOMS_GATEWAY_TOKEN", ""),
        },
    }
    if _CUSTOMS_GATEWAY_URL
    else {
        "BACKEND": "integrations.customs.transport.folder.FolderExchange",
        "OPTIONS": {"root": CUSTOMS_EXCHANGE_DIR},
    }
)

# Every message is signed (spec §1.5); there is no unsigned mode. The embedded signer uses a
# development SM2 identity generated into var/ and is refused by a deploy check in production.
_CUSTOMS_SIGNER_URL = os.environ.get("CUSTOMS_SIGNER_URL", "")
INTEGRATIONS["customs_signer"] = (
    {
        "BACKEND": "integrations.customs.signing.HttpSigner",
        "OPTIONS": {
            "url": _CUSTOMS_SIGNER_URL,
            "timeout": float(os.environ.get("CUSTOMS_SIGNER_TIMEOUT", "10")),
            "token": os.environ.get("CUSTOMS_SIGNER_TOKEN") or None,
        },
    }
    if _CUSTOMS_SIGNER_URL
    else {
        "BACKEND": "shop.customs.signers.DevelopmentSigner",
        "OPTIONS": {"identity_path": str(VAR_DIR / "customs-signing-identity.json")},
    }
)

# --- Payments (issue #6) ------------------------------------------------------------------------
# Stripe when its keys are set; otherwise the sandbox (a test page: succeed / fail), which a
# deploy check refuses in production. Amounts go to the gateway in fen (integers).
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
SHOP_PAYMENT_METHOD_TYPES = env_list("SHOP_PAYMENT_METHOD_TYPES", "card")
INTEGRATIONS["payments"] = (
    {
        "BACKEND": "integrations.payments.stripe_gateway.StripeGateway",
        "OPTIONS": {
            "secret_key": STRIPE_SECRET_KEY,
            "publishable_key": os.environ.get("STRIPE_PUBLISHABLE_KEY", ""),
            "webhook_secret": os.environ.get("STRIPE_WEBHOOK_SECRET", ""),
            "method_types": tuple(SHOP_PAYMENT_METHOD_TYPES),
            "api_base": os.environ.get("STRIPE_API_BASE") or None,
            "js_url": os.environ.get("STRIPE_JS_URL", "https://js.stripe.com/v3/"),
        },
    }
    if STRIPE_SECRET_KEY
    else {"BACKEND": "shop.payments.sandbox.SandboxGateway"}
)
# Failure handling (issue #9): open payments are asked about after a few minutes (a webhook
# may never come), unpaid orders expire, refund jobs retry with backoff and then need staff.
SHOP_PAYMENT_RECONCILE_AFTER_MINUTES = int(
    os.environ.get("SHOP_PAYMENT_RECONCILE_AFTER_MINUTES", "5")
)
SHOP_PAYMENT_TIMEOUT_MINUTES = int(os.environ.get("SHOP_PAYMENT_TIMEOUT_MINUTES", "30"))
# Freight refunded on a return accepted by customs (issue #15): "full_return" (only when every
# item of the parcel came back), "always" (each returned item's share) or "never".
SHOP_RETURN_FREIGHT_REFUND = os.environ.get("SHOP_RETURN_FREIGHT_REFUND", "full_return")
SHOP_PAYMENT_REFUND_MAX_ATTEMPTS = int(os.environ.get("SHOP_PAYMENT_REFUND_MAX_ATTEMPTS", "8"))
SHOP_PAYMENT_REFUND_RETRY_BASE_DELAY = datetime.timedelta(
    seconds=float(os.environ.get("SHOP_PAYMENT_REFUND_RETRY_BASE_SECONDS", "60"))
)
SHOP_PAYMENT_REFUND_RETRY_MAX_DELAY = datetime.timedelta(
    seconds=float(os.environ.get("SHOP_PAYMENT_REFUND_RETRY_MAX_SECONDS", "3600"))
)
# Periodic jobs run by `manage.py scheduler`: (dotted callable, seconds between runs).
SHOP_SCHEDULE = [
    ("shop.payments.jobs.reconcile_open_payments", 300),
    ("shop.payments.jobs.expire_unpaid_orders", 60),
    ("shop.payments.jobs.run_refund_jobs", 60),
    ("shop.customs.outbox.outbox_sweep", 30),
    ("shop.attribution.jobs.purge_handoffs", 3600),  # expired kiosk hand-offs (issue #14)
]

# --- Content-Security-Policy (issue #10) ------------------------------------------------------
# Everything from our own host: nothing on a shop page may depend on a host that mainland China
# cannot reach, and a script slipped into a page does not run. Inline <script>s carry the
# per-request nonce (nonce="{{ request.csp_nonce }}", themes/web/templates/oscar/base.html).
# Inline styles stay allowed: Oscar's and Bootstrap's templates write style="" attributes, and
# a style cannot run code. The Stripe gateway's origins are added per response from its
# configured URLs (shop/core/csp.py), never for the sandbox.
import hashlib as _hashlib  # noqa: E402

from csp.constants import NONCE, NONE, SELF, UNSAFE_HASHES, UNSAFE_INLINE  # noqa: E402

# Oscar's few fixed inline handlers ("cancel" = history back, print, close a popup), allowed
# by hash only (CSP 3 'unsafe-hashes' on script-src-attr); any other handler is refused.
_OSCAR_INLINE_HANDLERS = (
    "history.go(-1);return false",
    "window.history.go(-1);return false",
    "window.print()",
    "window.close();return false;",
    "javascript:history.go(-1);",
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "script-src-attr": [
            UNSAFE_HASHES,
            *(
                f"'sha256-{base64.b64encode(_hashlib.sha256(h.encode()).digest()).decode()}'"
                for h in _OSCAR_INLINE_HANDLERS
            ),
        ],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
    # Wagtail's admin writes inline <script>s (date choosers, editor set-up) without a nonce;
    # it is for staff only. Django's admin runs under the policy.
    "EXCLUDE_URL_PREFIXES": ["/cms-admin/"],
}
# Wagtail's admin would load avatars from gravatar.com and ask releases.wagtail.org for
# updates: hosts outside mainland China's reach, and personal data (the hashed e-mail) sent out.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Security in production ------------------------------------------------------------------
# Behind a reverse proxy (nginx, a load balancer) that sets X-Forwarded-Proto and
# X-Forwarded-For: only then are those headers trusted (https detection, client IP for rate
# limits and login lockouts). Without a proxy a client could forge them.
SHOP_BEHIND_PROXY = env_bool("SHOP_BEHIND_PROXY", False)
if SHOP_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The folder exchange is a stand-in unless the operator says the E-port transfer client really
# reads and writes CUSTOMS_EXCHANGE_DIR (shop/core/startup.py refuses it otherwise).
CUSTOMS_EXCHANGE_FOLDER = env_bool("CUSTOMS_EXCHANGE_FOLDER", False)
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SHOP_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SHOP_SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("SHOP_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading is a per-domain decision that is hard to undo: off unless asked for.
    SECURE_HSTS_PRELOAD = env_bool("SHOP_HSTS_PRELOAD", False)

# Login lockout (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from one
# address, that pair is refused, right password included, for the cool-off; every login goes
# through authenticate(): Oscar's, the Django admin's and Wagtail's.
AXES_FAILURE_LIMIT = int(os.environ.get("SHOP_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=float(os.environ.get("SHOP_LOGIN_COOLOFF_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# One client-IP rule for lockouts and rate limits (proxy-aware only with SHOP_BEHIND_PROXY).
AXES_CLIENT_IP_CALLABLE = "shop.core.ratelimit.client_ip"
AXES_LOCKOUT_CALLABLE = "shop.core.login_protection.lockout_response"
# Counted per account, whatever letter case or e-mail/username form is typed.
AXES_USERNAME_CALLABLE = "shop.core.login_protection.lockout_username"
# Failed attempts are kept for the cool-off; successful logins are not logged (personal data).
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False  # no start-up banner on every command; lockouts are still logged
# Password reset e-mails: per client address and per e-mail address in a window (429 beyond).
SHOP_PASSWORD_RESET_LIMIT_PER_IP = int(os.environ.get("SHOP_PASSWORD_RESET_LIMIT_PER_IP", "10"))
SHOP_PASSWORD_RESET_LIMIT_PER_EMAIL = int(
    os.environ.get("SHOP_PASSWORD_RESET_LIMIT_PER_EMAIL", "3")
)
SHOP_PASSWORD_RESET_PERIOD_SECONDS = int(
    os.environ.get("SHOP_PASSWORD_RESET_PERIOD_SECONDS", "3600")
)

# ID numbers and mobile numbers never reach a log in clear: masked_logging puts the masking
# filter (shop/core/masking.py) on every handler declared here, and replaces Django's default
# handlers; tests/integration/test_privacy.py walks every logger to check.
LOGGING = masked_logging(
    {
        "version": 1,
        "disable_existing_loggers": False,
        "handlers": {"console": {"class": "logging.StreamHandler"}},
        "root": {"handlers": ["console"], "level": os.environ.get("SHOP_LOG_LEVEL", "INFO")},
        "loggers": {
            "django.db.backends": {"level": "INFO"},
            # Oscar logs every stock-alert run at INFO ("Sending alerts for ..."): noise.
            "oscar.alerts": {"level": "WARNING"},
            "oscar.communication": {"level": "WARNING"},
        },
    }
)
