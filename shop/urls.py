from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from shop.core import seo
from shop.core.login_protection import PasswordResetView
from shop.kiosk import views as kiosk_views
from shop.payments.views import StripeWebhookView

# Not language-prefixed: back offices, machine endpoints, the language switch itself.
urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("cms-admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    # Stripe calls this; signature-verified, no language prefix
    path(
        "payments/stripe/webhook/",
        StripeWebhookView.as_view(),
        name="stripe-webhook",
    ),
    # For search engines, outside the language prefixes (issue #11): the sitemap index lists
    # every section's pages, each URL with its five language versions
    path("sitemap.xml", seo.sitemap_index, name="sitemap-index"),
    path("sitemap-<slug:section>.xml", seo.sitemap_section, name="sitemap-section"),
    path("robots.txt", seo.robots_txt, name="robots-txt"),
    # The kiosk's service worker at the root scope, for paired kiosks only (issue #14)
    path("kiosk-sw.js", kiosk_views.service_worker, name="kiosk-service-worker"),
    # monitoring (issue #17): pipeline health as JSON and Prometheus metrics, staff or token
    path("ops/", include("shop.stats.urls")),
]

# Every public page lives under /zh-hans/ /ko/ /ja/ /ru/ /en/. "/" is redirected by
# LocaleMiddleware from Accept-Language (zh-hans when nothing matches).
urlpatterns += i18n_patterns(
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    # Oscar's shop before Wagtail's catch-all, so /catalogue/ etc. never reach Wagtail.
    path("customs/", include("shop.customs.urls")),
    path("dashboard/customs/", include("shop.customs.dashboard_urls")),
    path("dashboard/payments/", include("shop.payments.dashboard_urls")),
    path("dashboard/rates/", include("shop.rates.dashboard_urls")),
    path("dashboard/imports/", include("shop.imports.dashboard_urls")),  # issue #12
    path("dashboard/traceability/", include("shop.traceability.dashboard_urls")),
    path("trace/", include("shop.traceability.urls")),  # 去向可查: batch look-up (issue #12)
    path("dashboard/kiosks/", include("shop.kiosk.dashboard_urls")),
    path("kiosk/", include("shop.kiosk.urls")),
    path("dashboard/statistics/", include("shop.stats.dashboard_urls")),
    path("payments/", include("shop.payments.urls")),
    # Oscar's password reset with a limit on the e-mails it sends (issue #10); same URL and name
    path("password-reset/", PasswordResetView.as_view(), name="password-reset"),
    # kiosk hand-off to the phone, shelf-label links, shelf labels (issue #14)
    path("", include("shop.attribution.urls")),
    path("dashboard/attribution/", include("shop.attribution.dashboard_urls")),
    path("", include(apps.get_app_config("oscar").urls[0])),
    # The Wagtail home page of the language (Oscar's templates link to it as 'home'), then
    # Wagtail's catch-all, last (issue #11).
    path("", wagtail_views.serve, {"path": ""}, name="home"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
