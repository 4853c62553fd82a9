"""Background work of the customs app, on the ``customs`` queue of django-tasks
(``manage.py db_worker --queue-name customs``)."""

import logging

from django_tasks import task

from .outbox import outbox_deliver

logger = logging.getLogger("shop.customs.outbox")


@task(queue_name="customs")
def deliver_outbox_message(message_id: int) -> str:
    # ``outbox_deliver`` records every failure of the message itself; what still escapes (the
    # database, say) is logged here and the message stays due for ``customs_send``.
    try:
        return outbox_deliver(message_id=message_id)
    except Exception:
        logger.exception("customs outbox message %s could not be processed", message_id)
        return "error"
