"""ASGI entry point (``uvicorn shop.asgi:application``). Refuses to start on production
stand-ins with SHOP_DEBUG off, as shop/wsgi.py does."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

application = get_asgi_application()

from shop.core.startup import refuse_stand_ins  # noqa: E402  (needs django.setup() first)

refuse_stand_ins()
