"""WSGI entry point: ``gunicorn shop.wsgi`` (and ``manage.py runserver`` through
WSGI_APPLICATION). With SHOP_DEBUG off it refuses to start on production stand-ins
(shop/core/startup.py): the payment sandbox, the development customs signer, …"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

application = get_wsgi_application()

from shop.core.startup import refuse_stand_ins  # noqa: E402  (needs django.setup() first)

refuse_stand_ins()
