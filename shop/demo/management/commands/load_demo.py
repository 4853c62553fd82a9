"""python manage.py load_demo: a realistic demo shop, safe to run again (issue #3)."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from shop.demo.orders import demo_orders_create, demo_release
from shop.demo.services import demo_load


class Command(BaseCommand):
    help = (
        "Load the demo catalogue (60+ imported products in five languages), merchants, "
        "warehouses, experience stores and demo users. Idempotent: running it again updates "
        "the same records."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-images", action="store_true", help="Skip generating product images (faster)."
        )
        parser.add_argument(
            "--no-orders",
            action="store_true",
            help="Skip the paid demo orders whose customs messages wait in the outbox.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even with SHOP_DEBUG off (a staging database; never production).",
        )

    def handle(self, *args, **options):
        # Demo users, merchants and paid orders in a production database would be real accounts
        # and real-looking customs declarations (issue #10).
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "load_demo creates demo users, merchants and paid orders; it refuses to run with "
                "SHOP_DEBUG off (production). Run it with SHOP_DEBUG=1, or add --force to load "
                "the demo into this database anyway (a staging copy, never production)."
            )
        # Known demo passwords only while DEBUG is on; otherwise fresh random ones.
        if settings.DEBUG:
            password_for = lambda role: f"demo-{role}-2026"  # noqa: E731
        else:
            password_for = lambda role: secrets.token_urlsafe(12)  # noqa: E731
        report = demo_load(images=not options["no_images"], password_for=password_for)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {report.products} products in {report.categories} categories, "
                f"{report.merchants} merchants, {report.warehouses} warehouses, "
                f"{report.stores} experience stores."
            )
        )
        # A kiosk of the first demo store and two staff codes (issue #14)
        from shop.kiosk.demo import demo_kiosk_create

        kiosk = demo_kiosk_create()
        if kiosk:
            pairing = (
                f"pairing code {kiosk.pairing_code} (valid {settings.SHOP_KIOSK_PAIRING_MINUTES} "
                "min, at /zh-hans/kiosk/pair/)"
                if kiosk.pairing_code
                else "already paired"
            )
            self.stdout.write(
                f"Demo kiosk: {kiosk.device}, {pairing}; staff codes "
                + ", ".join(f"{m.code} ({m.display_name})" for m in kiosk.staff)
            )
        if not options["no_orders"]:
            shopper = get_user_model().objects.get(email="shopper@example.com")
            orders = demo_orders_create(user=shopper)
            if orders:
                count = sum(order.declarations.count() for order in orders)
                self.stdout.write(
                    f"Paid demo orders: {', '.join(str(o.number) for o in orders)} ({count} customs "
                    "declarations; `manage.py customs_send --once` writes their messages to "
                    f"{settings.CUSTOMS_EXCHANGE_DIR}/out)."
                )
                if demo_release(orders[0]):
                    self.stdout.write(
                        f"Order {orders[0].number} went through the local customs simulator and "
                        "is released: the demo shopper can return it (see README, Returns)."
                    )
        if not settings.DEBUG:
            self.stdout.write(
                self.style.WARNING("DEBUG is off: demo users got random passwords, shown once.")
            )
        self.stdout.write("Demo users (email / password; existing accounts are never changed):")
        for email, password, what in report.users:
            self.stdout.write(f"  {what:<28} {email:<28} {password}")
